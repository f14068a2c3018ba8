"""Every program line of the dataset in one list: the facts the filter, the subtotal and group-by read.

One :class:`LineIndex` per dataset holds, per program placement (both lists, then the bulk lines of
programs.csv), what the query language asks about (strategy, ministry, agency, flags, amounts, folded
text), in flat lists, built once: a filter keystroke over 100,000 lines then costs set operations and a
bisect, not 100,000 Python calls. The all-lines table (「全事業一覧 / All program lines」) is drawn from
the same index: :data:`COLUMNS` and :func:`cell`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tui.core.agencies import Agency, agency_of, names
from tui.core.fmt import Unit, budget_label, figure_text, number
from tui.core.model import FY2019, FY2020, SUPPLEMENTARY, Basis, Dataset, Figure, Lang, Node, Text
from tui.core.search import fold_text

# Flags: one bit each, so "is:new is:supplementary" is two set lookups.
NEW, SUPPLEMENTARY_FLAG, RELISTED, ESTIMATE, UNDETERMINED, WITHIN, EXACT = (1 << k for k in range(7))
FIGURE_KEYS = (FY2020, FY2019, SUPPLEMENTARY)
CHANGE_KEY = "change"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: Text
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("name", Text("名称", "Name")),
    Column("strategy", Text("戦略", "Strategy")),
    Column("section", Text("掲載箇所", "Section")),
    Column("ministry", Text("府省", "Ministry")),
    Column("agency", Text("機関", "Agency")),
    Column("fy2020", Text("R2当初", "FY2020"), True),
    Column("fy2019", Text("R1当初", "FY2019"), True),
    Column("supplementary", Text("補正", "Suppl."), True),
    Column("supplementary_year", Text("補正年度", "Suppl. FY")),
    Column("basis", Text("区分", "Basis")),
    Column("new", Text("新規", "New")),
    Column("relisted", Text("再掲", "Re-listed")),
    Column("source", Text("出典行", "Source line"), True),
)
STRATEGY_NAMES = {
    "quantum": Text("量子", "Quantum"),
    "ai": Text("AI", "AI"),
    "bulk": Text("一括", "Bulk"),
}


class LineIndex:
    """The program placements of a dataset and their facts, position by position."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.nodes: list[Node] = dataset.programs()
        self._positions: dict[int, int] | None = None
        headings: dict[int, Agency | None] = {}
        self.agencies: list[Agency | None] = [agency_of(node, headings) for node in self.nodes]
        self.flags: list[int] = [_flags(node) for node in self.nodes]
        self.original: list[int] = []  # position of each line's original placement (itself if it is one)
        positions = self.positions()
        for i, node in enumerate(self.nodes):
            self.original.append(positions.get(id(node.relist_of), i) if node.relist_of is not None else i)
        self.relistings: list[int] = [i for i, node in enumerate(self.nodes) if node.relist_of is not None]
        self.term_cache: dict[str, frozenset[int]] = {}  # a query term's matching positions, by its text
        self._by_value: dict[str, dict[str | None, list[int]]] = {}
        self._sorted: dict[tuple[str, bool], tuple[list[Decimal], list[int]]] = {}
        self._haystack: tuple[str, list[int]] | None = None
        self.cache: dict[str, object] = {}  # for the subtotal's packed figures (tui.core.subtotal)

    def __len__(self) -> int:
        return len(self.nodes)

    def positions(self) -> dict[int, int]:
        if self._positions is None:
            self._positions = {id(node): i for i, node in enumerate(self.nodes)}
        return self._positions

    def position(self, node: Node) -> int | None:
        return self.positions().get(id(node))

    def positions_of(self, nodes: Sequence[Node]) -> list[int]:
        """The positions of ``nodes`` that are program lines (others are ignored), in list order."""
        positions = self.positions()
        return sorted({positions[id(n)] for n in nodes if id(n) in positions})

    # ---- what the query language reads --------------------------------------------------------------

    def by_value(self, kind: str) -> dict[str | None, list[int]]:
        """Positions grouped by strategy, ministry or agency key (built on first use)."""
        groups = self._by_value.get(kind)
        if groups is None:
            groups = {}
            for i, value in enumerate(self.values(kind)):
                groups.setdefault(value, []).append(i)
            self._by_value[kind] = groups
        return groups

    def values(self, kind: str) -> list[str | None]:
        if kind == "strategy":
            return [node.strategy for node in self.nodes]
        if kind == "ministry":
            return [node.ministry for node in self.nodes]
        if kind == "agency":
            return [a.key if a is not None else None for a in self.agencies]
        raise ValueError(f"no such value: {kind}")

    def with_flag(self, flag: int) -> frozenset[int]:
        return frozenset(i for i, flags in enumerate(self.flags) if flags & flag)

    def compare(self, key: str, op: str, value: Decimal, with_envelopes: bool) -> frozenset[int]:
        """Lines whose ``key`` amount (fy2020, fy2019, supplementary or change) satisfies ``op value``.
        Only a line's own amounts (exact, 推計額) compare, and 内数 envelopes with ``with_envelopes``."""
        amounts, order = self._sorted_amounts(key, with_envelopes)
        if op == ">=":
            chosen = order[bisect_left(amounts, value) :]
        elif op == ">":
            chosen = order[bisect_right(amounts, value) :]
        elif op == "<=":
            chosen = order[: bisect_right(amounts, value)]
        elif op == "<":
            chosen = order[: bisect_left(amounts, value)]
        elif op == "=":
            chosen = order[bisect_left(amounts, value) : bisect_right(amounts, value)]
        else:
            raise ValueError(op)
        return frozenset(chosen)

    def _sorted_amounts(self, key: str, with_envelopes: bool) -> tuple[list[Decimal], list[int]]:
        cached = self._sorted.get((key, with_envelopes))
        if cached is None:
            pairs: list[tuple[Decimal, int]] = []
            for i, node in enumerate(self.nodes):
                amount = line_amount(node, key, with_envelopes)
                if amount is not None:
                    pairs.append((amount, i))
            pairs.sort()
            cached = self._sorted[(key, with_envelopes)] = ([a for a, _ in pairs], [i for _, i in pairs])
        return cached

    def text_matches(self, term: str, find: Callable[[str, str, int, int], int]) -> frozenset[int]:
        """Lines whose folded names, ministry names or agency names contain ``term`` (already folded),
        as ``find`` (the search's word-start rule) finds it."""
        haystack, starts = self._text()
        found: list[int] = []
        at, end = 0, len(haystack)
        while True:
            at = find(haystack, term, at, end)
            if at < 0:
                return frozenset(found)
            i = bisect_right(starts, at) - 1
            found.append(i)
            at = starts[i + 1]

    def _text(self) -> tuple[str, list[int]]:
        if self._haystack is None:
            ministry_texts: dict[str | None, str] = {}
            agency_texts: dict[str | None, str] = {}
            blobs: list[str] = []
            starts: list[int] = []
            offset = 0
            for node, agency in zip(self.nodes, self.agencies, strict=True):
                ministry = ministry_texts.get(node.ministry)
                if ministry is None:
                    ministry = ministry_texts[node.ministry] = "\x1f".join(
                        fold_text(t) for t in ministry_names(self.dataset, node.ministry)
                    )
                key = agency.key if agency is not None else None
                agency_text = agency_texts.get(key)
                if agency_text is None:
                    agency_text = agency_texts[key] = "\x1f".join(fold_text(t) for t in names(agency)) if agency else ""
                blob = f"{fold_text(node.name.ja)}\x1f{fold_text(node.name.en)}\x1f{ministry}\x1f{agency_text}\x1e"
                starts.append(offset)
                blobs.append(blob)
                offset += len(blob)
            starts.append(offset)
            self._haystack = ("".join(blobs), starts)
        return self._haystack


def ministry_names(dataset: Dataset, name_ja: str | None) -> list[str]:
    """A ministry's names: Japanese, English, short forms (文科省 / MEXT) and the AI list's 【文】 mark."""
    if not name_ja:
        return []
    texts = [name_ja]
    ministry = dataset.ministry_by_name(name_ja)
    if ministry is not None:
        texts.append(ministry.name.en)
        if ministry.short_name is not None:
            texts += [ministry.short_name.ja, ministry.short_name.en]
        texts += [value.ja for _, value in ministry.details if value.ja.startswith("【")]
    return texts


def line_amount(node: Node, key: str, with_envelopes: bool = False) -> Decimal | None:
    """A line's amount for a comparison: its own (exact or 推計額) amount, a 内数 envelope only when asked;
    for ``change``, FY2020 − FY2019 of two exact amounts."""
    if key == CHANGE_KEY:
        return node.change()[0]
    figure = node.figures.get(key)
    if figure is None or figure.amount is None:
        return None
    if figure.basis is Basis.WITHIN and not with_envelopes:
        return None
    return figure.amount


def _flags(node: Node) -> int:
    flags = (NEW if node.new else 0) | (RELISTED if node.relist_of is not None else 0)
    if SUPPLEMENTARY in node.figures:
        flags |= SUPPLEMENTARY_FLAG
    for key in FIGURE_KEYS:
        figure = node.figures.get(key)
        if figure is None:
            continue
        if figure.basis is Basis.UNDETERMINED:
            flags |= UNDETERMINED
        elif figure.amount is None:
            continue  # a printed '-': no amount, no basis
        elif figure.basis is Basis.WITHIN:
            flags |= WITHIN
        elif figure.basis is Basis.ESTIMATE:
            flags |= ESTIMATE
        else:
            flags |= EXACT
    return flags


# ---- the all-lines table -------------------------------------------------------------------------------


def section_path(node: Node, lang: Lang) -> str:
    """The headings from the list's root down to the line's parent: AI戦略2019 › 未来への基盤作り › 研究開発."""
    return " › ".join(n.name.get(lang) for n in node.path()[1:-1])


def _figure_cell(figure: Figure | None, lang: Lang, unit: Unit) -> tuple[str, tuple[int, Decimal]]:
    if figure is None:
        return "", (2, Decimal(0))
    if figure.amount is None:
        return figure_text(figure, unit, lang), (2, Decimal(0))
    label = {Basis.WITHIN: ("内数", "within"), Basis.ESTIMATE: ("推計", "est.")}.get(figure.basis)
    text = number(figure.amount, unit) + (figure.mark or "")
    if label is not None:
        text += " " + (label[0] if lang == "ja" else label[1])
    return text, (1 if figure.basis is Basis.WITHIN else 0, figure.amount)


def cell(index: LineIndex, i: int, key: str, lang: Lang, unit: Unit) -> tuple[str, tuple[int, Decimal | str]]:
    """One cell of the all-lines table: the text shown and the sort key (own amounts, then 内数
    envelopes, then empty cells, which stay last)."""
    node = index.nodes[i]
    if key in ("fy2020", "fy2019", "supplementary"):
        text, sort = _figure_cell(node.figures.get(key), lang, unit)
        return text, sort
    text = _text_cell(index, i, key, lang)
    if key == "source":
        line = node.source.line if node.source is not None else None
        return text, (0, Decimal(line)) if line is not None else (2, Decimal(0))
    return text, (0 if text else 2, text)


def _text_cell(index: LineIndex, i: int, key: str, lang: Lang) -> str:
    node = index.nodes[i]
    if key == "name":
        return node.name.get(lang)
    if key == "strategy":
        name = STRATEGY_NAMES.get(node.strategy or "")
        return name.get(lang) if name is not None else (node.strategy or "")
    if key == "section":
        return section_path(node, lang)
    if key == "ministry":
        ministry = index.dataset.ministry_by_name(node.ministry or "")
        if ministry is None:
            return node.ministry or ""
        return (ministry.short_name or ministry.name).get(lang)
    if key == "agency":
        agency = index.agencies[i]
        return agency.key if agency is not None else ""
    if key == "supplementary_year":
        figure = node.figures.get(SUPPLEMENTARY)
        return budget_label(SUPPLEMENTARY, figure, lang, index.dataset.meta.fiscal_year) if figure else ""
    if key == "basis":
        return basis_summary(node)
    if key == "new":
        return ("新規" if lang == "ja" else "new") if node.new else ""
    if key == "relisted":
        return ("再掲" if lang == "ja" else "re-listed") if node.relist_of is not None else ""
    if key == "source":
        return str(node.source.line) if node.source is not None else ""
    raise KeyError(key)


def basis_summary(node: Node) -> str:
    """The bases of a line's figures, in figure order, without repeats: ``exact``, ``within``,
    ``within, estimate``."""
    seen: list[str] = []
    for key in FIGURE_KEYS:
        figure = node.figures.get(key)
        shown = figure is not None and (figure.amount is not None or figure.basis is Basis.UNDETERMINED)
        if figure is not None and shown and figure.basis.value not in seen:
            seen.append(figure.basis.value)
    return ", ".join(seen)


def sort_positions(index: LineIndex, positions: Sequence[int], key: str, descending: bool) -> list[int]:
    """Positions sorted by one column; empty cells stay last either way, 内数 after own amounts."""
    keyed = [(cell(index, i, key, "ja", Unit.OKU)[1], i) for i in positions]
    present = [(s, i) for s, i in keyed if s[0] != 2]
    absent = [i for s, i in keyed if s[0] == 2]
    present.sort(key=lambda item: item[0][1], reverse=descending)
    present.sort(key=lambda item: item[0][0])
    return [i for _, i in present] + absent
