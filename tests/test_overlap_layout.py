"""The overlap layout on wide systems: folded pages, short headers, nothing cut silently."""

from __future__ import annotations

import io
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from icp_cli.load.builder import load_text
from icp_cli.overlap.views import build
from icp_cli.render.overlap import layout as L
from icp_cli.render.overlap.markdown import render as render_markdown
from icp_cli.render.overlap.plain import render as render_plain
from icp_cli.render.overlap.styled import render as render_styled

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FORENAMES = ["Amara", "Bartholomew", "Cerys", "Dominic", "Eleanor", "Farhan", "Gwendolyn"]
SURNAMES = ["Abernethy", "Blackwood", "Cholmondeley", "Drinkwater", "Etherington", "Fairbairn"]


def wide_system(bodies: int = 48, people: int = 400, seed: int = 7) -> str:
    """A national-looking file: dozens of bodies with long ids, hundreds of people."""
    rng = random.Random(seed)
    names = [
        f"{FORENAMES[i % len(FORENAMES)]} {SURNAMES[(i // 7) % len(SURNAMES)]}-{i:03d}"
        for i in range(people)
    ]
    lines = ["version: 1", "system: {name: Wide ICS}", "people:"]
    lines += [f"  - {{id: p{i}, name: '{name}'}}" for i, name in enumerate(names)]
    lines.append("bodies:")
    for b in range(bodies):
        lines += [
            f"  place-partnership-number-{b:02d}:",
            "    type: place-partnership",
            f"    name: Place Partnership Number {b} of the Wide Integrated Care System",
            "    members:",
        ]
        for who in rng.sample(range(people), 12):
            attendance = rng.choice(["member", "member", "participant", "substitute"])
            lines.append(f"      - {{person: p{who}, attendance: {attendance}}}")
    return "\n".join(lines) + "\n"


WIDE = load_text(wide_system(), "wide.yaml")


def test_wide_plain_text_folds_into_pages_that_fit_80_columns() -> None:
    view = build(WIDE)
    text = render_plain(view, 80)
    lines = text.splitlines()
    assert max(map(len, lines)) <= 80
    headers = [line for line in lines if line.startswith("  Person")]
    assert len(headers) > 1  # folded into pages
    labels = L.short_labels([c.id for c in view.columns])
    shown = [label for header in headers for label in header.split()[2:]]
    assert shown == [labels[c.id] for c in view.columns]  # each body once, in file order
    for column in view.columns:  # the legend spells every header out
        assert re.search(rf"^  {re.escape(labels[column.id])} +{column.id}: ", text, re.M)
    for row in view.rows:
        assert row.name in text


def test_wide_plain_text_at_200_columns_fits_too() -> None:
    text = render_plain(build(WIDE), 200)
    assert max(map(len, text.splitlines())) <= 200


def test_wide_rich_fits_80_columns() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, no_color=True, width=80)
    render_styled(build(WIDE), console, 80)
    text = ANSI.sub("", out.getvalue())
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text


def test_wide_markdown_splits_tables() -> None:
    text = render_markdown(build(WIDE))
    assert len(re.findall(r"^## Bodies \d", text, re.MULTILINE)) == 6  # 8 bodies a table
    for line in text.splitlines():
        if line.startswith("| Person"):
            assert line.count("|") <= L.MARKDOWN_BODIES_PER_TABLE + 3


def test_a_long_name_is_one_row_and_never_cut() -> None:
    long_name = "Professor Dame Bartholomew Featherstonehaugh-Cholmondeley DBE FRCP"
    m = load_text(
        "version: 1\nsystem: {name: X}\nbodies:\n"
        f"  icb: {{type: icb, members: [{{name: '{long_name}'}}]}}\n"
        f"  icp: {{type: icp, members: [{{name: '{long_name}'}}]}}\n"
    )
    for width in (40, 80, 200):
        text = render_plain(build(m), width)
        assert long_name in " ".join(text.split())  # the pair table's people
        # Piped text keeps a person on one line, whatever the width, for grep and cut.
        matrix = text[text.index("Person") : text.index("Marks")].splitlines()[1:]
        rows = [line for line in matrix if line.startswith("* ")]
        assert rows and all(line.startswith(f"* {long_name} ") for line in rows), rows


def test_a_thirty_character_name_is_not_wrapped_when_piped() -> None:
    name = "Councillor Bartholomew Fairfax"  # 30 characters
    m = load_text(
        "version: 1\nsystem: {name: X}\nbodies:\n"
        f"  icb: {{type: icb, members: [{{name: '{name}'}}]}}\n"
        f"  icp: {{type: icp, members: [{{name: '{name}'}}]}}\n"
    )
    for width in (80, 200):
        lines = render_plain(build(m), width).splitlines()
        (row,) = [line for line in lines if line.startswith("* ")]
        assert row.startswith(f"* {name} ")


@settings(max_examples=200)
@given(st.lists(st.from_regex(r"[a-z][a-z0-9._-]{0,30}", fullmatch=True), unique=True))
def test_short_labels_are_unique_and_short(ids: list[str]) -> None:
    labels = L.short_labels(ids)
    assert list(labels) == ids
    assert len(set(labels.values())) == len(ids)
    assert all(len(label) <= L.LABEL_LIMIT for label in labels.values())
    assert all(labels[i] == i for i in ids if len(i) <= L.LABEL_LIMIT)


def test_short_labels_examples() -> None:
    labels = L.short_labels(
        ["icb", "hwb-south-wessex", "hwb-sandbourne-budmouth", "icb-audit", "hwb-sw", "hwb-s-w"]
    )
    assert labels == {
        "icb": "icb",
        "hwb-south-wessex": "hwb-s2",  # hwb-sw is another body's id
        "hwb-sandbourne-budmouth": "hwb-sb",
        "icb-audit": "icb-au",
        "hwb-sw": "hwb-sw",
        "hwb-s-w": "hwb-s3",
    }
    numbered = L.short_labels(
        ["body-00001", "body-01199", "place-partnership-number-07", "x-1234567"]
    )
    assert numbered == {
        "body-00001": "body-1",
        "body-01199": "b-1199",
        "place-partnership-number-07": "ppn-7",
        "x-1234567": "234567",
    }


@settings(max_examples=200)
@given(st.lists(st.integers(2, 30), max_size=60), st.integers(10, 200))
def test_pages_keep_order_and_fit(widths: list[int], available: int) -> None:
    folded = L.pages(widths, available, 1)
    assert [i for page in folded for i in page] == list(range(len(widths)))
    for page in folded:
        if len(page) > 1:
            assert sum(widths[i] + 1 for i in page) <= available
