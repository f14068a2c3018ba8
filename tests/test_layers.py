"""The layering contracts of pyproject.toml ([tool.importlinter]): tui.cli over tui.ui over tui.core, the
core free of Textual. `lint-imports` keeps them, and it says no to a planted violation (or the first
test would prove nothing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with ``root``'s pyproject.toml, importing the ``tui`` under ``root``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_layers_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_planted_violation_breaks_them(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tui", tmp_path / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    rules = tmp_path / "tui" / "core" / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nimport textual  # planted\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    assert "the core is plain data: no Textual, no UI, no command line BROKEN" in result.stdout
    assert "tui.core.rules -> textual" in result.stdout
    assert "layers: the command line over the UI over the core KEPT" in result.stdout  # only that one
