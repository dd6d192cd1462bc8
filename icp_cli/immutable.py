"""`@frozen`: the records of the model and of a check: immutable to the type checker, plain
slotted classes at run time, with the dataclass interface (`dataclasses.fields`, `replace`,
`field(default_factory=...)`, `is_dataclass`).

Two costs of `dataclass(frozen=True, slots=True)` fall on every run of `icp`:

- Making a record. A frozen dataclass's `__init__` sets each field through
  `object.__setattr__`: a seat of 28 fields costs 3.8 µs to make instead of 1, and a
  national check makes hundreds of thousands of records.
- Defining one. Python 3.11's `dataclass` writes and compiles, one by one, `__init__`,
  `__repr__`, `__eq__`, `__hash__`, `__setattr__` and `__delattr__`, checks every string
  annotation against `ClassVar` and `InitVar`, and builds the class twice for its slots:
  about 5 million instructions a class, and `icp check` defines some thirty before it
  reads a file, as much as half of what `import typer` costs.

So a record here is defined in one pass: its fields read from its annotations (with
`dataclasses.field` for a default factory), its class made once with `__slots__`, and
one small `__init__` compiled (the one method that must be fast). Equality, hashing and
`repr` are the same as a dataclass's (by value over every field in order, or by identity
with `eq=False`), made without compiling anything. `__dataclass_fields__` holds real
`dataclasses.Field` objects, so the standard functions work on records. The guard against
assignment is kept where it catches mistakes, in `mypy icp_cli` (run by CI), which refuses
any assignment to a field of a `@frozen` class (PEP 681's `frozen_default`);
tests/test_immutable.py holds records to the dataclass behaviour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
_MISSING: Any = dataclasses.MISSING
_FACTORY = object()  # a default argument that stands for "call the field's factory"


@overload
def frozen(cls: type[T], /) -> type[T]: ...
@overload
def frozen(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: Any = None, /, *, eq: bool = True) -> Any:
    def wrap(c: Any) -> Any:
        return _record(c, eq)

    return wrap if cls is None else wrap(cls)


def _record(c: Any, eq: bool) -> Any:
    own = vars(c)
    if any(hasattr(base, "__dataclass_fields__") for base in c.__mro__[1:]):
        raise TypeError(f"{c.__qualname__}: a @frozen record does not inherit fields")
    annotations = own.get("__annotations__", {})
    names = tuple(n for n, t in annotations.items() if "ClassVar" not in str(t))
    fields: dict[str, dataclasses.Field[Any]] = {}
    params: list[str] = []
    body: list[str] = []
    scope: dict[str, Any] = {"_FACTORY": _FACTORY}
    for name in names:
        given = own.get(name, _MISSING)
        f: Any = given if isinstance(given, dataclasses.Field) else dataclasses.field(default=given)
        f.name, f.type = name, annotations[name]
        # What `dataclasses.fields` and `replace` look for in a field of an instance.
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        fields[name] = f
        if f.default is not _MISSING:
            scope[f"_d_{name}"] = f.default
            params.append(f"{name}=_d_{name}")
        elif f.default_factory is not _MISSING:
            scope[f"_f_{name}"] = f.default_factory
            params.append(f"{name}=_FACTORY")
            body.append(f" if {name} is _FACTORY: {name} = _f_{name}()")
        else:
            params.append(name)
        body.append(f" self.{name} = {name}")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or [" pass"])
    ns = {k: v for k, v in own.items() if k not in names and k not in ("__dict__", "__weakref__")}
    ns["__slots__"] = names
    made: Any = type(c)(c.__name__, c.__bases__, ns)
    exec(source, scope)
    init = scope["__init__"]
    init.__qualname__ = f"{c.__qualname__}.__init__"
    made.__init__ = init
    made.__dataclass_fields__ = fields
    type.__setattr__(made, "__match_args__", names)
    values = _getter(names)
    if "__repr__" not in own:
        made.__repr__ = _repr(names)
    if eq and "__eq__" not in own:
        made.__eq__ = _eq(values)
        made.__hash__ = _hash(values)
    return made


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
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
