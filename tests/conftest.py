import os
import sys
from pathlib import Path

import pytest

# The helpers module sits beside the tests; the package itself is installed.
sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="write missing or changed golden files under tests/golden/ (then review the diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # The golden helper reads the environment, so the option and the variable are one switch.
    if config.getoption("--update-goldens", default=False):
        os.environ["ICP_UPDATE_GOLDEN"] = "1"
