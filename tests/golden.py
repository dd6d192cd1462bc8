"""Golden files: rendered output compared with a reviewed copy under tests/golden/.

Run `ICP_UPDATE_GOLDEN=1 python -m pytest` to rewrite them, then review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str | bytes) -> None:
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("ICP_UPDATE_GOLDEN") or not path.exists():
        if not os.environ.get("ICP_UPDATE_GOLDEN") and os.environ.get("CI"):
            raise AssertionError(f"golden file {name} is missing; create it locally")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
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
