"""Shared by the tests that run the command line as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import tui.core.lines as lines
import tui.core.subtotal as subtotal
from tui.core.lines import LineIndex
from tui.core.model import Dataset

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
NOBODY = 65534


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` from the checkout, capturing its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def run_tui(*args: str, timeout: float = 60, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` in a subprocess (as ``user`` through setpriv if given), with a timeout."""
    prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"] if user is not None else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "tui", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def unprivileged_user() -> int | None:
    """Whom to run as so that permissions apply: None when we already are unprivileged."""
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, which ignores permissions, and setpriv is not installed to drop them")
    probe = run_tui("--version", user=NOBODY)
    if probe.returncode != 0:
        pytest.skip(f"running as root and user {NOBODY} cannot run this Python: {probe.stderr.strip()[:200]}")
    return NOBODY


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]] | None:
    """Bytes and mtime of every entry (and of the directory itself): loading must change none."""
    if not directory.exists():
        return None
    state = {".": (b"", directory.stat().st_mtime_ns)}
    for entry in sorted(directory.rglob("*")):
        stat = entry.stat()
        content = entry.read_bytes() if entry.is_file() else b""
        state[str(entry.relative_to(directory))] = (content, stat.st_mtime_ns)
    return state


@contextmanager
def line_index(dataset: Dataset, warmed: bool) -> Iterator[LineIndex]:
    """A LineIndex as a first query finds it, or (``warmed``) after the explorer's warm-up in its worker
    thread: single characters matched ahead, amount bitmaps at checkpoints and bit planes for the Σ, with
    the thresholds lowered so that the seed's 47 lines take those paths too."""
    with pytest.MonkeyPatch.context() as patch:
        index = LineIndex(dataset)
        if warmed:
            patch.setattr(lines, "_CHECKPOINT", 4)
            patch.setattr(subtotal, "_PLANES_FROM", 0)
            index.warm()
            subtotal.prepare_planes(index)
            assert index._frequent and subtotal._prepare(index).planes  # the paths under test exist
        yield index
