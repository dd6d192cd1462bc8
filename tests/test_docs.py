"""Generated docs pages match the code they are generated from."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_generated_docs_are_current(capsys) -> None:
    generate = runpy.run_path(str(ROOT / "docs" / "generate.py"))
    code = generate["main"](["--check"])
    assert code == 0, capsys.readouterr().out + "\nrun: python docs/generate.py"


def test_every_rule_has_a_page_and_explain_prints_it() -> None:
    from icp_cli.check.rules.registry import all_rules
    from icp_cli.render.catalogue import explain_markdown

    for r in all_rules():
        page = (ROOT / "docs" / "rules" / f"{r.code}.md").read_text(encoding="utf-8")
        assert page.endswith(explain_markdown(r))
