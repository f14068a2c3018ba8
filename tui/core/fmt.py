"""Formatting of figures: units, bases, budget labels — the same words in table, detail pane and copy.

Amounts are ``Decimal`` in 億円 as printed. Converting to 百万円 or 円 multiplies exactly; in 億円 the
printed precision is kept (``14.0`` stays ``14.0``).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from tui.core.model import (
    CHANGE,
    CHANGE_PCT,
    FY2019,
    FY2020,
    PRIORITY,
    SUPPLEMENTARY,
    Basis,
    Figure,
    Lang,
    Meta,
    Node,
    Text,
)


class Unit(Enum):
    """Display units, each with its factor from 億円."""

    OKU = ("億円", "100M yen", Decimal(1))
    MILLION = ("百万円", "M yen", Decimal(100))
    YEN = ("円", "yen", Decimal(100_000_000))

    def __init__(self, ja: str, en: str, factor: Decimal) -> None:
        self.label = Text(ja, en)
        self.factor = factor

    def next(self) -> Unit:
        members = list(Unit)
        return members[(members.index(self) + 1) % len(members)]


def convert(amount: Decimal, unit: Unit) -> Decimal:
    """An amount in ``unit``; exact, and without a spurious fraction (14.0億円 → 1400百万円)."""
    if unit is Unit.OKU:
        return amount
    value = amount * unit.factor
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def number(amount: Decimal, unit: Unit = Unit.OKU, *, grouping: bool = True) -> str:
    """``1,008`` for display; ``1008`` (bare, for the clipboard) with grouping=False."""
    value = convert(amount, unit)
    return format(value, ",f") if grouping else format(value, "f")


def percent(value: Decimal) -> str:
    return f"{format(value, 'f')}%"


def era_year(fiscal_year: int, lang: Lang) -> str:
    """令和2年度 / FY2020."""
    if lang == "en":
        return f"FY{fiscal_year}"
    if fiscal_year >= 2019:
        n = fiscal_year - 2018
        return f"令和{'元' if n == 1 else n}年度"
    return f"平成{fiscal_year - 1988}年度"


def figure_text(figure: Figure, unit: Unit, lang: Lang, *, grouping: bool = True) -> str:
    """A figure with its unit and basis: 32億円, 280億円の内数, 2億円(推計額), 未定, -."""
    if figure.amount is None:
        if figure.basis is Basis.UNDETERMINED:
            return "未定" if lang == "ja" else "undetermined"
        return "-"
    shown = number(figure.amount, unit, grouping=grouping)
    u = unit.label.get(lang) + (figure.mark or "")  # as printed: 535億円*の内数
    if lang == "ja":
        suffix = {Basis.EXACT: "", Basis.WITHIN: "の内数", Basis.ESTIMATE: "(推計額)"}.get(figure.basis, "")
        return f"{shown}{u}{suffix}"
    prefix = {Basis.EXACT: "", Basis.WITHIN: "within ", Basis.ESTIMATE: "est. "}.get(figure.basis, "")
    return f"{prefix}{shown} {u}"


def basis_marker(figure: Figure | None) -> str:
    """The short marker the table shows beside a figure whose meaning is not a plain amount."""
    if figure is None:
        return ""
    return {Basis.WITHIN: "内", Basis.ESTIMATE: "推", Basis.UNDETERMINED: "未"}.get(figure.basis, "")


def budget_label(key: str, figure: Figure | None, lang: Lang, fiscal_year: int) -> str:
    """The budget a figure belongs to: 令和2年度当初, 令和元年度補正, FY2020 initial, ..."""
    previous = fiscal_year - 1
    if key in (FY2020, "r2_total", "r2_general", "r2_promotion", "r2_special"):
        return f"{era_year(fiscal_year, lang)}当初" if lang == "ja" else f"FY{fiscal_year} initial"
    if key in (FY2019, "r1_total", "r1_general", "r1_promotion", "r1_special"):
        return f"{era_year(previous, lang)}当初" if lang == "ja" else f"FY{previous} initial"
    if key == PRIORITY or key.startswith("pr_"):
        return (
            f"{era_year(fiscal_year, lang)}当初 うち優先課題推進枠"
            if lang == "ja"
            else f"FY{fiscal_year} initial, of which priority-issue framework"
        )
    if key == SUPPLEMENTARY:
        year = figure.fiscal_year if figure is not None else None
        if year is None:
            return "補正（年度の記載なし）" if lang == "ja" else "supplementary (fiscal year not stated)"
        return f"{era_year(year, lang)}補正" if lang == "ja" else f"FY{year} supplementary"
    if key == CHANGE:
        return "対前年度増減額" if lang == "ja" else "change from previous year"
    if key == CHANGE_PCT:
        return "対前年度増減率" if lang == "ja" else "change from previous year (%)"
    return key


_COLUMN_PART = {
    "general": Text("一般会計", "general account"),
    "promotion": Text("うち科学技術振興費", "of which S&T promotion"),
    "special": Text("特別会計", "special accounts"),
    "total": Text("計", "total"),
}


def figure_label(key: str, figure: Figure | None, lang: Lang, fiscal_year: int) -> str:
    """A figure's full label: its budget, and for by-ministry columns the account as well."""
    label = budget_label(key, figure, lang, fiscal_year)
    group, _, part = key.partition("_")
    if group in ("r2", "pr", "r1") and part in _COLUMN_PART:
        return f"{label} {_COLUMN_PART[part].get(lang)}"
    return label


def node_figures(node: Node) -> list[tuple[str, Figure]]:
    """A node's figures in reading order (FY2020, priority, FY2019, supplementary, change, %)."""
    order = [FY2020, PRIORITY, FY2019, SUPPLEMENTARY, CHANGE, CHANGE_PCT]
    keys = [k for k in order if k in node.figures] + [k for k in node.figures if k not in order]
    return [(k, node.figures[k]) for k in keys]


def copy_line(node: Node, lang: Lang, unit: Unit, fiscal_year: int) -> str | None:
    """What `y` copies: label, budget, figure with unit and basis (None when there is no figure)."""
    main = node.main_figure()
    if main is None:
        return None
    key, figure = main
    return f"{node.name.get(lang)} {budget_label(key, figure, lang, fiscal_year)} {figure_text(figure, unit, lang)}"


def citation(node: Node, lang: Lang, unit: Unit, meta: Meta) -> str | None:
    """What `C` copies: the labelled figure and the document it is quoted from, ready for a report."""
    line = copy_line(node, lang, unit, meta.fiscal_year)
    if line is None:
        return None
    if lang == "ja":
        return f"{line}（出典: {meta.publisher.ja}「{meta.title.ja}」{meta.date}）"
    return f"{line} (source: {meta.publisher.en}, “{meta.title.en}”, {meta.date})"
