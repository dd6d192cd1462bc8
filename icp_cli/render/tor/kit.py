"""Terms of reference as Markdown or HTML through Jinja: the built-in templates under
templates/tor/, or a user's own template in a sandbox.

Escaping: the context holds user text raw. The built-in templates pass every user value
through the `esc` filter, which escapes for the output format (Markdown: backslash escapes,
safe inside a table cell; HTML: entities). HTML is also rendered with autoescape on, so a
value that misses the filter is still escaped there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icp_cli import safe_text
from icp_cli.text import and_join, count

if TYPE_CHECKING:
    from jinja2 import Environment

TEXT_FORMATS = ("markdown", "html")

_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not \s: a no-break space in a name is kept
_BLANKS = re.compile(r"\n{3,}")
_USER_HTML = re.compile(r"\.(html?|xml)(\.(j2|jinja2?))?$", re.IGNORECASE)


class TemplateProblem(Exception):
    """A user's template could not be rendered: where (file and line) and why."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{self.location}: {message}")

    @property
    def location(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


# -- filters and helpers --------------------------------------------------------------------


def md_escape(value: object) -> str:
    """User text as literal Markdown on one line (safe_text.markdown)."""
    if type(value) is str:
        return _md_text(value)  # one escape per distinct text: roles and bodies repeat
    return safe_text.markdown(value)


def _html_escape(value: object) -> Any:
    if type(value) is str:
        return _html_text(value)
    return safe_text.html(value)


_md_text = functools.lru_cache(maxsize=4096)(safe_text.markdown)
_html_text = functools.lru_cache(maxsize=4096)(safe_text.html)


def _html_plain(value: object) -> str:
    """`_html_escape` as a plain str, for text put together without markupsafe."""
    return str(_html_escape(value))


def _squash(value: object) -> Any:
    """Fold a block's whitespace to single spaces, keeping HTML markup marked safe."""
    from markupsafe import Markup

    text = _SPACE.sub(" ", str(value)).strip()
    return Markup(text) if isinstance(value, Markup) else text


def _andjoin(items: Iterable[object]) -> Any:
    """'a', 'a and b', 'a, b and c' — safe markup stays safe, anything else is escaped when
    any item is markup."""
    from markupsafe import Markup, escape

    values = list(items)
    if any(isinstance(v, Markup) for v in values):
        return Markup(and_join([str(escape(v)) for v in values]))
    return and_join([str(v) for v in values])


def _capfirst(value: object) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def tidy(text: str, fmt: str = "markdown") -> str:
    """Strip indentation and trailing space from every line and fold runs of blank lines
    (HTML: drop them): the templates can be indented for reading without changing the
    output."""
    # Only "\n" ends a line here: str.splitlines() would also break at characters a name
    # may hold (U+2028, NEL, VT, FF, FS), turning the rest of it into a line of its own.
    lines = [line.strip() for line in text.split("\n")]
    if fmt == "html":
        return "\n".join(line for line in lines if line) + "\n"
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


# -- the kit: building blocks of the built-in templates ---------------------------------------

TBD = "[TO BE AGREED: {}]"  # a placeholder for what the file does not say


class Kit:
    """The building blocks the built-in templates call as `k.…`, for one format.

    Blocks that wrap a caller's text (`h`, `p`, `ul`, `li`, `table`, `strong`, `begin`,
    `end`) are the macros of templates/tor/kit/<format>.j2. The leaves are written here, in
    Python: a table row (`row`), a placeholder (`tbd`) and the membership table's rows
    (`seat_rows`), which is one row per seat and would otherwise cost a macro call each.

    Escaping is the same as in a template: user text goes through `esc` (the one Markdown
    or HTML escape, safe_text), and in HTML anything else that reaches a cell or a
    placeholder is escaped too, as autoescaping would. The seat table is built as plain
    text from escaped parts and marked safe once, whole: markupsafe's operations on each
    part would cost more than the rest of the row.
    """

    def __init__(self, fmt: str, macros: Any) -> None:
        self._macros = macros
        self.html = fmt == "html"
        self._plain = _html_plain if self.html else md_escape  # esc, as a plain str
        # A table row: its start, the separator between its cells and its end.
        self._row = ("<tr><td>", "</td><td>", "</td></tr>") if self.html else ("| ", " | ", " |")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._macros, name)

    def tbd(self, text: object) -> Any:
        """`[TO BE AGREED: text]`; in HTML marked, for Word to highlight."""
        if self.html:
            from markupsafe import Markup, escape

            return Markup(f'<mark class="tbd">{TBD.format(escape(text))}</mark>')
        return TBD.format(text)

    def row(self, cells: Iterable[object]) -> Any:
        """One table row of already escaped cells (in HTML, a cell that is not markup is
        escaped here)."""
        start, between, end = self._row
        if self.html:
            from markupsafe import Markup, escape

            return Markup(start + between.join([escape(c) for c in cells]) + end)
        return start + between.join(map(str, cells)) + end

    def seat_rows(self, seats: Iterable[Mapping[str, Any]], by_post: bool) -> Any:
        """The membership table's rows, one per seat, one line each: name (left out by
        post), role, organisation, seat kinds, attendance (docs/terms-of-reference.md)."""
        text = self._plain
        start, between, end = self._row
        join = between.join

        def tbd(what: str) -> str:
            return str(self.tbd(what))

        no_role = tbd("post" if by_post else "role")
        no_organisation = tbd("organisation")
        no_seat: dict[object, str] = {}  # by sector label: a few distinct placeholders
        chair = text("Chair")
        # The words added below hold no Markdown or HTML syntax: they need no escape.
        rows = []
        for s in seats:
            kinds = [text(label) for label in s["seat_labels"]]
            if s["is_chair"] and "chair" not in s["seats"] and "co-chair" not in s["seats"]:
                kinds.append(chair)
            if kinds:
                seat = "; ".join(kinds)
            else:
                sector = s["sector_label"]
                if sector not in no_seat:
                    no_seat[sector] = tbd(f"seat ({sector})" if sector else "seat")
                seat = no_seat[sector]
            attendance = text(s["attendance_label"])
            if s["is_member"] and not s["voting"]:
                attendance += " (non-voting)"
            if s["substitute_for"] and not by_post:
                attendance += " for " + text(s["substitute_for"])
            role = text(s["role"]) if s["role"] else no_role
            organisation = text(s["organisation"]) if s["organisation"] else no_organisation
            if by_post:
                cells = join((role, organisation, seat, attendance))
            else:
                cells = join((text(s["name"]), role, organisation, seat, attendance))
            rows.append(start + cells + end)
        if self.html:
            from markupsafe import Markup

            return Markup("\n".join(rows))
        return "\n".join(rows)


# -- built-in templates --------------------------------------------------------------------


def cache_dir() -> Path | None:
    """Where compiled built-in templates are kept between runs, or None for no cache.

    `ICP_CACHE_DIR` when set (empty: no cache), else the user's cache folder
    (`$XDG_CACHE_HOME`, `~/.cache`, or `%LOCALAPPDATA%` on Windows) under `icp/`. The
    folder is keyed by the versions of icp, Jinja and Python, so an upgrade starts afresh.
    """
    import os
    import sys

    from jinja2 import __version__ as jinja_version

    from icp_cli import __version__

    chosen = os.environ.get("ICP_CACHE_DIR")
    if chosen is not None:
        if not chosen.strip():
            return None
        root = Path(chosen)
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        root = Path(os.environ["LOCALAPPDATA"]) / "icp" / "Cache"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or ""
        root = (Path(base) if Path(base).is_absolute() else Path.home() / ".cache") / "icp"
    python = f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}"
    return root / f"templates-{__version__}-jinja{jinja_version}-{python}"


def _bytecode_cache(fmt: str) -> Any:
    """A Jinja bytecode cache in cache_dir(); None when it cannot be made. A folder that
    cannot be written or read is not an error: the templates are then compiled in memory.

    Entries are per format: autoescaping (HTML) is compiled into a template's code, and
    Jinja keys an entry by the template's name and source only."""
    import contextlib

    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # an unreadable or damaged entry: compile afresh
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):  # a read-only or full cache folder
                super().dump_bytecode(bucket)

    try:
        folder = cache_dir()
        if folder is None:
            return None
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (OSError, RuntimeError):  # no home folder, or one that cannot be written
        return None
    return QuietCache(str(folder), pattern=f"{fmt}-%s.cache")


_ENVIRONMENTS: dict[str, Environment] = {}


def _builtin_environment(fmt: str) -> Environment:
    """The built-in templates' environment for a format, made once per process; compiled
    templates come from the bytecode cache when an earlier run left them there."""
    env = _ENVIRONMENTS.get(fmt)
    if env is not None:
        return env
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from icp_cli.resources import templates_dir

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=fmt == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(fmt),
        auto_reload=False,
    )
    env.filters.update(
        esc=_html_escape if fmt == "html" else md_escape,
        squash=_squash,
        andjoin=_andjoin,
        capfirst=_capfirst,
    )
    env.globals["count"] = count
    env.globals["k"] = Kit(fmt, env.get_template(f"tor/kit/{fmt}.j2").module)
    _ENVIRONMENTS[fmt] = env
    return env


def render_builtin(context: Mapping[str, Any], fmt: str) -> str:
    """The draft terms of reference for the context's body, as Markdown or HTML."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"not a text format: {fmt}")
    env = _builtin_environment(fmt)
    template = env.get_template(f"tor/types/{context['template_type']}.j2")
    return tidy(template.render(dict(context)), fmt)


# -- a user's own template, sandboxed -------------------------------------------------------


def render_user(path: Path, context: Mapping[str, Any], fmt: str) -> str:
    """Render the user's template at `path` with the same context as the built-in ones, in a
    sandbox where an undefined name is an error. Any problem -> TemplateProblem."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError

    from icp_cli.render.tor.sandbox import BoundedSandbox, OutputTooLong, bounded_output

    shown = str(path)
    if not path.is_file():
        raise TemplateProblem(shown, None, "no such template file")
    try:
        source_dir = path.resolve().parent
    except OSError as exc:
        raise TemplateProblem(shown, None, f"cannot read the template ({exc.strerror})") from None
    html = fmt == "html" or bool(_USER_HTML.search(path.name))
    env = BoundedSandbox(
        loader=FileSystemLoader(str(source_dir)),
        autoescape=html,
        undefined=StrictUndefined,
        keep_trailing_newline=True,  # otherwise Jinja's defaults: what a template author expects
    )
    env.filters.update(
        esc=_html_escape if html else md_escape,
        md=md_escape,
        html=_html_escape,
        squash=_squash,
        andjoin=_andjoin,
        capfirst=_capfirst,
    )
    env.globals.update(count=count, tbd=lambda text: TBD.format(text))
    env.guard_filters()

    def where(filename: str | None) -> str:
        if filename is None:
            return shown
        try:
            rel = Path(filename).resolve().relative_to(source_dir)
        except (OSError, ValueError):
            return filename
        return shown if rel == Path(path.name) else str(Path(shown).parent / rel)

    try:
        template = env.get_template(path.name)
        return bounded_output(template.generate(dict(context)))
    except OutputTooLong as exc:
        filename, line = exc.where
        raise TemplateProblem(where(filename), line, exc.message or str(exc)) from None
    except TemplateSyntaxError as exc:
        raise TemplateProblem(where(exc.filename), exc.lineno, exc.message or str(exc)) from None
    except UnicodeDecodeError:
        raise TemplateProblem(shown, None, "the template is not UTF-8 text") from None
    except Exception as exc:
        # The template is the user's program: any error in it is theirs to fix, not a bug
        # in icp. Point at the innermost template line the error passed through.
        filename, line = _template_frame(exc, source_dir)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if not isinstance(exc, TemplateError):
            message = f"{type(exc).__name__}: {message}"
        raise TemplateProblem(where(filename), line, message) from None


def _template_frame(exc: BaseException, folder: Path) -> tuple[str | None, int | None]:
    """The last traceback frame in one of the user's template files (Jinja rewrites its
    frames to carry the template's file name and line)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    prefix = str(folder)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(prefix) and not filename.endswith(".py"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
