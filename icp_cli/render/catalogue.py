"""The rule catalogue as text, Markdown and JSON (`icp rules`, `icp explain`, the README)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..rules.base import Rule
from .json_out import dumps
from .markdown import escape


def table_plain(rules: Sequence[Rule]) -> str:
    width = max(len(r.name) for r in rules)
    lines = [f"{'code':<5}  {'name':<{width}}  {'severity':<8}  summary"]
    for r in rules:
        lines.append(f"{r.code:<5}  {r.name:<{width}}  {r.severity.label:<8}  {r.summary}")
    return "\n".join(lines) + "\n"


def print_table_styled(rules: Sequence[Rule], console: Any) -> None:
    """The catalogue on a terminal: a table whose cells wrap inside their columns."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("code", style="bold", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("summary", overflow="fold", ratio=1)
    for r in rules:
        table.add_row(r.code, r.name, r.severity.label, r.summary)
    console.print(table)


def print_explain_styled(r: Rule, console: Any) -> None:
    """`icp explain` on a terminal: the Markdown rendered, paragraphs wrapped to its width."""
    from rich.markdown import Markdown

    console.print(Markdown(explain_markdown(r), hyperlinks=False))


def table_markdown(rules: Sequence[Rule], *, link: bool = False) -> str:
    """The catalogue as a Markdown table; `link` makes each code a link to its docs page."""
    lines = ["| Code | Name | Severity | What it reports | Source |", "|---|---|---|---|---|"]
    for r in rules:
        code = f"[{r.code}]({r.code}.md)" if link else r.code
        lines.append(
            f"| {code} | `{r.name}` | {r.severity.label} | {escape(r.summary)} "
            f"| {r.source.replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"


def rule_dict(r: Rule) -> dict[str, object]:
    return {
        "code": r.code,
        "name": r.name,
        "severity": r.severity.label,
        "summary": r.summary,
        "source": r.source,
        "explanation": r.explanation,
    }


def table_json(rules: Sequence[Rule]) -> str:
    return dumps({"version": 1, "rules": [rule_dict(r) for r in rules]})


def explain_markdown(r: Rule) -> str:
    return (
        f"# {r.code} {r.name}\n\n"
        f"**Severity:** {r.severity.label}  \n"
        f"**Summary:** {r.summary}  \n"
        f"**Source:** {r.source}\n\n"
        f"{r.explanation}\n"
    )


# The docs page of a rule is exactly what `icp explain` prints.
rule_page_markdown = explain_markdown


def explain_json(r: Rule) -> str:
    return dumps({"version": 1, **rule_dict(r)})
