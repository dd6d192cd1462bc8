"""Cases that fail on this branch because their fix is on another branch of issue 11.

Each is run as xfail(strict=True) with a `needs_merge` marker: once that branch is merged
the case passes, the strict xfail reports it, and its line here is deleted.
"""

from __future__ import annotations

PENDING: dict[str, str] = {}
