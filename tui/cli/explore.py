"""Starting the explorer: read the settings and state, load the data (a DataError ends here, before any
screen is drawn), check ``--open``, run the app and return its return code, which App.run() itself does
not (it returns normally after a crash)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.ui.app import BudgetApp


class UnknownNode(Exception):
    """``--open ID`` names no node of the data: one line, exit 2, like any other bad input."""

    def __init__(self, node_id: str, directory: Path) -> None:
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in node_id)  # typed: shown, never obeyed
        super().__init__(f"--open {shown}: no node with this id in {directory}")


def run_explorer(data_dir: Path | None, lang: str | None, open_id: str | None = None) -> int:
    app = explorer_app(data_dir, lang, open_id)
    app.run()
    # App.run() returns normally even after a crash inside the app; its return code says what happened.
    return app.return_code or 0


def explorer_app(data_dir: Path | None, lang: str | None, open_id: str | None = None) -> BudgetApp:
    """The explorer, with its data loaded (raises DataError before any screen is drawn). The parsed data
    comes from the cache when it holds these exact files (tui.core.cache), which saves reading the YAML.
    A broken config or state file is one warning line on stderr (and the defaults), never an exit."""
    from tui.core.cache import load_dataset_cached
    from tui.core.settings import load_start

    start = load_start(language="en" if lang == "en" else "ja" if lang == "ja" else None, node=open_id)
    for warning in start.warnings:
        print(f"budget-tui: {warning}", file=sys.stderr)
    dataset = load_dataset_cached(data_dir)
    if open_id is not None and open_id not in dataset.nodes:
        raise UnknownNode(open_id, dataset.directory)
    # The dataset lives as long as the app: keep the garbage collector from re-scanning its (up to
    # hundreds of thousands of) objects on every full collection.
    gc.freeze()
    from tui.core.settings import UNITS
    from tui.ui.app import BudgetApp

    return BudgetApp(dataset, lang=start.language, unit=UNITS[start.unit])
