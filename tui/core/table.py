"""The figure table for a node's children, as plain data (the UI only draws it).

One place decides what each cell says, how it sorts and what copying it yields, so the screen, the
clipboard and the TSV copy of a table can never disagree. Shares are computed only against a total the
document prints (a row's ``whole``), and only from exact amounts: 内数 and 再掲 never enter a share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from tui.core.chart import Bar, BarScale, bar_scale, drawable, drawable_change, table_amount_bar, table_change_bar
from tui.core.fmt import Unit, basis_marker, convert, english_unit, number, percent
from tui.core.formulas import defuse
from tui.core.labels import T, era_short
from tui.core.model import Basis, Dataset, Figure, Lang, Node, Text
from tui.core.rules import is_printed_total, share


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: Text
    numeric: bool


COLUMNS: tuple[Column, ...] = (
    Column("name", Text("名称", "Name"), False),
    Column("ministry", Text("府省", "Ministry"), False),
    Column("fy2020", Text("当年度当初", "This year"), True),  # shown with the dataset's year: column_title
    Column("fy2019", Text("前年度当初", "Previous year"), True),
    Column("supplementary", Text("補正", "Suppl."), True),
    Column("change", Text("増減", "Change"), True),
    Column("change_pct", Text("増減率", "Chg %"), True),
    Column("share", Text("構成比", "Share"), True),
    Column("flags", Text("注", "Notes"), False),
    # Pictures of the R2 amount and of the change, last: the cursor moves between the figures as before,
    # and on a narrow screen the pictures are what scrolls out of sight. Drawn from Cell.bar, never copied.
    Column("bar", Text("規模", "Size"), False),
    Column("change_bar", Text("増減図", "± bar"), False),
)
PICTURE_KEYS = ("bar", "change_bar")  # the columns a narrow table may leave out first
_PICTURED = {"bar": "fy2020", "change_bar": "change"}  # the column whose value each picture shows


def column_title(
    column: Column, lang: Lang, fiscal_year: int, unit: Unit | None = None, previous_fiscal_year: int | None = None
) -> str:
    """A column's heading; the two year columns name the dataset's own years (R2当初 / FY2020).

    In English the amount columns name their unit (``FY2020 ¥100M``, ``Change ¥M``): the cells hold plain
    numbers, and "32" under a bare "FY2020" could be read as yen or billions. Japanese headings follow the
    document, whose tables state 「(単位:億円)」 once: the title bar says 単位."""
    if column.key in ("fy2020", "fy2019"):
        previous = fiscal_year - 1 if previous_fiscal_year is None else previous_fiscal_year
        year = fiscal_year if column.key == "fy2020" else previous
        title = f"{era_short(year, lang)}当初" if lang == "ja" else f"FY{year}"
    else:
        title = column.title.get(lang)
    if lang == "en" and unit is not None and column.key in _UNIT_KEYS:
        title = f"{title} {english_unit(unit)}"
    return title


# Sort tiers: a program's own amounts first, then 内数 envelopes, then cells with no amount (always last).
_OWN, _ENVELOPE, _NONE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # what the table shows
    copy: str | None  # what `c` copies: a bare number in the display unit, or None
    sort: tuple[int, Decimal | str]
    figure: Figure | None = None  # the figure behind the cell, for basis-aware messages
    figure_key: str | None = None
    bar: Bar | None = None  # an inline bar: the picture of the amount or change in the row


@dataclass(frozen=True, slots=True)
class Row:
    node: Node
    cells: dict[str, Cell]


def table_parent(node: Node) -> Node:
    """Whose children the table shows: the node's own, or, for a leaf, its siblings."""
    if node.children or node.parent is None:
        return node
    return node.parent


class TableRows(Sequence[Row]):
    """A table's rows in display order, each built when first read: a node with 10,000 children costs
    next to nothing until its rows are drawn, and only the rows on screen are ever drawn."""

    def __init__(self, dataset: Dataset, nodes: Sequence[Node], lang: Lang, unit: Unit) -> None:
        self.dataset = dataset
        self.nodes = nodes
        self.lang: Lang = lang
        self.unit = unit
        self._built: dict[int, Row] = {}
        self._positions: dict[int, int] | None = None
        self._scale: BarScale | None = None

    def __len__(self) -> int:
        return len(self.nodes)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.nodes)))]
        if index < 0:
            index += len(self.nodes)
        row = self._built.get(index)
        if row is None:
            row = self._built[index] = self._build(self.nodes[index])  # IndexError past the end, as a list
        return row

    def __iter__(self) -> Iterator[Row]:
        """Every row, in order, without keeping the ones not built yet: going through a table of 100,000
        rows (to copy it) must not leave 100,000 rows in memory."""
        for index, node in enumerate(self.nodes):
            yield self._built.get(index) or self._build(node)

    def _build(self, node: Node) -> Row:
        cells = _cells(self.dataset, node, self.lang, self.unit)
        for key, pictured in _PICTURED.items():
            cells[key] = self._bar_cell(node, key, cells[pictured])
        return Row(node, cells)

    def position(self, node: Node) -> int | None:
        """Where ``node`` is in the table (None if it is not)."""
        if self._positions is None:
            self._positions = {id(n): i for i, n in enumerate(self.nodes)}
        return self._positions.get(id(node))

    def column_has_values(self, key: str) -> bool:
        """Whether any row shows something in column ``key`` (without building the rows)."""
        present = _PRESENT.get(key)
        if present is None:
            return True
        return any(present(node) for node in self.nodes)

    def cell(self, index: int, key: str) -> Cell:
        """One cell, built alone if its row has not been built yet (for sorting whole columns)."""
        row = self._built.get(index)
        if row is not None:
            return row.cells[key]
        node = self.nodes[index]
        if key in PICTURE_KEYS:
            value = _CELL_MAKERS[_PICTURED[key]](self.dataset, node, self.lang, self.unit)
            return self._bar_cell(node, key, value)
        return _CELL_MAKERS[key](self.dataset, node, self.lang, self.unit)

    def _bar_cell(self, node: Node, key: str, value: Cell) -> Cell:
        """A bar sorts as the value it pictures; a row without a bar (see tui.core.chart) is blank.
        Bars are relative to the siblings, so the scale is one pass over them, made on first use."""
        if self._scale is None:
            self._scale = bar_scale(self.nodes)
        bar = table_amount_bar(node, self._scale) if key == "bar" else table_change_bar(node, self._scale)
        if bar is None:
            return Cell("", None, (_NONE, Decimal(0)))
        return Cell(bar.text, None, value.sort, bar=bar)


def build_rows(dataset: Dataset, parent: Node, lang: Lang, unit: Unit) -> TableRows:
    return TableRows(dataset, parent.children, lang, unit)


def sort_rows(rows: TableRows, key: str, descending: bool) -> TableRows:
    """Sort by one column; rows with no value in it stay last in either direction, and the table's
    printed total (計, or (A + B)) keeps its printed place: it is not a peer of the rows it totals."""
    nodes = rows.nodes
    pinned = {i: n for i, n in enumerate(nodes) if is_printed_total(n)}
    sorts = [(rows.cell(i, key).sort, n) for i, n in enumerate(nodes) if i not in pinned]
    present = [(s, n) for s, n in sorts if s[0] != _NONE]
    absent = [n for s, n in sorts if s[0] == _NONE]
    present.sort(key=lambda item: item[0][1], reverse=descending)
    present.sort(key=lambda item: item[0][0])  # stable: own amounts before envelopes
    ordered = [n for _, n in present] + absent
    for index, node in sorted(pinned.items()):
        ordered.insert(index if index == 0 else len(ordered), node)
    return TableRows(rows.dataset, ordered, rows.lang, rows.unit)


def _figure_cell(key: str, figure: Figure | None, lang: Lang, unit: Unit) -> Cell:
    if figure is None:
        return Cell("", None, (_NONE, Decimal(0)))
    if figure.amount is None:  # words, not numbers: 未定, and "- なし" for a printed dash
        text = T("undetermined_cell" if figure.basis is Basis.UNDETERMINED else "dash_cell", lang)
        return Cell(text, None, (_NONE, Decimal(0)), figure, key)
    marker = basis_marker(figure)
    label = {"内": T("within_cell", lang), "推": T("estimate_cell", lang)}.get(marker, "")
    text = number(figure.amount, unit) + (figure.mark or "") + (f" {label}" if label else "")
    tier = _ENVELOPE if figure.basis is Basis.WITHIN else _OWN
    return Cell(text, number(figure.amount, unit, grouping=False), (tier, figure.amount), figure, key)


def _value_cell(value: Decimal | None, text: str) -> Cell:
    if value is None:
        return Cell("", None, (_NONE, Decimal(0)))
    return Cell(text, format(value, "f"), (_OWN, value))


def share_of_whole(node: Node) -> Decimal | None:
    """The 構成比 column: FY2020 share of the table's printed total (see :mod:`tui.core.rules`)."""
    return share(node)


def flags(node: Node, lang: Lang) -> str:
    """Short markers (the legend in help explains them): 再 a 再掲 line, 新 新規, +N re-listed N times."""
    marks = []
    if node.is_relisting:
        marks.append("再" if lang == "ja" else "R")
    if node.new:
        marks.append("新" if lang == "ja" else "N")
    if node.relistings:
        marks.append(f"+{len(node.relistings)}")
    return "".join(marks)


def ministry_label(dataset: Dataset, name_ja: str | None, lang: Lang, *, short: bool = False) -> str:
    if not name_ja:
        return ""
    ministry = dataset.ministry_by_name(name_ja)
    if ministry is None:
        return name_ja
    if short and ministry.short_name is not None:
        return ministry.short_name.get(lang)
    return ministry.name.get(lang)


def _change_cell(node: Node, unit: Unit) -> Cell:
    change, _ = node.change()
    if change is None:
        return _value_cell(None, "")
    return _value_cell(convert(change, unit), number(change, unit))


def _change_pct_cell(node: Node) -> Cell:
    change_pct, _ = node.change_pct()
    return _value_cell(change_pct, "" if change_pct is None else percent(change_pct))


def _share_cell(node: Node) -> Cell:
    share = share_of_whole(node)
    return _value_cell(share, "" if share is None else percent(share))


def _text_cell(text: str) -> Cell:
    return Cell(text, None, (_OWN if text else _NONE, text))


_CellMaker = Callable[[Dataset, Node, Lang, Unit], Cell]
_CELL_MAKERS: dict[str, _CellMaker] = {
    "name": lambda d, n, lang, u: Cell(n.name.get(lang), None, (_OWN, n.name.get(lang))),
    "ministry": lambda d, n, lang, u: _text_cell(ministry_label(d, n.ministry, lang, short=True)),
    "fy2020": lambda d, n, lang, u: _figure_cell("fy2020" if "fy2020" in n.figures else "r2_total", n.fy2020, lang, u),
    "fy2019": lambda d, n, lang, u: _figure_cell("fy2019" if "fy2019" in n.figures else "r1_total", n.fy2019, lang, u),
    "supplementary": lambda d, n, lang, u: _figure_cell("supplementary", n.supplementary, lang, u),
    "change": lambda d, n, lang, u: _change_cell(n, u),
    "change_pct": lambda d, n, lang, u: _change_pct_cell(n),
    "share": lambda d, n, lang, u: _share_cell(n),
    "flags": lambda d, n, lang, u: Cell(flags(n, lang), None, (_OWN, flags(n, lang))),
}
# Cheap tests of whether a column shows anything for a node, so empty columns can be left out of a
# table without building its rows. Columns not listed here always show.
_PRESENT: dict[str, Callable[[Node], bool]] = {
    "ministry": lambda n: bool(n.ministry),
    "supplementary": lambda n: n.supplementary is not None,
    "change": lambda n: n.change()[0] is not None,
    "change_pct": lambda n: n.change_pct()[0] is not None,
    "share": lambda n: n.whole is not None and share_of_whole(n) is not None,
    "flags": lambda n: n.is_relisting or n.new or bool(n.relistings),
    "bar": lambda n: isinstance(drawable(n), Figure),
    "change_bar": lambda n: drawable_change(n) is not None,
}


def _cells(dataset: Dataset, node: Node, lang: Lang, unit: Unit) -> dict[str, Cell]:
    return {key: make(dataset, node, lang, unit) for key, make in _CELL_MAKERS.items()}


def rows_as_tsv(
    rows: Sequence[Row], lang: Lang, unit: Unit, fiscal_year: int, previous_fiscal_year: int | None = None
) -> str:
    """The table for a spreadsheet: bare numbers, each figure's basis in its own column."""
    header = [
        COLUMNS[0].title.get(lang),
        COLUMNS[1].title.get(lang),
    ]
    numeric = [c for c in COLUMNS if c.numeric]
    for column in numeric:
        title = column_title(column, lang, fiscal_year, previous_fiscal_year=previous_fiscal_year)
        unit_name = unit.label.ja if lang == "ja" else english_unit(unit)
        header.append(f"{title} ({unit_name})" if column.key in _UNIT_KEYS else title)
        if column.key in _BASIS_KEYS:
            header.append(f"{title} basis" if lang == "en" else f"{title} 区分")
    header.append(_FLAGS.title.get(lang))
    lines = ["\t".join(header)]
    for row in rows:
        # text a spreadsheet would run as a formula gets an apostrophe (tui.core.formulas, as in every export)
        values = [defuse(row.cells["name"].text), defuse(row.cells["ministry"].text)]
        for column in numeric:
            cell = row.cells[column.key]
            values.append(cell.copy or "")
            if column.key in _BASIS_KEYS:
                values.append(_basis_word(cell.figure))
        values.append(defuse(row.cells["flags"].text))
        lines.append("\t".join(v.replace("\t", " ") for v in values))
    return "\n".join(lines) + "\n"


_UNIT_KEYS = ("fy2020", "fy2019", "supplementary", "change")
_FLAGS = next(c for c in COLUMNS if c.key == "flags")
_BASIS_KEYS = ("fy2020", "fy2019", "supplementary")


def _basis_word(figure: Figure | None) -> str:
    if figure is None:
        return ""
    if figure.amount is None and figure.basis is not Basis.UNDETERMINED:
        return ""
    return figure.basis.value
