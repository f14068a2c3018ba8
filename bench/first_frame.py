"""Start an app, wait for its first complete frame, exit: the process measured by bench/run.py.

    python bench/first_frame.py empty            # an empty Textual app (the floor)
    python bench/first_frame.py budget [DATA]    # budget-tui with the shipped data, or with DATA

Headless, 120×40: both apps do the same terminal-free work, so their difference is the app's own.
"""

from __future__ import annotations

import sys
from typing import Any


async def _exit_after_first_frame(pilot: Any) -> None:
    await pilot.pause()  # mounted, laid out and rendered once
    pilot.app.exit(0)


def main() -> None:
    which = sys.argv[1]
    if which == "empty":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Empty(App[int]):
            def compose(self) -> ComposeResult:
                yield Static("hello")

        app: Any = Empty()
    else:
        from pathlib import Path

        from tui.cli import explorer_app  # exactly what `budget-tui [--data DATA]` runs

        app = explorer_app(Path(sys.argv[2]) if len(sys.argv) > 2 else None, "ja")
    app.run(headless=True, size=(120, 40), auto_pilot=_exit_after_first_frame)
    if app.return_code != 0:
        raise SystemExit(f"{which}: exit code {app.return_code}")


if __name__ == "__main__":
    main()
