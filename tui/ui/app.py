"""The explorer: tree on the left, figure table and detail pane on the right, live search on top."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, Tree

from tui.core.copying import Item, copy_citation, label_text
from tui.core.detail import describe, path_text, related
from tui.core.fmt import Unit, figure_label, figure_text, number
from tui.core.model import Dataset, Lang, Node
from tui.core.search import SearchIndex, SearchResult
from tui.core.table import Row, build_rows, rows_as_tsv, sort_rows, table_parent
from tui.ui.charts import ChartView, View
from tui.ui.clipboard import copy_report, copy_to_system_clipboard, fits_osc52
from tui.ui.screenshot import save_new_file
from tui.ui.web import download_name, download_report, fits_browser, web_copy_report
from tui.ui.widgets import (
    DetailPane,
    FigureTable,
    JumpToId,
    KeyBar,
    NavTree,
    NodeChosen,
    SearchInput,
    SearchResults,
)

MIN_SIZE = (40, 12)
SEARCH_LIMIT = 20  # hits listed (about seven show at once); the count of all matches is in the title
SEARCH_BUDGET = 0.006  # seconds of scanning per keystroke or resume: the list is redrawn within a frame
SEARCH_PAUSE = 0.01  # between resumed scans, so frames and keystrokes get through
LARGE_COPY_ROWS = 5_000  # above this, `Y` writes the TSV in a thread (100,000 rows take seconds)
BACKGROUND_INDEX_NODES = 20_000  # above this, a search typed before the index is ready waits for it
LEGEND = (
    "内数 (within): the envelope a program is funded within, not its own amount · 推計 (est.): estimate · "
    "未定: undetermined · '-': no amount (not zero) · 補正: supplementary budget, a different budget from "
    "the initial one · 再掲 (再 / R, ↻ in the tree): a re-listing of a program shown elsewhere, never "
    "counted twice; +N: the program is re-listed N times · 新規 (新 / N): new, no previous-year figure. Amounts are "
    "億円 (100 million yen) as printed; `u` changes the unit. Change and % of programs are computed from two "
    "exact amounts; those of the by-ministry and overall tables are as printed. Bars (規模 / Size, 増減図 / ± bar, "
    "`v`, `t`) draw only an item's own amount (推計 shaded ░); 内数, 未定, '-', 再掲, 補正-only and printed-total "
    "rows get no bar and are listed beside the chart with the reason."
)


class JumpProvider(Provider):
    """Command palette: "jump to <node>" for every node of the document."""

    def _targets(self) -> Iterable[tuple[str, Node]]:
        app = self.app
        assert isinstance(app, BudgetApp)
        for node in app.dataset.nodes.values():
            if node.kind != "footnote":  # footnotes are not in the tree; they show in their table's detail
                yield f"→ {path_text(node, app.lang)}", node

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        assert isinstance(app, BudgetApp)
        for text, node in self._targets():
            other = node.name.get("en" if app.lang == "ja" else "ja")
            score = max(matcher.match(text), matcher.match(other))
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(app.jump_to, node), help=other)

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, BudgetApp)
        for text, node in list(self._targets())[:40]:
            yield DiscoveryHit(text, partial(app.jump_to, node))


class BudgetApp(App[int]):
    """budget-tui's explorer."""

    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {JumpProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs as the key arrives; otherwise keys typed right after `/` are already
        # queued for the tree by the time the binding bubbles up, and are lost.
        Binding("slash", "focus_search", "Search", key_display="/", priority=True),
        Binding("c", "copy_figure", "Copy figure"),
        Binding("y", "copy_labelled", "Copy with label"),
        # Secondary keys stay out of the footer (so the main ones fit in 80 columns); help lists them all.
        Binding("C", "copy_citation", "Copy with source", show=False),
        Binding("Y", "copy_table", "Copy table (TSV)", show=False),
        Binding("u", "cycle_unit", "Unit"),
        Binding("L", "toggle_lang", "日本語/English"),
        Binding("backspace", "go_up", "Up a level", show=False),
        Binding("ctrl+b", "toggle_tree", "Hide/show tree", show=False),
        Binding("v", "toggle_view('chart')", "Chart"),
        Binding("t", "toggle_view('share')", "Shares (treemap) where parts add up to a printed total", show=False),
        Binding("ctrl+s", "save_screenshot", "Save the screen as SVG", show=False),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(
        self, dataset: Dataset, lang: Lang = "ja", unit: Unit = Unit.OKU, screenshot_dir: Path | None = None
    ) -> None:
        super().__init__()
        self.view: View | None = None  # the chart or share view in the table's place, or None: the table
        self.screenshot_dir = screenshot_dir  # ctrl+s saves here; None: the working directory
        self.dataset = dataset
        self.lang: Lang = lang
        self.unit = unit
        self.current: Node = dataset.root
        self.table_of: Node = dataset.root
        self.sort: tuple[str, bool] | None = None
        self.tree_view = NavTree(dataset, lang, unit, id="tree")
        self._index: SearchIndex | None = None
        self._resume_timer: Timer | None = None

    @property
    def index(self) -> SearchIndex:
        """Built on the first keystroke of a search, not at start-up (large data: in the background)."""
        if self._index is None:
            self._index = SearchIndex(self.dataset)
        return self._index

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index_in_background(self) -> None:
        if self._index is None:  # a search typed early may have built it already
            self.call_from_thread(self._index_ready, SearchIndex(self.dataset))

    def _index_ready(self, index: SearchIndex) -> None:
        if self._index is not None:
            return
        self._index = index
        if self.search_input.value:  # typed while a large index was being built
            self._run_search(self.search_input.value)

    def _run_search(self, query: str) -> None:
        """Search with a time budget: a long scan shows what it has found, then goes on between frames."""
        if self._index is None and len(self.dataset.nodes) > BACKGROUND_INDEX_NODES:
            self.results.show_indexing(query, self.lang)
            return
        if self._resume_timer is not None:
            self._resume_timer.stop()
            self._resume_timer = None
        self._show_result(self.index.search(query, limit=SEARCH_LIMIT, budget=SEARCH_BUDGET))

    def _show_result(self, result: SearchResult) -> None:
        self.results.show_hits(result, self.search_input.value, self.lang, self.unit)
        if result.pending:
            self._resume_timer = self.set_timer(SEARCH_PAUSE, self._resume_search)

    def _resume_search(self) -> None:
        self._resume_timer = None
        result = self.index.resume(budget=SEARCH_BUDGET)
        if result is not None:
            self._show_result(result)

    # ---- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="breadcrumb", markup=False)  # node names are data, never markup
        with Horizontal(id="main"):
            yield self.tree_view
            with Vertical(id="right"):
                yield SearchInput(placeholder=self._search_placeholder(), id="search")
                yield SearchResults(id="results")
                yield FigureTable(id="table")
                yield DetailPane(id="detail")
                yield ChartView(id="chart")
        yield Static(id="too-small")
        yield KeyBar()

    def on_resize(self, event: events.Resize | None = None) -> None:
        """Below a usable size the panes are hidden behind a message instead of being crushed."""
        # The event's size, not self.size: App's own resize handler, which updates self.size, runs after this one.
        width, height = event.size if event is not None else self.size
        tiny = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.screen_stack[0].set_class(tiny, "-tiny")
        if tiny:
            self.query_one("#too-small", Static).update(
                f"Terminal too small ({width}×{height}); budget-tui needs {MIN_SIZE[0]}×{MIN_SIZE[1]}. q quits."
            )

    def on_mount(self) -> None:
        self.on_resize()
        self.focus_now(self.tree_view)
        self.show_node(self.dataset.root)
        # Indexing takes ~30 ms here and ~1 s for 100,000 lines: do it while the user reads the first screen.
        self.set_timer(0.5, self._build_index_in_background)

    @property
    def table(self) -> FigureTable:
        return self.query_one(FigureTable)

    @property
    def chart(self) -> ChartView:
        return self.query_one(ChartView)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    @property
    def search_input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def _search_placeholder(self) -> str:
        if self.lang == "ja":
            return "/ で検索: 名称・府省・金額（例: 量子, 32億, Q-LEAP）"
        return "/ to search: names, ministries, amounts (e.g. quantum, 32億, Q-LEAP)"

    def refresh_header(self) -> None:
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

    # ---- showing a node -----------------------------------------------------------------------
    def show_node(self, node: Node, table_of: Node | None = None) -> None:
        """Make ``node`` current: breadcrumb, table (its children, or its siblings) and detail."""
        self.current = node
        parent = table_of or table_parent(node)
        if parent is not self.table_of:
            self.sort = None
        self.table_of = parent
        self.refresh_table(focus=node if node.parent is parent else None)
        self.refresh_detail()
        self.refresh_header()

    def show_detail(self, node: Node) -> None:
        """Make ``node`` current without changing the table (a row highlighted inside it)."""
        self.current = node
        self.refresh_detail()
        self.refresh_header()

    def refresh_table(self, focus: Node | None = None) -> None:
        rows = build_rows(self.dataset, self.table_of, self.lang, self.unit)
        if self.sort is not None:
            rows = sort_rows(rows, *self.sort)
        self.table.show(rows, self.lang, self.dataset.meta.fiscal_year, focus, self.sort)
        if self.view is not None:
            self.chart.show(self.view, self.table_of, self.lang, self.unit, self.dataset.meta.fiscal_year)

    def refresh_detail(self) -> None:
        lines = describe(self.dataset, self.current, self.lang, self.unit)
        links = related(self.dataset, self.current, self.lang, self.unit)
        self.detail.show(self.current, lines, links, self.lang)

    def jump_to(self, node: Node) -> None:
        """Reveal ``node`` in the tree, select it and show it (search, palette, 再掲 links)."""
        if node.kind == "footnote" and node.parent is not None:
            node = node.parent
        if self.results.has_class("-shown"):
            self.results.show_hits([], "", self.lang, self.unit)  # the query stays; `/` shows it again
        self.tree_view.reveal(node)
        # A leaf of a crowded node has no tree line: it is found as the table's current row.
        self.focus_now(self.tree_view if self.tree_view.shows(node) else self.table)
        self.show_node(node)

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

    @on(FigureTable.CursorMoved, "#table")
    def _table_moved(self, event: FigureTable.CursorMoved) -> None:
        row = self.table.current_row()
        if row is not None and self.table.has_focus and row.node is not self.current:
            self.show_detail(row.node)

    @on(NodeChosen)
    def _drill(self, event: NodeChosen) -> None:
        """Enter on a table row: go into it (its children fill the table)."""
        node = event.node
        self.tree_view.reveal(node)
        if node.children:
            self.show_node(node)
        else:
            self.show_detail(node)

    @on(JumpToId)
    def _jump_to_id(self, event: JumpToId) -> None:
        node = self.dataset.nodes.get(event.node_id)
        if node is not None:
            self.jump_to(node)

    @on(FigureTable.SortRequested)
    def _sort(self, event: FigureTable.SortRequested) -> None:
        descending = self.sort is not None and self.sort == (event.column, False)
        self.sort = (event.column, descending)
        row = self.table.current_row()
        self.refresh_table(focus=row.node if row else None)

    def action_cycle_pane(self, step: int) -> None:
        """Tab / Shift+Tab: tree → table → detail (search is `/`, so typing never lands there by accident)."""
        if self.screen is not self.screen_stack[0]:  # a modal (help, palette): ordinary focus order
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        panes: list[Widget] = [p for p in (self.tree_view, self.table, self.detail, self.chart) if p.display]
        focused = self.focused
        index = next(
            (i for i, p in enumerate(panes) if focused is not None and (focused is p or p in focused.ancestors)),
            -1,
        )
        target: Widget = panes[(index + step) % len(panes)] if index >= 0 else panes[0]
        if target is self.detail:
            placements = self.detail.query_one("#placements", OptionList)
            target = placements if placements.has_class("-shown") else self.detail
        self.focus_now(target)

    def action_go_up(self) -> None:
        parent = self.table_of
        if parent.parent is None:
            return
        self.tree_view.reveal(parent)
        self.show_node(parent, table_of=parent.parent)
        if self.tree_view.has_focus:
            self.focus_now(self.table)

    # ---- search -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.screen is not self.screen_stack[0]:
            # Over help or the palette, only their own keys (and quitting) act.
            return action in ("quit_app", "quit", "cycle_pane", "help")
        # `/` typed in the query is just a character.
        return not (action == "focus_search" and isinstance(self.focused, Input))

    def focus_now(self, widget: Widget) -> None:
        """Focus at once, not after a refresh as Widget.focus() does: keys typed right after `/` or
        Enter must reach the newly focused widget, however fast they arrive."""
        self.screen_stack[0].set_focus(widget)

    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)
        query = self.search_input.value
        if query:
            self._run_search(query)

    @on(SearchInput.Changed, "#search")
    def _search(self, event: SearchInput.Changed) -> None:
        self._run_search(event.value)

    @on(SearchInput.Move)
    def _move_result(self, event: SearchInput.Move) -> None:
        if self.results.hits:
            if event.step > 0:
                self.results.action_cursor_down()
            else:
                self.results.action_cursor_up()

    @on(SearchInput.Submitted, "#search")
    def _submit_search(self, event: SearchInput.Submitted) -> None:
        hit = self.results.current_hit()
        if hit is not None:
            self.jump_to(hit.node)

    @on(SearchResults.Chosen, "#results")
    def _choose_result(self, event: SearchResults.Chosen) -> None:
        event.stop()
        self.jump_to(event.hit.node)

    @on(SearchInput.Cleared)
    def _clear_search(self) -> None:
        self.search_input.value = ""
        self.results.show_hits([], "", self.lang, self.unit)
        self.focus_now(self.tree_view)

    # ---- copy ---------------------------------------------------------------------------------
    def _selected_node(self) -> Node:
        if self.results.has_focus or self.search_input.has_focus:
            hit = self.results.current_hit()
            if hit is not None:
                return hit.node
        return self.current

    def action_copy_figure(self) -> None:
        """`c`: the figure as a bare number in the displayed unit (a table cell's, or the node's main one)."""
        if self.table.has_focus:
            row = self.table.current_row()
            if row is not None:
                cell = row.cells[self.table.current_column_key()]
                if cell.copy is not None:
                    what = cell.text
                    if cell.figure is not None and cell.figure_key is not None:
                        what = (
                            f"{figure_label(cell.figure_key, cell.figure, self.lang, self.dataset.meta.fiscal_year)} "
                            f"{figure_text(cell.figure, self.unit, self.lang)}"
                        )
                    self.copy(cell.copy, f"{row.node.name.get(self.lang)} {what}")
                    return
                node = row.node
            else:
                return
        else:
            node = self._selected_node()
        main = node.main_figure()
        if main is None or main[1].amount is None:
            detail = figure_text(main[1], self.unit, self.lang) if main is not None else "-"
            self.notify(
                f"{node.name.get(self.lang)}: " + ("金額なし" if self.lang == "ja" else "no amount") + f" ({detail})",
                severity="warning",
                markup=False,
            )
            return
        key, figure = main
        assert figure.amount is not None
        self.copy(
            number(figure.amount, self.unit, grouping=False),
            f"{node.name.get(self.lang)} {figure_label(key, figure, self.lang, self.dataset.meta.fiscal_year)} "
            f"{figure_text(figure, self.unit, self.lang)}",
        )

    def action_copy_labelled(self) -> None:
        """`y`: label, budget, figure, unit and basis in one line."""
        node = self._selected_node()
        line = label_text(self.dataset, Item(node), self.lang, self.unit)
        if line is None:
            self.notify(
                f"{node.name.get(self.lang)}: " + ("金額なし" if self.lang == "ja" else "no amount"),
                severity="warning",
                markup=False,
            )
            return
        self.copy(line, line)

    def action_copy_citation(self) -> None:
        """`C`: the labelled figure followed by the document it comes from, for quoting."""
        node = self._selected_node()
        text = copy_citation(self.dataset, Item(node), self.lang, self.unit).text
        if text is None:
            self.notify(
                f"{node.name.get(self.lang)}: " + ("金額なし" if self.lang == "ja" else "no amount"),
                severity="warning",
                markup=False,
            )
            return
        self.copy(text, text)

    def action_copy_table(self) -> None:
        """`Y`: the current table as TSV with a header row (a large table is written in a thread)."""
        rows = self.table.rows_shown
        description = f"{self.table_of.name.get(self.lang)}: {len(rows):,} rows (TSV)"
        if len(rows) <= LARGE_COPY_ROWS:
            self.copy(rows_as_tsv(rows, self.lang, self.unit, self.dataset.meta.fiscal_year), description)
            return
        self.notify(
            f"{len(rows):,}行をコピーしています…" if self.lang == "ja" else f"Copying {len(rows):,} rows…",
            title="clipboard",
        )
        self._copy_table_in_background(rows, self.lang, self.unit, description)

    @work(thread=True, exclusive=True, group="copy-table")
    def _copy_table_in_background(self, rows: Sequence[Row], lang: Lang, unit: Unit, description: str) -> None:
        tsv = rows_as_tsv(rows, lang, unit, self.dataset.meta.fiscal_year)
        self.call_from_thread(self.copy, tsv, description)

    def copy(self, text: str, description: str) -> None:
        if self.is_web:  # budget-tui serve: the browser's clipboard only, never the server's
            self._browser_copy(text, description)
            return
        osc52 = fits_osc52(text)  # a longer escape sequence may be dropped or cut by the terminal, silently
        if osc52:
            self.copy_to_clipboard(text)  # OSC 52: works over SSH in terminals that allow it
        self._system_copy(text, description, osc52)

    def _browser_copy(self, text: str, description: str) -> None:
        """In the browser: OSC 52 to the page (textual.js hands it to navigator.clipboard)."""
        sent = fits_browser(text)
        if sent:
            self.copy_to_clipboard(text)
        shown = text if "\n" not in text and len(text) <= 80 else description
        message = web_copy_report(shown, description, len(text.encode("utf-8")), sent, self.lang)
        self.notify(message, title="clipboard", severity="information" if sent else "warning", markup=False)

    @work(thread=True, exclusive=True, group="clipboard")
    def _system_copy(self, text: str, description: str, osc52: bool) -> None:
        system = copy_to_system_clipboard(text)
        shown = text if "\n" not in text and len(text) <= 80 else description
        message = copy_report(shown, description, len(text.encode("utf-8")), osc52, system, self.lang)
        severity: SeverityLevel = "information" if system.tool or osc52 else "warning"
        self.call_from_thread(self.notify, message, title="clipboard", severity=severity, markup=False)

    # ---- unit, language, help, quit --------------------------------------------------------------
    def action_cycle_unit(self) -> None:
        self.unit = self.unit.next()
        self._refresh_all()

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "ja" else "ja"
        self.search_input.placeholder = self._search_placeholder()
        self._refresh_all()
        if self.search_input.value:
            self._run_search(self.search_input.value)

    def _refresh_all(self) -> None:
        self.tree_view.relabel(self.lang, self.unit)
        row = self.table.current_row()
        self.refresh_table(focus=row.node if row else None)
        self.refresh_detail()
        self.refresh_header()

    def action_help(self) -> None:
        nodes: list[DOMNode] = [
            self,
            self.tree_view,
            self.table,
            self.detail,
            self.chart,
            self.search_input,
            self.results,
        ]
        from tui.ui.screens import HelpScreen, binding_rows  # with its DataTable: not needed at start-up

        rows = binding_rows(nodes)
        rows.append(("Ctrl+P", "Command palette: jump to any node, run any action", "global"))
        self.push_screen(HelpScreen(rows, LEGEND))

    def action_toggle_tree(self) -> None:
        """Ctrl+B (as in Harlequin): give the table and detail the whole width, or bring the tree back."""
        self.tree_view.display = not self.tree_view.display
        if not self.tree_view.display and self.tree_view.has_focus:
            self.focus_now(self.table)  # the table fits its columns to the new width itself (on_resize)

    # ---- pictures ------------------------------------------------------------------------------
    def action_toggle_view(self, view: View) -> None:
        """`v` / `t`: bars or shares of the table's node in place of the table and detail; again: back."""
        self.view = None if self.view == view else view
        had_focus = self.focused is not None and self.focused is not self.tree_view
        self.chart.display = self.view is not None
        self.table.display = self.detail.display = self.view is None
        if had_focus:
            self.focus_now(self.chart if self.view is not None else self.table)
        self.refresh_table()

    def action_save_screenshot(self) -> None:
        """ctrl+s: the screen as an SVG file with a name of its own (an existing file is never replaced);
        in the browser, a download (never a file on the server)."""
        if self.is_web:
            name = download_name("budget-tui", ".svg")
            self.deliver_text(
                io.StringIO(self.export_screenshot()),
                save_filename=name,
                open_method="download",
                mime_type="image/svg+xml",
                name="budget-tui-screenshot",
            )
            self.notify(download_report(name, self.lang), title="ctrl+s", markup=False)
            return
        directory = self.screenshot_dir or Path.cwd()
        try:
            path = save_new_file(directory, "budget-tui", ".svg", self.export_screenshot())
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

    def action_quit_app(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        for binding in Binding.make_bindings(self.BINDINGS):
            yield SystemCommand(
                binding.description,
                f"key: {binding.key_display or binding.key}",
                partial(self.run_action, binding.action),
            )
