"""`icp overlap`: load, analyse who sits where, render the cross-cutting view."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from icp_cli.commands.common import check_regime_name, emit, input_errors, regime_for
from icp_cli.console import rich_console, stdout_is_terminal
from icp_cli.exit_codes import ExitCode
from icp_cli.load.errors import InputErrors, UsageError, did_you_mean
from icp_cli.model import Membership
from icp_cli.output import check_writable
from icp_cli.safe_text import terminal_copy

if TYPE_CHECKING:
    from icp_cli.check.regimes import Regime
    from icp_cli.overlap.views import Overlap

PIPED_WIDTH = 80
MIN_WIDTH = 40
# Beyond this many rows and pairs, rich takes longer to lay the tables out than anyone
# would wait (a national file: ~20 s); the plain layout is the same, without colour.
RICH_LIMIT = 5_000


def parse_bodies(text: str | None, m: Membership) -> tuple[str, ...] | None:
    """`icb,icp` -> ('icb', 'icp'); unknown or repeated ids are usage errors."""
    if text is None:
        return None
    ids = tuple(part.strip() for part in text.split(",") if part.strip())
    if len(ids) < 2:
        raise UsageError(
            "--bodies needs at least two body ids, comma-separated",
            hint="for example --bodies icb,icp",
        )
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise UsageError(f"--bodies: {', '.join(repeated)} given more than once")
    for body_id in ids:
        if body_id not in m.bodies:
            known = ", ".join(m.bodies) or "none"
            raise UsageError(
                f"--bodies: no body '{body_id}' in {m.path}",
                hint=did_you_mean(body_id, m.bodies) or f"the bodies in the file: {known}",
            )
    return ids


def text_width(width: int | None, output: Path | None) -> int:
    """--width, else the terminal's width, else 80 (piped or written to a file)."""
    if width is not None:
        return width
    if output is None and stdout_is_terminal():
        return max(shutil.get_terminal_size((PIPED_WIDTH, 24)).columns, MIN_WIDTH)
    return PIPED_WIDTH


def run(
    path: Path,
    *,
    bodies: str | None,
    by: str,
    only_shared: bool,
    fmt: str,
    output: Path | None,
    force: bool,
    width: int | None,
    regime: str | None = None,
    timeout: str | None = None,
) -> int:
    from icp_cli.load import limits
    from icp_cli.load.builder import load_path
    from icp_cli.overlap.views import build

    if fmt == "xlsx" and output is None:
        raise UsageError("a workbook is binary: give it a file with -o, e.g. -o views.xlsx")
    check_regime_name(regime)
    bounds = limits.resolve(timeout=timeout)
    if output is not None:
        check_writable(output, force)

    def work() -> str | bytes | None:
        membership = load_path(path, bounds)
        chosen = regime_for(membership, regime)
        view = build(membership, by, parse_bodies(bodies, membership), only_shared)
        # The view is the same under every regime; under a proposed one it says so, once.
        return _render(view, membership, fmt, output, width, chosen)

    try:
        # One time bound for the whole command: reading, analysing and laying out.
        result = limits.bounded(
            work, bounds, str(path), doing="reading the file and laying out the overlap"
        )
    except InputErrors as exc:
        return input_errors(exc.errors, as_json=fmt == "json", output=output, force=force)
    if isinstance(result, bytes):
        from icp_cli.output import write_atomic

        assert output is not None
        write_atomic(output, result, force)
    elif result is not None:
        emit(result, output, force)
    return ExitCode.OK


def _render(
    view: Overlap,
    membership: Membership,
    fmt: str,
    output: Path | None,
    width: int | None,
    chosen: Regime,
) -> str | bytes | None:
    """The view as text (or a workbook's bytes), or None once drawn on the terminal."""
    notice = chosen.notice if chosen.proposed else None
    if fmt == "xlsx":
        from icp_cli.render.overlap.xlsx import render as render_xlsx

        return render_xlsx(view, membership)
    if fmt == "json":
        from icp_cli.render.json_out import dumps
        from icp_cli.render.overlap.json_out import document

        doc = document(view)
        if notice is not None:
            doc = {"version": doc.pop("version"), "regime": chosen.as_dict(), **doc}
        return dumps(doc)
    if fmt == "markdown":
        from icp_cli.render.check.markdown import escape
        from icp_cli.render.overlap.markdown import render as render_markdown

        lead = f"> **{escape(notice)}**\n\n" if notice else ""
        return lead + render_markdown(view)
    if output is None and stdout_is_terminal() and len(view.rows) + len(view.pairs) <= RICH_LIMIT:
        from icp_cli.render.overlap.styled import render as render_styled

        if notice:
            from rich.text import Text

            rich_console().print(Text(terminal_copy(notice), style="bold magenta"))
        render_styled(terminal_copy(view), rich_console(), text_width(width, output))
        return None
    from icp_cli.render.overlap.plain import render as render_plain

    lead = f"{notice}\n" if notice else ""
    return lead + render_plain(terminal_copy(view), text_width(width, output))
