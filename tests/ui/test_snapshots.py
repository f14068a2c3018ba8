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
        app.jump_to(app.dataset.nodes["quantum.q-leap"])
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
        app.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()

    assert snap_compare(BudgetApp(load_dataset()), terminal_size=SIZE, run_before=english_ministries)


def test_small_terminal(snap_compare: SnapCompare) -> None:
    assert snap_compare(BudgetApp(load_dataset()), terminal_size=(80, 24))
