"""How fast `icp` is at national scale, as ratios to plain work done on the same machine.

    python benchmarks/run.py              # 9 interleaved runs of everything, a text table
    python benchmarks/run.py --runs 15    # more runs where the machine is noisy
    python benchmarks/run.py --markdown   # the table for the README

Every figure is the median wall time of whole processes (CPU time, user + system, shown
beside it). The commands of one measure are run in turn, round after round, so that a
busy spell on the machine falls on both sides of a ratio rather than on one. Generated data
(benchmarks/data/, not committed) is written first where it is missing.

The baselines are what a user of Python would write without `icp`: the same files read
with ruamel.yaml's C-accelerated safe loader in one process, and `import typer`.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file)

PYTHON = sys.executable
SAMPLE = ROOT / "sample_systems" / "northshire.yaml"

# The baseline of the national check: every file read with ruamel.yaml's C safe loader.
LOAD_ALL = """
import sys
from pathlib import Path
from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser
yaml = YAML(typ="safe")
assert yaml.Parser is CParser, "ruamel.yaml is not using its C parser"
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"))
"""

# `icp overlap` reads one file. Its national equivalent: `icp overlap FILE` for every file
# of the set in one process (the command line parsed each time, the app built once).
OVERLAP_ALL = """
import sys
from pathlib import Path
import typer
from icp_cli.cli import app
command = typer.main.get_command(app)
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    code = command.main(["overlap", str(path)], prog_name="icp", standalone_mode=False)
    assert code in (0, None), f"icp overlap {path} exited with {code}"
"""


def icp_command() -> list[str]:
    """The `icp` console script of this interpreter's environment."""
    script = Path(PYTHON).parent / "icp"
    if script.exists():
        return [str(script)]
    found = shutil.which("icp")
    if found:
        return [found]
    return [PYTHON, "-m", "icp_cli"]


def yamllint_command() -> list[str] | None:
    script = Path(PYTHON).parent / "yamllint"
    if script.exists():
        return [str(script)]
    found = shutil.which("yamllint")
    return [found] if found else None


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_rss_mb(self) -> float:
        return max(self.rss_kb) / 1024


def child_environment() -> dict[str, str]:
    """The environment of every measured process: as a user's, with compiled bytecode.

    An installed package has its .pyc files; a checkout run with PYTHONDONTWRITEBYTECODE
    compiles every module on every run, which would time the compiler. The bytecode goes
    under benchmarks/data/ rather than into the source tree.
    """
    env = dict(os.environ)
    for name in ("FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "ICP_UPDATE_GOLDEN"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["PYTHONPYCACHEPREFIX"] = str(generate.DATA / "pycache")
    return env


def run_once(argv: Sequence[str], sample: Sample, env: dict[str, str], cwd: Path) -> None:
    """One whole process: wall time, CPU time and peak resident memory of that child."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env=env, cwd=cwd,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with exit code {process.returncode}")
    sample.wall.append(wall)
    sample.cpu.append(usage.ru_utime + usage.ru_stime)
    sample.rss_kb.append(usage.ru_maxrss)


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, Sample]:
    """Run each command `runs` times, interleaved, after one warm-up run each.

    The processes run in an empty folder outside any Python project, as a designer's
    folder of membership files would be (so no pyproject.toml is searched for [tool.icp]).
    """
    env = child_environment()
    samples = {name: Sample() for name in commands}
    with tempfile.TemporaryDirectory(prefix="icp-bench-") as folder:
        cwd = Path(folder)
        for argv in commands.values():
            run_once(argv, Sample(), env, cwd)  # warm the page cache and the .pyc files
        for _ in range(runs):
            for name, argv in commands.items():
                run_once(argv, samples[name], env, cwd)
    return samples


@dataclass
class Ratio:
    label: str
    numerator: str
    denominator: str
    target: float | None
    note: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)

    generate.ensure()
    x1, x2, x4 = (generate.set_dir(scale) for scale in generate.SCALES)
    icp = icp_command()

    commands: dict[str, list[str]] = {
        "load x1": [PYTHON, "-c", LOAD_ALL, str(x1)],
        "check x1": [*icp, "check", str(x1)],
        "check x1 json": [*icp, "check", str(x1), "--format", "json"],
        "overlap x1": [PYTHON, "-c", OVERLAP_ALL, str(x1)],
        "check x2": [*icp, "check", str(x2)],
        "check x4": [*icp, "check", str(x4)],
        "import typer": [PYTHON, "-c", "import typer"],
        "check sample": [*icp, "check", str(SAMPLE)],
        "overlap sample": [*icp, "overlap", str(SAMPLE)],
        "version": [*icp, "--version"],
    }
    yamllint = yamllint_command()
    if yamllint is not None:
        commands["yamllint x1"] = [*yamllint, "--no-warnings", "-f", "parsable", str(x1)]

    ratios = [
        Ratio("`icp check` national ÷ ruamel C safe load", "check x1", "load x1", 1.3),
        Ratio("`icp check --format json` national ÷ ruamel C safe load", "check x1 json",
              "load x1", 1.3),
        Ratio("overlap national (per file, one process) ÷ ruamel C safe load", "overlap x1",
              "load x1", 1.5),
        Ratio("`icp check` one sample ÷ `import typer`", "check sample", "import typer", 2.0),
        Ratio("`icp overlap` one sample ÷ `import typer` (reference)", "overlap sample",
              "import typer", None),
        Ratio("`icp --version` ÷ `import typer`", "version", "import typer", 1.2),
        Ratio("growth: `icp check` ×4 set ÷ ×1 set", "check x4", "check x1", 4.5),
        Ratio("growth: `icp check` ×2 set ÷ ×1 set", "check x2", "check x1", None),
    ]
    if yamllint is not None:
        ratios.append(Ratio("`icp check` national ÷ `yamllint` (reference)", "check x1",
                            "yamllint x1", None))

    samples = measure(commands, args.runs)
    sizes = {scale: set_size(generate.set_dir(scale)) for scale in generate.SCALES}
    report(samples, ratios, sizes, args, yamllint is not None)
    failing = [
        r for r in ratios
        if r.target is not None
        and samples[r.numerator].median_wall / samples[r.denominator].median_wall > r.target
    ]
    return 1 if failing else 0


def set_size(path: Path) -> tuple[int, int, int]:
    files = sorted(path.glob("*.yaml"))
    seats = 0
    size = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        seats += sum(
            1 for line in text.splitlines()
            if line.startswith(("      - person:", "      - name:", "      - {"))
        )
    return len(files), size, seats


def machine() -> str:
    import ruamel.yaml
    import typer

    cpus = os.cpu_count() or 0
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPU{'s' if cpus != 1 else ''}, "
        f"Python {platform.python_version()}, ruamel.yaml {ruamel.yaml.__version__} (C parser), "
        f"typer {typer.__version__}"
    )


def report(
    samples: dict[str, Sample],
    ratios: list[Ratio],
    sizes: dict[int, tuple[int, int, int]],
    args: argparse.Namespace,
    have_yamllint: bool,
) -> None:
    load = os.getloadavg()[0]
    out = print
    data = "; ".join(
        f"×{scale}: {files} files, {size / 1e6:.2f} MB, {seats:,} seats"
        for scale, (files, size, seats) in sizes.items()
    )
    rows = []
    for r in ratios:
        num, den = samples[r.numerator], samples[r.denominator]
        wall = num.median_wall / den.median_wall
        cpu = num.median_cpu / den.median_cpu
        verdict = "" if r.target is None else ("ok" if wall <= r.target else "OVER")
        rows.append((
            r.label,
            f"{num.median_wall * 1000:.0f} ms",
            f"{den.median_wall * 1000:.0f} ms",
            f"{wall:.2f}",
            f"{cpu:.2f}",
            "" if r.target is None else f"≤ {r.target}",
            verdict,
        ))
    base_seats = sizes[1][2]
    scale_note = "the ×2 and ×4 sets hold " + " and ".join(
        f"{sizes[scale][2] / base_seats:.2f}×" for scale in (2, 4)
    ) + " the seats of the ×1 set"
    check = samples["check x1"]
    base = samples["load x1"]
    memory = (
        f"peak memory of the national check: {check.peak_rss_mb:.0f} MB "
        f"(the ruamel.yaml load of the same files: {base.peak_rss_mb:.0f} MB)"
    )
    header = ("measure", "icp", "baseline", "ratio", "CPU ratio", "target", "")
    if args.markdown:
        out(f"Machine: {machine()}; load average {load:.1f} at the end.  ")
        out(f"Data: {data}.  ")
        out(f"Medians of {args.runs} interleaved runs of whole processes (wall time; the CPU "
            "ratio is user + system time).\n")
        out("| " + " | ".join(header[:-1]) + " | |")
        out("|" + "---|" * len(header))
        for row in rows:
            out("| " + " | ".join(row) + " |")
        out(f"\n{memory[0].upper()}{memory[1:]}; {scale_note}.")
    else:
        out(machine())
        out(f"data: {data}")
        out(f"medians of {args.runs} interleaved runs of whole processes; "
            f"load average {load:.1f}")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            out("  ".join(str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
                          for i, cell in enumerate(row)).rstrip())
        out(memory)
        out(scale_note)
    if not have_yamllint:
        out("yamllint is not installed: its reference line is left out "
            "(pip install yamllint to add it).")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not args.markdown:
        out(f"(all child processes: {children.ru_utime + children.ru_stime:.1f} s of CPU)")


if __name__ == "__main__":
    sys.exit(main())
