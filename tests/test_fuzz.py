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


def test_the_target_renders_every_output_of_every_sample(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Each renderer the target promises to reach is reached by a valid file.
    from icp_cli.render.check import sarif
    from icp_cli.render.export import csv_seats, popolo
    from icp_cli.render.overlap import plain as overlap_plain
    from icp_cli.render.tor import word as tor_docx
    from icp_cli.resources import sample_paths

    reached: set[str] = set()
    for module, name in (
        (sarif, "render"), (overlap_plain, "render"), (tor_docx, "render_docx"),
        (csv_seats, "render"), (popolo, "render"),
    ):  # fmt: skip
        original = getattr(module, name)

        def spy(*args, _original=original, _key=f"{module.__name__}.{name}", **kwargs):  # type: ignore[no-untyped-def]
            reached.add(_key)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    for path in sample_paths().values():
        fuzz.one_input(path.read_bytes())
    assert len(reached) == 5
