"""The filter box: a query (tui.core.query) over the all-lines table, its terms shown back in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.core.history import Recall


class FilterInput(Input):
    """The query; control characters pasted into it are dropped, as in the search box."""

    def replace(self, text: str, start: int, end: int) -> None:
        clean = "".join(c if c.isprintable() else " " if c.isspace() else "" for c in text)
        super().replace(clean, start, end)


class FilterBox(Vertical):
    """The query input and, under it, the active terms (or the one line saying what was not understood).
    Up and Down in the query go through the filters used before (this run's and earlier runs')."""

    DEFAULT_CSS = """
    FilterBox { height: auto; }
    FilterBox > FilterInput { border: tall $panel; }
    FilterBox > FilterInput:focus { border: tall $accent; }
    FilterBox > #filter-terms { height: 1; padding: 0 1; color: $text-muted; }
    FilterBox > #filter-terms.-error { color: $error; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "recall_older", "Earlier filter", show=False),
        Binding("down", "recall_newer", "Later filter", show=False),
    ]

    def __init__(self, recent: Sequence[str] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.recall = Recall(recent)
        self.input = FilterInput(
            placeholder="f: 絞り込み / filter — strategy:ai ministry:経産省 is:new fy2020>=10 …", id="filter-input"
        )
        self.terms = Static("", id="filter-terms", markup=False)

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.terms

    def action_recall_older(self) -> None:
        self._recall(self.recall.older(self.input.value))

    def action_recall_newer(self) -> None:
        self._recall(self.recall.newer(self.input.value))

    def _recall(self, query: str | None) -> None:
        if query is not None:
            self.input.value = query  # applied at once (Input.Changed)
            self.input.cursor_position = len(query)

    def say(self, text: str, *, error: bool = False) -> None:
        self.terms.update(text)
        self.terms.set_class(error, "-error")
        self.terms_text = text

    terms_text = ""
