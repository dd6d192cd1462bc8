"""Renderers of a check's findings: text, rich, JSON, Markdown, SARIF, GitHub."""

from __future__ import annotations

from icp_cli.immutable import frozen


@frozen
class ReportView:
    """What the report shows: -q/--quiet, --statistics, --show-suppressed."""

    quiet: bool = False
    statistics: bool = False
    show_suppressed: bool = False


FULL_REPORT = ReportView()  # findings, notes and summary: the default
