"""The chart / share view that takes the table's place (`v`, `t`), with a cursor of its own."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text as RichText
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.theme import Theme
from textual.widgets import Static

from tui.core.chart import Picture, Stop, chart_picture, neighbour
from tui.core.fmt import Unit
from tui.core.model import Lang, Node
from tui.ui.charts import CURSOR, CURSOR_BLURRED, TILE_CURSOR, TILE_CURSOR_BLURRED, View, line_text, role_styles


class ChartView(VerticalScroll, can_focus=True):
    """Bars (`v`) or shares (`t`) of the table's node, redrawn for the width it is given. Its cursor rests
    on a bar (this year's and last year's lines), a change, a tile or a line of the not-drawn list: what
    the copy keys copy while the view has focus."""

    DEFAULT_CSS = """
    ChartView { height: 1fr; border: round $primary-darken-2; padding: 0 1; display: none; scrollbar-gutter: stable; }
    ChartView:focus { border: round $accent; }
    ChartView > Static { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_next(1)", "Next item", show=False),
        Binding("k", "cursor_next(-1)", "Previous item", show=False),
        Binding("down", "cursor_towards(0, 1)", "Item below", show=False),
        Binding("up", "cursor_towards(0, -1)", "Item above", show=False),
        Binding("right", "cursor_towards(1, 0)", "Item to the right", show=False),
        Binding("left", "cursor_towards(-1, 0)", "Item to the left", show=False),
        Binding("pagedown", "cursor_page(1)", "Page down", show=False),
        Binding("pageup", "cursor_page(-1)", "Page up", show=False),
        Binding("g,home", "cursor_first", "First item", show=False),
        Binding("G,end", "cursor_last", "Last item", show=False),
        Binding("enter", "select_cursor", "Open the item", show=False),
    ]

    class Highlighted(Message):
        """The cursor is on another item (moved, or the view drawn anew); ``node`` is under it."""

        def __init__(self, view: ChartView, node: Node | None) -> None:
            super().__init__()
            self.view = view
            self.node = node

        @property
        def control(self) -> ChartView:
            return self.view

    class Selected(Message):
        """Enter on an item: ``node`` is to be opened, as Enter on its table row."""

        def __init__(self, view: ChartView, node: Node) -> None:
            super().__init__()
            self.view = view
            self.node = node

        @property
        def control(self) -> ChartView:
            return self.view

    # Bound to the main screen's state (data_bind): a change redraws the view, while it is shown.
    view: reactive[View | None] = reactive[View | None](None, init=False)
    subject: reactive[Node | None] = reactive[Node | None](None, init=False)
    lang: reactive[Lang] = reactive[Lang]("ja", init=False)
    unit: reactive[Unit] = reactive(Unit.OKU, init=False)

    def __init__(self, fiscal_year: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.fiscal_year = fiscal_year
        self._picture = Picture([], [])
        self._drawn: tuple[View, Node] | None = None  # what the picture is of
        self._width = 0  # cells the picture was laid out for
        self._rows: list[int] = []  # the first screen row of each line (lines wrap), then the total
        self._cursor = 0  # index into the picture's stops
        # What the cursor is on, kept across redraws: the node, and which of its stops (a bar, its change).
        self._node: Node | None = None
        self._occurrence = 0

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

    def on_resize(self) -> None:
        self.redraw()

    def on_focus(self) -> None:
        self._paint()  # the cursor in its focused colours

    def on_blur(self) -> None:
        self._paint()

    # ---- drawing -------------------------------------------------------------------------------
    def redraw(self) -> None:
        if self.subject is None or self.view is None:
            return
        region = self.scrollable_content_region
        width = max(20, region.width or 80)  # the scroll bar's gutter is kept (CSS): the width stays put
        if self.view == "chart":
            picture = chart_picture(self.subject, self.lang, self.unit, self.fiscal_year, width)
        else:
            # Imported on first use: the treemap (and the audit's rounding rules it checks with) are not
            # needed for the first screen, and importing them costs start-up time.
            from tui.core.treemap import share_picture

            picture = share_picture(self.subject, self.lang, self.unit, width, max(6, region.height or 20))
        same = self._drawn == (self.view, self.subject)
        self._picture, self._drawn, self._width = picture, (self.view, self.subject), width
        rows = [0]
        for line in picture.lines:
            rows.append(rows[-1] + max(1, len(Content.from_rich_text(line_text(line, {})).wrap(width))))
        self._rows = rows
        index = self._find(self._node, self._occurrence)
        if index is None:  # gone (or another node's view): the same place, or the top of a new view
            index = min(self._cursor, len(picture.stops) - 1) if same else 0
        self._place(max(0, index))

    def _paint(self) -> None:
        """The picture in the theme's colours, the cursor's stop in the theme's cursor colours."""
        if self._drawn is None:
            return
        styles = role_styles(self.app.current_theme)
        texts = [line_text(line, styles) for line in self._picture.lines]
        stop = self.stop_under_cursor()
        if stop is not None:
            if stop.tile:
                cursor = styles[TILE_CURSOR if self.has_focus else TILE_CURSOR_BLURRED]
            else:
                cursor = styles[CURSOR if self.has_focus else CURSOR_BLURRED]
            for row in range(stop.top, min(stop.top + stop.height, len(texts))):
                texts[row] = _highlighted(texts[row], stop, self._width, cursor)
        self.query_one("#chart-body", Static).update(RichText("\n").join(texts))

    # ---- the cursor ----------------------------------------------------------------------------
    def stop_under_cursor(self) -> Stop | None:
        stops = self._picture.stops
        return stops[self._cursor] if 0 <= self._cursor < len(stops) else None

    def node_under_cursor(self) -> Node | None:
        """What the copy keys copy while the view has focus (None: nothing in the view is an item)."""
        stop = self.stop_under_cursor()
        return stop.node if stop is not None else None

    def move_to(self, node: Node) -> None:
        """Put the cursor on ``node``, now if it is drawn, else when the view is next drawn for it."""
        self._node, self._occurrence = node, 0
        index = self._find(node, 0)
        if index is not None and self._drawn == (self.view, self.subject):
            self._place(index)

    def _find(self, node: Node | None, occurrence: int) -> int | None:
        """The index of ``node``'s stop number ``occurrence`` (else its first one), None if not drawn."""
        found = [i for i, stop in enumerate(self._picture.stops) if stop.node is node]
        if not found:
            return None
        return found[occurrence] if occurrence < len(found) else found[0]

    def _place(self, index: int) -> None:
        """The cursor to stop ``index``: remembered, painted, scrolled into view, and announced."""
        stops = self._picture.stops
        self._cursor = index
        stop = self.stop_under_cursor()
        self._node = stop.node if stop is not None else None
        self._occurrence = sum(1 for s in stops[:index] if s.node is self._node)
        self._paint()
        if stop is not None:
            self.call_after_refresh(self._scroll_to_stop, stop)
        self.post_message(self.Highlighted(self, self._node))

    def _scroll_to_stop(self, stop: Stop) -> None:
        if stop is not self.stop_under_cursor() or stop.top + stop.height >= len(self._rows):
            return
        top, bottom = self._rows[stop.top], self._rows[stop.top + stop.height]
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=min(top, bottom - height), animate=False, immediate=True)

    def _move(self, index: int) -> None:
        if self._picture.stops:
            self._place(max(0, min(index, len(self._picture.stops) - 1)))

    def action_cursor_next(self, step: int) -> None:
        """`j` / `k`: the next / previous item in the view's order."""
        self._move(self._cursor + step)

    def action_cursor_towards(self, dx: int, dy: int) -> None:
        """The arrows: the nearest item on that side (the tile to the right, the change beside a bar)."""
        if self._picture.stops:
            self._place(neighbour(self._picture.stops, self._cursor, dx, dy))

    def action_cursor_page(self, step: int) -> None:
        """PageUp / PageDown: the first item a screen's height away in the view's order."""
        stops = self._picture.stops
        stop = self.stop_under_cursor()
        if stop is None:
            return
        target = stop.top + step * max(1, self.scrollable_content_region.height)
        index = self._cursor
        while 0 <= index + step < len(stops) and (stops[index].top - target) * step < 0:
            index += step
        self._move(index)

    def action_cursor_first(self) -> None:
        self._move(0)

    def action_cursor_last(self) -> None:
        self._move(len(self._picture.stops) - 1)

    def action_select_cursor(self) -> None:
        node = self.node_under_cursor()
        if node is not None:
            self.post_message(self.Selected(self, node))


def _highlighted(text: RichText, stop: Stop, width: int, cursor: Style) -> RichText:
    """``text`` with the cells of ``stop`` in the cursor's style (padded with blanks to reach them); a
    stop as wide as the view takes the whole line, which may be longer and wrap (a not-drawn line)."""
    right = stop.left + stop.width if stop.left + stop.width < width else max(width, cell_len(text.plain))
    used = cell_len(text.plain)
    if used < right:
        text = text.copy()
        text.append(" " * (right - used))
    start = end = None
    position = 0
    for offset, character in enumerate(text.plain):
        if start is None and position >= stop.left:
            start = offset
        position += cell_len(character)
        if position <= right:
            end = offset + 1
    if start is None or end is None or end <= start:
        return text
    text = text.copy()
    text.stylize(cursor, start, end)
    return text
