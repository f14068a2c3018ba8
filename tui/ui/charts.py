"""Drawing what tui.core.chart and tui.core.treemap lay out: colours for their roles, the table's inline
bars, and the chart / share view that takes the table's place (`v`, `t`)."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text as RichText
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.chart import Bar, Line, Role, chart_lines
from tui.core.fmt import Unit
from tui.core.model import Lang, Node

View = Literal["chart", "share"]

STYLES: dict[str, str] = {
    Role.CURRENT: "#4e9ee8",
    Role.PREVIOUS: "#8c8c8c",
    Role.ESTIMATE: "#4e9ee8",
    Role.GROWTH: "#3fb950",
    Role.CUT: "#f0605a",
    Role.AXIS: "dim",
    Role.HEADING: "bold",
    Role.MUTED: "dim",
    # Share-view tiles (Tableau 10): dark text on the light ones, white on the dark ones.
    "tile0": "bold white on #4e79a7",
    "tile1": "bold black on #f28e2b",
    "tile2": "bold white on #e15759",
    "tile3": "bold black on #76b7b2",
    "tile4": "bold white on #59a14f",
    "tile5": "bold black on #edc948",
    "tile6": "bold white on #b07aa1",
    "tile7": "bold black on #ff9da7",
}


def line_text(line: Line) -> RichText:
    text = RichText()
    for segment, role in line:
        text.append(segment, style=STYLES.get(role, ""))
    return text


_PARSED: dict[str, Style] = {}


def bar_segments(bar: Bar, width: int, padding: int, base: Style) -> list[Segment]:
    """A table cell's inline bar: padding, the glyphs in their roles' colours over the row's style, then
    blanks to ``width`` and padding. Plain segments: this runs for every row that scrolls into view."""
    pad = Segment(" " * padding, base)
    segments = [pad]
    for text, role in bar.segments:
        style = _PARSED.get(role)
        if style is None:
            style = _PARSED[role] = Style.parse(STYLES.get(role, ""))
        segments.append(Segment(text, base + style))
    segments.append(Segment(" " * max(0, width - len(bar.text)), base))
    segments.append(pad)
    return segments


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

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view: View = "chart"
        self.subject: Node | None = None
        self.lang: Lang = "ja"
        self.unit = Unit.OKU
        self.fiscal_year = 0

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="chart-body")

    def show(self, view: View, subject: Node, lang: Lang, unit: Unit, fiscal_year: int) -> None:
        self.view, self.subject, self.lang, self.unit, self.fiscal_year = view, subject, lang, unit, fiscal_year
        ja = lang == "ja"
        names = {"chart": ("グラフ", "Chart"), "share": ("構成比", "Shares")}
        self.border_title = f"{names[view][0 if ja else 1]} ({'v' if view == 'chart' else 't'})"
        self.redraw()

    def redraw(self) -> None:
        if self.subject is None:
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
        body = RichText("\n").join(line_text(line) for line in lines)
        self.query_one("#chart-body", Static).update(body)

    def on_resize(self) -> None:
        self.redraw()
