"""`icp overlap`: load, analyse who sits where, render the cross-cutting view."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..console import print_input_errors, rich_console, stdout_is_terminal
from ..errors import InputErrors, UsageError, did_you_mean
from ..model import Membership
from ..output import check_writable
from .common import emit

if TYPE_CHECKING:
    from ..overlap import Overlap

EXIT_OK, EXIT_ERROR = 0, 2
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
    timeout: str | None = None,
) -> int:
    from .. import limits
    from ..loader import load_path
    from ..overlap import build

    bounds = limits.resolve(timeout=timeout)
    if output is not None:
        check_writable(output, force)

    def work() -> str | None:
        membership = load_path(path, bounds)
        view = build(membership, by, parse_bodies(bodies, membership), only_shared)
        return _render(view, fmt, output, width)

    try:
        # One time bound for the whole command: reading, analysing and laying out.
        text = limits.bounded(
            work, bounds, str(path), doing="reading the file and laying out the overlap"
        )
    except InputErrors as exc:
        if fmt == "json":
            from ..render.json_out import render_errors

            emit(render_errors(exc.errors), output, force)
        # On stderr in every format, as cli.md says; the JSON object is for programs.
        print_input_errors(exc.errors)
        return EXIT_ERROR
    if text is not None:
        emit(text, output, force)
    return EXIT_OK


def _render(view: Overlap, fmt: str, output: Path | None, width: int | None) -> str | None:
    """The view as text, or None once it has been drawn on the terminal."""
    if fmt == "json":
        from ..render.overlap_json import render as render_json

        return render_json(view)
    if fmt == "markdown":
        from ..render.overlap_markdown import render as render_markdown

        return render_markdown(view)
    if output is None and stdout_is_terminal() and len(view.rows) + len(view.pairs) <= RICH_LIMIT:
        from ..render.overlap_styled import render as render_styled

        render_styled(view, rich_console(), text_width(width, output))
        return None
    from ..render.overlap_plain import render as render_plain

    return render_plain(view, text_width(width, output))
