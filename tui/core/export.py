"""Tables of the dataset as csv / tsv / json / md (the atomic file writer is in :mod:`tui.core.files`).

The columns of each table are a public contract (scripts read them): add columns only at the end.

``programs`` — one row per program placement (re-listings included), document order (quantum, then AI):
    ``id, strategy, path, ministry, name_ja, name_en, fy2020_initial, fy2020_initial_basis, fy2019_initial,
    fy2019_initial_basis, supplementary, supplementary_basis, relisted, new, note, source,
    supplementary_fiscal_year``.
    Amounts are in 億円 exactly as printed (empty/null when the seed prints none); a basis is one of
    ``exact, within, estimate, undetermined`` (empty/null when the figure is absent). ``strategy`` is
    ``quantum`` or ``ai``; ``ministry`` the Japanese name; ``relisted`` is true on 再掲 placements; ``path``
    the Japanese names from the strategy document down to the parent, joined with `` > ``; ``note`` the
    printed notes, each marked figure as printed (``令和2年度当初: 616億円*の内数`` — the mark stays with its
    figure) and its mark note (``*理研運営費交付金総額``), and the supplementary's fiscal year when stated,
    joined with ``; ``; ``source`` ``line N: <the exact seed line>``; ``supplementary_fiscal_year`` the
    fiscal year of the 補正 (``2019`` for 令和元年度補正), empty where the document does not state it.
``ministries`` — the 府省別 table, 17 ministries then 計: ``ministry_ja, ministry_en, r2_general,
    r2_promotion, r2_special, r2_total, pr_general, pr_promotion, pr_special, pr_total, r1_general,
    r1_promotion, r1_special, r1_total, change, change_pct`` (r2 = FY2020 initial, pr = of which the
    priority-issue framework, r1 = FY2019 initial; a printed '-' is empty/null).
``totals`` — the 全体額 table: ``item_ja, item_en, fy2020, priority, fy2019, change, change_pct``.
``strategy`` — one row per node of the strategy2019, quantum and ai documents (text and programs alike),
    each node followed by its children, then by its footnotes:
    ``id, document, kind, depth, parent_id, path, name_ja, name_en, detail_ja, detail_en, notes_ja,
    notes_en, source``. ``document`` is ``strategy2019``, ``quantum`` or ``ai``; ``kind`` the node kind
    (``strategy_root`` for the document itself, ``section``, ``item``, ``program``, ``footnote``, ...);
    ``depth`` 0 for the document; ``detail`` the node's details (``label: value``) and, for a program,
    its figures (``令和2年度当初: 32億円``), joined with ``; ``; ``notes`` the printed notes.

Formats: csv and tsv through the csv module with a header row (booleans ``true``/``false``, amounts as
printed: ``14.0``, ``1.35``; a text cell starting with ``= + - @``, tab or CR gets a leading apostrophe so
that no spreadsheet runs it: tui.core.formulas); json a list of objects with amounts as JSON numbers written from their
decimal text (never through a float), absent amounts ``null``, UTF-8 unescaped; md a GitHub pipe table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas

from tui.core.files import write_atomic as write_atomic  # its home is tui.core.files; callers import it here
from tui.core.fmt import Unit, figure_label, figure_text
from tui.core.formats import FORMATS, TABLES
from tui.core.formulas import defuse
from tui.core.model import (
    CHANGE,
    CHANGE_PCT,
    FY2019,
    FY2020,
    MINISTRY_COLUMNS,
    PRIORITY,
    SUPPLEMENTARY,
    Dataset,
    Figure,
    Node,
    Source,
)
from tui.core.table import ministry_label

Cell = str | Decimal | int | bool | None
Row = tuple[Cell, ...]


PROGRAM_COLUMNS = (
    "id",
    "strategy",
    "path",
    "ministry",
    "name_ja",
    "name_en",
    "fy2020_initial",
    "fy2020_initial_basis",
    "fy2019_initial",
    "fy2019_initial_basis",
    "supplementary",
    "supplementary_basis",
    "relisted",
    "new",
    "note",
    "source",
    "supplementary_fiscal_year",  # added later: columns are only ever appended
)
MINISTRY_TABLE_COLUMNS = ("ministry_ja", "ministry_en", *MINISTRY_COLUMNS, "change", "change_pct")
TOTALS_COLUMNS = ("item_ja", "item_en", "fy2020", "priority", "fy2019", "change", "change_pct")
STRATEGY_COLUMNS = (
    "id",
    "document",
    "kind",
    "depth",
    "parent_id",
    "path",
    "name_ja",
    "name_en",
    "detail_ja",
    "detail_en",
    "notes_ja",
    "notes_en",
    "source",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "programs": PROGRAM_COLUMNS,
    "ministries": MINISTRY_TABLE_COLUMNS,
    "totals": TOTALS_COLUMNS,
    "strategy": STRATEGY_COLUMNS,
}
PATH_SEPARATOR = " > "
NOTE_SEPARATOR = "; "


# ---- rows -------------------------------------------------------------------------------------------


def table_rows(dataset: Dataset, table: str) -> tuple[tuple[str, ...], list[Row]]:
    """The columns and rows of one table (cells are str, Decimal, int, bool or None)."""
    if table == "programs":
        rows = [_program_row(node, dataset.meta.fiscal_year) for node in dataset.programs()]
    elif table == "ministries":
        rows = [_ministry_row(node) for node in [*dataset.ministries, dataset.ministry_total]]
    elif table == "totals":
        rows = [_totals_row(node) for node in dataset.totals]
    elif table == "strategy":
        rows = [
            _strategy_row(dataset, node, document, depth)
            for document, top in (
                ("strategy2019", dataset.strategy2019),
                ("quantum", dataset.quantum),
                ("ai", dataset.ai),
            )
            for node, depth in _document_order(top)
        ]
    else:
        raise ValueError(f"unknown table {table!r} (one of {', '.join(TABLES)})")
    return COLUMNS[table], rows


def table_frame(dataset: Dataset, table: str) -> pandas.DataFrame:
    """One table as a pandas DataFrame, for notebooks and scripts. Amounts stay ``Decimal`` (object
    columns: nothing becomes a float that prints 1.3499999), absent amounts are ``None``."""
    import pandas as pd  # imported here: the explorer and the other commands never pay for it

    columns, rows = table_rows(dataset, table)
    return pd.DataFrame.from_records(rows, columns=list(columns))


def _amount(figure: Figure | None) -> Decimal | None:
    return figure.amount if figure is not None else None


def _basis(figure: Figure | None) -> str | None:
    if figure is None or figure.dash:
        return None
    return figure.basis.value


def _source(source: Source | None) -> str:
    return f"line {source.line}: {source.text}" if source is not None else ""


def _path(node: Node) -> str:
    """Japanese names from below the dataset root down to the parent."""
    return PATH_SEPARATOR.join(n.name.ja for n in node.path()[1:-1])


def _program_row(node: Node, fiscal_year: int) -> Row:
    fy2020, fy2019, supplementary = (node.figures.get(k) for k in (FY2020, FY2019, SUPPLEMENTARY))
    notes: list[str] = [n.ja for n in node.notes]
    for key, figure in ((FY2020, fy2020), (FY2019, fy2019), (SUPPLEMENTARY, supplementary)):
        if figure is not None and figure.mark:  # the amount column is a bare number: the mark goes here
            notes.append(f"{figure_label(key, figure, 'ja', fiscal_year)}: {figure_text(figure, Unit.OKU, 'ja')}")
    for figure in (fy2020, fy2019, supplementary):
        if figure is not None and figure.mark and figure.mark_note is not None:
            mark_note = f"{figure.mark}{figure.mark_note.ja}"
            if mark_note not in notes:
                notes.append(mark_note)
    if supplementary is not None and supplementary.fiscal_year is not None:
        notes.append(figure_label(SUPPLEMENTARY, supplementary, "ja", fiscal_year))
    return (
        node.id,
        node.strategy,
        _path(node),
        node.ministry,
        node.name.ja,
        node.name.en,
        _amount(fy2020),
        _basis(fy2020),
        _amount(fy2019),
        _basis(fy2019),
        _amount(supplementary),
        _basis(supplementary),
        node.is_relisting,
        node.new,
        NOTE_SEPARATOR.join(notes),
        _source(node.source),
        supplementary.fiscal_year if supplementary is not None else None,
    )


def _ministry_row(node: Node) -> Row:
    keys = (*MINISTRY_COLUMNS, CHANGE, CHANGE_PCT)
    return (node.name.ja, node.name.en, *(_amount(node.figures.get(k)) for k in keys))


def _totals_row(node: Node) -> Row:
    keys = (FY2020, PRIORITY, FY2019, CHANGE, CHANGE_PCT)
    return (node.name.ja, node.name.en, *(_amount(node.figures.get(k)) for k in keys))


def _document_order(top: Node, depth: int = 0) -> list[tuple[Node, int]]:
    """A node, then its children (depth first), then its footnotes."""
    result = [(top, depth)]
    for child in top.children:
        result.extend(_document_order(child, depth + 1))
    result.extend((footnote, depth + 1) for footnote in top.footnotes)
    return result


def _details(dataset: Dataset, node: Node) -> tuple[str, str]:
    fiscal_year = dataset.meta.fiscal_year
    ja: list[str] = [f"{label.ja}: {value.ja}" for label, value in node.details]
    en: list[str] = [f"{label.en}: {value.en}" for label, value in node.details]
    if node.is_program:
        if node.ministry:
            ja.append(f"府省: {node.ministry}")
            en.append(f"Ministry: {ministry_label(dataset, node.ministry, 'en')}")
        for key in (FY2020, FY2019, SUPPLEMENTARY):
            figure = node.figures.get(key)
            if figure is not None:
                ja.append(f"{figure_label(key, figure, 'ja', fiscal_year)}: {figure_text(figure, Unit.OKU, 'ja')}")
                en.append(f"{figure_label(key, figure, 'en', fiscal_year)}: {figure_text(figure, Unit.OKU, 'en')}")
        if node.new:
            ja.append("新規")
            en.append("new")
        if node.relist_of is not None:  # rather than is_relisting: the id below needs the narrowing
            ja.append(f"再掲: {node.relist_of.id}")
            en.append(f"re-listed: {node.relist_of.id}")
    return NOTE_SEPARATOR.join(ja), NOTE_SEPARATOR.join(en)


def _strategy_row(dataset: Dataset, node: Node, document: str, depth: int) -> Row:
    detail_ja, detail_en = _details(dataset, node)
    parent_id = node.parent.id if node.parent is not None and depth > 0 else ""
    return (
        node.id,
        document,
        node.kind,
        depth,
        parent_id,
        _path(node),
        node.name.ja,
        node.name.en,
        detail_ja,
        detail_en,
        NOTE_SEPARATOR.join(n.ja for n in node.notes),
        NOTE_SEPARATOR.join(n.en for n in node.notes),
        _source(node.source),
    )


# ---- formats ----------------------------------------------------------------------------------------


def cell_text(cell: Cell) -> str:
    """A cell as csv/tsv/md text: '' for absent, true/false, amounts exactly as printed; a text cell that
    a spreadsheet would run as a formula gets an apostrophe first (tui.core.formulas: the one rule)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        return format(cell, "f")
    if isinstance(cell, str):
        return defuse(cell)
    return str(cell)


def _json_value(cell: Cell) -> str:
    if cell is None:
        return "null"
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        if not cell.is_finite():
            raise ValueError(f"not a finite amount: {cell}")
        return format(cell, "f")  # the decimal text as a JSON number, never through a float
    if isinstance(cell, int):
        return str(cell)
    return json.dumps(cell, ensure_ascii=False)


def render(
    columns: Sequence[str], rows: Sequence[Row], fmt: str, *, newline: str = "\n", headers: Sequence[str] | None = None
) -> str:
    """The table as csv, tsv, json or md text (ends with a newline). ``newline`` ends csv/tsv records
    (``"\r\n"`` for Excel); ``headers`` replaces the header row of csv/tsv/md (the Japanese headers of
    tui.core.headers) — json keys are always the column names."""
    if fmt in ("csv", "tsv"):
        records = _Records(newline)
        # lineterminator \r\n makes the csv module quote a field holding a CR as well as one holding a LF
        # (with \n alone a lone CR went out unquoted and split the record in Excel); _Records then ends
        # each record with ``newline``.
        writer = csv.writer(records, delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n")
        writer.writerow(headers if headers is not None else columns)
        writer.writerows([cell_text(c) for c in row] for row in rows)
        return "".join(records.parts)
    if fmt == "json":
        if not rows:
            return "[]\n"
        keys = [json.dumps(c, ensure_ascii=False) for c in columns]
        objects = [
            "  {\n" + ",\n".join(f"    {k}: {_json_value(c)}" for k, c in zip(keys, row, strict=True)) + "\n  }"
            for row in rows
        ]
        return "[\n" + ",\n".join(objects) + "\n]\n"
    if fmt == "md":
        return _markdown(headers if headers is not None else columns, rows)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


class _Records:
    """A file for csv.writer, which writes each record with one call: keeps it, ending in ``newline``."""

    def __init__(self, newline: str) -> None:
        self.newline = newline
        self.parts: list[str] = []

    def write(self, record: str) -> int:
        self.parts.append(record[:-2] + self.newline)  # every record ends with the writer's \r\n
        return len(record)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _markdown(columns: Sequence[str], rows: Sequence[Row]) -> str:
    def numeric(index: int) -> bool:
        cells = [row[index] for row in rows if row[index] is not None]
        return bool(cells) and all(isinstance(c, Decimal | int) and not isinstance(c, bool) for c in cells)

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [line([_md_cell(c) for c in columns])]
    lines.append(line(["---:" if numeric(i) else "---" for i in range(len(columns))]))
    lines.extend(line([_md_cell(cell_text(c)) for c in row]) for row in rows)
    return "\n".join(lines) + "\n"
