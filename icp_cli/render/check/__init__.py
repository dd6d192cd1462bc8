"""Renderers of a check's findings: text, rich, JSON, Markdown, SARIF, GitHub."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReportView:
    """What the report shows: -q/--quiet, --statistics, --show-suppressed."""

    quiet: bool = False
    statistics: bool = False
    show_suppressed: bool = False


FULL_REPORT = ReportView()  # findings, notes and summary: the default
