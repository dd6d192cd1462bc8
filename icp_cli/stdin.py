"""`-` as a FILE: the membership read from standard input.

Positions, messages and JSON `path` name it `<stdin>`. The read is bounded: at most
`--max-bytes` (plus one byte, to tell that there is more) is taken from the stream, so a
pipe that never ends cannot fill the memory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import InputError, InputErrors
from .limits import DEFAULT_LIMITS, ENV_MAX_BYTES, Limits

DASH = "-"
NAME = "<stdin>"
_CHUNK = 1 << 16


def is_stdin(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path) == DASH


def shown(path: str | os.PathLike[str]) -> str:
    """How a FILE argument is named in messages and output."""
    return NAME if is_stdin(path) else str(path)


def read_input(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of a FILE argument: standard input for `-`, else the file."""
    if not is_stdin(path):
        from .source import read_text

        return read_text(path, limits)
    from .source import decode

    return decode(read_bounded(limits.max_bytes), NAME)


def read_bounded(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes beneath (tests may give one)
        raw = sys.stdin.read(max_bytes + 1)
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
    else:
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    if len(data) > max_bytes:
        raise InputErrors(
            [
                InputError(
                    NAME,
                    f"standard input is more than {max_bytes:,} bytes; the limit is "
                    f"{max_bytes:,}",
                    hint=f"raise the limit with --max-bytes or {ENV_MAX_BYTES}, or give a file",
                )
            ]
        )
    return data


def check_single_use(paths: list[Path]) -> None:
    """Standard input can be read once: `-` twice is a usage error."""
    from .errors import UsageError

    if sum(1 for p in paths if is_stdin(p)) > 1:
        raise UsageError(
            "- (standard input) is given more than once", hint="standard input can be read once"
        )
