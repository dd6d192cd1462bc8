"""How fast every `icp` command is, as ratios to plain work done on the same machine.

    python benchmarks/run.py              # 5 interleaved runs of everything, a text table
    python benchmarks/run.py --runs 9     # more runs where the machine is noisy
    python benchmarks/run.py --markdown   # the table for docs/performance.md

Every figure is the median wall time of whole processes (CPU time, user + system, shown
beside it). The commands of one group are run in turn, round after round, so that a busy
spell on the machine falls on both sides of a ratio rather than on one. Before any timing,
each command is run once with its output kept: it must exit with a code its contract allows
(1 only where that means findings), print no traceback, and produce a real result (JSON
that parses, a Word file that opens as one, an imported file with every seat). A command
that fails that, or any later run, makes the script exit 1, as does a ratio over its target.

The floors are plain work on the same input: PyYAML's libyaml composer (`CSafeLoader`)
plus a walk of every node, `python -c "import typer"`, and for some commands another
`icp` command on the same file. Generated data (benchmarks/data/, not committed) is written
first where it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (beside this file)
import workloads  # noqa: E402

PYTHON = sys.executable
SAMPLE = ROOT / "sample_systems" / "northshire.yaml"

# The floor: every file composed by libyaml (PyYAML's CSafeLoader) and every node visited.
COMPOSE_WALK = """
import sys
from pathlib import Path
try:
    import yaml
    from yaml import CSafeLoader
except ImportError:
    sys.exit("PyYAML with libyaml is needed for the floor: pip install -e '.[bench]'")
paths = []
for arg in sys.argv[1:]:
    path = Path(arg)
    paths += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
nodes = 0
for path in paths:
    stack = [yaml.compose(path.read_text(encoding="utf-8"), Loader=CSafeLoader)]
    while stack:
        node = stack.pop()
        nodes += 1
        if isinstance(node.value, list):
            for item in node.value:
                if isinstance(item, tuple):
                    stack.extend(item)
                else:
                    stack.append(item)
print(nodes)
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


# -- what a real result looks like ----------------------------------------------------------

Validator = Callable[[str, Path], "str | None"]


def _json(stdout: str, cwd: Path) -> str | None:
    try:
        json.loads(stdout)
    except ValueError as exc:
        return f"its output is not JSON ({exc})"
    return None


def _text(stdout: str, cwd: Path) -> str | None:
    return None if stdout.strip() else "it printed nothing"


def _markdown(stdout: str, cwd: Path) -> str | None:
    return None if stdout.startswith("#") else "its output is not a Markdown document"


def _html(stdout: str, cwd: Path) -> str | None:
    return None if "</html>" in stdout else "its output is not an HTML page"


def _csv(stdout: str, cwd: Path) -> str | None:
    first = stdout.lstrip("\ufeff").split("\n", 1)[0]
    return None if first.startswith("body,") else "its output is not a seat table"


def _anything(stdout: str, cwd: Path) -> str | None:
    return None  # a baseline: its exit code says enough


def _numbers(stdout: str, cwd: Path) -> str | None:
    return None if stdout.strip().isdigit() else "the floor printed no node count"


def _docx(name: str) -> Validator:
    def check(stdout: str, cwd: Path) -> str | None:
        try:
            with zipfile.ZipFile(cwd / name) as book:
                if "word/document.xml" not in book.namelist():
                    return f"{name} has no word/document.xml"
        except (OSError, zipfile.BadZipFile) as exc:
            return f"{name} is not a Word document ({exc})"
        return None

    return check


def _imported(name: str, seats: int) -> Validator:
    def check(stdout: str, cwd: Path) -> str | None:
        from ruamel.yaml import YAML

        try:
            doc = YAML(typ="safe").load((cwd / name).read_text(encoding="utf-8"))
            found = sum(len(b.get("members") or []) for b in doc["bodies"].values())
        except Exception as exc:
            return f"{name} does not read as a membership file ({exc})"
        return None if found == seats else f"{name} holds {found} seats, not {seats}"

    return check


@dataclass
class Command:
    argv: list[str]
    codes: tuple[int, ...] = (0,)  # exit codes its contract allows (1: findings)
    valid: Validator = _text


class Failure(Exception):
    """A command did not produce a real result."""


def probe(name: str, command: Command, env: dict[str, str], cwd: Path) -> str | None:
    """Run a command once, output kept: what is wrong with its result, or None."""
    result = subprocess.run(
        command.argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        encoding="utf-8", errors="replace", env=env, cwd=cwd, check=False,
    )
    shown = f"{name} ({' '.join(command.argv)[:200]})"
    tail = (result.stderr.strip() or result.stdout.strip())[-600:]
    if "Traceback (most recent call last)" in result.stderr + result.stdout:
        return f"{shown} crashed with exit code {result.returncode}:\n{tail}"
    if result.returncode not in command.codes:
        return f"{shown} exited with {result.returncode}, expected {command.codes}:\n{tail}"
    problem = command.valid(result.stdout, cwd)
    return None if problem is None else f"{shown}: {problem}"


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
    under benchmarks/data/ rather than into the source tree, and so does the compiled
    terms-of-reference templates' cache.
    """
    env = dict(os.environ)
    for name in ("FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "ICP_UPDATE_GOLDEN"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["PYTHONPYCACHEPREFIX"] = str(generate.DATA / "pycache")
    env["ICP_CACHE_DIR"] = str(generate.DATA / "cache")
    return env


def run_once(
    name: str, command: Command, sample: Sample, env: dict[str, str], cwd: Path
) -> None:
    """One whole process: wall time, CPU time and peak resident memory of that child."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env=env, cwd=cwd,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in command.codes:
        raise Failure(f"{name} ({' '.join(command.argv)[:200]}) exited with {code} "
                      f"on a timed run, expected {command.codes}")
    sample.wall.append(wall)
    sample.cpu.append(usage.ru_utime + usage.ru_stime)
    sample.rss_kb.append(usage.ru_maxrss)


def measure(
    commands: dict[str, Command], runs: int, cwd: Path, failures: list[str]
) -> dict[str, Sample]:
    """Probe each command (the warm-up run), then time the good ones `runs` times each,
    interleaved. The processes run in an empty folder outside any Python project, as a
    designer's folder of membership files would be (no pyproject.toml [tool.icp])."""
    env = child_environment()
    good: dict[str, Command] = {}
    for name, command in commands.items():
        problem = probe(name, command, env, cwd)
        if problem is None:
            good[name] = command
        else:
            failures.append(problem)
    samples = {name: Sample() for name in good}

    def rounds(count: int, names: list[str]) -> None:
        for _ in range(count):
            for name in names:
                if name not in good:
                    continue
                try:
                    run_once(name, good[name], samples[name], env, cwd)
                except Failure as exc:
                    failures.append(str(exc))
                    del good[name]
                    del samples[name]

    rounds(runs, list(good))
    # Start-up-sized commands are run three times as often: their medians (and the ratios
    # between them, such as a one-sample check over `import typer`) move most with a busy
    # spell on the machine, and each run costs a tenth of a second.
    quick = [n for n in good if samples[n].wall and samples[n].median_wall < QUICK_SECONDS]
    rounds(2 * runs, quick)
    return samples


QUICK_SECONDS = 0.25


@dataclass
class Ratio:
    label: str
    numerator: str
    denominator: str
    target: float | None
    note: str = ""


DOC_SEATS = (5_000, 20_000)  # terms of reference: ×1 and ×4 bodies
WORD_SEATS = 4_000  # Word against Markdown, and Markdown against check, on one body
IMPORT_ROWS = (2_500, 10_000)


def plan(icp: list[str], cwd: Path) -> tuple[dict[str, Command], dict[str, Command], list[Ratio]]:
    """The commands (a main group and a group of large documents, timed with fewer
    runs) and the ratios printed from them."""
    x1, x4 = generate.set_dir(1), generate.set_dir(4)
    file1, file4 = x1 / "system-01.yaml", x4 / "system-01.yaml"
    messy1, messy4 = workloads.messy_set(1), workloads.messy_set(4)
    draft1, draft4 = workloads.later_draft(file1, 1), workloads.later_draft(file4, 4)
    word_body = workloads.big_body(WORD_SEATS)
    env = child_environment()
    tables = {rows: workloads.seat_table(rows, icp, env) for rows in IMPORT_ROWS}
    # the file the larger import writes, for its floor (written once here)
    written = workloads.WORK / f"imported-{IMPORT_ROWS[1]}.yaml"
    if not written.exists():
        subprocess.run([*icp, "import", str(tables[IMPORT_ROWS[1]]), "-o", str(written)],
                       env=env, check=True, capture_output=True)

    def floor(*paths: Path) -> Command:
        return Command([PYTHON, "-c", COMPOSE_WALK, *map(str, paths)], valid=_numbers)

    # The sample is checked where the README's first command checks it: outside any
    # project, here in the empty folder the commands run in. From the checkout it would
    # also read the checkout's own pyproject.toml, as configuration discovery does.
    sample = cwd / SAMPLE.name
    shutil.copyfile(SAMPLE, sample)
    findings = (0, 1)  # check, diff and slim exit 1 when they find something
    main: dict[str, Command] = {
        "floor x1": floor(x1),
        "check x1": Command([*icp, "check", str(x1)], findings),
        "check x1 json": Command([*icp, "check", str(x1), "--format", "json"], findings, _json),
        "check x4": Command([*icp, "check", str(x4)], findings),
        "floor messy x1": floor(messy1),
        "check messy x1": Command([*icp, "check", str(messy1)], findings),
        "check messy x4": Command([*icp, "check", str(messy4)], findings),
        "import typer": Command([PYTHON, "-c", "import typer"], valid=_anything),
        "check sample": Command([*icp, "check", sample.name], findings),
        "tor sample": Command([*icp, "terms-of-reference", sample.name], valid=_markdown),
        "version": Command([*icp, "--version"], valid=_text),
        "floor file x1": floor(file1),
        "floor file x4": floor(file4),
    }
    for scale, path, draft in ((1, file1, draft1), (4, file4, draft4)):
        main |= {
            f"overlap x{scale}": Command([*icp, "overlap", str(path), "-f", "json"], valid=_json),
            f"export x{scale}": Command([*icp, "export", str(path), "-f", "csv"], valid=_csv),
            f"diff x{scale}": Command([*icp, "diff", str(path), str(draft), "-f", "json"],
                                      findings, _json),
            f"slim x{scale}": Command([*icp, "slim", str(path), "--body", "icb", "--to", "12",
                                       "-f", "json"], findings, _json),
            f"report x{scale}": Command([*icp, "report", str(path)], valid=_html),
        }
    for rows, table in tables.items():
        out = f"imported-{rows}.yaml"
        main[f"import {rows}"] = Command(
            [*icp, "import", str(table), "-o", out, "--force"], valid=_imported(out, rows)
        )
    main["check imported"] = Command([*icp, "check", str(written)], findings)
    main |= {
        "check body": Command([*icp, "check", str(word_body)], findings),
        "tor md body": Command([*icp, "terms-of-reference", str(word_body)], valid=_markdown),
        "tor docx body": Command([*icp, "terms-of-reference", str(word_body), "-o",
                                  "body.docx", "--force"], valid=_docx("body.docx")),
    }
    large: dict[str, Command] = {}
    for scale, seats in zip((1, 4), DOC_SEATS, strict=True):
        body = str(workloads.big_body(seats))
        docx = f"body-{seats}.docx"
        large |= {
            f"tor md x{scale}": Command([*icp, "terms-of-reference", body], valid=_markdown),
            f"tor html x{scale}": Command([*icp, "terms-of-reference", body, "-f", "html"],
                                          valid=_html),
            f"tor docx x{scale}": Command([*icp, "terms-of-reference", body, "-o", docx,
                                           "--force"], valid=_docx(docx)),
        }

    national = f"national set ({len(list(x1.glob('*.yaml')))} files)"
    ratios = [
        Ratio(f"`check` {national} ÷ floor", "check x1", "floor x1", 1.4),
        Ratio(f"`check --format json` {national} ÷ floor", "check x1 json", "floor x1", 1.4),
        Ratio("`check` messy national set ÷ floor", "check messy x1", "floor messy x1", 2.0),
        Ratio("`check` one sample ÷ `import typer`", "check sample", "import typer", 1.6),
        Ratio("`--version` ÷ `import typer`", "version", "import typer", 1.2),
        Ratio("`terms-of-reference` one sample ÷ `import typer`", "tor sample",
              "import typer", None),
        Ratio(f"`terms-of-reference` Markdown ÷ `check`, {WORD_SEATS:,}-seat body",
              "tor md body", "check body", 1.3),
        Ratio(f"`terms-of-reference` Word ÷ Markdown, {WORD_SEATS:,}-seat body",
              "tor docx body", "tor md body", 10.0),
        Ratio(f"`terms-of-reference` Word ÷ Markdown, {DOC_SEATS[1]:,}-seat body",
              "tor docx x4", "tor md x4", 10.0),
        Ratio(f"`import` {IMPORT_ROWS[1]:,} rows ÷ `check` of the file it writes",
              f"import {IMPORT_ROWS[1]}", "check imported", 2.0),
    ]
    for command in ("overlap", "export", "diff", "slim", "report"):
        ratios.append(Ratio(f"`{command}` one national file ÷ floor", f"{command} x1",
                            "floor file x1", None))
    growth = [
        ("`check` national set", "check"), ("`check` messy set", "check messy"),
        ("`overlap` one file", "overlap"), ("`export` one file", "export"),
        ("`diff` one file", "diff"), ("`slim` one file", "slim"), ("`report` one file", "report"),
        ("floor, one file", "floor file"),
        (f"`terms-of-reference` Markdown, {DOC_SEATS[0]:,} seats", "tor md"),
        ("`terms-of-reference` HTML", "tor html"), ("`terms-of-reference` Word", "tor docx"),
    ]
    for label, stem in growth:
        target = None if stem.startswith("floor") else 4.5
        ratios.append(Ratio(f"growth ×4 ÷ ×1: {label}", f"{stem} x4", f"{stem} x1", target))
    ratios.append(Ratio(f"growth ×4 ÷ ×1: `import` {IMPORT_ROWS[0]:,} rows",
                        f"import {IMPORT_ROWS[1]}", f"import {IMPORT_ROWS[0]}", 4.5))
    return main, large, ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--large-runs", type=int, default=3,
                        help="runs of each large terms-of-reference document (default 3)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)

    generate.ensure()
    workloads.ensure()
    icp = icp_command()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="icp-bench-") as folder:
        cwd = Path(folder)
        main_group, large_group, ratios = plan(icp, cwd)
        samples = measure(main_group, args.runs, cwd, failures)
        samples |= measure(large_group, args.large_runs, cwd, failures)
    sizes = {scale: set_size(generate.set_dir(scale)) for scale in (1, 4)}
    over = report(samples, ratios, sizes, args)
    for problem in failures:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if failures or over else 0


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
    import jinja2
    import ruamel.yaml
    import typer

    cpus = os.cpu_count() or 0
    try:
        import yaml

        pyyaml = f", PyYAML {yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})"
    except ImportError:
        pyyaml = ""
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPU{'s' if cpus != 1 else ''}, "
        f"Python {platform.python_version()}, ruamel.yaml {ruamel.yaml.__version__}{pyyaml}, "
        f"typer {typer.__version__}, Jinja {jinja2.__version__}"
    )


def report(
    samples: dict[str, Sample],
    ratios: list[Ratio],
    sizes: dict[int, tuple[int, int, int]],
    args: argparse.Namespace,
) -> int:
    """Print the table; the number of ratios over their target or not measured."""
    load = os.getloadavg()[0]
    out = print
    data = "; ".join(
        f"×{scale}: {files} files, {size / 1e6:.2f} MB, {seats:,} seats"
        for scale, (files, size, seats) in sizes.items()
    )
    rows = []
    over = 0
    for r in ratios:
        num, den = samples.get(r.numerator), samples.get(r.denominator)
        target = "" if r.target is None else f"≤ {r.target}"
        if num is None or den is None:
            over += r.target is not None
            rows.append((r.label, "–", "–", "–", "–", target, "FAILED"))
            continue
        wall = num.median_wall / den.median_wall
        cpu = num.median_cpu / den.median_cpu
        verdict = "" if r.target is None else ("ok" if wall <= r.target else "OVER")
        over += verdict == "OVER"
        rows.append((
            r.label,
            f"{num.median_wall * 1000:.0f} ms",
            f"{den.median_wall * 1000:.0f} ms",
            f"{wall:.2f}",
            f"{cpu:.2f}",
            target,
            verdict,
        ))
    header = ("measure", "icp", "floor", "ratio", "CPU ratio", "target", "")
    runs = (
        f"{args.runs} interleaved runs ({3 * args.runs} for commands under "
        f"{QUICK_SECONDS:g} s, {args.large_runs} for the large documents)"
    )
    if args.markdown:
        out(f"Machine: {machine()}; load average {load:.1f} at the end; "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.  ")
        out(f"National data: {data}.  ")
        out(f"Medians of {runs} of whole processes (wall time; the CPU ratio is user + "
            "system time).\n")
        out("| " + " | ".join(header[:-1]) + " | |")
        out("|" + "---|" * len(header))
        for row in rows:
            out("| " + " | ".join(row) + " |")
    else:
        out(machine())
        out(f"national data: {data}")
        out(f"medians of {runs} of whole processes; load average {load:.1f}")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            out("  ".join(str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
                          for i, cell in enumerate(row)).rstrip())
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        out(f"(all child processes: {children.ru_utime + children.ru_stime:.1f} s of CPU)")
    return over


if __name__ == "__main__":
    sys.exit(main())
