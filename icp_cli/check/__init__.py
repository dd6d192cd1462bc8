"""Check: the shared context, the rule engine, thresholds, findings and the rules."""
