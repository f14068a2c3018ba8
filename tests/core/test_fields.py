"""The shared field rules (tui.core.loader.fields) and the limits that need files too big for the corpus."""

from __future__ import annotations

import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import DATA
from tui.core.errors import DataError
from tui.core.loader import load_dataset
from tui.core.loader.fields import (
    UNSAFE_BUT_LAYOUT,
    UNSAFE_BUT_LAYOUT_BMP,
    FieldError,
    check_amount,
    check_text,
    parse_date,
    parse_whole_text,
    whole_number,
)
from tui.core.visible import UNSAFE, visible
from tui.core.yamlio import MAX_ITEMS, MAX_VALUES


def test_every_control_and_invisible_character_is_refused() -> None:
    """Cc, Cf, Zl, Zp of the running Python's Unicode: the spelled-out set misses none."""
    missed = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and not UNSAFE.match(chr(code))
    ]
    assert missed == []


def test_the_whole_file_scans_find_what_the_cell_rules_refuse_but_tabs_and_line_ends() -> None:
    """programs.csv is scanned at once (csv_reader); without characters beyond U+FFFF, by the BMP pattern."""
    layout = {"\t", "\n", "\r"}
    for code in range(0x110000):
        char = chr(code)
        unsafe = bool(UNSAFE.match(char)) and char not in layout
        assert bool(UNSAFE_BUT_LAYOUT.match(char)) is unsafe, f"U+{code:04X}"
        if code <= 0xFFFF:
            assert bool(UNSAFE_BUT_LAYOUT_BMP.match(char)) is unsafe, f"U+{code:04X}"


@pytest.mark.parametrize(
    "text",
    ["\x1b]0;title\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b[41m", "\u202e", "\u200b", "\x7f", "\x9b31m", "\u2066",
     "\ufeff", "\u00ad", "\U000e0041", "\u2028", "\r", "\x00"],
)  # fmt: skip
def test_text_with_a_control_is_refused_and_named(text: str) -> None:
    with pytest.raises(FieldError) as caught:
        check_text(f"名前{text}")
    assert str(caught.value).startswith(f"U+{ord(text[0]):04X}")
    assert not UNSAFE.search(str(caught.value))  # the message itself is safe to print


def test_tabs_in_source_lines_and_line_breaks_in_notes_are_kept() -> None:
    assert check_text("防衛省\t1,280\t-", tab=True) == "防衛省\t1,280\t-"
    assert check_text("一行目\n二行目", newline=True) == "一行目\n二行目"
    with pytest.raises(FieldError):
        check_text("a\tb", newline=True)
    with pytest.raises(FieldError):
        check_text("a\nb", tab=True)
    # Printable non-ASCII stays as written: full-width space, NBSP, combining marks, emoji.
    assert check_text("全体額\u3000(A)\u00a0e\u0301 🙂") == "全体額\u3000(A)\u00a0e\u0301 🙂"


def test_visible_escapes_what_a_message_quotes() -> None:
    assert visible("x\x1b]0;t\x07\u202e\n") == "x\\x1b]0;t\\x07\\u202e\\n"
    assert visible("令和2年度") == "令和2年度"


@pytest.mark.parametrize(
    "value", ["1.0e+5000", "1.0e+100000000", "1e9", "2020.5", "-1", "0", "10000", "Infinity", "NaN"]
)
def test_whole_numbers_are_bounded_before_conversion(value: str) -> None:
    with pytest.raises(FieldError):
        whole_number(Decimal(value), (1000, 9999), "a fiscal year")


def test_whole_numbers_in_range_pass() -> None:
    assert whole_number(Decimal("2019"), (1000, 9999), "a fiscal year") == 2019
    assert whole_number(Decimal("2.019E+3"), (1000, 9999), "a fiscal year") == 2019


@pytest.mark.parametrize("text", ["²", "２０１９", "١٢", "+5", "1_0", " 12", "12 ", "0x1f", "1e3", "", "9" * 10])
def test_csv_whole_numbers_are_ascii_digits_only(text: str) -> None:
    with pytest.raises(FieldError):
        parse_whole_text(text, (1, 999_999_999), "a line number")


@pytest.mark.parametrize("value", ["-0", "-0.0", "-0E+3", "-1"])
def test_negative_zero_is_negative(value: str) -> None:
    with pytest.raises(FieldError):
        check_amount(Decimal(value))
    assert str(check_amount(Decimal(value), signed=True)) == value  # a change keeps its printed sign


@pytest.mark.parametrize("text", ["2020-13-45", "2019-02-29", "2020-00-01", "2020-04-31", "２０２０-05-21", "20-5-21"])
def test_dates_must_exist(text: str) -> None:
    with pytest.raises(FieldError):
        parse_date(text)
    assert parse_date("2020-02-29") == "2020-02-29"


# ---- sizes that cannot live in the corpus --------------------------------------------------------


def _data(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    return data_dir


def test_a_list_of_more_than_max_items_is_refused_before_composing(tmp_path: Path) -> None:
    data_dir = _data(tmp_path)
    path = data_dir / "totals.yaml"
    text = path.read_text(encoding="utf-8")
    notes = "".join("  - ja: 注\n    en: note\n" for _ in range(MAX_ITEMS + 1))
    path.write_text(text.replace("- id: totals.all\n", "- id: totals.all\n  notes:\n" + notes, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert str(caught.value) == (
        f"{path}:{9 + 2 * MAX_ITEMS}: too many values: more than {MAX_ITEMS:,} items in one list or mapping "
        "(bulk lines belong in programs.csv)"
    )


def test_a_file_of_more_than_max_values_is_refused(tmp_path: Path) -> None:
    data_dir = _data(tmp_path)
    path = data_dir / "dataset.yaml"
    lists = "".join(f"x{i}: [{', '.join(['1'] * 1000)}]\n" for i in range(MAX_VALUES // 1000 + 1))
    path.write_text(path.read_text(encoding="utf-8") + lists, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert f"too many values: more than {MAX_VALUES:,} values in one file" in str(caught.value)


def test_a_three_million_character_name_is_refused(tmp_path: Path) -> None:
    data_dir = _data(tmp_path)
    path = data_dir / "dataset.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("unit_en: 100 million yen", "unit_en: " + "y" * 3_000_000),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert str(caught.value) == f"{path}:7: unit_en: too long: 3,000,000 characters (at most 1,000)"


def test_the_deepest_chain_programs_csv_allows_goes_through_check_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """100 levels below a section load, check and export (990 are refused: the corpus case)."""
    from tui import cli
    from tui.core.loader import COLUMNS
    from tui.core.loader.fields import MAX_TREE_DEPTH

    data_dir = _data(tmp_path)
    width = len(COLUMNS)

    def row(**cells: str) -> str:
        return ",".join(cells.get(c, "") for c in COLUMNS) + "\n"

    lines = [",".join(COLUMNS) + "\n", row(id="rv", kind="section", name_ja="節", name_en="S", source_line="1",
                                           source_text="節")]  # fmt: skip
    parent = "rv"
    for depth in range(1, MAX_TREE_DEPTH):
        lines.append(row(id=f"rv.g{depth}", parent=parent, kind="group", name_ja="群", name_en="G",
                         source_line=str(depth + 1), source_text="群"))  # fmt: skip
        parent = f"rv.g{depth}"
    lines.append(row(id="rv.p", parent=parent, kind="program", name_ja="事業", name_en="P", ministry="文部科学省",
                     fy2020="32", source_line="999", source_text="事業 32億円"))  # fmt: skip
    assert all(line.count(",") == width - 1 for line in lines)
    (data_dir / "programs.csv").write_text("".join(lines), encoding="utf-8")
    deepest = load_dataset(data_dir).nodes["rv.p"]
    depth = 0
    while deepest.parent is not None and deepest.parent.id != "root":
        deepest, depth = deepest.parent, depth + 1
    assert depth == MAX_TREE_DEPTH
    assert cli.main(["check", "--data", str(data_dir)]) == 0
    assert cli.main(["export", "--data", str(data_dir), "--table", "strategy", "--format", "json"]) == 0
    assert cli.main(["export", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "rv.p" in out
