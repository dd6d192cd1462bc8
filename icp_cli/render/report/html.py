"""`icp report` as one self-contained HTML page (templates/report/report.html.j2).

Autoescape is on for the whole template, so every name, role and message from the file is
escaped; the context (render/report/context.py) holds numbers and raw user text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def render(context: Mapping[str, Any]) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from icp_cli.render.report.context import group_labels
    from icp_cli.resources import templates_dir

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    page = env.get_template("report/report.html.j2")
    return page.render(**context, group_labels=group_labels())
