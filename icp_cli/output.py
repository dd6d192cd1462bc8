"""Writing results: stdout, or a file written atomically and never replaced without --force.

What `-o PATH` may name (docs/output-safety.md):
- `-`: standard output.
- a new name in an existing folder, or an existing regular file (replaced only with
  --force). A symbolic link to a regular file is followed: the file it points to is
  replaced (with --force) and the link is kept.
- anything else is refused whatever --force says: a folder, a device node (`/dev/null`), a
  FIFO, a socket, and a symbolic link that points nowhere (a dangling link may be a
  mistake, or a trap that would create a file elsewhere).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from icp_cli.load.errors import UsageError
from icp_cli.safe_text import terminal

STDOUT = "-"
# A short temporary name in the target's folder: a name of any legal length can be
# written (the temporary file is renamed over it), and the rename stays on one file system.
_TMP_PREFIX, _TMP_SUFFIX = ".icp-", ".tmp"

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def is_stdout(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path) == STDOUT


def check_writable(path: str | os.PathLike[str], force: bool) -> None:
    """Refuse early, before any work, a target that must not be written (see above)."""
    if is_stdout(path):
        return
    if os.fspath(path) == "":
        raise UsageError("--output: an empty file name", hint="give a file name, or - for stdout")
    _target(Path(path), force)


def _target(given: Path, force: bool) -> Path:
    """The file to replace or create for `given`, after every refusal."""
    shown = terminal(os.fspath(given))
    link = _status(given, shown, follow=False)
    target = given
    if link is not None and stat.S_ISLNK(link.st_mode):
        try:
            target = given.resolve(strict=True)
        except (FileNotFoundError, RuntimeError):
            raise UsageError(
                f"{shown}: is a symbolic link to a file that does not exist; not written",
                hint="remove the link or choose another --output (--force does not follow "
                "a dangling link)",
            ) from None
        except OSError as exc:
            raise _cannot_write(shown, exc) from None
    info = _status(target, shown, follow=True)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{shown}: is a folder; give a file name for --output")
        for test, kind in _KINDS:
            if test(info.st_mode):
                raise UsageError(
                    f"{shown}: is {kind}, not a regular file; not written",
                    hint="--output writes regular files only (even with --force); "
                    "use - for stdout and redirect it",
                )
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{shown}: is not a regular file; not written")
        if not force:
            raise UsageError(
                f"{shown}: already exists; not replaced",
                hint="add --force to replace it, or choose another --output",
            )
    if not target.parent.exists():
        raise UsageError(f"{shown}: the folder {terminal(os.fspath(target.parent))} does not exist")
    return target


def _status(path: Path, shown: str, *, follow: bool) -> os.stat_result | None:
    """The status of `path` (with `follow`, of what a link points to), or None when there
    is nothing there."""
    try:
        return path.stat() if follow else path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_write(shown, exc) from None


def _cannot_write(shown: str, exc: OSError) -> UsageError:
    return UsageError(f"{shown}: cannot be written ({exc.strerror})")


def write_atomic(path: str | os.PathLike[str], data: str | bytes, force: bool) -> None:
    """Write to a temporary file beside the target, then rename it into place; `-` is
    standard output.

    A failure at any point leaves an existing file exactly as it was.
    """
    if is_stdout(path):
        if isinstance(data, str):
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _target(Path(path), force)
    import tempfile  # only when writing a file: most runs print to stdout

    fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # Checked again: the target may have appeared, or changed kind, while writing.
        if not force and os.path.lexists(target):
            raise UsageError(f"{terminal(os.fspath(path))}: appeared while writing; not replaced")
        target = _target(Path(path), force)
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
