"""The design assistant: what changed between two drafts, and slimming a body."""
