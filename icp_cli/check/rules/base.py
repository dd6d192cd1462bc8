"""What a rule is, and the decorator that registers one."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from icp_cli.check.findings import Note, Severity
from icp_cli.immutable import frozen
from icp_cli.model import Body, Pos, Seat

if TYPE_CHECKING:
    from icp_cli.check.context import Context

EXPLANATION_HEADINGS = ("What it checks", "Why it matters", "How to fix", "Example")


@frozen
class Hit:
    """What a rule reports; the engine adds the rule's code, name, severity and the path."""

    message: str
    pos: Pos
    body: str | None = None
    people: tuple[str, ...] = ()
    hint: str | None = None
    # Which part of a rule's check this is (R303's `partner-local-authority` gap, R306's
    # `healthwatch` gap), so that a regime can leave that part out (regimes.py).
    aspect: str | None = None

    @classmethod
    def on_members(
        cls,
        body: Body,
        message: str,
        *,
        people: tuple[str, ...] = (),
        hint: str | None = None,
        aspect: str | None = None,
    ) -> Hit:
        """A finding about a body's membership as a whole: at its `members` key
        (docs/spec/rules.md, Where a finding points)."""
        return cls(message, body.members_pos, body.id, people, hint, aspect)

    @classmethod
    def on_body(cls, body: Body, message: str, *, hint: str | None = None) -> Hit:
        """A finding about a body itself (C601, the V rules): at the body's key."""
        return cls(message, body.pos, body.id, hint=hint)

    @classmethod
    def at_seat(
        cls, seat: Seat, message: str, *, hint: str | None = None, aspect: str | None = None
    ) -> Hit:
        """A finding about one seat: at its member entry, naming its holder."""
        return cls(message, seat.pos, seat.body, (seat.person.ref,), hint, aspect)


CheckFunction = Callable[["Context"], Iterable[Hit | Note]]


@frozen
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str  # the check function's docstring, as written (indented)
    source: str
    check: CheckFunction
    needs: frozenset[str] = frozenset()  # body types the file must have for the rule to run
    completeness: bool = False  # skipped for `partial: true` bodies

    @property
    def explanation(self) -> str:
        """Markdown with the EXPLANATION_HEADINGS as '## ' headings: the docstring without
        its indentation (made when asked: `icp check` never shows it)."""
        return _cleandoc(self.doc)

    @property
    def family(self) -> str:
        return self.code[0]


@functools.cache
def _cleandoc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


_REGISTERED: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    source: str,
    *,
    needs: Iterable[str] = (),
    completeness: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as a rule; its docstring is the explanation."""

    def register(check: CheckFunction) -> CheckFunction:
        if code in _REGISTERED:
            raise ValueError(f"rule {code} is registered twice")
        doc = check.__doc__ or ""
        _check_metadata(code, doc, source)
        _REGISTERED[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            doc=doc,
            source=source,
            check=check,
            needs=frozenset(needs),
            completeness=completeness,
        )
        return check

    return register


_HEADING = re.compile(r"^[ \t]*## [ \t]*(.*?)[ \t]*$", re.MULTILINE)


def _check_metadata(code: str, doc: str, source: str) -> None:
    """Refuse, at registration, a rule whose doc lacks the fixed headings (in order) or
    whose source is empty: `icp explain`, SARIF help and the docs pages rely on both."""
    if not source.strip():
        raise ValueError(f"rule {code} names no source")
    headings = _HEADING.findall(doc)
    if headings[: len(EXPLANATION_HEADINGS)] != list(EXPLANATION_HEADINGS):
        raise ValueError(
            f"rule {code}'s doc must have the headings {', '.join(EXPLANATION_HEADINGS)} in "
            f"that order; it has {', '.join(headings) or 'none'}"
        )


def registered() -> dict[str, Rule]:
    return _REGISTERED
