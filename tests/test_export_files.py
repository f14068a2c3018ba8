"""`export -o FILE` and the files the user owns: an interrupted write leaves the old file and no
temporary one, an existing file needs --force, an unwritable path or a full disk is one line, exit 2.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DATA, REPO, run_tui, unprivileged_user
from tui import cli
from tui.core.datapackage import FORMAT as DATAPACKAGE

ORIGINAL = b"the analyst's own file\n"

# The real CLI, with fsync slowed so the write can be interrupted half-way: it says "writing" first.
SLOW_WRITER = """
import os, sys, time
from tui import cli
from tui.core.datapackage import FORMAT as DATAPACKAGE

def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(60)

os.fsync = slow_fsync
sys.exit(cli.main(sys.argv[1:]))
"""


def start_slow_export(target: Path, *options: str) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, "export", "--data", str(DATA), "-o", str(target), "--force", *options],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "writing\n"  # the temporary file is written, not yet in place
    return writer


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_an_interrupted_export_leaves_the_old_file_and_no_temporary(tmp_path: Path, stop: signal.Signals) -> None:
    target = tmp_path / "programs.csv"
    target.write_bytes(ORIGINAL)
    writer = start_slow_export(target)
    assert len(list(tmp_path.iterdir())) == 2  # the temporary file exists while writing
    writer.send_signal(stop)
    _, stderr = writer.communicate(timeout=30)
    assert writer.returncode == 128 + stop  # as a shell reports a program ended by the signal
    assert stderr == ("budget-tui: error: interrupted\n" if stop is signal.SIGINT else "")
    assert target.read_bytes() == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programs.csv"]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_an_interrupted_data_package_leaves_the_old_one_and_no_temporary(tmp_path: Path, stop: signal.Signals) -> None:
    target = tmp_path / "package"
    assert cli.main(["export", "--data", str(DATA), "--format", DATAPACKAGE, "-o", str(target)]) == 0
    (target / "programs.csv").write_bytes(ORIGINAL)  # the old package, told apart from the new one
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    writer = start_slow_export(target, "--format", DATAPACKAGE)
    writer.send_signal(stop)
    writer.communicate(timeout=30)
    assert writer.returncode == 128 + stop
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before


def test_a_killed_export_never_leaves_a_partial_output(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the hidden temporary file may stay, but the output is the old one."""
    target = tmp_path / "programs.csv"
    target.write_bytes(ORIGINAL)
    writer = start_slow_export(target)
    writer.kill()
    writer.communicate(timeout=30)
    assert target.read_bytes() == ORIGINAL
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    assert all(name.startswith(".programs.csv.") and name.endswith(".tmp") for name in leftovers), leftovers


def test_an_export_without_force_keeps_the_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "programs.csv"
    target.write_bytes(ORIGINAL)
    assert cli.main(["export", "--data", str(DATA), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"budget-tui: error: {target} already exists (use --force to replace it)\n"
    assert target.read_bytes() == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programs.csv"]


def test_a_full_disk_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "programs.csv"
    target.write_bytes(ORIGINAL)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    assert cli.main(["export", "--data", str(DATA), "-o", str(target), "--force"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"budget-tui: error: cannot write {target}: No space left on device\n"
    assert captured.out == ""
    assert target.read_bytes() == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programs.csv"]


def test_a_path_under_a_regular_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Unwritable even for root: the parent 'directory' is a file."""
    parent = tmp_path / "notes.txt"
    parent.write_bytes(ORIGINAL)
    result = run_tui("export", "--data", str(DATA), "-o", str(parent / "programs.csv"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"budget-tui: error: cannot write {parent / 'programs.csv'}: Not a directory\n"
    assert parent.read_bytes() == ORIGINAL


def test_a_read_only_directory_is_one_line_and_exit_2(world_readable_tmp: Path) -> None:
    user = unprivileged_user()
    out_dir = world_readable_tmp / "out"
    out_dir.mkdir()
    out_dir.chmod(0o555)
    target = out_dir / "programs.csv"
    result = run_tui("export", "--data", str(DATA), "-o", str(target), user=user)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"budget-tui: error: cannot write {target}: Permission denied\n"
    assert list(out_dir.iterdir()) == []


def test_export_writes_nothing_into_the_data_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_dir.iterdir()}
    directory_mtime = data_dir.stat().st_mtime_ns
    result = run_tui("export", "--data", str(data_dir), "-o", str(tmp_path / "out.csv"))
    assert result.returncode == 0, result.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_dir.iterdir()} == before
    assert data_dir.stat().st_mtime_ns == directory_mtime  # no __pycache__, no cache file came and went
