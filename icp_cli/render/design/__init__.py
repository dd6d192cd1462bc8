"""Renderers of diffs and slimming plans: text, Markdown, JSON."""
