"""Checking many files: one after another, or on every core at once.

A regional team checks every system in England in one run (dozens of files, megabytes of
YAML). Each file is read, built and checked on its own, so files can be checked in
parallel: worker processes forked from this one (no start-up of their own: they share what
is already imported) each check whole files and send back their `FileResult`s, which are
plain data. Results come back in the order of the files, so the report is the same,
byte for byte, as a run on one core (a test holds the two to each other).

Parallel only where it pays and is safe: POSIX `fork` (Linux; macOS and Windows start
workers from scratch, which costs more than a typical folder takes), more than one core
the process may use, and either `--jobs N` given or enough input to outweigh forking (a
few hundred kilobytes). Standard input is read once, by this process. A worker that dies
(killed, out of memory) does not hang the run: its files are checked again here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from icp_cli.check.engine import CheckOptions, check_path
from icp_cli.check.findings import FileResult
from icp_cli.load.limits import Limits

AUTO_BYTES = 512 * 1024
"""Below this much input in all, `--jobs` unset checks on one core: forking workers and
sending results back costs more than it saves on a few small files."""

# What every worker checks with: set before the workers are forked, so they inherit it
# instead of unpickling it with every file.
_JOB: tuple[CheckOptions, Limits] | None = None


def cores() -> int:
    """The processors this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def jobs_for(files: Sequence[Path], requested: int | None) -> int:
    """How many processes check `files`: `requested` (`--jobs`; 0 or None: choose), at
    most one per file, and 1 wherever forking is not available or not worth it."""
    if requested == 1 or len(files) < 2 or any(str(p) == "-" for p in files):
        return 1
    if sys.platform != "linux":
        return 1
    if requested:
        return min(requested, len(files))
    available = cores()
    if available < 2 or _size(files) < AUTO_BYTES:
        return 1
    return min(available, len(files))


def _size(files: Sequence[Path]) -> int:
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:  # missing or unreadable: the check reports it
            continue
        if total >= AUTO_BYTES:
            break
    return total


def check_paths(
    files: Sequence[Path],
    options: CheckOptions,
    limits: Limits,
    jobs: int = 1,
    progress: Callable[[Iterator[FileResult], Sequence[Path]], Iterator[FileResult]] | None = None,
) -> list[FileResult]:
    """Every file's result, in the order of `files`. `progress`, when given, wraps the
    stream of results as they arrive (a progress bar)."""
    if jobs <= 1:
        results: Iterator[FileResult] = (check_path(p, options, limits) for p in files)
        return list(progress(results, files) if progress else results)
    return _parallel(files, options, limits, jobs, progress)


def _parallel(
    files: Sequence[Path],
    options: CheckOptions,
    limits: Limits,
    jobs: int,
    progress: Callable[[Iterator[FileResult], Sequence[Path]], Iterator[FileResult]] | None,
) -> list[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Everything a check imports or builds once is done here, before the fork, so that
    # each worker starts with it instead of doing it again.
    import icp_cli.check.suppression
    import icp_cli.load.builder
    import icp_cli.load.stdin  # noqa: F401
    from icp_cli.check.rules.registry import all_rules
    from icp_cli.load.source import _composer

    all_rules()
    _composer()

    global _JOB
    _JOB = (options, limits)
    done: list[FileResult] = []
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
        ) as pool:
            # The workers are forked by the first submission, before a progress bar
            # starts a thread of its own.
            results = pool.map(_check_one, [str(p) for p in files])
            for result in progress(results, files) if progress else results:
                done.append(result)
    except (BrokenProcessPool, OSError, NotImplementedError):
        # A worker died (killed, out of memory), or workers cannot be had here (no shared
        # memory for the pool's locks in some containers): check what is left here, one
        # by one, so that a file that killed a worker gets its own error in plain view.
        done += [check_path(p, options, limits) for p in files[len(done):]]
    finally:
        _JOB = None
    return done


def _start_worker() -> None:
    import signal

    # Ctrl-C is the parent's to handle: a worker stopped by it would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_one(path: str) -> FileResult:
    assert _JOB is not None, "a worker is forked after the job is set"
    options, limits = _JOB
    return check_path(Path(path), options, limits)
