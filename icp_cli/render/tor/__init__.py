"""Renderers of terms of reference: Markdown and HTML via Jinja, Word, JSON."""
