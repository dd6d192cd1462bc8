"""Terms of reference as JSON: the built-in Markdown document, split into its sections, with
the drafting notes as data.

{"version": 1, "path": FILE, "body": BODY_ID, "format": "markdown", "document": "…",
 "sections": [{"heading": "Purpose", "markdown": "…"}, …], "drafting_notes": […]}

Each section is one `## ` heading of the document (outside fenced code) and the Markdown
under it, without the heading line and without surrounding blank lines. The title and the
draft notice above the first `## ` heading are in `document` only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from icp_cli.render.json_out import dumps

JSON_VERSION = 1
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def split_sections(markdown: str) -> list[dict[str, str]]:
    """[{"heading", "markdown"}] for each `## ` heading outside fenced code, in order."""
    sections: list[dict[str, Any]] = []
    fence: str | None = None
    for line in markdown.split("\n"):  # not splitlines(): U+2028, NEL… are not line ends
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif line.startswith("## "):
            sections.append({"heading": line[3:].strip(), "lines": []})
            continue
        if sections:
            sections[-1]["lines"].append(line)
    return [
        {"heading": s["heading"], "markdown": "\n".join(s["lines"]).strip("\n")}
        for s in sections
    ]


def render(path: str, context: Mapping[str, Any], markdown: str) -> str:
    """The JSON document for one body's terms of reference, rendered as `markdown`."""
    regime = context.get("regime")
    top: dict[str, Any] = {"version": JSON_VERSION}
    if regime and regime["proposed"]:
        # Under a proposed regime the document says so once, at the top level.
        top["regime"] = {"name": regime["name"], "status": regime["status"], **regime["dates"]}
    return dumps(
        {
            **top,
            "path": path,
            "body": context["body"]["id"],
            "format": "markdown",
            "document": markdown,
            "sections": split_sections(markdown),
            "drafting_notes": list(context["drafting_notes"]),
        }
    )
