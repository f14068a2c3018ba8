"""Drawing what tui.core.chart and tui.core.treemap lay out: colours for their roles, the table's inline
bars. The chart / share view widget that draws them is tui.ui.widgets.chart_view."""

from __future__ import annotations

from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text as RichText

from tui.core.chart import Bar, Line, Role

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
