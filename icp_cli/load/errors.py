"""Input errors: problems that stop a file from being checked (exit code 2)."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable

from icp_cli.immutable import frozen


@frozen
class InputError:
    """One problem with an input file, with a 1-based position where one exists."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


class InputErrors(Exception):
    """Raised by the loader with every problem found in one file."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = sorted(
            errors,
            key=lambda e: (e.path, e.line is None, e.line or 0, e.column or 0, e.message),
        )
        super().__init__(f"{len(self.errors)} input error(s)")


class UsageError(Exception):
    """A problem with how the command was called (exit code 2)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


# Beyond this many choices a hint compares the value with a few likely ones, found through
# an index of three-letter pieces, instead of with every one: 5,000 misspelt ids against
# 5,000 people would otherwise cost 25 million comparisons.
_INDEXED_FROM = 200
_CANDIDATES = 200
_LONGEST = 200


class _Last:
    """The choices of the last call, kept so that a loop asking about one file's ids
    does not copy them once per unknown id."""

    choices: object = None
    size = 0
    listed: tuple[object, ...] = ()


def did_you_mean(value: str, choices: Iterable[object]) -> str | None:
    """A 'did you mean' hint for a misspelt key or vocabulary value, or None."""
    if len(value) > _LONGEST:
        return None  # not a misspelt id or key: comparing it would only cost time
    if (
        isinstance(choices, dict | set | frozenset | tuple | list)
        and _Last.choices is choices
        and len(choices) == _Last.size
    ):
        listed = _Last.listed  # the same choices as the last call: the loader's loop
    else:
        listed = tuple(choices)
        if isinstance(choices, dict | set | frozenset | tuple | list):
            _Last.choices, _Last.size, _Last.listed = choices, len(choices), listed
    if len(listed) < _INDEXED_FROM:
        by_folded = {str(c).casefold(): str(c) for c in listed}
        candidates: Iterable[str] = by_folded
    else:
        by_folded, postings = _index(listed)
        from rapidfuzz import fuzz, process

        # The same measure as difflib's ratio (matching characters over both lengths).
        best = process.extractOne(
            value.casefold(), _likely(value.casefold(), postings), scorer=fuzz.ratio,
            score_cutoff=60,
        )
        return f"did you mean '{by_folded[best[0]]}'?" if best else None
    matches = difflib.get_close_matches(value.casefold(), list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{by_folded[matches[0]]}'?" if matches else None


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@functools.lru_cache(maxsize=8)
def _index(choices: tuple[object, ...]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Folded choice -> choice, and three-letter piece -> the folded choices holding it.
    Cached: a file with many unknown ids asks about the same choices each time."""
    by_folded = {str(c).casefold(): str(c) for c in choices}
    postings: dict[str, list[str]] = {}
    for folded in by_folded:
        for piece in _trigrams(folded[:_LONGEST]):
            postings.setdefault(piece, []).append(folded)
    return by_folded, postings


def _likely(value: str, postings: dict[str, list[str]]) -> list[str]:
    """At most _CANDIDATES choices sharing the value's rarest three-letter pieces: a close
    match shares most of its pieces, so it shares some of the rare ones."""
    pieces = sorted(
        (p for p in _trigrams(value) if p in postings), key=lambda p: len(postings[p])
    )
    found: dict[str, None] = {}
    for piece in pieces:
        for folded in postings[piece][:_CANDIDATES]:
            found[folded] = None
        if len(found) >= _CANDIDATES:
            break
    return list(found)[:_CANDIDATES]
