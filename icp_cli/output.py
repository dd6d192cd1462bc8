"""Writing results: stdout, or a file written atomically and never replaced without --force."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError


def check_writable(path: str | os.PathLike[str], force: bool) -> None:
    """Refuse early, before any work, to replace an existing file without --force."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name for --output")
    if target.exists() and not force:
        raise UsageError(
            f"{target}: already exists; not replaced",
            hint="add --force to replace it, or choose another --output",
        )
    if not target.parent.exists():
        raise UsageError(f"{target}: the folder {target.parent} does not exist")


def write_atomic(path: str | os.PathLike[str], data: str | bytes, force: bool) -> None:
    """Write to a temporary file beside the target, then rename it into place.

    A failure at any point leaves an existing file exactly as it was.
    """
    target = Path(path)
    check_writable(target, force)
    import tempfile  # only when writing a file: most runs print to stdout

    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and target.exists():
            raise UsageError(f"{target}: appeared while writing; not replaced")
        # mkstemp makes the file private (0600); give it the mode a plain write would have,
        # or keep the mode of the file it replaces.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
