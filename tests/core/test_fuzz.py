"""Property-based robustness: valid data files mutated at random (bytes flipped, lines deleted, doubled or
swapped, values exchanged, the file cut short) either load or raise a one-line DataError — never another
exception, never a hang. Random text is never a crash for the YAML reader or for search either.

Derandomized (a fixed seed, no example database) so CI sees the same examples on every run.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import DATA
from tui.core.audit import run_audit
from tui.core.detail import describe
from tui.core.errors import DataError
from tui.core.export import render, table_rows
from tui.core.fmt import Unit
from tui.core.formats import TABLES
from tui.core.loader import DATA_FILES, load_dataset
from tui.core.model import Dataset
from tui.core.search import SearchIndex
from tui.core.table import build_rows
from tui.core.yamlio import load_yaml

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,  # the alarm below bounds each example; timing noise on a shared machine is no failure
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ORIGINALS = {name: (DATA / name).read_bytes() for name in DATA_FILES}
VALUE_LINE = re.compile(rb"^(\s*(?:- )?[a-z_0-9]+: )(\S.*)$")


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail an example that runs longer than ``seconds`` instead of hanging the suite."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer after {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---- mutations: each takes the file's lines and a draw, and returns new lines ------------------------
Lines = list[bytes]
Mutation = Callable[[Lines, st.DataObject], Lines]


def _index(lines: Lines, data: st.DataObject) -> int:
    return data.draw(st.integers(0, len(lines) - 1))


def flip_byte(lines: Lines, data: st.DataObject) -> Lines:
    i = _index(lines, data)
    line = bytearray(lines[i] or b"\n")
    at = data.draw(st.integers(0, len(line) - 1))
    line[at] = data.draw(st.integers(0, 255))
    return [*lines[:i], bytes(line), *lines[i + 1 :]]


def delete_line(lines: Lines, data: st.DataObject) -> Lines:
    i = _index(lines, data)
    return lines[:i] + lines[i + 1 :]


def duplicate_line(lines: Lines, data: st.DataObject) -> Lines:
    i = _index(lines, data)
    return [*lines[: i + 1], lines[i], *lines[i + 1 :]]


def swap_lines(lines: Lines, data: st.DataObject) -> Lines:
    i, j = _index(lines, data), _index(lines, data)
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def swap_values(lines: Lines, data: st.DataObject) -> Lines:
    """Exchange the values of two `key: value` lines (an amount becomes a name, an id a number, ...)."""
    with_values = [i for i, line in enumerate(lines) if VALUE_LINE.match(line)]
    if not with_values:
        return lines
    i, j = data.draw(st.sampled_from(with_values)), data.draw(st.sampled_from(with_values))
    first, second = VALUE_LINE.match(lines[i]), VALUE_LINE.match(lines[j])
    assert first is not None and second is not None
    lines = list(lines)
    lines[i], lines[j] = first[1] + second[2], second[1] + first[2]
    return lines


def replace_value(lines: Lines, data: st.DataObject) -> Lines:
    """Put an awkward YAML scalar in place of a value."""
    with_values = [i for i, line in enumerate(lines) if VALUE_LINE.match(line)]
    if not with_values:
        return lines
    i = data.draw(st.sampled_from(with_values))
    match = VALUE_LINE.match(lines[i])
    assert match is not None
    odd = [b"-1", b".nan", b"-.inf", b"1,234", b"~", b"[]", b"{}", b"*x", b"&x 1", b"!!str 5", b"'", b"0x1F", b"1e3",
           b"2020-01-01", b"yes", b"\"\\x00\"", b"|", b"? a", b"- 1", b"1_000", b"-", b"\xe3\x81", b"0", b"0.000001",
           b"999999999999.999999", b"99999999999999999999", b"1.0e+30", b"-0.0"]  # fmt: skip
    return [*lines[:i], match[1] + data.draw(st.sampled_from(odd)), *lines[i + 1 :]]


def truncate(lines: Lines, data: st.DataObject) -> Lines:
    raw = b"".join(lines)
    cut = data.draw(st.integers(0, len(raw)))
    return raw[:cut].splitlines(keepends=True)


def insert_bytes(lines: Lines, data: st.DataObject) -> Lines:
    i = _index(lines, data)
    return [*lines[:i], data.draw(st.binary(min_size=1, max_size=12)), *lines[i:]]


def dedent_or_indent(lines: Lines, data: st.DataObject) -> Lines:
    i = _index(lines, data)
    line = lines[i]
    changed = line[2:] if line.startswith(b"  ") else b"  " + line
    return [*lines[:i], changed, *lines[i + 1 :]]


MUTATIONS: list[Mutation] = [
    flip_byte,
    delete_line,
    duplicate_line,
    swap_lines,
    swap_values,
    replace_value,
    truncate,
    insert_bytes,
    dedent_or_indent,
]


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, target)
    return target


def use(dataset: Dataset) -> None:
    """What the commands and the explorer do with a dataset: audit, every table, every detail pane."""
    run_audit(dataset).summary()
    for table in TABLES:
        render(*table_rows(dataset, table), "csv")
    for node in dataset.nodes.values():
        describe(dataset, node, "ja", Unit.MILLION)
        if node.children:
            build_rows(dataset, node, "en", Unit.OKU)


def assert_loads_or_one_line_error(data_dir: Path, mutated: Path) -> Dataset | None:
    """Loads (and then every use of the data works) or fails with a one-line DataError."""
    try:
        with time_limit(10):
            dataset = load_dataset(data_dir)
            use(dataset)
            return dataset
    except DataError as error:
        message = str(error)
        assert "\n" not in message and "\r" not in message, message
        assert message.startswith(str(data_dir)), message
        # The error names the mutated file (or, for a 再掲 or an id, where the dangling reference is).
        assert error.path.parent == data_dir, message
        return None


@settings(SETTINGS, max_examples=150)
@given(data=st.data())
def test_mutated_data_loads_or_fails_in_one_line(data_copy: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(DATA_FILES))
    lines = ORIGINALS[name].splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3))):
        if not lines:
            break
        lines = data.draw(st.sampled_from(MUTATIONS))(lines, data)
    path = data_copy / name
    path.write_bytes(b"".join(lines))
    try:
        assert_loads_or_one_line_error(data_copy, path)
    finally:
        path.write_bytes(ORIGINALS[name])


def test_the_fuzzer_reaches_both_outcomes(data_copy: Path) -> None:
    """The property above could pass vacuously if every mutation were harmless or every one fatal."""
    assert assert_loads_or_one_line_error(data_copy, data_copy) is not None
    path = data_copy / "ai.yaml"
    path.write_bytes(ORIGINALS["ai.yaml"].replace(b"fy2020: 14.0", b"fy2020: 1,4", 1))
    try:
        assert assert_loads_or_one_line_error(data_copy, path) is None
    finally:
        path.write_bytes(ORIGINALS["ai.yaml"])


@settings(SETTINGS, max_examples=300)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_is_yaml_or_a_one_line_error(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz-any.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        with time_limit(5):
            load_yaml(path)
    except DataError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dataset(DATA))


@settings(SETTINGS, max_examples=200)
@given(query=st.text(max_size=60))
def test_any_query_searches_without_error(index: SearchIndex, query: str) -> None:
    with time_limit(5):
        hits = index.search(query)
    assert len(hits) <= 200
    if not query.strip():
        assert hits == []
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(hit.field.text)
