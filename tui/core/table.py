"""The figure table for a node's children, as plain data (the UI only draws it).

One place decides what each cell says, how it sorts and what copying it yields, so the screen, the
clipboard and the TSV copy of a table can never disagree. Shares are computed only against a total the
document prints (a row's ``whole``), and only from exact amounts: 内数 and 再掲 never enter a share.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tui.core.chart import Bar, table_bars
from tui.core.fmt import Unit, basis_marker, convert, figure_text, number, percent
from tui.core.model import Basis, Dataset, Figure, Lang, Node, Text


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


def column_title(column: Column, lang: Lang, fiscal_year: int) -> str:
    """A column's heading; the two year columns name the dataset's own years (R2当初 / FY2020)."""
    if column.key in ("fy2020", "fy2019"):
        year = fiscal_year if column.key == "fy2020" else fiscal_year - 1
        return f"R{year - 2018}当初" if lang == "ja" else f"FY{year}"
    return column.title.get(lang)


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


def build_rows(dataset: Dataset, parent: Node, lang: Lang, unit: Unit) -> list[Row]:
    amounts, changes = table_bars(parent.children)
    rows = []
    for child in parent.children:
        cells = _cells(dataset, child, lang, unit)
        cells["bar"] = _bar_cell(amounts.get(child.id), cells["fy2020"])
        cells["change_bar"] = _bar_cell(changes.get(child.id), cells["change"])
        rows.append(Row(child, cells))
    return rows


def _bar_cell(bar: Bar | None, value: Cell) -> Cell:
    """A bar sorts as the value it pictures; a row without a bar (see tui.core.chart) is blank."""
    if bar is None:
        return Cell("", None, (_NONE, Decimal(0)))
    return Cell(bar.text, None, value.sort, bar=bar)


def sort_rows(rows: list[Row], key: str, descending: bool) -> list[Row]:
    """Sort by one column; rows with no value in it stay last in either direction, and the table's
    printed total (計, or (A + B)) keeps its printed place: it is not a peer of the rows it totals."""
    pinned = {i: r for i, r in enumerate(rows) if r.node.parent is not None and r.node.parent.headline is r.node}
    peers = [r for i, r in enumerate(rows) if i not in pinned]
    present = [r for r in peers if r.cells[key].sort[0] != _NONE]
    absent = [r for r in peers if r.cells[key].sort[0] == _NONE]
    present.sort(key=lambda r: r.cells[key].sort[1], reverse=descending)
    present.sort(key=lambda r: r.cells[key].sort[0])  # stable: own amounts before envelopes
    ordered = present + absent
    for index, row in sorted(pinned.items()):
        ordered.insert(index if index == 0 else len(ordered), row)
    return ordered


def _figure_cell(key: str, figure: Figure | None, lang: Lang, unit: Unit) -> Cell:
    if figure is None:
        return Cell("", None, (_NONE, Decimal(0)))
    if figure.amount is None:
        text = figure_text(figure, unit, lang)
        return Cell(text, None, (_NONE, Decimal(0)), figure, key)
    marker = basis_marker(figure)
    label = (
        {"内": "内数", "推": "推計", "未": "未定"}.get(marker, "")
        if lang == "ja"
        else {"内": "within", "推": "est.", "未": "undet."}.get(marker, "")
    )
    text = number(figure.amount, unit) + (figure.mark or "") + (f" {label}" if label else "")
    tier = _ENVELOPE if figure.basis is Basis.WITHIN else _OWN
    return Cell(text, number(figure.amount, unit, grouping=False), (tier, figure.amount), figure, key)


def _value_cell(value: Decimal | None, text: str) -> Cell:
    if value is None:
        return Cell("", None, (_NONE, Decimal(0)))
    return Cell(text, format(value, "f"), (_OWN, value))


def share_of_whole(node: Node) -> Decimal | None:
    """FY2020 share of the printed total this row belongs to (one decimal), from exact amounts only."""
    whole = node.whole
    if whole is None:
        return None
    part, total = node.fy2020, whole.fy2020
    if part is None or total is None or not part.is_exact_amount or not total.is_exact_amount:
        return None
    assert part.amount is not None and total.amount is not None
    if not total.amount:
        return None
    return (part.amount / total.amount * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


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


def _cells(dataset: Dataset, node: Node, lang: Lang, unit: Unit) -> dict[str, Cell]:
    name = node.name.get(lang)
    ministry = ministry_label(dataset, node.ministry, lang, short=True)
    change, _ = node.change()
    change_pct, _ = node.change_pct()
    share = share_of_whole(node)
    supplementary = node.supplementary
    marks = flags(node, lang)
    return {
        "name": Cell(name, None, (_OWN, name)),
        "ministry": Cell(ministry, None, (_OWN if ministry else _NONE, ministry)),
        "fy2020": _figure_cell("fy2020" if "fy2020" in node.figures else "r2_total", node.fy2020, lang, unit),
        "fy2019": _figure_cell("fy2019" if "fy2019" in node.figures else "r1_total", node.fy2019, lang, unit),
        "supplementary": _figure_cell("supplementary", supplementary, lang, unit),
        "change": _value_cell(
            None if change is None else convert(change, unit),
            "" if change is None else number(change, unit),
        ),
        "change_pct": _value_cell(change_pct, "" if change_pct is None else percent(change_pct)),
        "share": _value_cell(share, "" if share is None else percent(share)),
        "flags": Cell(marks, None, (_OWN, marks)),
    }


def rows_as_tsv(rows: list[Row], lang: Lang, unit: Unit, fiscal_year: int) -> str:
    """The table for a spreadsheet: bare numbers, each figure's basis in its own column."""
    header = [
        COLUMNS[0].title.get(lang),
        COLUMNS[1].title.get(lang),
    ]
    numeric = [c for c in COLUMNS if c.numeric]
    for column in numeric:
        title = column_title(column, lang, fiscal_year)
        header.append(f"{title} ({unit.label.get(lang)})" if column.key in _UNIT_KEYS else title)
        if column.key in _BASIS_KEYS:
            header.append(f"{title} basis" if lang == "en" else f"{title} 区分")
    header.append(_FLAGS.title.get(lang))
    lines = ["\t".join(header)]
    for row in rows:
        values = [row.cells["name"].text, row.cells["ministry"].text]
        for column in numeric:
            cell = row.cells[column.key]
            values.append(cell.copy or "")
            if column.key in _BASIS_KEYS:
                values.append(_basis_word(cell.figure))
        values.append(row.cells["flags"].text)
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
