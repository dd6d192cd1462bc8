"""The benchmark generator (benchmarks/generate.py) writes valid, realistic, repeatable files.

Only a few systems are generated here; the national sets are the benchmark's business.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from icp_cli.check.engine import check_membership
from icp_cli.load.builder import load_text

GENERATE = Path(__file__).parent.parent / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("icp_benchmark_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("index", [0, 7])
def test_generated_systems_are_valid_membership_files(
    generate: ModuleType, scale: int, index: int
) -> None:
    name, text = generate.generate_system(index, scale)
    membership = load_text(text, name)  # raises InputErrors on any input error
    assert len(membership.icps) == scale
    assert membership.icb is not None
    seats = sum(len(b.members) for b in membership.bodies.values())
    assert seats > 250 * scale
    result = check_membership(membership)
    assert result.findings, "a realistic system has something to say"


def test_generation_is_repeatable(generate: ModuleType) -> None:
    assert generate.generate_system(3, 1) == generate.generate_system(3, 1)
    assert generate.generate_system(3, 1) != generate.generate_system(4, 1)


def test_files_hold_name_variants_of_one_person(generate: ModuleType) -> None:
    """The same inline person is written differently on different bodies, and the loader
    still sees one person."""
    _, text = generate.generate_system(0, 1)
    membership = load_text(text, "system.yaml")
    spelled = {}
    for body in membership.bodies.values():
        for seat in body.members:
            if not seat.person.is_registered:
                spelled.setdefault(seat.person.ref, set()).add(seat.name)
    assert any(len(names) > 1 for names in spelled.values())


def test_write_set_counts_what_it_writes(generate: ModuleType, tmp_path: Path) -> None:
    stats = generate.write_set(1, tmp_path, systems=2)
    files = sorted((tmp_path / "national-x1").glob("*.yaml"))
    assert [f.name for f in files] == ["system-01.yaml", "system-02.yaml"]
    assert stats["files"] == 2
    assert stats["bytes"] == sum(f.stat().st_size for f in files)
