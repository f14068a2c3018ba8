"""The help screen, generated from the bindings of the widgets that are actually on screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


def binding_rows(nodes: list[DOMNode]) -> list[tuple[str, str, str]]:
    """(key, description, where) for every described binding of ``nodes`` (first one wins per key)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for node in nodes:
        screen = isinstance(node, Screen)
        where = "global" if screen or node is node.app else type(node).__name__
        # Of a screen, its own keys (Textual's Screen adds focus and text-copy keys help need not list).
        classes = [c for c in type(node).__mro__ if not (screen and c.__module__.startswith("textual."))]
        inherited = [b for cls in classes for b in cls.__dict__.get("BINDINGS", [])]
        for binding in Binding.make_bindings(inherited):
            if not binding.description:
                continue
            key = binding.key_display or binding.key
            if (key, where) in seen:
                continue
            seen.add((key, where))
            rows.append((_pretty_key(key), binding.description, where))
    return rows


def _pretty_key(key: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "backspace": "Backspace",
        "enter": "Enter",
        "escape": "Esc",
        "tab": "Tab",
        "shift+tab": "Shift+Tab",
        "ctrl+p": "Ctrl+P",
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
        "space": "Space",
    }
    return names.get(key, key)


class HelpScreen(ModalScreen[None]):
    """Keys, from the live bindings, plus how to read the notation."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface; }
    HelpScreen DataTable { height: 1fr; }
    HelpScreen #legend-box { height: auto; max-height: 40%; }
    HelpScreen #legend { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]], legend: str) -> None:
        super().__init__()
        self.rows = rows
        self.legend = legend

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("budget-tui — keys (Esc closes)", id="help-title")
            table: DataTable[str] = DataTable(cursor_type="row", id="help-keys")
            yield table
            with VerticalScroll(id="legend-box"):  # in a short terminal the legend scrolls, not cut off
                yield Static(self.legend, id="legend")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "Where")
        for row in self.rows:
            table.add_row(*row)
        table.focus()
