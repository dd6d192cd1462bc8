"""benchmarks/run.py never times a command that failed: a child that crashes (a traceback,
exit 1), exits with a code its contract does not allow, or prints no real result is a
failure, and the script's exit code says so. Nothing here is timed."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # run.py imports generate and workloads from beside it: not the adversarial suite's
    # own `generate`, which another test may have imported under that name.
    saved = {name: sys.modules.pop(name, None) for name in ("generate", "workloads")}
    sys.modules["bench_run"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["bench_run"]
        if str(ROOT / "benchmarks") in sys.path:
            sys.path.remove(str(ROOT / "benchmarks"))
        for name, previous in saved.items():
            sys.modules.pop(name, None)
            if previous is not None:
                sys.modules[name] = previous
    return module


CRASH = (
    "import sys\n"
    "sys.stderr.write('Traceback (most recent call last):\\n  File \"x.py\"\\n"
    "ZeroDivisionError: division by zero\\n')\n"
    "sys.exit(1)\n"
)


def test_a_crashing_child_is_a_failure_even_where_exit_1_means_findings(
    run: ModuleType, tmp_path: Path
) -> None:
    crash = run.Command([sys.executable, "-c", CRASH], codes=(0, 1))
    failures: list[str] = []
    samples = run.measure({"crash": crash}, 2, tmp_path, failures)
    assert "crash" not in samples  # never timed
    assert len(failures) == 1 and "crashed" in failures[0]


def test_a_missing_figure_makes_the_table_fail(run: ModuleType, tmp_path: Path) -> None:
    good = run.Command([sys.executable, "-c", "print('ok')"])
    crash = run.Command([sys.executable, "-c", CRASH], codes=(0, 1))
    failures: list[str] = []
    samples = run.measure({"good": good, "crash": crash}, 1, tmp_path, failures)
    # one round, and two more for a command as quick as this one (run.QUICK_SECONDS)
    assert set(samples) == {"good"} and len(samples["good"].wall) == 3
    ratios = [run.Ratio("crash ÷ good", "crash", "good", 2.0)]
    args = argparse.Namespace(runs=1, large_runs=1, markdown=False)
    assert run.report(samples, ratios, {1: (1, 1, 1)}, args) == 1


@pytest.mark.parametrize(
    ("code", "allowed", "stdout", "valid", "wanted"),
    [
        ("sys.exit(2)", (0, 1), "", "_text", "exited with 2"),
        ("sys.exit(1)", (0,), "x", "_text", "exited with 1"),
        ("pass", (0,), "not json", "_json", "not JSON"),
        ("pass", (0,), "", "_text", "printed nothing"),
        ("pass", (0,), "<p>", "_html", "not an HTML page"),
    ],
)
def test_a_child_without_a_real_result_is_a_failure(
    run: ModuleType, tmp_path: Path, code: str, allowed: tuple[int, ...], stdout: str,
    valid: str, wanted: str,
) -> None:
    child = run.Command(
        [sys.executable, "-c", f"import sys\nprint({stdout!r}, end='')\n{code}"],
        codes=allowed, valid=getattr(run, valid),
    )
    problem = run.probe("child", child, run.child_environment(), tmp_path)
    assert problem is not None and wanted in problem


def test_a_real_result_passes(run: ModuleType, tmp_path: Path) -> None:
    child = run.Command([sys.executable, "-c", "print('{\"files\": []}'); raise SystemExit(1)"],
                        codes=(0, 1), valid=run._json)
    assert run.probe("child", child, run.child_environment(), tmp_path) is None
