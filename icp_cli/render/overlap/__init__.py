"""Renderers of the overlap views: text, rich, Markdown, JSON."""
