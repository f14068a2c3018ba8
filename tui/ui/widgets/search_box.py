"""The search box: the query input over its results list. It owns the search index (built in the
background), the time-budgeted scan and its resume timer, and the keys that move between the two."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text as RichText
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Input

from tui.core.detail import path_text
from tui.core.fmt import Unit, main_figure_text, search_tag
from tui.core.history import Recall
from tui.core.model import Dataset, Lang

if TYPE_CHECKING:  # at run time imported with the first search or the index (0.5 s after start), not at start-up
    from tui.core.search import Hit, SearchIndex, SearchResult

SEARCH_LIMIT = 20  # hits listed (about seven show at once); the count of all matches is in the title
SEARCH_BUDGET = 0.006  # seconds of scanning per keystroke or resume: the list is redrawn within a frame
SEARCH_PAUSE = 0.01  # between resumed scans, so frames and keystrokes get through
MAX_QUERY_CHARS = 200  # a query is a few words; a paste beyond this is cut (and the user told)
BACKGROUND_INDEX_NODES = 20_000  # above this, a search typed before the index is ready waits for it


class SearchInput(Input):
    """The query box (its keys, Up/Down through the results and Esc, are the SearchBox's)."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit (typing, paste) lands here: a pasted escape sequence or NUL would reach the
        terminal when the query is drawn, so control characters are dropped and other spacing
        (a tab, a full-width space) becomes a plain space. The query is bounded first
        (:data:`MAX_QUERY_CHARS`): a 1.3 MB paste froze the explorer for minutes; the rest is dropped,
        and a notification says so."""
        room = max(0, MAX_QUERY_CHARS - (len(self.value) - (end - start)))
        if len(text) > room:
            text = text[:room]
            self.notify(
                f"検索語は{MAX_QUERY_CHARS}文字までです（残りは入力されません） / A search takes at most "
                f"{MAX_QUERY_CHARS} characters; the rest was dropped",
                severity="warning",
                title="/",
                markup=False,
            )
        clean = "".join(c if c.isprintable() else " " if c.isspace() else "" for c in text)
        super().replace(clean, start, end)


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
        Binding("enter", "select", "Go to the result", show=False),
    ]
    LINES_PER_HIT = 2  # the match with its figure, then where it is

    class OptionSelected(Message):
        """Enter or a click on a result."""

        def __init__(self, results: SearchResults, hit: Hit) -> None:
            super().__init__()
            self.results = results
            self.hit = hit

        @property
        def control(self) -> SearchResults:
            return self.results

    class Highlighted(Message):
        """Another result is under the cursor (or, ``hit`` None, none is): the detail pane follows it."""

        def __init__(self, results: SearchResults, hit: Hit | None) -> None:
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

    fiscal_year: int = 0  # the dataset's, set by the SearchBox that owns the list
    shown_query = ""  # the query whose results (or message) the list shows

    def show_hits(self, hits: list[Hit], query: str, lang: Lang, unit: Unit) -> None:
        self.lang, self.unit, self.shown_query = lang, unit, query
        if not query.strip():
            self._fill([], None)
            self.remove_class("-shown")
            return
        self.add_class("-shown")
        from tui.core.search import SearchResult

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
        self.shown_query = query
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
        self._announce()

    def _announce(self) -> None:
        """Post Highlighted from this widget's own turn: a message made while the SearchBox runs (typing
        calls into it) has the box as its sender, and Textual never bubbles a message to its sender."""
        self.call_next(lambda: self.post_message(self.Highlighted(self, self.current_hit())))

    def _hit_lines(self, index: int) -> list[RichText]:
        lines = self._lines.get(index)
        if lines is None:
            made = list(hit_prompt(self.hits[index], self.lang, self.unit, self.fiscal_year).split("\n"))
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
        self._announce()

    def action_cursor_down(self) -> None:
        self._move((self.highlighted or 0) + 1)

    def action_cursor_up(self) -> None:
        self._move((self.highlighted or 0) - 1)

    def action_select(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.post_message(self.OptionSelected(self, hit))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.hits:
            return
        index = (self.scroll_offset.y + offset.y) // self.LINES_PER_HIT
        if index < len(self.hits):
            event.stop()
            self._move(index)
            self.action_select()


def _hit_count(hits: list[Hit], lang: Lang) -> str:
    """The results' border title: how many shown, and how many matched when that is more."""
    from tui.core.search import SearchResult

    if not isinstance(hits, SearchResult) or (hits.complete and not hits.pending and hits.matched == len(hits)):
        return f"{len(hits)}"
    more = "+" if not hits.complete else ("…" if hits.pending else "")
    if lang == "ja":
        return f"{len(hits)}件表示 / 一致 {hits.matched:,}{more}件"
    return f"{len(hits)} shown of {hits.matched:,}{more} matches"


def hit_prompt(hit: Hit, lang: Lang, unit: Unit, fiscal_year: int) -> RichText:
    """One result: the name (or the matching field) with the match highlighted, its figure and path."""
    node = hit.node
    field = hit.field
    prompt = RichText()
    if field.label == f"name_{lang}" or (field.label.startswith("name_") and field.text == node.name.get(lang)):
        shown = RichText(field.text)
        shown.stylize("reverse bold", hit.start, hit.end)
        prompt.append_text(shown)
    else:
        prompt.append(node.name.get(lang))
        tag = search_tag(node, field.label, lang)
        matched = RichText(f"  [{tag}: {field.text}]", style="dim")
        offset = len(f"  [{tag}: ")
        matched.stylize("reverse bold", offset + hit.start, offset + hit.end)
        prompt.append_text(matched)
    figure = main_figure_text(node, lang, unit, fiscal_year, always_budget=True)  # 令和元年度補正 35億円
    if figure:
        prompt.append(f"  {figure}", style="bold")
    prompt.append("\n  " + path_text(node.parent, lang) if node.parent else "", style="dim")
    return prompt



class SearchBox(Vertical):
    """The query and its results. Up/Down move in the results while you type, Enter or a click goes to a
    result (:meth:`hit_to_open`, :class:`HitSelected`), Esc clears (:class:`Cleared`)."""

    DEFAULT_CSS = """
    SearchBox { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "result_down", "Next result", show=False),
        Binding("up", "result_up", "Previous result; from the top, an earlier search", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]
    lang: reactive[Lang] = reactive[Lang]("ja", init=False)
    unit: reactive[Unit] = reactive(Unit.OKU, init=False)

    class HitSelected(Message):
        """The user clicked ``hit``, or pressed Enter before the query had reached the input (Enter is
        otherwise the main screen's priority binding: it jumps as the key arrives, before any key typed
        after it)."""

        def __init__(self, box: SearchBox, hit: Hit) -> None:
            super().__init__()
            self.box = box
            self.hit = hit

        @property
        def control(self) -> SearchBox:
            return self.box

    class Cleared(Message):
        """Esc: the query is empty and the results are gone."""

        def __init__(self, box: SearchBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> SearchBox:
            return self.box

    def __init__(self, dataset: Dataset, lang: Lang, unit: Unit, recent: Sequence[str] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dataset = dataset
        self.recall = Recall(recent)  # Up in an empty query (or on a recalled one, at the top): earlier searches
        self.set_reactive(SearchBox.lang, lang)
        self.set_reactive(SearchBox.unit, unit)
        self._index: SearchIndex | None = None
        self._resume_timer: Timer | None = None
        self.input = SearchInput(placeholder=self._placeholder(), id="search")
        self.results = SearchResults(id="results")
        self.results.fiscal_year = dataset.meta.fiscal_year  # result lines name each figure's budget

    def compose(self) -> ComposeResult:
        yield self.input  # the results list below it is mounted when the box is first used (_mount_results)

    def on_descendant_focus(self) -> None:
        self._mount_results()

    def _mount_results(self) -> None:
        """The results list, mounted on first use (the query focused, or a search): the first screen is
        styled and laid out without it."""
        if self.results.parent is None:
            self.mount(self.results)

    def on_mount(self) -> None:
        # Indexing takes ~30 ms here and ~1 s for 100,000 lines: do it while the user reads the first screen.
        self.set_timer(0.5, self._build_index_in_background)

    def _placeholder(self) -> str:
        if self.lang == "ja":
            return "/ で検索: 名称・府省・金額（例: 量子, 32億, Q-LEAP）"
        return "/ to search: names, ministries, amounts (e.g. quantum, 32億, Q-LEAP)"

    def watch_lang(self) -> None:
        self.input.placeholder = self._placeholder()
        # Redraw the list only where it is open: after a jump the query stays, but `L` must not bring the
        # list back over the table (`/` does).
        if self.input.value and self.results.has_class("-shown"):
            self.search(self.input.value)

    # ---- the index and the scan ----------------------------------------------------------------
    @property
    def index(self) -> SearchIndex:
        """Built on the first keystroke of a search, not at start-up (large data: in the background)."""
        if self._index is None:
            from tui.core.search import SearchIndex

            self._index = SearchIndex(self.dataset)
        return self._index

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index_in_background(self) -> None:
        if self._index is None:  # a search typed early may have built it already
            from tui.core.search import SearchIndex

            self.app.call_from_thread(self._index_ready, SearchIndex(self.dataset))

    def _index_ready(self, index: SearchIndex) -> None:
        if self._index is not None:
            return
        self._index = index
        if self.input.value:  # typed while a large index was being built
            self.search(self.input.value)

    def search(self, query: str) -> None:
        """Search with a time budget: a long scan shows what it has found, then goes on between frames."""
        self._mount_results()
        if self._index is None and len(self.dataset.nodes) > BACKGROUND_INDEX_NODES:
            self.results.show_indexing(query, self.lang)
            return
        if self._resume_timer is not None:
            self._resume_timer.stop()
            self._resume_timer = None
        self._show_result(self.index.search(query, limit=SEARCH_LIMIT, budget=SEARCH_BUDGET))

    def _show_result(self, result: SearchResult) -> None:
        self.results.show_hits(result, self.input.value, self.lang, self.unit)
        if result.pending:
            self._resume_timer = self.set_timer(SEARCH_PAUSE, self._resume_search)

    def _resume_search(self) -> None:
        self._resume_timer = None
        result = self.index.resume(budget=SEARCH_BUDGET)
        if result is not None:
            self._show_result(result)

    # ---- what the screen asks ------------------------------------------------------------------
    def hit_under_cursor(self) -> Hit | None:
        """The highlighted result, when the focus is in the box."""
        if self.results.has_focus or self.input.has_focus:
            return self.results.current_hit()
        return None

    def hit_to_open(self) -> Hit | None:
        """The result Enter goes to, as the key arrives: the one under the cursor, after bringing the list up
        to the query in the box (Enter read with the query's last letters comes before their Changed
        message). None: no result yet (a large index still being built, no match)."""
        if not (self.results.has_focus or self.input.has_focus):
            return None
        if self.results.shown_query != self.input.value and self.input.value.strip():
            self.search(self.input.value)
        return self.results.current_hit()

    def hide_results(self) -> None:
        """Put the results away; the query stays (`/` shows them again)."""
        if self.results.has_class("-shown"):
            self.results.show_hits([], "", self.lang, self.unit)

    def rerun(self) -> None:
        """Show the results of the query again (after `/`)."""
        if self.input.value:
            self.search(self.input.value)

    # ---- keys and events -----------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search(event.value)

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter the screen's priority binding could not act on when it arrived (the query's letters were
        still on their way to the input): the result of the query as it is now."""
        event.stop()
        hit = self.results.current_hit()
        if hit is not None:
            self.post_message(self.HitSelected(self, hit))

    @on(SearchResults.OptionSelected, "#results")
    def _selected(self, event: SearchResults.OptionSelected) -> None:
        event.stop()
        self.post_message(self.HitSelected(self, event.hit))

    def action_result_down(self) -> None:
        if self.results.hits:
            self.results.action_cursor_down()
        else:  # a recalled search that finds nothing now: Down goes to the newer one
            self._recall(self.recall.newer(self.input.value))

    def action_result_up(self) -> None:
        """Up: the previous result; from the first result (or with none), when the query is empty or is
        itself a recalled search, the search before it. A query being typed is never replaced."""
        value = self.input.value
        at_top = not self.results.hits or not self.results.highlighted
        if at_top and (not value or self.recall.browsing(value)):
            self._recall(self.recall.older(value))
        elif self.results.hits:
            self.results.action_cursor_up()

    def _recall(self, query: str | None) -> None:
        if query is not None:
            self.input.value = query  # searched at once (Input.Changed)
            self.input.cursor_position = len(query)

    def action_clear_search(self) -> None:
        self.input.value = ""
        self.results.show_hits([], "", self.lang, self.unit)
        self.post_message(self.Cleared(self))
