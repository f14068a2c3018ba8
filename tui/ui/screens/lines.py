"""The all-lines view 「全事業一覧 / All program lines」: every program placement of both lists in one table,
a filter (tui.core.query), a selection, the honest Σ under the table and group-by.

Keys: `f` or `\\` filter (`/` stays the search, on the main screen), Esc clears (then the group, the
selection, then goes back), `space` selects a line, `F` groups by ministry → agency → strategy → basis →
section, Enter opens a line in the tree (or, in a group table, shows the group's lines), `y` / `C` copy the
labelled Σ (with its source), `Y` the table as TSV, `c` the cell, `s` sorts, `u` unit, `L` language.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.core.fmt import Unit
from tui.core.groups import GROUP_KINDS, Group, group_by, groups_tsv, sort_groups
from tui.core.lines import LineIndex, LineRows, lines_tsv, sort_positions
from tui.core.model import Dataset, Lang, Node
from tui.core.query import QueryError, parse
from tui.core.settings import RecentKind, State
from tui.core.subtotal import Subtotal, prepare_planes, quote, sigma_line, subtotal
from tui.core.table import Row
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.filter_box import FilterBox
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.lines_table import GroupTable, LinesTable
from tui.ui.widgets.sigma_line import SigmaLine


class LinesHost(Protocol):
    """What the all-lines screen needs from the explorer it is opened from (the main screen)."""

    dataset: Dataset
    lang: Lang
    unit: Unit
    line_index: LineIndex | None  # kept between openings: 100,000 lines take a second to index
    recent: State  # the recent filters (Up recalls them)

    def remember_query(self, kind: RecentKind, query: str) -> None: ...

    def send_to_clipboard(self, text: str, description: str) -> None: ...

    def jump_to(self, node: Node) -> None: ...


BACKGROUND_INDEX_LINES = 5_000  # above this, the index is built in a thread while the screen says so
GROUP_NAMES = {
    "ministry": ("府省", "ministry"),
    "agency": ("機関", "agency"),
    "strategy": ("戦略", "strategy"),
    "basis": ("区分", "basis"),
    "section": ("掲載箇所", "section"),
}


class LinesScreen(Screen[None]):
    """Every program line, filtered, selected, summed and grouped."""

    DEFAULT_CSS = """
    LinesScreen { layout: vertical; }
    LinesScreen > #lines-title { height: 1; padding: 0 1; text-style: bold; }
    LinesScreen > #lines-table, LinesScreen > #group-table { height: 1fr; min-height: 4; }
    LinesScreen > #group-table { display: none; }
    LinesScreen.-grouped > #group-table { display: block; }
    LinesScreen.-grouped > #lines-table { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, as `/` is on the main screen: keys typed right after `f` must reach the filter box.
        Binding("f,backslash", "open_filter", "Filter", key_display="f", priority=True, id="filter"),
        # Enter in the query applies it as the key arrives: keys typed right after (space, y) must reach the
        # table it hands the focus to, not the query (through the input's Submitted message they did not).
        Binding("enter", "apply_filter", "Apply the filter", show=False, priority=True, id="apply_filter"),
        Binding("space", "toggle_select", "Select", id="select"),
        Binding("F", "group_by", "Group by", id="group_by"),
        Binding("y", "copy_sigma(False)", "Copy Σ", id="copy_sigma"),
        Binding("C", "copy_sigma(True)", "Copy Σ with source", show=False, id="copy_sigma_source"),
        Binding("Y", "copy_table", "Copy table (TSV)", show=False, id="copy_lines_table"),
        Binding("c", "copy_cell", "Copy cell", show=False, id="copy_cell"),
        Binding("u", "cycle_unit", "Unit", show=False, id="lines_unit"),
        Binding("L", "toggle_lang", "日本語/English", show=False, id="lines_lang"),
        Binding("escape", "escape", "Clear / back", id="escape"),
        Binding("q", "quit_app", "Quit", show=False, id="lines_quit"),
    ]

    def __init__(self, main: LinesHost, query: str = "") -> None:
        """``query``: a filter to start with (a recent one, from the palette)."""
        super().__init__()
        self.initial_query = query
        self.main = main  # the tree, the clipboard and the index built last time are the main screen's
        self.dataset: Dataset = main.dataset
        self.lang: Lang = main.lang
        self.unit: Unit = main.unit
        self.index: LineIndex | None = main.line_index
        self.filter_query = parse("", self.dataset)
        self.filter_text = ""  # the text of filter_query: the last query understood
        self.drill: tuple[str, int] | None = None  # a group drilled into: its label and lines (a bitmap)
        self.positions: list[int] = []
        self.bits = 0  # the lines shown, as a bitmap (bit i: line i; tui.core.lines)
        self.selected: set[int] = set()
        self.sort: tuple[str, bool] | None = None
        self.grouping: str | None = None
        self.groups: list[Group] = []
        self.group_sort: tuple[str, bool] | None = None
        self.rows: LineRows | None = None
        self.subtotal: Subtotal | None = None
        self.title_line = Static("", id="lines-title", markup=False)
        self.filter_box = FilterBox(main.recent.filters, id="filter-box")
        self.table = LinesTable(id="lines-table")
        self.group_table = GroupTable(id="group-table")
        self.sigma = SigmaLine(id="sigma")

    def compose(self) -> ComposeResult:
        yield self.title_line
        yield self.filter_box
        yield self.table
        yield self.group_table
        yield self.sigma
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_focus(self.table)
        if self.initial_query:
            self.filter_box.input.value = self.initial_query  # applied once the index is ready
        if self.index is not None:
            self._ready(self.index)
        elif len(self.dataset.programs()) <= BACKGROUND_INDEX_LINES:
            self._ready(LineIndex(self.dataset))
        else:
            self.title_line.update("全事業一覧: 索引を作成中…" if self.lang == "ja" else "All program lines: indexing…")
            self._build_index()

    @work(thread=True, exclusive=True, group="line-index")
    def _build_index(self) -> None:
        index = LineIndex(self.dataset)
        subtotal(index)
        self.app.call_from_thread(self._ready, index)
        index.warm()  # the filter's lookups, while the user reads the list
        prepare_planes(index)  # and what sums a large selection in a few milliseconds

    def _ready(self, index: LineIndex) -> None:
        self.index = self.main.line_index = index
        self._apply()

    # ---- the filter ----------------------------------------------------------------------------------
    def action_open_filter(self) -> None:
        self.set_focus(self.filter_box.input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, Input)
        if action == "apply_filter":
            return typing  # elsewhere Enter is the table's (open a line, a group)
        if typing and action not in ("escape",):
            return False  # keys typed in the query are characters
        if action == "toggle_select":
            return self.grouping is None
        return True

    @on(Input.Changed, "#filter-input")
    def _typed(self, event: Input.Changed) -> None:
        self.set_query(event.value)

    def action_apply_filter(self) -> None:
        self._remember_filter()
        self.set_focus(self.group_table if self.grouping else self.table)

    def _remember_filter(self) -> None:
        """The filter in use joins the recent ones (on Enter, and when the list is left or the app quit)."""
        if self.filter_text:
            self.main.remember_query("filters", self.filter_text)
            self.filter_box.recall.reset(self.main.recent.filters)

    def set_query(self, text: str) -> None:
        """Filter by ``text``; a query not understood says so in one line and keeps the last good one."""
        try:
            query = parse(text, self.dataset, self.unit)
        except QueryError as exc:
            self.filter_box.say(
                ("条件を解釈できません: " if self.lang == "ja" else "Not understood: ") + str(exc), error=True
            )
            return
        self.filter_query, self.filter_text = query, text.strip()
        self._apply()

    def _apply(self, focus: Node | None = None) -> None:
        index = self.index
        if index is None:
            return
        bits = self.filter_query.bits(index)
        if self.drill is not None:
            bits &= self.drill[1]
        positions = index.positions_in(bits)
        if self.sort is not None:
            positions = sort_positions(index, positions, *self.sort)
        self.positions, self.bits = positions, bits
        self.rows = LineRows(index, positions, self.lang, self.unit, self.selected)
        self.table.show_lines(self.rows, focus, self.sort)
        self._say_terms()
        self._refresh_sigma()
        if self.grouping is not None:
            self._show_groups()

    def _say_terms(self) -> None:
        ja = self.lang == "ja"
        terms = self.filter_query.describe(self.lang)
        if self.drill is not None:
            terms = " · ".join(t for t in (terms, f"{'グループ' if ja else 'group'}: {self.drill[0]}") if t)
        count = f"{len(self.positions):,}行" if ja else f"{len(self.positions):,} lines"
        if terms:
            self.filter_box.say(f"{'条件' if ja else 'Filter'}: {terms} — {count}")
        else:
            hint = (
                "f: 絞り込み (例: ministry:経産省 is:new fy2020>=10)" if ja else "f: filter (e.g. ministry:METI is:new)"
            )
            self.filter_box.say(hint)
        title = "全事業一覧 / All program lines"
        assert self.index is not None
        self.title_line.update(f"{title} — {len(self.positions):,} / {len(self.index):,}")

    def _label(self) -> str:
        ja = self.lang == "ja"
        if self.selected:
            return f"選択した{len(self.selected):,}行" if ja else f"{len(self.selected):,} selected lines"
        terms = self.filter_query.describe(self.lang)
        if self.drill is not None:
            terms = " · ".join(t for t in (terms, self.drill[0]) if t)
        return terms or ("全事業" if ja else "All program lines")

    def _refresh_sigma(self) -> None:
        index = self.index
        assert index is not None
        if self.selected:
            self.subtotal = subtotal(index, sorted(self.selected))
            prefix = "選択 " if self.lang == "ja" else "selection "
        else:
            unfiltered = self.filter_query.empty and self.drill is None
            self.subtotal = subtotal(index, None if unfiltered else self.positions, self.bits)
            prefix = ""
        self.sigma.show(prefix + sigma_line(self.subtotal, self.lang, self.unit, self.dataset.meta.fiscal_year))

    # ---- selection -----------------------------------------------------------------------------------
    def action_toggle_select(self) -> None:
        row = self.table.current_row()
        if row is None or self.index is None or self.rows is None:
            return
        position = self.index.position(row.node)
        if position is None:
            return
        self.selected.symmetric_difference_update({position})
        self.rows.forget(self.table.cursor_row)
        self.table.redraw()
        self._refresh_sigma()
        self.table.action_cursor_down()

    # ---- group-by ------------------------------------------------------------------------------------
    def action_group_by(self) -> None:
        """`F`: group the lines shown by ministry; again: by the next kind (agency, strategy, …)."""
        if self.grouping is None:
            self.grouping = GROUP_KINDS[0]
        else:
            self.grouping = GROUP_KINDS[(GROUP_KINDS.index(self.grouping) + 1) % len(GROUP_KINDS)]
        self.group_sort = None
        self.add_class("-grouped")
        self._show_groups()
        self.set_focus(self.group_table)

    def _show_groups(self) -> None:
        assert self.index is not None and self.grouping is not None
        groups = group_by(self.index, self.positions, self.grouping)
        if self.group_sort is not None:
            groups = sort_groups(groups, *self.group_sort)
        self.groups = groups
        self.group_table.show_groups(groups, self.lang, self.unit, self.group_sort)
        name = GROUP_NAMES[self.grouping][0 if self.lang == "ja" else 1]
        count = f"{len(groups):,}グループ" if self.lang == "ja" else f"{len(groups):,} groups"
        self.title_line.update(
            f"全事業一覧 / All program lines — {name}別 {count}"
            if self.lang == "ja"
            else f"All program lines — by {name}, {count}"
        )

    def _leave_groups(self) -> None:
        self.grouping = None
        self.remove_class("-grouped")
        self.set_focus(self.table)
        self._say_terms()

    @on(LinesTable.Opened)
    def _opened(self, event: LinesTable.Opened) -> None:
        event.stop()
        if event.table is self.group_table:
            self._drill_back(event.row)
        else:
            self._open_line(event.row)

    def _drill_back(self, row: Row) -> None:
        """Enter on a group: its lines, in the lines table (Esc: all of them again)."""
        group = next((g for g in self.groups if f"group:{g.key}" == row.node.id), None)
        if group is None:
            return
        assert self.index is not None
        self.drill = (group.label.get(self.lang), self.index.bits_of(group.positions))
        self._leave_groups()
        self._apply()

    def _open_line(self, row: Row) -> None:
        """Enter on a line: back to the tree, at that line."""
        node = row.node
        if not self._leave():
            return
        self.main.jump_to(node)

    @on(FigureTable.SortRequested)
    def _sort(self, event: FigureTable.SortRequested) -> None:
        """`s` or a header click in either table (the message names the column)."""
        event.stop()
        key = getattr(event, "column_key", None) or getattr(event, "column", None)
        if not isinstance(key, str):
            return
        if self.grouping is not None:
            self.group_sort = (key, self.group_sort == (key, False))
            self._show_groups()
            return
        self.sort = (key, self.sort == (key, False))
        row = self.table.current_row()
        self._apply(focus=row.node if row else None)

    # ---- copy ----------------------------------------------------------------------------------------
    def action_copy_sigma(self, source: bool) -> None:
        if self.subtotal is None:
            return
        text = quote(self.subtotal, self.lang, self.unit, self.dataset.meta, label=self._label(), source=source)
        self.main.send_to_clipboard(text, text.splitlines()[0])

    def action_copy_table(self) -> None:
        if self.grouping is not None:
            self.main.send_to_clipboard(
                groups_tsv(self.groups, self.lang, self.unit), f"{len(self.groups):,} groups (TSV)"
            )
        elif self.rows is not None:
            self.main.send_to_clipboard(lines_tsv(self.rows), f"{len(self.rows):,} lines (TSV)")

    def action_copy_cell(self) -> None:
        table = self.group_table if self.grouping is not None else self.table
        row = table.current_row()
        if row is None:
            return
        cell = row.cells[table.current_column_key()]
        if cell.copy:
            self.main.send_to_clipboard(cell.copy, f"{row.node.name.get(self.lang)} {cell.text}")

    # ---- the rest ------------------------------------------------------------------------------------
    def action_escape(self) -> None:
        """Esc: clear the filter; else leave the group table or the group drilled into; else clear the
        selection; else back to the main screen."""
        box = self.filter_box
        if box.input.value or isinstance(self.focused, Input):
            box.input.value = ""
            self.set_query("")
            self.set_focus(self.group_table if self.grouping else self.table)
        elif self.grouping is not None:
            self._leave_groups()
        elif self.drill is not None:
            self.drill = None
            self._apply()
        elif self.selected:
            self.selected.clear()
            self._apply()
        else:
            self._leave()

    def _leave(self) -> bool:
        """Back to the main screen, once: a second Esc or Enter queued behind the first finds this screen
        no longer on top and does nothing."""
        if self.app.screen is not self or len(self.app.screen_stack) < 2:
            return False
        self._remember_filter()
        self.app.pop_screen()
        return True

    def action_cycle_unit(self) -> None:
        self.unit = self.unit.next()
        self._apply()

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "ja" else "ja"
        self._apply()

    def action_quit_app(self) -> None:
        self._remember_filter()
        self.app.exit(0)
