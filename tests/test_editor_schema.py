"""`icp schema` in a real editor: the YAML language server (npm `yaml-language-server`),
driven over stdio as VS Code, Neovim or Emacs drive it. Skipped only where the binary is
absent; CI installs it (.ci/run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner
from yaml_ls import YamlLanguageServer, available

from icp_cli.cli import app
from icp_cli.vocab import ATTENDANCE, KNOWN_SEATS, SEAT_MEANINGS, SECTORS

pytestmark = pytest.mark.skipif(
    available() is None, reason="yaml-language-server is not installed (npm i -g)"
)

MEMBERSHIP = """\
# yaml-language-server: $schema={schema}
version: 1
system:
  name: Northshire and Easton ICS
  populaton: 1200000
bodies:
  icp:
    type: icp
    members:
      - name: Ann Lee
        sector: nhs-acutee
        seat:{cursor}
      - name: Bob Hall
        attendance: member
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[YamlLanguageServer, Path]]:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path / "membership.schema.json")])
    assert result.exit_code == 0, result.stderr
    ls = YamlLanguageServer(tmp_path)
    try:
        yield ls, tmp_path
    finally:
        ls.close()


def _open(ls: YamlLanguageServer, folder: Path, cursor: str = " chair") -> str:
    schema = (folder / "membership.schema.json").as_uri()
    text = MEMBERSHIP.format(schema=schema, cursor=cursor)
    return ls.open(folder / "membership.yaml", text)


def test_typo_key_and_wrong_value_are_diagnosed_where_they_are(server: tuple) -> None:
    ls, folder = server
    found = {
        (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1): d["message"]
        for d in ls.diagnostics(_open(ls, folder))
    }
    # 1-based, as icp reports them: `populaton` at line 5 column 3; the sector's value at 11:17.
    assert set(found) == {(5, 3), (11, 17)}, found
    assert "populaton" in found[(5, 3)] and "not allowed" in found[(5, 3)]
    assert "nhs-acute" in found[(11, 17)] and "Value is not accepted" in found[(11, 17)]


def test_completion_at_a_seat_offers_each_seat_kind_once_with_its_meaning(server: tuple) -> None:
    ls, folder = server
    uri = _open(ls, folder, cursor=" ")
    items = ls.completion(uri, 11, len("        seat: "))
    labels = [item["label"] for item in items]
    assert labels == list(KNOWN_SEATS)
    docs = {item["label"]: _text(item.get("documentation")) for item in items}
    assert docs["partner-trusts"] == SEAT_MEANINGS["partner-trusts"]


def test_completion_of_an_enum_has_no_null_and_describes_each_value(server: tuple) -> None:
    ls, folder = server
    uri = _open(ls, folder)
    line = MEMBERSHIP.splitlines().index("        attendance: member")
    items = ls.completion(uri, line, len("        attendance: "))
    assert sorted(item["label"] for item in items) == sorted(ATTENDANCE)
    assert all(_text(item.get("documentation")) for item in items)
    # A sector may also be a list; each sector is still offered once.
    line = MEMBERSHIP.splitlines().index("        sector: nhs-acutee")
    sectors = [item["label"] for item in ls.completion(uri, line, len("        sector: "))]
    assert sectors == list(SECTORS)


def _text(documentation: object) -> str:
    if isinstance(documentation, dict):
        return str(documentation.get("value", ""))
    return str(documentation or "")
