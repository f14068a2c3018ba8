"""Shared by the tests that run the command line as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


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
