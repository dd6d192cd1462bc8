"""`icp terms-of-reference`: choosing the body, placeholders, escaping, formats, options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from icp_cli.check.engine import check_membership
from icp_cli.cli import app
from icp_cli.commands.tor import choose_body
from icp_cli.load.builder import load_text
from icp_cli.load.errors import UsageError
from icp_cli.render.tor.kit import md_escape, render_builtin
from icp_cli.resources import sample_paths
from icp_cli.tor.context import build_context

runner = CliRunner()
ENV = {"NO_COLOR": "1"}
SAMPLES = sample_paths()
PLACEHOLDER = re.compile(r"\[TO BE AGREED: [^\]]+\]")


def tor(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["terms-of-reference", *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def context_for(text: str, body: str | None = None) -> dict:
    m = load_text(text)
    return build_context(m, choose_body(m, body), check_membership(m).findings)


MINIMAL = """\
version: 1
system:
  name: Tiny ICS
  local_authorities: [Tiny Council]
bodies:
  board:
    type: icb
    name: NHS Tiny ICB
    members: []
  icp:
    type: icp
    name: Tiny Partnership
    members:
      - name: Cllr Ann Lee
        organisation: Tiny Council
"""


# -- choosing the body ---------------------------------------------------------------------


def test_the_default_body_is_the_only_icp_whatever_its_id() -> None:
    text = MINIMAL.replace("  icp:\n", "  partnership:\n")
    m = load_text(text)
    assert choose_body(m, None).id == "partnership"


def test_the_default_body_is_the_one_with_id_icp_when_there_are_several_icps(
    tmp_path: Path,
) -> None:
    text = MINIMAL + """\
  icp-b:
    type: icp
    name: Second Partnership
    members: []
"""
    assert choose_body(load_text(text), None).id == "icp"
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = tor(str(path))
    assert code == 0 and err == ""
    assert out.startswith("# Terms of reference: Tiny Partnership\n")


def test_the_default_body_is_the_one_with_id_icp_whatever_its_type(tmp_path: Path) -> None:
    text = MINIMAL.replace("    type: icp\n    name: Tiny Partnership", (
        "    type: committee\n    name: Tiny Committee\n    reports_to: board"
    )) + """\
  partnership:
    type: icp
    members: []
"""
    m = load_text(text)
    assert choose_body(m, None).id == "icp" and choose_body(m, None).type == "committee"
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = tor(str(path))
    assert code == 0 and err == ""
    assert out.startswith("# Terms of reference: Tiny Committee\n")
    assert "is a committee" in out
    assert out == tor(str(path), "--body", "icp")[1]


def test_several_icps_none_with_id_icp_is_a_usage_error_listing_them(tmp_path: Path) -> None:
    text = MINIMAL.replace("  icp:\n", "  icp-north:\n") + """\
  icp-south:
    type: icp
    members: []
"""
    with pytest.raises(UsageError) as exc:
        choose_body(load_text(text), None)
    assert "2 ICPs (icp-north, icp-south)" in exc.value.message
    assert "no body with the id 'icp'" in exc.value.message
    assert "--body" in exc.value.message
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = tor(str(path))
    assert code == 2 and out == "" and "2 ICPs" in err and "--body icp-north" in err


def test_no_icp_asks_for_body(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL.split("  icp:\n")[0], encoding="utf-8")
    code, out, err = tor(str(path))
    assert code == 2 and out == ""
    assert "no body with the id 'icp' and no ICP" in err
    assert "--body" in err and "bodies: board" in err


def test_unknown_body_is_a_usage_error_with_did_you_mean() -> None:
    code, out, err = tor(str(SAMPLES["northshire"]), "--body", "hwb-northshir")
    assert code == 2 and out == ""
    assert "no body 'hwb-northshir'" in err and "did you mean 'hwb-northshire'?" in err
    assert "Traceback" not in err


def test_input_errors_exit_2_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("organisation:", "orgnisation:"), encoding="utf-8")
    code, out, err = tor(str(path))
    assert code == 2 and out == ""
    assert re.search(r"bad\.yaml:\d+:\d+: ", err) and "organisation" in err


def test_missing_file_exits_2() -> None:
    code, _, err = tor("no-such-membership.yaml")
    assert code == 2 and "no-such-membership.yaml" in err


# -- nothing invented: gaps are placeholders -------------------------------------------------


def test_what_the_file_does_not_say_is_a_placeholder() -> None:
    context = context_for(MINIMAL)
    assert context["meetings"] == {"public": None, "frequency": None, "quorum": None}
    assert context["chairs"] == [] and context["vice_chairs"] == []
    text = render_builtin(context, "markdown")
    for gap in (
        "[TO BE AGREED: how often]",
        "[TO BE AGREED: in public or in private]",
        "[TO BE AGREED: the chair]",
        "[TO BE AGREED: role]",
        "[TO BE AGREED: seat]",
        "[TO BE AGREED: the number of members present that makes a meeting quorate]",
        "[TO BE AGREED: how often] and approved by",
    ):
        assert gap in text, gap
    # The council member is there, the ICB appointee is not: a placeholder says so.
    assert "Member appointed by Tiny Council (LGPIHA 2007 s.116ZA(2)(b)): Cllr Ann Lee" in text
    assert (
        "Member appointed by the integrated care board (LGPIHA 2007 s.116ZA(2)(a)): "
        "[TO BE AGREED: who holds this seat]" in text
    )


def test_what_the_file_says_is_not_a_placeholder() -> None:
    text = render_builtin(context_for(MINIMAL.replace(
        "    name: Tiny Partnership\n",
        "    name: Tiny Partnership\n    meetings: {public: true, frequency: monthly, quorum: 1}\n"
        "    chair: Cllr Ann Lee\n",
    )), "markdown")
    assert "The Partnership meets monthly. Its formal meetings are held in public." in text
    assert "The quorum is 1 member, of the 1 member listed." in text
    assert "The chair of the Partnership is Cllr Ann Lee." in text
    assert "[TO BE AGREED: the chair]" not in text


def test_every_seat_of_every_body_of_every_sample_is_listed() -> None:
    for path in SAMPLES.values():
        m = load_text(path.read_text(encoding="utf-8"), path.name)
        findings = check_membership(m).findings
        for body in m.bodies.values():
            context = build_context(m, body, findings)
            for fmt in ("markdown", "html"):
                text = render_builtin(context, fmt)
                rows = text.count("\n| ") - 1 if fmt == "markdown" else text.count("<tr><td>")
                # Every seat, vacant ones included; then the terms of office table, if any
                # (in Markdown its header row counts too).
                terms = len(context["terms"])
                extra = terms + (1 if terms and fmt == "markdown" else 0)
                assert max(rows, 0) == len(body.all_seats) + extra, (path.name, body.id, fmt)
                assert PLACEHOLDER.search(text), (path.name, body.id)


def test_drafting_notes_carry_the_findings_that_bear_on_the_body() -> None:
    text = render_builtin(
        context_for(SAMPLES["first-draft"].read_text(encoding="utf-8"), "icp"), "markdown"
    )
    notes = text.split("## Drafting notes", 1)[1]
    for code in ("S101", "R301", "G701", "V407", "C602", "D203"):
        assert f"**{code}**" in notes, code
    assert "**D201**" not in notes and "**D206**" not in notes  # not about the ToR
    assert "Seat 'healthwach' is not a known seat kind" in notes


def test_a_clean_body_says_there_is_nothing_to_note() -> None:
    text = render_builtin(
        context_for(SAMPLES["northshire"].read_text(encoding="utf-8"), "icp"), "markdown"
    )
    assert "icp check finds nothing in the membership file that bears on" in text


# -- escaping ---------------------------------------------------------------------------------

HOSTILE = """\
version: 1
system:
  name: "Evil <ICS> & *Co*"
  local_authorities: ["Council | of # Things"]
bodies:
  icp:
    type: icp
    name: "# Not a heading <script>alert(1)</script>"
    meetings: {frequency: "**weekly** | [x](http://evil)"}
    members:
      - name: "Ann *Bold* | Smith"
        organisation: "Council | of # Things"
        role: "<script>alert('x')</script> [link](http://evil) `code`"
        seat: "chair"
      - name: "- 1. Bob_Smith_"
        organisation: "&amp; Friends |"
        role: "line one | line two"
engagement:
  - name: "<img src=x onerror=alert(1)>"
    reports_to: icp
    involves: [vcse]
"""


def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_user_text_cannot_break_the_markdown() -> None:
    text = render_builtin(context_for(HOSTILE), "markdown")
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 3
    assert all(len(_cells(row)) == 5 for row in rows)
    assert not re.search(r"(?<!\\)<", text)  # no raw HTML at all
    assert "Ann \\*Bold\\* \\| Smith" in text
    assert "\\[link\\](http://evil)" in text
    assert "# Terms of reference: \\# Not a heading" in text
    assert "\\&amp; Friends" in text
    assert not any(line.startswith("- 1.") for line in text.splitlines())


def test_user_text_stays_text_in_html() -> None:
    text = render_builtin(context_for(HOSTILE), "html")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "Ann *Bold* | Smith" in text
    assert "&amp;amp; Friends" in text
    # Self-contained: no external resources.
    assert not re.search(r"(src|href)=", text.replace("&lt;img src=x", ""))


@given(st.text())
def test_markdown_escape_keeps_text_on_one_line_and_inside_its_cell(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert not re.search(r"(?<!\\)(\\\\)*\|", escaped.replace("\\\\", ""))
    assert "<" not in escaped.replace("\\<", "")


# -- formats and output ------------------------------------------------------------------------


def test_markdown_to_stdout_by_default() -> None:
    code, out, err = tor(str(SAMPLES["northshire"]))
    assert code == 0 and err == ""
    assert out.startswith("# Terms of reference: Northshire and Cathersby Integrated Care")


def test_format_follows_the_output_extension(tmp_path: Path) -> None:
    for name, start in (("tor.md", b"# Terms"), ("tor.html", b"<!DOCTYPE html>"),
                        ("tor.htm", b"<!DOCTYPE html>"), ("tor.docx", b"PK")):
        target = tmp_path / name
        code, out, _ = tor(str(SAMPLES["northshire"]), "-o", str(target))
        assert code == 0 and out == ""
        assert target.read_bytes().startswith(start), name


def test_docx_needs_an_output_file() -> None:
    code, out, err = tor(str(SAMPLES["northshire"]), "--format", "docx")
    assert code == 2 and out == "" and "-o" in err


def test_a_format_that_contradicts_the_extension_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = tor(str(SAMPLES["northshire"]), "-f", "html", "-o", str(tmp_path / "t.docx"))
    assert code == 2 and "--format html does not match" in err
    assert not (tmp_path / "t.docx").exists()
    # An extension that implies nothing is fine.
    code, _, _ = tor(str(SAMPLES["northshire"]), "-f", "html", "-o", str(tmp_path / "t.txt"))
    assert code == 0 and (tmp_path / "t.txt").read_text().startswith("<!DOCTYPE html>")


def test_output_is_not_replaced_without_force(tmp_path: Path) -> None:
    for name in ("tor.md", "tor.docx"):
        target = tmp_path / name
        target.write_text("keep me", encoding="utf-8")
        code, _, err = tor(str(SAMPLES["northshire"]), "-o", str(target))
        assert code == 2 and "already exists" in err
        assert target.read_text(encoding="utf-8") == "keep me"
        code, _, _ = tor(str(SAMPLES["northshire"]), "-o", str(target), "--force")
        assert code == 0 and target.read_bytes() != b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tor.docx", "tor.md"]  # no temp files


def test_html_is_escaped_and_marks_placeholders() -> None:
    code, out, _ = tor(str(SAMPLES["first-draft"]), "--body", "icb-finance", "-f", "html")
    assert code == 0
    assert '<mark class="tbd">[TO BE AGREED: the purpose of the Committee]</mark>' in out
    assert "&#39;icb-finance&#39;" in out
