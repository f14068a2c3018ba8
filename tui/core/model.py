"""The in-memory budget model: one tree of nodes, each figure kept exactly as printed.

Nothing here knows about terminals or files. Figures are ``Decimal`` in 億円 with their *basis*
(exact, 内数 envelope, 推計額 estimate, 未定), because a bare number would lose what the document says
about it. The model never adds programs up: the only totals are the ones the document prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import Literal

Lang = Literal["ja", "en"]


class Basis(StrEnum):
    """What a printed amount means."""

    EXACT = "exact"
    WITHIN = "within"  # 内数: the envelope the program is funded within, not its own amount
    ESTIMATE = "estimate"  # 推計額
    UNDETERMINED = "undetermined"  # 未定: no amount


@dataclass(frozen=True, slots=True)
class Text:
    ja: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True, slots=True)
class Figure:
    """One printed amount in 億円. ``amount is None`` means no amount (a printed '-' or 未定)."""

    amount: Decimal | None
    basis: Basis = Basis.EXACT
    dash: bool = False  # the seed prints '-' here: no amount, which is not zero
    mark: str | None = None  # a footnote mark printed on the figure, e.g. '*'
    mark_note: Text | None = None
    fiscal_year: int | None = None  # supplementary budgets only: the FY of the 補正, None if unstated

    @property
    def is_exact_amount(self) -> bool:
        """True only for an amount that is the item's own, exactly as budgeted (safe to compare)."""
        return self.amount is not None and self.basis is Basis.EXACT


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record comes from: the seed's section, line number and exact line text."""

    file: str
    section: Text
    line: int
    text: str


# 億円 and percentages as printed have a few digits; the bound keeps every later ratio and rounding within
# Decimal's 28-digit precision (a 20-digit typo made `check` crash in quantize()).
MAX_INTEGER_DIGITS, MAX_DECIMALS = 12, 6


# Figure keys. Programs and totals use fy2020/fy2019; the by-ministry table has 14 columns.
FY2020 = "fy2020"
FY2019 = "fy2019"
SUPPLEMENTARY = "supplementary"
PRIORITY = "priority"
CHANGE = "change"
CHANGE_PCT = "change_pct"
MINISTRY_GROUPS = ("r2", "pr", "r1")
MINISTRY_PARTS = ("general", "promotion", "special", "total")
MINISTRY_COLUMNS = tuple(f"{g}_{p}" for g in MINISTRY_GROUPS for p in MINISTRY_PARTS)


@dataclass(eq=False, slots=True)  # slots: a bulk dataset holds 100,000 of these
class Node:
    """A place in the budget tree: a section, a table row, a strategy item or a program placement."""

    id: str
    kind: str
    name: Text
    source: Source | None
    short_name: Text | None = None  # ministries: 文科省 / MEXT, for narrow table columns
    headline: Node | None = None  # a section whose figures are those of its printed total row
    figures: dict[str, Figure] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    notes: tuple[Text, ...] = ()
    editor_notes: tuple[Text, ...] = ()
    footnotes: tuple[Node, ...] = ()  # tuples, not lists: most nodes have none, and () costs nothing
    details: tuple[tuple[Text, Text], ...] = ()
    ministry: str | None = None
    ministry_basis: str | None = None
    strategy: str | None = None  # 'quantum' or 'ai' for program placements
    new: bool = False
    relist_of: Node | None = None  # the placement this 再掲 line re-lists
    relist_part: bool = False
    relistings: tuple[Node, ...] = ()
    whole: Node | None = None  # the printed total this table row is a part of (share of the parent)
    parent: Node | None = field(default=None, repr=False)

    @property
    def is_program(self) -> bool:
        return self.kind == "program"

    @property
    def is_relisting(self) -> bool:
        return self.relist_of is not None

    @property
    def fy2020(self) -> Figure | None:
        return self.figures.get(FY2020) or self.figures.get("r2_total")

    @property
    def fy2019(self) -> Figure | None:
        return self.figures.get(FY2019) or self.figures.get("r1_total")

    @property
    def supplementary(self) -> Figure | None:
        return self.figures.get(SUPPLEMENTARY)

    def main_figure(self) -> tuple[str, Figure] | None:
        """The figure that stands for this node: FY2020 initial, else the supplementary budget."""
        for key in (FY2020, "r2_total", SUPPLEMENTARY):
            figure = self.figures.get(key)
            if figure is not None and figure.amount is not None:
                return key, figure
        for key in (FY2020, SUPPLEMENTARY):  # a 未定 figure still says something
            figure = self.figures.get(key)
            if figure is not None:
                return key, figure
        return None

    def change(self) -> tuple[Decimal | None, bool]:
        """(change, printed?) — the printed change, else FY2020 − FY2019 when both are exact."""
        printed = self.figures.get(CHANGE)
        if printed is not None:
            return printed.amount, True
        now, before = self.fy2020, self.fy2019
        if now is not None and before is not None and now.is_exact_amount and before.is_exact_amount:
            assert now.amount is not None and before.amount is not None
            return now.amount - before.amount, False
        return None, False

    def change_pct(self) -> tuple[Decimal | None, bool]:
        """(percent, printed?) — the printed %, else computed from two exact amounts (one decimal)."""
        printed = self.figures.get(CHANGE_PCT)
        if printed is not None:
            return printed.amount, True
        now, before = self.fy2020, self.fy2019
        if now is not None and before is not None and now.is_exact_amount and before.is_exact_amount and before.amount:
            assert now.amount is not None and before.amount is not None
            pct = (now.amount - before.amount) / before.amount * 100
            return pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), False
        return None, False

    def path(self) -> list[Node]:
        """Nodes from the root down to this one."""
        chain: list[Node] = []
        node: Node | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def placements(self) -> list[Node]:
        """Every placement of the same program: the original first, then its 再掲 lines."""
        original = self.relist_of or self
        return [original, *original.relistings]

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Meta:
    title: Text
    publisher: Text
    date: str
    unit: Text
    fiscal_year: int
    previous_fiscal_year: int
    source_document: str


@dataclass(eq=False)
class Dataset:
    directory: Path
    meta: Meta
    root: Node
    nodes: dict[str, Node]
    totals: list[Node]  # the 全体額 table rows in printed order
    ministries: list[Node]  # the 17 ministry rows in printed order
    ministry_total: Node  # the 計 row
    quantum: Node
    ai: Node
    strategy2019: Node
    bulk: list[Node] = field(default_factory=list)  # top-level sections read from programs.csv

    def programs(self) -> list[Node]:
        """Every program placement (re-listings included) in document order: quantum, then AI, then
        the bulk lines of programs.csv, if any."""
        return [n for top in (self.quantum, self.ai, *self.bulk) for n in top.walk() if n.is_program]

    def ministry_by_name(self, name_ja: str) -> Node | None:
        return next((m for m in self.ministries if m.name.ja == name_ja), None)
