"""Renderers of a check's findings: text, rich, JSON, Markdown, SARIF, GitHub."""
