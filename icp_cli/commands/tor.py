"""`icp terms-of-reference`: load, choose the body, build the context, render, write."""

from __future__ import annotations

from pathlib import Path

from icp_cli.commands.common import check_regime_name, emit, input_errors, regime_for
from icp_cli.console import print_error, print_input_errors
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputError, InputErrors, UsageError, did_you_mean
from icp_cli.model import Body, Membership
from icp_cli.output import check_writable, write_atomic
from icp_cli.safe_text import map_text, visible

FORMATS = ("text", "json", "markdown", "html", "docx")
_BY_EXTENSION = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".json": "json",
}
# `text` is the Markdown document: Markdown is the terms of reference's text form.
_SAME_AS = {"text": "markdown"}


def resolve_format(fmt: str | None, output: Path | None) -> str:
    """--format if given, else what the --output name implies, else Markdown. A --format
    that contradicts a known --output extension is a usage error: writing HTML into a file
    named .docx helps nobody."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(
            f"--format: '{fmt}' is not one of {', '.join(FORMATS)}",
            hint=did_you_mean(fmt, FORMATS),
        )
    implied = _BY_EXTENSION.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return implied or "markdown"
    if implied is not None and implied != _SAME_AS.get(fmt, fmt):
        raise UsageError(
            f"--format {fmt} does not match --output {output} (a {implied} file name)",
            hint=f"leave out --format, or give a file name ending in "
            f"{_extension_for(fmt)}",
        )
    return fmt


def _extension_for(fmt: str) -> str:
    return {
        "text": ".md",
        "markdown": ".md",
        "html": ".html",
        "docx": ".docx",
        "json": ".json",
    }[fmt]


# The body `terms-of-reference` drafts when --body is not given (docs/spec/cli.md).
DEFAULT_BODY = "icp"


# Which body a command means is a command-line matter: the analysis never raises a usage
# error of its own.
def choose_body(m: Membership, body_id: str | None) -> Body:
    """The body named by --body; without it, the body whose id is `icp` (whatever its type),
    else the file's only body of type icp. Anything else is a usage error."""
    ids = list(m.bodies)
    if body_id is None:
        if DEFAULT_BODY in m.bodies:
            return m.bodies[DEFAULT_BODY]
        icps = m.icps
        if len(icps) == 1:
            return icps[0]
        if icps:
            raise UsageError(
                f"{m.path} has no body with the id '{DEFAULT_BODY}' and {len(icps)} ICPs "
                f"({', '.join(b.id for b in icps)}): choose one with --body",
                hint=f"for example: --body {icps[0].id}",
            )
        raise UsageError(
            f"{m.path} has no body with the id '{DEFAULT_BODY}' and no ICP (a body of type "
            "'icp'): choose a body with --body",
            hint="bodies: " + ", ".join(ids) if ids else None,
        )
    body = m.bodies.get(body_id)
    if body is None:
        raise UsageError(
            f"no body '{body_id}' in {m.path}",
            hint=did_you_mean(body_id, ids) or ("bodies: " + ", ".join(ids) if ids else None),
        )
    return body


def run(
    path: Path,
    *,
    body: str | None,
    fmt: str | None,
    template: Path | None,
    output: Path | None,
    force: bool,
    reference_docx: Path | None = None,
    by_post: bool = False,
    regime: str | None = None,
    timeout: str | None = None,
) -> int:
    check_regime_name(regime)
    chosen_format = resolve_format(fmt, output)
    chosen_format = _SAME_AS.get(chosen_format, chosen_format)
    if chosen_format == "docx" and template is not None:
        raise UsageError(
            "--template renders text; it cannot make a .docx",
            hint="render your template to .md or .html, or drop --template for the built-in "
            "Word document",
        )
    if chosen_format == "json" and template is not None:
        raise UsageError(
            "--template renders your own document; it cannot be combined with --format json",
            hint="drop --template for the built-in document as JSON, or render your template "
            "to .md or .html",
        )
    if chosen_format == "docx" and output is None:
        raise UsageError(
            "a Word document is binary: give it a file with -o, e.g. -o tor.docx",
        )
    if reference_docx is not None and chosen_format != "docx":
        raise UsageError(
            "--reference-docx gives a Word document's styles; it needs Word output",
            hint="write to a .docx file, e.g. -o tor.docx",
        )
    if output is not None:
        check_writable(output, force)
    if reference_docx is not None:
        from icp_cli.render.tor.word import check_reference

        problem = check_reference(reference_docx)
        if problem is not None:
            print_input_errors([problem])
            return ExitCode.ERROR
    if template is not None and not template.is_file():
        print_input_errors([InputError(str(template), _missing(template))])
        return ExitCode.ERROR

    from icp_cli.check.engine import CheckOptions, check_membership
    from icp_cli.load import limits
    from icp_cli.load.builder import load_path
    from icp_cli.tor.context import DRAFTING_CODES, build_context

    bounds = limits.resolve(timeout=timeout)

    def work() -> str | bytes:
        membership = load_path(path, bounds)
        chosen = choose_body(membership, body)
        drafted_under = regime_for(membership, regime)
        # Only the rules whose findings the draft reports (its drafting notes): the others,
        # file-wide name matching above all, would cost more than the draft itself.
        drafting = CheckOptions(select=tuple(sorted(DRAFTING_CODES)))
        findings = check_membership(membership, drafting, regime=drafted_under.name).findings
        context = build_context(membership, chosen, findings, drafted_under, by_post=by_post)
        if template is not None:
            from icp_cli.render.tor.kit import render_user

            # A template may print a value unescaped: no raw control character then.
            return render_user(template, map_text(context, visible), chosen_format)
        if chosen_format == "docx":
            from icp_cli.render.tor.word import render_docx

            return render_docx(context, reference_docx)
        from icp_cli.render.tor.kit import render_builtin

        if chosen_format == "json":
            from icp_cli.render.tor.json_out import render as render_json

            return render_json(membership.path, context, render_builtin(context, "markdown"))
        return render_builtin(context, chosen_format)

    from icp_cli.render.tor.kit import TemplateProblem

    try:
        # One time bound for the whole command: a template is a program, and a loop
        # inside a loop could run for hours.
        result = limits.bounded(
            work,
            bounds,
            str(path if template is None else template),
            doing="reading the file and rendering the terms of reference"
            if template is None
            else "rendering the template",
            hint=None
            if template is None
            else "look for a loop inside a loop, or over a long range(); the limit is set "
            f"with --timeout or {limits.ENV_TIMEOUT}",
        )
    except TemplateProblem as problem:
        print_error(problem.location, problem.message)
        return ExitCode.ERROR
    except InputErrors as exc:
        return input_errors(exc.errors, as_json=chosen_format == "json", output=output, force=force)
    if isinstance(result, bytes):
        assert output is not None
        write_atomic(output, result, force)
    else:
        emit(result, output, force)
    return ExitCode.OK


def _missing(template: Path) -> str:
    if template.is_dir():
        return "is a folder; --template needs a Jinja template file"
    return "no such template file"
