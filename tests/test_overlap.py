"""icp_cli.overlap.views: who sits where, and what each pair of bodies shares (pure analysis)."""

from __future__ import annotations

import textwrap
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icp_cli.load.builder import load_text
from icp_cli.overlap.views import build, display_order, side_by_side
from icp_cli.people.matching import normalise_name

SMALL = """\
version: 1
system:
  name: Test ICS
  local_authorities: [Northshire Council]
people:
  - {id: jane, name: Dr Jane Okafor, organisation: NHS Test ICB, sector: icb}
  - {id: sam, name: Sam Hughes, organisation: Test Hospitals NHS FT, sector: nhs-acute}
bodies:
  icb:
    type: icb
    name: NHS Test ICB
    members:
      - {person: jane, seat: chair, role: Chair}
      - {person: sam, role: Partner member}
      - {name: Ann Lee, organisation: Northshire Council, sector: local-government}
      - {name: Ian Moss, organisation: NHS Test ICB, sector: icb, attendance: observer}
  icp:
    type: icp
    chair: Cllr Tim Brown
    members:
      - {name: Cllr Tim Brown, organisation: Northshire Council, sector: local-government}
      - {person: jane, attendance: participant}
      - {name: Sam Hughes, role: Trust chief executive}
      - {name: "Dr. ANN  Lee", attendance: substitute}
      - {name: Rosa Patel, organisation: Northshire Healthwatch, sector: healthwatch}
  hwb:
    type: hwb
    members: []
  panel:
    type: sub-group
    members:
      - {name: Rosa Patel, attendance: observer}
      - {name: Rosa Patel, seat: vice-chair}
      - {name: Kim Doe}
"""


@pytest.fixture
def small():  # type: ignore[no-untyped-def]
    return load_text(SMALL)


def test_rows_are_people_in_order_of_first_appearance(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small)
    assert [r.id for r in view.rows] == [
        "jane",
        "sam",
        "ann lee",
        "ian moss",
        "tim brown",
        "rosa patel",
        "kim doe",
    ]
    assert view.row("sam").bodies == ("icb", "icp")  # an inline name equal to a registry name
    assert view.row("ann lee").bodies == ("icb", "icp")  # substitutes count for overlap
    assert view.row("rosa patel").bodies == ("icp", "panel")


def test_cells_carry_attendance_chairs_and_seat_counts(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small)
    jane = view.row("jane")
    assert (jane.cells["icb"].attendance, jane.cells["icb"].chair) == ("member", True)
    assert (jane.cells["icp"].attendance, jane.cells["icp"].chair) == ("participant", False)
    assert view.row("tim brown").cells["icp"].chair  # named by chair:
    rosa = view.row("rosa patel").cells["panel"]
    # Two seats on one body: counted once for overlap, the strongest attendance shown.
    assert (rosa.seats, rosa.attendance, rosa.chair) == (2, "member", False)  # vice-chair


def test_columns_count_every_seat_and_distinct_people(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small)
    assert [(c.id, c.seats, c.size) for c in view.columns] == [
        ("icb", 4, 4),
        ("icp", 5, 5),
        ("hwb", 0, 0),
        ("panel", 3, 2),
    ]


def test_pairs_share_of_smaller_and_jaccard(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small)
    assert [(p.a, p.b, p.shared) for p in view.pairs] == [
        ("icb", "icp", ("jane", "sam", "ann lee")),
        ("icp", "panel", ("rosa patel",)),
    ]
    icb_icp = view.pairs[0]
    assert icb_icp.smaller == 4
    assert icb_icp.share_of_smaller == pytest.approx(3 / 4)
    assert icb_icp.jaccard == pytest.approx(3 / 6)
    assert view.pairs[1].share_of_smaller == 0.5
    assert view.pairs[1].jaccard == pytest.approx(1 / 6)


def test_display_order_puts_people_on_most_bodies_first(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small)
    order = [r.id for r in display_order(view.rows)]
    assert order == ["jane", "sam", "ann lee", "rosa patel", "ian moss", "tim brown", "kim doe"]


def test_only_shared_keeps_shared_rows_and_hides_empty_columns(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small, only_shared=True)
    assert [r.id for r in view.rows] == ["jane", "sam", "ann lee", "rosa patel"]
    assert view.hidden_columns == ("hwb",)
    assert view.total == 7
    assert len(view.pairs) == 2  # the pairs do not change


def test_bodies_restrict_rows_columns_and_pairs(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small, bodies=["icp", "panel"])
    assert [c.id for c in view.columns] == ["icp", "panel"]
    assert view.row("jane").bodies == ("icp",)
    assert [(p.a, p.b) for p in view.pairs] == [("icp", "panel")]
    assert view.selected == ("icp", "panel")


def test_side_by_side_bands(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small, bodies=["icp", "icb"])
    sbs = side_by_side(view, "icp", "icb")
    assert [r.id for r in sbs.only_a] == ["tim brown", "rosa patel"]
    assert [r.id for r in sbs.both] == ["jane", "sam", "ann lee"]  # in icp's seat order
    assert [r.id for r in sbs.only_b] == ["ian moss"]
    assert sbs.pair is not None and len(sbs.pair.shared) == 3


def test_by_organisation_counts_seats(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small, by="organisation")
    council = view.row("northshire council")
    assert council.name == "Northshire Council"
    assert {b: c.seats for b, c in council.cells.items()} == {"icb": 1, "icp": 2}
    assert view.row("nhs test icb").bodies == ("icb", "icp")
    # Kim Doe's seat has no organisation: a row of its own, never "shared".
    nobody = view.row(None)
    assert nobody.name == "(no organisation)" and not nobody.shared
    assert all(None not in p.shared for p in view.pairs)


def test_by_sector_groups(small) -> None:  # type: ignore[no-untyped-def]
    view = build(small, by="sector")
    assert {r.id for r in view.rows} == {"nhs", "local-government", "community", None}
    assert {b: c.seats for b, c in view.row("nhs").cells.items()} == {"icb": 3, "icp": 2}
    assert [r.id for r in display_order(view.rows, "sector")][-1] is None


def test_possible_same_person_is_reported_not_merged() -> None:
    m = load_text(
        textwrap.dedent(
            """\
            version: 1
            system: {name: Test ICS}
            people:
              - {id: sara, name: Dr Sara Penhale}
              - {id: sarah, name: Dr Sarah Penhale, not_same_as: [sara]}
            bodies:
              icb:
                type: icb
                members:
                  - {name: Jon Pryce}
                  - {person: sara}
              icp:
                type: icp
                members:
                  - {name: John Pryce}
                  - {person: sarah}
                  - {name: Jean Smith}
                  - {name: Jane Smith}
            """
        )
    )
    view = build(m)
    assert [(q.a, q.b) for q in view.maybe_same] == [("jon pryce", "john pryce")]
    assert view.pairs == ()  # counted as two people: no overlap
    assert build(m, by="organisation").maybe_same == ()


def test_unknown_by_is_refused(small) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        build(small, by="council")


# --------------------------------------------------------------------------- properties

ATTENDANCE = ("member", "participant", "observer", "substitute")


def _inline_name(index: int, variant: int) -> str:
    """One inline person written several ways that normalise alike."""
    base = ["Inline Q{i}", "Dr inline  q{i}", "INLINE Q{i} OBE", "Cllr. Inline Q{i}"][variant]
    return base.format(i=index)


seat_strategy = st.tuples(
    st.booleans(),  # registry person or inline
    st.integers(0, 5),  # which person
    st.integers(0, 3),  # how the inline name is written
    st.sampled_from(ATTENDANCE),
)
membership_strategy = st.lists(st.lists(seat_strategy, max_size=6), min_size=1, max_size=6)


def _yaml(bodies: list[list[tuple[bool, int, int, str]]]) -> str:
    lines = ["version: 1", "system: {name: Generated ICS}", "people:"]
    lines += [f"  - {{id: p{i}, name: Registered P{i}}}" for i in range(6)]
    lines.append("bodies:")
    for number, seats in enumerate(bodies):
        lines += [f"  b{number}:", "    type: committee", "    members:"]
        if not seats:
            lines[-1] += " []"
        for registered, who, variant, attendance in seats:
            person = f"person: p{who}" if registered else f"name: '{_inline_name(who, variant)}'"
            lines.append(f"      - {{{person}, attendance: {attendance}}}")
    return "\n".join(lines) + "\n"


def _naive(bodies: list[list[tuple[bool, int, int, str]]]):  # type: ignore[no-untyped-def]
    """Who is on which body, straight from the generated seats."""
    on: dict[str, list[str]] = {}
    order: list[str] = []
    for number, seats in enumerate(bodies):
        members: list[str] = []
        for registered, who, variant, _ in seats:
            ref = f"p{who}" if registered else normalise_name(_inline_name(who, variant))
            if ref not in order:
                order.append(ref)
            if ref not in members:
                members.append(ref)
        on[f"b{number}"] = members
    return on, order


@settings(max_examples=150, deadline=None)
@given(membership_strategy)
def test_overlap_counts_agree_with_a_naive_computation(bodies) -> None:  # type: ignore[no-untyped-def]
    view = build(load_text(_yaml(bodies)))
    on, order = _naive(bodies)

    body_ids = list(on)
    expected_people = {
        ref: [b for b in body_ids if ref in on[b]] for ref in order
    }
    assert [r.id for r in view.rows] == order
    assert {r.id: list(r.bodies) for r in view.rows} == expected_people
    assert {c.id: c.seats for c in view.columns} == {
        f"b{n}": len(seats) for n, seats in enumerate(bodies)
    }

    expected_pairs = []
    for a, b in combinations(body_ids, 2):
        shared = [ref for ref in order if ref in on[a] and ref in on[b]]
        if shared:
            union = len(set(on[a]) | set(on[b]))
            smaller = min(len(on[a]), len(on[b]))
            expected_pairs.append((a, b, shared, len(shared) / smaller, len(shared) / union))
    actual = [(p.a, p.b, list(p.shared), p.share_of_smaller, p.jaccard) for p in view.pairs]
    assert actual == expected_pairs


@settings(max_examples=300)
@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once
