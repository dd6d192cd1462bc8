"""People: names split into parts, and matching one written name to another."""
