"""Small text tools written once: counting and listing words in user-facing English, and
regular expressions compiled when first used.

``count(2, "seat")`` is "2 seats"; ``and_join(["A", "B", "C"])`` is "A, B and C".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """`re.compile(pattern, flags)`, done on the first call and kept. Python compiles
    expressions in Python: a module-level pattern that most runs never use (one for an
    error message, a rare option or a Markdown report) is start-up time spent for
    nothing, and a character class over thousands of code points costs more than most
    runs spend using it."""
    return functools.cache(lambda: re.compile(pattern, flags))


def count(n: int, word: str, plural: str | None = None) -> str:
    """'1 seat', '0 seats', '2 seats'; `plural` for a word that does not take an s
    ('body', 'bodies')."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def and_join(items: Sequence[str], last: str = "and") -> str:
    """'', 'A', 'A and B', 'A, B and C' (`last` is the final conjunction: 'A, B or C')."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
