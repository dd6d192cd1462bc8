"""`-` as a FILE: the membership read from standard input.

Positions, messages and JSON `path` name it `<stdin>`. The read is bounded: at most
`--max-bytes` (plus one byte, to tell that there is more) is taken from the stream, so a
pipe that never ends cannot fill the memory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from icp_cli.load.limits import DEFAULT_LIMITS, ENV_MAX_BYTES, Limits

DASH = "-"
NAME = "<stdin>"


def is_stdin(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path) == DASH


def shown(path: str | os.PathLike[str]) -> str:
    """How a FILE argument is named in messages and output."""
    return NAME if is_stdin(path) else str(path)


def read_input(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of a FILE argument: standard input for `-`, else the file."""
    if not is_stdin(path):
        from icp_cli.load.source import read_text

        return read_text(path, limits)
    from icp_cli.load.source import decode

    return decode(read_bounded(limits.max_bytes), NAME)


def read_bounded(max_bytes: int) -> bytes:
    """At most `max_bytes` of standard input, or an input error (source.read_limited)."""
    from icp_cli.load.source import read_limited

    if sys.stdin is None:  # no standard input at all (a GUI launcher)
        from icp_cli.load.errors import InputError, InputErrors

        raise InputErrors([InputError(NAME, "there is no standard input to read")])
    if sys.stdin.isatty():
        # Someone typed `icp check -` at a prompt: say what it waits for.
        sys.stderr.write("icp: reading the membership file from standard input (Ctrl-D ends it)\n")
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes beneath (an embedding program's)
        import io

        stream = io.BytesIO(sys.stdin.read(max_bytes + 1).encode("utf-8"))
    return read_limited(
        stream,
        NAME,
        max_bytes,
        too_big=f"raise the limit with --max-bytes or {ENV_MAX_BYTES}, or give a file",
    )


def check_single_use(paths: list[Path]) -> None:
    """Standard input can be read once: `-` twice is a usage error."""
    from icp_cli.load.errors import UsageError

    if sum(1 for p in paths if is_stdin(p)) > 1:
        raise UsageError(
            "- (standard input) is given more than once", hint="standard input can be read once"
        )
