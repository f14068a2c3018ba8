"""Every program line of the dataset in one list: the facts the filter, the subtotal and group-by read.

One :class:`LineIndex` per dataset holds, per program placement (both lists, then the bulk lines of
programs.csv), what the query language asks about (strategy, ministry, agency, flags, amounts, folded
text), in flat lists, built once: a filter keystroke over 100,000 lines then costs a few operations on bitmaps
(a Python int whose bit i is line i: `&` is a term's AND) and a bisect, not 100,000 Python calls. The
all-lines table (「全事業一覧 / All program lines」) is drawn from the same index: :data:`COLUMNS` and :func:`cell`.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate, chain, compress, count, repeat
from typing import overload

from tui.core.agencies import BY_KEY, Agency, agency_of, names
from tui.core.fmt import Unit, budget_label, figure_text, number
from tui.core.model import FY2019, FY2020, SUPPLEMENTARY, Basis, Dataset, Figure, Lang, Node, Text
from tui.core.search import fold_text, ministry_names
from tui.core.table import Cell, Row

# Flags: one bit each, so "is:new is:supplementary" is two set lookups.
NEW, SUPPLEMENTARY_FLAG, RELISTED, ESTIMATE, UNDETERMINED, WITHIN, EXACT = (1 << k for k in range(7))
FIGURE_KEYS = (FY2020, FY2019, SUPPLEMENTARY)
CHANGE_KEY = "change"
_SCALE = 10**6
_CHECKPOINT = 4096


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
        self._agencies: list[Agency | None] | None = None
        self._agency_cache: dict[tuple[str, str], Agency | None] = {}
        self._headings: dict[int, Agency | None] = {}
        figure_flags: dict[int, int] = {}  # bulk lines share Figure objects: look at each one once
        self.flags: list[int] = [_flags(node, figure_flags) for node in self.nodes]
        # Lines with a 補正 or a 内数 figure: the only ones the Σ has to look at one by one.
        self.special: list[int] = [i for i, f in enumerate(self.flags) if f & (SUPPLEMENTARY_FLAG | WITHIN)]
        self.relistings: list[int] = [i for i, node in enumerate(self.nodes) if node.relist_of is not None]
        self.original: dict[int, int] = {}  # a 再掲 line's position -> its original placement's
        positions = self.positions()
        for i in self.relistings:
            self.original[i] = positions.get(id(self.nodes[i].relist_of), i)
        self.term_cache: dict[str, int] = {}  # a query term's matching lines (a bitmap), by its text
        self._text_hits: dict[str, list[int]] = {}  # a text term's matching names (see text_matches)
        self._by_value: dict[str, dict[str | None, list[int]]] = {}
        self._value_bits: dict[tuple[str, str | None], int] = {}
        self._sorted: dict[tuple[str, bool], tuple[list[int], list[int], list[int]]] = {}
        self._names: tuple[list[str], list[list[int]]] | None = None
        # The single characters a twentieth of the lines or more contain (a first keystroke), matched by
        # warm(): their lines (a bitmap) and names (one byte per distinct name, 1: it matches).
        self._frequent: dict[str, tuple[int, bytes]] = {}
        self._group_texts: dict[tuple[str, str], str] = {}
        self.cache: dict[str, object] = {}  # for the subtotal's packed figures (tui.core.subtotal)

    def warm(self) -> None:
        """Build everything a first query or group-by would (in a worker thread, before the user types)."""
        for kind in ("strategy", "ministry", "agency"):
            self.by_value(kind)
        for key in (*FIGURE_KEYS, CHANGE_KEY):
            self._sorted_amounts(key, False)
        self._frequent = self._match_frequent()

    def _match_frequent(self) -> dict[str, tuple[int, bytes]]:
        texts, lines_of = self._text()
        lines_with: dict[str, int] = {}
        for text, lines in zip(texts, lines_of, strict=True):
            for char in set(text):
                # A letter or digit matches only where a word or number starts (after a mark).
                if char not in _SEPARATORS and (char not in _MARKED or WORD_MARK + char in text):
                    lines_with[char] = lines_with.get(char, 0) + len(lines)
        frequent: dict[str, tuple[int, bytes]] = {}
        for char, lines_count in lines_with.items():
            if lines_count * 20 >= len(self.nodes):
                hits, bits = self._scan(char, None)
                frequent[char] = bits, membership(len(texts), hits)
        return frequent

    @property
    def agencies(self) -> list[Agency | None]:
        """Each line's agency (tui.core.agencies), found on first use: a regular expression per name."""
        if self._agencies is None:
            self._agencies = [self.agency(i) for i in range(len(self.nodes))]
        return self._agencies

    def agency(self, i: int) -> Agency | None:
        if self._agencies is not None:
            return self._agencies[i]
        return agency_of(self.nodes[i], self._headings, self._agency_cache)

    def __len__(self) -> int:
        return len(self.nodes)

    def positions(self) -> dict[int, int]:
        if self._positions is None:
            self._positions = {id(node): i for i, node in enumerate(self.nodes)}
        return self._positions

    def position(self, node: Node) -> int | None:
        return self.positions().get(id(node))

    @property
    def all_bits(self) -> int:
        return (1 << len(self.nodes)) - 1

    def bits_of(self, positions: Iterable[int]) -> int:
        """Positions as a bitmap (bit i: line i)."""
        return bits_of_mask(membership(len(self.nodes), positions))

    def positions_in(self, bits: int) -> list[int]:
        """A bitmap's positions, in list order."""
        n = len(self.nodes)
        mask = mask_bytes(bits, n)
        if bits.bit_count() * 10 < n:
            # Few lines: the runs of zeros before each, summed (in C), plus the lines before it.
            return list(map(operator.add, accumulate(map(len, mask.split(b"\x01")[:-1])), count()))
        return list(compress(range(n), mask))

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

    def value_bits(self, kind: str, value: str | None) -> int:
        """The lines of one strategy, ministry or agency key, as a bitmap."""
        bits = self._value_bits.get((kind, value))
        if bits is None:
            bits = self._value_bits[(kind, value)] = self.bits_of(self.by_value(kind).get(value, ()))
        return bits

    def with_flag(self, flag: int) -> int:
        # The flags fit in a byte: one byte per line, then each non-zero byte as a '1' digit.
        return int(bytes(map(flag.__and__, self.flags))[::-1].translate(_NONZERO_DIGIT), 2)

    def compare(self, key: str, op: str, value: Decimal, with_envelopes: bool) -> int:
        """Lines whose ``key`` amount (fy2020, fy2019, supplementary or change) satisfies ``op value``.
        Only a line's own amounts (exact, 推計額) compare, and 内数 envelopes with ``with_envelopes``."""
        amounts, order, suffixes = self._sorted_amounts(key, with_envelopes)
        value = value * _SCALE  # the amounts are kept as exact integers of millionths of 億円
        if op == ">=":
            start, end = bisect_left(amounts, value), len(order)
        elif op == ">":
            start, end = bisect_right(amounts, value), len(order)
        elif op == "<=":
            start, end = 0, bisect_right(amounts, value)
        elif op == "<":
            start, end = 0, bisect_left(amounts, value)
        elif op == "=":
            start, end = bisect_left(amounts, value), bisect_right(amounts, value)
        else:
            raise ValueError(op)

        def suffix(begin: int) -> int:  # the lines of order[begin:], from the next checkpoint's bitmap
            checkpoint = -(-begin // _CHECKPOINT)
            return suffixes[checkpoint] | self.bits_of(order[begin : checkpoint * _CHECKPOINT])

        return suffix(start) ^ suffix(end)

    def _sorted_amounts(self, key: str, with_envelopes: bool) -> tuple[list[int], list[int], list[int]]:
        """The lines with a ``key`` amount, in order of it, and the amounts as integers (× 10^6: exact, for
        the loader allows 6 decimals, and sorted far faster than Decimals); and every _CHECKPOINT-th
        suffix of that order as a bitmap, so that a comparison converts fewer than _CHECKPOINT lines."""
        cached = self._sorted.get((key, with_envelopes))
        if cached is None:
            pairs: list[tuple[int, int]] = []
            scaled: dict[object, int | None] = {}  # bulk lines share Figure objects: convert each once
            for i, node in enumerate(self.nodes):
                figures = node.figures
                if key == CHANGE_KEY:
                    now, before = figures.get(FY2020), figures.get(FY2019)
                    shared: object = (id(now), id(before))
                else:
                    shared = id(figures.get(key))
                if shared in scaled:
                    amount = scaled[shared]
                else:
                    found = line_amount(node, key, with_envelopes)
                    amount = scaled[shared] = None if found is None else int(found * _SCALE)
                if amount is not None:
                    pairs.append((amount, i))
            pairs.sort()
            order = [i for _, i in pairs]
            suffixes = [0] * (-(-len(order) // _CHECKPOINT) + 1)
            for checkpoint in range(len(suffixes) - 2, -1, -1):
                chunk = order[checkpoint * _CHECKPOINT : (checkpoint + 1) * _CHECKPOINT]
                suffixes[checkpoint] = suffixes[checkpoint + 1] | self.bits_of(chunk)
            cached = self._sorted[(key, with_envelopes)] = ([a for a, _ in pairs], order, suffixes)
        return cached

    def text_matches(self, term: str) -> int:
        """Lines whose folded names, ministry names or agency names contain ``term`` (folded) where a word
        or number starts, as the search finds it (tui.core.search: `ai` finds AI戦略, not "certain").

        Each distinct pair of names is kept once with a mark before every word and number start, and the
        term gets the same marks, so the rule is one C-speed ``in`` per name; a term that extends one
        already matched (the next keystroke) only looks at that term's names. Ministry and agency names
        are matched once each and bring all their lines."""
        # Only the terms still in term_cache narrow (clearing it forgets them); the others are dropped.
        for stale in [t for t in self._text_hits if "text:" + t not in self.term_cache]:
            del self._text_hits[stale]
        frequent = self._frequent.get(term)
        if frequent is not None:
            bits, names = frequent
            self._text_hits[term] = list(compress(range(len(names)), names))
            return bits
        narrower = [hits for known, hits in self._text_hits.items() if term.startswith(known)]
        hits, bits = self._scan(term, min(narrower, key=len) if narrower else None)
        self._text_hits[term] = hits
        return bits

    def _scan(self, term: str, candidates: list[int] | None) -> tuple[list[int], int]:
        """The names (of ``candidates``, else of all) that contain ``term``, and the lines that match it."""
        texts, lines_of = self._text()
        needle = mark_word_starts(term)
        # compress(map(contains)) runs in C: ~40 ns a name plus the find, where a Python loop takes ~250.
        if candidates is not None:
            chosen = map(texts.__getitem__, candidates)
            hits = list(compress(candidates, map(operator.contains, chosen, repeat(needle))))
        else:
            hits = list(compress(range(len(texts)), map(operator.contains, texts, repeat(needle))))
        bits = self.bits_of(chain.from_iterable(map(lines_of.__getitem__, hits)))
        for kind in ("ministry", "agency"):
            for value in self.by_value(kind):
                if value is not None and needle in self._names_of(kind, value):
                    bits |= self.value_bits(kind, value)
        return hits, bits

    def _names_of(self, kind: str, value: str) -> str:
        key = (kind, value)
        text = self._group_texts.get(key)
        if text is None:
            if kind == "ministry":
                texts = ministry_names(self.dataset, value)
            else:
                agency = BY_KEY.get(value)
                texts = list(names(agency)) if agency is not None else [value]
            text = self._group_texts[key] = mark_word_starts("\x1f".join(fold_text(t) for t in texts))
        return text

    def _text(self) -> tuple[list[str], list[list[int]]]:
        """Each distinct pair of folded names (ja, en), marked where words and numbers start, and the
        lines that bear it (bulk lines repeat names: the filter tests each pair once)."""
        if self._names is None:
            number_of: dict[tuple[str, str], int] = {}
            lines_of: list[list[int]] = []
            for i, node in enumerate(self.nodes):
                names_key = (node.name.ja, node.name.en)
                found = number_of.get(names_key)
                if found is None:
                    found = number_of[names_key] = len(lines_of)
                    lines_of.append([])
                lines_of[found].append(i)
            blobs = [f"{fold_text(ja)}\x1f{fold_text(en)}" for ja, en in number_of]
            # One regular-expression pass over all of it, then one string per pair again.
            self._names = mark_word_starts("\x1e".join(blobs)).split("\x1e"), lines_of
        return self._names


# A mark before each place a term may start: a Latin letter not after a letter or digit, a digit not after
# a digit, '.' or ',' (the search's word-start rule, tui.core.search._glue_rule), in folded (lower-case) text.
_WORD_START = re.compile(r"(?<![0-9a-z])(?=[a-z])|(?<![0-9.,])(?=[0-9])")
WORD_MARK = "\x02"
_MARKED = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SEPARATORS = frozenset(WORD_MARK + "\x1f")


def mark_word_starts(text: str) -> str:
    return _WORD_START.sub(WORD_MARK, text)


# ---- bitmaps of lines: a Python int, bit i for line i; as bytes, one byte per line (1: in it) ------------
_BYTE_PER_BIT = bytes.maketrans(b"01", b"\x00\x01")
_NONZERO_DIGIT = bytes(b"01"[byte != 0] for byte in range(256))


def mask_bytes(bits: int, n: int) -> bytes:
    """A bitmap as one byte per line: C-speed membership (``mask[i]``) and compress()."""
    return bin(bits)[:1:-1].encode().translate(_BYTE_PER_BIT).ljust(n, b"\x00")


def membership(n: int, positions: Iterable[int]) -> bytes:
    """Positions as one byte per line (1: in them)."""
    mask = bytearray(n)
    deque(map(mask.__setitem__, positions, repeat(1)), maxlen=0)  # the loop runs in C
    return bytes(mask)


def bits_of_mask(mask: bytes) -> int:
    """One byte per line (0 or 1) as a bitmap."""
    return int(mask[::-1].translate(_NONZERO_DIGIT), 2) if mask else 0


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


def _flags(node: Node, cache: dict[int, int]) -> int:
    flags = (NEW if node.new else 0) | (RELISTED if node.relist_of is not None else 0)
    figures = node.figures
    if SUPPLEMENTARY in figures:
        flags |= SUPPLEMENTARY_FLAG
    for figure in figures.values():
        bits = cache.get(id(figure))
        if bits is None:
            bits = cache[id(figure)] = _figure_flags(figure)
        flags |= bits
    return flags


def _figure_flags(figure: Figure) -> int:
    if figure.basis is Basis.UNDETERMINED:
        return UNDETERMINED
    if figure.amount is None:
        return 0  # a printed '-': no amount, no basis
    return {Basis.WITHIN: WITHIN, Basis.ESTIMATE: ESTIMATE}.get(figure.basis, EXACT)


# ---- the all-lines table -------------------------------------------------------------------------------


def section_path(node: Node, lang: Lang) -> str:
    """The headings below the list's root (the strategy column names the list) down to the line's parent:
    未来への基盤作り › 研究開発."""
    return " › ".join(n.name.get(lang) for n in node.path()[2:-1])


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
        agency = index.agency(i)
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


# ---- rows for the explorer's table (the shape tui.core.table gives the figure table) ---------------------


class LineRows(Sequence[Row]):
    """The all-lines table's rows in display order, each built when first read (100,000 lines cost
    nothing until drawn). Selected lines (``selected``: positions) show a ● before their name."""

    def __init__(
        self, index: LineIndex, positions: Sequence[int], lang: Lang, unit: Unit, selected: set[int] | None = None
    ) -> None:
        self.lines = index
        self.positions = positions
        self.lang: Lang = lang
        self.unit = unit
        self.selected: set[int] = selected if selected is not None else set()
        self._built: dict[int, Row] = {}
        self._where: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, item: int) -> Row: ...
    @overload
    def __getitem__(self, item: slice) -> list[Row]: ...
    def __getitem__(self, item: int | slice) -> Row | list[Row]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self.positions)))]
        if item < 0:
            item += len(self.positions)
        row = self._built.get(item)
        if row is None:
            row = self._built[item] = self._build(self.positions[item])
        return row

    def forget(self, item: int) -> None:
        """Build row ``item`` again when next read (its selection changed)."""
        self._built.pop(item, None)

    def _build(self, i: int) -> Row:
        node = self.lines.nodes[i]
        cells: dict[str, Cell] = {}
        for column in COLUMNS:
            text, sort = cell(self.lines, i, column.key, self.lang, self.unit)
            figure = node.figures.get(column.key) if column.key in FIGURE_KEYS else None
            copy = number(figure.amount, self.unit, grouping=False) if figure and figure.amount is not None else None
            if column.key == "name" and i in self.selected:
                text = "● " + text
            cells[column.key] = Cell(text, copy if copy is not None else (text or None), sort, figure, column.key)
        return Row(node, cells)

    def position(self, node: Node) -> int | None:
        if self._where is None:
            self._where = {p: k for k, p in enumerate(self.positions)}
        at = self.lines.position(node)
        return None if at is None else self._where.get(at)

    def column_has_values(self, key: str) -> bool:
        return True


def lines_tsv(rows: LineRows) -> str:
    """What `Y` copies from the all-lines table: a header row, bare amounts, each figure's basis."""
    lang = rows.lang
    header: list[str] = []
    for column in COLUMNS:
        title = column.title.get(lang)
        if column.key in FIGURE_KEYS:
            header += [f"{title} ({rows.unit.label.get(lang)})", f"{title} {'区分' if lang == 'ja' else 'basis'}"]
        elif column.key != "basis":
            header.append(title)
    out = ["\t".join(header)]
    for position in rows.positions:
        node = rows.lines.nodes[position]
        values: list[str] = []
        for column in COLUMNS:
            if column.key in FIGURE_KEYS:
                figure = node.figures.get(column.key)
                amount = ""
                if figure is not None and figure.amount is not None:
                    amount = number(figure.amount, rows.unit, grouping=False)
                values += [amount, figure.basis.value if figure and not figure.dash else ""]
            elif column.key != "basis":
                values.append(cell(rows.lines, position, column.key, lang, rows.unit)[0])
        out.append("\t".join(v.replace("\t", " ") for v in values))
    return "\n".join(out) + "\n"
