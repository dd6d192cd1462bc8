"""Renderers of the membership for other tools: CSV, Popolo JSON, Excel."""
