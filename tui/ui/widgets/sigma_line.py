"""The Σ line under the all-lines table: the honest subtotal of the selection, or of the lines shown."""

from __future__ import annotations

from textual.widgets import Static


class SigmaLine(Static, can_focus=True):
    """One line: Σ of the selection if any, else of the lines shown (tui.core.subtotal.sigma_line).
    `y` / `C` (the screen's) copy the labelled subtotal with what it leaves out, and with its source."""

    DEFAULT_CSS = """
    SigmaLine { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    SigmaLine:focus { background: $accent 30%; text-style: bold; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text
        self.update(text)
