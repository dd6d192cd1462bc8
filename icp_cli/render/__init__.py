"""Renderers: results -> text, rich text, JSON, Markdown. No rule logic lives here."""
