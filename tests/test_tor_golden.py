"""Golden terms of reference: for each sample, one body of each type present, in Markdown
and HTML, and one Word document per type read back as text (styles, runs, table cells)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()

# (sample, body): every body type each sample has.
BODIES = [
    ("northshire", "icp"),
    ("northshire", "icb"),
    ("northshire", "hwb-northshire"),
    ("northshire", "icb-audit"),  # committee
    ("greater-wessex", "icp"),  # co-chaired, sub-group and engagement routes
    ("greater-wessex", "icb"),
    ("greater-wessex", "hwb-south-wessex"),
    ("greater-wessex", "place-south-wessex"),
    ("greater-wessex", "icb-audit"),
    ("greater-wessex", "icp-population-health"),  # sub-group: generic
    ("greater-wessex", "acute-provider-collaborative"),  # generic, partial
    ("first-draft", "icp"),
    ("first-draft", "icb"),
    ("first-draft", "hwb-eastmere"),  # no chair, quorum unreachable, no Healthwatch
    ("first-draft", "icb-finance"),  # chair not a member
    ("first-draft", "place-port-aldwych"),  # no members at all
    ("kestrel-vale", "icp-harrowdown"),  # also the HWB; a vacancy, a deputy, a term
    ("kestrel-vale", "icp-kestrel"),  # meets in common with the HWB; a partly council
    ("kestrel-vale", "hwb-kestrel"),  # members without a vote
    ("kestrel-vale", "icb"),  # deputy chair, mayoral member, a deputy, terms
    ("kestrel-vale", "icb-audit"),  # a committee with a function
]

# One Word document for each template.
DOCX = [
    ("northshire", "icp"),
    ("greater-wessex", "icb"),
    ("first-draft", "hwb-eastmere"),
    ("greater-wessex", "place-south-wessex"),
    ("first-draft", "icb-finance"),
    ("greater-wessex", "acute-provider-collaborative"),
    ("kestrel-vale", "icp-harrowdown"),
]


def render(sample: str, body: str, *args: str) -> str:
    result = runner.invoke(
        app,
        ["terms-of-reference", str(SAMPLES[sample]), "--body", body, *args],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize(("sample", "body"), BODIES)
def test_markdown(sample: str, body: str) -> None:
    assert_golden(f"tor-{sample}-{body}.md", render(sample, body))


@pytest.mark.parametrize(("sample", "body"), BODIES)
def test_html(sample: str, body: str) -> None:
    assert_golden(f"tor-{sample}-{body}.html", render(sample, body, "--format", "html"))


@pytest.mark.parametrize(("sample", "body"), [("first-draft", "icp"), ("northshire", "icb")])
def test_json(monkeypatch: pytest.MonkeyPatch, sample: str, body: str) -> None:
    # From the project folder, so that "path" is the same relative path on every machine.
    monkeypatch.chdir(SAMPLES[sample].parent.parent)
    result = runner.invoke(
        app,
        ["terms-of-reference", f"sample_systems/{sample}.yaml", "--body", body, "-f", "json"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden(f"tor-{sample}-{body}.json", result.stdout)


def test_the_icp_is_the_default_body() -> None:
    result = runner.invoke(app, ["terms-of-reference", str(SAMPLES["northshire"])])
    assert result.exit_code == 0
    assert result.stdout == render("northshire", "icp")


def docx_text(data: bytes) -> str:
    """A Word document as text: each paragraph as [style] text, with bold runs in ** and
    highlighted runs in ⟦ ⟧; each table as [table style] and one | cell | line per row."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.table import Table

    def runs(paragraph: object) -> str:
        out = []
        for run in paragraph.runs:  # type: ignore[attr-defined]
            text = run.text
            if run.bold:
                text = f"**{text}**"
            if run.font.highlight_color == WD_COLOR_INDEX.YELLOW:
                text = f"⟦{text}⟧"
            out.append(text)
        return "".join(out)

    doc = Document(io.BytesIO(data))
    lines = [f"[title] {doc.core_properties.title}"]
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            lines.append(f"[table {item.style.name}]")
            for row in item.rows:
                lines.append("| " + " | ".join(runs(c.paragraphs[0]) for c in row.cells) + " |")
        else:
            lines.append(f"[{item.style.name}] {runs(item)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("sample", "body"), DOCX)
def test_docx(tmp_path: Path, sample: str, body: str) -> None:
    target = tmp_path / "tor.docx"
    assert render(sample, body, "-o", str(target)) == ""
    text = docx_text(target.read_bytes())
    assert_golden(f"tor-{sample}-{body}.docx.txt", text)


def test_docx_has_word_headings_a_table_and_highlighted_placeholders(tmp_path: Path) -> None:
    target = tmp_path / "tor.docx"
    render("northshire", "icp", "-o", str(target))
    text = docx_text(target.read_bytes())
    assert "[Heading 1] Terms of reference: Northshire and Cathersby Integrated Care" in text
    assert "[Heading 2] Membership" in text
    assert "[table Table Grid]\n| **Name** | **Role** | **Organisation** | **Seat** | " in text
    assert "⟦[TO BE AGREED: how often]⟧" in text
    # Every placeholder is highlighted, and nothing else is.
    assert text.count("[TO BE AGREED:") == text.count("⟦[TO BE AGREED:")
    assert text.count("⟦") == text.count("⟦[TO BE AGREED:")
    # The Markdown has the same placeholders, but for the Word document's control table.
    control = text.split("[Heading 2]", 1)[0].count("[TO BE AGREED:")
    assert control == 4
    assert (
        text.count("[TO BE AGREED:")
        == render("northshire", "icp").count("[TO BE AGREED:") + control
    )


def test_docx_keeps_user_text_as_text(tmp_path: Path) -> None:
    membership = tmp_path / "m.yaml"
    membership.write_text(
        "system: {name: S}\nbodies:\n  icp:\n    type: icp\n    name: 'A <b>&amp; | *x*'\n"
        "    members:\n      - {name: 'Ann | <script>x</script>', role: '[TO BE AGREED: no]'}\n",
        encoding="utf-8",
    )
    target = tmp_path / "t.docx"
    result = runner.invoke(app, ["terms-of-reference", str(membership), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    text = docx_text(target.read_bytes())
    assert "[Heading 1] Terms of reference: A <b>&amp; | *x*" in text
    assert "| Ann | <script>x</script> | [TO BE AGREED: no] | " in text  # not highlighted
