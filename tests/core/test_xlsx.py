"""`export --format xlsx`: the workbook read back (openpyxl and pandas) cell by cell against the CSV
export, the 統一ルール structure (frozen header, autofilter, numbers as numbers, the notes sheet), and the
CSV-for-Excel options (BOM, CRLF, Japanese headers).

Expected figures and texts were typed by hand from tests/fixtures/seed.txt, never read from data/.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from tests.helpers import DATA
from tui.cli import main
from tui.core.export import render, table_rows
from tui.core.formats import TABLES
from tui.core.formulas import restore
from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.xlsx import NOTES_SHEET, plain_text, workbook_bytes


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def workbook_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("xlsx") / "all.xlsx"
    assert main(["--data", str(DATA), "export", "--format", "xlsx", "--table", "all", "-o", str(target)]) == 0
    return target


def csv_export(table: str, capsys: pytest.CaptureFixture[str]) -> list[list[str]]:
    assert main(["--data", str(DATA), "export", "--table", table]) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def same(csv_cell: str, xlsx_cell: Any) -> bool:
    """A CSV cell and the xlsx cell read back are the same value: text exactly (the CSV's apostrophe
    before a formula-like text is the CSV's own defence, not data), numbers by value, flags, empties."""
    if xlsx_cell is None:
        return csv_cell == ""
    if isinstance(xlsx_cell, bool):
        return csv_cell == ("true" if xlsx_cell else "false")
    if isinstance(xlsx_cell, int | float):
        return Decimal(csv_cell) == Decimal(repr(xlsx_cell))
    return isinstance(xlsx_cell, str) and restore(csv_cell) == xlsx_cell


def test_every_sheet_is_there_with_the_notes_sheet_last(workbook_file: Path) -> None:
    workbook = openpyxl.load_workbook(workbook_file)
    assert workbook.sheetnames == ["programs", "ministries", "totals", "strategy", NOTES_SHEET]


@pytest.mark.parametrize("table", TABLES)
def test_openpyxl_reads_back_every_cell_of_the_csv_export(
    table: str, workbook_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = csv_export(table, capsys)
    sheet = openpyxl.load_workbook(workbook_file)[table]
    got = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(got) == len(expected) > 1
    header = [str(c) for c in got[0]]
    assert header[: len(expected[0])] == expected[0]  # the csv's columns first, in the csv's order
    for line, (want, row) in enumerate(zip(expected[1:], got[1:], strict=True), start=2):
        for column, cell in zip(expected[0], want, strict=False):
            value = row[header.index(column)]
            assert same(cell, value), (table, line, column, cell, value)


@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_back_every_cell_of_the_csv_export(
    table: str, workbook_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = csv_export(table, capsys)
    frame = pd.read_excel(workbook_file, sheet_name=table, engine="openpyxl", dtype=object)
    assert list(frame.columns[: len(expected[0])]) == expected[0]
    assert len(frame) == len(expected) - 1
    for line, want in enumerate(expected[1:]):
        for column, cell in zip(expected[0], want, strict=True):
            value = frame.at[line, column]
            value = None if pd.isna(value) else value
            assert same(cell, value), (table, line + 2, column, cell, value)


def test_amounts_are_numbers_in_oku_with_their_basis_beside_them(workbook_file: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_file)["programs"]
    header = [c.value for c in sheet[1]]
    amount = header.index("fy2020_initial")
    assert header[amount + 1] == "fy2020_initial_basis"
    rows = {row[header.index("id")].value: row for row in sheet.iter_rows(min_row=2)}
    qleap = rows["quantum.q-leap"]  # seed line 201: ●光・量子飛躍フラッグシッププログラム (Q-LEAP)32億円(22億円)
    assert qleap[amount].data_type == "n" and qleap[amount].value == 32
    assert qleap[amount + 1].value == "exact"
    mirai = rows["quantum.jst-mirai"]  # line 203: JST 未来社会創造 77億円の内数(65億円の内数)
    assert mirai[amount].value == 77 and mirai[amount + 1].value == "within"
    assert qleap[header.index("source")].value.startswith("line 201: ")
    assert qleap[header.index("relisted")].value is False  # a boolean cell, not the text "false"


def test_a_negative_change_stays_a_number(workbook_file: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_file)["ministries"]
    header = [c.value for c in sheet[1]]
    mext = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "文部科学省")
    change = mext[header.index("change")]  # seed: 文部科学省 21,224 … -652 -3.0%
    assert change.data_type == "n" and change.value == -652
    assert mext[header.index("change_pct")].value == pytest.approx(-3.0)
    assert mext[header.index("source")].value.startswith("line ")  # every row carries its source line


def test_header_is_frozen_and_filtered_and_widths_fit_japanese(workbook_file: Path) -> None:
    workbook = openpyxl.load_workbook(workbook_file)
    for name in workbook.sheetnames:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}", name
        assert not sheet.merged_cells.ranges, name
    programs = workbook["programs"]
    header = [c.value for c in programs[1]]
    name_column = programs.cell(1, header.index("name_ja") + 1).column_letter
    # 光・量子飛躍フラッグシッププログラム (Q-LEAP) is 22 wide characters and 8 narrow: 52 columns wide
    assert programs.column_dimensions[name_column].width >= 52


def test_the_plain_name_column_replaces_machine_dependent_characters(workbook_file: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_file)["strategy"]
    header = [c.value for c in sheet[1]]
    names = {r[header.index("name_ja")]: r[header.index("name_ja_plain")] for r in sheet.iter_rows(values_only=True)}
    assert names["①技術開発戦略"] == "(1)技術開発戦略"  # quantum.yaml, seed: ①技術開発戦略
    assert plain_text("㈱ＡＩⅡｶﾀｶﾅ") == "(株)AIIIカタカナ"


def test_the_notes_sheet_names_the_document_unit_legend_and_every_footnote(workbook_file: Path) -> None:
    rows = list(openpyxl.load_workbook(workbook_file)[NOTES_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("category", "item", "ja", "en", "source")
    text = "\n".join(" ".join(str(c) for c in row if c is not None) for row in rows)
    assert "令和2年度科学技術関係予算 (量子技術及びAI) について" in text  # seed title
    assert "総務省国際戦略局 技術政策課" in text and "2020-05-21（令和2年5月21日）" in text
    assert "億円（1億円 = 100,000,000円）" in text
    assert "令和2年度 = 2020年度" in text  # 和暦 with 西暦
    legend = {row[1] for row in rows if row[0] == "凡例"}
    assert {"exact", "within", "estimate", "undetermined", "relisted = TRUE", "new = TRUE"} <= legend
    footnotes = [row for row in rows if row[0] == "脚注"]
    # <全体額> ※1…※5 and <府省別> ※1…※4 at least (seed lines 148–154, 181–185)
    assert sum("<全体額>" in str(r[1]) for r in footnotes) == 5
    assert sum("<府省別>" in str(r[1]) for r in footnotes) == 4
    assert any("予算額は四捨五入して掲載" in str(r[2]) for r in footnotes)
    assert all(str(r[4]).startswith("line ") for r in footnotes)
    columns = {(row[0], row[1]): row for row in rows if str(row[0]).startswith("列: ")}
    assert "億円" in str(columns[("列: programs", "fy2020_initial")][3])


def test_japanese_headers_state_the_year_in_both_calendars_and_the_unit(tmp_path: Path) -> None:
    target = tmp_path / "ja.xlsx"
    assert main(["--data", str(DATA), "export", "--format", "xlsx", "--headers", "ja", "-o", str(target)]) == 0
    workbook = openpyxl.load_workbook(target)
    header = [c.value for c in workbook["programs"][1]]
    assert "令和2年度(2020年度)当初予算額（億円）" in header
    assert "令和元年度(2019年度)当初予算額（億円）" in header
    assert workbook[NOTES_SHEET]["A1"].value == "区分"


def test_no_cell_of_any_sheet_is_a_formula(workbook_file: Path) -> None:
    with zipfile.ZipFile(workbook_file) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 5
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_one_table_gives_one_sheet_and_the_notes(dataset: Dataset) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(dataset, ["totals"])))
    assert workbook.sheetnames == ["totals", NOTES_SHEET]
    sheet = workbook["totals"]
    header = [c.value for c in sheet[1]]
    values = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["科学技術関係予算 (A + B)"][header.index("fy2020")] == 43787  # seed line 139


# ---- CSV/TSV for Excel -------------------------------------------------------------------------------


def test_utf8_sig_adds_a_bom_and_crlf_ends_every_record(tmp_path: Path, dataset: Dataset) -> None:
    target = tmp_path / "programs.csv"
    argv = ["--data", str(DATA), "export", "--encoding", "utf-8-sig", "--newline", "crlf", "-o", str(target)]
    assert main(argv) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") > 1
    plain = render(*table_rows(dataset, "programs"), "csv")
    assert data.decode("utf-8-sig").replace("\r\n", "\n") == plain  # no note holds a newline in the shipped data
    frame = pd.read_csv(target, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert frame.columns[0] == "id"  # the BOM is not part of the first header


def test_tsv_takes_the_same_options(tmp_path: Path) -> None:
    target = tmp_path / "totals.tsv"
    argv = ["--data", str(DATA), "export", "--table", "totals", "--format", "tsv", "--newline", "crlf"]
    assert main([*argv, "--encoding", "utf-8-sig", "-o", str(target)]) == 0
    lines = target.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].split("\t")[:3] == ["item_ja", "item_en", "fy2020"]
    assert lines[-1] == ""


def test_japanese_headers_in_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(DATA), "export", "--table", "ministries", "--headers", "ja"]) == 0
    header = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert header[:3] == ["府省", "府省（英語）", "令和2年度(2020年度)当初 一般会計（億円）"]
    assert header[-2:] == ["対前年度増減額（億円）", "対前年度増減率（％）"]


def test_english_headers_stay_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(DATA), "export", "--table", "totals"]) == 0
    assert capsys.readouterr().out.startswith("item_ja,item_en,fy2020,priority,fy2019,change,change_pct\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--table", "all"], "--table all writes one sheet per table: use it with --format xlsx"),
        (["--format", "xlsx"], "--format xlsx writes a binary workbook: give the file with -o FILE"),
        (["--format", "json", "--encoding", "utf-8-sig"], "--encoding utf-8-sig applies to --format csv, tsv and md"),
        (["--format", "json", "--headers", "ja"], "--headers ja applies to --format csv, tsv, md and xlsx"),
        (["--format", "xlsx", "--newline", "crlf", "-o", "x.xlsx"], "--newline crlf applies to"),
    ],
)
def test_options_that_do_not_fit_the_format_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(DATA), "export", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"budget-tui: error: {message}") and err.count("\n") == 1


def test_filter_selects_the_program_lines_of_the_workbook(tmp_path: Path) -> None:
    target = tmp_path / "ai.xlsx"
    argv = ["--data", str(DATA), "export", "--format", "xlsx", "--filter", "strategy:ai", "-o", str(target)]
    assert main(argv) == 0
    sheet = openpyxl.load_workbook(target)["programs"]
    header = [c.value for c in sheet[1]]
    strategies = {row[header.index("strategy")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert strategies == {"ai"}
