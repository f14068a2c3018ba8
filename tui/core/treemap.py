"""The share view as plain data: a squarified treemap in terminal cells, for a node whose parts the
document's printed total is the sum of — and, for any other node, why there is none.

Only a printed total that is the sum of its rows (計 of the 府省別 table, (A + B) of the 全体額 table) gets
a share view, and only after checking here, as ``budget-tui check`` does, that the parts add up to it
within rounding. Program lists never do: the document prints no total for them and 内数 envelopes
overlap. Areas are proportional to each part's FY2020 amount; the labels show the share of the printed
total, the same number as the table's 構成比 column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tui.core.chart import (
    TILE_COLOURS,
    Line,
    NotDrawn,
    Picture,
    Reason,
    Role,
    Segment,
    Stop,
    Tagged,
    fit,
    stops_of,
    tile_role,
)
from tui.core.fmt import Unit, cells, english_amount, figure_text, number, percent
from tui.core.model import Lang, Node
from tui.core.rounding import half_unit
from tui.core.rules import share as share_of_whole


@dataclass(frozen=True, slots=True)
class Shares:
    """Parts that the document's printed total is the sum of (checked within rounding)."""

    total: Node
    parts: list[tuple[Node, Decimal]]  # (part, its FY2020 amount), largest first
    recomputed: Decimal
    tolerance: Decimal
    not_drawn: list[NotDrawn]


class NoShare(StrEnum):
    """Why a node has no share view."""

    NO_TOTAL = "no_total"  # the document prints no total that these items add up to
    NOT_EXACT = "not_exact"  # a part is not an amount of its own
    MISMATCH = "mismatch"  # the parts do not add up to the printed total within rounding


def shares(parent: Node) -> Shares | NoShare:
    """The parts of ``parent``'s printed total (its headline row: the rows whose ``whole`` it is), or
    why there is no share view."""
    total = parent.headline
    if total is None or total.fy2020 is None or not total.fy2020.is_exact_amount:
        return NoShare.NO_TOTAL
    parts: list[tuple[Node, Decimal]] = []
    not_drawn: list[NotDrawn] = []
    for child in parent.children:
        if child is total:
            continue
        figure = child.fy2020
        if child.whole is not total:
            not_drawn.append(NotDrawn(child, Reason.NESTED, figure))
        elif figure is None or not figure.is_exact_amount or figure.amount is None:
            return NoShare.NOT_EXACT
        else:
            parts.append((child, figure.amount))
    assert total.fy2020.amount is not None
    if not parts:
        return NoShare.NO_TOTAL
    recomputed = sum((amount for _, amount in parts), Decimal(0))
    tolerance = sum((half_unit(amount) for _, amount in parts), half_unit(total.fy2020.amount))
    if abs(total.fy2020.amount - recomputed) > tolerance:
        return NoShare.MISMATCH
    parts.sort(key=lambda item: item[1], reverse=True)
    return Shares(total, parts, recomputed, tolerance, not_drawn)


def no_share_reason(reason: NoShare, lang: Lang) -> str:
    ja = lang == "ja"
    if reason is NoShare.NOT_EXACT:
        return (
            "シェア表示なし: 内訳に自身の額でないもの（内数・未定など）が含まれます。"
            if ja
            else "No share view: some parts are not amounts of their own (内数, 未定, ...)."
        )
    if reason is NoShare.MISMATCH:
        return (
            "シェア表示なし: 内訳の合計が印刷された合計と四捨五入の範囲で一致しません。"
            if ja
            else "No share view: the parts do not add up to the printed total within rounding."
        )
    return (
        "シェア表示なし: 資料はここに、内訳の合計となる合計額を掲載していません"
        "（事業は合算されず、内数は重なり合います）。府省別・全体額で使えます。"
        if ja
        else "No share view: the document prints no total that these items add up to (programs are never "
        "summed, and 内数 envelopes overlap). Try 府省別 (by ministry) or 全体額 (overall)."
    )


@dataclass(frozen=True, slots=True)
class Tile:
    node: Node
    amount: Decimal
    share: Decimal | None  # of the printed total, as the table's 構成比 column
    x: int
    y: int
    w: int
    h: int
    colour: int


def squarify(
    values: Sequence[float], x: float, y: float, w: float, h: float
) -> list[tuple[float, float, float, float]]:
    """Bruls, Huizing and van Wijk's squarified treemap: rectangles (x, y, w, h) for ``values``
    (largest first, summing to w·h), laid out in rows along the shorter side."""
    rects: list[tuple[float, float, float, float]] = []
    remaining = list(values)
    while remaining:
        short = min(w, h)
        row = [remaining.pop(0)]
        while remaining and _worst([*row, remaining[0]], short) <= _worst(row, short):
            row.append(remaining.pop(0))
        area = sum(row)
        if w >= h:  # a column on the left
            column = area / h if h else 0.0
            offset = y
            for value in row:
                height = value / column if column else 0.0
                rects.append((x, offset, column, height))
                offset += height
            x, w = x + column, w - column
        else:  # a row at the top
            band = area / w if w else 0.0
            offset = x
            for value in row:
                length = value / band if band else 0.0
                rects.append((offset, y, length, band))
                offset += length
            y, h = y + band, h - band
    return rects


def _worst(row: Sequence[float], side: float) -> float:
    area = sum(row)
    if area <= 0 or side <= 0:
        return math.inf
    return max(max(side * side * v / (area * area), area * area / (side * side * v)) for v in row if v > 0)


def share_tiles(plan: Shares, width: int, height: int) -> tuple[list[Tile], list[NotDrawn]]:
    """Tiles of whole terminal cells, areas proportional to the amounts; a cell is about twice as tall
    as wide, so the layout is squarified in a 1:2 space. Parts left with no cell are returned as
    too small to draw."""
    total_cells = width * height
    scale = total_cells * 2 / float(plan.recomputed) if plan.recomputed else 0.0
    values = [float(amount) * scale for _, amount in plan.parts]
    rects = squarify(values, 0.0, 0.0, float(width), float(height * 2))
    tiles: list[Tile] = []
    small: list[NotDrawn] = []
    for index, ((node, amount), (x, y, w, h)) in enumerate(zip(plan.parts, rects, strict=True)):
        x0, x1 = round(x), round(x + w)
        y0, y1 = round(y / 2), round((y + h) / 2)
        share = share_of_whole(node)
        if x1 <= x0 or y1 <= y0:
            small.append(NotDrawn(node, Reason.TOO_SMALL, node.fy2020, share))
            continue
        tiles.append(Tile(node, amount, share, x0, y0, x1 - x0, y1 - y0, index % TILE_COLOURS))
    return tiles, small


def _tile_labels(tile: Tile, lang: Lang, unit: Unit) -> list[str]:
    """As much of name / share / amount as fits the tile, one per line. The name may wrap over two lines;
    otherwise the short name (MEXT) on one; otherwise the name over as many lines as the tile has; nothing
    when none of these fits (the tile is then in the colour key below the map)."""
    room = tile.w - 1  # one cell of margin on the left
    if room < 2:
        return []
    name = tile.node.name.get(lang)
    short = tile.node.short_name.get(lang) if tile.node.short_name is not None else None
    share = percent(tile.share) if tile.share is not None else ""
    if tile.h == 1:
        for candidate in (f"{name} {share}", name, *((f"{short} {share}", short) if short else ())):
            if cells(candidate) <= room:
                return [candidate]
        return []
    candidates = [wrap(name, room)] if len(wrap(name, room)) <= 2 else []
    if short is not None and cells(short) <= room:
        candidates.append([short])
    candidates.append(wrap(name, room))
    labels = next((c for c in candidates if len(c) <= tile.h), [])
    if not labels:
        return []
    amount = f"{number(tile.amount, unit)} {unit.label.get(lang)}"
    for extra in (share, amount):
        if extra and len(labels) < tile.h and cells(extra) <= room:
            labels.append(extra)
    return labels


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells: at spaces where it can, inside a word where it must
    (Japanese has no spaces)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cells(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if cells(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return lines


def share_lines(parent: Node, lang: Lang, unit: Unit, width: int, height: int) -> list[Line]:
    """The share view's lines alone (see :func:`share_picture`)."""
    return share_picture(parent, lang, unit, width, height).lines


def share_picture(parent: Node, lang: Lang, unit: Unit, width: int, height: int) -> Picture:
    """The share view in ``height`` rows: a heading, the check of the total, the treemap, and what is
    not drawn and why; each tile and each not-drawn line is a stop of the view's cursor."""
    ja = lang == "ja"
    plan = shares(parent)
    if isinstance(plan, NoShare):
        return Picture([((parent.name.get(lang), Role.HEADING),), ((no_share_reason(plan, lang), Role.MUTED),)], [])
    total = plan.total
    assert total.fy2020 is not None
    total_text = figure_text(total.fy2020, unit, lang)
    check = (
        f"内訳 {len(plan.parts)} 項目の合計 {number(plan.recomputed, unit)} ≈ 印刷された {total.name.ja} {total_text}"
        f"（四捨五入の差 ±{number(plan.tolerance, unit)} 以内）"
        if ja
        else f"{len(plan.parts)} parts add up to {english_amount(plan.recomputed, unit)} ≈ the printed "
        f"{total.name.en} {total_text} (within rounding, ±{english_amount(plan.tolerance, unit)})"
    )
    heading = (
        f"{parent.name.get(lang)} — 構成比（面積 = 当年度当初の額）"
        if ja
        else f"{parent.name.get(lang)} — shares (area = this year's initial amount)"
    )
    lines: list[Line] = [((heading, Role.HEADING),), ((check, Role.MUTED),)]
    # The map takes the rows the heading and the not-drawn list leave; parts too small for one cell
    # lengthen that list, so shrink and lay out again (a few rounds; beyond that the view scrolls).
    grid_height = height - _rows(lines, width)
    for _ in range(3):
        grid_height = max(3, grid_height)
        tiles, small = share_tiles(plan, width, grid_height)
        notes = _notes(plan, tiles, small, lang, unit)
        overflow = _rows(lines, width) + grid_height + _rows([line for line, _ in notes], width) - height
        if overflow <= 0 or grid_height == 3:
            break
        grid_height -= overflow
    top = len(lines)
    stops = [Stop(t.node, top + t.y, t.h, t.x, t.w, tile=True) for t in tiles]  # largest first, as the parts
    stops += stops_of(notes, top + grid_height, 0, width)
    return Picture([*lines, *_paint(tiles, width, grid_height, lang, unit), *(line for line, _ in notes)], stops)


def _rows(lines: Sequence[Line], width: int) -> int:
    """Screen rows ``lines`` take once wrapped at ``width`` cells (words wrap a little early: allow for it)."""
    room = max(width - 6, 1)
    return sum(max(1, math.ceil(sum(cells(text) for text, _ in line) / room)) for line in lines)


def _notes(plan: Shares, tiles: Sequence[Tile], small: Sequence[NotDrawn], lang: Lang, unit: Unit) -> Tagged:
    """Below the map: a colour key for the tiles too narrow for a label (the tiles themselves are the
    cursor's stops), then what is not drawn and why."""
    ja = lang == "ja"
    notes: Tagged = []
    unlabelled = [t for t in tiles if not _tile_labels(t, lang, unit)]
    if unlabelled:
        key: list[Segment] = [("ラベルなし:" if ja else "Unlabelled:", Role.MUTED)]
        for tile in unlabelled:
            share = f" {percent(tile.share)}" if tile.share is not None else ""
            key += [
                (" ", Role.PLAIN),
                ("  ", tile_role(tile.colour)),
                (f" {tile.node.name.get(lang)}{share}", Role.MUTED),
            ]
        notes.append((tuple(key), None))
    skipped = [*plan.not_drawn, *small]
    if skipped:
        notes.append(((("描いていないもの:" if ja else "Not drawn:", Role.HEADING),), None))
        notes.extend((((("  " + s.text(lang, unit)), Role.MUTED),), s.node) for s in skipped)
    return notes


def _paint(tiles: Sequence[Tile], width: int, height: int, lang: Lang, unit: Unit) -> list[Line]:
    labels = {id(t): _tile_labels(t, lang, unit) for t in tiles}
    lines: list[Line] = []
    for row in range(height):
        crossing = sorted((t for t in tiles if t.y <= row < t.y + t.h), key=lambda t: t.x)
        segments: list[Segment] = []
        x = 0
        for tile in crossing:
            if tile.x > x:
                segments.append((" " * (tile.x - x), Role.PLAIN))
            texts = labels[id(tile)]
            text = texts[row - tile.y] if row - tile.y < len(texts) else ""
            segments.append((" " + fit(text, tile.w - 1) if tile.w > 1 else " ", tile_role(tile.colour)))
            x = tile.x + tile.w
        if x < width:
            segments.append((" " * (width - x), Role.PLAIN))
        lines.append(tuple(segments))
    return lines
