"""Loading a data directory: the YAML files (:mod:`.yaml_reader`), ``programs.csv`` (:mod:`.csv_reader`)
and the rules both follow for every field, in one place (:mod:`.fields`).

``from tui.core.loader import load_dataset, default_data_dir`` is the public entry point.
"""

from tui.core.data_dir import default_data_dir
from tui.core.loader.csv_reader import BULK_FILE, COLUMNS
from tui.core.loader.yaml_reader import (
    DATA_FILES,
    MINISTRY_BASES,
    STRUCTURAL_KINDS,
    TREE_KINDS,
    load_dataset,
)

__all__ = [
    "BULK_FILE",
    "COLUMNS",
    "DATA_FILES",
    "MINISTRY_BASES",
    "STRUCTURAL_KINDS",
    "TREE_KINDS",
    "default_data_dir",
    "load_dataset",
]
