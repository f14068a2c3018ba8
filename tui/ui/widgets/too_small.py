"""What a terminal below the usable size shows instead of crushed panes."""

from __future__ import annotations

from textual.widgets import Static

MIN_SIZE = (40, 12)


class TooSmall(Static):
    """The message, with the terminal's size as it is now. Shown by the screen's breakpoint classes
    (``-w-tiny``, ``-h-tiny``, see MainScreen), hidden otherwise."""

    DEFAULT_CSS = """
    TooSmall { display: none; padding: 1; }
    """

    def render(self) -> str:
        width, height = self.screen.size
        return f"Terminal too small ({width}×{height}); budget-tui needs {MIN_SIZE[0]}×{MIN_SIZE[1]}. q quits."

    def on_resize(self) -> None:
        self.refresh()
