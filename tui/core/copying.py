"""What the copy keys copy: one pure model, decided from the item under the cursor of the focused pane.

The UI describes that item as an :class:`Item` — a node, and for a table cell the column the cursor is on
— and asks :func:`copy_for` for ``c``, ``y`` or ``C`` (``Y``, the whole table, is :func:`copy_table`).
Every answer is a :class:`Copy`: the text to copy (None: nothing is copied) and the notification, which
says what was copied and, where the copy is not a bare number, why.

- ``c``: the figure alone. A bare number (``32``, ``2318.1``) only where it is the item's own amount
  (exact, 推計額 — the program's own, estimated —, a 補正 amount, a printed total, a change, a share). A
  内数 is copied as printed (``280億円の内数``): a bare envelope pasted into a sheet gets summed. 未定 and
  '-' copy nothing, and the notification says why.
- ``y``: a quotable label — the table the row belongs to where that is what gives it its meaning
  (科学技術関係予算・府省別: a ministry row is its S&T budget, not its whole budget), the item's name,
  qualified by its parent where the name alone is ambiguous (:func:`quoted_name`), the budget and fiscal
  year, the amount with its unit and basis.
- ``C``: the label, then the source document and the seed line (and, in 百万円 / 円, that the figure was
  printed rounded to 億円), then the item's id (``［ID: ai.sip］``: what ``budget-tui --open`` takes and the
  exports' ``id`` column holds; the config's ``citation_id = false`` leaves it out).
- ``Y``: the table as TSV (:func:`tui.core.table.rows_as_tsv`).

English copies read ``¥3.2 billion``: the printed 億円 figure with its decimal point moved, never rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tui.core.fmt import (
    Unit,
    amount_text,
    english_unit,
    figure_label,
    figure_text,
    number,
    percent,
    rounded_note,
)
from tui.core.labels import T
from tui.core.model import CHANGE, CHANGE_PCT, FY2019, FY2020, SUPPLEMENTARY, Basis, Dataset, Figure, Lang, Meta, Node
from tui.core.rules import share, share_denominator
from tui.core.table import Row, rows_as_tsv

Key = Literal["c", "y", "C"]

# Names that say what kind of money a line is, not whose: quoted with the parent they belong to.
GENERIC_NAMES = frozenset(
    {"運営費交付金", "施設整備費補助金", "施設整備費", "補助金", "交付金", "委託費", "拠点形成費", "計"}
)


@dataclass(frozen=True, slots=True)
class Item:
    """The item under the cursor of the focused pane. ``column`` is the table column the cursor is on
    (a table cell), None elsewhere (tree node, search hit, detail link, chart row): the node's main figure."""

    node: Node
    column: str | None = None


@dataclass(frozen=True, slots=True)
class Copy:
    text: str | None  # what goes to the clipboard; None: nothing (the notice says why)
    notice: str  # the notification: what was copied, and why it is not a bare number where it is not

    @property
    def copied(self) -> bool:
        return self.text is not None


# ---- which figure -------------------------------------------------------------------------------------


def _figure_key(node: Node, column: str | None) -> str | None:
    """The figure a table column shows for ``node`` (None: the column shows no figure of the node's)."""
    if column in ("fy2020", "bar"):
        return FY2020 if FY2020 in node.figures else "r2_total" if "r2_total" in node.figures else None
    if column == "fy2019":
        return FY2019 if FY2019 in node.figures else "r1_total" if "r1_total" in node.figures else None
    if column == SUPPLEMENTARY:
        return SUPPLEMENTARY if SUPPLEMENTARY in node.figures else None
    return None


def _selected(item: Item) -> tuple[str, Figure] | None:
    """The figure the item stands for: the cell's, else the node's main figure."""
    key = _figure_key(item.node, item.column)
    if key is not None:
        return key, item.node.figures[key]
    return item.node.main_figure()


# ---- quotable names ------------------------------------------------------------------------------------


GENERIC_NAMES_EN = frozenset({"operating grant", "facility development subsidy", "subsidy", "grant", "total"})
_COUNTS: dict[int, tuple[Dataset, dict[str, int]]] = {}


def _name_counts(dataset: Dataset) -> dict[str, int]:
    """How many figure-bearing nodes carry each name (ja and en), counted once per dataset."""
    cached = _COUNTS.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]
    counts: dict[str, int] = {}
    for node in dataset.nodes.values():
        if node.figures:
            for name in {f"ja:{node.name.ja}", f"en:{node.name.en}"}:
                counts[name] = counts.get(name, 0) + 1
    _COUNTS.clear()  # one dataset at a time: nothing accumulates
    _COUNTS[id(dataset)] = (dataset, counts)
    return counts


def is_ambiguous(dataset: Dataset, node: Node, lang: Lang) -> bool:
    """A name that does not say whose the figure is, in ``lang``: a generic kind of money (運営費交付金,
    施設整備費補助金) or a name that more than one figure-bearing line of the dataset carries. (The English
    names already say whose: "Operating grant (NICT quantum security hub)".)"""
    if node.parent is None or node.parent.parent is None or node.kind == "ministry":
        return False
    name = node.name.get(lang)
    generic = name in GENERIC_NAMES if lang == "ja" else name.lower() in GENERIC_NAMES_EN
    return generic or _name_counts(dataset).get(f"{lang}:{name}", 0) > 1


def quoted_name(dataset: Dataset, node: Node, lang: Lang) -> str:
    """The item's name as quoted: its parent's first where the name is ambiguous
    (``量子セキュリティ拠点(NICT) 運営費交付金``), and 再掲 said where the name does not say it."""
    name = node.name.get(lang)
    if is_ambiguous(dataset, node, lang) and node.parent is not None:
        name = f"{node.parent.name.get(lang)} {name}" if lang == "ja" else f"{name} ({node.parent.name.en})"
    if node.is_relisting and "再掲" not in node.name.ja:
        name += "（再掲）" if lang == "ja" else " (re-listed, 再掲)"
    return name


def _table_label(dataset: Dataset, node: Node, lang: Lang) -> str:
    """科学技術関係予算・全体額 / 科学技術関係予算・府省別 for rows of those tables ('' for programs)."""
    if node.parent is None:
        return ""
    if node in dataset.totals:
        return T("table_totals", lang)
    if node.kind == "ministry":
        return T("table_ministries", lang)
    return ""


# ---- the three keys ------------------------------------------------------------------------------------


def copy_for(key: Key, dataset: Dataset, item: Item, lang: Lang, unit: Unit, *, cite_id: bool = True) -> Copy:
    """What ``c``, ``y`` or ``C`` copies for ``item`` (``cite_id``: whether ``C`` ends with the item's id)."""
    if key == "c":
        return copy_figure(dataset, item, lang, unit)
    if key == "y":
        return copy_label(dataset, item, lang, unit)
    return copy_citation(dataset, item, lang, unit, cite_id=cite_id)


def _value_column(item: Item) -> str | None:
    return item.column if item.column in (CHANGE, CHANGE_PCT, "change_bar", "share") else None


def label_text(dataset: Dataset, item: Item, lang: Lang, unit: Unit) -> str | None:
    """The quotable line ``y`` copies, or None when the item has no figure."""
    node, meta = item.node, dataset.meta
    name = _full_name(dataset, node, lang)
    column = _value_column(item)
    if column is not None:
        value = _value_text(node, column, lang, unit)
        if value is not None:
            return f"{name} {value}" if lang == "ja" else f"{name}, {value}"
    selected = _selected(item)
    if selected is None:
        return None
    key, figure = selected
    label = figure_label(key, figure, lang, meta.fiscal_year, meta.previous_fiscal_year)
    if lang == "en":
        return f"{name}, {label}: {figure_text(figure, unit, lang)}"
    return f"{name} {label} {figure_text(figure, unit, lang)}"


def _full_name(dataset: Dataset, node: Node, lang: Lang) -> str:
    name = quoted_name(dataset, node, lang)
    table = _table_label(dataset, node, lang)
    if not table:
        return name
    return f"{table} {name}" if lang == "ja" else f"{table}: {name}"


def _value_text(node: Node, column: str, lang: Lang, unit: Unit) -> str | None:
    """A change, % or share with its label and how it was obtained."""
    ja = lang == "ja"
    if column in (CHANGE, "change_bar"):
        change, printed = node.change()
        if change is None:
            return None
        how = T("why_printed" if printed else "why_computed", lang)
        label = "対前年度増減額" if ja else "change from the previous year"
        shown = amount_text(change, unit, lang)
        return f"{label} {shown}（{how}）" if ja else f"{label}: {shown} ({how})"
    if column == CHANGE_PCT:
        pct, printed = node.change_pct()
        if pct is None:
            return None
        how = T("why_printed" if printed else "why_computed", lang)
        if ja:
            return f"対前年度増減率 {percent(pct)}（{how}）"
        return f"change from the previous year: {percent(pct)} ({how})"
    value = share(node)
    whole = share_denominator(node)
    if value is None or whole is None:
        return None
    return (
        f"構成比 {percent(value)}（{whole.name.ja}に対する）"
        if ja
        else f"share: {percent(value)} of {whole.name.en}"
    )


def copy_label(dataset: Dataset, item: Item, lang: Lang, unit: Unit) -> Copy:
    text = label_text(dataset, item, lang, unit)
    if text is None:
        return Copy(None, f"{item.node.name.get(lang)}: {T('why_no_figure', lang)}")
    return Copy(text, text + _why(item, lang))


def copy_citation(dataset: Dataset, item: Item, lang: Lang, unit: Unit, *, cite_id: bool = True) -> Copy:
    text = label_text(dataset, item, lang, unit)
    if text is None:
        return Copy(None, f"{item.node.name.get(lang)}: {T('why_no_figure', lang)}")
    cited = text + _source_text(item.node, lang, unit, dataset.meta)
    if cite_id:
        cited += f"［ID: {item.node.id}］" if lang == "ja" else f" [id: {item.node.id}]"
    return Copy(cited, text + _why(item, lang))


def _source_text(node: Node, lang: Lang, unit: Unit, meta: Meta) -> str:
    note = rounded_note(unit, lang)
    line = node.source
    if lang == "ja":
        where = f"、{line.line}行: {line.text}" if line is not None else ""
        rounded = f"。{note}" if note else ""
        return f"（出典: {meta.publisher.ja}「{meta.title.ja}」{meta.date}{where}{rounded}）"
    where = f", line {line.line}: {line.text}" if line is not None else ""
    rounded = f"; {note}" if note else ""
    return f" (source: {meta.publisher.en}, “{meta.title.en}”, {meta.date}{where}{rounded})"


def copy_figure(dataset: Dataset, item: Item, lang: Lang, unit: Unit) -> Copy:
    """``c``: the bare number where it is the item's own amount; a 内数 as printed; 未定 / '-' nothing."""
    node = item.node
    name = node.name.get(lang)
    column = _value_column(item)
    if column is not None:
        value = _bare_value(node, column, unit)
        if value is not None:
            label = _value_text(node, column, lang, unit)
            return Copy(value, f"{value} — {name} {label}")
    selected = _selected(item)
    if selected is None:
        return Copy(None, f"{name}: {T('why_no_figure', lang)}")
    key, figure = selected
    meta = dataset.meta
    label = figure_label(key, figure, lang, meta.fiscal_year, meta.previous_fiscal_year)
    shown = figure_text(figure, unit, lang)
    if figure.amount is None:
        why = T("why_undetermined" if figure.basis is Basis.UNDETERMINED else "why_dash", lang)
        return Copy(None, f"{T('nothing_to_copy', lang)}: {name} {label} {shown} — {why}")
    if figure.basis is Basis.WITHIN:
        printed = figure_text(figure, unit, lang, grouping=False)
        stop = "。" if lang == "ja" else ". "
        return Copy(printed, f"{printed} — {name} {label}{stop}{T('why_within', lang)}")
    bare = number(figure.amount, unit, grouping=False)
    notes = []
    if figure.basis is Basis.ESTIMATE:
        notes.append(T("why_estimate", lang))
    if key == SUPPLEMENTARY:
        notes.append(T("why_supplementary", lang))
    if node.is_relisting:
        notes.append(T("why_relisting", lang))
    tail = ("。" if lang == "ja" else ". ") + " / ".join(notes) if notes else ""
    unit_name = unit.label.ja if lang == "ja" else english_unit(unit)
    return Copy(bare, f"{bare} ({unit_name}) — {name} {label} {shown}{tail}")


def _bare_value(node: Node, column: str, unit: Unit) -> str | None:
    if column in (CHANGE, "change_bar"):
        change, _ = node.change()
        return None if change is None else number(change, unit, grouping=False)
    if column == CHANGE_PCT:
        pct, _ = node.change_pct()
        return None if pct is None else format(pct, "f")
    value = share(node)
    return None if value is None else format(value, "f")


def _why(item: Item, lang: Lang) -> str:
    """Why a labelled copy reads as it does, for the notification ('' for a plain own amount)."""
    selected = _selected(item)
    if selected is None or _value_column(item) is not None:
        return ""
    _, figure = selected
    notes = []
    if figure.basis is Basis.WITHIN:
        notes.append(T("why_within", lang))
    elif figure.basis is Basis.ESTIMATE:
        notes.append(T("why_estimate", lang))
    if item.node.is_relisting:
        notes.append(T("why_relisting", lang))
    return f" — {' / '.join(notes)}" if notes else ""


# ---- the table ----------------------------------------------------------------------------------------


def copy_table(title: str, rows: Sequence[Row], lang: Lang, unit: Unit, meta: Meta) -> Copy:
    """``Y``: the table as TSV (a header row, bare numbers, each figure's basis in a column of its own)."""
    text = rows_as_tsv(rows, lang, unit, meta.fiscal_year, meta.previous_fiscal_year)
    space = "" if lang == "ja" else " "
    return Copy(text, f"{title}: {len(rows):,}{space}{T('rows_tsv', lang)}")
