"""Fixtures shared by every test directory."""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def world_readable_tmp() -> Iterator[Path]:
    """A temporary directory another user can enter (pytest's tmp_path is private to root)."""
    top = Path(tempfile.mkdtemp(prefix="budget-tui-"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        for path in [top, *top.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(top)


@pytest.fixture(autouse=True)
def _own_settings_state_and_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the real home's config, state or cache: each test (and every process it
    starts, which inherits the environment) gets fresh, empty places of its own. World-writable, since
    some tests run the explorer as another user."""
    home = Path(tempfile.mkdtemp(prefix="budget-tui-home-"))
    home.chmod(0o777)
    monkeypatch.setenv("BUDGET_TUI_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("BUDGET_TUI_STATE_DIR", str(home / "state"))
    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(home / "cache"))
    try:
        yield
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(autouse=True)
def _let_go_of_frozen_datasets() -> Iterator[None]:
    """A command freezes the dataset it loads for its process's life (tui.cli.loading); the tests run many
    commands in one process, so what one froze is handed back to the collector after each test."""
    yield
    gc.unfreeze()
