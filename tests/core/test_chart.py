"""Bars, the chart view and the share view as data (tui.core.chart, tui.core.treemap).

Expected amounts come from tests/core/seed_expected.py (typed by hand from the seed), never from data/.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.core.seed_expected import MINISTRIES
from tests.helpers import DATA
from tui.core.chart import (
    CHART_ROWS,
    EIGHTHS,
    FULL,
    SHADE,
    TABLE_BAR_WIDTH,
    Bar,
    Line,
    NotDrawn,
    Picture,
    Reason,
    Role,
    Stop,
    amount_bar,
    bar_scale,
    change_bar,
    chart_lines,
    chart_picture,
    drawable,
    eighths,
    fit,
    glyphs,
    neighbour,
)
from tui.core.fmt import Unit, cells
from tui.core.loader import load_dataset
from tui.core.model import Basis, Dataset, Figure, Node, Text
from tui.core.table import build_rows, sort_rows
from tui.core.treemap import NoShare, Shares, share_lines, share_picture, share_tiles, shares, squarify, wrap

# By-ministry FY2020 totals (r2 計, the 4th amount) and changes, seed lines 163–179; 計 is line 180.
R2_TOTAL = {name: Decimal(amounts[3] or "0") for line, (name, amounts, _, _) in MINISTRIES.items() if line < 180}
CHANGE = {name: Decimal(change) for line, (name, _, change, _) in MINISTRIES.items() if line < 180}
PCT = {name: pct for line, (name, _, _, pct) in MINISTRIES.items() if line < 180}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


def text(line: Line) -> str:
    return "".join(t for t, _ in line)


def by_name(dataset: Dataset, parent_id: str, name_ja: str) -> Node:
    return next(c for c in dataset.nodes[parent_id].children if c.name.ja.startswith(name_ja))


def ministry_bars(dataset: Dataset) -> tuple[dict[str, Bar], dict[str, Bar]]:
    """The 府省別 table's amount and change bars by node id, as the table builds them."""
    rows = build_rows(dataset, dataset.nodes["ministries"], "ja", Unit.OKU)
    amounts = {r.node.id: bar for r in rows if (bar := r.cells["bar"].bar) is not None}
    changes = {r.node.id: bar for r in rows if (bar := r.cells["change_bar"].bar) is not None}
    return amounts, changes


def expected_eighths(amount: Decimal, largest: Decimal, width: int) -> int:
    filled = int((amount / largest * width * 8).to_integral_value(rounding=ROUND_HALF_UP))
    return max(filled, 1)


# ---- glyph arithmetic -----------------------------------------------------------------------------


def test_glyphs_are_full_blocks_then_one_partial() -> None:
    assert glyphs(0) == ""
    assert glyphs(8) == FULL
    assert glyphs(9) == FULL + "▏"
    assert glyphs(20) == FULL * 2 + "▌"
    assert [glyphs(n) for n in range(1, 8)] == list(EIGHTHS[1:])


def test_a_small_positive_amount_still_shows() -> None:
    assert eighths(Decimal("0.0001"), 8) == 1
    assert eighths(Decimal(0), 8) == 0


def test_an_estimate_is_shaded_in_whole_cells() -> None:
    bar = amount_bar(Figure(Decimal(2), Basis.ESTIMATE), Decimal(32), 16)  # 1 cell of 16
    assert bar.text == SHADE and bar.segments[0][1] == Role.ESTIMATE


def test_change_bar_diverges_from_the_axis() -> None:
    growth = change_bar(Decimal(749), Decimal(761), 4)
    cut = change_bar(Decimal(-652), Decimal(761), 4)
    assert growth.text.index("│") == 4 and cut.text.index("│") == 4
    assert growth.text[5:].strip() and not growth.text[:4].strip()  # right of the axis
    assert cut.text[:4].strip() and not cut.text[5:].strip()  # left of the axis
    assert {role for _, role in growth.segments} >= {Role.GROWTH} and Role.CUT not in {r for _, r in growth.segments}
    assert {role for _, role in cut.segments} >= {Role.CUT}
    assert len(growth.text) == len(cut.text) == 9


# ---- the table's inline bars ----------------------------------------------------------------------


def test_ministry_bars_are_proportional_to_the_printed_amounts(dataset: Dataset) -> None:
    amounts, _ = ministry_bars(dataset)
    largest = max(R2_TOTAL.values())  # 文部科学省 21,224 (line 173)
    for name, amount in R2_TOTAL.items():
        node = dataset.ministry_by_name(name)
        assert node is not None
        assert amounts[node.id].eighths == expected_eighths(amount, largest, TABLE_BAR_WIDTH), name
    mext, mic = (dataset.ministry_by_name(n) for n in ("文部科学省", "総務省"))
    assert mext is not None and mic is not None
    assert amounts[mext.id].text == FULL * TABLE_BAR_WIDTH
    assert amounts[mic.id].text == "▊"  # 1,830 / 21,224 of 64 eighths = 5.5 → 6


def test_the_printed_total_row_sets_no_scale_and_gets_no_bar(dataset: Dataset) -> None:
    amounts, changes = ministry_bars(dataset)
    assert dataset.ministry_total.id not in amounts and dataset.ministry_total.id not in changes
    scale = bar_scale(dataset.nodes["ministries"].children)
    assert (scale.largest, scale.largest_change) == (Decimal(21224), Decimal(761))  # not 計's 43,787 / 1,410
    assert isinstance(result := drawable(dataset.ministry_total), NotDrawn) and result.reason is Reason.TOTAL


def test_change_bars_grow_right_for_growth_and_left_for_cuts(dataset: Dataset) -> None:
    _, changes = ministry_bars(dataset)
    largest = max(abs(c) for c in CHANGE.values())  # 国土交通省 +761 (line 177)
    for name, change in CHANGE.items():
        node = dataset.ministry_by_name(name)
        assert node is not None
        bar = changes[node.id]
        halves = int((abs(change) / largest * 8).to_integral_value(rounding=ROUND_HALF_UP))
        assert abs(bar.eighths) == 4 * (max(halves, 1) if change else 0), name
        assert (bar.eighths > 0) == (change > 0) and (bar.eighths < 0) == (change < 0)


def test_envelopes_relistings_and_undetermined_get_no_bar(dataset: Dataset) -> None:
    rows = {r.node.name.ja: r for r in build_rows(dataset, dataset.nodes["quantum.tech.priority"], "ja", Unit.OKU)}
    q_leap = rows["光・量子飛躍フラッグシッププログラム (Q-LEAP)"]  # 32億円(22億円), line 201
    satellite = rows["衛星通信における量子暗号技術の研究開発"]  # 3億円(4億円), line 209
    assert q_leap.cells["bar"].bar is not None and q_leap.cells["bar"].bar.eighths == 64
    assert satellite.cells["bar"].bar is not None and satellite.cells["bar"].bar.eighths == 6  # 3/32 of 64
    for name in ("JST 未来社会創造", "戦略的イノベーション創造プログラム SIP(光量子基盤技術)"):  # 内数, lines 203/211
        assert rows[name].cells["bar"].bar is None and rows[name].cells["bar"].text == ""
    fusion = {r.node.name.ja: r for r in build_rows(dataset, dataset.nodes["quantum.tech.fusion"], "ja", Unit.OKU)}
    assert fusion["Q-LEAP(再掲)"].cells["bar"].bar is None  # line 230
    inspired = build_rows(dataset, dataset.nodes["quantum.tech.inspired"], "ja", Unit.OKU)
    assert all(r.cells["bar"].bar is None for r in inspired)  # 内数 (再掲) and 未定 (再掲), lines 240/242


def test_bars_sort_as_their_amounts(dataset: Dataset) -> None:
    rows = build_rows(dataset, dataset.nodes["ministries"], "ja", Unit.OKU)
    unbuilt = build_rows(dataset, dataset.nodes["ministries"], "ja", Unit.OKU)  # cells made one by one
    for index, row in enumerate(rows):
        if row.cells["bar"].bar is not None:
            assert row.cells["bar"].sort == row.cells["fy2020"].sort
        assert unbuilt.cell(index, "bar") == row.cells["bar"]
        assert unbuilt.cell(index, "change_bar") == row.cells["change_bar"]
    ordered = sort_rows(rows, "bar", True)
    assert [r.node.name.ja for r in ordered][:3] == ["文部科学省", "経済産業省", "国土交通省"]  # 21,224 6,889 3,681
    assert ordered[len(ordered) - 1].node is dataset.ministry_total  # 計 keeps its printed place


# ---- the chart view -------------------------------------------------------------------------------


def test_ministry_chart_is_largest_first_with_the_change_by_ministry(dataset: Dataset) -> None:
    lines = [text(line) for line in chart_lines(dataset.nodes["ministries"], "ja", Unit.OKU, 2020, 100)]
    bar_rows = [line for line in lines if " R2 " in line]
    assert bar_rows[0].startswith("文部科学省") and bar_rows[0].endswith(" 21,224")
    assert bar_rows[1].startswith("経済産業省") and bar_rows[1].endswith(" 6,889")
    change_at = next(i for i, line in enumerate(lines) if line.startswith("増減"))
    changes = [line for line in lines[change_at + 1 :] if "│" in line]
    assert changes[0].startswith("国土交通省") and changes[0].endswith("+761 (+26.1%)")
    assert changes[1].startswith("総務省") and changes[1].endswith(f"+{CHANGE['総務省']} (+{PCT['総務省']}%)")
    assert changes[-1].startswith("文部科学省") and changes[-1].endswith("-652 (-3.0%)")
    assert any(line.strip().startswith("計 — ") for line in lines)  # the total: listed, not drawn
    assert all(len(line) <= 100 or "—" in line for line in lines if "│" in line or " R" in line)


def test_chart_bars_are_proportional(dataset: Dataset) -> None:
    lines = chart_lines(dataset.nodes["ministries"], "ja", Unit.OKU, 2020, 120)
    bars = {
        text(line[:1]).strip(): sum(len(t) for t, role in line if role == Role.CURRENT)
        for line in lines
        if len(line) > 2 and line[1][0].startswith("R2")
    }
    mext, meti = bars["文部科学省"], bars["経済産業省"]
    assert mext > 0 and abs(meti / mext - float(R2_TOTAL["経済産業省"] / R2_TOTAL["文部科学省"])) < 1.5 / mext


def test_chart_follows_language_and_unit(dataset: Dataset) -> None:
    lines = [text(line) for line in chart_lines(dataset.nodes["ministries"], "en", Unit.MILLION, 2020, 100)]
    assert lines[0].startswith("By ministry — FY2020 vs FY2019") and "M yen" in lines[0]
    assert any(line.endswith("+74,900 (+69.2%)") for line in lines)  # 総務省 +749億円 = 74,900百万円


def test_chart_lists_what_it_does_not_draw(dataset: Dataset) -> None:
    lines = [text(line) for line in chart_lines(dataset.nodes["quantum.tech.priority"], "en", Unit.OKU, 2020, 100)]
    drawn = [line for line in lines if "… FY2020 " in line or ") FY2020 " in line]
    assert len(drawn) == 2  # Q-LEAP 32 and the satellite QKD 3: the only own amounts (lines 201, 209)
    not_drawn = lines[lines.index("Not drawn:") + 1 :]
    assert any(
        "JST-Mirai" in line and "within ¥7.7 billion (内数): the envelope it is funded within" in line
        for line in not_drawn
    )
    assert any("SIP" in line and "within ¥28.0 billion (内数)" in line for line in not_drawn)
    # line 205: the 補正 says its year
    assert any(
        "supplementary budget only, FY2019 supplementary: within ¥5.0 billion (内数)" in line for line in not_drawn
    )
    fusion = [text(line) for line in chart_lines(dataset.nodes["quantum.tech.fusion"], "ja", Unit.OKU, 2020, 100)]
    assert any(line.startswith("  Q-LEAP(再掲) — 再掲（32億円）: 重点技術課題 に掲載") for line in fusion)
    inspired = [text(line) for line in chart_lines(dataset.nodes["quantum.tech.inspired"], "en", Unit.OKU, 2020, 100)]
    # SIP part, line 242
    assert any(
        "re-listed (undetermined (未定)): shown under Priority" in line for line in inspired
    )


def test_estimates_are_drawn_shaded(dataset: Dataset) -> None:
    lines = chart_lines(dataset.nodes["quantum.industry.in-house"], "en", Unit.OKU, 2020, 100)
    hub = next(
        line for line in lines if text(line).startswith("Quantum life science research hu…") and "FY2020" in text(line)
    )
    assert (
        set(hub[2][0]) == {SHADE} and hub[2][1] == Role.ESTIMATE and text(hub).endswith(" 2 est.")
    )  # 2億円 推計額, line 272


def test_fit_counts_wide_characters_as_two_cells() -> None:
    assert fit("文部科学省", 10) == "文部科学省"
    assert fit("文部科学省", 7) == "文部科…"
    assert fit("MIC", 5) == "MIC  "


# ---- the share view -------------------------------------------------------------------------------


def test_ministries_add_up_to_the_printed_total(dataset: Dataset) -> None:
    plan = shares(dataset.nodes["ministries"])
    assert isinstance(plan, Shares)
    assert len(plan.parts) == 17 and plan.total is dataset.ministry_total
    assert plan.recomputed == sum(R2_TOTAL.values()) == Decimal(43786)  # printed 計: 43,787 (line 180)
    assert plan.tolerance == Decimal("9.0")  # half a unit for each of 17 parts and the total
    assert plan.parts[0][0].name.ja == "文部科学省"


def test_overall_table_shares_leave_the_of_which_row_out(dataset: Dataset) -> None:
    plan = shares(dataset.nodes["totals"])
    assert isinstance(plan, Shares)
    assert [n.name.ja for n, _ in plan.parts] == ["1 一般会計 (A)", "2 特別会計 (B)"]  # 35,693 + 8,094 (lines 140, 142)
    assert plan.recomputed == Decimal(43787)
    assert [(d.node.name.ja, d.reason) for d in plan.not_drawn] == [("うち 科学技術振興費", Reason.NESTED)]


def test_no_share_view_without_a_printed_total(dataset: Dataset) -> None:
    assert shares(dataset.nodes["quantum.tech.priority"]) is NoShare.NO_TOTAL
    assert shares(dataset.root) is NoShare.NO_TOTAL
    lines = [text(line) for line in share_lines(dataset.nodes["quantum.tech.priority"], "en", Unit.OKU, 80, 20)]
    assert lines[1].startswith("No share view: the document prints no total")


def test_parts_that_do_not_add_up_get_no_share_view() -> None:
    dataset = load_dataset(DATA)  # a copy of its own: a figure is changed below
    node = dataset.ministry_by_name("国会")
    assert node is not None
    node.figures["r2_total"] = Figure(Decimal(100))  # 計 would be off by 88, beyond rounding
    assert shares(dataset.nodes["ministries"]) is NoShare.MISMATCH


def test_tiles_cover_the_map_once_with_areas_proportional_to_amounts(dataset: Dataset) -> None:
    plan = shares(dataset.nodes["ministries"])
    assert isinstance(plan, Shares)
    width, height = 100, 30
    tiles, small = share_tiles(plan, width, height)
    covered: dict[tuple[int, int], str] = {}
    for tile in tiles:
        for x in range(tile.x, tile.x + tile.w):
            for y in range(tile.y, tile.y + tile.h):
                assert (x, y) not in covered, (tile.node.name.ja, covered.get((x, y)))
                covered[(x, y)] = tile.node.name.ja
    assert all(0 <= x < width and 0 <= y < height for x, y in covered)
    mext = next(t for t in tiles if t.node.name.ja == "文部科学省")
    expected = float(R2_TOTAL["文部科学省"] / sum(R2_TOTAL.values())) * width * height
    assert abs(mext.w * mext.h - expected) <= mext.w + mext.h  # rounding to whole cells on each edge
    assert {t.node.name.ja for t in tiles} | {s.node.name.ja for s in small} == set(R2_TOTAL)
    assert all(s.reason is Reason.TOO_SMALL for s in small)


def test_squarify_keeps_areas() -> None:
    values = [6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0]
    rects = squarify(values, 0, 0, 6, 4)
    assert [round(w * h, 9) for _, _, w, h in rects] == values


def test_share_view_labels_and_lists(dataset: Dataset) -> None:
    lines = [text(line) for line in share_lines(dataset.nodes["ministries"], "en", Unit.OKU, 100, 34)]
    assert lines[1].startswith(
        "17 parts add up to ¥4,378.6 billion ≈ the printed Total ¥4,378.7 billion (within rounding, ±¥900 million)"
    )
    assert any("Ministry of Education" in line for line in lines[2:])
    assert any("48.5%" in line for line in lines[2:])  # 21,224 / 43,787
    assert len(lines) <= 34 + 1  # the map shrinks to leave room for the lists (one key line may wrap)


def test_tile_names_wrap_at_spaces_or_inside_japanese_words() -> None:
    assert wrap("Ministry of Education, Culture, Sports", 20) == ["Ministry of", "Education, Culture,", "Sports"]
    assert wrap("2 特別会計 (B)", 13) == ["2 特別会計", "(B)"]
    assert wrap("文部科学省", 4) == ["文部", "科学", "省"]


def test_a_crowded_node_charts_its_largest_and_says_how_many_more() -> None:
    parent = Node("p", "group", Text("施策", "Measure"), None)
    for i in range(1, 101):  # amounts 1..100, each up by 1 on the year before
        child = Node(
            f"p.{i}",
            "program",
            Text(f"事業{i}", f"Program {i}"),
            None,
            figures={"fy2020": Figure(Decimal(i)), "fy2019": Figure(Decimal(i - 1))},
            parent=parent,
        )
        parent.children.append(child)
    lines = [text(line) for line in chart_lines(parent, "en", Unit.OKU, 2020, 100)]
    drawn = [line for line in lines if line.startswith("Program ") and " FY2020 " in line]
    assert len(drawn) == CHART_ROWS and drawn[0].startswith("Program 100 ")
    assert f"… {100 - CHART_ROWS} more (the table lists them all)" in lines


# ---- which node each drawn line or tile stands for (the views' cursor stops) ------------------------------


def cells_of(line: Line, left: int, width: int) -> str:
    """The text of ``line`` in cells ``left`` to ``left + width - 1`` (wide characters take two)."""
    out, position = "", 0
    for ch in text(line):
        if left <= position < left + width:
            out += ch
        position += cells(ch)
    return out


def stop_text(picture: Picture, stop: Stop) -> list[str]:
    return [cells_of(picture.lines[row], stop.left, stop.width) for row in range(stop.top, stop.top + stop.height)]


def test_each_bar_change_and_not_drawn_line_of_the_chart_names_its_node(dataset: Dataset) -> None:
    picture = chart_picture(dataset.nodes["ministries"], "ja", Unit.OKU, 2020, 100)  # below 110: one column
    first = picture.stops[0]
    assert first.node.name.ja == "文部科学省" and first.height == 2 and (first.left, first.width) == (0, 100)
    this_year, last_year = stop_text(picture, first)
    assert this_year.startswith("文部科学省") and this_year.rstrip().endswith(" 21,224")  # line 173
    assert last_year.rstrip().endswith(" 21,876")
    assert not any(s.node is dataset.ministry_total for s in picture.stops[:-1])  # 計 (line 180) ...
    assert picture.stops[-1].node is dataset.ministry_total  # ... only as the last, not-drawn, line
    assert stop_text(picture, picture.stops[-1])[0].strip().startswith("計 — 合計行 43,787億円")
    names = [s.node.name.ja for s in picture.stops]
    growth = 17  # the changes, after the 17 bars: the largest growth first, 国土交通省 +761 (line 177)
    assert names[growth] == "国土交通省" and stop_text(picture, picture.stops[growth])[0].endswith("+761 (+26.1%)")
    assert picture.stops[growth].height == 1
    # Headings, the legend and blank lines are no stops: every line of a stop draws its node.
    assert {0, 1} & {row for s in picture.stops for row in range(s.top, s.top + s.height)} == set()
    for stop in picture.stops:
        label = stop.node.short_name.ja if stop.node.short_name else stop.node.name.ja
        assert stop_text(picture, stop)[0].lstrip().startswith((stop.node.name.ja, label)), stop


def test_side_by_side_a_change_is_its_own_stop_in_the_right_column(dataset: Dataset) -> None:
    picture = chart_picture(dataset.nodes["ministries"], "ja", Unit.OKU, 2020, 120)
    mext, *rest = (s for s in picture.stops if s.node.name.ja == "文部科学省")
    change = next(s for s in picture.stops if s.node.name.ja == "国土交通省" and s.left > 0)
    assert mext.left == 0 and change.left == mext.width + 3 and change.top == mext.top  # beside it, past " │ "
    assert stop_text(picture, mext)[0].startswith("文部科学省") and "国土交通省" not in stop_text(picture, mext)[0]
    assert stop_text(picture, change)[0].startswith("国土交通省") and "+761 (+26.1%)" in stop_text(picture, change)[0]
    assert rest[0].left > 0 and "-652 (-3.0%)" in stop_text(picture, rest[0])[0]  # its own change, line 173
    assert chart_lines(dataset.nodes["ministries"], "ja", Unit.OKU, 2020, 120) == picture.lines


def test_each_tile_is_a_stop_over_its_cells(dataset: Dataset) -> None:
    picture = share_picture(dataset.nodes["totals"], "ja", Unit.OKU, 80, 30)
    general, special, promotion = picture.stops
    assert (general.node.name.ja, special.node.name.ja) == ("1 一般会計 (A)", "2 特別会計 (B)")  # lines 140, 142
    assert general.tile and special.tile and special.left == general.left + general.width
    assert any("35,693" in row for row in stop_text(picture, general))
    assert any("8,094" in row for row in stop_text(picture, special))
    assert not any("35,693" in row for row in stop_text(picture, special))
    # うち科学技術振興費 (line 141) is listed under the map, a line of its own, not a tile.
    assert promotion.node.name.ja == "うち 科学技術振興費" and not promotion.tile and promotion.height == 1
    assert stop_text(picture, promotion)[0].strip().startswith("うち 科学技術振興費 — 1 一般会計 (A) のうち数")
    assert share_lines(dataset.nodes["totals"], "ja", Unit.OKU, 80, 30) == picture.lines
    assert share_picture(dataset.nodes["quantum.tech.priority"], "ja", Unit.OKU, 80, 30).stops == []


def test_neighbour_finds_the_item_on_each_side(dataset: Dataset) -> None:
    node = dataset.root
    # A tall tile on the left, two stacked on the right, a line below them all.
    stops = [Stop(node, 0, 4, 0, 10), Stop(node, 0, 2, 10, 5), Stop(node, 2, 2, 10, 5), Stop(node, 5, 1, 0, 15)]
    assert neighbour(stops, 0, 1, 0) == 1  # right of the tall one: the one at its top
    assert neighbour(stops, 2, -1, 0) == 0
    assert neighbour(stops, 1, 0, 1) == 2 and neighbour(stops, 2, 0, 1) == 3
    assert neighbour(stops, 3, 0, -1) == 0  # both touch the line from above: the one at its left edge
    assert neighbour(stops, 0, -1, 0) == 0 and neighbour(stops, 3, 0, 1) == 3  # nothing there: it stays
    picture = share_picture(dataset.nodes["ministries"], "ja", Unit.OKU, 100, 34)
    names = [s.node.name.ja for s in picture.stops]
    mext = names.index("文部科学省")
    assert names[neighbour(picture.stops, mext, 1, 0)] == "経済産業省"  # 21,224 then 6,889 (lines 173, 176)
    assert names[neighbour(picture.stops, neighbour(picture.stops, mext, 1, 0), -1, 0)] == "文部科学省"
