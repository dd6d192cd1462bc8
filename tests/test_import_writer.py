"""The importer's direct YAML writer writes what ruamel.yaml's round-trip dumper wrote,
byte for byte: over every sample (exported as CSV and as a workbook with its named sheets,
then imported) and over scalars that need quoting."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load import yaml_writer
from icp_cli.load.builder import load_path
from icp_cli.resources import sample_paths

runner = CliRunner()
SAMPLES = sample_paths()
ENV = {"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def _import(path: Path, *options: str) -> str:
    result = runner.invoke(app, ["import", str(path), *options], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_import_writes_what_ruamel_wrote(
    name: str, suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / f"{name}.{suffix}"
    exported = runner.invoke(app, ["export", str(SAMPLES[name]), "-o", str(table)], env=ENV)
    assert exported.exit_code == 0, exported.output
    membership = load_path(SAMPLES[name])
    options = ["--system", membership.system.name]
    for council in membership.system.local_authorities:
        options += ["--council", council]
    direct = _import(table, *options)
    with monkeypatch.context() as patch:
        patch.setattr(yaml_writer, "_block_mapping", _raise_unsupported)
        old = _import(table, *options)
    assert direct == old
    assert direct.startswith("# Imported by icp from ")


def _raise_unsupported(*args: object) -> None:
    raise yaml_writer._Unsupported


TRICKY = [
    "", " ", "a ", " a", "yes", "No", "ON", "null", "Null", "~", "true", "1", "1.1", "0o17",
    "1e3", ".inf", "2024-01-31", "a: b", "a:b", "a #b", "a#b", "#a", "-a", "- a", "?a", "? a",
    "[a]", "a, b", "a,b", "{a}", "&a", "*a", "!a", "|a", ">a", "%a", "@a", "`a", "'a'", "\"a\"",
    "O'Brien", "Smith & Jones", "café", "Zoë Brontë", "a\u00a0b", "a\u200bb", "a\tb", "a\\b",
    "line\nbreak", "x" * 300, "y " * 600, "Director: Finance", "Chair (interim)", "a/b", "+44",
    "a+b", "a.b.", "-", "---", "...", "=", "<<", "a  b",
]


@pytest.mark.parametrize("value", TRICKY)
def test_scalars_are_written_as_ruamel_writes_them(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def document() -> CommentedMap:
        seq = CommentedSeq([value, "plain"])
        seq.fa.set_flow_style()
        term = CommentedMap({"from": value, value: "x"})
        term.fa.set_flow_style()
        member = CommentedMap(name=value, seat=seq, term=term)
        return CommentedMap(
            version=1,
            bodies=CommentedMap({value: CommentedMap(members=CommentedSeq([member, value]))}),
        )

    direct = yaml_writer.dump(document(), "comment")
    with monkeypatch.context() as patch:
        patch.setattr(yaml_writer, "_block_mapping", _raise_unsupported)
        old = yaml_writer.dump(document(), "comment")
    assert direct == old
