"""`budget-tui --open ID` and the start-up warnings of broken settings, from the command line."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import DATA, run_cli
from tui.cli import explorer_app
from tui.cli.explore import remember
from tui.core.fmt import Unit
from tui.core.settings import State, read_state, state_path, write_state
from tui.ui.app import BudgetApp
from tui.ui.screens.lines import LinesScreen


def test_an_unknown_id_is_one_line_and_exit_2() -> None:
    result = run_cli("--open", "quantum.no-such-program")
    assert result.returncode == 2
    assert result.stderr == f"budget-tui: error: --open quantum.no-such-program: no node with this id in {DATA}\n"
    assert result.stdout == ""


def test_a_typed_control_character_is_shown_not_obeyed() -> None:
    result = run_cli("--open", "x\x1b[2Jy", "--data", str(DATA))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr and "x\\x1b[2Jy" in result.stderr


def test_open_is_in_the_help() -> None:
    result = run_cli("--help")
    assert "--open ID" in result.stdout


def test_a_broken_config_is_one_warning_and_the_explorer_still_starts(capsys: pytest.CaptureFixture[str]) -> None:
    Path(os.environ["BUDGET_TUI_CONFIG"]).write_text('unit = "million"\nlanguage = [', encoding="utf-8")
    app = explorer_app(None, None)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("budget-tui: warning: ") and "not valid TOML" in err
    assert app.main_screen.lang == "ja" and app.main_screen.unit is Unit.OKU  # the defaults, not half of the file


def test_the_config_sets_the_start(capsys: pytest.CaptureFixture[str]) -> None:
    Path(os.environ["BUDGET_TUI_CONFIG"]).write_text('unit = "million"\nlanguage = "en"\n', encoding="utf-8")
    app = explorer_app(None, None)
    assert capsys.readouterr().err == ""
    assert app.main_screen.lang == "en" and app.main_screen.unit is Unit.MILLION
    assert explorer_app(None, "ja").main_screen.lang == "ja"  # --lang wins over the config


def test_open_starts_at_the_node() -> None:
    import asyncio

    app = explorer_app(None, None, "quantum.q-leap")

    async def scenario() -> str:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return app.main_screen.current.name.ja

    assert asyncio.run(scenario()) == "光・量子飛躍フラッグシッププログラム (Q-LEAP)"


def _explore(app: BudgetApp, keys: tuple[str, ...] = ()) -> tuple[str, str, str]:
    """Run the explorer headless, press ``keys``, then quit and remember as `budget-tui` does at quit."""

    async def scenario() -> tuple[str, str, str]:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            screen = app.main_screen
            return screen.current.name.ja, screen.unit.name, screen.lang

    shown = asyncio.run(scenario())
    remember(app)
    return shown


def test_the_next_start_is_where_the_last_one_left_off() -> None:
    app = explorer_app(None, None, "quantum.q-leap")
    app.theme = "nord"
    assert _explore(app, ("u", "L")) == ("光・量子飛躍フラッグシッププログラム (Q-LEAP)", "MILLION", "en")
    state = read_state().state
    assert (state.node, state.unit, state.language, state.theme) == ("quantum.q-leap", "million", "en", "nord")
    again = explorer_app(None, None)  # no --open: the remembered node, unit, language and theme
    assert again.theme == "nord"
    assert _explore(again) == ("光・量子飛躍フラッグシッププログラム (Q-LEAP)", "MILLION", "en")


def test_remember_false_writes_no_state() -> None:
    Path(os.environ["BUDGET_TUI_CONFIG"]).write_text("remember = false\n", encoding="utf-8")
    _explore(explorer_app(None, None, "quantum.q-leap"), ("u",))
    assert not state_path().exists()
    assert _explore(explorer_app(None, None)) == ("令和2年度 科学技術関係予算", "OKU", "ja")


def _in_app(app: BudgetApp, scenario: Callable[[Pilot[int]], Awaitable[None]]) -> None:
    async def main() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


async def _type(pilot: Pilot[int], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


def test_searches_and_filters_used_are_remembered_and_recalled_with_up() -> None:
    """A search followed with Enter and a filter applied with Enter are written at quit, most recent first,
    and the next run brings them back with Up: in the search box and in the all-lines filter box."""
    first = explorer_app(None, None)

    async def use(pilot: Pilot[int]) -> None:
        await _type(pilot, "slash", *"Q-LEAP", "enter")
        await _type(pilot, "slash", "escape", "slash", *"量子暗号", "enter")
        await _type(pilot, "a", "f", *"is:new", "enter")
        await _type(pilot, "f", "escape", "f", *"ministry:mic", "enter")

    _in_app(first, use)
    remember(first)
    state = read_state().state
    assert state.searches == ("量子暗号", "Q-LEAP")
    assert state.filters == ("ministry:mic", "is:new")

    again = explorer_app(None, None)

    async def recall(pilot: Pilot[int]) -> None:
        screen = again.main_screen
        await _type(pilot, "slash", "up")
        assert screen.search_input.value == "量子暗号"
        assert screen.search_box.hit_under_cursor() is not None  # searched at once
        await _type(pilot, "up")
        assert screen.search_input.value == "Q-LEAP"  # from the first result: the search before
        await _type(pilot, "up")
        assert screen.search_input.value == "Q-LEAP"  # nothing older
        await _type(pilot, "escape", "a")
        lines = again.screen
        assert isinstance(lines, LinesScreen)
        await _type(pilot, "f", "up")
        assert lines.filter_box.input.value == "ministry:mic"
        await _type(pilot, "up")
        assert lines.filter_box.input.value == "is:new"
        # is:new, typed from the seed: 量子マテリアル (223), グローバル量子暗号通信網 (234), … all 新規
        assert lines.positions and all(lines.index and lines.index.nodes[i].new for i in lines.positions)
        await _type(pilot, "down", "down")
        assert lines.filter_box.input.value == ""  # past the newest: what was typed (nothing)

    _in_app(again, recall)


def test_up_never_replaces_a_query_being_typed() -> None:
    app = explorer_app(None, None)
    app.main_screen.recent = app.main_screen.recent.with_recent("searches", "Q-LEAP")

    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.search_box.recall.reset(screen.recent.searches)
        await _type(pilot, "slash", *"量子", "down", "down", "up", "up", "up")
        assert screen.search_input.value == "量子"  # Up moved through the results, then stopped at the top

    _in_app(app, scenario)


def test_the_citation_id_can_be_turned_off() -> None:
    async def cite(pilot: Pilot[int]) -> None:
        await _type(pilot, "C")

    with_id = explorer_app(None, None, "quantum.q-leap")
    _in_app(with_id, cite)
    assert with_id.clipboard.endswith("(Q-LEAP)32億円(22億円)）［ID: quantum.q-leap］")
    Path(os.environ["BUDGET_TUI_CONFIG"]).write_text("citation_id = false\n", encoding="utf-8")
    without = explorer_app(None, None, "quantum.q-leap")
    _in_app(without, cite)
    assert without.clipboard.endswith("(Q-LEAP)32億円(22億円)）")


def test_settings_warnings_are_shown_in_the_app_too(capsys: pytest.CaptureFixture[str]) -> None:
    """On stderr the alternate screen hides them at once: the app repeats them as notifications."""
    Path(os.environ["BUDGET_TUI_CONFIG"]).write_text('theme = "no-such-theme"\nfont = 3\n', encoding="utf-8")
    app = explorer_app(None, None)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"budget-tui: warning: {os.environ['BUDGET_TUI_CONFIG']}: unknown key 'font' (ignored)",
        "budget-tui: warning: theme 'no-such-theme' is not a theme of this Textual (using the default)",
    ]
    shown: list[str] = []

    async def scenario(pilot: Pilot[int]) -> None:
        shown.extend(n.message for n in app._notifications)

    _in_app(app, scenario)
    assert [f"budget-tui: {m}" for m in shown] == err
    assert app.theme == "textual-dark"


def test_the_palette_runs_a_recent_search_or_filter_again() -> None:
    write_state(State(searches=("量子暗号",), filters=("ministry:mic is:new",)))
    app = explorer_app(None, None)

    async def scenario(pilot: Pilot[int]) -> None:
        await _type(pilot, "ctrl+p", *"絞り込み: ministry")
        await app.workers.wait_for_complete()  # the palette gathers its hits in a worker
        await _type(pilot, "enter")
        await pilot.pause()
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        assert lines.filter_box.input.value == "ministry:mic is:new"
        # 総務省's new programs, typed from the seed: グローバル量子暗号通信網 (234), 多言語翻訳 (343), 自治体AI (410)
        assert lines.index is not None
        assert sorted(lines.index.nodes[i].source.line for i in lines.positions) == [234, 343, 410]  # type: ignore[union-attr]
        await _type(pilot, "ctrl+p", *"検索: 量子暗号")
        await app.workers.wait_for_complete()
        await _type(pilot, "enter")
        await pilot.pause()
        screen = app.main_screen
        assert app.screen is screen and screen.search_input.value == "量子暗号" and screen.search_input.has_focus
        hit = screen.search_box.hit_under_cursor()
        assert hit is not None and hit.node.source is not None
        assert hit.node.source.line == 209  # 衛星通信における量子暗号技術の研究開発

    _in_app(app, scenario)
