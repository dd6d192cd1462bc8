"""Load: bytes -> YAML nodes with positions -> the validated model (and spreadsheets)."""
