"""The rule catalogue as text, Markdown and JSON (`icp rules`, `icp explain`, the README).

Each takes the regime the catalogue is shown under (default: the law in force): severities
are those of that regime ("not run" where it switches a rule off), sources its sources,
and under a proposed regime the output says so once, first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from icp_cli.check.regimes import REGIMES, Regime, default
from icp_cli.check.rules.base import Rule
from icp_cli.render.check.markdown import escape
from icp_cli.render.json_out import dumps

NOT_RUN = "not run"


def severity_label(rule: Rule, regime: Regime) -> str:
    severity = regime.severity(rule)
    return severity.label if severity is not None else NOT_RUN


def _notice(regime: Regime) -> list[str]:
    return [regime.notice] if regime.proposed else []


def table_plain(rules: Sequence[Rule], regime: Regime | None = None) -> str:
    regime = regime or default()
    width = max(len(r.name) for r in rules)
    lines = _notice(regime)
    lines.append(f"{'code':<5}  {'name':<{width}}  {'severity':<8}  summary")
    for r in rules:
        lines.append(
            f"{r.code:<5}  {r.name:<{width}}  {severity_label(r, regime):<8}  {r.summary}"
        )
    return "\n".join(lines) + "\n"


def print_table_styled(rules: Sequence[Rule], console: Any, regime: Regime | None = None) -> None:
    """The catalogue on a terminal: a table whose cells wrap inside their columns."""
    from rich import box
    from rich.table import Table

    regime = regime or default()
    for notice in _notice(regime):
        console.print(notice)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("code", style="bold", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("summary", overflow="fold", ratio=1)
    for r in rules:
        table.add_row(r.code, r.name, severity_label(r, regime), r.summary)
    console.print(table)


def print_explain_styled(r: Rule, console: Any, regime: Regime | None = None) -> None:
    """`icp explain` on a terminal: the Markdown rendered, paragraphs wrapped to its width."""
    from rich.markdown import Markdown

    console.print(Markdown(explain_markdown(r, regime), hyperlinks=False))


def catalogue_label(rule: Rule) -> str:
    """A rule's severity for the catalogue as a whole (the README): its own severity, and
    the regimes it runs under when the default regime does not run it."""
    if default().runs(rule.code):
        return rule.severity.label
    only = [r.name for r in REGIMES.values() if r.runs(rule.code)]
    return f"{rule.severity.label} (regime {', '.join(only)} only)"


def table_markdown(
    rules: Sequence[Rule], regime: Regime | None = None, *, link: bool = False
) -> str:
    """The catalogue under `regime`; without one, the catalogue as a whole (the docs'
    index); `link` makes each code a link to its docs page."""
    lines = [f"> **{escape(n)}**\n" for n in _notice(regime)] if regime else []
    lines += ["| Code | Name | Severity | What it reports | Source |", "|---|---|---|---|---|"]
    for r in rules:
        shown = (regime.effective(r) if regime else None) or r
        label = severity_label(r, regime) if regime else catalogue_label(r)
        code = f"[{r.code}]({r.code}.md)" if link else r.code
        lines.append(
            f"| {code} | `{r.name}` | {label} | {escape(r.summary)} "
            f"| {shown.source.replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"


def rule_dict(r: Rule, regime: Regime | None = None) -> dict[str, object]:
    """A rule under a regime: `severity` is null when the regime does not run it."""
    regime = regime or default()
    severity = regime.severity(r)
    shown = regime.effective(r) or r
    return {
        "code": r.code,
        "name": r.name,
        "severity": severity.label if severity is not None else None,
        "summary": r.summary,
        "source": shown.source,
        "explanation": r.explanation,
    }


def _top(regime: Regime) -> dict[str, object]:
    doc: dict[str, object] = {"version": 1}
    if regime.proposed:
        doc["regime"] = regime.as_dict()
    return doc


def table_json(rules: Sequence[Rule], regime: Regime | None = None) -> str:
    regime = regime or default()
    return dumps({**_top(regime), "rules": [rule_dict(r, regime) for r in rules]})


def regime_table(r: Rule) -> str:
    """The rule under every regime: its severity and what each changes (Markdown)."""
    lines = ["| Regime | Status | Severity | What changes |", "|---|---|---|---|"]
    for regime in REGIMES.values():
        change = regime.change(r.code)
        what = change.why if change is not None else regime.unchanged
        lines.append(
            f"| {regime.name} | {regime.status} | {severity_label(r, regime)} "
            f"| {what.replace('|', '/')} |"
        )
    return "\n".join(lines)


def regime_section(r: Rule, regime: Regime) -> str:
    """What `regime` does to the rule and why, with its sources and how sure they are."""
    change = regime.change(r.code)
    title = f"## Under {regime.name} ({regime.status})"
    if change is None:
        return f"{title}\n\n{regime.unchanged}\n"
    lines = [title, "", f"**Severity:** {severity_label(r, regime)}  ", change.why, ""]
    if change.sources:
        lines += ["Sources (and how sure they are):", ""]
        lines += [f"- {s.title} ({s.confidence})" for s in change.sources]
        lines.append("")
    return "\n".join(lines)


def explain_markdown(r: Rule, regime: Regime | None = None) -> str:
    regime = regime or default()
    shown = regime.effective(r) or r
    notice = "".join(f"> **{n}**\n\n" for n in _notice(regime))
    changes = regime_section(r, regime) + "\n" if regime.proposed else ""
    return (
        f"{notice}"
        f"# {r.code} {r.name}\n\n"
        f"**Severity:** {severity_label(r, regime)}  \n"
        f"**Summary:** {r.summary}  \n"
        f"**Source:** {shown.source}\n\n"
        f"{changes}"
        f"{r.explanation}\n\n"
        f"## Regimes\n\n{regime_table(r)}\n"
    )


def explain_json(r: Rule, regime: Regime | None = None) -> str:
    regime = regime or default()
    doc = {**_top(regime), **rule_dict(r, regime)}
    doc["regimes"] = [
        {
            **reg.as_dict(),
            "severity": (s.label if (s := reg.severity(r)) is not None else None),
            "change": (c.why if (c := reg.change(r.code)) is not None else reg.unchanged),
            "sources": [
                {"title": s.title, "confidence": s.confidence}
                for s in (c.sources if c is not None else ())
            ],
        }
        for reg in REGIMES.values()
    ]
    return dumps(doc)


# The docs page of a rule is exactly what `icp explain` prints (with every regime's table).
rule_page_markdown = explain_markdown
