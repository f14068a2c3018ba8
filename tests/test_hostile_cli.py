"""Issue 14 at the command line: nothing the user owns is deleted or replaced but a regular file or a
previous data package; the outcome reported is the one on disk; concurrent exports take turns; a full or
closed stdout, an ASCII locale, a deleted working directory or a missing terminal is one line, never a
traceback. These tests run as root here (which ignores permissions: the rules must not rely on them).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import DATA, REPO
from tui import cli
from tui.core import files
from tui.core.datapackage import FORMAT as DATAPACKAGE

THESIS = b"my thesis, three years of work\n"
PACKAGE_FILES = ["datapackage.json", "ministries.csv", "programs.csv", "strategy.csv", "totals.csv"]


def export(*args: str) -> int:
    return cli.main(["export", "--data", str(DATA), *args])


def package(target: Path, *args: str) -> int:
    return export("--format", DATAPACKAGE, "-o", str(target), *args)


def tree(path: Path) -> dict[str, bytes | str]:
    """Every entry under ``path``: file contents, or what a non-file is."""
    result: dict[str, bytes | str] = {}
    for entry in sorted(path.rglob("*")):
        info = entry.lstat()
        key = str(entry.relative_to(path))
        if stat.S_ISLNK(info.st_mode):
            result[key] = f"-> {os.readlink(entry)}"
        elif stat.S_ISREG(info.st_mode):
            result[key] = entry.read_bytes()
        else:
            result[key] = files.kind_of(info.st_mode)
    return result


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[str], start: str) -> None:
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(start), result.stderr


# ---- 1. data loss: --force replaces only a previous data package ---------------------------------------


@pytest.mark.parametrize(
    "others",
    [
        {"t.txt": THESIS},  # the case
        {"programs.csv": b"not ours\n", "notes.md": THESIS},  # a name the package uses, and another file
        {"datapackage.json": b"{not json", "t.txt": THESIS},  # a broken descriptor
        {"datapackage.json": b'{"resources": [{"path": "t.txt"}]}', "t.txt": THESIS},  # lists a file not ours
        {"datapackage.json": b'{"resources": [{"path": "../t.txt"}]}', "t.txt": THESIS},
        {"datapackage.json": b'{"resources": "programs.csv"}', "programs.csv": THESIS},
    ],
)
def test_force_refuses_a_directory_that_is_not_a_previous_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], others: dict[str, bytes]
) -> None:
    target = tmp_path / "p"
    target.mkdir()
    for name, data in others.items():
        (target / name).write_bytes(data)
    before = tree(tmp_path)
    assert package(target, "--force") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"budget-tui: error: {target} ") and err.count("\n") == 1
    assert "--force replaces only a previous data package, so nothing was written or deleted" in err
    assert tree(tmp_path) == before


def test_force_keeps_a_previous_package_with_a_file_added_to_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: E501
    target = tmp_path / "p"
    assert package(target) == 0
    (target / "analysis.ipynb").write_bytes(THESIS)
    (target / "figures").mkdir()
    before = tree(tmp_path)
    assert package(target, "--force") == 2
    assert "holds files that are not part of its data package (analysis.ipynb, figures)" in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_force_refuses_a_package_whose_file_is_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert package(target) == 0
    outside = tmp_path / "thesis.txt"
    outside.write_bytes(THESIS)
    (target / "totals.csv").unlink()
    (target / "totals.csv").symlink_to(outside)
    before = tree(tmp_path)
    assert package(target, "--force") == 2
    assert tree(tmp_path) == before


def test_force_replaces_a_previous_package_and_only_its_files(tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert package(target) == 0
    (target / "programs.csv").write_bytes(b"edited\n")
    os.chmod(target, 0o750)
    assert package(target, "--force") == 0
    assert sorted(p.name for p in target.iterdir()) == PACKAGE_FILES
    assert (target / "programs.csv").read_bytes() != b"edited\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o750  # the directory keeps its mode
    assert [p.name for p in tmp_path.iterdir()] == ["p"]  # no hidden .p.*.old or .tmp left


def test_force_into_the_working_directory_or_the_data_directory_deletes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(DATA), str(data)], check=True)
    (data / "t.txt").write_bytes(THESIS)
    before = tree(tmp_path)
    for target, cwd in ((".", data), (str(data), REPO)):
        result = subprocess.run(
            [sys.executable, "-m", "tui", "export", "--data", str(data), "--format", DATAPACKAGE, "-o", target,
             "--force"], cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
            timeout=60, check=False,
        )  # fmt: skip
        one_line(result, f"budget-tui: error: {target} is not a data package budget-tui wrote")
    assert tree(tmp_path) == before


# ---- 1. data loss: only regular files are replaced ---------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/stdout", "/dev/full", "/dev/null"])
def test_a_device_or_its_symlink_is_never_replaced(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = os.lstat(device)
    assert export("-o", device, "--force") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"budget-tui: error: {device} is a ") and err.endswith(
        "budget-tui replaces only regular files; for stdout use -o - (or leave -o out)\n"
    )
    after = os.lstat(device)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


@pytest.mark.parametrize("what", ["symlink-to-file", "dangling-symlink", "fifo", "socket"])
def test_other_non_files_are_never_replaced(tmp_path: Path, what: str) -> None:
    target = tmp_path / "out.csv"
    real = tmp_path / "real.csv"
    real.write_bytes(THESIS)
    if what == "symlink-to-file":
        target.symlink_to(real)
    elif what == "dangling-symlink":
        target.symlink_to(tmp_path / "nowhere")
    elif what == "fifo":
        os.mkfifo(target)
    else:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
    before = tree(tmp_path)
    assert export("-o", str(target), "--force") == 2
    assert export("-o", str(target)) == 2
    assert tree(tmp_path) == before


def test_dash_means_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert export("-o", "-", "--table", "totals") == 0
    assert capsys.readouterr().out.startswith("item_ja,item_en,fy2020")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_force_keeps_the_replaced_files_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "programs.csv"
    target.write_bytes(THESIS)
    os.chmod(target, mode)
    assert export("-o", str(target), "--force") == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() != THESIS


# ---- 1. the outcome reported is the outcome on disk ------------------------------------------------


def _interrupt_right_after(monkeypatch: pytest.MonkeyPatch, name: str, signum: int) -> None:
    real = getattr(files.os, name)

    def then_signal(src: str | Path, dst: str | Path) -> None:
        real(src, dst)
        if str(src).endswith(".tmp"):  # the new file or package just went into place
            # To the main thread, as a terminal or `kill` reaches a single-threaded CLI: a process-wide
            # signal may land on a thread an earlier test left running, which does not hold it.
            signal.pthread_kill(threading.main_thread().ident or 0, signum)

    monkeypatch.setattr(files.os, name, then_signal)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
@pytest.mark.parametrize("force", [True, False])
def test_a_signal_right_after_the_rename_reports_the_file_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, signum: int, force: bool
) -> None:
    target = tmp_path / "programs.csv"
    if force:
        target.write_bytes(THESIS)
    _interrupt_right_after(monkeypatch, "replace" if force else "link", signum)
    assert export("-o", str(target), *(["--force"] if force else [])) == 0
    err = capsys.readouterr().err
    assert err.startswith("budget-tui: wrote programs") and "interrupted" not in err
    assert target.read_bytes().startswith(b"id,strategy,path")
    assert [p.name for p in tmp_path.iterdir()] == ["programs.csv"]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
@pytest.mark.parametrize("force", [True, False])
def test_a_signal_right_after_the_package_rename_reports_it_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, signum: int, force: bool
) -> None:
    target = tmp_path / "p"
    if force:
        assert package(target) == 0
        capsys.readouterr()
    _interrupt_right_after(monkeypatch, "rename", signum)
    assert package(target, *(["--force"] if force else [])) == 0
    assert capsys.readouterr().err.startswith("budget-tui: wrote a data package")
    assert sorted(p.name for p in target.iterdir()) == PACKAGE_FILES
    assert [p.name for p in tmp_path.iterdir()] == ["p"]  # the old one removed even so


# ---- 1. concurrent exports take turns ------------------------------------------------------------

# The real CLI whose first fsync waits until the test creates GO: by then it holds the turn (the lock).
GATED_WRITER = """
import os, sys, time
from pathlib import Path
from tui import cli
real_fsync, go = os.fsync, Path(sys.argv[1])
def gated_fsync(fd):
    if not go.exists():
        print("writing", flush=True)
        while not go.exists():
            time.sleep(0.01)
    real_fsync(fd)
os.fsync = gated_fsync
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.mark.parametrize("force", [False, True])
def test_concurrent_package_exports_take_turns_and_leave_nothing_behind(tmp_path: Path, force: bool) -> None:
    target, go = tmp_path / "out" / "p", tmp_path / "go"
    target.parent.mkdir()
    argv = ["export", "--data", str(DATA), "--format", DATAPACKAGE, "-o", str(target), *(["--force"] if force else [])]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.Popen(
        [sys.executable, "-c", GATED_WRITER, str(go), *argv], cwd=REPO, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert first.stdout is not None and first.stdout.readline() == "writing\n"
    second = subprocess.Popen(
        [sys.executable, "-m", "tui", *argv], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    go.touch()
    _, first_err = first.communicate(timeout=60)
    _, second_err = second.communicate(timeout=60)
    assert first.returncode == 0, first_err
    if force:  # one after the other: the second replaces the first's package
        assert second.returncode == 0, second_err
    else:  # the loser sees the winner's package
        assert (second.returncode, second_err) == (
            2,
            f"budget-tui: error: {target} exists and is not empty (use --force to replace a data package "
            "written before)\n",
        )
    assert sorted(p.name for p in target.iterdir()) == PACKAGE_FILES
    assert json.loads((target / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert [p.name for p in target.parent.iterdir()] == ["p"]  # no .p.*.old, no .p.*.tmp


# ---- 3. no traceback ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", "--format", "md"],
        ["check"],
        ["export", "--table", "strategy", "--format", "json"],
        ["--help"],  # argparse ignores the write error: it exited 0 with nothing written
        ["export", "--help"],
        ["--version"],
    ],
)
def test_a_full_stdout_is_one_line(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", *argv], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )  # fmt: skip
    one_line(result, "budget-tui: error: cannot write to stdout: No space left on device")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "argv", [["export"], ["check"], ["export", "--table", "totals", "--format", "json"], ["--help"], ["sum", "--help"]]
)
def test_a_closed_stdout_is_one_line(argv: list[str]) -> None:
    result = subprocess.run(
        ["sh", "-c", f'exec "$0" -m tui {" ".join(argv)} >&-', sys.executable], cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    one_line(result, "budget-tui: error: cannot write to stdout: it is closed")


@pytest.mark.parametrize(
    "env",
    [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}],
    ids=["C-locale", "ascii", "latin-1"],
)
@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["check"], ["check", "--data", "/nowhere/令和"]])
def test_a_non_utf8_locale_gets_escapes_not_a_traceback(env: dict[str, str], argv: list[str]) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONUTF8")}
    result = subprocess.run(
        [sys.executable, "-m", "tui", *argv], cwd=REPO, env={**environment, "PYTHONPATH": str(REPO), **env},
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert b"Traceback" not in result.stderr, result.stderr
    if argv[-1].startswith("/nowhere"):
        assert result.returncode == 2
        assert result.stderr.isascii() and result.stderr.count(b"\n") == 1  # escapes (C: of undecodable bytes)
        assert result.stderr.startswith(b"budget-tui: error: /nowhere/\\")
        assert result.stderr.endswith(b": no such data directory\n")
    else:
        assert result.returncode == 0, result.stderr
        assert argv == ["export", "--help"] or b"\\u" in result.stdout  # the Japanese text as escapes


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", DATAPACKAGE, "-o", "p"],
        ["export", "--format", DATAPACKAGE, "-o", "p", "--force"],
        ["export", "-o", "out.csv"],
        ["export", "-o", "out.csv", "--force"],
    ],
)
def test_exporting_from_a_deleted_working_directory_is_one_line(tmp_path: Path, argv: list[str]) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    result = python(
        f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        f"from tui import cli; sys.exit(cli.main({argv!r}))"
    )
    target = argv[argv.index("-o") + 1]
    one_line(result, f"budget-tui: error: cannot write {target}: the working directory no longer exists")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stdin", ["devnull", "pipe", "file"])
def test_the_explorer_without_a_terminal_says_so(tmp_path: Path, stdin: str) -> None:
    source = {"devnull": subprocess.DEVNULL, "pipe": subprocess.PIPE}.get(stdin)
    if source is None:
        (tmp_path / "keys").write_text("q\n")
        source = (tmp_path / "keys").open()
    result = subprocess.run(
        [sys.executable, "-m", "tui"], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdin=source,
        input=None, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    one_line(result, "budget-tui: error: the explorer needs a terminal, and stdin is not one")


# ---- 5. data-package targets that are symlinks ---------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("empty-dir", "is a symbolic link to the directory {target}; give the directory itself"),
        ("dangling", "is a symbolic link to {target}, which does not exist; give the directory itself"),
        ("file", "is a symbolic link to {target}, which is not a directory; give the directory itself"),
    ],
)
def test_a_symlink_as_the_package_directory_is_named_for_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: str, message: str
) -> None:
    pointed = tmp_path / "pointed"
    if make == "empty-dir":
        pointed.mkdir()
    elif make == "file":
        pointed.write_bytes(THESIS)
    link = tmp_path / "link"
    link.symlink_to(pointed)
    before = tree(tmp_path)
    for force in ([], ["--force"]):
        assert package(link, *force) == 2
        assert capsys.readouterr().err == f"budget-tui: error: {link} {message.format(target=pointed)}\n"
    assert tree(tmp_path) == before


def test_control_characters_in_a_path_are_shown_not_obeyed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "\x1b]0;PWNED\x07\x1b[41m" / "out.csv"
    assert export("-o", str(target)) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;PWNED\\x07\\x1b[41m" in err
