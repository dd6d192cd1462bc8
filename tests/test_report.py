"""`icp report`: one self-contained HTML page, as a user runs it and as a browser shows it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import Browser, chromium, distinct_colours
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
NAMES = sorted(SAMPLES)
HOSTILE_NAME = '<script>alert("x")</script><img src="http://example.invalid/p.png">'


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def hostile_file(tmp_path: Path) -> Path:
    """Northshire with a person, a body and an engagement route named like markup."""
    text = SAMPLES["northshire"].read_text(encoding="utf-8")
    text = text.replace("name: Margaret Ellison", f"name: '{HOSTILE_NAME}'", 1)
    text = text.replace(
        "name: Northshire and Cathersby Citizens' Panel",
        "name: \"Panel </desc></svg><iframe src='http://example.invalid/'>\"",
        1,
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class Structure(HTMLParser):
    """What the accessibility and self-containment checks need from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.svg_children: list[list[str]] = []  # direct children of each <svg>
        self.text_of: dict[str, str] = {}  # element id -> its text
        self._ids: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if self.stack and self.stack[-1] == "svg":
            self.svg_children[-1].append(tag)
        if tag == "svg":
            self.svg_children.append([])
        self.stack.append(tag)
        self._ids.append(attributes.get("id"))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            self._ids.pop()
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        for element_id in self._ids:
            if element_id:
                self.text_of[element_id] = self.text_of.get(element_id, "") + data


def parse(html: str) -> Structure:
    page = Structure()
    page.feed(html)
    page.close()
    return page


# -- the command ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_report_of_every_sample_is_written_and_exits_0(name: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("report", str(SAMPLES[name]), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Membership report: " in html


def test_report_goes_to_stdout_without_output() -> None:
    result = invoke("report", str(SAMPLES["northshire"]))
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert invoke("report", str(SAMPLES["northshire"]), "-o", "-").stdout == result.stdout


def test_golden_report_northshire(monkeypatch: pytest.MonkeyPatch) -> None:
    # A path relative to the checkout, so the page is the same in any clone.
    root = SAMPLES["northshire"].parent.parent
    monkeypatch.chdir(root)
    path = str(SAMPLES["northshire"].relative_to(root))
    result = invoke("report", path, "--as-of", "2026-04-01")
    assert_golden("report-northshire.html", result.stdout)


def test_report_exits_0_whatever_the_findings(tmp_path: Path) -> None:
    # first-draft has errors: `check` exits 1, `report` still 0 once written.
    assert invoke("check", str(SAMPLES["first-draft"])).exit_code == 1
    out = str(tmp_path / "r.html")
    assert invoke("report", str(SAMPLES["first-draft"]), "-o", out).exit_code == 0


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("keep me", encoding="utf-8")
    refused = invoke("report", str(SAMPLES["northshire"]), "-o", str(out))
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert invoke("report", str(SAMPLES["northshire"]), "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_input_errors_exit_2_with_positions(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsystem: [\n", encoding="utf-8")
    result = invoke("report", str(bad), "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 2
    assert re.search(r"bad\.yaml:\d+:\d+: ", result.stderr)
    assert not (tmp_path / "r.html").exists()
    missing = invoke("report", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "Traceback" not in missing.stderr


def test_regime_and_as_of_are_shown_and_checked() -> None:
    shown = invoke(
        "report",
        str(SAMPLES["northshire"]),
        "--regime",
        "health-bill-2026",
        "--as-of",
        "2026-09-30",
    )
    assert shown.exit_code == 0
    assert "Health Bill 2026 (proposed law, not in force)" in shown.stdout
    assert "2026-09-30" in shown.stdout
    wrong = invoke("report", str(SAMPLES["northshire"]), "--regime", "act-2021")
    assert wrong.exit_code == 2 and "act-2022" in wrong.stderr
    bad_date = invoke("report", str(SAMPLES["northshire"]), "--as-of", "30/09/2026")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


# -- what the page holds ----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_page_is_self_contained_and_accessible(name: str) -> None:
    html = invoke("report", str(SAMPLES[name])).stdout
    page = parse(html)
    tags = [t for t, _ in page.tags]
    assert dict(page.tags[tags.index("html")][1]).get("lang") == "en-GB"
    assert "title" in tags and tags.count("h1") == 1
    # Nothing that loads: no scripts, links to stylesheets, images, frames or objects, and
    # no attribute anywhere that names a URL other than the SVG namespace.
    for tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio"):
        assert tag not in tags, tag
    for tag, attrs in page.tags:
        for key, value in attrs.items():
            if key in ("src", "href", "xlink:href", "data", "action", "srcset", "poster"):
                assert value is not None and value.startswith("#"), (tag, key, value)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    # Table headers say what they head.
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in page.tags if tag == "th")
    # Every chart: an image with a title and a description, named by aria-labelledby.
    charts = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert charts
    for attrs, children in zip(charts, page.svg_children, strict=True):
        assert attrs.get("role") == "img"
        assert children[:2] == ["title", "desc"]
        for ref in (attrs.get("aria-labelledby") or "").split():
            assert page.text_of.get(ref, "").strip(), ref
    # And a text equivalent beside it: a caption and a table in the same section.
    for section in re.findall(r"<section.*?</section>", html, re.S):
        if "<svg" in section:
            assert "<figcaption>" in section
            assert "<table" in section or 'class="tree-list"' in section


def test_page_holds_every_view() -> None:
    html = invoke("report", str(SAMPLES["greater-wessex"])).stdout
    for heading in (
        "Findings by severity and body",
        "Sizes against limits",
        "Overlap between bodies",
        "Who sits where",
        "Seats by sector group",
        "Reporting tree and engagement routes",
    ):
        assert f">{heading}</h2>" in html
    assert "Health and Care Act 2022 (in force)" in html
    assert "S101" in html and "The ICP has 27 members; the limit is 25." in html
    assert 'class="over"' in html  # the ICP, over its limit
    assert 'class="shared"' in html  # people on two or more bodies
    assert html.count('role="img"') == 5


def test_user_text_is_escaped(tmp_path: Path) -> None:
    html = invoke("report", str(hostile_file(tmp_path))).stdout
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;/desc&gt;&lt;/svg&gt;&lt;iframe" in html
    plain = invoke("report", str(SAMPLES["northshire"])).stdout
    assert [t for t, _ in parse(html).tags].count("svg") == plain.count("<svg ")


# -- in a real browser ------------------------------------------------------------------------

BROWSER = chromium()
_REQUIRED = bool(os.environ.get("ICP_REQUIRE_BROWSER") or os.environ.get("CI"))


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if BROWSER is None:
        if _REQUIRED:
            pytest.fail("chromium is required here (ICP_REQUIRE_BROWSER or CI) but missing")
        pytest.skip("chromium is not installed (.ci/run installs it)")
    with Browser(BROWSER) as running:
        yield running


CHART_CHECK = """
[...document.querySelectorAll('svg')].map(svg => {
  const fig = svg.closest('section');
  return {
    title: (svg.querySelector(':scope > title') || {}).textContent || '',
    desc: (svg.querySelector(':scope > desc') || {}).textContent || '',
    label: svg.getAttribute('aria-labelledby').split(' ')
      .map(id => (document.getElementById(id) || {}).textContent || '').join(' '),
    caption: (svg.closest('figure').querySelector('figcaption') || {}).textContent || '',
    tableRows: fig.querySelectorAll('table tbody tr').length,
    listItems: fig.querySelectorAll('.tree-list li').length,
    width: svg.getBoundingClientRect().width,
  };
})
"""


@pytest.mark.parametrize("name", ["greater-wessex", "hostile"])
def test_report_in_a_real_browser(browser, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = hostile_file(tmp_path) if name == "hostile" else SAMPLES[name]
    out = tmp_path / "report.html"
    assert invoke("report", str(source), "-o", str(out)).exit_code == 0
    page = browser.open(out)
    assert page.events.errors() == []
    # One request: the page itself. No font, image, script or stylesheet fetched.
    assert page.events.requests == [out.resolve().as_uri()]
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert page.evaluate("document.scripts.length") == 0
    charts = page.evaluate(CHART_CHECK)
    assert len(charts) == out.read_text(encoding="utf-8").count("<svg ") >= 4
    for chart in charts:
        assert chart["title"].strip() and chart["desc"].strip()
        assert chart["label"].strip() == f"{chart['title']} {chart['desc']}".strip()
        assert chart["caption"].strip()
        assert chart["tableRows"] or chart["listItems"]
        assert chart["width"] > 0
    if name == "hostile":
        assert page.evaluate("document.querySelectorAll('iframe, img').length") == 0
        assert HOSTILE_NAME in page.evaluate("document.body.innerText")

    png = page.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert distinct_colours(png) > 20  # headings, bars, text: not a blank page

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(page.pdf())
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        if _REQUIRED:
            pytest.fail("pdftotext (poppler-utils) is required here but missing")
        return
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Membership report:" in text
    assert "Who sits where" in text and "Reporting tree and engagement routes" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size and (round(float(size[1])), round(float(size[2]))) == (595, 842)  # A4
    assert int(re.search(r"Pages:\s+(\d+)", info.stdout)[1]) > 1  # type: ignore[index]


def many_bodies(tmp_path: Path, count: int) -> Path:
    """An ICP and `count` committees of three, one person on every committee."""
    lines = [
        "version: 1",
        "system: {name: Wide ICS, local_authorities: [Wide Council]}",
        "people:",
        "  - {id: pat-roe, name: Pat Roe, organisation: Wide Council, sector: local-government}",
        "bodies:",
        "  icp:",
        "    type: icp",
        "    members:",
        "      - {person: pat-roe, seat: chair}",
    ]
    for n in range(count):
        lines += [
            f"  c{n:03d}:",
            "    type: committee",
            f"    name: Committee {n}",
            "    reports_to: icp",
            "    members:",
            "      - {person: pat-roe}",
            f"      - {{name: Member A{n}, organisation: Trust {n}, sector: nhs-acute}}",
            f"      - {{name: Member B{n}, organisation: Trust {n}, sector: nhs-acute}}",
        ]
    path = tmp_path / "wide.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_very_large_file_gives_lists_not_unreadable_pictures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icp_cli.render.report.context as report

    monkeypatch.setattr(report, "MATRIX_CELLS", 500)
    monkeypatch.setattr(report, "PAIR_ROWS", 10)
    monkeypatch.setattr(report, "TREE_NODES", 30)
    result = invoke("report", str(many_bodies(tmp_path, report.CHART_ROWS + 5)))
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    bodies = report.CHART_ROWS + 6
    # No heat map: the pairs sharing most, the first 10 of them.
    assert f"{bodies} bodies are too many for a readable grid" in html
    assert 'id="chart-heat-title"' not in html
    assert f"(the first 10; {bodies * (bodies - 1) // 2 - 10} more pairs share fewer)" in html
    # No matrix grid: the shared people with their bodies.
    assert "people are too many for a grid of every body: the 1 who sit on two" in html
    assert '<th scope="row">Pat Roe</th><td>icp, c000, c001' in html
    # The tree is a list only; the bar chart shows the largest bodies and says so.
    assert 'id="chart-tree-title"' not in html and 'class="tree-list"' in html
    assert f"The chart shows the {report.CHART_ROWS} largest bodies of {bodies}" in html
    sizes = re.search(r'<svg[^>]*aria-labelledby="chart-sizes-title.*?</svg>', html, re.S)
    assert sizes and sizes[0].count("<rect") == report.CHART_ROWS
    page = parse(html)
    assert all(attrs.get("role") == "img" for tag, attrs in page.tags if tag == "svg")


def test_the_checks_notes_are_on_the_page(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.yaml"
    tiny.write_text(
        "system: {name: Tiny}\nbodies:\n  c1:\n    type: committee\n    members: []\n",
        encoding="utf-8",
    )
    result = invoke("report", str(tiny))
    assert result.exit_code == 0
    assert "<h3>Notes</h3>" in result.stdout and "did not run" in result.stdout
    assert "The file has no ICP and no health and wellbeing board." in result.stdout
