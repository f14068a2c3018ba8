"""The explorer's widgets. Each owns its CSS and bindings and reports upward with messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text as RichText
from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from tui.core.detail import DetailLine, path_text
from tui.core.fmt import Unit, figure_text
from tui.core.model import Basis, Dataset, Lang, Node
from tui.core.search import Hit, SearchResult
from tui.core.table import COLUMNS, PICTURE_KEYS, Column, Row, TableRows, column_title
from tui.ui.charts import bar_segments

_ALWAYS = ("name", "fy2020", "fy2019")
_NAME_BEFORE_PICTURES = 16  # the bar columns are left out when names would get fewer cells than this
_NOT_EXACT = Style(italic=True, color="yellow")  # 内数, 推計, 未定: not the program's own exact amount
_RELISTING = Style(italic=True)


class NodeChosen(Message):
    """Enter on a table row: the user asked to go into ``node``."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node


def node_label(node: Node, lang: Lang, unit: Unit) -> RichText:
    """A tree label: the name, and its main figure dimmed."""
    label = RichText(node.name.get(lang))
    if node.is_relisting:
        label.append(" ↻", style="italic")
    main = node.main_figure()
    if main is not None:
        label.append(f"  {figure_text(main[1], unit, lang)}", style="dim")
    return label


class NavTree(Tree[Node]):
    """The navigation tree: the whole document, keyboard first (arrows or vim keys)."""

    DEFAULT_CSS = """
    NavTree { width: 30%; min-width: 16; border: round $primary-darken-2; }
    NavTree:focus { border: round $accent; }
    """
    LEAF_LIMIT = 500  # a node with more children lists its leaves in the table only
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l", "expand_or_child", "Expand / into", show=False),
        Binding("right", "expand_or_child", "Expand / into", show=False),
        Binding("h", "collapse_or_parent", "Collapse / up", show=False),
        Binding("left", "collapse_or_parent", "Collapse / up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]

    def __init__(self, dataset: Dataset, lang: Lang, unit: Unit, **kwargs: object) -> None:
        super().__init__(node_label(dataset.root, lang, unit), data=dataset.root, **kwargs)  # type: ignore[arg-type]
        self.lang: Lang = lang
        self.unit = unit
        # Tree nodes are made when their parent first opens: start-up builds one level, not all 273.
        self.tree_nodes: dict[str, TreeNode[Node]] = {dataset.root.id: self.root}
        self.populated: set[str] = set()
        self.auto_expand = False
        self.guide_depth = 2  # deep strategy trees: narrow guides leave room for the names
        self.populate(self.root)
        self.root.expand()

    def populate(self, tree_node: TreeNode[Node]) -> None:
        """Add the children of ``tree_node`` (once)."""
        node = tree_node.data
        if node is None or node.id in self.populated:
            return
        self.populated.add(node.id)
        crowded = len(node.children) > self.LEAF_LIMIT
        for child in node.children:
            if child.children:
                label = node_label(child, self.lang, self.unit)
                self.tree_nodes[child.id] = tree_node.add(label, data=child, allow_expand=True)
            elif not crowded:
                self.tree_nodes[child.id] = tree_node.add_leaf(node_label(child, self.lang, self.unit), data=child)
        if crowded:
            # Thousands of leaves are rows, not navigation: the table (drawn only where visible) lists
            # them. This line stands for them and, highlighted, shows them there.
            leaves = sum(1 for child in node.children if not child.children)
            tree_node.add_leaf(self._leaves_label(leaves), data=node)

    def _leaves_label(self, count: int) -> RichText:
        text = f"… {count:,}件（表に表示）" if self.lang == "ja" else f"… {count:,} lines (in the table)"
        return RichText(text, style="italic dim")

    def shows(self, node: Node) -> bool:
        """Whether ``node`` has a line of its own in the tree (leaves of crowded nodes do not)."""
        parent = node.parent
        return parent is None or len(parent.children) <= self.LEAF_LIMIT or bool(node.children)

    def open(self, tree_node: TreeNode[Node]) -> None:
        self.populate(tree_node)
        tree_node.expand()

    @on(Tree.NodeExpanded)
    def _opened(self, event: Tree.NodeExpanded[Node]) -> None:
        """Opened by the mouse or Tree's own keys: fill it in now."""
        self.populate(event.node)

    def relabel(self, lang: Lang, unit: Unit) -> None:
        self.lang, self.unit = lang, unit
        for tree_node in self.tree_nodes.values():
            if tree_node.data is not None:
                tree_node.set_label(node_label(tree_node.data, lang, unit))
                for child in tree_node.children:
                    if child.data is tree_node.data:  # the stand-in line of a crowded node
                        child.set_label(self._leaves_label(sum(1 for n in child.data.children if not n.children)))

    def reveal(self, node: Node) -> None:
        """Open the path to ``node`` and put the cursor on it (or, for a leaf of a crowded node, on
        the line that stands for it)."""
        for ancestor in node.path()[:-1]:
            self.open(self.tree_nodes[ancestor.id])
        target = self.tree_nodes.get(node.id)
        if target is None and node.parent is not None:
            parent = self.tree_nodes[node.parent.id]
            target = next(c for c in parent.children if c.data is node.parent)
        self.call_after_refresh(self.move_cursor, target)

    def action_scroll_home(self) -> None:
        self.move_cursor(self.root)

    def action_scroll_end(self) -> None:
        self.move_cursor_to_line(self.last_line)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded:
            self.action_cursor_down()
        else:
            self.open(node)

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)


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
    }
    DEFAULT_CSS = """
    FigureTable { height: 1fr; border: round $primary-darken-2; background: $surface; }
    FigureTable:focus { border: round $accent; background-tint: $foreground 5%; }
    FigureTable > .figure-table--header { text-style: bold; background: $panel; color: $foreground; }
    FigureTable > .figure-table--even-row { background: $surface-lighten-1 50%; }
    FigureTable > .figure-table--cursor-row { background: $block-hover-background; }
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

    class CursorMoved(Message):
        """The cursor is on another row or column."""

        def __init__(self, table: FigureTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> FigureTable:
            return self.table

    class SortRequested(Message):
        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

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

    def _style(self, component: str = "") -> Style:
        """The widget's (or a component's) Rich style, looked up once per focus state: Textual computes
        a component style from the CSS on every call, which costs more than drawing the row."""
        key = (component, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.get_component_rich_style(component) if component else self.rich_style
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
        self.titles = {col.key: column_title(col, lang, fiscal_year) for col in self._columns}
        if sort is not None and sort[0] in self.titles:
            self.titles[sort[0]] += " ▼" if sort[1] else " ▲"
        self.rows_shown = rows
        self._fit(column_key)
        row = rows.position(focus) if focus is not None else None
        self.cursor_row = row or 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.CursorMoved(self))

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
                style += _NOT_EXACT if col.key != "name" else _RELISTING
            if position == key[1]:
                style += self._style("figure-table--cursor")
            if cell.bar is not None:
                segments.extend(bar_segments(cell.bar, self.widths[col.key], self.PADDING, style))
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

    def move_cursor(self, row: int | None = None, column: int | None = None) -> None:
        last_row = len(self.rows_shown) - 1
        new_row = self.cursor_row if row is None else max(0, min(row, last_row))
        new_column = self.cursor_column if column is None else max(0, min(column, len(self.shown_columns) - 1))
        if (new_row, new_column) == (self.cursor_row, self.cursor_column):
            return
        self.cursor_row, self.cursor_column = new_row, new_column
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.CursorMoved(self))

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
        self.post_message(self.SortRequested(self.current_column_key()))

    def action_select_cursor(self) -> None:
        row = self.current_row()
        if row is not None:
            self.post_message(NodeChosen(row.node))

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
                self.post_message(self.SortRequested(self.shown_columns[column].key))
            return
        self.move_cursor(row=self.scroll_offset.y + offset.y - 1, column=column)


class DetailPane(VerticalScroll):
    """Everything about one node; related nodes (a program's 再掲 placements, a ministry's programs)
    are a list you can jump to."""

    DEFAULT_CSS = """
    DetailPane { height: 1fr; border: round $primary-darken-2; padding: 0 1; }
    DetailPane:focus-within { border: round $accent; }
    DetailPane #detail-title { text-style: bold; }
    DetailPane #placements { height: auto; max-height: 8; border: round $secondary; display: none; }
    DetailPane #placements.-shown { display: block; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-title")
        # Before the body: the other placements matter as much as the figures. Labels are data, never markup.
        yield OptionList(id="placements", markup=False)
        yield Static(id="detail-body")

    def show(self, node: Node, lines: list[DetailLine], links: tuple[str, list[tuple[str, Node]]], lang: Lang) -> None:
        other: Lang = "en" if lang == "ja" else "ja"
        title = RichText(node.name.get(lang), style="bold")
        if node.name.get(other) != node.name.get(lang):
            title.append("\n" + node.name.get(other), style="not bold dim")
        self.query_one("#detail-title", Static).update(title)
        body = RichText()
        styles = {"figure": "bold", "warning": "yellow", "note": "", "muted": "dim", "source": "cyan"}
        for line in lines:
            if body:
                body.append("\n")
            if line.label:
                body.append(f"{line.label}: ", style="dim")
            body.append(line.value, style=styles.get(line.style, ""))
        self.query_one("#detail-body", Static).update(body)
        placements = self.query_one("#placements", OptionList)
        placements.clear_options()
        heading, targets = links
        if targets:
            placements.border_title = heading
            placements.add_options(Option(label, id=target.id) for label, target in targets)
            placements.highlighted = 0  # Tab then Enter jumps to the first one
        placements.set_class(bool(targets), "-shown")
        self.scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#placements")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(JumpToId(str(event.option.id)))


class JumpToId(Message):
    def __init__(self, node_id: str) -> None:
        super().__init__()
        self.node_id = node_id


class SearchInput(Input):
    """The query box: Up/Down move in the results while you type; Esc clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "result_down", "Next result", show=False),
        Binding("up", "result_up", "Previous result", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    class Move(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Cleared(Message):
        pass

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit (typing, paste) lands here: a pasted escape sequence or NUL would reach the
        terminal when the query is drawn, so control characters are dropped and other spacing
        (a tab, a full-width space) becomes a plain space."""
        clean = "".join(c if c.isprintable() else " " if c.isspace() else "" for c in text)
        super().replace(clean, start, end)

    def action_result_down(self) -> None:
        self.post_message(self.Move(1))

    def action_result_up(self) -> None:
        self.post_message(self.Move(-1))

    def action_clear_search(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())


class SearchResults(ScrollView, can_focus=True):
    """Matches with their path and main figure; the matched text is highlighted.

    Drawn line by line: refilling the list on every keystroke costs next to nothing, where an OptionList
    lays out every option's text again (about 0.3 ms each).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-results--highlight", "search-results--message"}
    DEFAULT_CSS = """
    SearchResults {
        height: auto; max-height: 14; display: none; border: round $accent; background: $surface; padding: 0 1;
    }
    SearchResults.-shown { display: block; }
    SearchResults > .search-results--highlight { background: $block-cursor-blurred-background; }
    SearchResults:focus > .search-results--highlight {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    SearchResults > .search-results--message { color: $text-muted; text-style: italic; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("enter", "choose", "Go to the result", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]
    LINES_PER_HIT = 2  # the match with its figure, then where it is

    class Chosen(Message):
        """Enter or a click on a result."""

        def __init__(self, results: SearchResults, hit: Hit) -> None:
            super().__init__()
            self.results = results
            self.hit = hit

        @property
        def control(self) -> SearchResults:
            return self.results

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.hits: list[Hit] = []
        self.message: str | None = None  # shown instead of hits: no match, searching, indexing
        self.highlighted: int | None = None
        self.lang: Lang = "ja"
        self.unit = Unit.OKU
        self._lines: dict[int, list[RichText]] = {}  # a hit's lines, made when first drawn

    @property
    def entry_count(self) -> int:
        """Hits listed, or 1 for the message line."""
        return len(self.hits) if self.hits else int(self.message is not None)

    def entry_text(self, index: int) -> str:
        """What entry ``index`` says, as plain text (its lines joined)."""
        if not self.hits:
            return self.message or ""
        return "\n".join(line.plain for line in self._hit_lines(index))

    def show_hits(self, hits: list[Hit], query: str, lang: Lang, unit: Unit) -> None:
        self.lang, self.unit = lang, unit
        if not query.strip():
            self._fill([], None)
            self.remove_class("-shown")
            return
        self.add_class("-shown")
        pending = isinstance(hits, SearchResult) and hits.pending
        if not hits:
            if pending:
                message = "検索中…" if lang == "ja" else "Searching…"
            else:
                shown = query if len(query) <= 60 else query[:59] + "…"  # a 10,000-character paste: one line
                message = f"「{shown}」に一致する項目はありません" if lang == "ja" else f"No match for “{shown}”"
            self._fill([], message)
            self._title("…" if pending else "0")
            return
        self._title(_hit_count(hits, lang))
        self._fill(hits, None)

    def _title(self, title: str) -> None:
        if self.border_title != title:  # setting it, even to the same text, refreshes the widget
            self.border_title = title

    def show_indexing(self, query: str, lang: Lang) -> None:
        """The search index of a large dataset is still being built (in the background)."""
        self._fill([], "索引を作成中…" if lang == "ja" else "Building the search index…")
        self.set_class(bool(query.strip()), "-shown")
        self.border_title = "…"

    def _fill(self, hits: list[Hit], message: str | None) -> None:
        self.hits, self.message = hits, message
        self.highlighted = 0 if hits else None
        self._lines.clear()
        lines = len(hits) * self.LINES_PER_HIT if hits else int(message is not None)
        size = Size(self.scrollable_content_region.width or 1, lines)
        if size != self.virtual_size:  # each of these asks Textual for a refresh: only when needed
            self.virtual_size = size
        if self.scroll_offset.y:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _hit_lines(self, index: int) -> list[RichText]:
        lines = self._lines.get(index)
        if lines is None:
            made = list(hit_prompt(self.hits[index], self.lang, self.unit).split("\n"))
            lines = self._lines[index] = made + [RichText()] * (self.LINES_PER_HIT - len(made))
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        style = self.rich_style
        if not self.hits:
            if line != 0 or self.message is None:
                return Strip.blank(width, style)
            text = RichText(self.message, style=self.get_component_rich_style("search-results--message"))
        else:
            index, part = divmod(line, self.LINES_PER_HIT)
            if index >= len(self.hits):
                return Strip.blank(width, style)
            text = self._hit_lines(index)[part].copy()
            if index == self.highlighted:
                style += self.get_component_rich_style("search-results--highlight")
        text.no_wrap, text.overflow, text.end = True, "ellipsis", ""
        text.truncate(width, overflow="ellipsis")
        return Strip(text.render(self.app.console)).apply_style(style).crop_extend(0, width, style)

    def current_hit(self) -> Hit | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.hits)):
            return None
        return self.hits[self.highlighted]

    def _move(self, index: int) -> None:
        if not self.hits:
            return
        self.highlighted = max(0, min(index, len(self.hits) - 1))
        top = self.highlighted * self.LINES_PER_HIT
        visible = self.scrollable_content_region.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + self.LINES_PER_HIT > self.scroll_offset.y + visible:
            self.scroll_to(y=top + self.LINES_PER_HIT - visible, animate=False, immediate=True)
        self.refresh()

    def action_cursor_down(self) -> None:
        self._move((self.highlighted or 0) + 1)

    def action_cursor_up(self) -> None:
        self._move((self.highlighted or 0) - 1)

    def action_choose(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.Chosen(self, hit))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.hits:
            return
        index = (self.scroll_offset.y + offset.y) // self.LINES_PER_HIT
        if index < len(self.hits):
            event.stop()
            self._move(index)
            self.action_choose()

    def action_clear_search(self) -> None:
        self.post_message(SearchInput.Cleared())


class KeyBar(Widget):
    """The keys that work where the focus is, on one line, like Textual's Footer (click one to press it).

    Footer mounts a widget per key and recomposes them all on every focus change; drawn as one line of
    text, the same information costs a tenth of the start-up time.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.spans: list[tuple[int, int, str]] = []  # (start, end, key) of each entry, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh()

    def entries(self) -> list[tuple[str, str, str]]:
        """(key, key as shown, description) of each shown binding, once per action; the palette last."""
        seen: set[str] = set()
        result = []
        palette = None
        for binding in (active.binding for active in self.screen.active_bindings.values()):
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (binding.key, self.app.get_key_display(binding), "palette")
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                result.append((binding.key, self.app.get_key_display(binding), binding.description))
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            result.append(palette)
        return result

    def render(self) -> RichText:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = RichText(no_wrap=True, overflow="crop", end="")
        self.spans = []
        for key, shown, description in self.entries():
            start = len(line)
            line.append(f" {shown} ", key_style)
            line.append(f"{description} ", description_style)
            self.spans.append((start, len(line), key))
        return line

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, key in self.spans:
            if start <= offset.x < end:
                event.stop()
                self.app.simulate_key(key)
                return


def _hit_count(hits: list[Hit], lang: Lang) -> str:
    """The results' border title: how many shown, and how many matched when that is more."""
    if not isinstance(hits, SearchResult) or (hits.complete and not hits.pending and hits.matched == len(hits)):
        return f"{len(hits)}"
    more = "+" if not hits.complete else ("…" if hits.pending else "")
    if lang == "ja":
        return f"{len(hits)}件表示 / 一致 {hits.matched:,}{more}件"
    return f"{len(hits)} shown of {hits.matched:,}{more} matches"


def hit_prompt(hit: Hit, lang: Lang, unit: Unit) -> RichText:
    """One result: the name (or the matching field) with the match highlighted, its figure and path."""
    node = hit.node
    field = hit.field
    prompt = RichText()
    if field.label in ("name_ja", "name_en"):
        shown = RichText(field.text)
        shown.stylize("reverse bold", hit.start, hit.end)
        prompt.append_text(shown)
    else:
        prompt.append(node.name.get(lang))
        matched = RichText(f"  [{field.label}: {field.text}]", style="dim")
        offset = len(f"  [{field.label}: ")
        matched.stylize("reverse bold", offset + hit.start, offset + hit.end)
        prompt.append_text(matched)
    main = node.main_figure()
    if main is not None:
        prompt.append(f"  {figure_text(main[1], unit, lang)}", style="bold")
    prompt.append("\n  " + path_text(node.parent, lang) if node.parent else "", style="dim")
    return prompt


__all__ = [
    "DetailPane",
    "FigureTable",
    "JumpToId",
    "KeyBar",
    "NavTree",
    "NodeChosen",
    "SearchInput",
    "SearchResults",
    "node_label",
]
