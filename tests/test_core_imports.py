"""Import boundaries: the data layer (tui.core) never imports textual, so `check` and `export` do not
pay for the UI; and nothing on the explorer's start-up path imports pandas."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = (
    "tui.core.loader",
    "tui.core.model",
    "tui.core.fmt",
    "tui.core.search",
    "tui.core.table",
    "tui.core.detail",
    "tui.core.audit",
    "tui.core.export",
    "tui.core.chart",
    "tui.core.treemap",
    "tui.core.datapackage",
    "tui.cli.check",
    "tui.cli.export",
)

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


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    result = imports_without("textual", module)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_explorer_start_up_path_does_not_import_pandas() -> None:
    result = imports_without("pandas", "tui.cli", "tui.core.loader", "tui.ui.app")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_probe_can_fail() -> None:
    """The probe itself must be able to say no, or the tests above prove nothing."""
    result = imports_without("textual", "tui.ui.app")
    assert result.returncode != 0
    assert "loaded ['textual'" in result.stderr
