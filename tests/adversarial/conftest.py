"""The adversarial suite's marker: cases whose fix is on another branch of issue 11."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs_merge(branch): the case passes once that branch of issue 11 is merged "
        "(it is an xfail(strict=True) until then)",
    )
