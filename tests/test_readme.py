"""The README is a door: the two commands first, short, and its links lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:2500]
    assert "pip install . && icp check" in head
    assert 'pip install ".[test]"' in head and "python -m pytest" in head


def test_readme_is_at_most_250_lines() -> None:
    assert README.read_text(encoding="utf-8").count("\n") <= 250


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    head = README.read_text(encoding="utf-8")[:2500]
    command = next(line for line in head.splitlines() if 'pip install ".[test]"' in line)
    # CI runs the README's second command word for word: types, lint and tests.
    assert command in ci
    assert "mypy icp_cli" in command and "ruff check" in command


def test_every_relative_link_in_the_readme_and_docs_exists() -> None:
    link = re.compile(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)")
    pages = [README, *sorted((ROOT / "docs").rglob("*.md"))]
    missing = []
    for page in pages:
        for target in link.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                missing.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not missing, missing
