"""The data layer (tui.core) never imports textual: `check` and `export` must not pay for the UI."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = ("tui.core.loader", "tui.core.model", "tui.core.fmt")
OPTIONAL = ("tui.core.search", "tui.core.audit", "tui.core.export")

PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, f"importing {sys.argv[1:]} loaded {loaded[:5]}"
print("ok")
"""


def existing(names: tuple[str, ...]) -> list[str]:
    return [name for name in names if importlib.util.find_spec(name) is not None]


def import_in_fresh_interpreter(*modules: str) -> subprocess.CompletedProcess[str]:
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.run(
        [sys.executable, "-c", PROBE, *modules],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("module", REQUIRED + OPTIONAL)
def test_core_module_does_not_import_textual(module: str) -> None:
    if module in OPTIONAL and importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist (yet)")
    result = import_in_fresh_interpreter(module)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_whole_data_layer_together_does_not_import_textual() -> None:
    modules = [*REQUIRED, *existing(OPTIONAL)]
    result = import_in_fresh_interpreter(*modules)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
