"""Where the bundled data is: one rule for the loader and for the parsed-data cache, which the explorer's
warm start reads without importing the loader (and its YAML reader)."""

from __future__ import annotations

from pathlib import Path


def default_data_dir() -> Path:
    """The bundled data: inside the installed wheel (tui/data) or, from a checkout, ../data."""
    package_dir = Path(__file__).resolve().parent.parent  # tui/core/ -> tui/
    for candidate in (package_dir / "data", package_dir.parent / "data"):
        if (candidate / "dataset.yaml").is_file():
            return candidate
    return package_dir.parent / "data"
