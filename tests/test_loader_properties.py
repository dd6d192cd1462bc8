"""Property tests for the loader: generated files load or fail cleanly, never crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icp_cli.check.engine import check_membership
from icp_cli.load.builder import load_text
from icp_cli.load.errors import InputErrors
from icp_cli.vocab import ATTENDANCE, BODY_TYPES, KNOWN_SEATS, SECTORS

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip())

member = st.fixed_dictionaries(
    {"name": names},
    optional={
        "organisation": names,
        "sector": st.sampled_from(SECTORS),
        "role": names,
        "seat": st.one_of(
            st.sampled_from(KNOWN_SEATS), st.lists(st.sampled_from(KNOWN_SEATS), max_size=3)
        ),
        "attendance": st.sampled_from(ATTENDANCE),
    },
)

body_types = st.sampled_from([t for t in BODY_TYPES if t != "icb"])


@st.composite
def membership_docs(draw: st.DrawFn) -> dict[str, object]:
    bodies: dict[str, object] = {}
    if draw(st.booleans()):
        bodies["icb"] = {"type": "icb", "members": draw(st.lists(member, max_size=6))}
    for index in range(draw(st.integers(0, 4))):
        body: dict[str, object] = {
            "type": draw(body_types),
            "members": draw(st.lists(member, max_size=6)),
        }
        if draw(st.booleans()):
            body["meetings"] = {
                "public": draw(st.booleans()),
                "quorum": draw(st.integers(0, 8)),
            }
        bodies[f"body-{index}"] = body
    councils = draw(st.lists(names, max_size=3, unique_by=str.casefold))
    return {
        "version": 1,
        "system": {"name": draw(names), "local_authorities": councils},
        "bodies": bodies,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(membership_docs())
def test_generated_valid_documents_load_and_check(doc: dict[str, object]) -> None:
    # JSON is YAML: the document goes through the real parser.
    text = json.dumps(doc, ensure_ascii=False)
    try:
        membership = load_text(text)
    except InputErrors as exc:
        # Two council names that fold to the same organisation are a real input error.
        assert all("listed twice" in e.message for e in exc.errors), exc.errors
        return
    result = check_membership(membership)
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
    assert sum(result.summary().values()) == len(result.findings)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        load_text(text)
    except InputErrors as exc:
        assert exc.errors
        for error in exc.errors:
            assert error.message
            assert error.line is None or error.line >= 1


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | names,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
        max_leaves=20,
    )
)
def test_wrong_shapes_are_input_errors(value: object) -> None:
    doc = {"system": value, "bodies": value}
    try:
        load_text(json.dumps(doc))
    except InputErrors as exc:
        assert all(e.line is not None for e in exc.errors)
