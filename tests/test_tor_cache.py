"""Built-in terms-of-reference templates: compiled once per process and kept in a per-user
cache folder between runs; a folder that cannot be written changes nothing but speed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.render.tor import kit as tor_jinja
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLE = str(sample_paths()["northshire"])


def _tor(monkeypatch: pytest.MonkeyPatch, cache: str, fmt: str = "markdown") -> str:
    monkeypatch.setenv("ICP_CACHE_DIR", cache)
    monkeypatch.setattr(tor_jinja, "_ENVIRONMENTS", {})  # a fresh process
    result = runner.invoke(app, ["terms-of-reference", SAMPLE, "-f", fmt], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_cache_is_filled_once_and_gives_the_same_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without = _tor(monkeypatch, "")
    first = _tor(monkeypatch, str(tmp_path))
    entries = sorted(tmp_path.rglob("*.cache"))
    assert entries, "no compiled template was cached"
    assert all(tmp_path in p.parents for p in entries)
    stamps = [p.stat().st_mtime_ns for p in entries]
    second = _tor(monkeypatch, str(tmp_path))
    assert without == first == second
    assert [p.stat().st_mtime_ns for p in entries] == stamps  # read, not written again


def test_markdown_and_html_do_not_share_compiled_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # HTML autoescaping is compiled into the template: a Markdown entry must not serve it.
    expected = _tor(monkeypatch, "", "html")
    _tor(monkeypatch, str(tmp_path), "markdown")
    assert _tor(monkeypatch, str(tmp_path), "html") == expected
    assert _tor(monkeypatch, str(tmp_path), "html") == expected
    assert "&#39;" in expected


def test_the_folder_is_keyed_by_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from jinja2 import __version__ as jinja

    from icp_cli import __version__

    monkeypatch.setenv("ICP_CACHE_DIR", str(tmp_path))
    folder = tor_jinja.cache_dir()
    assert folder is not None and folder.parent == tmp_path
    assert __version__ in folder.name and jinja in folder.name


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root can write a read-only folder")
def test_a_read_only_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path.chmod(0o500)
    try:
        assert _tor(monkeypatch, str(tmp_path / "cache")) == _tor(monkeypatch, "")
    finally:
        tmp_path.chmod(0o700)


def test_a_cache_folder_that_is_a_file_or_damaged_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _tor(monkeypatch, "", "html")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _tor(monkeypatch, str(blocker), "html") == expected
    _tor(monkeypatch, str(tmp_path / "c"), "html")
    for entry in (tmp_path / "c").rglob("*.cache"):
        entry.write_bytes(b"garbage")
    assert _tor(monkeypatch, str(tmp_path / "c"), "html") == expected


def test_a_users_template_is_still_sandboxed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICP_CACHE_DIR", str(tmp_path / "cache"))
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    result = runner.invoke(app, ["terms-of-reference", SAMPLE, "--template", str(template)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
