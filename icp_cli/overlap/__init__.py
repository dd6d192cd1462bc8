"""Overlap: who sits on which body, and what each pair of bodies shares."""
