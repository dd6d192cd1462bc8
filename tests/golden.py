"""Golden files: rendered output compared with a reviewed copy under tests/golden/.

Run `ICP_UPDATE_GOLDEN=1 python -m pytest` (or `python -m pytest --update-goldens`) to write
or rewrite them, then review the diff like code. A missing golden file is a failure otherwise:
a snapshot nobody reviewed proves nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str | bytes) -> None:
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("ICP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    if not path.exists():
        raise AssertionError(
            f"golden file {name} is missing: write it with ICP_UPDATE_GOLDEN=1 (or "
            "--update-goldens), review it, and commit it"
        )
    expected = path.read_bytes()
    if expected != data:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(keepends=True),
                data.decode("utf-8", "replace").splitlines(keepends=True),
                f"golden/{name}",
                "actual",
            )
        )
        raise AssertionError(f"output differs from golden/{name}:\n{diff[:6000]}")
