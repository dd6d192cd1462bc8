"""Renderer of the report: one self-contained HTML page."""
