"""The rule catalogue: one small unit per rule, registered in `registry`."""
