"""The explorer under stress: any terminal size and any resize, random keystrokes on every screen, odd
search input, hand-edited names that look like markup, and copies with no clipboard or too much text.

The random keys are seeded (reproducible) and sent in batches, one pause per batch, as a fast typist or
a paste would send them. BUDGET_TUI_STORM_KEYS sets the keys per screen (default: 2,000 over the six
screens, to keep the suite quick; run with 2000 to give each screen its own 2,000).
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pyperclip
import pytest
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Static

from tests.helpers import DATA, snapshot
from tests.ui.pilot import Q_LEAP, go, program, run, settle, toasts
from tui.core.fmt import Unit
from tui.core.loader import load_dataset
from tui.core.search import SearchIndex, fold
from tui.ui import clipboard
from tui.ui.app import BudgetApp
from tui.ui.clipboard import DISABLE_ENV, SystemCopy
from tui.ui.screens import main as main_module
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.too_small import MIN_SIZE

SIZES = [(20, 8), (40, 12), (80, 24), (200, 60)]


# ---- sizes -------------------------------------------------------------------------------------------
def assert_laid_out_inside(screen: Screen[object]) -> int:
    """Every visible widget lies inside its parent (and the screen's children inside the screen), except
    inside a scrolling container, whose content may extend past its edge by design. Returns how many
    widgets were checked."""
    checked = 0
    for widget in screen.query("*"):
        if not (widget.display and widget.visible) or widget.region.area == 0:
            continue
        checked += 1
        parent = widget.parent
        assert isinstance(parent, Widget)
        if "auto" in (parent.styles.overflow_x, parent.styles.overflow_y) and parent is not screen:
            continue
        outer = screen.region if parent is screen else parent.region
        assert outer.contains_region(widget.region), f"{widget} at {widget.region} outside {parent} at {outer}"
    return checked


async def check_size(pilot: Pilot[int], size: tuple[int, int], *, overlays: bool = True) -> None:
    app = pilot.app
    assert isinstance(app, BudgetApp)
    await pilot.resize_terminal(*size)
    await pilot.pause()
    tiny = size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]
    assert app.query_one("#too-small").display is tiny, size
    assert app.query_one("#main").display is not tiny, size
    if tiny:
        assert f"{size[0]}×{size[1]}" in str(app.query_one("#too-small", Static).render())
    assert assert_laid_out_inside(app.screen) >= (2 if tiny else 12), size  # not vacuous
    if not overlays:
        return
    # With the search results open (they push the panes down), and with the help screen over it all.
    await pilot.press("slash", *"AI")
    await pilot.pause()
    assert assert_laid_out_inside(app.screen) >= 2
    await pilot.press("escape", "question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    assert assert_laid_out_inside(app.screen) >= 2
    await pilot.press("escape")
    await pilot.pause()


def test_every_size_and_every_resize_between_them(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))  # a 再掲-linked program: the detail pane is at its fullest
        for size in SIZES:
            await check_size(pilot, size)
        for before, after in [(200, 60), (20, 8), (80, 24), (40, 12), (200, 60), (39, 11), (40, 12)]:
            await check_size(pilot, (before, after), overlays=False)
        assert app.main_screen.current is program(app, 201)  # nothing lost on the way
        assert app.is_running

    run(app, scenario, size=(80, 24))


# ---- random keystrokes --------------------------------------------------------------------------------
KEYS_PER_SCREEN = int(os.environ.get("BUDGET_TUI_STORM_KEYS", "334"))
# (key, character): what the terminal driver would send. Never q / ctrl+q (quit), ctrl+p (its own screen
# below), ctrl+s (it writes a screenshot file), ctrl+z (suspend) or ctrl+c.
NAVIGATION = [
    *[(k, None) for k in ("up", "down", "left", "right", "pageup", "pagedown", "home", "end", "shift+tab")],
    ("enter", "\r"), ("tab", "\t"), ("backspace", "\x08"), ("space", " "), ("escape", "\x1b"),
    ("ctrl+b", "\x02"), ("slash", "/"), ("question_mark", "?"),
]  # fmt: skip
LETTERS = [(c, c) for c in "jkhlgGsuLcyCYvtnbx19"]
TYPED = [(c, c) for c in ".*[(\\)]^$|+?{}量子ＡＩ🤖é"] + [("a", "a"), ("i", "i")]
MAIN = NAVIGATION + LETTERS + TYPED
CLOSERS = {"escape", "q", "question_mark", "enter", "ctrl+p"}


async def storm(pilot: Pilot[int], pool: list[tuple[str, str | None]], seed: int) -> set[str]:
    """Send KEYS_PER_SCREEN random keys from ``pool``; returns the ids of the nodes made current."""
    app = pilot.app
    assert isinstance(app, BudgetApp)
    rng = random.Random(seed)
    seen = {app.main_screen.current.id}
    for start in range(0, KEYS_PER_SCREEN, 25):
        for _ in range(min(25, KEYS_PER_SCREEN - start)):
            key, char = rng.choice(pool)
            app.post_message(events.Key(key, char))
        await pilot.pause()
        seen.add(app.main_screen.current.id)
        assert app.is_running and app.return_code is None, f"the app stopped after {start + 25} keys"
    await app.workers.wait_for_complete()
    await pilot.pause()
    return seen


async def still_answers(pilot: Pilot[int]) -> None:
    """After the storm: back to the main screen, a known key still does its job."""
    app = pilot.app
    assert isinstance(app, BudgetApp)
    assert app.is_running and app.return_code is None
    while len(app.screen_stack) > 1:
        app.pop_screen()
        await pilot.pause()
    if not app.main_screen.tree_view.display:
        await pilot.press("ctrl+b")
    await go(pilot, program(app, 201))
    for _ in range(len(Unit)):
        if app.main_screen.unit is Unit.OKU:
            break
        before = app.main_screen.unit
        await pilot.press("u")
        assert app.main_screen.unit is before.next()
    await pilot.press("c")
    await settle(pilot)
    assert app.clipboard == "32"  # line 201: Q-LEAP 32億円


SEEDS = {"tree": 11, "table": 12, "detail": 13, "search": 14}


@pytest.mark.parametrize(
    ("where", "size"),
    [("tree", (80, 24)), ("table", (40, 12)), ("detail", (120, 40)), ("search", (80, 24))],
)
def test_random_keys_on_the_main_screen(app: BudgetApp, where: str, size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        if where == "search":
            await pilot.press("slash")
            pool = MAIN + TYPED * 3  # mostly typing
        else:
            main = app.main_screen
            main.focus_now({"tree": main.tree_view, "table": main.table, "detail": main.detail}[where])
            await pilot.pause()
            pool = MAIN
        seen = await storm(pilot, pool, seed=SEEDS[where])
        assert len(seen) > 1, "the keys moved nothing: they never reached the app"
        await still_answers(pilot)

    run(app, scenario, size=size)


def test_random_keys_on_the_help_screen(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.query_one("#help-keys", DataTable)
        rows_seen: set[int] = set()
        pool = [k for k in MAIN if k[0] not in CLOSERS]
        rng = random.Random(2)
        for _ in range(0, KEYS_PER_SCREEN, 25):
            for _ in range(25):
                key, char = rng.choice(pool)
                app.post_message(events.Key(key, char))
            await pilot.pause()
            rows_seen.add(table.cursor_row)
        assert app.screen is help_screen and app.main_screen.unit is Unit.OKU  # app keys do nothing behind help
        assert len(rows_seen) > 1
        await still_answers(pilot)

    run(app, scenario, size=(80, 24))


def test_random_keys_in_the_command_palette(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await storm(pilot, [k for k in MAIN if k[0] not in CLOSERS], seed=3)
        assert app.screen is palette
        await still_answers(pilot)

    run(app, scenario, size=(80, 24))


# ---- search input --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dataset(DATA))


def names(hits: list[object]) -> list[str]:
    return [hit.node.name.ja for hit in hits]  # type: ignore[attr-defined]


def test_regex_metacharacters_are_literal(index: SearchIndex) -> None:
    assert index.search(".*[(\\") == []
    assert index.search(".*") == []
    assert index.search("[") == [] and index.search("\\") == []
    hits = index.search("(SIP")
    assert "戦略的イノベーション創造プログラム(SIP)" in names(hits)  # line 384
    assert all(fold(hit.field.text[hit.start : hit.end])[0] == "(sip" for hit in hits)  # "(" as itself
    assert names(index.search("Q-LEAP"))[0] == Q_LEAP


def test_emoji_combining_and_control_characters(index: SearchIndex) -> None:
    assert index.search("🤖") == [] and index.search("AI🤖") == []
    # テ + combining dakuten (U+3099) is デ once normalised: the same hits as データ typed directly.
    assert names(index.search("テ\u3099ータ")) == names(index.search("データ")) != []
    assert index.search("\x00") == [] and index.search("AI\x1b") == []
    assert index.search("   ") == [] and index.search("\u3000\t") == []


def test_a_10000_character_query(index: SearchIndex) -> None:
    assert index.search("量子" * 5000) == []
    many_terms = " ".join(["AI"] * 5000)  # every term must match: 5,000 times the same is AI alone
    assert names(index.search(many_terms)) == names(index.search("AI"))


def test_odd_input_in_the_search_box(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *".*[(\\")
        await pilot.pause()
        assert app.main_screen.search_input.value == ".*[(\\"
        assert app.main_screen.results.hits == [] and app.main_screen.results.entry_count == 1  # the "no match" line
        assert ".*[(\\" in app.main_screen.results.entry_text(0)
        await pilot.press("escape", "slash", *"[/]")  # markup-like text is text
        await pilot.pause()
        assert app.main_screen.results.hits == []
        await pilot.press("escape", "slash")
        app.main_screen.search_input.post_message(events.Paste("\x1b[31mQ-LEAP\x07\x00\tx\nsecond line"))
        await pilot.pause()
        assert app.main_screen.search_input.value == "[31mQ-LEAP x"  # no escape, bell or NUL reaches the screen
        await pilot.press("escape", "slash")
        app.main_screen.search_input.post_message(events.Paste("量子" * 5000))
        await pilot.pause()
        # Cut at the search box's bound (tests/ui/test_hostile_ui.py checks the notice): 200 characters.
        assert len(app.main_screen.search_input.value) == 200 and app.main_screen.results.hits == []
        assert len(app.main_screen.results.entry_text(0)) < 100
        await pilot.press("escape", "slash", "space", "space", "space")
        await pilot.pause()
        assert app.main_screen.results.hits == [] and not app.main_screen.results.has_class("-shown")
        await pilot.press("backspace", "backspace", "backspace", *"Q-LEAP", "enter")
        await pilot.pause()
        assert app.main_screen.current is program(app, 201)

    run(app, scenario)


# ---- hand-edited names that look like markup ----------------------------------------------------------
def test_names_that_look_like_markup_are_shown_as_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    quantum = data_dir / "quantum.yaml"
    text = quantum.read_text(encoding="utf-8")
    odd = "[/] [b]光・量子[/b] [@click=app.quit]Q-LEAP[/]"
    text = text.replace(f"name_ja: {Q_LEAP}\n", f"name_ja: '{odd}'\n", 1)
    quantum.write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    app = BudgetApp(load_dataset(data_dir))

    async def scenario(pilot: Pilot[int]) -> None:
        original = program(app, 201)
        assert original.name.ja == odd
        await go(pilot, original)
        assert odd in str(app.query_one("#breadcrumb", Static).render())
        await pilot.press("y")
        await settle(pilot)
        assert any(odd in message for message in toasts(app))
        await go(pilot, program(app, 230))  # a re-listing: its placements list names the original
        await pilot.press("ctrl+p", *"[/]")
        await pilot.pause()
        await pilot.press("escape", "slash", *"[@click")
        await pilot.pause()
        assert app.main_screen.results.current_hit() is not None
        assert app.main_screen.results.current_hit().node is original  # type: ignore[union-attr]
        assert app.is_running

    run(app, scenario, notifications=True)
    assert app.return_code is None or app.return_code == 0
    assert snapshot(tmp_path) == before, "the explorer wrote into or next to the data directory"


# ---- the clipboard --------------------------------------------------------------------------------------
@pytest.fixture
def no_clipboard_tools(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A server over SSH: no clipboard command on PATH, so pyperclip finds no mechanism (whatever the
    machine running the tests has, pyperclip is told so)."""
    monkeypatch.delenv(DISABLE_ENV)
    monkeypatch.setenv("PATH", str(tmp_path))

    def no_mechanism(text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_mechanism)


def test_no_system_clipboard_says_what_was_tried(app: BudgetApp, no_clipboard_tools: None) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "32"  # OSC 52 was sent (the headless terminal ignores it)
        (message,) = toasts(app)
        assert "コピーしました: 32" in message
        assert "sent by OSC 52 — your terminal may ignore it" in message
        assert "no system clipboard tool found (tried pyperclip (wl-copy, xclip, xsel, klipper, pbcopy))" in message

    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    run(app, scenario, notifications=True)


@pytest.mark.parametrize("tool", ["xclip", None])
def test_a_copy_too_big_for_osc52(app: BudgetApp, monkeypatch: pytest.MonkeyPatch, tool: str | None) -> None:
    """Over the cap, OSC 52 is not sent (a terminal would drop or cut it); the system clipboard gets the
    whole text, and the message says so and points at `budget-tui export`."""
    monkeypatch.setattr(clipboard, "OSC52_MAX_BYTES", 300)
    received: list[str] = []

    def system_copy(text: str) -> SystemCopy:
        received.append(text)
        return SystemCopy(tool, ("pyperclip", "wl-copy", "xclip"))

    monkeypatch.setattr(main_module, "copy_to_system_clipboard", system_copy)

    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("c")  # small: both routes
        await settle(pilot)
        assert app.clipboard == "32" and received == ["32"]
        await pilot.press("Y")  # the 8-row table as TSV: over 300 bytes
        await settle(pilot)
        tsv = received[-1]
        assert len(tsv.encode("utf-8")) > 300 and tsv.count("\n") >= 8
        assert app.clipboard == "32", "sent by OSC 52 although over the cap"
        message = toasts(app)[-1]
        assert f"not sent by OSC 52: {len(tsv.encode('utf-8')):,} bytes is over its 300-byte limit" in message
        assert "budget-tui export" in message
        if tool:
            assert "コピーしました" in message and "system clipboard via xclip" in message
        else:
            assert "コピーできませんでした" in message and "tried pyperclip, wl-copy, xclip" in message

    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    run(app, scenario, notifications=True)


def test_a_table_of_thousands_of_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A big table built in memory (5,000 copies of Q-LEAP under one heading): `Y` puts all of it on the
    system clipboard, keeps it off OSC 52 and says why, at the real cap."""
    dataset = load_dataset(DATA)
    q_leap = next(n for n in dataset.programs() if n.source is not None and n.source.line == 201)
    heading = q_leap.parent
    assert heading is not None
    heading.children = [replace(q_leap, id=f"big.{i}", relistings=[], parent=heading) for i in range(5000)]
    received: list[str] = []

    def system_copy(text: str) -> SystemCopy:
        received.append(text)
        return SystemCopy("pbcopy", ("pyperclip", "wl-copy", "xclip", "xsel", "pbcopy"))

    monkeypatch.setattr(main_module, "copy_to_system_clipboard", system_copy)
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.show_node(heading)
        await pilot.pause()
        assert len(app.main_screen.table.rows_shown) == 5000
        await pilot.press("Y")
        await settle(pilot)
        (tsv,) = received
        assert tsv.count("\n") == 5001 and not clipboard.fits_osc52(tsv)
        assert app.clipboard == ""  # nothing went out by OSC 52
        message = toasts(app)[-1]
        assert "5,000 rows" in message and "system clipboard via pbcopy; not sent by OSC 52" in message

    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    run(app, scenario, notifications=True)


def test_the_system_clipboard_switch_is_named(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("c")
        await settle(pilot)
        assert f"system clipboard off ({DISABLE_ENV})" in toasts(app)[0]

    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    run(app, scenario, notifications=True)
