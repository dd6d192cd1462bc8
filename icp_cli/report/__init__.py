"""The report: the facts one self-contained HTML page is drawn from."""
