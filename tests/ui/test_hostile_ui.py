"""Issue 14 in the explorer: the palette survives Enter pressed twice before it has closed, Ctrl+S in a
deleted working directory is a notification, and a panic never exits 0."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.helpers import DATA
from tui.core.fmt import Unit
from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp

Scenario = Callable[[Pilot[None]], Awaitable[None]]


def run(scenario: Scenario, *, notifications: bool = False) -> BudgetApp:
    app = BudgetApp(load_dataset(DATA), lang="en")  # the palette queries below are its English entries

    async def main() -> None:
        async with app.run_test(size=(120, 40), notifications=notifications) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    return app


def screens(app: BudgetApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


@pytest.mark.parametrize("enters", [2, 3, 10])
@pytest.mark.parametrize(
    ("query", "stack"),
    [
        ("", None),  # whichever entry comes first (providers fill the list in their own time): see below
        ("q-leap", ["MainScreen"]),
        ("help", ["MainScreen", "HelpScreen"]),
        ("unit", ["MainScreen"]),
    ],
)
def test_enter_pressed_several_times_in_the_palette_closes_it_once(
    query: str, stack: list[str] | None, enters: int
) -> None:
    seen: dict[str, object] = {}

    async def scenario(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, BudgetApp)
        await pilot.press("ctrl+p")
        await pilot.press(*query)
        await pilot.pause(0.3)  # the palette's search fills its list
        for _ in range(enters):  # all in the queue before the first is handled: one read of "\r\r…"
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        seen["stack"], seen["unit"] = screens(app), app.main_screen.unit

    app = run(scenario)
    assert app.return_code is None  # still running when the scenario ended: no ScreenStackError
    if stack is None:  # the first entry ran once: at most one screen over the main one, the palette gone
        shown = seen["stack"]
        assert isinstance(shown, list) and shown[0] == "MainScreen" and len(shown) <= 2
        assert "CommandPalette" not in shown
    else:
        assert seen["stack"] == stack
    if query == "unit":
        assert seen["unit"] is Unit.MILLION  # the command ran once: 億円 → 百万円, not on to 円


def test_escape_pressed_twice_in_the_palette_closes_it_once() -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        for _ in range(2):
            pilot.app.post_message(events.Key("escape", "\x1b"))
        await pilot.pause(0.3)
        assert screens(pilot.app) == ["MainScreen"]  # type: ignore[arg-type]

    assert run(scenario).return_code is None


def test_ctrl_s_in_a_deleted_working_directory_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    os.rmdir(gone)

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        shown = [str(toast.render()) for toast in pilot.app.screen.query("Toast")]
        assert any("the working directory no longer exists" in text for text in shown), shown

    app = run(scenario, notifications=True)
    assert app.return_code is None
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_a_panic_never_exits_0() -> None:
    """Textual's panic() sets no return code (the input thread's death used to exit 0)."""

    async def main() -> int | None:
        app = BudgetApp(load_dataset(DATA))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.panic("simulated: an error Textual cannot recover from")
            return app.return_code

    assert asyncio.run(main()) == 1


@pytest.mark.parametrize(
    "paste",
    [
        ("\x1b]0;PWNED\x07\x1b[41m量子" * 60_000),  # about 1.3 MB with ESC bytes, as the issue pasted
        "q" * 1_000_000,  # a plain 1 MB paste
        "量子" + "\x1b[2J" * 10 + "x" * 500,
    ],
    ids=["1.3MB-escapes", "1MB-plain", "short-with-escapes"],
)
def test_the_search_box_takes_at_most_max_query_chars(paste: str) -> None:
    from tui.ui.widgets.search_box import MAX_QUERY_CHARS, SearchInput

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash")
        box = pilot.app.screen.query_one(SearchInput)
        box.post_message(events.Paste(paste))
        await pilot.pause(0.3)
        assert 0 < len(box.value) <= MAX_QUERY_CHARS
        assert "\x1b" not in box.value and "\x07" not in box.value
        shown = [str(toast.render()) for toast in pilot.app.screen.query("Toast")]
        assert any(f"at most {MAX_QUERY_CHARS} characters" in text for text in shown), shown
        await pilot.press("backspace")  # still answering keys
        await pilot.pause()

    assert run(scenario, notifications=True).return_code is None
