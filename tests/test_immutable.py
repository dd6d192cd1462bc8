"""`@frozen` records (icp_cli/immutable.py) behave as the frozen slotted dataclasses they
replace, apart from the run-time guard against assignment (mypy keeps that one)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from icp_cli.immutable import frozen
from icp_cli.model import Person, Pos


@frozen
class Record:
    name: str
    count: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.count})"


@frozen(eq=False)
class Thing:
    name: str


@dataclasses.dataclass(frozen=True, slots=True)
class Reference:
    name: str
    count: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


def test_made_as_a_dataclass_is_made() -> None:
    for kind in (Record, Reference):
        assert kind("a").count == 0
        assert kind("a", 2).count == kind("a", count=2).count == 2
        first, second = kind("a"), kind("a")
        assert first.tags == [] and first.tags is not second.tags  # a factory, called each time
        with pytest.raises(TypeError):
            kind()  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            kind("a", nope=1)  # type: ignore[call-arg]


def test_the_dataclass_functions_work_on_records() -> None:
    record = Record("a", 2, ["x"])
    assert dataclasses.is_dataclass(record)
    assert [f.name for f in dataclasses.fields(record)] == ["name", "count", "tags"]
    assert dataclasses.replace(record, count=3) == Record("a", 3, ["x"])
    assert dataclasses.asdict(record) == {"name": "a", "count": 2, "tags": ["x"]}
    assert Record.__match_args__ == ("name", "count", "tags")


def test_equal_hashed_and_shown_as_a_dataclass() -> None:
    ours, theirs = Record("a", 2), Reference("a", 2)
    assert repr(ours) == repr(theirs).replace("Reference", "Record")
    assert Pos(1, 2) == Pos(1, 2) and Pos(1, 2) != Pos(2, 1)
    assert hash(Pos(1, 2)) == hash(Pos(1, 2)) == hash((1, 2))
    assert {Pos(1, 2): "x"}[Pos(1, 2)] == "x"
    assert Pos(1, 2) != (1, 2)  # another class is never equal
    assert Record("a").label == "a (0)"


def test_eq_false_compares_by_identity() -> None:
    a, b = Thing("a"), Thing("a")
    assert a != b and a == a
    assert hash(a) != hash(b)
    person = Person(ref="a", name="A", norm="a", pos=Pos(1, 1))
    assert person != Person(ref="a", name="A", norm="a", pos=Pos(1, 1))


def test_slotted_and_picklable() -> None:
    record = Record("a", 2, ["x"])
    assert not hasattr(record, "__dict__")
    assert pickle.loads(pickle.dumps(record)) == record


def test_a_record_does_not_inherit_fields() -> None:
    with pytest.raises(TypeError, match="does not inherit fields"):

        @frozen
        class Child(Record):
            extra: int = 0
