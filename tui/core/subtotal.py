"""The honest subtotal (Σ) of a set of program lines: only what the document lets you add.

Rules (each one is what the document's notation means, see README "Reading the figures"):

- **Own amounts**: the exact FY2020 and FY2019 initial amounts of *distinct* programs. A 再掲 placement
  is the same program: it counts once, whichever of its placements are in view (its figures are the
  original's, which `check` verifies). Each sum comes with the number of programs it covers.
- **推計額** (estimates within an operating grant) are the program's own amount, only estimated: summed
  *separately*, never mixed into the own sums.
- **補正** is another budget: summed separately per fiscal year (令和元年度補正, 年度の記載なし), never with the
  initial amounts. A 補正 that is itself a 内数 is listed with the envelopes.
- **内数** envelopes are listed, never added. *The same envelope* is the same printed amount, basis and
  footnote mark, in the same budget (FY2020 initial, FY2019 initial, or 補正 of a year), of the same
  ministry and agency: the two lines 「理化学研究所(…) 535億円*の内数」 and 「量子物性・情報科学拠点(理研)
  535億円*の内数」 sit in one envelope (*理研運営費交付金総額). Two unrelated envelopes of one ministry that
  happen to print the same amount would be listed once; each envelope lists the lines within it.
- **未定** and '-' are "no amount": counted, never a zero.
- A part re-listed with its own figures (SIP(光量子基盤技術)の一部(再掲)) is inside its program's figures:
  its amounts are listed as not added.
- **Rounding**: each printed figure is rounded to its last digit, so a sum of n figures is within Σ half
  units (±n × 0.05 for figures printed to 0.1) of the true sum.

Over 100,000 lines the sums are big-integer additions of precomputed packed figures, or for a large selection
popcounts of their bit planes (:func:`prepare_planes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, compress

from tui.core.fmt import Unit, budget_label, era_year, figure_text, number
from tui.core.lines import LineIndex, bits_of_mask, mask_bytes, membership
from tui.core.model import FY2019, FY2020, SUPPLEMENTARY, Basis, Figure, Lang, Meta, Node
from tui.core.rounding import exponent

INITIAL_KEYS = (FY2020, FY2019)

# ---- packed figures: one int per line holds every sum's fields ------------------------------------------
# First one counter of 未定 / '-' figures, then per kind (own FY2020, own FY2019, estimate FY2020, estimate
# FY2019, then the 補正 of each fiscal year the lines name): 7 counters of figures by printed exponent
# (0 … -6, 24 bits each: up to 16 million lines), then the amount × 10^6 (96 bits). Summing the ints sums
# every field at once; counts give the rounding bound.
_EXPONENTS = 7
_COUNT_BITS = 24
_AMOUNT_BITS = 96
_KIND_BITS = _EXPONENTS * _COUNT_BITS + _AMOUNT_BITS
_SCALE = 10**6
_KINDS = (("own", FY2020), ("own", FY2019), ("estimate", FY2020), ("estimate", FY2019))
_UNDETERMINED = 1  # the 未定 / '-' counter is the lowest field
_COUNT_MASK = (1 << _COUNT_BITS) - 1
_AMOUNT_MASK = (1 << _AMOUNT_BITS) - 1
# A selection of more lines than this is summed by bit planes (below), fewer one packed int at a time.
_PLANES_FROM = 10_000
_TO_DIGITS = [bytes(b"01"[(byte >> bit) & 1] for byte in range(256)) for bit in range(8)]


def _pack(kind: int, amount: Decimal) -> int:
    exp = exponent(amount)
    if not -_EXPONENTS < exp <= 0:
        exp = max(min(exp, 0), 1 - _EXPONENTS)  # the loader allows at most 6 decimals
    scaled = int(amount * _SCALE)
    base = _COUNT_BITS + kind * _KIND_BITS
    return (1 << (base + (-exp) * _COUNT_BITS)) | (scaled << (base + _EXPONENTS * _COUNT_BITS))


def _line_pack(node: Node, cache: dict[tuple[int, int], int], years: dict[int | None, int]) -> int:
    """A line's initial figures and its own 補正 (``years``: each 補正 year's kind), packed."""
    packed = 0
    figures = node.figures
    for key_index, key in enumerate(INITIAL_KEYS):
        figure = figures.get(key)
        if figure is None:
            continue
        cached = cache.get((key_index, id(figure)))
        if cached is None:
            cached = cache[(key_index, id(figure))] = _figure_pack(key_index, figure)
        packed += cached
    supplementary = figures.get(SUPPLEMENTARY)
    if supplementary is not None:
        amount = supplementary.amount
        if amount is None:
            packed += _UNDETERMINED
        elif supplementary.basis is not Basis.WITHIN and not node.relist_part:
            packed += _pack(years[supplementary.fiscal_year], amount)
    return packed


def _figure_pack(key_index: int, figure: Figure) -> int:
    if figure.amount is None:
        return _UNDETERMINED
    if figure.basis is Basis.EXACT:
        return _pack(key_index, figure.amount)
    if figure.basis is Basis.ESTIMATE:
        return _pack(2 + key_index, figure.amount)
    return 0


def _unpack(total: int, kind: int) -> tuple[Decimal, int, Decimal]:
    """(sum, figures, rounding bound) of one kind; the sum printed to its finest figure's precision."""
    base = _COUNT_BITS + kind * _KIND_BITS
    counts = [(total >> (base + k * _COUNT_BITS)) & _COUNT_MASK for k in range(_EXPONENTS)]
    scaled = (total >> (base + _EXPONENTS * _COUNT_BITS)) & _AMOUNT_MASK
    n = sum(counts)
    finest = max((k for k, c in enumerate(counts) if c), default=0)
    amount = (Decimal(scaled) / _SCALE).quantize(Decimal((0, (1,), -finest)))
    bound = sum((c * Decimal((0, (5,), -k - 1)) for k, c in enumerate(counts)), Decimal(0))
    return amount, n, _plain(bound)


def _plain(value: Decimal) -> Decimal:
    """1.65, not 1.6500000; 0, not 0E-7."""
    return value.normalize() if value else Decimal(0)


@dataclass(frozen=True, slots=True)
class Sum:
    amount: Decimal  # as the printed figures add up: 345.0 from 14.0 + 32.5 + …
    programs: int  # how many programs' figures it adds
    bound: Decimal  # the rounding bound: ± Σ half units


@dataclass(frozen=True, slots=True)
class SupplementarySum:
    fiscal_year: int | None  # None: the document does not say which year's
    amount: Decimal
    lines: int
    bound: Decimal


@dataclass(slots=True)
class Envelope:
    """A 内数 envelope: the amount the lines are funded *within*, listed once, never added."""

    amount: Decimal
    mark: str | None
    key: str  # fy2020, fy2019 or supplementary
    fiscal_year: int | None
    ministry: str | None
    lines: list[Node] = field(default_factory=list)

    @property
    def budget(self) -> str:
        return "supplementary" if self.key == SUPPLEMENTARY else "initial"


@dataclass(slots=True)
class Subtotal:
    lines: int
    programs: int
    own: dict[str, Sum]
    estimate: dict[str, Sum]
    supplementary: list[SupplementarySum]
    envelope_count: int  # 内数 envelopes: listed by :attr:`within`, never added
    undetermined: int  # figures printed 未定 or '-': no amount
    parts: list[tuple[Node, str, Figure]]  # amounts of re-listed parts: inside their program, not added
    _envelope_lines: list[int] = field(default_factory=list, repr=False)  # in-view lines with a 内数
    _index: LineIndex | None = field(default=None, repr=False)
    _within: list[Envelope] | None = field(default=None, repr=False)

    @property
    def within(self) -> list[Envelope]:
        """The envelopes with the in-view lines within each (built when first asked: the Σ line needs only
        their number, and 100,000 bulk lines may hold ten thousand envelopes)."""
        if self._within is None:
            self._within = [] if self._index is None else _envelopes(self._index, self._envelope_lines)
        return self._within


@dataclass(slots=True)
class _Prepared:
    packed: list[int]  # per line: its figures, packed (0 for a 再掲 line)
    years: list[int | None]  # the 補正 years, in the order of their kinds (after the four initial ones)
    envelopes: dict[int, tuple[int, ...]]  # per line with 内数 figures: the envelopes' numbers
    envelope_lines: list[int]  # the lines with 内数 figures, in list order
    table: list[tuple[str, int | None, Decimal, str | None, str | None]]  # envelope number -> its key
    # The packed ints' bit planes (bit weight, bitmap of the lines with that bit set): the sum of a large
    # selection is Σ 2^bit × popcount(plane & selection), ~250 C-speed operations whatever its size.
    # Built by prepare_planes() (in the explorer's worker thread); None until then.
    planes: list[tuple[int, int]] | None = None


def _prepare(index: LineIndex) -> _Prepared:
    cached = index.cache.get("subtotal")
    if isinstance(cached, _Prepared):
        return cached
    meta = index.dataset.meta
    numbers: dict[tuple[object, ...], int] = {}
    table: list[tuple[str, int | None, Decimal, str | None, str | None]] = []
    envelopes: dict[int, tuple[int, ...]] = {}
    years: dict[int | None, int] = {}  # a 補正 year -> its kind
    for i in index.special:
        node = index.nodes[i]
        mine: list[int] = []
        for key in (*INITIAL_KEYS, SUPPLEMENTARY):
            figure = node.figures.get(key)
            if figure is None or figure.amount is None:
                continue
            if figure.basis is Basis.WITHIN:
                year = (
                    figure.fiscal_year
                    if key == SUPPLEMENTARY
                    else (meta.fiscal_year if key == FY2020 else meta.previous_fiscal_year)
                )
                agency = index.agency(i)
                envelope = (key, year, figure.amount, figure.mark, node.ministry, agency.key if agency else None)
                number_ = numbers.get(envelope)
                if number_ is None:
                    number_ = numbers[envelope] = len(table)
                    table.append((key, year, figure.amount, figure.mark, node.ministry))
                mine.append(number_)
            elif key == SUPPLEMENTARY and not node.relist_part:
                years.setdefault(figure.fiscal_year, len(_KINDS) + len(years))
        if mine:
            envelopes[i] = tuple(mine)
    figures: dict[tuple[int, int], int] = {}  # bulk lines share Figure objects: pack each one once
    packed = [0 if node.relist_of is not None else _line_pack(node, figures, years) for node in index.nodes]
    prepared = _Prepared(packed, list(years), envelopes, sorted(envelopes), table)
    index.cache["subtotal"] = prepared
    return prepared


def prepare_planes(index: LineIndex) -> None:
    """Build the bit planes that sum a large selection in a few milliseconds (~0.2 s at 100,000 lines:
    the explorer does it in a worker thread; until then, and for the command line, sums add line by line)."""
    prepared = _prepare(index)
    packed = prepared.packed
    if prepared.planes is not None or not packed or min(packed) < 0:
        return
    width = (max(packed).bit_length() + 7) // 8
    # Every line's packed int as `width` little-endian bytes, back to back: lane k (every width-th byte
    # from k) holds byte k of each line, and a translate table turns one bit of it into '0'/'1' per line.
    raw = b"".join(value.to_bytes(width, "little") for value in packed)
    planes: list[tuple[int, int]] = []
    for lane_number in range(width):
        lane = raw[lane_number::width]
        if not lane.strip(b"\x00"):
            continue
        for bit, digits in enumerate(_TO_DIGITS):
            plane = int(lane.translate(digits)[::-1], 2)
            if plane:
                planes.append((lane_number * 8 + bit, plane))
    prepared.planes = planes


def subtotal(index: LineIndex, positions: Sequence[int] | None = None, bits: int | None = None) -> Subtotal:
    """The Σ of the lines at ``positions`` of ``index`` (all lines when None); ``bits``, when the caller
    has it, is the same selection as a bitmap (bit i: line i), which saves building it."""
    prepared = _prepare(index)
    packed = prepared.packed
    nodes = index.nodes
    chosen: Sequence[int] = range(len(nodes)) if positions is None else positions
    planes = prepared.planes
    if positions is None:
        view: bytes | None = None
        total = index.cache.get("subtotal:all")
        if not isinstance(total, int):
            total = index.cache["subtotal:all"] = sum(packed)
    else:
        view = membership(len(nodes), positions) if bits is None else mask_bytes(bits, len(nodes))
        if planes is not None and len(positions) > _PLANES_FROM:
            if bits is None:
                bits = bits_of_mask(view)
            total = sum((plane & bits).bit_count() << weight for weight, plane in planes)
        else:
            total = sum(map(packed.__getitem__, positions))
    relistings = index.relistings
    in_view = relistings if view is None else list(compress(relistings, map(view.__getitem__, relistings)))
    programs = len(chosen) - len(in_view)
    counted: set[int] = set()
    parts: list[tuple[Node, str, Figure]] = []
    for r in in_view:
        original = index.original[r]
        node = nodes[r]
        if node.relist_part:
            for key in (*INITIAL_KEYS, SUPPLEMENTARY):
                figure = node.figures.get(key)
                if figure is not None and figure.amount is None:
                    total += _UNDETERMINED
                elif figure is not None:
                    parts.append((node, key, figure))
        if view is None or view[original] or original in counted:
            continue
        # The program's first placement in view stands for it: its figures (the original's) count once.
        counted.add(original)
        programs += 1
        if not node.relist_part:
            total += packed[original]
    own = {key: Sum(*_unpack(total, k)) for k, key in enumerate(INITIAL_KEYS)}
    estimate = {key: Sum(*_unpack(total, 2 + k)) for k, key in enumerate(INITIAL_KEYS)}
    supplementary = []
    for kind, year in sorted(enumerate(prepared.years, len(_KINDS)), key=lambda item: (item[1] is None, item[1] or 0)):
        amount, count, bound = _unpack(total, kind)
        if count:
            supplementary.append(SupplementarySum(year, amount, count, bound))
    undetermined = total & _COUNT_MASK
    lines_with = prepared.envelope_lines
    envelope_lines = lines_with if view is None else list(compress(lines_with, map(view.__getitem__, lines_with)))
    count = len(set(chain.from_iterable(map(prepared.envelopes.__getitem__, envelope_lines))))
    return Subtotal(
        len(chosen), programs, own, estimate, supplementary, count, undetermined, parts, envelope_lines, index
    )


def _envelopes(index: LineIndex, lines: list[int]) -> list[Envelope]:
    prepared = _prepare(index)
    found: dict[int, Envelope] = {}
    for i in lines:
        for number_ in prepared.envelopes[i]:
            envelope = found.get(number_)
            if envelope is None:
                key, year, amount, mark, ministry = prepared.table[number_]
                envelope = found[number_] = Envelope(amount, mark, key, year, ministry)
            envelope.lines.append(index.nodes[i])
    order = {FY2020: 0, FY2019: 1, SUPPLEMENTARY: 2}
    return sorted(found.values(), key=lambda e: (order[e.key], e.fiscal_year or 0, -e.amount))


def subtotal_of(index: LineIndex, nodes: Sequence[Node]) -> Subtotal:
    """The Σ of some program lines (others in ``nodes`` are ignored)."""
    return subtotal(index, index.positions_of(nodes))


# ---- the texts: the Σ line, the copy (y) and the quotation with its source (C) ----------------------------


def _amount(amount: Decimal, unit: Unit, lang: Lang) -> str:
    return f"{number(amount, unit)}{unit.label.ja}" if lang == "ja" else f"{number(amount, unit)} {unit.label.en}"


def _bound(bound: Decimal, unit: Unit) -> str:
    return f"±{number(bound, unit)}"


def sigma_line(st: Subtotal, lang: Lang, unit: Unit, fiscal_year: int) -> str:
    """The one-line Σ under the table."""
    ja = lang == "ja"
    parts = [f"Σ {st.lines:,}行 {st.programs:,}事業" if ja else f"Σ {st.lines:,} lines, {st.programs:,} programs"]
    for key in INITIAL_KEYS:
        s = st.own[key]
        year = fiscal_year if key == FY2020 else fiscal_year - 1
        title = f"R{year - 2018}当初" if ja else f"FY{year}"
        parts.append(
            f"{title} {_amount(s.amount, unit, lang)} ({s.programs:,}{'事業' if ja else ''} {_bound(s.bound, unit)})"
        )
    for key in INITIAL_KEYS:
        e = st.estimate[key]
        if e.programs:
            year = fiscal_year if key == FY2020 else fiscal_year - 1
            title = f"推計額 R{year - 2018}" if ja else f"est. FY{year}"
            parts.append(f"{title} {_amount(e.amount, unit, lang)} ({e.programs:,}, {'別計' if ja else 'apart'})")
    for sup in st.supplementary:
        parts.append(f"{_supplementary_title(sup.fiscal_year, lang)} {_amount(sup.amount, unit, lang)} ({sup.lines:,})")
    if st.envelope_count:
        parts.append(
            f"内数 {st.envelope_count:,}件 (合計しない)" if ja else f"{st.envelope_count:,} 内数 envelopes (not added)"
        )
    if st.undetermined:
        parts.append(f"未定・- {st.undetermined:,}" if ja else f"undetermined/- {st.undetermined:,}")
    return " │ ".join(parts)


def _supplementary_title(year: int | None, lang: Lang) -> str:
    if year is None:
        return "補正(年度記載なし)" if lang == "ja" else "suppl. (FY not stated)"
    return f"{era_year(year, lang)}補正" if lang == "ja" else f"FY{year} suppl."


def _envelope_text(e: Envelope, unit: Unit, lang: Lang, fiscal_year: int) -> str:
    figure = Figure(e.amount, Basis.WITHIN, mark=e.mark, fiscal_year=e.fiscal_year)
    budget = budget_label(e.key, figure, lang, fiscal_year)
    names = "、".join(n.name.ja for n in e.lines) if lang == "ja" else "; ".join(n.name.en for n in e.lines)
    return f"{figure_text(figure, unit, lang)} ({budget}: {names})"


def quote(st: Subtotal, lang: Lang, unit: Unit, meta: Meta, *, label: str = "", source: bool = False) -> str:
    """What `y` copies on the Σ line: a labelled subtotal with everything it leaves out, ready to quote;
    with ``source`` (`C`), the document it is computed from."""
    fy, ja = meta.fiscal_year, lang == "ja"
    lines: list[str] = []
    head = label or ("選択した事業" if ja else "Selected programs")
    if ja:
        lines.append(f"{head}（{st.lines:,}行・{st.programs:,}事業）の小計:")
    else:
        lines.append(f"{head} ({st.lines:,} lines, {st.programs:,} programs), subtotal:")
    for key in INITIAL_KEYS:
        s = st.own[key]
        budget = budget_label(key, None, lang, fy)
        if ja:
            lines.append(
                f"- {budget} {_amount(s.amount, unit, lang)}"
                f"（{s.programs:,}事業の額の合計、端数処理による誤差 {_bound(s.bound, unit)}）"
            )
        else:
            lines.append(
                f"- {budget}: {_amount(s.amount, unit, lang)} (own amounts of {s.programs:,} programs, "
                f"{_bound(s.bound, unit)} from rounding)"
            )
    for key in INITIAL_KEYS:
        e = st.estimate[key]
        if e.programs:
            budget = budget_label(key, None, lang, fy)
            lines.append(
                f"- 推計額（別計・上の合計に含まない）: {budget} {_amount(e.amount, unit, lang)}（{e.programs:,}事業）"
                if ja
                else f"- estimates (apart, not in the sums above): {budget} "
                f"{_amount(e.amount, unit, lang)} ({e.programs:,} programs)"
            )
    for sup in st.supplementary:
        title = budget_label(SUPPLEMENTARY, Figure(sup.amount, fiscal_year=sup.fiscal_year), lang, fy)
        lines.append(
            f"- {title} {_amount(sup.amount, unit, lang)}（{sup.lines:,}事業、当初予算とは別）"
            if ja
            else f"- {title}: {_amount(sup.amount, unit, lang)} ({sup.lines:,} programs, "
            "apart from the initial budgets)"
        )
    if st.within:
        lines.append("- 内数（合計に含まない）:" if ja else "- 内数 envelopes (funded within; not added):")
        lines.extend(f"  - {_envelope_text(e, unit, lang, fy)}" for e in st.within)
    if st.parts:
        lines.append(
            "- 再掲された一部の額（元の事業の内訳、合計しない）:"
            if ja
            else "- re-listed parts (inside their program; not added):"
        )
        lines.extend(
            f"  - {n.name.get(lang)} {budget_label(k, f, lang, fy)} {figure_text(f, unit, lang)}"
            for n, k, f in st.parts
        )
    if st.undetermined:
        lines.append(
            f"- 未定・「-」（額なし）: {st.undetermined:,}件"
            if ja
            else f"- undetermined or '-' (no amount): {st.undetermined:,}"
        )
    if source:
        if ja:
            lines.append(f"（出典: {meta.publisher.ja}「{meta.title.ja}」{meta.date} より budget-tui で集計）")
        else:
            lines.append(f"(source: {meta.publisher.en}, “{meta.title.en}”, {meta.date}; summed by budget-tui)")
    return "\n".join(lines) + "\n"


def as_json(st: Subtotal, filter_text: str, meta: Meta) -> dict[str, object]:
    """The `sum --format json` record (a public contract: README "budget-tui sum")."""
    return {
        "filter": filter_text,
        "lines": st.lines,
        "programs": st.programs,
        "own": {"fy2020_initial": _dec(st.own[FY2020].amount), "fy2019_initial": _dec(st.own[FY2019].amount)},
        "own_programs": {"fy2020_initial": st.own[FY2020].programs, "fy2019_initial": st.own[FY2019].programs},
        "estimate": {
            "fy2020_initial": _dec(st.estimate[FY2020].amount),
            "fy2019_initial": _dec(st.estimate[FY2019].amount),
        },
        "supplementary": [
            {"fiscal_year": s.fiscal_year, "amount": _dec(s.amount), "lines": s.lines} for s in st.supplementary
        ],
        "within": [
            {
                "amount": _dec(e.amount),
                "fiscal_year": e.fiscal_year,
                "budget": e.budget,
                "basis_of": [n.id for n in e.lines],
            }
            for e in st.within
        ],
        "undetermined": st.undetermined,
        "rounding": _dec(st.own[FY2020].bound),
    }


def _dec(amount: Decimal) -> str:
    return format(amount, "f")
