"""The main screen: tree on the left, figure table and detail pane (or a chart) on the right, live search
on top. It owns the explorer's keys and its state as reactives (``lang``, ``unit``, ``current``,
``table_of``, ``sort``, ``view``); the panes follow that state through watchers and data bindings."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.geometry import Size
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, Tree

from tui.core.copying import Item, Key, copy_for, copy_table
from tui.core.detail import describe, related
from tui.core.fmt import Unit
from tui.core.labels import LEGEND, T, binding_text
from tui.core.model import Dataset, Lang, Node
from tui.core.settings import RecentKind, State
from tui.core.table import Row, build_rows, sort_rows, table_parent
from tui.ui.charts import View
from tui.ui.clipboard import copy_report, copy_to_system_clipboard, fits_osc52
from tui.ui.screenshot import save_new_file
from tui.ui.web import download_name, download_report, fits_browser, web_copy_report
from tui.ui.widgets import ChartView, DetailPane, FigureTable, KeyBar, NavTree, SearchBox, SearchResults, TooSmall
from tui.ui.widgets.too_small import MIN_SIZE

if TYPE_CHECKING:
    from tui.core.lines import LineIndex  # imported with the all-lines screen

LARGE_COPY_ROWS = 5_000  # above this, `Y` writes the TSV in a thread (100,000 rows take seconds)
class MainScreen(Screen[None]):
    """The explorer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs as the key arrives; otherwise keys typed right after `/` are already
        # queued for the tree by the time the binding bubbles up, and are lost.
        Binding("slash", "focus_search", "Search", key_display="/", priority=True, id="search"),
        # Enter on a search result jumps as the key arrives, for the same reason: through the input's
        # Submitted message a `c` typed right after Enter reached the query before the jump moved the focus.
        Binding("enter", "open_hit", "In a search: go to the result", show=False, priority=True, id="open_hit"),
        Binding("c", "copy_figure", "Copy figure", id="copy_figure"),
        Binding("y", "copy_labelled", "Copy with label", id="copy_labelled"),
        # Secondary keys stay out of the footer (so the main ones fit in 80 columns); help lists them all.
        Binding("C", "copy_citation", "Copy with source", show=False, id="copy_citation"),
        Binding("Y", "copy_table", "Copy table (TSV)", show=False, id="copy_table"),
        Binding("u", "cycle_unit", "Unit", id="unit"),
        Binding("L", "toggle_lang", "日本語/English", id="lang"),
        Binding("backspace", "go_up", "Up a level", show=False, id="up"),
        Binding("ctrl+b", "toggle_tree", "Hide/show tree", show=False, id="tree"),
        Binding("v", "toggle_view('chart')", "Chart", id="chart"),
        Binding(
            "t",
            "toggle_view('share')",
            "Shares (treemap) where parts add up to a printed total",
            show=False,
            id="share",
        ),
        Binding("a", "all_lines", "All program lines: filter, Σ, group-by", show=False, id="all_lines"),
        Binding("ctrl+s", "save_screenshot", "Save the screen as SVG", show=False, id="screenshot"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True, id="next_pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True, id="previous_pane"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit_app", "Quit", id="quit"),
    ]
    # Below a usable size the panes are hidden behind a message instead of being crushed (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (MIN_SIZE[0], "-w-ok")]  # noqa: RUF012 (Screen types it so)
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (MIN_SIZE[1], "-h-ok")]  # noqa: RUF012

    lang: reactive[Lang] = reactive[Lang]("ja", init=False)
    unit: reactive[Unit] = reactive(Unit.OKU, init=False)
    # always_update: selecting the current node again still refreshes (and re-focuses) its table row.
    current: reactive[Node] = reactive(cast(Node, None), init=False, always_update=True)
    table_of: reactive[Node] = reactive(cast(Node, None), init=False, always_update=True)
    sort: reactive[tuple[str, bool] | None] = reactive[tuple[str, bool] | None](None, init=False)
    view: reactive[View | None] = reactive[View | None](None, init=False)  # chart or shares in the table's place

    def __init__(
        self,
        dataset: Dataset,
        lang: Lang,
        unit: Unit,
        screenshot_dir: Path | None,
        *,
        recent: State | None = None,
        cite_id: bool = True,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        # Searches and filters of earlier runs and of this one, most recent first (written back at quit).
        self.recent = recent or State()
        self.cite_id = cite_id  # `C` ends with the item's id (config: citation_id)
        self.start_node: Node | None = None
        self.screenshot_dir = screenshot_dir  # ctrl+s saves here; None: the working directory
        self.set_reactive(MainScreen.lang, lang)
        self.set_reactive(MainScreen.unit, unit)
        self.set_reactive(MainScreen.current, dataset.root)
        self.set_reactive(MainScreen.table_of, dataset.root)
        self.tree_view = NavTree(dataset, lang, unit, id="tree")
        self.search_box = SearchBox(dataset, lang, unit, self.recent.searches, id="search-box")
        self.table = FigureTable(id="table")
        self.detail = DetailPane(id="detail")
        self.chart = ChartView(dataset.meta.fiscal_year, id="chart")
        self.line_index: LineIndex | None = None  # built by the all-lines screen (`a`), kept for the next time

    @property
    def search_input(self) -> Input:
        return self.search_box.input

    @property
    def results(self) -> SearchResults:
        return self.search_box.results

    # ---- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The breakpoint classes of the size the screen opens at, before its widgets are styled: the first
        # Resize then changes no class, and the whole screen is not styled again at start-up.
        self.update_classes(self._breakpoint_classes(self.app.size), update=False)
        yield Static(id="title")
        yield Static(id="breadcrumb", markup=False)  # node names are data, never markup
        with Horizontal(id="main"):
            yield self.tree_view.data_bind(MainScreen.lang, MainScreen.unit)
            with Vertical(id="right"):
                yield self.search_box.data_bind(MainScreen.lang, MainScreen.unit)
                yield self.table
                yield self.detail  # the chart view follows it once first asked for (action_toggle_view)
        yield TooSmall(id="too-small")
        yield KeyBar()

    def _breakpoint_classes(self, size: Size) -> dict[str, bool]:
        """The classes Screen gives ``size`` on a Resize: per direction, the breakpoint's at or below it."""
        horizontal, vertical = self.HORIZONTAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS
        classes = {name: False for _, name in (*horizontal, *vertical)}
        for dimension, breakpoints in ((size.width, horizontal), (size.height, vertical)):
            classes[max(b for b in breakpoints if b[0] <= dimension)[1]] = True
        return classes

    def on_mount(self) -> None:
        self.focus_now(self.tree_view)
        self.show_node(self.dataset.root)
        if self.start_node is not None:  # `budget-tui --open ID`
            self.jump_to(self.start_node)

    # ---- the state and what follows it ---------------------------------------------------------
    def watch_current(self) -> None:
        self._refresh_detail()
        self._refresh_header()

    def watch_table_of(self) -> None:
        node = self.current
        self._refresh_table(focus=node if node.parent is self.table_of else None)
        self.chart.move_to(node)  # up a level in the view: its cursor on the node it came up from

    def watch_sort(self) -> None:
        self._refresh_table(focus=self._row_node())

    def watch_lang(self) -> None:
        self._refresh_table(focus=self._row_node())
        self._refresh_detail()
        self._refresh_header()
        self.query_one(KeyBar).refresh()  # its descriptions are in the language too

    def watch_unit(self) -> None:
        self.watch_lang()

    def watch_view(self, old: View | None, new: View | None) -> None:
        self.set_class(new == "chart", "-view-chart")
        self.set_class(new == "share", "-view-share")

    def _row_node(self) -> Node | None:
        row = self.table.current_row()
        return row.node if row else None

    def _refresh_header(self) -> None:
        meta = self.dataset.meta
        lang_name = "日本語" if self.lang == "ja" else "English"
        unit_label = "単位" if self.lang == "ja" else "Unit"
        lang_label = "言語" if self.lang == "ja" else "Language"
        # Unit and language first: they must stay visible on a narrow terminal.
        self.query_one("#title", Static).update(
            f"{unit_label}: [b]{self.unit.label.get(self.lang)}[/b] │ {lang_label}: [b]{lang_name}[/b] │ "
            f"[b]{escape(meta.title.get(self.lang))}[/b]  {escape(meta.date)}"
        )
        crumbs = [n.name.get(self.lang) for n in self.current.path()]
        self.query_one("#breadcrumb", Static).update(" › ".join(crumbs))

    def _refresh_table(self, focus: Node | None) -> None:
        rows = build_rows(self.dataset, self.table_of, self.lang, self.unit)
        if self.sort is not None:
            rows = sort_rows(rows, *self.sort)
        self.table.show(rows, self.lang, self.dataset.meta.fiscal_year, focus, self.sort)

    def _refresh_detail(self, node: Node | None = None) -> None:
        """The detail pane shows ``node`` (a highlighted search result), else the current node."""
        shown = node or self.current
        lines = describe(self.dataset, shown, self.lang, self.unit)
        links = related(self.dataset, shown, self.lang, self.unit)
        self.detail.show(shown, lines, links, self.lang)

    # ---- showing a node -----------------------------------------------------------------------
    def show_node(self, node: Node, table_of: Node | None = None) -> None:
        """Make ``node`` current: breadcrumb, table (its children, or its siblings) and detail."""
        parent = table_of or table_parent(node)
        if parent is not self.table_of:
            self.set_reactive(MainScreen.sort, None)  # a new table starts unsorted; its refresh follows
        self.current = node
        self.table_of = parent

    def jump_to(self, node: Node) -> None:
        """Reveal ``node`` in the tree, select it and show it (search, palette, 再掲 links)."""
        if node.kind == "footnote" and node.parent is not None:
            node = node.parent
        self.search_box.hide_results()
        self.tree_view.reveal(node)
        # A leaf of a crowded node has no tree line: it is found as the table's current row.
        self.focus_now(self.tree_view if self.tree_view.shows(node) else self.table)
        self.show_node(node)

    def focus_now(self, widget: Widget) -> None:
        """Focus at once, not after a refresh as Widget.focus() does: keys typed right after `/` or
        Enter must reach the newly focused widget, however fast they arrive."""
        self.set_focus(widget)

    @on(Tree.NodeHighlighted, "#tree")
    def _tree_moved(self, event: Tree.NodeHighlighted[Node]) -> None:
        if event.node.data is not None and self.tree_view.has_focus and event.node.data is not self.current:
            self.show_node(event.node.data)

    @on(Tree.NodeSelected, "#tree")
    def _tree_selected(self, event: Tree.NodeSelected[Node]) -> None:
        node = event.node
        if node.allow_expand:
            if node.is_expanded:
                node.collapse()
            else:
                self.tree_view.open(node)

    @on(FigureTable.RowHighlighted, "#table")
    def _table_moved(self, event: FigureTable.RowHighlighted) -> None:
        row = event.table.current_row()  # now, not when posted: the table may have been refilled since
        if row is not None and self.table.has_focus and row.node is not self.current:
            self.current = row.node  # the table stays: a row highlighted inside it

    @on(FigureTable.RowSelected, "#table")
    def _drill(self, event: FigureTable.RowSelected) -> None:
        """Enter on a table row: go into it (its children fill the table)."""
        self._open(event.row.node)

    @on(ChartView.Highlighted, "#chart")
    def _chart_moved(self, event: ChartView.Highlighted) -> None:
        """The chart's item is the current node while the chart has focus: the breadcrumb names it."""
        node = self.chart.node_under_cursor()  # now, not when posted: the view may have been redrawn since
        if node is not None and self.chart.has_focus and node is not self.current:
            self.current = node

    @on(ChartView.Selected, "#chart")
    def _open_from_chart(self, event: ChartView.Selected) -> None:
        """Enter on a bar or a tile: go into it, as Enter on its table row (the view then draws its children)."""
        self._open(event.node)

    def _open(self, node: Node) -> None:
        self.tree_view.reveal(node)
        if node.children:
            self.show_node(node)
        else:
            self.current = node

    @on(FigureTable.SortRequested, "#table")
    def _sort(self, event: FigureTable.SortRequested) -> None:
        descending = self.sort is not None and self.sort == (event.column_key, False)
        self.sort = (event.column_key, descending)

    @on(DetailPane.LinkSelected)
    def _follow_link(self, event: DetailPane.LinkSelected) -> None:
        node = self.dataset.nodes.get(event.node_id)
        if node is not None:
            self.jump_to(node)

    @on(SearchBox.HitSelected)
    def _go_to_hit(self, event: SearchBox.HitSelected) -> None:
        """A click on a result, or Enter that came before its query's letters (else: action_open_hit)."""
        self.remember_query("searches", self.search_input.value)
        self.jump_to(event.hit.node)

    def remember_query(self, kind: RecentKind, query: str) -> None:
        """A search that was followed (kind "searches") or a filter that was used ("filters") joins the
        recent ones, which Up recalls in its box and which are written to the state at quit."""
        self.recent = self.recent.with_recent(kind, query)
        if kind == "searches":
            self.search_box.recall.reset(self.recent.searches)

    @on(SearchBox.Cleared)
    def _search_cleared(self) -> None:
        self.focus_now(self.tree_view)
        self._refresh_detail()

    @on(SearchResults.Highlighted)
    def _hit_highlighted(self, event: SearchResults.Highlighted) -> None:
        """The item under the search cursor is the one `c`/`y`/`C` copy: the detail pane shows it too; with
        no result under it (the list put away, no match), the current node again."""
        self._refresh_detail(event.hit.node if event.hit is not None else None)

    def action_cycle_pane(self, step: int) -> None:
        """Tab / Shift+Tab: tree → table → detail (search is `/`, so typing never lands there by accident)."""
        panes: list[Widget] = [
            p for p in (self.tree_view, self.table, self.detail, self.chart) if p.is_mounted and p.display
        ]
        focused = self.focused
        index = next(
            (i for i, p in enumerate(panes) if focused is not None and (focused is p or p in focused.ancestors)),
            -1,
        )
        target: Widget = panes[(index + step) % len(panes)] if index >= 0 else panes[0]
        if target is self.detail:
            placements = self.detail.placements()
            target = placements if placements is not None and placements.has_class("-shown") else self.detail
        self.focus_now(target)
        if target is self.table:  # the detail pane shows the item under the cursor of the focused pane
            row = self.table.current_row()
            if row is not None and row.node is not self.current:
                self.current = row.node

    def action_go_up(self) -> None:
        parent = self.table_of
        if parent.parent is None:
            return
        self.tree_view.reveal(parent)
        self.show_node(parent, table_of=parent.parent)
        if self.tree_view.has_focus:
            self.focus_now(self.table)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_hit":  # elsewhere Enter is the focused widget's (a tree node, a table row, …)
            return self.search_box.input.has_focus or self.search_box.results.has_focus
        # `/` typed in the query is just a character.
        return not (action == "focus_search" and isinstance(self.focused, Input))

    def action_open_hit(self) -> None:
        """Enter in the query or on a result: go to the result under the search cursor. With none yet, the
        key goes on to the input, whose Submitted message comes after the letters still on their way."""
        hit = self.search_box.hit_to_open()
        if hit is None:
            raise SkipAction()
        self.remember_query("searches", self.search_input.value)
        self.jump_to(hit.node)

    def action_focus_search(self) -> None:
        self.focus_now(self.search_box.input)
        self.search_box.rerun()

    # ---- copy ---------------------------------------------------------------------------------
    def item_under_cursor(self) -> Item | None:
        """What the copy keys act on, from the focused pane (tui.core.copying decides what they copy):
        the table's row and column; the chart or share view's item under its own cursor (a bar, a change,
        a tile, a not-drawn line); a highlighted search result; a highlighted detail link; else the current
        node (the tree's). None: the focused table is empty, or the view has no item (no share view)."""
        if self.chart.has_focus and self.view is not None:
            node = self.chart.node_under_cursor()
            return Item(node) if node is not None else None
        if self.table.has_focus:
            row = self.table.current_row()
            return Item(row.node, self.table.current_column_key()) if row is not None else None
        hit = self.search_box.hit_under_cursor()
        if hit is not None:
            return Item(hit.node)
        link = self.detail.link_under_cursor()
        if link is not None and link in self.dataset.nodes:
            return Item(self.dataset.nodes[link])
        return Item(self.current)

    def _copy(self, key: Key) -> None:
        item = self.item_under_cursor()
        if item is None:
            return
        result = copy_for(key, self.dataset, item, self.lang, self.unit, cite_id=self.cite_id)
        if result.text is None:
            self.notify(result.notice, severity="warning", title=T("clipboard", self.lang), markup=False)
            return
        self.send_to_clipboard(result.text, result.notice)

    def action_copy_figure(self) -> None:
        """`c`: the figure alone: a bare number where it is the item's own amount, a 内数 as printed."""
        self._copy("c")

    def action_copy_labelled(self) -> None:
        """`y`: a quotable line: name (with its parent or table where needed), budget, figure, unit, basis."""
        self._copy("y")

    def action_copy_citation(self) -> None:
        """`C`: the quotable line, its source document and seed line."""
        self._copy("C")

    def action_copy_table(self) -> None:
        """`Y`: the current table as TSV with a header row (a large table is written in a thread)."""
        rows = self.table.rows_shown
        title = self.table_of.name.get(self.lang)
        if len(rows) <= LARGE_COPY_ROWS:
            result = copy_table(title, rows, self.lang, self.unit, self.dataset.meta)
            assert result.text is not None
            self.send_to_clipboard(result.text, result.notice)
            return
        self.notify(f"{len(rows):,} {T('copying_rows', self.lang)}", title=T("clipboard", self.lang))
        self._copy_table_in_background(title, rows, self.lang, self.unit)

    @work(thread=True, exclusive=True, group="copy-table")
    def _copy_table_in_background(self, title: str, rows: Sequence[Row], lang: Lang, unit: Unit) -> None:
        result = copy_table(title, rows, lang, unit, self.dataset.meta)
        assert result.text is not None
        self.app.call_from_thread(self.send_to_clipboard, result.text, result.notice)

    def send_to_clipboard(self, text: str, description: str) -> None:
        """Copy ``text`` by every route there is, and say (as ``description`` when it is long) how."""
        if self.app.is_web:  # budget-tui serve: the browser's clipboard only, never the server's
            self._browser_copy(text, description)
            return
        osc52 = fits_osc52(text)  # a longer escape sequence may be dropped or cut by the terminal, silently
        if osc52:
            self.app.copy_to_clipboard(text)  # OSC 52: works over SSH in terminals that allow it
        self._system_copy(text, description, osc52)

    def _browser_copy(self, text: str, description: str) -> None:
        """In the browser: OSC 52 to the page (textual.js hands it to navigator.clipboard)."""
        sent = fits_browser(text)
        if sent:
            self.app.copy_to_clipboard(text)
        shown = text if "\n" not in text and len(text) <= 80 else description
        message = web_copy_report(shown, description, len(text.encode("utf-8")), sent, self.lang)
        self.notify(message, title="clipboard", severity="information" if sent else "warning", markup=False)

    @work(thread=True, exclusive=True, group="clipboard")
    def _system_copy(self, text: str, description: str, osc52: bool) -> None:
        system = copy_to_system_clipboard(text)
        shown = text if "\n" not in text and len(text) <= 80 else description
        message = copy_report(shown, description, len(text.encode("utf-8")), osc52, system, self.lang)
        severity: SeverityLevel = "information" if system.tool or osc52 else "warning"
        self.app.call_from_thread(self.notify, message, title="clipboard", severity=severity, markup=False)

    # ---- unit, language, tree, view, help, screenshot, quit -----------------------------------------
    def action_cycle_unit(self) -> None:
        self.unit = self.unit.next()

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "ja" else "ja"

    def action_help(self) -> None:
        nodes: list[DOMNode] = [
            self,
            self.app,
            self.tree_view,
            self.table,
            self.detail,
            self.chart,
            self.search_box.input,
            self.search_box,
            self.search_box.results,
        ]
        from tui.ui.screens.help import HelpScreen, binding_rows  # with its DataTable: not needed at start-up

        lang = self.lang
        rows = [(key, binding_text(what, lang), binding_text(where, lang)) for key, what, where in binding_rows(nodes)]
        palette = binding_text("Command palette: jump to any node, run any action", lang)
        rows.append(("Ctrl+P", palette, binding_text("global", lang)))
        self.app.push_screen(HelpScreen(rows, LEGEND.get(lang), lang))

    def action_toggle_tree(self) -> None:
        """Ctrl+B (as in Harlequin): give the table and detail the whole width, or bring the tree back."""
        self.tree_view.display = not self.tree_view.display
        if not self.tree_view.display and self.tree_view.has_focus:
            self.focus_now(self.table)  # the table fits its columns to the new width itself (on_resize)

    def action_toggle_view(self, view: View) -> None:
        """`v` / `t`: bars or shares of the table's node in place of the table and detail; again: back.
        The view is a class on the screen (app.tcss shows and hides the panes)."""
        had_focus = self.focused is not None and self.focused is not self.tree_view
        if self.chart.is_mounted:
            self._toggle_view(view, had_focus)
        else:
            self.call_next(self._mount_chart_and_toggle, view, had_focus)

    async def _mount_chart_and_toggle(self, view: View, had_focus: bool) -> None:
        """The chart view is mounted on first use (the first screen is styled and laid out without it), from
        the screen's own message loop: data_bind binds to the pump it runs in, and a key's action runs in the
        app's."""
        if not self.chart.is_mounted:
            chart = self.chart.data_bind(MainScreen.lang, MainScreen.unit, MainScreen.view, subject=MainScreen.table_of)
            await self.query_one("#right", Vertical).mount(chart)
        self._toggle_view(view, had_focus)

    def _toggle_view(self, view: View, had_focus: bool) -> None:
        shown = self.view
        self.view = None if self.view == view else view
        if shown is None:  # from the table, the view's cursor starts on its row (from the other view: stays) ...
            row = self.table.current_row()
            if row is not None:
                self.chart.move_to(row.node)
        elif self.view is None:  # ... and back, the table's cursor comes to the view's item
            self.table.move_to_node(self.current)
        if had_focus:
            self.focus_now(self.chart if self.view is not None else self.table)

    def action_save_screenshot(self) -> None:
        """ctrl+s: the screen as an SVG file with a name of its own (an existing file is never replaced);
        in the browser, a download (never a file on the server)."""
        if self.app.is_web:
            name = download_name("budget-tui", ".svg")
            self.app.deliver_text(
                io.StringIO(self.app.export_screenshot()),
                save_filename=name,
                open_method="download",
                mime_type="image/svg+xml",
                name="budget-tui-screenshot",
            )
            self.notify(download_report(name, self.lang), title="ctrl+s", markup=False)
            return
        directory = self.screenshot_dir or Path(".")  # a deleted working directory: save_new_file says so
        try:
            path = save_new_file(directory, "budget-tui", ".svg", self.app.export_screenshot())
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = (
                f"スクリーンショットを保存できません: {directory}: {reason}"
                if self.lang == "ja"
                else (f"Cannot save the screenshot in {directory}: {reason}")
            )
            self.notify(message, severity="error", title="ctrl+s", markup=False)  # a path is not markup
            return
        message = f"保存しました: {path}" if self.lang == "ja" else f"Saved: {path}"
        self.notify(message, title="ctrl+s", markup=False)

    def action_all_lines(self) -> None:
        """`a`: every program line in one table, with the filter, selection, Σ and group-by (issue 12)."""
        self.open_lines("")

    def open_lines(self, query: str) -> None:
        """The all-lines list, filtered by ``query`` (a recent filter run again from the palette)."""
        from tui.ui.screens.lines import LinesScreen  # not needed at start-up

        if not isinstance(self.app.screen, LinesScreen):
            self.app.push_screen(LinesScreen(self, query))
        else:
            self.app.screen.filter_box.input.value = query

    def search_for(self, query: str) -> None:
        """Search ``query`` again (a recent search from the palette): the results open under the box."""
        if self.app.screen is not self:
            self.app.pop_screen()
        self.focus_now(self.search_box.input)
        self.search_input.value = query
        self.search_input.cursor_position = len(query)

    def action_quit_app(self) -> None:
        self.app.exit(0)
