"""The figure table: the children of the selected node, drawn line by line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.theme import Theme

from tui.core.model import Basis, Lang, Node
from tui.core.table import COLUMNS, PICTURE_KEYS, Column, Row, TableRows, column_title
from tui.ui.charts import RoleStyles, bar_segments, role_styles

_ALWAYS = ("name", "fy2020", "fy2019")
_NAME_BEFORE_PICTURES = 16  # the bar columns are left out when names would get fewer cells than this
_OVER_THE_ROW = ("figure-table--not-exact", "figure-table--relisting")


class FigureTable(ScrollView, can_focus=True):
    """Figures of the selected node's children. `s` sorts, Enter drills in, Backspace goes up.

    Drawn line by line (Textual's Line API): only the rows on screen are built and rendered, so a node
    with 10,000 children fills at once and scrolls as smoothly as one with ten.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "figure-table--header",
        "figure-table--even-row",
        "figure-table--cursor",
        "figure-table--cursor-row",
        "figure-table--not-exact",
        "figure-table--relisting",
    }
    DEFAULT_CSS = """
    FigureTable { height: 1fr; border: round $primary-darken-2; background: $surface; }
    FigureTable:focus { border: round $accent; background-tint: $foreground 5%; }
    FigureTable > .figure-table--header { text-style: bold; background: $panel; color: $foreground; }
    FigureTable > .figure-table--even-row { background: $surface-lighten-1 50%; }
    FigureTable > .figure-table--cursor-row { background: $block-hover-background; }
    /* 内数, 推計, 未定: not the program's own exact amount */
    FigureTable > .figure-table--not-exact { color: $text-warning; text-style: italic; }
    FigureTable > .figure-table--relisting { text-style: italic; }  /* a 再掲 row's name */
    FigureTable > .figure-table--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
    }
    FigureTable:focus > .figure-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("left,h", "cursor_left", "Left", show=False),
        Binding("right,l", "cursor_right", "Right", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first_row", "First row", show=False),
        Binding("end,G", "last_row", "Last row", show=False),
        Binding("enter", "select_cursor", "Open row", show=False),
        Binding("s", "sort", "Sort column"),
    ]
    PADDING = 1  # cells of space on each side of a column
    WIDTH_SAMPLE = 200  # rows measured for column widths; wider cells found later widen their column

    class RowHighlighted(Message):
        """The cursor is on another row or column (or the table was refilled); ``row`` is under it."""

        def __init__(self, table: FigureTable, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> FigureTable:
            return self.table

    class RowSelected(Message):
        """Enter on a row: the user asked to go into ``row.node``."""

        def __init__(self, table: FigureTable, row: Row) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> FigureTable:
            return self.table

    class SortRequested(Message):
        """`s` or a header click: sort by column ``column_key`` (again: the other way)."""

        def __init__(self, table: FigureTable, column_key: str) -> None:
            super().__init__()
            self.table = table
            self.column_key = column_key

        @property
        def control(self) -> FigureTable:
            return self.table

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows_shown: Sequence[Row] = ()
        self.shown_columns: list[Column] = list(COLUMNS)
        self._columns: list[Column] = list(COLUMNS)  # those with something to show; pictures may not fit
        self.titles: dict[str, str] = {}
        self.widths: dict[str, int] = {}
        self.cursor_row = 0
        self.cursor_column = 0
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._styles: dict[tuple[str, bool], Style] = {}
        self._roles: RoleStyles = {}  # the bars' colours in the app's theme (set once mounted)

    def on_mount(self) -> None:
        self._roles = role_styles(self.app.current_theme)
        self.app.theme_changed_signal.subscribe(self, self._recolour)

    def _recolour(self, theme: Theme) -> None:
        """Another theme (the palette's theme picker): the bars take its colours, the rows are drawn again."""
        self._roles = role_styles(theme)
        self._styles.clear()
        self._strips.clear()
        self.refresh()

    def _style(self, component: str = "") -> Style:
        """The widget's (or a component's) Rich style, looked up once per focus state: Textual computes
        a component style from the CSS on every call, which costs more than drawing the row."""
        key = (component, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            # The basis styles only add to the row's (partial: no background of their own).
            partial = component in _OVER_THE_ROW
            style = self.get_component_rich_style(component, partial=partial) if component else self.rich_style
            self._styles[key] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # ---- filling -------------------------------------------------------------------------------
    def show(
        self, rows: TableRows, lang: Lang, fiscal_year: int, focus: Node | None, sort: tuple[str, bool] | None
    ) -> None:
        column_key = self.current_column_key() if self.rows_shown else "fy2020"
        # Columns empty for every row (no shares among programs, say) are left out to give names room.
        self._columns = [c for c in COLUMNS if c.key in _ALWAYS or rows.column_has_values(c.key)]
        self.titles = {col.key: column_title(col, lang, fiscal_year, rows.unit) for col in self._columns}
        if sort is not None and sort[0] in self.titles:
            self.titles[sort[0]] += " ▼" if sort[1] else " ▲"
        self.rows_shown = rows
        self._fit(column_key)
        row = rows.position(focus) if focus is not None else None
        self.cursor_row = row or 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.current_row()))

    def _fit(self, column_key: str) -> None:
        """Column widths for the width the table has, keeping the cursor in column ``column_key``."""
        self.shown_columns = list(self._columns)
        self.widths = self._widths()
        if self.widths["name"] < min(self._longest_name(), _NAME_BEFORE_PICTURES):
            # Names matter more than pictures (`v` draws them at full width): leave the bars out.
            self.shown_columns = [c for c in self.shown_columns if c.key not in PICTURE_KEYS]
            self.widths = self._widths()
        self._strips.clear()
        self._update_virtual_size()
        keys = [c.key for c in self.shown_columns]
        self.cursor_column = keys.index(column_key) if column_key in keys else keys.index("fy2020")

    def _sample(self) -> Sequence[Row]:
        """The rows column widths are measured on (wider cells found later widen their column)."""
        rows = self.rows_shown
        return rows[: self.WIDTH_SAMPLE] if len(rows) > self.WIDTH_SAMPLE else rows

    def _widths(self) -> dict[str, int]:
        """Numbers get the width they need; the name column takes what is left (at least 12 cells)."""
        rows = self.rows_shown
        sample = self._sample()
        widths = {}
        for col in self.shown_columns[1:]:
            widths[col.key] = max([cell_len(self.titles[col.key]), *(cell_len(r.cells[col.key].text) for r in sample)])
        region = self.content_region  # scrollbars not taken off: they come and go with the rows
        available = region.width or 80
        if len(rows) + 1 > region.height:  # a vertical scrollbar will take its share of the width
            available -= self.styles.scrollbar_size_vertical
        used = sum(widths.values()) + 2 * self.PADDING * len(self.shown_columns)
        widths["name"] = max(12, min(self._longest_name(), available - used))
        return widths

    def _longest_name(self) -> int:
        return max([cell_len(r.cells["name"].text) for r in self._sample()] + [4])

    def _update_virtual_size(self) -> None:
        width = sum(self.widths.values()) + 2 * self.PADDING * len(self.shown_columns)
        self.virtual_size = Size(width, len(self.rows_shown) + 1)  # + 1: the header line

    def on_resize(self) -> None:
        """A new width changes the columns' widths, not the rows: fit them again, keep the cursor."""
        if self.rows_shown:
            self._fit(self.current_column_key())
            self._scroll_cursor_into_view()
            self.refresh()

    # ---- drawing -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            strip = self._header_strip()
        else:
            index = scroll_y + y - 1
            if index >= len(self.rows_shown):
                return Strip.blank(width, self._style())
            key = (index, self.cursor_column if index == self.cursor_row else -1, self.has_focus)
            strip = self._strips.get(key) or self._row_strip(index, key)
        return strip.crop_extend(scroll_x, scroll_x + width, self._style())

    def _header_strip(self) -> Strip:
        style = self._style() + self._style("figure-table--header")
        if not self.titles:  # nothing shown yet: the all-lines table while its index is built in a thread
            return Strip.blank(self.size.width, style)
        return Strip(
            [Segment(self._cell_text(self.titles[c.key], c, self.widths[c.key]), style) for c in self.shown_columns]
        )

    def _row_strip(self, index: int, key: tuple[int, int, bool]) -> Strip:
        """One row as plain segments: this runs for every line that scrolls into view, so it avoids
        building Rich Text objects."""
        row = self.rows_shown[index]
        base = self._style()
        if index % 2:
            base += self._style("figure-table--even-row")
        if index == self.cursor_row:
            base += self._style("figure-table--cursor-row")
        segments = []
        for position, col in enumerate(self.shown_columns):
            cell = row.cells[col.key]
            if col.key != "name" and cell_len(cell.text) > self.widths[col.key]:
                # Found past the measured sample: widen the column rather than cut a number.
                self.widths[col.key] = cell_len(cell.text)
                self._strips.clear()
                self._update_virtual_size()
                self.refresh()
            style = base
            if (cell.figure is not None and cell.figure.basis is not Basis.EXACT) or (
                col.key == "name" and row.node.is_relisting
            ):
                style += self._style("figure-table--not-exact" if col.key != "name" else "figure-table--relisting")
            if position == key[1]:
                style += self._style("figure-table--cursor")
            if cell.bar is not None:
                # Under the cursor the glyphs take the cursor's colour: themes make it their primary, the bars'.
                roles = {} if position == key[1] else self._roles
                segments.extend(bar_segments(cell.bar, self.widths[col.key], self.PADDING, style, roles))
                continue
            segments.append(Segment(self._cell_text(cell.text, col, self.widths[col.key]), style))
        strip = Strip(segments)
        if len(self._strips) > 2000:  # a few screens' worth; scrolling far builds new ones
            self._strips.clear()
        self._strips[key] = strip
        return strip

    def _cell_text(self, value: str, col: Column, width: int) -> str:
        """The value cropped or padded to ``width`` cells, justified, with the column padding."""
        value = set_cell_size(value, width) if cell_len(value) > width else value
        fill = " " * (width - cell_len(value))
        pad = " " * self.PADDING
        return pad + (fill + value if col.numeric else value + fill) + pad

    # ---- the cursor ----------------------------------------------------------------------------
    def current_row(self) -> Row | None:
        if not (0 <= self.cursor_row < len(self.rows_shown)):
            return None
        return self.rows_shown[self.cursor_row]

    def current_column_key(self) -> str:
        return self.shown_columns[max(0, min(self.cursor_column, len(self.shown_columns) - 1))].key

    def column_span(self, key: str) -> tuple[int, int]:
        """Where column ``key`` is drawn: its first cell (from the left edge of the content) and width."""
        x = 0
        for col in self.shown_columns:
            width = self.widths[col.key] + 2 * self.PADDING
            if col.key == key:
                return x, width
            x += width
        raise KeyError(key)

    def move_to_node(self, node: Node) -> None:
        """The cursor to ``node``'s row, if the table shows it (else it stays)."""
        rows = self.rows_shown
        row = rows.position(node) if isinstance(rows, TableRows) else None  # () before the first show
        if row is not None:
            self.move_cursor(row=row)

    def move_cursor(self, row: int | None = None, column: int | None = None) -> None:
        last_row = len(self.rows_shown) - 1
        new_row = self.cursor_row if row is None else max(0, min(row, last_row))
        new_column = self.cursor_column if column is None else max(0, min(column, len(self.shown_columns) - 1))
        if (new_row, new_column) == (self.cursor_row, self.cursor_column):
            return
        self.cursor_row, self.cursor_column = new_row, new_column
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.current_row()))

    def _scroll_cursor_into_view(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)
        if self.shown_columns:
            x, width = self.column_span(self.current_column_key())
            view = self.scrollable_content_region.width
            if x < self.scroll_offset.x:
                self.scroll_to(x=x, animate=False, immediate=True)
            elif x + width > self.scroll_offset.x + view:
                self.scroll_to(x=x + width - view, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        self.move_cursor(column=self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        self.move_cursor(column=self.cursor_column + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page())

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self.rows_shown) - 1)

    def action_sort(self) -> None:
        self.post_message(self.SortRequested(self, self.current_column_key()))

    def action_select_cursor(self) -> None:
        row = self.current_row()
        if row is not None:
            self.post_message(self.RowSelected(self, row))

    def on_click(self, event: events.Click) -> None:
        """A header click sorts by that column; a row click puts the cursor on that cell."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x = offset.x + self.scroll_offset.x
        column = next((i for i, col in enumerate(self.shown_columns) if x < sum(self.column_span(col.key))), None)
        if offset.y == 0:
            if column is not None:
                event.stop()
                self.move_cursor(column=column)
                self.post_message(self.SortRequested(self, self.shown_columns[column].key))
            return
        self.move_cursor(row=self.scroll_offset.y + offset.y - 1, column=column)

