"""The loader's composer gives the nodes ruamel.yaml's own `YAML(typ="safe").compose` gives:
same kinds, tags, values, styles and positions, and the same errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from icp_cli.load.errors import InputErrors
from icp_cli.load.limits import DEFAULT_LIMITS
from icp_cli.load.source import _check_depth, _composer, compose

TESTS = Path(__file__).parent
FILES = sorted(
    [*TESTS.rglob("*.yaml"), *(TESTS.parent / "sample_systems").glob("*.yaml")],
    key=str,
)


def reference(text: str) -> Any:
    return YAML(typ="safe").compose(text)


def assert_same(ours: Any, theirs: Any) -> None:
    """Compare two node trees, aliases and all (an alias may point back up the tree)."""
    stack = [(ours, theirs, "$")]
    seen: set[tuple[int, int]] = set()
    while stack:
        a, b, where = stack.pop()
        if (id(a), id(b)) in seen:
            continue
        seen.add((id(a), id(b)))
        assert a.id == b.id, where  # the loader's own node classes, of the same kinds
        assert a.tag == b.tag, (where, a.tag, b.tag)
        assert (a.end_mark.line, a.end_mark.column, a.end_mark.index) == (
            b.end_mark.line,
            b.end_mark.column,
            b.end_mark.index,
        ), where
        assert (a.start_mark.line, a.start_mark.column) == (
            b.start_mark.line,
            b.start_mark.column,
        ), where
        if isinstance(b, ScalarNode):
            assert (a.value, a.style) == (b.value, b.style), where
        elif isinstance(b, SequenceNode):
            assert a.flow_style == b.flow_style, where
            assert len(a.value) == len(b.value), where
            pairs = enumerate(zip(a.value, b.value, strict=True))
            stack.extend((x, y, f"{where}[{i}]") for i, (x, y) in pairs)
        else:
            assert isinstance(b, MappingNode)
            assert a.flow_style == b.flow_style, where
            assert len(a.value) == len(b.value), where
            for i, ((ka, va), (kb, vb)) in enumerate(zip(a.value, b.value, strict=True)):
                stack += [(ka, kb, f"{where}.key{i}"), (va, vb, f"{where}.{ka.value}")]


def outcome(compose_text: Any, text: str) -> tuple[str, Any]:
    try:
        return "node", compose_text(text)
    except Exception as exc:  # the same exception, with the same message
        return type(exc).__name__, str(exc)


def _rule_case_texts() -> list[tuple[str, str]]:
    """The membership files inside the per-rule case files (tests/rules/<CODE>.yaml)."""
    out = []
    for path in sorted((TESTS / "rules").glob("*.yaml")):
        cases = YAML(typ="safe").load(path.read_text("utf-8"))["cases"]
        out += [(f"{path.stem}:{name}", case["membership"]) for name, case in cases.items()]
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTS.parent)))
def test_every_yaml_file_of_the_project_composes_alike(path: Path) -> None:
    _composes_alike(path.read_text(encoding="utf-8", errors="replace"), str(path))


@pytest.mark.parametrize(("name", "text"), [pytest.param(*c, id=c[0]) for c in _rule_case_texts()])
def test_every_rule_case_composes_alike(name: str, text: str) -> None:
    _composes_alike(text, name)


def _composes_alike(text: str, path: str) -> None:
    try:
        _check_depth(text, path, DEFAULT_LIMITS.max_depth)
    except InputErrors as refused:
        # Too deep to hand to the C parser at all: the guard refuses it with a located
        # message, so there is nothing to compare.
        (error,) = refused.errors
        assert error.line is not None and error.hint
        return
    ours, theirs = outcome(_composer(), text), outcome(reference, text)
    assert ours[0] == theirs[0]
    if ours[0] != "node":
        assert ours[1] == theirs[1]
    elif theirs[1] is None:
        assert ours[1] is None
    else:
        assert_same(ours[1], theirs[1])


# Plain scalars that YAML 1.2 reads as something other than text, and near misses.
TRICKY = [
    "", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "yes",
    "no", "on", "off", "y", "n", "0", "-0", "+12", "1_000", "0x1F", "0o17", "017", "0b101",
    "1.5", "-.5", "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", ".nan", "2024-01-31",
    "2024-01-31 10:00:00", "2024-1-1", "12:30", "<<", "=", "!", "&a", "*a", "-", "+", ".",
    "0.", "1_2.3_4", "Cllr Ann Lee", "N/A", "no-vcse",
]  # fmt: skip


@pytest.mark.parametrize("value", TRICKY)
def test_plain_scalars_resolve_to_the_same_tags(value: str) -> None:
    for text in (f"key: {value}\n", f"- {value}\n", f"[{value}]\n"):
        ours, theirs = outcome(_composer(), text), outcome(reference, text)
        assert ours[0] == theirs[0], text
        if ours[0] == "node":
            assert_same(ours[1], theirs[1])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("01239+-._:eEx oOnNtTfFuUlLrs~<=!&*#'\"")),
               max_size=12))
def test_any_short_scalar_resolves_alike(value: str) -> None:
    text = f"key: {value}\n"
    ours, theirs = outcome(_composer(), text), outcome(reference, text)
    assert ours[0] == theirs[0]
    if ours[0] == "node":
        assert_same(ours[1], theirs[1])
    else:
        assert ours[1] == theirs[1]


def test_deep_indentation_alone_is_not_nesting() -> None:
    # Depth is measured on the structure: a far-indented line is only as deep as it nests.
    text = "a:\n  b: 1\n" + " " * 2001 + "c: 2\n"
    with pytest.raises(InputErrors) as caught:
        compose(text, "deep.yaml")
    (error,) = caught.value.errors
    assert error.line == 3 and "nested" not in error.message


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_deep_block_nesting_is_refused_whatever_the_line_breaks(newline: str) -> None:
    text = "a:" + newline + "".join(" " * i + f"k{i}:" + newline for i in range(1, 3000))
    with pytest.raises(InputErrors) as caught:
        compose(text, "deep.yaml")
    (error,) = caught.value.errors
    assert error.message == "the YAML is nested more than 64 levels deep"
    assert (error.line, error.column) == (66, 66)


def test_a_deep_first_line_is_refused_too() -> None:
    with pytest.raises(InputErrors) as caught:
        compose("- " * 2001 + "x\n", "deep.yaml")
    assert (caught.value.errors[0].line, caught.value.errors[0].column) == (1, 131)


def test_ruamel_keeps_its_own_node_classes_after_the_loader_composes() -> None:
    """The loader's composer lends ruamel.yaml's C module its own node classes only while it
    runs: ruamel.yaml used afterwards (the round-trip editor, a user's plug-in) is unchanged."""
    _composer()("a: [1, {b: c}]\n")
    node = YAML(typ="safe").compose("a: 1\n")
    assert type(node) is MappingNode
    assert type(node.value[0][0]) is ScalarNode
