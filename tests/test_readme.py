"""The README's rule table is generated from the registry; this fails when it goes stale.

Regenerate with: ICP_UPDATE_GOLDEN=1 python -m pytest tests/test_readme.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from icp_cli.render.catalogue import table_markdown
from icp_cli.rules.registry import all_rules

README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- rules:start -->\n)(.*?)(<!-- rules:end -->)", re.DOTALL)


def test_rule_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    match = BLOCK.search(text)
    assert match, "README.md has no <!-- rules:start --> … <!-- rules:end --> block"
    table = table_markdown(all_rules())
    if os.environ.get("ICP_UPDATE_GOLDEN"):
        README.write_text(BLOCK.sub(lambda m: m.group(1) + table + m.group(3), text), "utf-8")
        return
    assert match.group(2) == table, "README rule table is stale: rerun with ICP_UPDATE_GOLDEN=1"


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:2500]
    assert "pip install . && icp check" in head
    assert 'pip install ".[test]"' in head and "python -m pytest" in head


def test_ci_runs_the_readme_test_command() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]"' in ci
    assert "python -m pytest" in ci
