"""`budget-tui --open ID` and the start-up warnings of broken settings, from the command line."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from tests.helpers import DATA, run_cli
from tui.cli import explorer_app
from tui.cli.explore import remember
from tui.core.fmt import Unit
from tui.core.settings import read_state, state_path
from tui.ui.app import BudgetApp


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
