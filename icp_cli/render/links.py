"""Where icp's documentation lives on the web: SARIF's `informationUri` and each rule's
`helpUri`.

The addresses are the package's `[project.urls]` (pyproject.toml), read from the installed
metadata at run time, so that a fork or a mirror changes them in one place; the constants
below are the same addresses (a test keeps them equal), used where the metadata is not
there (a checkout run without installing, or an install older than the URLs).
"""

from __future__ import annotations

import functools

DISTRIBUTION = "icp-cli"
HOMEPAGE = "https://github.com/icp-cli/icp"
DOCUMENTATION = "https://github.com/icp-cli/icp/blob/main/docs/"


@functools.cache
def project_urls() -> dict[str, str]:
    """`[project.urls]` of the installed package: label -> URL (empty if not installed)."""
    from importlib import metadata

    try:
        entries = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        if url.strip():
            urls[label.strip().lower()] = url.strip()
    return urls


def homepage() -> str:
    return project_urls().get("homepage", HOMEPAGE)


def documentation() -> str:
    """The docs folder's address, ending in `/`."""
    base = project_urls().get("documentation", DOCUMENTATION)
    return base if base.endswith("/") else base + "/"


def rule_page(code: str) -> str:
    """The rule's page, docs/rules/<CODE>.md (written by docs/generate.py)."""
    return f"{documentation()}rules/{code}.md"
