"""The chart / share view that takes the table's place (`v`, `t`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text as RichText
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.theme import Theme
from textual.widgets import Static

from tui.core.chart import chart_lines
from tui.core.fmt import Unit
from tui.core.model import Lang, Node
from tui.ui.charts import View, line_text, role_styles


class ChartView(VerticalScroll, can_focus=True):
    """Bars (`v`) or shares (`t`) of the table's node, redrawn for the width it is given."""

    DEFAULT_CSS = """
    ChartView { height: 1fr; border: round $primary-darken-2; padding: 0 1; display: none; scrollbar-gutter: stable; }
    ChartView:focus { border: round $accent; }
    ChartView > Static { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    # Bound to the main screen's state (data_bind): a change redraws the view, while it is shown.
    view: reactive[View | None] = reactive[View | None](None, init=False)
    subject: reactive[Node | None] = reactive[Node | None](None, init=False)
    lang: reactive[Lang] = reactive[Lang]("ja", init=False)
    unit: reactive[Unit] = reactive(Unit.OKU, init=False)

    def __init__(self, fiscal_year: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.fiscal_year = fiscal_year

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="chart-body")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def _recolour(self, theme: Theme) -> None:
        """Another theme (the palette's theme picker): the bars and tiles are drawn again in its colours."""
        self.redraw()

    def watch_view(self) -> None:
        if self.view is not None:
            names = {"chart": ("グラフ", "Chart"), "share": ("構成比", "Shares")}
            name = names[self.view][0 if self.lang == "ja" else 1]
            self.border_title = f"{name} ({'v' if self.view == 'chart' else 't'})"
        self.redraw()

    def watch_subject(self) -> None:
        self.redraw()

    def watch_lang(self) -> None:
        self.watch_view()

    def watch_unit(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if self.subject is None or self.view is None:
            return
        region = self.scrollable_content_region
        width = max(20, region.width or 80)  # the scroll bar's gutter is kept (CSS): the width stays put
        if self.view == "chart":
            lines = chart_lines(self.subject, self.lang, self.unit, self.fiscal_year, width)
        else:
            # Imported on first use: the treemap (and the audit's rounding rules it checks with) are not
            # needed for the first screen, and importing them costs start-up time.
            from tui.core.treemap import share_lines

            lines = share_lines(self.subject, self.lang, self.unit, width, max(6, region.height or 20))
        styles = role_styles(self.app.current_theme)
        body = RichText("\n").join(line_text(line, styles) for line in lines)
        self.query_one("#chart-body", Static).update(body)

    def on_resize(self) -> None:
        self.redraw()
