"""No runaway work: one time bound per command, and no step that grows faster than the
file (reporting chains, did-you-mean, id allocation, overlap pairs, long names).

Scaling is asserted by counting operations, never by the clock.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load import errors
from icp_cli.load.builder import load_text
from icp_cli.load.errors import InputErrors
from icp_cli.load.seat_table import TakenIds, new_id
from icp_cli.overlap import views as overlap
from icp_cli.render.overlap import layout as overlap_layout
from icp_cli.resources import sample_paths

sys.path.insert(0, str(Path(__file__).parent / "adversarial"))
import scale

runner = CliRunner()
LARGE = str(sample_paths()["greater-wessex"])
STOPPED = "took more than 1e-06 seconds; stopped"


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})


# -- one time bound per command -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "suffix"),
    [
        (["overlap", LARGE], None),
        (["overlap", LARGE, "--format", "json"], None),
        (["overlap", LARGE, "--format", "markdown"], "views.md"),
        (["terms-of-reference", LARGE], None),
        (["terms-of-reference", LARGE, "--format", "html"], "tor.html"),
        (["terms-of-reference", LARGE], "tor.docx"),
        (["terms-of-reference", LARGE, "--format", "json"], None),
        (["export", LARGE, "--format", "csv"], "seats.csv"),
        (["export", LARGE, "--format", "popolo"], None),
    ],
)
@pytest.mark.parametrize("how", ["option", "environment"])
def test_every_command_stops_at_its_time_limit(
    tmp_path: Path, args: list[str], suffix: str | None, how: str
) -> None:
    extra = ["-o", str(tmp_path / suffix)] if suffix else []
    if how == "option":
        result = invoke(*args, *extra, "--timeout", "0.000001")
    else:
        result = invoke(*args, *extra, env={"ICP_TIMEOUT": "0.000001"})
    assert result.exit_code == 2, result.stdout
    assert STOPPED in result.stderr and "Traceback" not in result.stderr
    assert "--timeout or ICP_TIMEOUT" in result.stderr
    if suffix:
        assert not (tmp_path / suffix).exists()  # nothing half-written


def test_a_json_overlap_that_runs_out_of_time_is_a_json_error() -> None:
    import json

    result = invoke("overlap", LARGE, "--format", "json", "--timeout", "0.000001")
    (error,) = json.loads(result.stdout)["errors"]
    assert error["path"] == LARGE and STOPPED in error["message"]


def test_import_stops_at_its_time_limit(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(scale.import_same_names(50), encoding="utf-8")
    result = invoke("import", str(table), "--timeout", "0.000001", "-o", str(tmp_path / "m.yaml"))
    assert result.exit_code == 2
    assert f"{table}: importing the spreadsheet {STOPPED}" in result.stderr
    assert not (tmp_path / "m.yaml").exists()


def test_a_timeout_of_zero_is_no_limit(tmp_path: Path) -> None:
    assert invoke("overlap", LARGE, "--timeout", "0").exit_code == 0
    assert invoke("export", LARGE, "-f", "popolo", "--timeout", "0").exit_code == 0


def test_a_bad_timeout_is_a_usage_error() -> None:
    result = invoke("overlap", LARGE, "--timeout", "soon")
    assert result.exit_code == 2
    assert "--timeout: 'soon' is not a time in seconds" in result.stderr


def test_a_slow_template_names_the_template(tmp_path: Path) -> None:
    template = tmp_path / "slow.md.j2"
    template.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    result = invoke(
        "terms-of-reference", LARGE, "--template", str(template), "--timeout", "0.2"
    )
    assert result.exit_code == 2
    assert f"{template}: rendering the template took more than 0.2 seconds" in result.stderr
    assert "loop inside a loop" in result.stderr


# -- reporting chains -------------------------------------------------------------------------


class CountingDict(dict):  # type: ignore[type-arg]
    lookups = 0

    def __getitem__(self, key: object) -> object:
        CountingDict.lookups += 1
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        CountingDict.lookups += 1
        return super().__contains__(key)

    def get(self, key: object, default: object = None) -> object:
        CountingDict.lookups += 1
        return super().get(key, default)


# Since catalogue 1.1 a reports_to circle is valid input and rule G708 reports it.


def _g708(text: str) -> list[str]:
    from icp_cli.check.engine import CheckOptions, check_membership

    result = check_membership(load_text(text, "m.yaml"), CheckOptions(select=("G708",)))
    return [f.message for f in result.findings if f.code == "G708"]


def test_a_long_circle_is_one_finding_naming_every_body() -> None:
    (message,) = _g708(scale.reporting_circle(3000))
    assert message.count("→") == 3000


def test_circles_and_chains_into_them_are_reported_once() -> None:
    text = (
        scale.HEAD + "bodies:\n"
        "  a: {type: committee, name: A, reports_to: b, members: []}\n"
        "  b: {type: committee, name: B, reports_to: c, members: []}\n"
        "  c: {type: committee, name: C, reports_to: b, members: []}\n"
        "  d: {type: committee, name: D, reports_to: a, members: []}\n"
    )
    assert _g708(text) == ["The reporting chain goes round in a circle: 'b' → 'c' → 'b'."]


# -- did you mean -----------------------------------------------------------------------------


def test_a_hint_among_thousands_of_choices_compares_with_a_few() -> None:
    choices = {f"known-person-{i}": None for i in range(5000)}
    errors._index.cache_clear()
    assert errors.did_you_mean("known-persn-4321", choices) == "did you mean 'known-person-4321'?"
    for i in range(2000):
        errors.did_you_mean(f"unknown-person-{i}", choices)
    # The index is made once for the file's choices, and each hint compares with at most
    # _CANDIDATES of them.
    assert errors._index.cache_info().misses == 1
    _, postings = errors._index(tuple(choices))
    assert len(errors._likely("unknown-person-17", postings)) <= errors._CANDIDATES


def test_small_choice_sets_keep_their_hints() -> None:
    assert errors.did_you_mean("healthwach", ["healthwatch", "vcse"]) == (
        "did you mean 'healthwatch'?"
    )
    assert errors.did_you_mean("x" * 5000, ["x" * 5000]) is None  # not a misspelt id


def test_five_thousand_unknown_ids_are_all_reported() -> None:
    with pytest.raises(InputErrors) as caught:
        load_text(scale.unknown_ids(5000), "u.yaml")
    first = caught.value.errors[0]
    assert first.message == "person 'unknown-person-0' is not in people[]"
    assert first.hint == "did you mean 'known-person-0'?"


# -- id allocation ----------------------------------------------------------------------------


class CountingIds(TakenIds):
    probes = 0

    def __contains__(self, key: object) -> bool:
        CountingIds.probes += 1
        return super().__contains__(key)


def test_ids_for_many_people_of_one_name_are_counted_not_probed() -> None:
    taken = CountingIds({"pat-smith-3"})
    CountingIds.probes = 0
    made = [new_id("pat-smith", taken, "person") for _ in range(8000)]
    assert made[:4] == ["pat-smith", "pat-smith-2", "pat-smith-4", "pat-smith-5"]
    assert len(set(made)) == 8000
    assert CountingIds.probes <= 2 * 8000 + 1


def test_a_plain_set_still_gets_the_same_ids() -> None:
    taken = {"a", "a-2"}
    assert new_id("a", taken, "x") == "a-3" and new_id("", taken, "x") == "x"


def test_import_of_thousands_of_people_with_one_id_base(tmp_path: Path) -> None:
    table = tmp_path / "seats.csv"
    table.write_text(scale.import_same_names(300), encoding="utf-8")
    result = invoke("import", str(table))
    assert result.exit_code == 0, result.stderr
    assert "id: pat-smith-300\n" in result.stdout and "(300 people in people[])" in result.stderr


# -- overlap pairs and layout -----------------------------------------------------------------


def test_pairs_beyond_the_bound_are_refused_before_they_are_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(overlap, "MAX_SHARED_PAIRS", 100)
    path = tmp_path / "m.yaml"
    path.write_text(scale.one_person_many_bodies(15), encoding="utf-8")  # 105 pairs
    result = invoke("overlap", str(path))
    assert result.exit_code == 2
    assert "share 105 pairs of bodies between them, more than the 100" in result.stderr
    assert "--bodies" in result.stderr
    # Choosing bodies brings the view within the bound.
    ok = invoke("overlap", str(path), "--bodies", "b0,b1,b2", "--format", "json")
    assert ok.exit_code == 0, ok.stderr
    path.write_text(scale.one_person_many_bodies(14), encoding="utf-8")  # 91 pairs
    import json

    data = json.loads(invoke("overlap", str(path), "--format", "json").stdout)
    assert len(data["pairs"]) == 91


def test_the_pair_bound_is_far_above_real_systems() -> None:
    assert overlap.MAX_SHARED_PAIRS >= 10 * 4_052  # the largest synthetic system


def test_one_person_on_three_thousand_bodies_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(scale.one_person_many_bodies(3000), encoding="utf-8")
    result = invoke("overlap", str(path), "--format", "json")
    assert result.exit_code == 2
    assert "4,498,500 pairs" in result.stderr


def test_a_long_word_is_cut_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    word = "A" + "b" * 999_999

    def quadratic(*args: object) -> None:
        raise AssertionError("textwrap's own long-word cutting copies the rest per line")

    monkeypatch.setattr(textwrap.TextWrapper, "_handle_long_word", quadratic)
    lines = overlap_layout.wrap(f"Dr {word} Smith", 80, subsequent="  ")
    assert lines[0] == "Dr " + word[:77]
    assert "".join(lines).replace(" ", "") == f"Dr{word}Smith"
    assert all(len(line) <= 80 for line in lines)
    assert len(lines) == 1 + -(-(len(word) - 77) // 78)  # full lines of 78 after "  "


@pytest.mark.parametrize("seed", range(4))
def test_long_words_wrap_as_textwrap_wraps_them(seed: int) -> None:
    import random

    rng = random.Random(seed)
    for _ in range(300):
        width = rng.randint(8, 40)
        words = [
            "".join(rng.choice("ab-") for _ in range(rng.choice([3, 10, width * 25 + 3])))
            for _ in range(rng.randint(1, 4))
        ]
        text, indent = " ".join(words), rng.choice(["", "  "])
        sub = rng.choice([None, "   ", " "])
        expected = textwrap.wrap(
            text, width=max(width, len(indent) + 1, 8), initial_indent=indent,
            subsequent_indent=indent if sub is None else sub, break_on_hyphens=False,
        )  # fmt: skip
        assert overlap_layout.wrap(text, width, indent, sub) == expected


def test_a_four_megabyte_name_lays_out(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(scale.long_name(4_000_000), encoding="utf-8")
    result = invoke("overlap", str(path), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    # The output grows with the name, not faster.
    assert len(result.stdout) < 3 * 4_000_000


def test_the_scope_of_a_body_is_found_by_walking_down_once() -> None:
    from icp_cli.check.context import Context

    m = load_text(scale.reporting_chain(3000))
    ctx = Context(m)
    CountingDict.lookups = 0
    counted = CountingDict(ctx._reporting_to)
    ctx.__dict__["_reporting_to"] = counted
    scope = ctx.scope_of(m.bodies["b0"])
    assert [b.id for b in scope] == [f"b{i}" for i in range(3000)]
    assert 3000 <= CountingDict.lookups <= 3000 + 1  # one look per body, not one per pair
    assert [b.id for b in ctx.scope_of(m.bodies["b2998"])] == ["b2998", "b2999"]


def test_possible_same_people_in_overlap_stop_where_d204_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from icp_cli.load import limits

    monkeypatch.setattr(limits, "MAX_FINDINGS_PER_RULE", 50)
    members = "".join(
        f"      - {{name: Person Number{i} Jones, organisation: A, seat: councillor}}\n"
        for i in range(400)
    )  # every name is close to every other: 79,800 pairs
    registered = "".join(f"  - {{id: p{i}, name: Pat Smith}}\n" for i in range(400))
    text = (
        scale.HEAD + "people:\n" + registered
        + "bodies:\n  icp:\n    type: icp\n    name: P\n    members:\n" + members
        + "".join(f"      - {{person: p{i}}}\n" for i in range(400))
    )  # fmt: skip
    view = overlap.build(load_text(text))
    assert len(view.maybe_same) == 50
    lines = [(q.b_line, q.a_line) for q in view.maybe_same]
    assert lines == sorted(lines)


def test_the_word_table_is_filled_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # Indexing python-docx's rows searches the table from the top each time: n**2 for a
    # membership table (1,000 seats: 12 s; 4,000: past the time limit).
    from docx.table import _Rows

    from icp_cli.check.engine import check_membership
    from icp_cli.commands.tor import choose_body
    from icp_cli.render.tor.word import render_docx
    from icp_cli.tor.context import build_context

    found = []
    original = _Rows.__getitem__

    def searched(self: _Rows, index: int) -> object:
        found.append(index)
        return original(self, index)

    monkeypatch.setattr(_Rows, "__getitem__", searched)
    m = load_text(scale.unknown_ids(0).replace("members:\n", "members:\n" + "".join(
        f"      - {{name: Person {i}, organisation: Scale Council, seat: councillor}}\n"
        for i in range(300)
    )))  # fmt: skip
    context = build_context(m, choose_body(m, "icp"), check_membership(m).findings)
    assert render_docx(context).startswith(b"PK")
    assert len(found) <= 5  # the header row of each table, not every row of 300


def test_name_blocks_make_their_pairs_lazily_and_each_once() -> None:
    import inspect
    import random

    from icp_cli.people import matching as identity

    rng = random.Random(3)
    words = ["jo", "john", "jon", "joan", "j", "ann", "anne", "an", "a", "bob", "rob"]
    members = list(range(60))
    forenames = [rng.choice(words) for _ in members]
    made = identity._surname_block_pairs(members, forenames)
    assert inspect.isgenerator(made)  # a caller at its limit stops it: no set of all pairs
    pairs = list(made)
    assert len(pairs) == len(set(pairs))
    keys = {u: identity._deletions(f) if len(f) > 1 else {f} for u, f in enumerate(forenames)}

    def initial_of(a: str, b: str) -> bool:
        return len(a) == 1 and len(b) > 1 and b.startswith(a)

    expected = {
        (u, v)
        for v in members
        for u in members[:v]
        if keys[u] & keys[v]
        or initial_of(forenames[u], forenames[v])
        or initial_of(forenames[v], forenames[u])
    }
    assert set(pairs) >= expected


def test_five_thousand_equally_close_names_stop_at_the_limit() -> None:
    from icp_cli.people import matching as identity

    entries = [(i, f"person number{i} jones") for i in range(5000)]
    assert len(identity.close_name_pairs(entries, limit=1000)) == 1000
