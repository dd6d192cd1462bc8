"""Counting and listing words in user-facing English, written once.

``count(2, "seat")`` is "2 seats"; ``and_join(["A", "B", "C"])`` is "A, B and C".
"""

from __future__ import annotations

from collections.abc import Sequence


def count(n: int, word: str, plural: str | None = None) -> str:
    """'1 seat', '0 seats', '2 seats'; `plural` for a word that does not take an s
    ('body', 'bodies')."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def and_join(items: Sequence[str], last: str = "and") -> str:
    """'', 'A', 'A and B', 'A, B and C' (`last` is the final conjunction: 'A, B or C')."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
