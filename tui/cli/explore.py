"""Starting the explorer: load the data (a DataError ends here, before any screen is drawn), run the app
and return its return code, which App.run() itself does not (it returns normally after a crash)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.ui.app import BudgetApp


def run_explorer(data_dir: Path | None, lang: str) -> int:
    app = explorer_app(data_dir, lang)
    app.run()
    # App.run() returns normally even after a crash inside the app; its return code says what happened.
    return app.return_code or 0


def explorer_app(data_dir: Path | None, lang: str) -> BudgetApp:
    """The explorer, with its data loaded (raises DataError before any screen is drawn)."""
    from tui.core.loader import load_dataset

    dataset = load_dataset(data_dir)
    # The dataset lives as long as the app: keep the garbage collector from re-scanning its (up to
    # hundreds of thousands of) objects on every full collection.
    gc.freeze()
    from tui.ui.app import BudgetApp

    return BudgetApp(dataset, lang="en" if lang == "en" else "ja")
