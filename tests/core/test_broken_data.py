"""The broken-data corpus (tests/core/broken_data/, see its README) and the hostile inputs that cannot
live in git (made here at run time): each ends as one line naming file, line and field, exit status 2,
from `check`, `export` and the explorer alike, and loading writes nothing.

Windows files are the deliberate exception: a UTF-8 BOM and CRLF line ends load, with the same figures
and source line numbers as the original.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import DATA, run_tui, snapshot, unprivileged_user
from tui import cli
from tui.core import yamlio
from tui.core.loader import DATA_FILES, load_dataset
from tui.core.loader.csv_reader import BULK_FILE
from tui.core.model import Dataset
from tui.core.yamlio import MAX_FILE_BYTES

CORPUS = Path(__file__).resolve().parent / "broken_data"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
PWNED = Path("/tmp/budget-tui-pwned")  # what the python/object/new case would create if it were run


def lay_case(case: str, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    for source in (CORPUS / case).iterdir():
        if source.name != "expected.txt":
            shutil.copyfile(source, data_dir / source.name)
    return data_dir


def expected_line(case: str, data_dir: Path) -> str:
    relative = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
    assert "\n" not in relative
    return f"budget-tui: error: {data_dir}/{relative}"


def assert_one_line_error(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n")


# ---- the corpus --------------------------------------------------------------------------------------


def test_the_corpus_has_at_least_20_cases() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        files = {p.name for p in (CORPUS / case).iterdir()}
        assert "expected.txt" in files and files - {"expected.txt"} <= {*DATA_FILES, BULK_FILE}, case


@pytest.mark.parametrize("case", CASES)
def test_check_export_and_explorer_report_the_case_in_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = lay_case(case, tmp_path)
    expected = expected_line(case, data_dir)
    before = snapshot(tmp_path)
    # The explorer must fail before its UI is imported: if loading passed, this import would fail the test.
    monkeypatch.setitem(sys.modules, "tui.ui.app", None)
    for argv in (["check", "--data", str(data_dir)], ["export", "--data", str(data_dir)], ["--data", str(data_dir)]):
        status = cli.main(argv)
        captured = capsys.readouterr()
        assert (status, captured.out, captured.err) == (2, "", expected + "\n"), argv
    assert snapshot(tmp_path) == before, "loading wrote into or next to the data directory"
    assert not PWNED.exists()


@pytest.mark.parametrize("case", CASES)
def test_the_explorer_entry_point_in_a_process(case: str, tmp_path: Path) -> None:
    """`python -m tui --data DIR` as a user runs it: exit 2, the one line, no traceback, no screen."""
    data_dir = lay_case(case, tmp_path)
    assert_one_line_error(run_tui("--data", str(data_dir)), expected_line(case, data_dir))
    assert not PWNED.exists()


# ---- what cannot live in git -------------------------------------------------------------------------


def test_a_50_mb_file_is_refused_unread_and_quickly(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    big = data_dir / "quantum.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with big.open("wb") as handle:
        for _ in range(50 * 1024):
            handle.write(line)
    size = big.stat().st_size
    assert size == 50 * 1024 * 1024 > MAX_FILE_BYTES
    started = time.perf_counter()
    result = run_tui("check", "--data", str(data_dir), timeout=30)
    elapsed = time.perf_counter() - started
    assert_one_line_error(
        result,
        f"budget-tui: error: {big}: too large: {size:,} bytes (a data file may have at most {MAX_FILE_BYTES:,} bytes)",
    )
    assert elapsed < 10, f"took {elapsed:.1f}s: the file was read"


def test_the_size_cap_leaves_room_above_the_shipped_files() -> None:
    assert sum((DATA / name).stat().st_size for name in DATA_FILES) * 20 < MAX_FILE_BYTES


@pytest.mark.parametrize("what", ["directory", "file"])
def test_unreadable_data_is_named_not_called_missing(world_readable_tmp: Path, what: str) -> None:
    user = unprivileged_user()
    data_dir = world_readable_tmp / "data"
    shutil.copytree(DATA, data_dir)
    for path in [data_dir, *data_dir.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    locked = data_dir if what == "directory" else data_dir / "ai.yaml"
    locked.chmod(0)
    # The first file the loader cannot read: dataset.yaml inside a closed directory, or ai.yaml itself.
    named = data_dir / "dataset.yaml" if what == "directory" else locked
    expected = f"budget-tui: error: {named}: cannot read: Permission denied"
    for args in (["check", "--data", str(data_dir)], ["--data", str(data_dir)]):
        assert_one_line_error(run_tui(*args, user=user), expected)


def test_symlink_loops(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop-back")
    (tmp_path / "loop-back").symlink_to(loop)
    assert_one_line_error(
        run_tui("check", "--data", str(loop)),
        f"budget-tui: error: {loop}: cannot read the data directory: Too many levels of symbolic links",
    )
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    (data_dir / "ai.yaml").unlink()
    (data_dir / "ai.yaml").symlink_to(data_dir / "ai.yaml")
    assert_one_line_error(
        run_tui("--data", str(data_dir)),
        f"budget-tui: error: {data_dir / 'ai.yaml'}: cannot read: Too many levels of symbolic links",
    )


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    fifo = data_dir / "totals.yaml"
    fifo.unlink()
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    result = run_tui("check", "--data", str(data_dir), timeout=30)  # a reader that opened it would wait forever
    assert_one_line_error(result, f"budget-tui: error: {fifo}: not a regular file")


def test_a_directory_for_a_file_and_a_file_for_the_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    (data_dir / "ministries.yaml").unlink()
    (data_dir / "ministries.yaml").mkdir()
    assert_one_line_error(
        run_tui("check", "--data", str(data_dir)),
        f"budget-tui: error: {data_dir / 'ministries.yaml'}: not a regular file",
    )
    given = data_dir / "dataset.yaml"
    assert_one_line_error(
        run_tui("--data", str(given)),
        f"budget-tui: error: {given}: not a directory (--data names the directory of the YAML files)",
    )


# ---- Windows files load ------------------------------------------------------------------------------


def facts(dataset: Dataset) -> dict[str, object]:
    """Everything a figure or a citation depends on, per node."""
    return {
        node.id: (
            node.kind,
            node.name,
            node.figures,
            (node.source.line, node.source.text) if node.source is not None else None,
            node.relist_of.id if node.relist_of is not None else None,
        )
        for node in dataset.nodes.values()
    }


@pytest.mark.parametrize(
    ("bom", "line_end"), [(True, b"\n"), (False, b"\r\n"), (True, b"\r\n")], ids=["bom", "crlf", "bom-crlf"]
)
def test_a_file_saved_on_windows_loads_with_the_same_figures_and_lines(
    tmp_path: Path, bom: bool, line_end: bytes
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    for name in DATA_FILES:
        path = data_dir / name
        raw = path.read_bytes()
        assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")  # the originals are LF without BOM
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw.replace(b"\n", line_end))
    windows = facts(load_dataset(data_dir))
    original = facts(load_dataset(DATA))
    assert windows == original
    assert len(windows) > 250


# ---- only a safe loader ------------------------------------------------------------------------------


def test_yaml_is_parsed_by_a_safe_loader_and_no_constructor_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data is composed into nodes by a safe loader and turned into values by yamlio itself: no
    YAML constructor runs at all, so a python tag can only ever be refused, never built."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a YAML constructor or an unsafe loader ran")

    for name in ("load", "load_all", "full_load", "full_load_all", "unsafe_load", "unsafe_load_all"):
        monkeypatch.setattr(yaml, name, forbidden)
    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_object", forbidden)
    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_document", forbidden)
    assert len(load_dataset(DATA).nodes) > 250
    assert issubclass(yamlio._Loader, yaml.constructor.SafeConstructor)
    assert not issubclass(yamlio._Loader, yaml.constructor.FullConstructor)
