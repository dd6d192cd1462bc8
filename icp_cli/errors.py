"""Input errors: problems that stop a file from being checked (exit code 2)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
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

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


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


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt key or vocabulary value, or None."""
    by_folded = {str(c).casefold(): str(c) for c in choices}
    matches = difflib.get_close_matches(value.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f"did you mean '{by_folded[matches[0]]}'?" if matches else None
