import sys
from pathlib import Path

# The helpers module sits beside the tests; the package itself is installed.
sys.path.insert(0, str(Path(__file__).parent))
