"""Nothing on the explorer's start-up path imports pandas. (That tui.core never imports Textual is an
import-linter contract, tests/test_layers.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import importlib, sys
forbidden = sys.argv[1]
for name in sys.argv[2:]:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == forbidden or m.startswith(forbidden + "."))
assert not loaded, f"importing {sys.argv[2:]} loaded {loaded[:5]}"
print("ok")
"""


def imports_without(forbidden: str, *modules: str) -> subprocess.CompletedProcess[str]:
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.run(
        [sys.executable, "-c", PROBE, forbidden, *modules],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_explorer_start_up_path_does_not_import_pandas() -> None:
    result = imports_without("pandas", "tui.cli", "tui.core.loader", "tui.ui.app")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_probe_can_fail() -> None:
    """The probe itself must be able to say no, or the tests above prove nothing."""
    result = imports_without("textual", "tui.ui.app")
    assert result.returncode != 0
    assert "loaded ['textual'" in result.stderr
