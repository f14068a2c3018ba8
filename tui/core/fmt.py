"""Formatting of figures: units, bases, budget labels — the same words in table, detail pane and copy.

Amounts are ``Decimal`` in 億円 as printed. Converting to 百万円 or 円 multiplies exactly; in 億円 the
printed precision is kept (``14.0`` stays ``14.0``).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from enum import Enum

from tui.core import labels
from tui.core.labels import T
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
    """令和2年度 / 令和元年度 / FY2020 (see :mod:`tui.core.labels`)."""
    return labels.era_year(fiscal_year, lang)


def english_amount(amount: Decimal, unit: Unit = Unit.OKU) -> str:
    """An amount as an English reader expects it: ``¥3.2 billion`` (32億円), ``¥135 million`` (1.35億円),
    ``¥231.81 billion`` (2,318.1億円). Only the decimal point moves — the printed digits are kept, never
    rounded (14.0億円 is ``¥1.40 billion``). In 百万円 ``¥2,300 million``, in 円 ``¥2,300,000,000``."""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if unit is Unit.OKU:
        if amount >= 10:
            return f"{sign}¥{format(amount.scaleb(-1), ',f')} billion"
        if amount == 0:
            return "¥0"
        return f"{sign}¥{format(amount.scaleb(2), ',f')} million"
    shown = number(amount, unit)
    return f"{sign}¥{shown} million" if unit is Unit.MILLION else f"{sign}¥{shown}"


def amount_text(amount: Decimal, unit: Unit, lang: Lang, *, grouping: bool = True) -> str:
    """An amount with its unit: ``32億円`` / ``¥3.2 billion``."""
    if lang == "en":
        return english_amount(amount, unit)
    return f"{number(amount, unit, grouping=grouping)}{unit.label.ja}"


def english_unit(unit: Unit) -> str:
    """How English table headers name the unit of their numbers: ¥100M, ¥M, ¥."""
    return {Unit.OKU: "¥100M", Unit.MILLION: "¥M", Unit.YEN: "¥"}[unit]


def figure_text(figure: Figure, unit: Unit, lang: Lang, *, grouping: bool = True) -> str:
    """A figure with its unit and basis: 32億円, 280億円の内数, 2億円(推計額), 未定, 「-」（金額なし）;
    ¥3.2 billion, within ¥28.0 billion (内数), ¥200 million (estimate), undetermined (未定)."""
    if figure.amount is None:
        if figure.basis is Basis.UNDETERMINED:
            return "未定" if lang == "ja" else "undetermined (未定)"
        return T("dash", lang)
    mark = figure.mark or ""
    if lang == "ja":
        shown = number(figure.amount, unit, grouping=grouping)
        suffix = {Basis.EXACT: "", Basis.WITHIN: "の内数", Basis.ESTIMATE: "(推計額)"}.get(figure.basis, "")
        return f"{shown}{unit.label.ja}{mark}{suffix}"  # as printed: 535億円*の内数
    shown = english_amount(figure.amount, unit) + mark
    if figure.basis is Basis.WITHIN:
        return f"within {shown} (内数)"
    if figure.basis is Basis.ESTIMATE:
        return f"{shown} (estimate)"
    return shown


def rounded_note(unit: Unit, lang: Lang) -> str:
    """For 百万円 / 円: the figure was printed rounded to 億円, so 2,122,400百万円 is not exact ('' in 億円)."""
    return "" if unit is Unit.OKU else T("rounded_note", lang)


def basis_marker(figure: Figure | None) -> str:
    """The short marker the table shows beside a figure whose meaning is not a plain amount."""
    if figure is None:
        return ""
    return {Basis.WITHIN: "内", Basis.ESTIMATE: "推", Basis.UNDETERMINED: "未"}.get(figure.basis, "")


def budget_label(
    key: str, figure: Figure | None, lang: Lang, fiscal_year: int, previous_fiscal_year: int | None = None
) -> str:
    """The budget a figure belongs to: 令和2年度当初, 令和元年度補正, FY2020 initial, ...
    ``previous_fiscal_year`` is the dataset's (Meta.previous_fiscal_year); by default the year before."""
    previous = fiscal_year - 1 if previous_fiscal_year is None else previous_fiscal_year
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
            return T("supplementary_unstated", lang)
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


def figure_label(
    key: str, figure: Figure | None, lang: Lang, fiscal_year: int, previous_fiscal_year: int | None = None
) -> str:
    """A figure's full label: its budget, and for by-ministry columns the account as well."""
    label = budget_label(key, figure, lang, fiscal_year, previous_fiscal_year)
    group, _, part = key.partition("_")
    if group in ("r2", "pr", "r1") and part in _COLUMN_PART:
        return f"{label} {_COLUMN_PART[part].get(lang)}"
    return label


def node_figures(node: Node) -> list[tuple[str, Figure]]:
    """A node's figures in reading order (FY2020, priority, FY2019, supplementary, change, %)."""
    order = [FY2020, PRIORITY, FY2019, SUPPLEMENTARY, CHANGE, CHANGE_PCT]
    keys = [k for k in order if k in node.figures] + [k for k in node.figures if k not in order]
    return [(k, node.figures[k]) for k in keys]


def main_figure_text(
    node: Node, lang: Lang, unit: Unit, fiscal_year: int, *, always_budget: bool = False, previous: int | None = None
) -> str:
    """The node's main figure with its basis (``1,008億円の内数``), preceded by its budget wherever that is
    not the dataset's FY2020 initial one (``令和元年度補正 44億円``, ``補正（年度の記載なし） 2,318.1億円``), or
    always with ``always_budget`` (search results). '' for a node without figures."""
    main = node.main_figure()
    if main is None:
        return ""
    key, figure = main
    text = figure_text(figure, unit, lang)
    if always_budget or key not in (FY2020, "r2_total"):
        text = f"{budget_label(key, figure, lang, fiscal_year, previous)} {text}"
    return text


def cells(text: str) -> int:
    """Terminal cells ``text`` takes (East Asian wide characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit_label(name: str, tail: str, width: int, gap: str = "  ") -> str:
    """``name`` then ``tail`` (a figure and its basis) in at most ``width`` cells, cutting the *name* with
    an ellipsis — never the figure or its basis. If even the tail does not fit, the tail alone is returned
    (wider than asked: a cut 「の内数」 would be worse than a line the widget crops)."""
    if not tail:
        return name if cells(name) <= width else _cut(name, width)
    room = width - cells(tail) - cells(gap)
    if cells(name) <= room:
        return f"{name}{gap}{tail}"
    if room < 2:
        return tail
    return f"{_cut(name, room)}{gap}{tail}"


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending with … when cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cells(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def tree_label_text(node: Node, lang: Lang, unit: Unit, fiscal_year: int, width: int | None = None) -> tuple[str, str]:
    """A tree line as (name part, figure part): the figure always carries its basis and, when it is not
    the FY2020 initial one, its budget (``令和元年度補正 44億円``). With ``width``, the *name* is cut to fit."""
    name = node.name.get(lang) + (" ↻" if node.is_relisting else "")
    tail = main_figure_text(node, lang, unit, fiscal_year)
    if width is None:
        return name, tail
    fitted = fit_label(name, tail, width)
    if not tail:
        return fitted, ""
    return fitted[: len(fitted) - len(tail)].rstrip(), tail


_SEARCH_TAGS = {
    "ministry": Text("府省", "ministry"),
    "note": Text("注記", "note"),
    "amount": Text("金額", "amount"),
    "name_en": Text("英語名", "English name"),
    "name_ja": Text("名称", "Japanese name"),
}


def search_tag(node: Node, label: str, lang: Lang) -> str:
    """What a search hit matched, in ``lang``: 府省 / 注記 / 金額, or the node's own detail label."""
    tag = _SEARCH_TAGS.get(label)
    if tag is not None:
        return tag.get(lang)
    for detail, _ in node.details:
        if detail.en.lower() == label:
            return detail.get(lang)
    return label
