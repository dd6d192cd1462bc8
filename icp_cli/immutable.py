"""`@frozen`: the model's records are immutable to the type checker, plain slotted classes
at run time.

`dataclass(frozen=True)` guards every attribute at run time by making `__init__` set each
field through `object.__setattr__`: a seat of 28 fields then costs 3.8 µs to make instead
of 1, and a national check makes hundreds of thousands of records. The guard is kept where
it catches mistakes, in `mypy icp_cli` (run by CI), which refuses any assignment to a field
of a `@frozen` class (PEP 681's `frozen_default`); equality and hashing are as a frozen
dataclass's (by value), or by identity with `eq=False`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...
@overload
def frozen(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True)
def frozen(cls: Any = None, /, *, eq: bool = True) -> Any:
    """A slotted dataclass, hashable by value (`eq=True`) or compared by identity."""

    def wrap(c: Any) -> Any:
        return dataclass(slots=True, eq=eq, unsafe_hash=eq)(c)

    return wrap if cls is None else wrap(cls)
