"""Snapshots of the key screens (pytest-textual-snapshot). Update with `pytest --snapshot-update`
after checking the new pictures in snapshot_report.html."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp

SIZE = (120, 40)
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_TUI_NO_SYSTEM_CLIPBOARD", "1")


def test_main_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE)


def test_quantum_programs_table_and_detail(snap_compare: SnapCompare) -> None:
    async def open_q_leap(pilot: Any) -> None:
        app = pilot.app
        await pilot.pause()  # the main screen is mounted
        app.main_screen.jump_to(app.dataset.nodes["quantum.q-leap"])
        await pilot.pause()

    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=open_q_leap)


def test_search_with_results(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), press=["slash", *"SIP"], terminal_size=SIZE)


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), press=["question_mark"], terminal_size=SIZE)


def test_english_mode_by_ministry(snap_compare: SnapCompare) -> None:
    async def english_ministries(pilot: Any) -> None:
        app = pilot.app
        await pilot.press("L")
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()

    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=english_ministries)


def test_small_terminal(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=(80, 24))


def _at(node_id: str, *keys: str) -> Any:
    """A run_before that opens ``node_id`` and then presses ``keys``."""

    async def before(pilot: Any) -> None:
        await pilot.pause()  # the main screen is mounted
        pilot.app.main_screen.jump_to(pilot.app.dataset.nodes[node_id])
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return before


def test_chart_view_by_ministry(snap_compare: SnapCompare) -> None:
    """With the tree hidden (ctrl+b) the chart is wide enough to show the changes beside the amounts."""
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=_at("ministries", "ctrl+b", "v"))


def test_chart_view_by_ministry_after_a_theme_change(snap_compare: SnapCompare) -> None:
    """test_chart_view_by_ministry's picture, then the theme changed (the palette's theme picker sets
    app.theme) while the chart is shown: the same picture in nord's colours, bars and roles included."""
    open_chart = _at("ministries", "ctrl+b", "v")

    async def then_nord(pilot: Any) -> None:
        await open_chart(pilot)
        pilot.app.theme = "nord"
        await pilot.pause()

    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=then_nord)


def test_chart_view_programs_english(snap_compare: SnapCompare) -> None:
    """Envelopes (内数) and the supplementary-only line are listed under the bars, not drawn."""
    assert snap_compare(
        BudgetApp(load_dataset()), terminal_size=SIZE, run_before=_at("quantum.tech.priority", "L", "v")
    )


def test_share_view_by_ministry_english(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=_at("ministries", "L", "t"))


def test_share_view_overall(snap_compare: SnapCompare) -> None:
    """一般会計 and 特別会計 make up (A + B); うち科学技術振興費 is listed as part of 一般会計."""
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=_at("totals", "t"))


def test_inline_bars_by_ministry(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=_at("ministries"))


def test_all_lines_filtered_with_sigma_line(snap_compare: SnapCompare) -> None:
    """The all-lines screen filtered to the AI list: the terms under the filter box and the Σ line."""
    press = ["a", "f", *"strategy:ai", "enter"]
    assert snap_compare(BudgetApp(load_dataset()), press=press, terminal_size=SIZE)


def test_group_by_ministry_table(snap_compare: SnapCompare) -> None:
    press = ["a", "f", *"strategy:ai", "enter", "F"]
    assert snap_compare(BudgetApp(load_dataset()), press=press, terminal_size=SIZE)
