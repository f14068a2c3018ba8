"""Pictures of the figures as plain data: bar lengths and glyphs, the chart and share views' lines, and
what is left out of a picture and why. The UI only maps the roles below to colours.

Honesty rules (the same as the table's): a bar or an area is drawn only for an item's *own* amount.
Not drawn, and listed beside the picture with the reason instead:

- 内数 (``within``): the envelope a program is funded within — drawing it would show the envelope as
  the program's budget;
- 未定 (undetermined) and '-' (no amount, which is not zero): there is nothing to draw;
- 再掲 placements: a re-listing of a program placed elsewhere; its bar belongs to the original;
- supplementary-only items (補正): a different budget from the FY2020 initial one the bars compare;
- the printed total row (計, (A + B)): it is the sum of its siblings, not a peer, so it sets no scale.

推計額 (``estimate``) amounts are the program's own, only estimated: they are drawn, shaded (░ rather
than █) so they never look exact. Bars are relative to the largest drawn sibling; nothing is added up
except in the share view, which only opens where the document prints a total that its parts sum to
(checked here within rounding, as ``budget-tui check`` does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from tui.core.fmt import Unit, budget_label, cells, figure_text, number, percent
from tui.core.labels import era_short
from tui.core.model import SUPPLEMENTARY, Basis, Figure, Lang, Node
from tui.core.rules import is_printed_total

EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")  # a partial cell, by eighths filled from the left
FULL = "█"
SHADE = "░"  # an estimate: drawn in whole cells, shaded
TABLE_BAR_WIDTH = 8  # cells of the table's amount bar
TABLE_CHANGE_WIDTH = 4  # cells on each side of the table's change bar's axis
AXIS = "│"
SIDE_BY_SIDE = 110  # from this width the chart view puts the changes beside the amounts
GUTTER = " │ "
CHART_ROWS = 60  # items a chart draws (largest first) and lists as not drawn; a node may have 10,000


class Role(StrEnum):
    """What a piece of a picture is; the UI picks the colour."""

    PLAIN = ""
    CURRENT = "current"  # this year's amount
    PREVIOUS = "previous"  # last year's amount
    ESTIMATE = "estimate"  # an estimated amount (shaded)
    GROWTH = "growth"
    CUT = "cut"
    AXIS = "axis"
    HEADING = "heading"
    MUTED = "muted"


Segment = tuple[str, str]  # (text, role: a Role value, or a tile_role() in the share view)
Line = tuple[Segment, ...]
Tagged = list[tuple[Line, Node | None]]  # lines, each with the node it draws (None: a heading, a legend, ...)


@dataclass(frozen=True, slots=True)
class Stop:
    """A place the view's cursor can rest on: the cells that stand for ``node`` — lines ``top`` to
    ``top + height - 1``, cells ``left`` to ``left + width - 1`` (a bar's two lines, one column of the
    side-by-side chart, a tile, a line of the not-drawn list)."""

    node: Node
    top: int
    height: int
    left: int
    width: int
    tile: bool = False  # a share-view tile: its cells have a colour of their own (tile_role)


@dataclass(frozen=True, slots=True)
class Picture:
    """A view's lines and its cursor's stops, in the order `j` / `k` visit them (the chart: its bars
    largest first, then the changes, then what is not drawn; the shares: the tiles largest first, then
    what is not drawn)."""

    lines: list[Line]
    stops: list[Stop]


def stops_of(tagged: Tagged, top: int, left: int, width: int) -> list[Stop]:
    """One stop for each run of consecutive lines of the same node, ``tagged`` starting on line ``top``."""
    stops: list[Stop] = []
    for offset, (_, node) in enumerate(tagged):
        if node is None:
            continue
        last = stops[-1] if stops else None
        if last is not None and last.node is node and last.top + last.height == top + offset:
            stops[-1] = Stop(node, last.top, last.height + 1, left, width)
        else:
            stops.append(Stop(node, top + offset, 1, left, width))
    return stops


def neighbour(stops: Sequence[Stop], index: int, dx: int, dy: int) -> int:
    """The stop next to ``stops[index]`` in direction (dx, dy) — one of them -1 or 1, the other 0: the
    nearest one wholly on that side, preferring one that lies alongside (shares rows for Left / Right,
    columns for Up / Down), then the one whose top (Left / Right) or left edge (Up / Down) is closest, as
    reading goes: right of a tall tile, the tile at its top; ``index`` itself when there is none."""
    here = stops[index]
    best, best_key = index, (2, 0, 0)
    for other_index, other in enumerate(stops):
        if dx:
            gap = other.left - (here.left + here.width) if dx > 0 else here.left - (other.left + other.width)
            apart = _apart(here.top, here.height, other.top, other.height)
            edges = abs(other.top - here.top)
        else:
            gap = other.top - (here.top + here.height) if dy > 0 else here.top - (other.top + other.height)
            apart = _apart(here.left, here.width, other.left, other.width)
            edges = abs(other.left - here.left)
        if other_index == index or gap < 0:
            continue
        key = (int(apart > 0), gap + apart, edges)
        if key < best_key:
            best, best_key = other_index, key
    return best


def _apart(start: int, length: int, other_start: int, other_length: int) -> int:
    """Cells between two spans on one axis (0 when they overlap)."""
    return max(0, other_start - (start + length), start - (other_start + other_length))


TILE_COLOURS = 8  # share-view tiles are coloured tile_role(0) .. tile_role(7) in turn


def tile_role(colour: int) -> str:
    """The role of a share-view tile of colour ``colour`` (0 .. TILE_COLOURS - 1): the UI picks the colour."""
    return f"tile{colour}"


class Reason(StrEnum):
    """Why a row has no bar (or no area)."""

    WITHIN = "within"
    UNDETERMINED = "undetermined"
    NO_AMOUNT = "no_amount"
    GROUP = "group"  # a heading over programs, with no figure of its own
    RELISTING = "relisting"
    SUPPLEMENTARY_ONLY = "supplementary_only"
    TOTAL = "total"
    NESTED = "nested"  # share view: a うち row, part of another part
    TOO_SMALL = "too_small"  # share view: less than one cell at this size


@dataclass(frozen=True, slots=True)
class Bar:
    """A drawn bar: its segments (glyphs and their roles), and how many eighths of a cell it fills."""

    segments: Line
    eighths: int

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass(frozen=True, slots=True)
class NotDrawn:
    node: Node
    reason: Reason
    figure: Figure | None = None  # the figure that is not drawn (an envelope, a 補正 amount, ...)
    share: Decimal | None = None  # share view: the part's share of the printed total

    def text(self, lang: Lang, unit: Unit) -> str:
        """'name — why', in the current language and unit."""
        name = self.node.name.get(lang)
        shown = figure_text(self.figure, unit, lang) if self.figure is not None else ""
        ja = lang == "ja"
        if self.reason is Reason.WITHIN:
            why = (  # figure_text already says 内数 / within
                f"{shown}（資金の枠の額で、この事業自体の額ではない）"
                if ja
                else f"{shown}: the envelope it is funded within, not its own amount"
            )
        elif self.reason is Reason.UNDETERMINED:
            why = "未定" if ja else "undetermined"
        elif self.reason is Reason.GROUP:
            why = "金額は一段下の各事業に" if ja else "no amount of its own: its programs are one level down"
        elif self.reason is Reason.NO_AMOUNT:
            why = "金額なし（'-' はゼロではない）" if ja else "no amount ('-' is not zero)"
        elif self.reason is Reason.RELISTING:
            where = _placed_under(self.node, lang)
            also = f"（{shown}）" if ja and shown else f" ({shown})" if shown else ""
            why = f"再掲{also}: {where} に掲載" if ja else f"re-listed{also}: shown under {where}"
        elif self.reason is Reason.SUPPLEMENTARY_ONLY:  # which 補正: its year, or that none is stated
            budget = budget_label(SUPPLEMENTARY, self.figure, lang, 0)
            why = (
                f"補正予算のみ {budget} {shown}（当初予算とは別の予算）"
                if ja
                else f"supplementary budget only, {budget}: {shown}"
            )
        elif self.reason is Reason.TOTAL:
            why = f"合計行 {shown}（各行の合計）" if ja else f"the printed total, {shown}"
        elif self.reason is Reason.NESTED:
            whole = self.node.whole.name.get(lang) if self.node.whole is not None else ""
            why = f"{whole} のうち数 {shown}" if ja else f"part of {whole}, {shown}"
        else:
            size = f"{shown}, {percent(self.share)}" if self.share is not None else shown
            why = f"小さすぎて描けない ({size})" if ja else f"too small to draw at this size ({size})"
        return f"{name} — {why}"


def _placed_under(node: Node, lang: Lang) -> str:
    original = node.relist_of or node
    return original.parent.name.get(lang) if original.parent is not None else original.name.get(lang)


# ---- what gets a bar --------------------------------------------------------------------------------


def drawable(node: Node) -> Figure | NotDrawn | None:
    """The FY2020 figure to draw for ``node``, or why there is none; None for text without figures
    (an item, a note), which is not a budget line at all."""
    figure = node.fy2020
    if is_printed_total(node):
        return NotDrawn(node, Reason.TOTAL, figure)
    if node.is_relisting:
        return NotDrawn(node, Reason.RELISTING, figure)
    if figure is None:
        supplementary = node.supplementary
        if supplementary is not None and supplementary.amount is not None:
            return NotDrawn(node, Reason.SUPPLEMENTARY_ONLY, supplementary)
        if node.is_program or node.figures:
            return NotDrawn(node, Reason.NO_AMOUNT)
        if any(c.is_program for c in node.children):
            return NotDrawn(node, Reason.GROUP)
        return None
    if figure.basis is Basis.WITHIN:
        return NotDrawn(node, Reason.WITHIN, figure)
    if figure.basis is Basis.UNDETERMINED:
        return NotDrawn(node, Reason.UNDETERMINED, figure)
    if figure.amount is None:
        return NotDrawn(node, Reason.NO_AMOUNT, figure)
    return figure


def own_previous(node: Node) -> Figure | None:
    """Last year's figure, if it can stand beside this year's bar (an own, exact or estimated amount)."""
    figure = node.fy2019
    if figure is None or figure.amount is None or figure.basis not in (Basis.EXACT, Basis.ESTIMATE):
        return None
    return figure


def drawable_change(node: Node) -> Decimal | None:
    """The change to draw: printed, or from two exact amounts (as the table's column); never for a
    row that gets no amount bar."""
    if not isinstance(drawable(node), Figure):
        return None
    change, _ = node.change()
    return change


# ---- bar arithmetic ---------------------------------------------------------------------------------


def fraction(amount: Decimal, largest: Decimal) -> Decimal:
    """``amount`` as a fraction of ``largest`` (0 when there is nothing to compare with)."""
    if largest <= 0 or amount <= 0:
        return Decimal(0)
    return min(amount / largest, Decimal(1))


def eighths(part: Decimal, width: int) -> int:
    """How many eighths of a cell a bar ``part`` of ``width`` cells fills; a positive amount gets at
    least one, so a small amount never looks like none."""
    filled = int((part * width * 8).to_integral_value(rounding=ROUND_HALF_UP))
    return max(filled, 1) if part > 0 else 0


def glyphs(filled_eighths: int) -> str:
    """Full blocks, then one partial block: 8 eighths a cell."""
    full, rest = divmod(filled_eighths, 8)
    return FULL * full + EIGHTHS[rest]


def amount_bar(figure: Figure, largest: Decimal, width: int, role: Role = Role.CURRENT) -> Bar:
    """A left-aligned bar for an own amount; an estimate is shaded, in whole cells (at least one)."""
    assert figure.amount is not None
    part = fraction(figure.amount, largest)
    filled = eighths(part, width)
    if figure.basis is Basis.ESTIMATE:
        cells = max(1, (filled + 4) // 8) if filled else 0
        return Bar(((SHADE * cells, Role.ESTIMATE),), cells * 8)
    return Bar(((glyphs(filled), role),), filled)


def change_bar(change: Decimal, largest: Decimal, half_width: int) -> Bar:
    """A diverging bar: a cut grows left of the axis, growth right, each to ``half_width`` cells.
    Halves of a cell (▐ / ▌) so both sides have the same resolution; ``eighths`` counts in eighths."""
    halves = int((fraction(abs(change), largest) * half_width * 2).to_integral_value(rounding=ROUND_HALF_UP))
    if change != 0:
        halves = max(halves, 1)
    full, half = divmod(halves, 2)
    if change < 0:
        drawn = ("▐" if half else "") + FULL * full
        left: Line = ((" " * (half_width - full - half), Role.PLAIN), (drawn, Role.CUT))
        right: Line = ((" " * half_width, Role.PLAIN),)
    else:
        drawn = FULL * full + ("▌" if half else "")
        left = ((" " * half_width, Role.PLAIN),)
        right = ((drawn, Role.GROWTH), (" " * (half_width - full - half), Role.PLAIN))
    sign = -1 if change < 0 else 1
    return Bar((*left, (AXIS, Role.AXIS), *right), sign * halves * 4)


@dataclass(frozen=True, slots=True)
class BarScale:
    """What the table's bars are relative to: the largest drawn amount and the largest drawn change
    among the siblings (0: nothing to draw)."""

    largest: Decimal
    largest_change: Decimal


def bar_scale(nodes: Sequence[Node]) -> BarScale:
    """One pass over the siblings, without building any table row."""
    largest = largest_change = Decimal(0)
    for node in nodes:
        figure = drawable(node)
        if not isinstance(figure, Figure):
            continue  # no bar, so no change bar either (as drawable_change)
        if figure.amount is not None:
            largest = max(largest, figure.amount)
        change, _ = node.change()
        if change is not None:
            largest_change = max(largest_change, abs(change))
    return BarScale(largest, largest_change)


def table_amount_bar(node: Node, scale: BarScale) -> Bar | None:
    """The table's FY2020 bar for ``node`` (None: not drawn, see :func:`drawable`)."""
    figure = drawable(node)
    return amount_bar(figure, scale.largest, TABLE_BAR_WIDTH) if isinstance(figure, Figure) else None


def table_change_bar(node: Node, scale: BarScale) -> Bar | None:
    """The table's diverging change bar for ``node`` (None: no change drawn)."""
    change = drawable_change(node)
    return change_bar(change, scale.largest_change, TABLE_CHANGE_WIDTH) if change is not None else None


# ---- text width (East Asian wide characters take two cells) ------------------------------------------


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, padded with spaces to exactly ``width``."""
    if width <= 0:
        return ""
    if cells(text) > width:
        out, used = "", 0
        for ch in text:
            w = cells(ch)
            if used + w > width - 1:
                break
            out += ch
            used += w
        text = out + "…"
    return text + " " * (width - cells(text))


# ---- the chart view ---------------------------------------------------------------------------------


def _signed(value: Decimal, unit: Unit) -> str:
    text = number(value, unit)
    return f"+{text}" if value > 0 else text


def _amount_text(figure: Figure, unit: Unit, lang: Lang) -> str:
    assert figure.amount is not None
    text = number(figure.amount, unit)
    if figure.basis is Basis.ESTIMATE:
        text += " 推計" if lang == "ja" else " est."
    return text


def chart_lines(
    parent: Node, lang: Lang, unit: Unit, fiscal_year: int, width: int, previous_fiscal_year: int | None = None
) -> list[Line]:
    """The chart view's lines alone (see :func:`chart_picture`)."""
    return chart_picture(parent, lang, unit, fiscal_year, width, previous_fiscal_year).lines


def chart_picture(
    parent: Node, lang: Lang, unit: Unit, fiscal_year: int, width: int, previous_fiscal_year: int | None = None
) -> Picture:
    """Horizontal bars of this year next to last year for each child of ``parent`` (largest first),
    the change of each (largest growth first), then what is not drawn and why; each bar, change and
    not-drawn line is a stop of the view's cursor."""
    ja = lang == "ja"
    width = max(width, 30)
    previous = fiscal_year - 1 if previous_fiscal_year is None else previous_fiscal_year
    now_label, before_label = era_short(fiscal_year, lang), era_short(previous, lang)
    drawn: list[tuple[Node, Figure]] = []
    skipped: list[NotDrawn] = []
    for child in parent.children:
        result = drawable(child)
        if isinstance(result, NotDrawn):
            skipped.append(result)
        elif result is not None:
            drawn.append((child, result))
    unit_label = unit.label.get(lang)
    title = parent.name.get(lang)
    heading = (
        f"{title} — {now_label}当初と{before_label}当初（{unit_label}、大きい順）"
        if ja
        else f"{title} — {now_label} vs {before_label} initial budget ({unit_label}), largest first"
    )
    lines: list[Line] = [((heading, Role.HEADING),)]
    stops: list[Stop] = []
    # Wide enough: the changes stand beside the amounts, so which grew is seen without scrolling.
    side = width >= SIDE_BY_SIDE
    amount_width = (width - len(GUTTER)) * 11 // 20 if side else width
    change_width = width - len(GUTTER) - amount_width if side else width
    amounts = _amount_lines(drawn, lang, unit, amount_width, now_label, before_label)
    changes = _change_lines(parent, lang, unit, change_width, now_label, before_label)
    if side and changes:
        stops += stops_of(amounts, len(lines), 0, amount_width)
        stops += stops_of(changes, len(lines), amount_width + len(GUTTER), change_width)
        lines.extend(_beside([line for line, _ in amounts], [line for line, _ in changes], amount_width))
    else:
        stops += stops_of(amounts, len(lines), 0, width)
        lines.extend(line for line, _ in amounts)
        if changes:
            lines.append(())
            stops += stops_of(changes, len(lines), 0, width)
            lines.extend(line for line, _ in changes)
    if skipped:
        lines.append(())
        lines.append((("描いていないもの:" if ja else "Not drawn:", Role.HEADING),))
        notes: Tagged = [(((("  " + s.text(lang, unit)), Role.MUTED),), s.node) for s in skipped[:CHART_ROWS]]
        if len(skipped) > CHART_ROWS:
            notes.append(((("  " + _more(len(skipped) - CHART_ROWS, lang), Role.MUTED),), None))
        stops += stops_of(notes, len(lines), 0, width)
        lines.extend(line for line, _ in notes)
    return Picture(lines, stops)


def _label(node: Node, lang: Lang, width: int) -> str:
    """The name, or the short name (MEXT, 文科省) when the name does not fit."""
    name = node.name.get(lang)
    if cells(name) > width and node.short_name is not None:
        return node.short_name.get(lang)
    return name


def _beside(left: list[Line], right: list[Line], left_width: int) -> list[Line]:
    """Two columns of lines: ``left`` padded to ``left_width`` cells, a gutter, then ``right``."""
    rows: list[Line] = []
    for index in range(max(len(left), len(right))):
        line = left[index] if index < len(left) else ()
        used = sum(cells(text) for text, _ in line)
        pad: Segment = (" " * max(0, left_width - used), Role.PLAIN)
        rows.append((*line, pad, (GUTTER, Role.AXIS), *(right[index] if index < len(right) else ())))
    return rows


def _amount_lines(
    drawn: list[tuple[Node, Figure]], lang: Lang, unit: Unit, width: int, now_label: str, before_label: str
) -> Tagged:
    """The legend, then two bars a child (this year, last year), largest first."""
    ja = lang == "ja"
    if not drawn:
        nothing = "描ける金額がありません。" if ja else "Nothing here has an amount of its own to draw."
        return [(((nothing, Role.MUTED),), None)]
    legend: Line = (
        (FULL, Role.CURRENT),
        (f" {now_label}当初  " if ja else f" {now_label} initial  ", Role.PLAIN),
        (FULL, Role.PREVIOUS),
        (f" {before_label}当初  " if ja else f" {before_label} initial  ", Role.PLAIN),
        (SHADE, Role.ESTIMATE),
        (" 推計額" if ja else " estimate", Role.PLAIN),
    )
    lines: Tagged = [(legend, None)]
    drawn = sorted(drawn, key=lambda item: item[1].amount or Decimal(0), reverse=True)
    hidden = len(drawn) - CHART_ROWS
    drawn = drawn[:CHART_ROWS]
    cap = max(10, width // 3)
    labels = {n.id: _label(n, lang, cap) for n, _ in drawn}
    label_width = min(max(cells(label) for label in labels.values()), cap)
    tag_width = max(cells(now_label), cells(before_label)) + 1
    values = [_amount_text(f, unit, lang) for _, f in drawn]
    values += [_amount_text(p, unit, lang) for n, _ in drawn if (p := own_previous(n)) is not None]
    value_width = max(cells(v) for v in values) + 1
    bar_width = max(4, width - label_width - tag_width - value_width - 2)
    previous = [p.amount for n, _ in drawn if (p := own_previous(n)) is not None and p.amount is not None]
    largest = max([f.amount for _, f in drawn if f.amount is not None] + previous)
    for node, figure in drawn:
        bar = amount_bar(figure, largest, bar_width)
        this_year: Line = (
            (fit(labels[node.id], label_width) + " ", Role.PLAIN),
            (fit(now_label, tag_width), Role.MUTED),
            *bar.segments,
            (" " + _amount_text(figure, unit, lang), Role.PLAIN),
        )
        lines.append((this_year, node))
        before = own_previous(node)
        if before is not None:
            bar = amount_bar(before, largest, bar_width, Role.PREVIOUS)
            tail = (" " + _amount_text(before, unit, lang), Role.MUTED)
        else:
            bar = Bar((), 0)
            tail = ("新規" if node.new and ja else "new" if node.new else "—", Role.MUTED)
        last_year: Line = (
            (" " * (label_width + 1), Role.PLAIN),
            (fit(before_label, tag_width), Role.MUTED),
            *bar.segments,
            tail,
        )
        lines.append((last_year, node))
    if hidden > 0:
        lines.append((((_more(hidden, lang), Role.MUTED),), None))
    return lines


def _change_lines(parent: Node, lang: Lang, unit: Unit, width: int, now_label: str, before_label: str) -> Tagged:
    """A heading, then one diverging bar a child, largest growth first (none where no change is drawn)."""
    ja = lang == "ja"
    changes = [(n, c) for n in parent.children if (c := drawable_change(n)) is not None]
    if not changes:
        return []
    changes.sort(key=lambda item: item[1], reverse=True)
    largest = max(abs(c) for _, c in changes)
    hidden = len(changes) - CHART_ROWS
    if hidden > 0:  # the largest growths and the largest cuts, the middle left out
        changes = changes[: CHART_ROWS // 2] + changes[-(CHART_ROWS // 2) :]
    texts = []
    for node, change in changes:
        pct, _ = node.change_pct()
        pct_text = f" ({'+' if pct is not None and pct > 0 else ''}{percent(pct)})" if pct is not None else ""
        texts.append(f"{_signed(change, unit)}{pct_text}")
    cap = max(10, width // 3)
    labels = {n.id: _label(n, lang, cap) for n, _ in changes}
    label_width = min(max(cells(label) for label in labels.values()), cap)
    value_width = max(cells(t) for t in texts) + 1
    half = max(2, (width - label_width - value_width - 3) // 2)
    heading = (
        f"増減（{before_label}→{now_label}、{unit.label.get(lang)}、増加の大きい順）"
        if ja
        else f"Change {before_label}→{now_label} ({unit.label.get(lang)}), largest growth first"
    )
    lines: Tagged = [(((fit(heading, width).rstrip(), Role.HEADING),), None)]
    for index, ((node, change), text) in enumerate(zip(changes, texts, strict=True)):
        if hidden > 0 and index == CHART_ROWS // 2:
            lines.append((((_more(hidden, lang), Role.MUTED),), None))
        bar = change_bar(change, largest, half)
        role = Role.GROWTH if change > 0 else Role.CUT if change < 0 else Role.PLAIN
        line: Line = ((fit(labels[node.id], label_width) + " ", Role.PLAIN), *bar.segments, (" " + text, role))
        lines.append((line, node))
    return lines


def _more(count: int, lang: Lang) -> str:
    return (
        f"… ほか {count:,} 件（表にはすべてあります）"
        if lang == "ja"
        else f"… {count:,} more (the table lists them all)"
    )
