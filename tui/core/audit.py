"""The audit behind `budget-tui check`: recompute every printed total from its printed parts.

The document prints its amounts rounded to the unit (全体額 ※4, 府省別 ※3), and says that a printed total
may therefore differ from the sum of the printed parts. So each comparison carries a tolerance derived
from the printed precision: every rounded figure is within half a unit of its true value, so a sum of
``n`` rounded parts may differ from a rounded total by up to ``0.5·(n+1)`` units, and a difference of two
rounded amounts from a rounded change by up to ``1.5``. A change % is checked by interval arithmetic: the
true amounts lie within ±half a unit of the printed ones, and the printed percent (±half its last digit)
must fall inside the range of percents those intervals allow.

Each comparison ends ``exact`` (no difference), ``rounding`` (a difference within tolerance) or ``FAIL``.
Program lines are never added up: the document prints no program totals. The report lists every program
figure kept out of any sum, and why. Only ``Decimal`` arithmetic is used here, never floats.

Why one module of ~740 lines: it is one report read top to bottom, in the order `check` prints it (the
comparison types, then one function per table of the document, then the exclusions); its rounding rules
live in tui.core.rounding. A split into a package is the next step if another table is added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from tui.core.fmt import Unit, budget_label, era_year, figure_label, figure_text
from tui.core.model import (
    CHANGE,
    CHANGE_PCT,
    FY2019,
    FY2020,
    MINISTRY_GROUPS,
    PRIORITY,
    SUPPLEMENTARY,
    Basis,
    Dataset,
    Figure,
    Node,
    Source,
    Text,
)
from tui.core.rounding import exponent as _exponent
from tui.core.rounding import half_unit, round_out

INFINITY = Decimal("Infinity")
_PERCENT_PRECISION = 40  # digits for the interval bounds; far beyond any printed precision


class Status(StrEnum):
    """How a printed figure compares with the one recomputed from its parts."""

    EXACT = "exact"
    ROUNDING = "rounding"  # differs, but within what rounding each printed figure allows
    FAIL = "FAIL"


class Reason(StrEnum):
    """Why a program figure is kept out of every sum."""

    WITHIN = "within"
    RELISTING = "relisting"
    RELIST_PART = "relist_part"
    SUPPLEMENTARY = "supplementary"
    ESTIMATE = "estimate"
    UNDETERMINED = "undetermined"
    NEW = "new"


REASON_TEXT: dict[Reason, Text] = {
    Reason.WITHIN: Text(
        "内数: 事業を含む枠(予算の総額)であり、事業自体の額ではない",
        "内数 (within): the envelope the program is funded within, not the program's own amount",
    ),
    Reason.RELISTING: Text(
        "再掲: 同じ事業の再掲であり、元の掲載箇所で一度だけ数える",
        "再掲 (re-listed): the same program printed again; counted once, at its original",
    ),
    Reason.RELIST_PART: Text(
        "再掲(一部): 元の事業の一部であり、独自の額を掲げるが元の事業に含まれる",
        "再掲 (part): a part of the original program; prints its own figures but is inside the original",
    ),
    Reason.SUPPLEMENTARY: Text(
        "補正: 当初予算とは別の予算",
        "補正 (supplementary): a different budget from the initial budgets",
    ),
    Reason.ESTIMATE: Text(
        "推計額: 運営費交付金等の中の推計であり、計上額ではない",
        "推計額 (estimate): an estimate within a larger grant, not an appropriated amount",
    ),
    Reason.UNDETERMINED: Text("未定: 金額がない", "未定 (undetermined): no amount"),
    Reason.NEW: Text(
        "新規: 前年度の額がなく、増減を計算しない",
        "新規 (new): no FY2019 figure, so no change from the previous year",
    ),
}

STATEMENTS: tuple[Text, ...] = (
    Text(
        "事業の行は合算しない: 資料は事業の合計を掲げていないため、照合する合計がない。",
        "Program lines are never summed: the document prints no program totals, so there is nothing "
        "a sum of programs could be checked against.",
    ),
    Text(
        "全体額・府省別の表の金額はすべて照合に用いる(「-」は予算計上なし: 0として数え、丸め誤差を持たない)。",
        "Every amount of the overall and by-ministry tables enters the checks ('-' means nothing budgeted: "
        "it adds nothing and carries no rounding error).",
    ),
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """One printed figure against the value recomputed from the figures it is printed as the total of."""

    section: Text  # the part of the report it belongs to
    label: Text  # what is compared
    relation: str  # '=' (printed equals recomputed), '≤' (printed at most recomputed)
    printed: Decimal | None  # None: the seed prints '-' (or nothing) here
    recomputed: Decimal | None  # None: nothing to recompute from (every part is '-')
    difference: Decimal  # printed − recomputed ('-' counts as 0)
    tolerance: Decimal  # |difference| allowed by rounding (Infinity when unbounded)
    status: Status
    formula: str  # how the recomputed value was obtained, e.g. "1,830 + -"
    sources: tuple[Source, ...]  # the seed lines involved
    node_ids: tuple[str, ...]
    allowed: tuple[Decimal, Decimal] | None = None  # change %: the range the rounded amounts allow
    unit: str = "億円"  # '億円' or '%'


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A program figure (or a whole placement) kept out of every sum, and why."""

    reason: Reason
    node_id: str
    name: Text
    strategy: str | None
    figure_key: str | None  # None: the whole placement
    figure: Text | None  # the figure as printed, e.g. 280億円の内数
    detail: Text | None  # e.g. the original a 再掲 line re-lists
    source: Source | None

    @property
    def explanation(self) -> Text:
        return REASON_TEXT[self.reason]


@dataclass(frozen=True, slots=True)
class AuditReport:
    comparisons: tuple[Comparison, ...]
    excluded: tuple[Exclusion, ...]
    statements: tuple[Text, ...] = STATEMENTS

    def count(self, status: Status) -> int:
        return sum(1 for c in self.comparisons if c.status is status)

    @property
    def failures(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.status is Status.FAIL]

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        return (
            f"{len(self.comparisons)} checks: {self.count(Status.EXACT)} exact, "
            f"{self.count(Status.ROUNDING)} within rounding, {self.count(Status.FAIL)} failed"
        )


# ---- arithmetic on printed figures ----------------------------------------------------------------


def _value(figure: Figure | None) -> Decimal:
    """The amount as a number: '-' (no budget) and an absent figure are exactly zero."""
    return figure.amount if figure is not None and figure.amount is not None else Decimal(0)


def _half(figure: Figure | None) -> Decimal:
    """The rounding error a figure may carry: none for '-', half its last digit otherwise."""
    return half_unit(figure.amount) if figure is not None and figure.amount is not None else Decimal(0)


def _amount(figure: Figure | None) -> Decimal | None:
    return figure.amount if figure is not None else None


def show(amount: Decimal | None, *, signed: bool = False) -> str:
    """A figure for the report: thousands separators, '-' for no amount, ∞ for unbounded."""
    if amount is None:
        return "-"
    if amount.is_infinite():
        return "-∞" if amount < 0 else ("+∞" if signed else "∞")
    text = format(amount, ",f")
    return f"+{text}" if signed and amount > 0 else text


def _status(difference: Decimal, tolerance: Decimal) -> Status:
    if difference == 0:
        return Status.EXACT
    return Status.ROUNDING if abs(difference) <= tolerance else Status.FAIL


def _sources(nodes: Iterable[Node]) -> tuple[Source, ...]:
    seen: dict[tuple[str, int], Source] = {}
    for node in nodes:
        if node.source is not None:
            seen.setdefault((node.source.file, node.source.line), node.source)
    return tuple(seen.values())


def _sum_check(
    section: Text,
    label: Text,
    total: Figure | None,
    parts: Sequence[tuple[int, Figure | None]],
    nodes: Sequence[Node],
    formula: str | None = None,
) -> Comparison:
    """A printed total (or change) against the signed sum of its printed parts."""
    present = [(sign, f) for sign, f in parts if f is not None and f.amount is not None]
    recomputed = sum((sign * _value(f) for sign, f in present), Decimal(0)) if present else None
    tolerance = sum((_half(f) for _, f in parts), _half(total))
    difference = _value(total) - (recomputed if recomputed is not None else Decimal(0))
    if formula is None:
        formula = _formula(parts)
    return Comparison(
        section=section,
        label=label,
        relation="=",
        printed=_amount(total),
        recomputed=recomputed,
        difference=difference,
        tolerance=tolerance,
        status=_status(difference, tolerance),
        formula=formula,
        sources=_sources(nodes),
        node_ids=tuple(n.id for n in nodes),
    )


def _formula(parts: Sequence[tuple[int, Figure | None]]) -> str:
    text = ""
    for index, (sign, figure) in enumerate(parts):
        shown = show(_amount(figure))
        if index == 0:
            text = shown if sign > 0 else f"−{shown}"
        else:
            text += f" {'+' if sign > 0 else '−'} {shown}"
    return text


def _of_which_check(
    section: Text, label: Text, part: Figure | None, whole: Figure | None, nodes: Sequence[Node]
) -> Comparison:
    """うち: a part printed inside a whole can be at most that whole (rounding keeps the order)."""
    difference = _value(part) - _value(whole)
    holds = _value(part) <= _value(whole)
    if part is not None and part.amount is not None and (whole is None or whole.amount is None):
        holds = False  # an うち amount under a '-' whole
    return Comparison(
        section=section,
        label=label,
        relation="≤",
        printed=_amount(part),
        recomputed=_amount(whole),
        difference=difference,
        tolerance=Decimal(0),
        status=Status.EXACT if holds else Status.FAIL,
        formula=f"{show(_amount(part))} ≤ {show(_amount(whole))}",
        sources=_sources(nodes),
        node_ids=tuple(n.id for n in nodes),
    )


def _same_check(
    section: Text,
    label: Text,
    printed: Figure | None,
    other: Figure | None,
    nodes: Sequence[Node],
    unit: str = "億円",
) -> Comparison:
    """The same quantity printed twice (both rounded the same way): must be identical."""
    same = _amount(printed) == _amount(other) and (printed is None) == (other is None)
    difference = _value(printed) - _value(other)
    return Comparison(
        section=section,
        label=label,
        relation="=",
        printed=_amount(printed),
        recomputed=_amount(other),
        difference=difference,
        tolerance=Decimal(0),
        status=Status.EXACT if same else Status.FAIL,
        formula=f"{show(_amount(other))} ({_where(nodes[-1])})",
        sources=_sources(nodes),
        node_ids=tuple(n.id for n in nodes),
        unit=unit,
    )


def _where(node: Node) -> str:
    return f"line {node.source.line}" if node.source is not None else node.id


def percent_range(now: Figure | None, before: Figure | None) -> tuple[Decimal, Decimal] | None:
    """The range of (now − before) / before × 100 when each true amount is within ±half a unit.

    None when the previous amount is '-' (no budget): there is no percent to compute.
    """
    n, b = _value(now), _value(before)
    hn, hb = _half(now), _half(before)
    if b == 0 and hb == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = _PERCENT_PRECISION
        n_low, n_high = max(n - hn, Decimal(0)), n + hn
        b_low, b_high = b - hb, b + hb
        low = (n_low / b_high - 1) * 100
        high = (n_high / b_low - 1) * 100 if b_low > 0 else INFINITY
    return low, high


def _percent_check(section: Text, label: Text, node: Node, now_key: str, before_key: str) -> Comparison:
    printed = node.figures.get(CHANGE_PCT)
    now, before = node.figures.get(now_key), node.figures.get(before_key)
    allowed = percent_range(now, before)
    p_half = _half(printed) if printed is not None and printed.amount is not None else Decimal("0.05")
    exponent = _exponent(printed.amount) if printed is not None and printed.amount is not None else -1
    step = Decimal((0, (1,), exponent))  # the printed step: 0.1 for a percent printed as 3.3
    fine = Decimal((0, (1,), exponent - 1))  # one digit finer, for the tolerance and range shown
    formula = f"({show(_amount(now))} − {show(_amount(before))}) / {show(_amount(before))} × 100"
    if allowed is None:
        recomputed = None
        difference = Decimal(0) if printed is None or printed.amount is None else printed.amount
        status = Status.EXACT if difference == 0 and _amount(printed) is None else Status.FAIL
        tolerance = Decimal(0)
    else:
        with localcontext() as ctx:
            ctx.prec = _PERCENT_PRECISION
            b = _value(before)
            exact = (_value(now) - b) / b * 100 if b != 0 else INFINITY
        recomputed = exact.quantize(step, rounding=ROUND_HALF_UP) if exact.is_finite() else exact
        low, high = allowed[0] - p_half, allowed[1] + p_half
        if printed is None or printed.amount is None:
            difference, status, tolerance = Decimal(0), Status.FAIL, Decimal(0)
        else:
            p = printed.amount
            difference = p - recomputed if recomputed.is_finite() else Decimal(0)
            inside = low <= p <= high
            status = Status.EXACT if p == recomputed else Status.ROUNDING if inside else Status.FAIL
            if not recomputed.is_finite():
                tolerance = INFINITY
            else:
                # rounded down one digit finer than printed: |difference| ≤ tolerance still says "inside"
                tolerance = (high - recomputed if difference >= 0 else recomputed - low).quantize(
                    fine, rounding=ROUND_FLOOR
                )
    return Comparison(
        section=section,
        label=label,
        relation="∈",
        printed=_amount(printed),
        recomputed=recomputed,
        difference=difference,
        tolerance=tolerance,
        status=status,
        formula=formula,
        sources=_sources([node]),
        node_ids=(node.id,),
        allowed=None if allowed is None else (round_out(allowed[0], fine, False), round_out(allowed[1], fine, True)),
        unit="%",
    )


# ---- the by-ministry table -------------------------------------------------------------------------

_MINISTRY_SECTION = Text("府省別 (各府省の合計 → 計)", "By ministry (sum of the ministries → total)")
_ROW_SECTION = Text("府省別 (各行: 会計の内訳・増減)", "By ministry (each row: accounts and change)")
_TOTALS_SECTION = Text("全体額 (各行: 会計の内訳・増減)", "Overall (each row: accounts and change)")
_CROSS_SECTION = Text("全体額 ↔ 府省別 計", "Overall table ↔ by-ministry total row")
_RELIST_SECTION = Text("再掲 (元の掲載と同じ額か)", "再掲 re-listings (same figures as the original)")


def _group_label(group: str, fiscal_year: int) -> Text:
    key = {"r2": "r2_total", "pr": PRIORITY, "r1": "r1_total"}[group]
    ja = budget_label(key, None, "ja", fiscal_year)
    en = budget_label(key, None, "en", fiscal_year)
    if group == "pr":
        ja, en = "うち優先課題推進枠", "of which priority-issue framework"
    return Text(ja, en)


def _ministry_checks(dataset: Dataset) -> list[Comparison]:
    fy = dataset.meta.fiscal_year
    rows, total = dataset.ministries, dataset.ministry_total
    checks: list[Comparison] = []
    count = len(rows)
    for group in MINISTRY_GROUPS:
        for part in ("general", "promotion", "special", "total"):
            key = f"{group}_{part}"
            parts = [(1, row.figures.get(key)) for row in rows]
            n = sum(1 for _, f in parts if f is not None and f.amount is not None)
            label = Text(
                f"{figure_label(key, None, 'ja', fy)}: {count}府省の合計 → 計",
                f"{figure_label(key, None, 'en', fy)}: sum of the {count} ministries → total",
            )
            formula = f"Σ {n} amounts ({count - n} '-')"
            checks.append(_sum_check(_MINISTRY_SECTION, label, total.figures.get(key), parts, [*rows, total], formula))
    for row in [*rows, total]:
        checks.extend(_row_checks(_ROW_SECTION, row, fy))
    return checks


def _row_checks(section: Text, row: Node, fy: int) -> list[Comparison]:
    checks: list[Comparison] = []
    for group in MINISTRY_GROUPS:
        g = _group_label(group, fy)
        f = row.figures
        checks.append(
            _sum_check(
                section,
                Text(
                    f"{row.name.ja} {g.ja}: 一般会計 + 特別会計 → 計",
                    f"{row.name.en}, {g.en}: general + special → total",
                ),
                f.get(f"{group}_total"),
                [(1, f.get(f"{group}_general")), (1, f.get(f"{group}_special"))],
                [row],
            )
        )
        checks.append(
            _of_which_check(
                section,
                Text(
                    f"{row.name.ja} {g.ja}: うち科学技術振興費 ≤ 一般会計",
                    f"{row.name.en}, {g.en}: of which S&T promotion ≤ general",
                ),
                f.get(f"{group}_promotion"),
                f.get(f"{group}_general"),
                [row],
            )
        )
    checks.append(
        _sum_check(
            section,
            Text(
                f"{row.name.ja} 対前年度増減額: {era_year(fy, 'ja')}計 − {era_year(fy - 1, 'ja')}計",
                f"{row.name.en}, change: FY{fy} total − FY{fy - 1} total",
            ),
            row.figures.get(CHANGE),
            [(1, row.figures.get("r2_total")), (-1, row.figures.get("r1_total"))],
            [row],
        )
    )
    checks.append(
        _percent_check(
            section,
            Text(f"{row.name.ja} 対前年度増減率", f"{row.name.en}, change %"),
            row,
            "r2_total",
            "r1_total",
        )
    )
    return checks


# ---- the overall (全体額) table ----------------------------------------------------------------------

_TOTAL_KEYS = ((FY2020, "r2"), (PRIORITY, "pr"), (FY2019, "r1"))


@dataclass(frozen=True, slots=True)
class _TotalsShape:
    """The roles of the overall table's rows, read from their ``whole`` links.

    The row that is part of nothing is (A+B); the rows that are parts of it are the accounts (A) and (B);
    a row that is part of an account is its うち row (科学技術振興費, part of 一般会計). The account that has
    an うち row is the general account (科学技術振興費 is general-account spending by definition, ※1);
    without one, the first account printed is (A).
    """

    whole: Node | None
    general: Node | None
    special: Node | None
    promotion: Node | None
    problems: tuple[str, ...]


def _totals_shape(rows: list[Node]) -> _TotalsShape:
    problems: list[str] = []
    roots = [r for r in rows if r.whole is None]
    if len(roots) != 1:
        problems.append(f"expected one row that is part of no other, found {len(roots)}")
    root = roots[0] if roots else None
    accounts = [r for r in rows if root is not None and r.whole is root]
    nested = [r for r in rows if r.whole is not None and r.whole is not root]
    if len(accounts) != 2:
        problems.append(f"expected two accounts (A) and (B) as parts of the total, found {len(accounts)}")
    if len(nested) > 1:
        problems.append(f"expected at most one うち row, found {len(nested)}")
    promotion = nested[0] if len(nested) == 1 else None
    general = special = None
    if len(accounts) == 2:
        general, special = accounts
        if promotion is not None and promotion.whole is special:
            general, special = special, general
        if promotion is not None and promotion.whole is not general:
            problems.append(f"the うち row {promotion.id} is part of neither account")
    return _TotalsShape(root, general, special, promotion, tuple(problems))


def _totals_checks(dataset: Dataset) -> list[Comparison]:
    fy = dataset.meta.fiscal_year
    shape = _totals_shape(dataset.totals)
    checks: list[Comparison] = []
    for problem in shape.problems:
        checks.append(
            Comparison(
                section=_TOTALS_SECTION,
                label=Text("全体額の表の構成", f"Structure of the overall table: {problem}"),
                relation="=",
                printed=None,
                recomputed=None,
                difference=Decimal(0),
                tolerance=Decimal(0),
                status=Status.FAIL,
                formula=problem,
                sources=_sources(dataset.totals),
                node_ids=tuple(r.id for r in dataset.totals),
            )
        )
    if shape.whole is not None and shape.general is not None and shape.special is not None:
        for key, _group in _TOTAL_KEYS:
            b = budget_label(key, None, "ja", fy), budget_label(key, None, "en", fy)
            checks.append(
                _sum_check(
                    _TOTALS_SECTION,
                    Text(
                        f"{shape.whole.name.ja} {b[0]}: {shape.general.name.ja} + {shape.special.name.ja}",
                        f"{shape.whole.name.en}, {b[1]}: {shape.general.name.en} + {shape.special.name.en}",
                    ),
                    shape.whole.figures.get(key),
                    [(1, shape.general.figures.get(key)), (1, shape.special.figures.get(key))],
                    [shape.general, shape.special, shape.whole],
                )
            )
    if shape.promotion is not None and shape.promotion.whole is not None:
        part, whole = shape.promotion, shape.promotion.whole
        for key, _group in _TOTAL_KEYS:
            b = budget_label(key, None, "ja", fy), budget_label(key, None, "en", fy)
            checks.append(
                _of_which_check(
                    _TOTALS_SECTION,
                    Text(
                        f"{part.name.ja} ≤ {whole.name.ja} ({b[0]})",
                        f"{part.name.en} ≤ {whole.name.en} ({b[1]})",
                    ),
                    part.figures.get(key),
                    whole.figures.get(key),
                    [whole, part],
                )
            )
    for row in dataset.totals:
        checks.append(
            _sum_check(
                _TOTALS_SECTION,
                Text(
                    f"{row.name.ja} 対前年度増減額: {era_year(fy, 'ja')} − {era_year(fy - 1, 'ja')}",
                    f"{row.name.en}, change: FY{fy} − FY{fy - 1}",
                ),
                row.figures.get(CHANGE),
                [(1, row.figures.get(FY2020)), (-1, row.figures.get(FY2019))],
                [row],
            )
        )
        checks.append(
            _percent_check(
                _TOTALS_SECTION,
                Text(f"{row.name.ja} 対前年度増減率", f"{row.name.en}, change %"),
                row,
                FY2020,
                FY2019,
            )
        )
    checks.extend(_cross_checks(dataset, shape))
    return checks


def _cross_checks(dataset: Dataset, shape: _TotalsShape) -> list[Comparison]:
    """Each overall row against the matching column of the by-ministry 計 row: the same printed total."""
    fy = dataset.meta.fiscal_year
    total = dataset.ministry_total
    checks: list[Comparison] = []
    roles = (
        ("total", shape.whole),
        ("general", shape.general),
        ("promotion", shape.promotion),
        ("special", shape.special),
    )
    for part, row in roles:
        if row is None:
            continue
        for key, group in _TOTAL_KEYS:
            column = f"{group}_{part}"
            budget = budget_label(key, None, "ja", fy), budget_label(key, None, "en", fy)
            checks.append(
                _same_check(
                    _CROSS_SECTION,
                    Text(
                        f"{row.name.ja} {budget[0]} = 府省別 計 {figure_label(column, None, 'ja', fy)}",
                        f"{row.name.en}, {budget[1]} = by-ministry total, {figure_label(column, None, 'en', fy)}",
                    ),
                    row.figures.get(key),
                    total.figures.get(column),
                    [row, total],
                )
            )
    if shape.whole is not None:
        for key, ja, en, unit in (
            (CHANGE, "対前年度増減額", "change", "億円"),
            (CHANGE_PCT, "対前年度増減率", "change %", "%"),
        ):
            checks.append(
                _same_check(
                    _CROSS_SECTION,
                    Text(
                        f"{shape.whole.name.ja} {ja} = 府省別 計 {ja}",
                        f"{shape.whole.name.en}, {en} = by-ministry total, {en}",
                    ),
                    shape.whole.figures.get(key),
                    total.figures.get(key),
                    [shape.whole, total],
                    unit,
                )
            )
    return checks


# ---- program placements -------------------------------------------------------------------------------

_PROGRAM_KEYS = (FY2020, FY2019, SUPPLEMENTARY)


def _figure_text(figure: Figure) -> Text:
    return Text(figure_text(figure, Unit.OKU, "ja"), figure_text(figure, Unit.OKU, "en"))


def _figure_key_text(node: Node, key: str) -> Text:
    figure = node.figures.get(key)
    if figure is None:
        if key == FY2019 and node.new:
            return Text("新規", "new")
        return Text("(記載なし)", "(not printed)")
    return _figure_text(figure)


def _signature(node: Node, key: str) -> tuple[object, ...]:
    figure = node.figures.get(key)
    if figure is None:
        return ("new",) if key == FY2019 and node.new else ("absent",)
    return (figure.amount, figure.basis, figure.dash, figure.mark, figure.fiscal_year)


def _relisting_checks(dataset: Dataset) -> list[Comparison]:
    fy = dataset.meta.fiscal_year
    checks: list[Comparison] = []
    for placement in dataset.programs():
        original = placement.relist_of
        if original is None or placement.relist_part:
            continue
        for key in _PROGRAM_KEYS:
            if (
                key not in placement.figures
                and key not in original.figures
                and not (key == FY2019 and (placement.new or original.new))
            ):
                continue
            mine, theirs = placement.figures.get(key), original.figures.get(key)
            same = _signature(placement, key) == _signature(original, key)
            label_ja = budget_label(key, mine or theirs, "ja", fy)
            label_en = budget_label(key, mine or theirs, "en", fy)
            shown_mine, shown_theirs = _figure_key_text(placement, key), _figure_key_text(original, key)
            checks.append(
                Comparison(
                    section=_RELIST_SECTION,
                    label=Text(
                        f"{placement.name.ja} ({_where(placement)}) {label_ja}: {_where(original)}と同じ",
                        f"{placement.name.en} ({_where(placement)}), {label_en}: same as {_where(original)}",
                    ),
                    relation="=",
                    printed=_amount(mine),
                    recomputed=_amount(theirs),
                    difference=_value(mine) - _value(theirs),
                    tolerance=Decimal(0),
                    status=Status.EXACT if same else Status.FAIL,
                    formula=f"{shown_theirs.ja} ({_where(original)}); printed here: {shown_mine.ja}",
                    sources=_sources([placement, original]),
                    node_ids=(placement.id, original.id),
                )
            )
    return checks


def _exclusions(dataset: Dataset) -> list[Exclusion]:
    excluded: list[Exclusion] = []
    for node in dataset.programs():

        def add(reason: Reason, key: str | None, detail: Text | None = None, node: Node = node) -> None:
            figure = node.figures.get(key) if key is not None else None
            shown = _figure_text(figure) if figure is not None else None
            excluded.append(Exclusion(reason, node.id, node.name, node.strategy, key, shown, detail, node.source))

        if node.relist_of is not None:
            where = _where(node.relist_of)
            detail = Text(f"元: {node.relist_of.name.ja} ({where})", f"original: {node.relist_of.name.en} ({where})")
            add(Reason.RELIST_PART if node.relist_part else Reason.RELISTING, None, detail)
        for key in _PROGRAM_KEYS:
            figure = node.figures.get(key)
            if figure is None:
                continue
            if key == SUPPLEMENTARY:
                label = Text(
                    budget_label(key, figure, "ja", dataset.meta.fiscal_year),
                    budget_label(key, figure, "en", dataset.meta.fiscal_year),
                )
                add(Reason.SUPPLEMENTARY, key, label)
            reason = {
                Basis.WITHIN: Reason.WITHIN,
                Basis.ESTIMATE: Reason.ESTIMATE,
                Basis.UNDETERMINED: Reason.UNDETERMINED,
            }.get(figure.basis)
            if reason is not None:
                fy = dataset.meta.fiscal_year
                add(reason, key, Text(budget_label(key, figure, "ja", fy), budget_label(key, figure, "en", fy)))
        if node.new:
            add(Reason.NEW, None)
    return excluded


def run_audit(dataset: Dataset) -> AuditReport:
    """Every check of the document's printed totals, and what was kept out of any sum and why."""
    comparisons = [*_ministry_checks(dataset), *_totals_checks(dataset), *_relisting_checks(dataset)]
    return AuditReport(tuple(comparisons), tuple(_exclusions(dataset)))
