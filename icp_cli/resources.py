"""Finding the bundled templates and sample systems, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent


def _folder(name: str) -> Path:
    # In a wheel the folder is installed inside the package; in a checkout it is beside it.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the bundled folder '{name}' is missing from this installation")


def samples_dir() -> Path:
    return _folder("sample_systems")


def templates_dir() -> Path:
    return _folder("templates")


def sample_paths() -> dict[str, Path]:
    return {p.stem: p for p in sorted(samples_dir().glob("*.yaml"))}


def sample_description(path: Path) -> str:
    """The first comment line of a sample, which says what it shows."""
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.lstrip("# ").strip()
        if line.startswith("#") and text and set(text) - set("=-#"):
            return text
    return ""
