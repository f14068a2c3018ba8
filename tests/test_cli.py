"""The `budget-tui` command line as a user runs it: `python -m tui ...` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import DATA, REPO, run_cli
from tui import __version__


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"budget-tui {__version__}"


def test_help_lists_the_subcommands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "check" in result.stdout and "export" in result.stdout and "--data" in result.stdout
    assert result.stderr == ""


def test_check_help() -> None:
    result = run_cli("check", "--help")
    assert result.returncode == 0
    assert "--data" in result.stdout
    assert "Exit 0" in " ".join(result.stdout.split())  # the exit codes are documented


def test_export_help() -> None:
    result = run_cli("export", "--help")
    assert result.returncode == 0
    for option in (
        "--table",
        "--format",
        "--output",
        "--force",
        "programs",
        "ministries",
        "totals",
        "strategy",
    ):
        assert option in result.stdout
    for fmt in ("csv", "tsv", "json", "md"):
        assert fmt in result.stdout


def test_check_exits_0_on_the_bundled_data() -> None:
    result = run_cli("check", "--data", str(DATA))
    assert result.returncode == 0, result.stdout[-2000:]
    assert " failed" in result.stdout and result.stderr == ""


def test_unknown_choice_is_a_usage_error() -> None:
    result = run_cli("export", "--table", "nope")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_data_exits_2_with_one_line(tmp_path: Path) -> None:
    for command in ("check", "export"):
        result = run_cli(command, "--data", str(tmp_path / "missing"))
        assert result.returncode == 2
        assert result.stderr.startswith("budget-tui: error:")
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stdout == ""


def test_existing_output_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    target.write_text("x\n", encoding="utf-8")
    result = run_cli("export", "--data", str(DATA), "-o", str(target))
    assert result.returncode == 2
    assert target.read_text(encoding="utf-8") == "x\n"


def test_export_to_a_closed_pipe_is_quiet() -> None:
    export = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--data", str(DATA), "--table", "strategy"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert export.stdout is not None and export.stderr is not None
    export.stdout.read(10)
    export.stdout.close()  # like `| head -c 10`
    stderr = export.stderr.read().decode("utf-8")
    export.wait()
    assert "Traceback" not in stderr
