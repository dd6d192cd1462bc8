"""`@frozen`: the records of the model and of a check are immutable to the type checker,
plain slotted classes at run time.

Two costs of `dataclass(frozen=True)` fall on every run of `icp`:

- Making a record. A frozen dataclass's `__init__` sets each field through
  `object.__setattr__`: a seat of 28 fields costs 3.8 µs to make instead of 1, and a
  national check makes hundreds of thousands of records.
- Defining one. Python 3.11's `dataclass` writes the source of `__init__`, `__repr__`,
  `__eq__` and `__hash__` (and, frozen, `__setattr__` and `__delattr__`) and compiles each
  separately: about 5 million instructions a class, and `icp check` defines some forty
  before it reads a file, as much as half of what `import typer` costs.

So `dataclass` writes only `__init__` (the one method that must be fast), and equality,
hashing and `repr` come from the small functions below, made once per class without
compiling anything: the same results as a dataclass's, by value over every field in order
(or by identity with `eq=False`). The guard against assignment is kept where it catches
mistakes, in `mypy icp_cli` (run by CI), which refuses any assignment to a field of a
`@frozen` class (PEP 681's `frozen_default`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...
@overload
def frozen(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True)
def frozen(cls: Any = None, /, *, eq: bool = True) -> Any:
    """A slotted dataclass, equal and hashed by value (`eq=True`) or by identity."""

    def wrap(c: Any) -> Any:
        own = set(vars(c))
        made: Any = dataclass(slots=True, eq=False, repr=False)(c)
        names = tuple(made.__dataclass_fields__)
        values = _getter(names)
        if "__repr__" not in own:
            made.__repr__ = _repr(names)
        if eq and "__eq__" not in own:
            made.__eq__ = _eq(values)
            made.__hash__ = _hash(values)
        return made

    return wrap if cls is None else wrap(cls)


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """record -> its fields' values, in order, as a tuple."""
    if len(names) > 1:
        return attrgetter(*names)  # type: ignore[return-value]
    return lambda record: tuple(getattr(record, name) for name in names)


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__
