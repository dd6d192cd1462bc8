"""`icp slim`: plan the moves that bring a body down to N member seats, show or apply them."""

from __future__ import annotations

import codecs
from pathlib import Path

from icp_cli.commands.common import emit
from icp_cli.commands.diff import project_options
from icp_cli.console import print_input_errors, rich_console, stdout_is_terminal
from icp_cli.design.slim import Setting, default_route_name
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputErrors, UsageError, did_you_mean
from icp_cli.model import Body, Membership
from icp_cli.output import check_writable, write_atomic


class PlanNotProved(RuntimeError):
    """The edited file did not check as the plan said: a bug, never written."""


def _body(m: Membership, body_id: str) -> Body:
    body = m.bodies.get(body_id)
    if body is None:
        known = ", ".join(m.bodies) or "none"
        raise UsageError(
            f"--body: no body '{body_id}' in {m.path}",
            hint=did_you_mean(body_id, m.bodies) or f"the bodies in the file: {known}",
        )
    return body


def _setting(m: Membership, body: Body, into: str | None, as_participant: bool) -> Setting:
    if as_participant:
        if into is not None:
            raise UsageError(
                "--into and --as participant: choose one",
                hint="--into names the route moved seats go to; --as participant keeps them "
                "as participants",
            )
        return Setting(True, "", None)
    names = [e.name for e in m.engagement]
    if into is not None:
        if into not in names:
            raise UsageError(
                f"--into: no engagement route named '{into}' in {m.path}",
                hint=did_you_mean(into, names)
                or "name an entry of 'engagement', or leave --into out to create a route",
            )
        return Setting(False, into, names.index(into))
    name = default_route_name(body)
    return Setting(False, name, names.index(name) if name in names else None)


def _read(path: Path) -> tuple[bytes, str]:
    from icp_cli.load import limits
    from icp_cli.load.source import decode, read_bytes

    data = read_bytes(
        path,
        str(path),
        limits.resolve().max_bytes,
        too_big="raise the limit with ICP_MAX_BYTES",
        missing="give the path of a membership YAML file",
    )
    return data, decode(data, str(path))


def run(
    path: Path,
    *,
    body_id: str,
    to: int,
    into: str | None,
    as_participant: bool,
    fmt: str,
    write: bool,
    output: Path | None,
    force: bool,
    regime: str | None,
) -> int:
    from icp_cli.check.engine import check_membership
    from icp_cli.commands.common import check_regime_name
    from icp_cli.design.slim import new_findings, plan
    from icp_cli.design.slim_edit import apply_plan
    from icp_cli.load import limits
    from icp_cli.load.builder import load_text

    check_regime_name(regime)

    if write and output is not None:
        raise UsageError(
            "--write and --output: choose one",
            hint="--write edits FILE in place; --output writes the edited file elsewhere",
        )
    if output is not None:
        check_writable(output, force)
    shown = str(path)
    try:
        data, text = _read(path)
        m = load_text(text, shown, limits.resolve())
    except InputErrors as exc:
        if fmt == "json":
            from icp_cli.render.json_out import render_errors

            emit(render_errors(exc.errors), None, False)
        print_input_errors(exc.errors)
        return ExitCode.ERROR
    body = _body(m, body_id)
    setting = _setting(m, body, into, as_participant)
    options, _ = project_options(path.parent)
    found = plan(m, body, to, setting, options, regime)

    indexes = [move.seat.index for move in found.moves]
    route = m.engagement[setting.route_index] if setting.route_index is not None else None
    added = [s for s in found.route_involves if route is None or s not in route.involves]
    new_text = apply_plan(
        text,
        shown,
        body.id,
        indexes,
        as_participant=found.as_participant,
        route_name=found.route_name,
        route_index=setting.route_index,
        sectors=added,
        kind="assembly",
    )
    # The proof: the file as it would be written, loaded and checked again.
    try:
        edited = load_text(new_text, shown, limits.resolve())
    except InputErrors as exc:
        raise PlanNotProved(f"the edited file does not load: {exc.errors[0].message}") from None
    result = check_membership(edited, options, regime=regime)
    fresh = new_findings(found.findings_before, result.findings)
    size = sum(1 for s in edited.bodies[body.id].members if s.is_member)
    if fresh or size != found.after:
        raise PlanNotProved("the edited file does not check as planned")
    found.findings_after = result.findings

    import difflib

    patch = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True), new_text.splitlines(keepends=True), shown, shown
        )
    )
    written = None
    if found.reached and found.moves and (write or output is not None):
        payload = new_text
        if data.startswith(codecs.BOM_UTF8):
            payload = "\ufeff" + payload
        if write:
            current, _ = _read(path)
            if current != data:
                raise UsageError(
                    f"{shown}: changed since it was read; not written",
                    hint="run 'icp slim' again on the file as it is now",
                )
            write_atomic(path, payload, force=True)
        else:
            assert output is not None
            write_atomic(output, payload, force)
        written = str(output or path)

    if (write or output is not None) and not found.reached:
        import sys

        sys.stderr.write(
            f"icp: not written: '{body.id}' cannot come down to {to} member seats "
            f"(the smallest size reachable is {found.reachable})\n"
        )
    from icp_cli.render.design import slim as render

    show_patch = written is None and not (write or output is not None)
    if fmt == "json":
        emit(render.render_json(found, patch, written), None, False)
    elif stdout_is_terminal():
        render.render_styled(found, patch if show_patch else None, written, rich_console())
    else:
        emit(render.render_plain(found, patch if show_patch else None, written), None, False)
    return ExitCode.OK if found.reached else ExitCode.FINDINGS
