"""`icp terms-of-reference --template`: a user's own Jinja template, sandboxed and strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
ENV = {"NO_COLOR": "1"}
NORTHSHIRE = str(sample_paths()["northshire"])


def run_template(tmp_path: Path, text: str, name: str = "mine.md.j2", *extra: str):
    template = tmp_path / name
    template.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["terms-of-reference", NORTHSHIRE, "--template", str(template), *extra], env=ENV
    )
    return result, str(template)


def test_a_user_template_gets_the_context(tmp_path: Path) -> None:
    result, _ = run_template(
        tmp_path,
        "{{ body.name }} ({{ body.type_label }}): {{ seats|length }} seats, chair "
        "{{ chairs[0].name }}, quorum {{ meetings.quorum }}\n"
        "{% for s in seats if s.attendance == 'participant' %}{{ s.name }}{% endfor %}\n"
        "{{ tbd('the review date') }} {{ count(2, 'member') }}\n",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Northshire and Cathersby Integrated Care Partnership (integrated care partnership): "
        "19 seats, chair Cllr Helen Ashworth, quorum 7\n"
        "Vanessa Threlfall\n"
        "[TO BE AGREED: the review date] 2 members\n"
    )


def test_esc_escapes_for_the_output_format(tmp_path: Path) -> None:
    hostile = tmp_path / "m.yaml"
    hostile.write_text(
        "system: {name: S}\nbodies:\n  icp:\n    type: icp\n    name: 'A <b> | *x*'\n"
        "    members: []\n",
        encoding="utf-8",
    )
    template = tmp_path / "t.j2"
    template.write_text("{{ body.name|esc }}", encoding="utf-8")
    md = runner.invoke(app, ["terms-of-reference", str(hostile), "--template", str(template)])
    assert md.stdout == "A \\<b\\> \\| \\*x\\*"
    html = runner.invoke(
        app, ["terms-of-reference", str(hostile), "--template", str(template), "-f", "html"]
    )
    assert html.stdout == "A &lt;b&gt; | *x*"
    # An HTML template autoescapes even without the filter.
    page = tmp_path / "page.html.j2"
    page.write_text("<h1>{{ body.name }}</h1>", encoding="utf-8")
    out = runner.invoke(app, ["terms-of-reference", str(hostile), "--template", str(page)])
    assert out.stdout == "<h1>A &lt;b&gt; | *x*</h1>"


def test_a_typo_is_an_error_with_the_templates_line(tmp_path: Path) -> None:
    result, path = run_template(tmp_path, "# {{ body.name }}\n\n{{ body.nmae }}\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"{path}:3: 'dict object' has no attribute 'nmae'\n"


def test_an_undefined_name_is_an_error(tmp_path: Path) -> None:
    result, path = run_template(tmp_path, "line 1\n{% if true %}\n{{ bodyy.name }}\n{% endif %}\n")
    assert result.exit_code == 2
    assert result.stderr == f"{path}:3: 'bodyy' is undefined\n"


def test_a_syntax_error_is_an_error_with_the_line(tmp_path: Path) -> None:
    result, path = run_template(tmp_path, "a\n{% for s in seats %}\n{{ s.name }\n")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:3: ")
    assert "Traceback" not in result.stderr


def test_an_error_in_an_included_template_names_that_file(tmp_path: Path) -> None:
    (tmp_path / "part.j2").write_text("ok\n{{ nope }}\n", encoding="utf-8")
    result, _ = run_template(tmp_path, "{% include 'part.j2' %}\n")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'part.j2'}:2: 'nope' is undefined\n"


def test_a_runtime_error_in_the_template_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result, path = run_template(tmp_path, "\n{{ 1 // 0 }}\n")
    assert result.exit_code == 2
    assert result.stderr == f"{path}:2: ZeroDivisionError: integer division or modulo by zero\n"


@pytest.mark.parametrize(
    "attempt",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ body.__class__ }}",
        "{{ seats.__class__.__base__.__subclasses__() }}",
        "{{ self._TemplateReference__context }}",
        "{{ '{0.__class__}'.format(body) }}",
        "{{ range.__self__ }}",
        "{{ 'x' * 100000000 }}",
        "{{ 9 ** 99999999 }}",
    ],
)
def test_sandbox_escapes_are_refused(tmp_path: Path, attempt: str) -> None:
    result, path = run_template(tmp_path, f"before\n{attempt}\n")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:2: "), result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_template_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["terms-of-reference", NORTHSHIRE, "--template", str(tmp_path / "none.j2")],
        env=ENV,
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'none.j2'}: no such template file")


def test_a_template_cannot_make_a_docx(tmp_path: Path) -> None:
    result, _ = run_template(tmp_path, "x", "t.j2", "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 2 and "cannot make a .docx" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_template_output_goes_to_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    result, _ = run_template(tmp_path, "{{ body.id }}\n", "t.j2", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == "icp\n"


# The keys of context version 1 as published: a public interface. The typed context
# (icp_cli/tor/context.py, which docs/tor-context.md is generated from and tests/test_docs.py
# holds every built context to) may add keys within version 1, never drop or rename one.
DOCUMENTED = {
    "": {
        "context_version", "source", "template_type", "system", "body", "icb", "seats",
        "counts", "chairs", "co_chaired", "vice_chairs", "meetings", "statutory",
        "engagement", "drafting_notes", "related", "by_post", "regime",
        "also", "deputies", "vacancies", "non_voting", "terms",
    },
    "regime": {
        "name", "title", "status", "proposed", "notice", "dates", "icp_statutory",
        "healthwatch", "nhs_england", "mayoral_members",
    },
    "system": {
        "name", "population", "local_authorities", "places", "partly", "mayoral_authorities",
    },
    "body": {
        "id", "type", "type_label", "name", "name_given", "short", "place", "partial",
        "councils", "councils_own", "reports_to", "reporting_bodies",
        "also", "in_common_with", "function", "councils_partly",
    },
    "body.reports_to": {"id", "name", "type", "type_label"},
    "icb": {"id", "name", "type", "type_label"},
    "seats[]": {
        "name", "person_id", "role", "organisation", "sector", "sector_label", "seats",
        "seat_labels", "attendance", "attendance_label", "is_member", "is_chair",
        "is_vice_chair", "appointed_by", "line",
        "vacant", "voting", "substitute_for", "term_from", "term_to",
    },
    "counts": {
        "member", "participant", "observer", "substitute", "total", "vacant", "non_voting",
    },
    "chairs[]": {"name", "role", "organisation", "is_member"},
    "meetings": {"public", "frequency", "quorum"},
    "statutory[]": {"key", "ref", "label", "holders", "met", "ambiguous", "source"},
    "engagement[]": {
        "name", "type", "type_label", "involves", "involves_labels", "reports_to", "direct",
    },
    "drafting_notes[]": {"code", "name", "severity", "message", "hint", "line"},
    "related": {"icb", "hwbs", "places"},
}  # fmt: skip


def _typed(path: str) -> type:
    """The context type a template reaches at `path` (`seats[]`, `body.reports_to`)."""
    from typing import get_args

    from icp_cli.tor.context import TorContext, keys

    kind: type = TorContext
    for part in filter(None, path.replace("[]", "").split(".")):
        tp = next(k.type for k in keys(kind) if k.name == part)
        while get_args(tp):  # list[X], X | None
            tp = next(a for a in get_args(tp) if a is not type(None))
        kind = tp
    return kind


def test_the_context_keys_of_version_1_are_all_still_there() -> None:
    from icp_cli.tor.context import CONTEXT_VERSION, keys

    assert CONTEXT_VERSION == 1
    for path, published in DOCUMENTED.items():
        typed = {k.name for k in keys(_typed(path))}
        assert published <= typed, (path, published - typed)
