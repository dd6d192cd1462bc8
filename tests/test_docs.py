"""Generated docs pages match the code they are generated from."""

from __future__ import annotations

import runpy
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin, is_typeddict

if TYPE_CHECKING:
    from icp_cli.model import Membership

ROOT = Path(__file__).parent.parent


def test_generated_docs_are_current(capsys) -> None:
    generate = runpy.run_path(str(ROOT / "docs" / "generate.py"))
    code = generate["main"](["--check"])
    assert code == 0, capsys.readouterr().out + "\nrun: python docs/generate.py"


def test_every_rule_has_a_page_and_explain_prints_it() -> None:
    from icp_cli.check.rules.registry import all_rules
    from icp_cli.render.catalogue import explain_markdown

    for r in all_rules():
        page = (ROOT / "docs" / "rules" / f"{r.code}.md").read_text(encoding="utf-8")
        assert page.endswith(explain_markdown(r))


def test_a_changed_meaning_in_the_typed_context_makes_the_context_page_stale(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """docs/tor-context.md is generated like the other pages: change a key's meaning in
    icp_cli/tor/context.py and the check names the page."""
    from icp_cli.tor.context import SeatFacts, keys

    for name in ("rules", "format.md", "tor-context.md"):
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / "docs" / name)
        else:
            shutil.copy(source, tmp_path / "docs" / name)
    generate = runpy.run_path(str(ROOT / "docs" / "generate.py"))
    generate["main"].__globals__["DOCS"] = tmp_path / "docs"
    assert generate["main"](["--check"]) == 0, capsys.readouterr().out
    monkeypatch.setitem(SeatFacts.__annotations__, "role", 'Annotated[str | None, "changed"]')
    keys.cache_clear()
    try:
        assert generate["main"](["--check"]) == 1
        assert capsys.readouterr().out.split() == [
            "stale", "generated", "docs", "(run:", "python", "docs/generate.py):",
            "docs/tor-context.md",
        ]  # fmt: skip
        assert generate["main"]([]) == 0
    finally:
        monkeypatch.undo()
        keys.cache_clear()
    page = (tmp_path / "docs" / "tor-context.md").read_text(encoding="utf-8")
    assert "| `role` | str or None | changed |" in page


# -- the terms-of-reference context: the documented keys are the keys a template reaches --


def _memberships() -> Iterator[tuple[str, Membership]]:
    """Every sample system and every membership of the per-rule case files."""
    from ruamel.yaml import YAML

    from icp_cli.load.builder import load_text
    from icp_cli.load.errors import InputErrors
    from icp_cli.resources import sample_paths

    for path in sample_paths().values():
        yield path.name, load_text(path.read_text(encoding="utf-8"), path.name)
    for path in sorted((ROOT / "tests" / "rules").glob("*.yaml")):
        cases = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["cases"]
        for name, case in cases.items():
            try:
                yield f"{path.stem}/{name}", load_text(case["membership"], "membership.yaml")
            except InputErrors:
                continue  # a case about an input error has no context


def _contexts() -> Iterator[tuple[str, dict[str, Any]]]:
    from icp_cli.check.engine import check_membership
    from icp_cli.check.regimes import REGIMES
    from icp_cli.tor.context import build_context

    for name, m in _memberships():
        for regime in REGIMES.values():
            findings = check_membership(m, regime=regime.name).findings
            for body in m.bodies.values():
                context = build_context(m, body, findings, regime, by_post=True)
                yield f"{name} {body.id} ({regime.name})", dict(context)


def _mismatches(value: object, tp: Any, where: str, seen: set[tuple[str, str]]) -> list[str]:
    """Where `value` is not of the documented type `tp` (the keys of a TypedDict exactly, in
    order). Records in `seen` each (type, key) met with a value other than None or []."""
    from icp_cli.tor.context import keys

    if is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a dict"]
        documented = keys(tp)
        if list(value) != [k.name for k in documented]:
            return [f"{where}: keys {list(value)}, documented {[k.name for k in documented]}"]
        out = []
        for k in documented:
            item = value[k.name]
            if item is not None and item != []:
                seen.add((tp.__name__, k.name))
            out += _mismatches(item, k.type, f"{where}.{k.name}", seen)
            if k.values and item is not None:
                out += [
                    f"{where}.{k.name}: {v!r} is not one of {k.values}"
                    for v in (item if isinstance(item, list) else [item])
                    if v not in k.values
                ]
        return out
    if isinstance(tp, UnionType):
        arms = [_mismatches(value, arm, where, seen) for arm in get_args(tp)]
        return [] if any(not a for a in arms) else [f"{where}: {value!r} is not {tp}"]
    if get_origin(tp) is list:
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not a list"]
        return [
            p
            for i, v in enumerate(value)
            for p in _mismatches(v, get_args(tp)[0], f"{where}[{i}]", seen)
        ]
    if get_origin(tp) is dict:
        if not isinstance(value, dict):
            return [f"{where}: {value!r} is not a dict"]
        k_tp, v_tp = get_args(tp)
        return [
            p
            for k, v in value.items()
            for p in _mismatches(k, k_tp, where, seen) + _mismatches(v, v_tp, f"{where}.{k}", seen)
        ]
    if get_origin(tp) is Literal:
        return [] if value in get_args(tp) else [f"{where}: {value!r} is not one of {get_args(tp)}"]
    if tp is NoneType:
        return [] if value is None else [f"{where}: {value!r} is not None"]
    # bool is an int to Python, not to the reference.
    return [] if type(value) is tp else [f"{where}: {value!r} is not {tp.__name__}"]


def _kinds() -> dict[type, list[str]]:
    from icp_cli.tor.context import TorContext

    generate = runpy.run_path(str(ROOT / "docs" / "generate.py"))
    return generate["_context_kinds"](TorContext)


def test_every_context_has_exactly_the_documented_keys_with_the_documented_types() -> None:
    """For every body of every sample and rule case, under every regime: the context
    `build_context` returns is, key for key and in order, the typed context the reference
    is generated from. Every documented key is met with a value at least once."""
    from icp_cli.tor.context import SeatFacts, TorContext, keys

    seen: set[tuple[str, str]] = set()
    built = 0
    for where, context in _contexts():
        problems = _mismatches(context, TorContext, where, seen)
        assert not problems, "\n".join(problems[:20])
        built += 1
    assert built > 1000
    documented = {(kind.__name__, k.name) for kind in _kinds() for k in keys(kind)}
    assert documented - seen == set(), "documented keys no sample fills"
    # The comparison has teeth: an undocumented key, a missing one, a wrong type.
    seat = dict(context["seats"][0]) if context["seats"] else None
    assert seat is not None
    assert _mismatches([{**seat, "extra": 1}], list[SeatFacts], "s", set())
    assert _mismatches(
        [{k: v for k, v in seat.items() if k != "line"}], list[SeatFacts], "s", set()
    )
    assert _mismatches([{**seat, "line": True}], list[SeatFacts], "s", set())
    assert _mismatches([{**seat, "attendance": "guest"}], list[SeatFacts], "s", set())


def _reads(kind: type, var: str | None, path: str = "", depth: int = 0) -> str:
    """Jinja that reads every documented key of `kind` (the top level's are names, `var`
    None), printing MISSING:path for any a template cannot reach."""
    from icp_cli.tor.context import keys

    out = []
    for k in keys(kind):
        expr = k.name if var is None else f"{var}.{k.name}"
        here = f"{path}.{k.name}".lstrip(".")
        out.append(f"{{% if {expr} is not defined %}}MISSING:{here} {{% endif %}}")
        tp = k.type
        optional = isinstance(tp, UnionType) and NoneType in get_args(tp)
        inner = next(a for a in get_args(tp) if a is not NoneType) if optional else tp
        item = f"x{depth}"
        if is_typeddict(inner):
            body = _reads(inner, expr, here, depth + 1)
            out.append(f"{{% if {expr} is not none %}}{body}{{% endif %}}")
        elif get_origin(inner) is list and is_typeddict(get_args(inner)[0]):
            body = _reads(get_args(inner)[0], item, here + "[]", depth + 1)
            out.append(f"{{% for {item} in {expr} %}}{body}{{% endfor %}}")
    return "".join(out)


def test_a_template_reading_every_documented_key_renders_in_the_sandbox(tmp_path: Path) -> None:
    """The names the reference documents are the names a user's template reaches: a template
    that reads each of them (attribute syntax, as the reference writes them) renders in the
    sandbox, where an undefined name is an error, for every body of every sample."""
    from icp_cli.check.engine import check_membership
    from icp_cli.load.builder import load_text
    from icp_cli.render.tor.kit import render_user
    from icp_cli.resources import sample_paths
    from icp_cli.tor.context import TorContext, build_context

    template = tmp_path / "every-key.md.j2"
    template.write_text(_reads(TorContext, None) + "done", encoding="utf-8")
    rendered = 0
    for path in sample_paths().values():
        m = load_text(path.read_text(encoding="utf-8"), path.name)
        findings = check_membership(m).findings
        for body in m.bodies.values():
            text = render_user(template, build_context(m, body, findings), "markdown")
            assert text == "done", (path.name, body.id, text[:500])
            rendered += 1
    assert rendered > 10
    # And the check has teeth: a key the context lacks is reported.
    context = dict(build_context(m, body, findings))
    assert context["seats"]
    context["seats"] = [{k: v for k, v in s.items() if k != "line"} for s in context["seats"]]
    assert render_user(template, context, "markdown").startswith("MISSING:seats[].line")
