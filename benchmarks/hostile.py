"""The runaways of issue 11, timed: inputs that are large in one user-controlled size.

Each case runs `icp` in its own process (under a 4 GB address-space limit and a time
limit, with `--timeout 0` where the command has it, so that the figure is the work
itself, not the tool's own bound) and prints its wall time, peak memory and exit code.
Not a test: run it by hand.

    .venv/bin/python benchmarks/hostile.py
    .venv/bin/python benchmarks/hostile.py --limit 120
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "adversarial"))
import scale  # noqa: E402

CASES = [
    ("reporting chain of 3,000 bodies", "chain.yaml", scale.reporting_chain, 3000,
     ["check", "{file}", "--timeout", "0"]),
    ("reporting circle of 3,000 bodies", "circle.yaml", scale.reporting_circle, 3000,
     ["check", "{file}", "--timeout", "0"]),
    ("5,000 unknown ids (did you mean)", "unknown.yaml", scale.unknown_ids, 5000,
     ["check", "{file}", "--timeout", "0"]),
    ("import: 8,000 people, one id base", "seats.csv", scale.import_same_names, 8000,
     ["import", "{file}", "--timeout", "0"]),
    ("overlap: one person on 3,000 bodies", "pairs.yaml", scale.one_person_many_bodies, 3000,
     ["overlap", "{file}", "--format", "json", "--timeout", "0"]),
    ("overlap: a 4 MB one-word name", "name.yaml", scale.long_name, 4_000_000,
     ["overlap", "{file}", "--timeout", "0"]),
]  # fmt: skip


def run(argv: list[str], limit: float) -> tuple[float, int, int | str]:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))

    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "icp_cli", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=cap,
    )
    deadline = start + limit
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            return limit, 0, "killed"
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=float, default=90, help="seconds per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'case':40} {'seconds':>8} {'MB':>6} exit")
        for title, name, make, size, argv in CASES:
            path = Path(folder) / name
            path.write_text(make(size), encoding="utf-8")
            elapsed, mb, code = run([a.replace("{file}", str(path)) for a in argv], args.limit)
            print(f"{title:40} {elapsed:8.2f} {mb:6} {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
