"""Finding the project configuration: the nearest `icp.toml`, `.icp.toml` or
`pyproject.toml` with a `[tool.icp]` table.

The search starts in the folder of the first FILE (the folder itself when FILE is a folder;
the current folder for `-`, standard input) and goes up one folder at a time. It stops
after the first folder that holds `.git` (a folder or, in a git worktree, a file): a
repository's settings never come from outside it. Where one folder holds several, the first
of NAMES wins: `icp.toml`, then `.icp.toml`, then `pyproject.toml`; a `pyproject.toml`
without `[tool.icp]` is passed over, as ruff and black do, and so is one that cannot be
read, with a warning (config.is_for_icp).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

NAMES = ("icp.toml", ".icp.toml", "pyproject.toml")
PYPROJECT = "pyproject.toml"


def start_folder(files: Sequence[str | os.PathLike[str]]) -> Path:
    """Where the search starts for these FILE arguments."""
    from icp_cli.load.stdin import is_stdin

    if not files or is_stdin(files[0]):
        return Path.cwd()
    first = Path(files[0]).absolute()
    return first if first.is_dir() else first.parent


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above `start`, up to the repository's root."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != PYPROJECT or _has_tool_icp(candidate)):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_icp(path: Path) -> bool:
    from icp_cli.config import is_for_icp

    return is_for_icp(path)
