"""What one file may cost to read and check: its size, its nesting, its time.

The defaults are far above any real membership file (the largest ICS fits in 100 kB and
six levels); they exist so a hostile or broken file is refused with a message instead
of exhausting the machine. Each can be changed per run (`icp check --max-bytes ...`) or
for every command through the environment (`ICP_MAX_BYTES=...`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Mapping
from typing import TypeVar

from icp_cli.immutable import frozen
from icp_cli.load.errors import InputError, InputErrors, UsageError
from icp_cli.text import lazy_pattern

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
# ruamel.yaml's C composer recurses once per level and crashes the process some way
# past ten thousand; the limit cannot be raised that far.
MAX_MAX_DEPTH = 1000
DEFAULT_TIMEOUT = 60.0

# No real file comes near this (the largest system gives a few dozen per rule); it keeps a
# machine-made file whose every name is close to every other from filling the memory
# with millions of D204 pairs.
MAX_FINDINGS_PER_RULE = 1000

ENV_MAX_BYTES = "ICP_MAX_BYTES"
ENV_MAX_DEPTH = "ICP_MAX_DEPTH"
ENV_TIMEOUT = "ICP_TIMEOUT"

T = TypeVar("T")


@frozen
class Limits:
    """Bounds on what one file may cost. A timeout of 0 means no time limit."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    timeout: float = DEFAULT_TIMEOUT


DEFAULT_LIMITS = Limits()

# ASCII digits only (`\d` and str.isdigit accept `²` and other scripts' digits), and few
# of them: a size past a petabyte is a slip, and float() of thousands of digits is inf.
_SIZE = lazy_pattern(
    r"(?ia)^\s*(\d{1,15}(?:\.\d{1,15})?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$"
)
_DEPTH = lazy_pattern(r"(?a)^\s*\d{1,9}\s*$")
_UNIT = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_bytes(text: str, source: str) -> int:
    """`20000000`, `500k`, `20MB`, `1 GiB` -> bytes (binary multiples)."""
    match = _SIZE().match(text)
    value = float(match.group(1)) * _UNIT[(match.group(2) or "")[:1].lower()] if match else 0
    if not match or value < 1:
        raise UsageError(
            f"{source}: '{text}' is not a size",
            hint="give a number of bytes, optionally with K, M or G, e.g. 50M",
        )
    return int(value)


def parse_depth(text: str, source: str) -> int:
    if not _DEPTH().match(text) or not 1 <= int(text) <= MAX_MAX_DEPTH:
        raise UsageError(
            f"{source}: '{text}' is not a nesting depth",
            hint=f"give a whole number of levels from 1 to {MAX_MAX_DEPTH} (the default "
            f"is {DEFAULT_MAX_DEPTH})",
        )
    return int(text)


def parse_seconds(text: str, source: str) -> float:
    try:
        if not text.isascii() or "_" in text or len(text) > 40:
            raise ValueError(text)  # float() reads other scripts' digits and 1_000
        value = float(text.strip().removesuffix("s"))
    except ValueError:
        value = -1.0
    if not 0 <= value < 1e7:  # also refuses nan and inf
        raise UsageError(
            f"{source}: '{text}' is not a time in seconds",
            hint="give a number of seconds, e.g. 120; 0 means no limit",
        )
    return value


def resolve(
    max_bytes: str | None = None,
    max_depth: str | None = None,
    timeout: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Limits:
    """The limits for this run: an option given on the command line, else the
    environment variable, else the default."""
    env = os.environ if environ is None else environ

    def pick(given: str | None, option: str, variable: str) -> tuple[str, str] | None:
        if given is not None:
            return given, option
        if env.get(variable, "").strip():
            return env[variable], variable
        return None

    size = pick(max_bytes, "--max-bytes", ENV_MAX_BYTES)
    depth = pick(max_depth, "--max-depth", ENV_MAX_DEPTH)
    seconds = pick(timeout, "--timeout", ENV_TIMEOUT)
    return Limits(
        max_bytes=parse_bytes(*size) if size else DEFAULT_MAX_BYTES,
        max_depth=parse_depth(*depth) if depth else DEFAULT_MAX_DEPTH,
        timeout=parse_seconds(*seconds) if seconds else DEFAULT_TIMEOUT,
    )


class _TimeUp(BaseException):
    """Raised by the alarm. A BaseException, so no `except Exception` on the way can
    mistake it for a problem with the file."""


class _Alarm:
    live = False  # while a bound is running; signals only reach the main thread


def bounded(
    work: Callable[[], T],
    limits: Limits,
    shown: str,
    doing: str = "reading and checking the file",
    hint: str | None = None,
) -> T:
    """`work()`, stopped after `limits.timeout` seconds with an input error for `shown`
    saying what took too long (`doing`).

    Uses an interval timer, so it works where signals do: on POSIX, in the main thread.
    Elsewhere (Windows, a worker thread) the size and depth limits still bound the work.
    Nested bounds are one bound: the outermost one times the whole file.
    """
    if (
        limits.timeout <= 0
        or _Alarm.live
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return work()

    def alarm(signum: int, frame: object) -> None:
        # A signal that arrives after the work ended, while disarming, is ignored.
        if _Alarm.live:
            _Alarm.live = False
            raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        try:
            _Alarm.live = True
            signal.setitimer(signal.ITIMER_REAL, limits.timeout)
            return work()
        finally:
            _Alarm.live = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _TimeUp:
        raise InputErrors(
            [
                InputError(
                    shown,
                    f"{doing} took more than {limits.timeout:g} "
                    f"second{'' if limits.timeout == 1 else 's'}; stopped",
                    hint=hint
                    or "a membership file takes well under a second; if this one is "
                    f"genuine, raise the limit with --timeout or {ENV_TIMEOUT}",
                )
            ]
        ) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
