"""`export --format xlsx`: the tables as an Excel workbook that follows 総務省's 2020 rules for
machine-readable tables (統一ルール, 「統計表における機械判読可能なデータの表記方法の統一ルール」).

- One sheet per table (``programs``, ``ministries``, ``totals``, ``strategy``: the one asked for, or all
  four with ``--table all``), plus a sheet 「注記・出典」.
- One header row (frozen), then one row per record: one value per cell, no merged cells, no blank rows,
  nothing whose meaning lives in a colour or a font. An autofilter over the whole table.
- Amounts are numeric cells in 億円, with their basis (``exact``, ``within`` = 内数, ``estimate`` = 推計額,
  ``undetermined`` = 未定) in the neighbouring column: ``SUMIFS(G:G, H:H, "exact")`` sums own amounts only
  (add ``relisted`` = FALSE to count each program once). A printed '-' or no figure is an empty cell,
  never 0. Flags (``relisted``, ``new``) are boolean cells. Other cells are text cells, never formulas.
- Units and years: the unit is stated in the 「注記・出典」 sheet for every amount column and, with
  ``--headers ja``, in the header itself with the year in 和暦 and 西暦 (「令和2年度(2020年度)当初予算額（億円）」).
- Machine-dependent characters (①, ㈱, half-width katakana, Ⅱ …): every sheet keeps the printed name and
  adds a ``*_plain`` column with the plain form (``(1)技術開発戦略``); every row carries its source line.
- Column widths fit Japanese text (a wide character counts two).
- Formula injection (tui.core.formulas): text is always written as a string cell, which Excel and
  LibreOffice never evaluate; a text that starts like a formula also gets the ``quotePrefix`` style (the
  cell's own "apostrophe"), so editing the cell does not turn it into one either. The text stays exactly
  as in the data.

Numbers are written as IEEE doubles, as every xlsx file stores them: an amount keeps its value exactly up
to 15 significant digits (Excel's own precision; budget figures in 億円 have far fewer). The writer is
xlsxwriter in ``constant_memory`` mode (rows are streamed to a temporary file, so memory does not grow
with the rows): see bench/xlsx.py for the measurement that chose it.
"""

from __future__ import annotations

import gc
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tui.core.datapackage import RELIST_OF
from tui.core.export import COLUMNS, Row, table_rows
from tui.core.fmt import era_year
from tui.core.formats import TABLES
from tui.core.formulas import is_formula_like
from tui.core.headers import ja_headers
from tui.core.model import Basis, Dataset, Node, Source

FORMAT = "xlsx"
ALL = "all"
NOTES_SHEET = "注記・出典"
MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header included
MAX_CELL_CHARS = 32_767  # Excel's characters per cell
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDTH_SAMPLE = 5_000  # rows whose text sets the column widths (evenly spread over a large table)
NOTE_COLUMNS = ("category", "item", "ja", "en", "source")
NOTE_HEADERS_JA = ("区分", "項目", "内容", "内容（英語）", "出典（資料の行）")

# The name columns that get a plain form beside them, and the amount columns, per table.
NAME_COLUMN = {"programs": "name_ja", "ministries": "ministry_ja", "totals": "item_ja", "strategy": "name_ja"}

_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}  # ①…⑳
_CIRCLED.update({chr(0x3251 + i): f"({i + 21})" for i in range(15)})  # ㉑…㉟
_CIRCLED.update({chr(0x32B1 + i): f"({i + 36})" for i in range(15)})  # ㊱…㊿
_CIRCLED_RE = re.compile("[" + "".join(_CIRCLED) + "]")


class XlsxError(ValueError):
    """A table that an xlsx file cannot hold (too many rows, a cell too long)."""


def plain_text(text: str) -> str:
    """The text without machine-dependent characters: circled numbers as ``(1)``, then NFKC (㈱ → (株),
    Ⅱ → II, ＡＩ → AI, half-width katakana → full-width)."""
    return unicodedata.normalize("NFKC", _CIRCLED_RE.sub(lambda m: _CIRCLED[m.group()], text))


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[str, ...]  # the English column names (the csv export's, then the xlsx additions)
    rows: list[Row]


def _source(source: Source | None) -> str:
    return f"line {source.line}: {source.text}" if source is not None else ""


def _with_plain(columns: tuple[str, ...], rows: list[Row], name: str) -> tuple[tuple[str, ...], list[Row]]:
    index = columns.index(name)
    plain_rows = [(*row, plain_text(str(row[index])) if row[index] is not None else None) for row in rows]
    return (*columns, f"{name}_plain"), plain_rows


def table_sheets(dataset: Dataset, tables: Sequence[str], program_ids: set[str] | None = None) -> list[Sheet]:
    """The sheets of the tables asked for: the csv export's columns first (same cells), then the xlsx's
    own — ``relist_of`` (programs), ``source`` (ministries, totals) and the plain form of the name."""
    row_nodes: dict[str, list[Node]] = {
        "ministries": [*dataset.ministries, dataset.ministry_total],
        "totals": list(dataset.totals),
    }
    sheets = []
    for table in tables:
        columns, rows = table_rows(dataset, table)
        if table == "programs":
            relist = [node.relist_of.id if node.relist_of is not None else None for node in dataset.programs()]
            columns = (*columns, RELIST_OF)
            rows = [(*row, original) for row, original in zip(rows, relist, strict=True)]
            if program_ids is not None:  # export --filter
                rows = [row for row in rows if row[0] in program_ids]
        if table in row_nodes:
            columns = (*columns, "source")
            rows = [(*row, _source(node.source)) for row, node in zip(rows, row_nodes[table], strict=True)]
        columns, rows = _with_plain(columns, rows, NAME_COLUMN[table])
        sheets.append(Sheet(table, columns, rows))
    return sheets


# ---- the notes sheet --------------------------------------------------------------------------------

_LEGEND: tuple[tuple[str, str, str], ...] = (
    (Basis.EXACT.value, "その項目自身の額（資料の印刷どおり）", "the item's own amount, as printed"),
    (
        Basis.WITHIN.value,
        "内数: その項目が含まれる予算の総額（「280億円の内数」）。項目自身の額ではなく、合計してはならない",
        "内数: the envelope the item is funded within, not its own amount; never add it up",
    ),
    (
        Basis.ESTIMATE.value,
        "推計額（※運営費交付金中の推計額）: その項目自身の額の推計",
        "推計額: an estimate of the item's own amount",
    ),
    (Basis.UNDETERMINED.value, "未定: 金額なし（セルは空）", "未定: undetermined, no amount (the cell is empty)"),
    (
        "（空のセル）",
        "資料が「-」を印刷しているか金額を示していない: 0 ではない",
        "the document prints '-' or no figure: not zero",
    ),
    (
        "relisted = TRUE",
        "再掲: 他の見出しの下にも掲げられた同じ事業。合計では一度だけ数える",
        "再掲: a re-listing of a program shown elsewhere; count it once",
    ),
    ("new = TRUE", "新規: 前年度の額なし（増減なし）", "新規: new, no previous-year figure"),
    (
        "supplementary",
        "補正予算: 当初予算とは別の予算。年度が示されていれば note 列に記載",
        "a supplementary budget, a different budget from the initial one; its year, when stated, is in note",
    ),
    ("*", "脚注記号: その注記は note 列と本シートの脚注にある", "a footnote mark: its note is in note and below"),
)


def _japanese_date(date: str) -> str:
    """2020-05-21 → 令和2年5月21日 (the era that began on or before the date)."""
    year, month, day = (int(part) for part in date.split("-"))
    if (year, month, day) >= (2019, 5, 1):
        era, n = "令和", year - 2018
    elif (year, month, day) >= (1989, 1, 8):
        era, n = "平成", year - 1988
    else:
        return date
    return f"{era}{'元' if n == 1 else n}年{month}月{day}日"


def notes_rows(dataset: Dataset, sheets: Sequence[Sheet]) -> list[Row]:
    """The 「注記・出典」 sheet: the document, its publisher, date, unit and years; how to sum; the notation
    legend; every footnote of the document with its line; and what every column of every sheet holds."""
    meta = dataset.meta
    fy, prev = meta.fiscal_year, meta.previous_fiscal_year
    rows: list[Row] = [
        ("資料", "資料名", meta.title.ja, meta.title.en, meta.source_document),
        ("資料", "発行者", meta.publisher.ja, meta.publisher.en, None),
        ("資料", "公表日", f"{meta.date}（{_japanese_date(meta.date)}）", meta.date, None),
        (
            "資料",
            "単位",
            f"{meta.unit.ja}（1{meta.unit.ja} = 100,000,000円）。金額のセルはすべてこの単位の数値",
            f"{meta.unit.en}; every amount cell is a number in this unit",
            None,
        ),
        (
            "資料",
            "年度",
            f"{era_year(fy, 'ja')} = {fy}年度（{fy}-04-01〜{fy + 1}-03-31）、"
            f"前年度 {era_year(prev, 'ja')} = {prev}年度",
            f"FY{fy} (1 April {fy} to 31 March {fy + 1}); previous year FY{prev}",
            None,
        ),
        (
            "利用上の注意",
            "合計",
            "金額の列を合計するときは、隣の区分の列が exact（または estimate）の行だけを対象とし、"
            '再掲（relisted = TRUE）を除く: 例 =SUMIFS(G:G,H:H,"exact",M:M,FALSE)（programs シート）。'
            "内数（within）は自身の額ではない",
            "To add up amounts, take only rows whose basis column (beside the amount) is exact (or estimate) and "
            'leave out re-listings (relisted = TRUE), e.g. =SUMIFS(G:G,H:H,"exact",M:M,FALSE) on programs; '
            "within (内数) is not the item's own amount",
            None,
        ),
        (
            "利用上の注意",
            "計の行",
            "ministries の「計」と totals の合計行は資料が印刷した合計であり、他の行と一緒に合計しない",
            "the 計 row of ministries and the total rows of totals are printed totals: do not add them to their parts",
            None,
        ),
        (
            "利用上の注意",
            "文字列",
            "「=」「+」「-」「@」で始まる名称なども文字列のセルとして保存しており、数式として実行されない",
            "text starting with =, +, - or @ is stored as a text cell and never runs as a formula",
            None,
        ),
    ]
    rows.extend(("凡例", item, ja, en, None) for item, ja, en in _LEGEND)
    for node in dataset.nodes.values():
        if node.kind != "footnote":
            continue
        mark = node.details[0][1].ja if node.details else ""
        section = node.source.section.ja if node.source is not None else ""
        rows.append(("脚注", f"{section} {mark}".strip(), node.name.ja, node.name.en, _source(node.source)))
    for sheet in sheets:
        headers = ja_headers(sheet.columns, fy)
        for column, header in zip(sheet.columns, headers, strict=True):
            rows.append((f"列: {sheet.name}", column, header, _column_note(column), None))
    return rows


def _column_note(column: str) -> str:
    if column.endswith("_basis"):
        return "basis of the amount in the column to its left: exact, within, estimate, undetermined"
    if column == "change_pct":
        return "percent, as printed"
    if column.endswith("_plain"):
        return "the name without machine-dependent characters (NFKC; ① → (1))"
    if column == "source":
        return "the line of the source document: 'line N: ' and its exact text"
    if column in ("relisted", "new"):
        return "TRUE / FALSE"
    if column == RELIST_OF:
        return "id of the placement this 再掲 line re-lists"
    if column in _AMOUNT_COLUMNS:
        return "億円 (100 million yen), a number; empty where the document prints '-' or nothing"
    return ""


_AMOUNT_COLUMNS = {
    c
    for table in TABLES
    for c in COLUMNS[table]
    if c.startswith(("fy20", "r1_", "r2_", "pr_")) or c in ("supplementary", "priority", "change")
} - {c for table in TABLES for c in COLUMNS[table] if c.endswith("_basis")}


# ---- writing ----------------------------------------------------------------------------------------


def _text_width(text: str) -> int:
    """Display width: a CJK character (3 UTF-8 bytes) counts two, ASCII one (C speed: no per-char loop)."""
    return len(text) + (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2


def column_widths(headers: Sequence[str], rows: Sequence[Row]) -> list[int]:
    step = max(1, len(rows) // WIDTH_SAMPLE)
    sample = rows[::step]
    widths = []
    for index, header in enumerate(headers):
        longest = _text_width(header)
        for row in sample:
            cell = row[index]
            if cell is None:
                continue
            text = cell if isinstance(cell, str) else format(cell, "f") if isinstance(cell, Decimal) else str(cell)
            width = _text_width(text)
            if width > longest:
                longest = width
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def workbook_bytes(
    dataset: Dataset, tables: Sequence[str], headers: str = "en", *, program_ids: set[str] | None = None
) -> bytes:
    """The workbook of ``tables`` (and the 「注記・出典」 sheet) as the bytes of an xlsx file; ``program_ids``:
    only these program lines (``export --filter``).

    Raises :class:`XlsxError` when a table has more rows than a sheet holds or a cell more characters."""
    import xlsxwriter  # type: ignore[import-untyped]  # imported here: only this export needs it

    sheets = table_sheets(dataset, tables, program_ids)
    for sheet in sheets:
        if len(sheet.rows) + 1 > MAX_ROWS:
            raise XlsxError(
                f"the {sheet.name} table has {len(sheet.rows):,} rows; an xlsx sheet holds at most "
                f"{MAX_ROWS - 1:,} (export it as csv instead)"
            )
    buffer = io.BytesIO()
    options: dict[str, Any] = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    # The writer makes millions of short-lived tuples and no cycles: without this, each of the garbage
    # collector's full passes would re-scan the whole loaded dataset (100,000 nodes take ~20% longer).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _write_workbook(xlsxwriter.Workbook(buffer, options), dataset, sheets, headers)
    finally:
        if collecting:
            gc.enable()
    return buffer.getvalue()


def _write_workbook(workbook: Any, dataset: Dataset, sheets: list[Sheet], headers: str) -> None:
    workbook.set_properties({"title": dataset.meta.title.ja, "author": dataset.meta.publisher.ja})
    bold = workbook.add_format({"bold": True})
    quoted = workbook.add_format({"quote_prefix": True})
    notes = Sheet(NOTES_SHEET, NOTE_COLUMNS, notes_rows(dataset, sheets))
    for sheet in [*sheets, notes]:
        if sheet is notes:
            header_row = list(NOTE_HEADERS_JA) if headers == "ja" else list(NOTE_COLUMNS)
        else:
            header_row = ja_headers(sheet.columns, dataset.meta.fiscal_year) if headers == "ja" else list(sheet.columns)
        _write_sheet(workbook, sheet, header_row, bold, quoted)
    workbook.close()


def _write_sheet(workbook: Any, sheet: Sheet, header_row: list[str], bold: Any, quoted: Any) -> None:
    worksheet = workbook.add_worksheet(sheet.name)
    for col, width in enumerate(column_widths(header_row, sheet.rows)):
        worksheet.set_column(col, col, width)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, max(1, len(sheet.rows)), len(header_row) - 1)
    for col, header in enumerate(header_row):
        worksheet.write_string(0, col, header, bold)
    write_string = worksheet.write_string
    write_number = worksheet.write_number
    write_boolean = worksheet.write_boolean
    for r, row in enumerate(sheet.rows, start=1):
        for c, cell in enumerate(row):
            if cell is None or cell == "":  # an empty cell: '-' or no figure, never 0
                continue
            if isinstance(cell, str):
                # -2: longer than a cell holds (xlsxwriter counts UTF-16 units, as Excel does)
                if write_string(r, c, cell, quoted if is_formula_like(cell) else None) == -2:
                    raise XlsxError(
                        f"{sheet.name} row {r + 1}, {sheet.columns[c]}: {len(cell):,} characters; an xlsx cell "
                        f"holds at most {MAX_CELL_CHARS:,}"
                    )
            elif isinstance(cell, bool):
                write_boolean(r, c, cell)
            else:  # Decimal or int: a number cell, negative ones included
                write_number(r, c, float(cell))
