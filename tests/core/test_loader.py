"""Bad input: every broken data file ends as one line naming file, line and field — never a traceback.

Each case copies ``data/`` to a temporary directory, breaks ONE file and remembers where (the line is
computed from where the fault was put, never typed in), then runs ``budget-tui --data DIR check`` in a
subprocess and calls :func:`load_dataset` directly. Loading must never write: every file keeps its bytes
and its mtime.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import snapshot
from tui.core.errors import DataError
from tui.core.loader import DATA_FILES, load_dataset
from tui.core.model import Dataset, Node

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SEED = ROOT / "tests" / "fixtures" / "seed.txt"


# ---- helpers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """Where the fault is: the error must name this file, line (1-based) and field."""

    path: Path
    line: int | None
    field: str | None
    message: str  # a fragment of the message, lower-case


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_bytes("".join(lines).encode("utf-8"))


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def find(lines: list[str], pattern: str, start: int = 0) -> int:
    """Index (0-based) of the first line at or after ``start`` matching ``pattern``."""
    regex = re.compile(pattern)
    for index in range(start, len(lines)):
        if regex.search(lines[index]):
            return index
    raise AssertionError(f"no line matches {pattern!r}")


def program_block(lines: list[str], nth: int = 0) -> tuple[int, int, int]:
    """(first line index, end index, key indent) of the nth ``kind: program`` mapping of a tree file."""
    kind_index = -1
    for _ in range(nth + 1):
        kind_index = find(lines, r"^\s*kind: program\s*$", kind_index + 1)
    indent = indent_of(lines[kind_index])
    start = kind_index
    while not lines[start].startswith(" " * (indent - 2) + "- "):
        start -= 1
    end = kind_index + 1
    while end < len(lines) and (not lines[end].strip() or indent_of(lines[end]) >= indent):
        end += 1
    return start, end, indent


def key_entry(lines: list[str], block: tuple[int, int, int], key: str) -> tuple[int, int]:
    """(index, end) of ``key:`` in a program block, its continuation lines included."""
    start, end, indent = block
    for index in range(start, end):
        line = lines[index]
        # the first key sits after the item's "- ", the others at the mapping's indent
        if (index == start or indent_of(line) == indent) and line[indent:].startswith(f"{key}:"):
            stop = index + 1
            while stop < end and indent_of(lines[stop]) > indent:
                stop += 1
            return index, stop
    raise AssertionError(f"program block at line {start + 1} has no {key}")


def scalar_amount_line(lines: list[str], key: str = "fy2020") -> int:
    """Index of the first ``<key>: <number>`` line (an amount written inline)."""
    return find(lines, r"^\s*" + key + r": [0-9][0-9.]*\s*$")


def replace_value(lines: list[str], index: int, value: str) -> None:
    key, _, _ = lines[index].partition(":")
    lines[index] = f"{key}: {value}\n"


# ---- the faults ------------------------------------------------------------------------------------
# Each takes a fresh copy of data/ and returns where the loader must say the fault is.


def broken_syntax(d: Path) -> Expected:
    path = d / "dataset.yaml"
    lines = read_lines(path)
    index = find(lines, r"^unit_en: ")
    lines[index] = "unit_en: 100 million: yen\n"  # a second ': ' in a plain scalar
    write_lines(path, lines)
    return Expected(path, index + 1, None, "invalid yaml")


def empty_file(d: Path) -> Expected:
    path = d / "totals.yaml"
    path.write_bytes(b"")
    return Expected(path, None, None, "empty")


def missing_required_field(d: Path) -> Expected:
    path = d / "quantum.yaml"
    lines = read_lines(path)
    block = program_block(lines, nth=1)
    index, stop = key_entry(lines, block, "name_en")
    del lines[index:stop]
    write_lines(path, lines)
    # The field is gone, so the error names the record it is missing from: the line its mapping starts on.
    return Expected(path, block[0] + 1, "name_en", "missing")


def text_amount(d: Path) -> Expected:
    path = d / "ai.yaml"
    lines = read_lines(path)
    index = scalar_amount_line(lines)
    replace_value(lines, index, "abc")
    write_lines(path, lines)
    return Expected(path, index + 1, "fy2020", "expected an amount")


def negative_amount(d: Path) -> Expected:
    path = d / "quantum.yaml"
    lines = read_lines(path)
    index = scalar_amount_line(lines, "fy2019")
    replace_value(lines, index, "-5")
    write_lines(path, lines)
    return Expected(path, index + 1, "fy2019", "negative")


def dangling_relist(d: Path) -> Expected:
    path = d / "quantum.yaml"
    lines = read_lines(path)
    index = find(lines, r"^\s*relist_of: ")
    replace_value(lines, index, "quantum.no-such-program")
    write_lines(path, lines)
    return Expected(path, index + 1, "relist_of", "points at no program")


def unknown_ministry(d: Path) -> Expected:
    path = d / "ai.yaml"
    lines = read_lines(path)
    index = find(lines, r"^\s*ministry: 文部科学省\s*$")
    replace_value(lines, index, "未来省")
    write_lines(path, lines)
    return Expected(path, index + 1, "ministry", "unknown ministry")


def not_utf8(d: Path) -> Expected:
    path = d / "quantum.yaml"
    raw = path.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(raw) if i > 40 and line.lstrip().startswith(b"name_en: "))
    raw[index] += b" caf\xe9"  # Latin-1 é
    path.write_bytes(b"\n".join(raw))
    return Expected(path, index + 1, None, "utf-8")


def duplicated_id(d: Path) -> Expected:
    taken = re.search(r"^- id: (\S+)$", (d / "totals.yaml").read_text(encoding="utf-8"), re.M)
    assert taken is not None
    path = d / "quantum.yaml"
    lines = read_lines(path)
    block = program_block(lines, nth=2)
    index, _ = key_entry(lines, block, "id")
    lines[index] = lines[index].split("id:")[0] + f"id: {taken.group(1)}\n"
    write_lines(path, lines)
    return Expected(path, index + 1, "id", "duplicated id")


def python_object_tag(d: Path) -> Expected:
    path = d / "quantum.yaml"
    lines = read_lines(path)
    index = scalar_amount_line(lines)
    replace_value(lines, index, "!!python/object:os.system {}")
    write_lines(path, lines)
    return Expected(path, index + 1, "fy2020", "tag")


def python_apply_tag(d: Path) -> Expected:
    path = d / "ai.yaml"
    lines = read_lines(path)
    index = scalar_amount_line(lines)
    replace_value(lines, index, '!!python/object/apply:os.system ["echo pwned"]')
    write_lines(path, lines)
    return Expected(path, index + 1, "fy2020", "tag")


def duplicated_key(d: Path) -> Expected:
    path = d / "quantum.yaml"
    lines = read_lines(path)
    block = program_block(lines, nth=3)
    _, stop = key_entry(lines, block, "name_en")
    lines.insert(stop, " " * block[2] + "name_en: A second English name\n")
    write_lines(path, lines)
    return Expected(path, stop + 1, "name_en", "duplicated key")


def unknown_field(d: Path) -> Expected:
    path = d / "ai.yaml"
    lines = read_lines(path)
    block = program_block(lines, nth=1)
    _, stop = key_entry(lines, block, "name_ja")
    lines.insert(stop, " " * block[2] + "colour: red\n")
    write_lines(path, lines)
    return Expected(path, stop + 1, "colour", "unknown field")


def yaml_alias(d: Path) -> Expected:
    """Aliases are refused where they are used: building would copy the node at every use."""
    path = d / "quantum.yaml"
    lines = read_lines(path)
    anchor = scalar_amount_line(lines)
    lines[anchor] = lines[anchor].replace(": ", ": &amount ", 1)
    index = find(lines, r"^\s*fy2019: [0-9][0-9.]*\s*$", anchor + 1)
    replace_value(lines, index, "*amount")
    write_lines(path, lines)
    return Expected(path, index + 1, None, "alias")


def missing_file(d: Path) -> Expected:
    path = d / "ai.yaml"
    path.unlink()
    return Expected(path, None, None, "missing")


def missing_directory(d: Path) -> Expected:
    shutil.rmtree(d)
    return Expected(d, None, None, "no such data directory")


def list_not_mapping(d: Path) -> Expected:
    path = d / "totals.yaml"
    text = "# 全体額 — written as a list by mistake\n- id: totals.all\n  name_ja: 計\n"
    path.write_text(text, encoding="utf-8")
    return Expected(path, 2, None, "mapping")


FAULTS: dict[str, Callable[[Path], Expected]] = {
    f.__name__: f
    for f in (
        broken_syntax,
        empty_file,
        missing_required_field,
        text_amount,
        negative_amount,
        dangling_relist,
        unknown_ministry,
        not_utf8,
        duplicated_id,
        python_object_tag,
        python_apply_tag,
        duplicated_key,
        unknown_field,
        yaml_alias,
        missing_file,
        missing_directory,
        list_not_mapping,
    )
}
DATA_AFTER_SUBCOMMAND = {"broken_syntax", "unknown_ministry", "python_apply_tag", "missing_directory"}


def run_check(data_dir: Path, cwd: Path, *, data_after: bool = False) -> subprocess.CompletedProcess[str]:
    args = ["check", "--data", str(data_dir)] if data_after else ["--data", str(data_dir), "check"]
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )


def assert_names(message: str, expected: Expected) -> None:
    """The one-line message names the file, the line and the field, in that order."""
    where = str(expected.path) + (f":{expected.line}:" if expected.line is not None else ": ")
    assert where in message, f"expected {where!r} in {message!r}"
    if expected.field is not None:
        named = f"{where.rstrip()} {expected.field}:"
        assert named in message, f"field {expected.field!r} not named: {message!r}"
    assert expected.message in message.lower(), f"expected {expected.message!r} in {message!r}"


# ---- the CLI: exit 2, one line on stderr, nothing written ------------------------------------------


CLI_CASES = [pytest.param(name, False, id=name) for name in FAULTS] + [
    pytest.param(name, True, id=f"{name}-data-after-check") for name in sorted(DATA_AFTER_SUBCOMMAND)
]


@pytest.mark.parametrize(("fault", "data_after"), CLI_CASES)
def test_check_reports_bad_input_in_one_line(tmp_path: Path, fault: str, data_after: bool) -> None:
    data_dir = copy_data(tmp_path)
    expected = FAULTS[fault](data_dir)
    before = snapshot(data_dir)
    others_before = snapshot(tmp_path)

    result = run_check(data_dir, tmp_path, data_after=data_after)

    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.endswith("\n")
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("budget-tui: error: "), lines[0]
    assert_names(lines[0], expected)
    assert "pwned" not in result.stdout  # the os.system tag was never constructed, let alone run
    assert snapshot(data_dir) == before, "loading changed a data file"
    assert snapshot(tmp_path) == others_before, "loading created or changed a file next to the data"


def test_check_on_intact_copy_is_not_bad_input(tmp_path: Path) -> None:
    """The control: the same copy without a fault loads (exit 0 or 1, never 2) and stays untouched."""
    data_dir = copy_data(tmp_path)
    before = snapshot(data_dir)
    result = run_check(data_dir, tmp_path)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode in (0, 1), (result.returncode, result.stderr)
    assert snapshot(data_dir) == before


# ---- load_dataset: DataError carries path, line and field ------------------------------------------


@pytest.mark.parametrize("fault", list(FAULTS))
def test_load_dataset_raises_data_error_with_location(tmp_path: Path, fault: str) -> None:
    data_dir = copy_data(tmp_path)
    expected = FAULTS[fault](data_dir)
    before = snapshot(data_dir)
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    error = info.value
    assert (error.path, error.line, error.field) == (expected.path, expected.line, expected.field), str(error)
    assert "\n" not in str(error)
    assert_names(str(error), expected)
    assert snapshot(data_dir) == before


def test_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """A few lines of nested aliases ("billion laughs") must fail fast, not expand to 9**9 items."""
    data_dir = copy_data(tmp_path)
    path = data_dir / "totals.yaml"
    levels = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    path.write_text("\n".join(levels) + "\n", encoding="utf-8")
    result = run_check(data_dir, tmp_path)  # in a subprocess, so a regression times out instead of hanging
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert f"{path}:2:" in result.stderr and "alias" in result.stderr


def test_python_apply_tag_runs_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    data_dir = copy_data(tmp_path)
    marker = tmp_path / "ran"
    path = data_dir / "quantum.yaml"
    lines = read_lines(path)
    index = scalar_amount_line(lines)
    replace_value(lines, index, f'!!python/object/apply:os.system ["echo pwned; touch {marker}"]')
    write_lines(path, lines)
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    assert info.value.line == index + 1
    assert not marker.exists()
    assert "pwned" not in capfd.readouterr().out


def test_data_error_message_format() -> None:
    assert str(DataError(Path("d/ai.yaml"), 12, "fy2020", "bad")) == "d/ai.yaml:12: fy2020: bad"
    assert str(DataError(Path("d/ai.yaml"), None, None, "missing")) == "d/ai.yaml: missing"


# ---- good input: exact decimals, found by their seed line -----------------------------------------


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


def seed_line(fragment: str) -> int:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    matches = [n for n, line in enumerate(lines, 1) if fragment in line]
    assert len(matches) == 1, (fragment, matches)
    return matches[0]


def program_on_line(dataset: Dataset, line: int) -> Node:
    found = [
        n for n in dataset.nodes.values() if n.is_program and n.source is not None and n.source.line == line
    ]
    assert len(found) == 1, [n.id for n in found]
    return found[0]


def test_data_files_are_the_expected_set() -> None:
    assert sorted(p.name for p in DATA.glob("*.yaml")) == sorted(DATA_FILES)


def test_amount_keeps_printed_text_14_0(dataset: Dataset) -> None:
    line = seed_line("多言語翻訳技術の高度化に関する研究開発")
    node = program_on_line(dataset, line)
    assert node.strategy == "ai"
    assert node.fy2020 is not None
    assert isinstance(node.fy2020.amount, Decimal)
    assert str(node.fy2020.amount) == "14.0"


def test_amount_keeps_printed_text_1_35(dataset: Dataset) -> None:
    line = seed_line("i-Constructionの推進")
    node = program_on_line(dataset, line)
    assert node.fy2019 is not None
    assert isinstance(node.fy2019.amount, Decimal)
    assert str(node.fy2019.amount) == "1.35"
    assert node.fy2020 is not None and str(node.fy2020.amount) == "25.0"


def test_every_amount_is_a_decimal(dataset: Dataset) -> None:
    for node in dataset.nodes.values():
        for key, figure in node.figures.items():
            assert figure.amount is None or type(figure.amount) is Decimal, (node.id, key, figure)
