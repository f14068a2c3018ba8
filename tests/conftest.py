"""Fixtures shared by every test directory."""

from __future__ import annotations

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
