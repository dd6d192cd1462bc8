"""Render the pictures in docs/images/ from the bundled samples, so that nobody makes them
by hand and they can be made again after a change:

    python docs/screenshots/make.py            # needs chromium; soffice and pdftoppm for
                                               # the workbook and the Word page

- report-top.png, report-heat-map.png: `icp report` of greater-wessex in headless Chromium
  (the DevTools helper the browser test uses, tests/browser.py);
- overlap-matrix.png: `icp overlap --format xlsx`, printed by LibreOffice (landscape, one
  page wide, as the workbook's page setup asks) and rasterised by pdftoppm; without
  LibreOffice, the report's HTML matrix instead, and the script says so;
- tor-word-page1.png: `icp terms-of-reference -o tor.docx` for the greater-wessex ICP,
  page 1 as LibreOffice lays it out.

Resolutions are low on purpose: the pictures show layout, and stay small in the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
SAMPLE = Path("sample_systems") / "greater-wessex.yaml"  # relative: the pages show it
DPI = "60"

sys.path.insert(0, str(ROOT / "tests"))
from browser import Browser, chromium  # noqa: E402


def icp(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "icp_cli", *args], check=True, cwd=ROOT)


def soffice_page(document: Path, target: Path, work: Path) -> bool:
    """Page 1 of a document as LibreOffice prints it, or False without LibreOffice."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftoppm") is None:
        return False
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [office, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work), str(document)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = work / (document.stem + ".pdf")
    stem = work / (document.stem + "-page")
    subprocess.run(
        ["pdftoppm", "-r", DPI, "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    shutil.copyfile(stem.with_suffix(".png"), target)
    return True


def main() -> int:
    executable = chromium()
    if executable is None:
        print("make.py: chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 1
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report = work / "report.html"
        icp("report", str(SAMPLE), "-o", str(report))
        views = work / "views.xlsx"
        icp("overlap", str(SAMPLE), "--format", "xlsx", "-o", str(views))
        tor = work / "tor.docx"
        icp("terms-of-reference", str(SAMPLE), "--body", "icp", "-o", str(tor))

        with Browser(executable) as browser:
            page = browser.open(report, width=1000, height=1250)
            (IMAGES / "report-top.png").write_bytes(page.screenshot())
            page.evaluate("document.getElementById('overlap').scrollIntoView()")
            (IMAGES / "report-heat-map.png").write_bytes(page.screenshot())
            if not soffice_page(views, IMAGES / "overlap-matrix.png", work):
                print("make.py: LibreOffice or pdftoppm missing: overlap-matrix.png shows the "
                      "report's HTML matrix, not the workbook", file=sys.stderr)  # fmt: skip
                page.evaluate("document.getElementById('matrix').scrollIntoView()")
                (IMAGES / "overlap-matrix.png").write_bytes(page.screenshot())
        if not soffice_page(tor, IMAGES / "tor-word-page1.png", work):
            print("make.py: LibreOffice or pdftoppm missing: tor-word-page1.png not made",
                  file=sys.stderr)  # fmt: skip
    for image in sorted(IMAGES.glob("*.png")):
        print(f"{image.relative_to(ROOT)}: {image.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
