"""A short, seeded run of the loader fuzzer (tests/fuzz/fuzz_loader.py) in every test run."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_loader", Path(__file__).parent / "fuzz" / "fuzz_loader.py"
)
assert _SPEC and _SPEC.loader
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)


def test_fuzz_loader_briefly() -> None:
    # A budget for exploring, not a speed assertion: the count of inputs varies by machine.
    tried = fuzz.run_builtin(seconds=8, seed=20261123, crashes=None)
    assert tried > 0


def test_mutation_is_deterministic() -> None:
    import random

    a = fuzz.mutate(b"system: {name: x}\nbodies: {}\n", random.Random(1))
    b = fuzz.mutate(b"system: {name: x}\nbodies: {}\n", random.Random(1))
    assert a == b
