"""Fixtures for the Pilot tests of the explorer."""

from __future__ import annotations

import pytest

from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp
from tui.ui.clipboard import DISABLE_ENV


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """No UI test ever writes to the real system clipboard (OSC 52 goes to the headless driver)."""
    monkeypatch.setenv(DISABLE_ENV, "1")


@pytest.fixture
def app() -> BudgetApp:
    """A fresh explorer over the bundled dataset, not yet running."""
    return BudgetApp(load_dataset())
