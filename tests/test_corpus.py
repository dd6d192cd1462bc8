"""The awkward-input corpus: each file's exit code and exact first message, and no traceback.

tests/corpus/expected.json is the reviewed record; regenerate it with
ICP_UPDATE_GOLDEN=1 python -m pytest tests/test_corpus.py and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = CORPUS / "expected.json"
runner = CliRunner()


def _files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix == ".yaml")


def _outcome(path: Path) -> dict[str, object]:
    result = runner.invoke(app, ["check", str(path)], env={"NO_COLOR": "1"})
    lines = result.stderr.replace(str(path), "{path}").splitlines()
    return {"exit": result.exit_code, "stderr": lines[:2]}


def test_corpus_is_large_enough() -> None:
    errors = Path(__file__).parent / "fixtures" / "errors"
    assert len(_files()) + len(list(errors.glob("*.yaml"))) >= 40


def test_expected_covers_every_file() -> None:
    if os.environ.get("ICP_UPDATE_GOLDEN"):
        EXPECTED.write_text(
            json.dumps({p.name: _outcome(p) for p in _files()}, indent=2, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
    assert sorted(json.loads(EXPECTED.read_text(encoding="utf-8"))) == [p.name for p in _files()]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_corpus_file(path: Path) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[path.name]
    result = runner.invoke(app, ["check", str(path)], env={"NO_COLOR": "1"})
    assert "Traceback" not in result.stdout + result.stderr
    assert _outcome(path) == expected
    if expected["exit"] == 2:
        assert result.stderr.startswith(f"{path}")
    for fmt in ("json", "markdown"):
        again = runner.invoke(app, ["check", str(path), "--format", fmt])
        assert again.exit_code == expected["exit"]
        if fmt == "json":
            json.loads(again.stdout)
