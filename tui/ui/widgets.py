"""The explorer's widgets. Each owns its CSS and bindings and reports upward with messages."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text as RichText
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from tui.core.detail import DetailLine, path_text
from tui.core.fmt import Unit, figure_text
from tui.core.model import Basis, Dataset, Lang, Node
from tui.core.search import Hit
from tui.core.table import COLUMNS, PICTURE_KEYS, Column, Row, column_title
from tui.ui.charts import bar_text

_ALWAYS = ("name", "fy2020", "fy2019")
_NAME_BEFORE_PICTURES = 16  # the bar columns are left out when names would get fewer cells than this


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
        for child in node.children:
            label = node_label(child, self.lang, self.unit)
            if child.children:
                self.tree_nodes[child.id] = tree_node.add(label, data=child, allow_expand=True)
            else:
                self.tree_nodes[child.id] = tree_node.add_leaf(label, data=child)

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

    def reveal(self, node: Node) -> None:
        """Open the path to ``node`` and put the cursor on it."""
        for ancestor in node.path()[:-1]:
            self.open(self.tree_nodes[ancestor.id])
        self.call_after_refresh(self.move_cursor, self.tree_nodes[node.id])

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


class FigureTable(DataTable[RichText | str]):
    """Figures of the selected node's children. `s` sorts, Enter drills in, Backspace goes up."""

    DEFAULT_CSS = """
    FigureTable { height: 1fr; border: round $primary-darken-2; }
    FigureTable:focus { border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "First row", show=False),
        Binding("G", "scroll_bottom", "Last row", show=False),
        Binding("s", "sort", "Sort column"),
    ]

    class SortRequested(Message):
        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.rows_shown: list[Row] = []
        self.shown_columns: list[Column] = list(COLUMNS)

    def show(
        self, rows: list[Row], lang: Lang, fiscal_year: int, focus: Node | None, sort: tuple[str, bool] | None
    ) -> None:
        column_key = self.current_column_key() if self.columns else "fy2020"
        self.clear(columns=True)
        # Columns empty for every row (no shares among programs, say) are left out to give names room.
        self.shown_columns = [c for c in COLUMNS if c.key in _ALWAYS or any(r.cells[c.key].text for r in rows)]
        titles = {col.key: column_title(col, lang, fiscal_year) for col in self.shown_columns}
        if sort is not None and sort[0] in titles:
            titles[sort[0]] += " ▼" if sort[1] else " ▲"
        widths = self._widths(rows, titles)
        longest = max([cell_len(r.cells["name"].text) for r in rows] + [4])
        if widths["name"] < min(longest, _NAME_BEFORE_PICTURES):  # names matter more than pictures (`v` has them)
            self.shown_columns = [c for c in self.shown_columns if c.key not in PICTURE_KEYS]
            widths = self._widths(rows, titles)
        for col in self.shown_columns:
            self.add_column(titles[col.key], key=col.key, width=widths[col.key])
        for row in rows:
            cells = []
            for col in self.shown_columns:
                cell = row.cells[col.key]
                if cell.bar is not None:
                    cells.append(bar_text(cell.bar))
                    continue
                text = RichText(cell.text, justify="right" if col.numeric else "left")
                if cell.figure is not None and cell.figure.basis is not Basis.EXACT:
                    text.stylize("italic yellow")
                if col.key == "name" and row.node.is_relisting:
                    text.stylize("italic")
                cells.append(text)
            self.add_row(*cells, key=row.node.id)
        self.rows_shown = rows
        index = next((i for i, r in enumerate(rows) if r.node is focus), 0)
        keys = [c.key for c in self.shown_columns]
        if rows:
            column = keys.index(column_key) if column_key in keys else keys.index("fy2020")
            self.move_cursor(row=index, column=column, animate=False)

    def _widths(self, rows: list[Row], titles: dict[str, str]) -> dict[str, int]:
        """Numbers get the width they need; the name column takes what is left (at least 12 cells)."""
        widths = {}
        for col in self.shown_columns[1:]:
            texts = [titles[col.key], *(r.cells[col.key].text for r in rows)]
            widths[col.key] = max(cell_len(t) for t in texts)
        available = self.scrollable_content_region.width or self.size.width or 80
        used = sum(widths.values()) + 2 * self.cell_padding * len(self.shown_columns) + 1
        longest = max([cell_len(r.cells["name"].text) for r in rows] + [4])
        widths["name"] = max(12, min(longest, available - used))
        return widths

    def on_resize(self) -> None:
        if self.rows_shown:
            row = self.current_row()
            self.post_message(self.Redraw(row.node if row else None))

    class Redraw(Message):
        def __init__(self, focus: Node | None) -> None:
            super().__init__()
            self.focus = focus

    def current_row(self) -> Row | None:
        if not self.rows_shown or not (0 <= self.cursor_row < len(self.rows_shown)):
            return None
        return self.rows_shown[self.cursor_row]

    def current_column_key(self) -> str:
        return self.shown_columns[max(0, min(self.cursor_column, len(self.shown_columns) - 1))].key

    def action_sort(self) -> None:
        self.post_message(self.SortRequested(self.current_column_key()))

    def action_select_cursor(self) -> None:
        row = self.current_row()
        if row is not None:
            self.post_message(NodeChosen(row.node))

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.move_cursor(column=event.column_index)
        self.post_message(self.SortRequested(str(event.column_key.value)))


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
        yield OptionList(id="placements")  # before the body: the other placements matter as much as the figures
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

    def action_result_down(self) -> None:
        self.post_message(self.Move(1))

    def action_result_up(self) -> None:
        self.post_message(self.Move(-1))

    def action_clear_search(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())


class SearchResults(OptionList):
    """Matches with their path and main figure; the matched text is highlighted."""

    DEFAULT_CSS = """
    SearchResults { height: auto; max-height: 14; display: none; border: round $accent; }
    SearchResults.-shown { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.hits: list[Hit] = []

    def show_hits(self, hits: list[Hit], query: str, lang: Lang, unit: Unit) -> None:
        self.hits = hits
        self.clear_options()
        if not query.strip():
            self.remove_class("-shown")
            return
        self.add_class("-shown")
        if not hits:
            none = f"「{query}」に一致する項目はありません" if lang == "ja" else f"No match for “{query}”"
            self.add_option(Option(none, disabled=True))
            self.border_title = "0"
            return
        self.border_title = f"{len(hits)}"
        self.add_options(Option(hit_prompt(hit, lang, unit)) for hit in hits)
        self.highlighted = 0

    def current_hit(self) -> Hit | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.hits)):
            return None
        return self.hits[self.highlighted]

    def action_clear_search(self) -> None:
        self.post_message(SearchInput.Cleared())


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
    "NavTree",
    "NodeChosen",
    "SearchInput",
    "SearchResults",
    "node_label",
]
