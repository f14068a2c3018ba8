"""The explorer driven through Textual's Pilot: keys in, widget state and the clipboard out.

Every expected figure is typed from tests/fixtures/seed.txt (line numbers in the comments), never read
from data/. Tests wait on the app (idle, workers), never on the clock. pytest-asyncio is not a
dependency, so each test is a plain function running its scenario with asyncio.run().
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from tests.helpers import DATA as DATA_DIR
from tests.ui.pilot import Q_LEAP, SIZE, go, program, run, settle, toasts
from tui import cli
from tui.core.fmt import Unit
from tui.core.labels import binding_text
from tui.core.loader import load_dataset
from tui.core.model import Node
from tui.core.search import SearchResult
from tui.ui.app import BudgetApp
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.main import MainScreen
from tui.ui.widgets import KeyBar, SearchResults
from tui.ui.widgets.search_box import SEARCH_LIMIT

# Seed lines of the three Q-LEAP placements: 201 (original), 230 and 303 (再掲).
Q_LEAP_LINES = [201, 230, 303]
SIP_AI = "戦略的イノベーション創造プログラム(SIP)"  # line 384


# ---- helpers --------------------------------------------------------------------------------------
def ministry(app: BudgetApp, name_ja: str) -> Node:
    node = app.dataset.ministry_by_name(name_ja)
    assert node is not None
    return node


def section(app: BudgetApp, name_ja: str) -> Node:
    return next(n for n in app.dataset.root.children if n.name.ja.startswith(name_ja))


def text(app: App[int], selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def titles(app: BudgetApp) -> list[str]:
    return [app.main_screen.table.titles[c.key] for c in app.main_screen.table.shown_columns]


def column(app: BudgetApp, key: str) -> list[str]:
    """A table column as displayed, top to bottom."""
    assert key in [c.key for c in app.main_screen.table.shown_columns]
    return [row.cells[key].text for row in app.main_screen.table.rows_shown]


def cell(app: BudgetApp, node: Node, key: str) -> str:
    assert key in [c.key for c in app.main_screen.table.shown_columns]
    return next(row.cells[key].text for row in app.main_screen.table.rows_shown if row.node is node)


def row_names(app: BudgetApp) -> list[str]:
    return column(app, "name")


def cursor_node_id(app: BudgetApp) -> str | None:
    row = app.main_screen.table.current_row()
    return row.node.id if row is not None else None


def tree_node(app: BudgetApp) -> Node | None:
    cursor = app.main_screen.tree_view.cursor_node
    return cursor.data if cursor is not None else None


def app_bindings() -> list[Binding]:
    return list(Binding.make_bindings(MainScreen.BINDINGS))


def amount(text: str) -> float:
    return float(text.split()[0].replace(",", ""))


# ---- 1. layout ------------------------------------------------------------------------------------
def test_tree_opens_with_root_expanded_and_five_sections_collapsed(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        root = app.main_screen.tree_view.root
        assert root.is_expanded
        labels = [str(child.label) for child in root.children]
        expected = ["全体額", "府省別", "統合イノベーション戦略2019", "量子技術イノベーション戦略", "AI戦略2019"]
        assert len(labels) == 5
        for label, name in zip(labels, expected, strict=True):
            assert label.startswith(name)
        assert not any(child.is_expanded for child in root.children)
        assert "43,787億円" in labels[0]  # line 139, the grand total, as the section's figure
        assert tree_node(app) is app.dataset.root
        assert app.focused is app.main_screen.tree_view

    run(app, scenario)


def test_panes_the_first_screen_does_not_show_are_mounted_when_first_used(app: BudgetApp) -> None:
    """The chart view, the detail pane's links and the search results cost start-up nothing until asked for."""

    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        assert not screen.chart.is_mounted and not screen.results.is_mounted and not screen.query("#placements")
        await pilot.press("v")
        await pilot.pause()
        assert screen.chart.is_mounted and screen.chart.display and screen.view == "chart"
        await pilot.press("v", "slash")
        await pilot.pause()
        assert screen.results.is_mounted and not screen.results.display  # nothing typed yet
        await go(pilot, program(app, 201))  # Q-LEAP: two other placements
        assert screen.detail.query_one("#placements", OptionList).option_count == 2

    run(app, scenario)


def test_table_shows_the_selected_nodes_children(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        assert row_names(app) == [
            "全体額",
            "府省別",
            "統合イノベーション戦略2019(概要)",
            "量子技術イノベーション戦略",
            "AI戦略2019",
        ]
        await pilot.press("down", "down")  # 府省別 in the tree
        assert tree_node(app) is section(app, "府省別")
        names = row_names(app)
        assert len(names) == 18  # lines 163-180: 17 ministries and 計
        assert names[0] == "国会" and names[10] == "文部科学省" and names[-1] == "計"
        assert cell(app, ministry(app, "文部科学省"), "fy2020") == "21,224"  # line 173

    run(app, scenario)


def test_detail_shows_names_ministry_figures_and_source_line(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        title = text(app, "#detail-title").split("\n")
        assert title[0] == Q_LEAP
        assert "Quantum Leap Flagship Program" in title[1]
        body = text(app, "#detail-body")
        assert "文部科学省" in body and "Ministry of Education, Culture, Sports, Science and Technology" in body
        assert "令和2年度当初: 32億円" in body
        assert "令和元年度当初: 22億円" in body
        assert "当初予算" in body
        assert "行 201" in body
        assert "●光・量子飛躍フラッグシッププログラム (Q-LEAP)32億円(22億円)" in body  # line 201 verbatim

    run(app, scenario)


def test_detail_states_within_figures_never_as_a_bare_number(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 384))
        assert text(app, "#detail-title").startswith(SIP_AI)
        body = text(app, "#detail-body")
        assert "令和2年度当初: 280億円の内数" in body
        assert "令和元年度当初: 280億円の内数" in body
        assert "内数" in body and "事業自体の額ではありません" in body  # what 内数 means, in words
        # Every 280 in the pane, the source line included, is followed by its basis.
        assert re.findall(r"280(?!億円の内数)", body) == []
        assert "内閣府" in body  # 【内】

    run(app, scenario)


def test_detail_supplementary_budget_with_its_fiscal_year(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 275))  # 量子生命科学研究拠点(QST)(建設及び施設整備) 33億円【令和元年度補正予算】
        body = text(app, "#detail-body")
        assert "令和元年度補正: 33億円" in body
        assert "補正予算 (令和元年度)" in body
        assert "令和2年度当初" not in body  # no initial-budget figure on that line
        assert "33億円【令和元年度補正予算】" in body

    run(app, scenario)


def test_detail_supplementary_budget_whose_year_is_not_stated(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 390))  # 【農】スマート農業総合推進対策事業 15億円 [補正72億円] (5.0億円)
        body = text(app, "#detail-body")
        assert "令和2年度当初: 15億円" in body
        assert "令和元年度当初: 5.0億円" in body
        assert "補正（年度の記載なし）: 72億円" in body
        assert "令和元年度補正" not in body  # the year is not guessed

    run(app, scenario)


def test_detail_shows_notes(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 223))  # 物質・材料研究機構 … 2億円(新規) ※運営費交付金中の推計額
        body = text(app, "#detail-body")
        assert "注記: ※運営費交付金中の推計額" in body
        assert "2億円(推計額)" in body
        assert "新規" in body

    run(app, scenario)


def test_detail_lists_the_other_placements_of_a_relisted_program(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        placements = app.query_one("#placements", OptionList)
        assert placements.display and placements.has_class("-shown")
        assert "再掲先" in str(placements.border_title)
        options = [str(placements.get_option_at_index(i).prompt) for i in range(placements.option_count)]
        assert len(options) == 2
        assert "量子融合イノベーション領域" in options[0]  # line 230
        assert "⑤人材戦略" in options[1]  # line 303
        await go(pilot, program(app, 209))  # 衛星通信における量子暗号技術の研究開発: listed once
        assert not placements.has_class("-shown")

    run(app, scenario)


def test_ctrl_b_hides_the_tree_and_tab_skips_it(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        narrow = app.main_screen.table.size.width
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not app.main_screen.tree_view.display
        assert app.focused is app.main_screen.table  # focus never stays on a hidden pane
        assert app.main_screen.table.size.width > narrow
        await pilot.press("tab", "tab")  # table → detail → table: the hidden tree is skipped
        assert app.focused is app.main_screen.table
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.main_screen.tree_view.display

    run(app, scenario)


def test_a_ministry_links_to_its_programs(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        ministry = app.dataset.ministry_by_name("総務省")
        assert ministry is not None
        await go(pilot, ministry)
        links = app.query_one("#placements", OptionList)
        assert links.has_class("-shown") and "この府省の事業" in str(links.border_title)
        assert links.option_count == 10  # 総務省's program lines: 209 232 234 287 289 291 343 345 347 410
        await pilot.press("tab", "tab")
        assert app.focused is links
        await pilot.press("enter")
        await pilot.pause()
        assert app.main_screen.current is program(app, 209)

    run(app, scenario)


def test_enter_on_a_placement_jumps_there(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("tab", "tab")  # tree → table → the detail pane's placements
        placements = app.query_one("#placements", OptionList)
        assert app.focused is placements
        await pilot.press("down", "enter")
        await pilot.pause()
        talent = program(app, 303)
        assert app.main_screen.current is talent
        assert tree_node(app) is talent
        assert app.focused is app.main_screen.tree_view
        assert text(app, "#detail-title").startswith("Q-LEAP(再掲)")
        # From a re-listing, the first placement offered is the original; Tab then Enter goes there.
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert app.main_screen.current is program(app, 201)

    run(app, scenario)


def test_breadcrumb_shows_the_path(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        crumbs = text(app, "#breadcrumb").split(" › ")
        assert crumbs[1:] == ["量子技術イノベーション戦略", "①技術開発戦略", "主要技術領域", "重点技術課題", Q_LEAP]

    run(app, scenario)


def test_header_shows_title_unit_and_language(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        header = text(app, "#title")
        assert "令和2年度科学技術関係予算 (量子技術及びAI) について" in header  # line 3
        assert "単位: 億円" in header
        assert "言語: 日本語" in header

    run(app, scenario)


# ---- 2. keys --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("down", "up", "expand", "collapse"), [("down", "up", "right", "left"), ("j", "k", "l", "h")])
def test_tree_cursor_keys(app: BudgetApp, down: str, up: str, expand: str, collapse: str) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        totals = section(app, "全体額")
        tree = app.main_screen.tree_view
        await pilot.press(down)
        assert tree_node(app) is totals and app.main_screen.current is totals
        assert row_names(app)[0] == "科学技術関係予算 (A + B)"  # line 139: the table follows the tree
        await pilot.press(expand)
        assert tree.cursor_node is not None and tree.cursor_node.is_expanded
        await pilot.press(down)
        assert tree_node(app) is totals.children[0]
        await pilot.press(collapse)  # on a leaf: to its parent
        assert tree_node(app) is totals
        await pilot.press(collapse)  # on an expanded node: collapse it
        assert tree.cursor_node is not None and not tree.cursor_node.is_expanded
        await pilot.press(up)
        assert tree_node(app) is app.dataset.root

    run(app, scenario)


def test_tree_g_and_shift_g_go_to_first_and_last_line(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("G")
        assert tree_node(app) is section(app, "AI戦略2019")
        assert app.main_screen.current is section(app, "AI戦略2019")
        await pilot.press("g")
        assert tree_node(app) is app.dataset.root

    run(app, scenario)


def test_table_cursor_keys(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("tab")
        assert app.focused is app.main_screen.table
        assert cursor_node_id(app) == section(app, "全体額").id
        start = app.main_screen.table.cursor_column
        await pilot.press("down")
        assert cursor_node_id(app) == section(app, "府省別").id
        assert app.main_screen.current is section(app, "府省別")  # the detail follows the table's cursor
        assert text(app, "#detail-title").startswith("府省別")
        await pilot.press("j", "j")
        assert app.main_screen.current is section(app, "量子技術イノベーション戦略")
        await pilot.press("up", "k")
        assert app.main_screen.current is section(app, "府省別")
        await pilot.press("right")
        assert app.main_screen.table.cursor_column == start + 1
        await pilot.press("l")
        assert app.main_screen.table.cursor_column == start + 2
        await pilot.press("left", "h")
        assert app.main_screen.table.cursor_column == start

    run(app, scenario)


def test_table_g_and_shift_g_go_to_first_and_last_row(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("tab", "G")
        assert cursor_node_id(app) == section(app, "AI戦略2019").id
        await pilot.press("g")
        assert cursor_node_id(app) == section(app, "全体額").id

    run(app, scenario)


def test_enter_in_the_table_drills_into_the_row(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("tab", "down", "enter")  # 府省別
        await pilot.pause()
        assert app.main_screen.table_of is section(app, "府省別")
        names = row_names(app)
        assert len(names) == 18 and names[0] == "国会" and names[-1] == "計"  # lines 163-180
        assert tree_node(app) is section(app, "府省別")
        assert app.focused is app.main_screen.table

    run(app, scenario)


def test_backspace_goes_up_a_level(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert app.main_screen.table_of is section(app, "府省別")
        await pilot.press("backspace")
        await pilot.pause()
        assert app.main_screen.table_of is app.dataset.root
        assert cursor_node_id(app) == section(app, "府省別").id  # the level we came from is highlighted
        await pilot.press("backspace")  # at the top: nothing above
        assert app.main_screen.table_of is app.dataset.root

    run(app, scenario)


def test_backspace_from_the_tree(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        assert app.main_screen.table_of.name.ja == "重点技術課題"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.main_screen.table_of.name.ja == "主要技術領域"
        assert row_names(app) == ["重点技術課題", "基礎基盤技術課題"]
        assert app.main_screen.current.name.ja == "重点技術課題"

    run(app, scenario)


def test_tab_and_shift_tab_cycle_tree_table_detail(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        assert app.focused is app.main_screen.tree_view
        for expected in (app.main_screen.table, app.main_screen.detail, app.main_screen.tree_view):
            await pilot.press("tab")
            assert app.focused is expected
        for expected in (app.main_screen.detail, app.main_screen.table, app.main_screen.tree_view):
            await pilot.press("shift+tab")
            assert app.focused is expected
        await pilot.press("slash", "tab")  # from the search box, Tab goes to the tree
        assert app.focused is app.main_screen.tree_view

    run(app, scenario)


def test_footer_shows_the_main_bindings(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        shown = {(key, description) for key, _, description in app.query_one(KeyBar).entries()}
        line = str(app.query_one(KeyBar).render())
        assert " / 検索 " in line and " q 終了 " in line  # Japanese mode: a Japanese footer
        for binding in app_bindings():
            if binding.show:
                assert (binding.key, binding_text(binding.description, "ja")) in shown
        # The main keys; the secondary ones (C, Y, Backspace, Ctrl+B) are in help and the palette.
        assert {"slash", "c", "y", "u", "L", "question_mark", "q"} <= {k for k, _ in shown}

    run(app, scenario)


def test_the_key_bar_redraws_when_the_focus_changes_its_keys(app: BudgetApp) -> None:
    """It skips the redraw when a focus change leaves its keys as they were, never when it changes them."""

    async def scenario(pilot: Pilot[int]) -> None:
        bar = app.query_one(KeyBar)
        assert bar.shown is not None and "slash" in {key for key, _, _ in bar.shown}
        await pilot.press("slash")  # in the search box, `/` is a character, not a key of the bar
        await pilot.pause()
        assert bar.shown is not None and "slash" not in {key for key, _, _ in bar.shown}
        await pilot.press("escape")
        await pilot.pause()
        assert bar.shown is not None and "slash" in {key for key, _, _ in bar.shown}

    run(app, scenario)


def test_every_app_binding_has_a_description() -> None:
    bindings = app_bindings()
    assert len(bindings) >= 11
    for binding in bindings:
        assert binding.description.strip(), binding.key


# ---- 3. table ------------------------------------------------------------------------------------
def test_s_sorts_ascending_then_descending(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, section(app, "府省別"))
        await pilot.press("tab")
        assert app.main_screen.table.current_column_key() == "fy2020"
        await pilot.press("s")
        assert "R2当初 ▲" in titles(app)
        values = [amount(v) for v in column(app, "fy2020")]
        assert values[:-1] == sorted(values[:-1])
        assert row_names(app)[0] == "財務省"  # line 172: 10, the smallest
        assert row_names(app)[-1] == "計"  # the printed total keeps its place, last
        await pilot.press("s")
        assert "R2当初 ▼" in titles(app) and "R2当初 ▲" not in titles(app)
        values = [amount(v) for v in column(app, "fy2020")]
        assert values[:-1] == sorted(values[:-1], reverse=True)
        assert row_names(app)[0] == "文部科学省"  # 21,224
        assert row_names(app)[-1] == "計"

    run(app, scenario)


def test_header_click_sorts_that_column(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, section(app, "府省別"))
        await pilot.press("tab")
        start, width = app.main_screen.table.column_span("change")
        x = 1 + start + width // 2  # 1: the border
        assert await pilot.click("#table", offset=(x, 1))  # row 1: the header, inside the border
        await pilot.pause()
        assert app.main_screen.sort == ("change", False)
        assert "増減 ▲" in titles(app)
        assert row_names(app)[0] == "文部科学省"  # line 173: -652, the largest fall
        assert await pilot.click("#table", offset=(x, 1))
        await pilot.pause()
        assert "増減 ▼" in titles(app)
        assert row_names(app)[0] == "国土交通省"  # line 177: 761, the largest rise (計 stays last)

    run(app, scenario)


def test_absent_amounts_sort_last_in_both_directions(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))  # the table of 重点技術課題 (lines 199-213)
        await pilot.press("tab")
        assert app.main_screen.table.current_column_key() == "fy2020"
        await pilot.press("s")
        values = column(app, "fy2020")
        assert values[:2] == ["3", "32"]  # lines 209 and 201: own amounts first
        assert values[-3:] == ["", "", ""]  # line 199 (text), 205 (補正 only), 213 (a note)
        await pilot.press("s")
        values = column(app, "fy2020")
        assert values[:2] == ["32", "3"]
        assert values[-3:] == ["", "", ""]

    run(app, scenario)


def test_cursor_stays_on_the_same_row_after_sorting(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        npa = ministry(app, "警察庁")
        await go(pilot, npa)
        await pilot.press("tab")
        assert cursor_node_id(app) == npa.id
        before = app.main_screen.table.cursor_row
        for _ in range(2):
            await pilot.press("s")
            assert cursor_node_id(app) == npa.id
            assert app.main_screen.current is npa
        assert app.main_screen.table.cursor_row != before  # it moved with its row

    run(app, scenario)


def test_programs_have_no_share(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        assert "構成比" not in titles(app)
        assert "構成比:" not in text(app, "#detail-body")  # the label; the 内数 warning mentions the word

    run(app, scenario)


def test_ministries_show_their_share_of_the_total(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, section(app, "府省別"))
        assert "構成比" in titles(app)
        mext = ministry(app, "文部科学省")
        assert cell(app, mext, "share") == "48.5%"  # 21,224 / 43,787 (lines 173, 180)
        npa = ministry(app, "警察庁")
        assert cell(app, npa, "change") == "0"  # line 167, as printed
        assert cell(app, npa, "change_pct") == "-1.3%"
        await go(pilot, mext)
        assert "構成比: 48.5% / 計" in text(app, "#detail-body")

    run(app, scenario)


# ---- 4. search -----------------------------------------------------------------------------------
def hit_lines(app: BudgetApp) -> list[int | None]:
    return [hit.node.source.line if hit.node.source else None for hit in app.main_screen.results.hits]


def test_slash_focuses_the_search_box(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash")
        assert app.focused is app.main_screen.search_input
        assert not app.main_screen.results.display  # nothing typed yet

    run(app, scenario)


def test_a_click_on_a_result_goes_there(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"q-leap")
        second = app.main_screen.results.hits[1].node
        # Each result takes two lines (the match, then its path); the border takes the first line.
        assert await pilot.click("#results", offset=(4, 1 + SearchResults.LINES_PER_HIT))
        await pilot.pause()
        assert app.main_screen.current is second and second.source is not None and second.source.line == 230

    run(app, scenario)


def test_results_update_with_every_keystroke(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", "量")
        first = app.main_screen.results.hits
        assert isinstance(first, SearchResult) and first.matched > len(first) == SEARCH_LIMIT
        assert app.main_screen.results.display and app.main_screen.results.entry_count == SEARCH_LIMIT
        # More matches than listed: the title says both.
        assert app.main_screen.results.border_title == f"{SEARCH_LIMIT}件表示 / 一致 {first.matched}件"
        await pilot.press("子")
        second = app.main_screen.results.hits
        assert isinstance(second, SearchResult) and 0 < second.matched < first.matched
        assert str(second.matched) in str(app.main_screen.results.border_title)
        await pilot.press(*"暗号")
        third = app.main_screen.results.hits
        assert len(third) == app.main_screen.results.entry_count < SEARCH_LIMIT
        assert app.main_screen.results.border_title == str(len(third))  # all of them listed: just the count
        assert app.main_screen.search_input.value == "量子暗号"

    run(app, scenario)


def test_search_ignores_case(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"q-leap")
        assert hit_lines(app) == Q_LEAP_LINES

    run(app, scenario)


def test_search_folds_full_width(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"ai")
        half = hit_lines(app)
        assert 347 in half  # 【総】革新的AIネットワーク統合基盤技術の研究開発
        await pilot.press("escape", "slash", "Ａ", "Ｉ")
        assert app.main_screen.search_input.value == "ＡＩ"
        assert hit_lines(app) == half
        # Pilot cannot type U+FF0D, so the full-width query arrives as a paste.
        await pilot.press("escape", "slash")
        app.main_screen.search_input.post_message(events.Paste("Ｑ－ＬＥＡＰ"))
        await pilot.pause()
        assert app.main_screen.search_input.value == "Ｑ－ＬＥＡＰ"
        assert hit_lines(app) == Q_LEAP_LINES

    run(app, scenario)


def test_search_folds_katakana_and_hiragana(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"すまーと")
        assert 390 in hit_lines(app)  # スマート農業総合推進対策事業

    run(app, scenario)


def test_search_finds_amounts(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"32億")
        assert hit_lines(app) == Q_LEAP_LINES  # not 32.5億円 (line 349)

    run(app, scenario)


def test_down_and_up_move_in_the_results_while_typing(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"q-leap")
        assert app.main_screen.results.highlighted == 0
        await pilot.press("down", "down")
        assert app.main_screen.results.highlighted == 2
        await pilot.press("up")
        assert app.main_screen.results.highlighted == 1
        assert app.focused is app.main_screen.search_input and app.main_screen.search_input.value == "q-leap"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main_screen.current is program(app, 230)

    run(app, scenario)


def test_enter_jumps_to_the_result(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"q-leap", "enter")
        await pilot.pause()
        q_leap = program(app, 201)
        assert tree_node(app) is q_leap
        assert app.main_screen.current is q_leap
        assert app.focused is app.main_screen.tree_view
        assert text(app, "#detail-title").startswith(Q_LEAP)
        assert not app.main_screen.results.display

    run(app, scenario)


def test_escape_clears_the_query_and_focuses_the_tree(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash", *"q-leap")
        assert app.main_screen.results.display
        await pilot.press("escape")
        assert app.main_screen.search_input.value == ""
        assert not app.main_screen.results.display
        assert app.focused is app.main_screen.tree_view

    run(app, scenario)


@pytest.mark.parametrize(("keys", "message"), [((), "一致する項目はありません"), (("L",), "No match")])
def test_no_match_says_so(app: BudgetApp, keys: tuple[str, ...], message: str) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press(*keys, "slash", *"zzzz")
        assert app.main_screen.results.display
        assert app.main_screen.results.entry_count == 1
        assert message in app.main_screen.results.entry_text(0)
        results = app.main_screen.results
        assert results.hits == [] and results.current_hit() is None  # a message, not a result
        await pilot.press("enter")  # nothing to jump to
        assert app.main_screen.current is app.dataset.root

    run(app, scenario)


# ---- 5. copy -------------------------------------------------------------------------------------
def test_c_copies_the_figure_as_a_bare_number(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        assert app.focused is app.main_screen.tree_view
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "32"

    run(app, scenario)


def test_c_copies_in_the_displayed_unit(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("u", "c")  # 百万円: 32億円 = 3200百万円
        await settle(pilot)
        assert app.clipboard == "3200"

    run(app, scenario)


@pytest.mark.parametrize(
    ("line", "presses", "copied"),
    [
        (167, ["u"], "2300"),  # 警察庁 23億円, the issue's own example, in 百万円
        (180, [], "43787"),  # 計
        (368, [], "2318.1"),  # GIGAスクール: no FY2020 initial, so its supplementary amount
        (394, ["u", "u"], "2500000000"),  # i-Construction 25.0億円 in 円
    ],
)
def test_c_examples(app: BudgetApp, line: int, presses: list[str], copied: str) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        node = next(n for n in app.dataset.nodes.values() if n.source and n.source.line == line)
        await go(pilot, node)
        await pilot.press(*presses, "c")
        await settle(pilot)
        assert app.clipboard == copied

    run(app, scenario)


def test_c_on_a_table_cell_copies_that_cell(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("tab", "right")
        assert app.main_screen.table.current_column_key() == "fy2019"
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "22"  # line 201: (22億円)

    run(app, scenario)


def test_c_without_a_figure_warns_and_keeps_the_clipboard(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "32"
        parent = program(app, 201).parent
        assert parent is not None
        item = next(n for n in parent.children if n.source is not None and n.source.line == 199)
        await go(pilot, item)  # ・産学連携・官民共同による… (a sentence, no amount)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "32"
        assert any("この項目には金額がありません" in toast for toast in toasts(app))
        assert app.screen.query("Toast.-warning")

    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]  # never expires mid-test
    run(app, scenario, notifications=True)


def test_y_copies_label_budget_figure_and_unit(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"

    run(app, scenario)


def test_shift_c_copies_the_figure_with_its_source_document(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 384))
        await pilot.press("C")
        assert app.clipboard == (
            "戦略的イノベーション創造プログラム(SIP) 令和2年度当初 280億円の内数"
            "（出典: 総務省国際戦略局 技術政策課「令和2年度科学技術関係予算 (量子技術及びAI) について」2020-05-21、"
            "384行: 【内】戦略的イノベーション創造プログラム(SIP) 280億円の内数(280億円の内数)）"
            "［ID: ai.sip］"
        )

    run(app, scenario)


def test_y_keeps_the_within_basis(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 384))
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == "戦略的イノベーション創造プログラム(SIP) 令和2年度当初 280億円の内数"

    run(app, scenario)


def test_shift_y_copies_the_table_as_tsv(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("Y")
        await settle(pilot)
        lines = app.clipboard.rstrip("\n").split("\n")
        assert len(lines) == 1 + 8  # header + lines 199, 201, 203, 205, 207, 209, 211, 213
        header = lines[0].split("\t")
        assert header[0] == "名称"
        rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
        fy2020 = next(i for i, title in enumerate(header) if title.startswith("R2当初"))
        fy2019 = next(i for i, title in enumerate(header) if title.startswith("R1当初"))
        assert rows[Q_LEAP][fy2020] == "32"
        assert rows[Q_LEAP][fy2019] == "22"
        assert rows["衛星通信における量子暗号技術の研究開発"][fy2020] == "3"  # line 209

    run(app, scenario)


def test_copy_shows_a_notification_of_what_was_copied(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("c")
        await settle(pilot)
        messages = toasts(app)
        assert len(messages) == 1
        assert "コピーしました: 32" in messages[0]
        assert "32億円" in messages[0]  # and what 32 is
        await pilot.press("Y")
        await settle(pilot)
        assert any("重点技術課題" in m and "8行（TSV）" in m for m in toasts(app))

    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    run(app, scenario, notifications=True)


# ---- 6. units and language -----------------------------------------------------------------------
def test_u_cycles_the_unit(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, section(app, "府省別"))
        mext = ministry(app, "文部科学省")
        expected = [
            (Unit.OKU, "単位: 億円", "21,224"),  # line 173
            (Unit.MILLION, "単位: 百万円", "2,122,400"),
            (Unit.YEN, "単位: 円", "2,122,400,000,000"),
            (Unit.OKU, "単位: 億円", "21,224"),
        ]
        for index, (unit, header, value) in enumerate(expected):
            if index:
                await pilot.press("u")
            assert app.main_screen.unit is unit
            assert header in text(app, "#title")
            assert cell(app, mext, "fy2020") == value

    run(app, scenario)


def test_shift_l_switches_the_language_and_back(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await go(pilot, program(app, 201))
        await pilot.press("L")
        assert app.main_screen.lang == "en"
        assert "Language: English" in text(app, "#title") and "Unit: 100M yen" in text(app, "#title")
        assert str(app.main_screen.tree_view.root.children[1].label).startswith("By ministry")
        assert titles(app)[:3] == ["Name", "Ministry", "FY2020 ¥100M"]  # English headers name the unit
        assert text(app, "#detail-title").startswith("MEXT Quantum Leap Flagship Program (Q-LEAP)")
        body = text(app, "#detail-body")
        assert "FY2020 initial: ¥3.2 billion" in body
        assert "Source:" in body and "line 201" in body
        assert "Quantum Technology Innovation Strategy" in text(app, "#breadcrumb")
        await pilot.press("L")
        assert app.main_screen.lang == "ja"
        assert "言語: 日本語" in text(app, "#title")
        assert str(app.main_screen.tree_view.root.children[1].label).startswith("府省別")
        assert titles(app)[:3] == ["名称", "府省", "R2当初"]
        assert text(app, "#detail-title").startswith(Q_LEAP)

    run(app, scenario)


# ---- 7. help, palette, quit ----------------------------------------------------------------------
def test_help_lists_every_app_binding_and_escape_closes_it(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys", DataTable)
        rows = [[str(v) for v in table.get_row_at(i)] for i in range(table.row_count)]
        global_rows = {(key, action) for key, action, where in rows if where == "全体"}
        for binding in app_bindings():
            assert binding_text(binding.description, "ja") in {action for _, action in global_rows}, binding.key
        assert ("?", "ヘルプ") in global_rows and ("/", "検索") in global_rows  # Japanese mode: Japanese help
        assert any(where == "表" and action == "列で並べ替え" for _, action, where in rows)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is app.main_screen.tree_view

    run(app, scenario)


def test_app_keys_do_nothing_behind_the_help_screen(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("slash", "u", "L", "c")
        assert isinstance(app.screen, HelpScreen)
        assert app.main_screen.unit is Unit.OKU and app.main_screen.lang == "ja" and app.clipboard == ""
        assert not app.main_screen.search_input.has_focus
        await pilot.press("question_mark")  # ? closes help as it opened it
        assert not isinstance(app.screen, HelpScreen)

    run(app, scenario)


def test_command_palette_jumps_to_a_node(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"qleap")
        await app.workers.wait_for_complete()  # the palette gathers hits in a worker
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        assert commands.option_count >= 3
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        q_leap = program(app, 201)
        assert app.main_screen.current is q_leap
        assert tree_node(app) is q_leap

    run(app, scenario)


def test_q_quits_with_status_0(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("q")

    run(app, scenario)
    assert app.return_code == 0


# ---- 8. sizes ------------------------------------------------------------------------------------
def assert_panes_visible(app: BudgetApp, *, check_regions: bool) -> None:
    assert not app.query_one("#too-small").display
    for selector in ("#title", "#tree", "#table", "#detail"):
        widget = app.query_one(selector)
        assert widget.display and widget.visible, selector
        if check_regions:
            assert widget.region.width > 0 and widget.region.height > 0, selector


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_small_terminals_work(app: BudgetApp, size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        assert_panes_visible(app, check_regions=True)
        await pilot.press("slash", *"q-leap", "enter")
        await pilot.pause()
        assert app.main_screen.current is program(app, 201)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "32"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "u", "L", "backspace")
        await pilot.pause()
        assert app.main_screen.unit is Unit.MILLION and app.main_screen.lang == "en"
        assert app.main_screen.table_of.name.ja == "主要技術領域"
        assert_panes_visible(app, check_regions=True)

    run(app, scenario, size=size)


@pytest.mark.parametrize("size", [(39, 12), (40, 11), (20, 6)])
def test_below_40x12_a_message_replaces_the_panes(app: BudgetApp, size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        message = app.query_one("#too-small", Static)
        assert message.display
        assert "40×12" in str(message.render())
        assert not app.query_one("#main").display
        await pilot.resize_terminal(*SIZE)
        assert_panes_visible(app, check_regions=False)

    run(app, scenario, size=size)


def test_shrinking_below_40x12_and_back(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        assert_panes_visible(app, check_regions=True)
        await pilot.resize_terminal(39, 12)
        assert app.query_one("#too-small").display
        assert "39×12" in str(app.query_one("#too-small", Static).render())
        assert not app.query_one("#main").display
        await pilot.resize_terminal(40, 12)
        assert_panes_visible(app, check_regions=False)

    run(app, scenario)


# ---- 9. exit status ------------------------------------------------------------------------------
def test_main_returns_the_apps_return_code_after_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: MainScreen) -> None:
        raise RuntimeError("simulated crash")

    def run_headless(self: BudgetApp, *args: object, **kwargs: object) -> int | None:
        return App.run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(MainScreen, "on_mount", crash)
    monkeypatch.setattr(BudgetApp, "run", run_headless)
    monkeypatch.setattr("tui.cli.explore.terminal_problem", lambda: None)  # headless: no terminal needed
    assert cli.main([]) == 1  # Textual's return code for an unhandled exception


def test_main_returns_the_apps_nonzero_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    original = MainScreen.on_mount

    def mount_then_exit(self: MainScreen) -> None:
        original(self)
        self.app.exit(return_code=3)

    def run_headless(self: BudgetApp, *args: object, **kwargs: object) -> int | None:
        return App.run(self, headless=True, size=(80, 24))

    monkeypatch.setattr(MainScreen, "on_mount", mount_then_exit)
    monkeypatch.setattr(BudgetApp, "run", run_headless)
    monkeypatch.setattr("tui.cli.explore.terminal_problem", lambda: None)  # headless: no terminal needed
    assert cli.main([]) == 3


def test_main_with_a_missing_data_directory(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(self: BudgetApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the explorer must not start on unreadable data")

    monkeypatch.setattr(BudgetApp, "run", never)
    assert cli.main(["--data", "/nonexistent"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("budget-tui: error:") and "/nonexistent" in lines[0]
    assert "Traceback" not in captured.err


def test_another_fiscal_year_is_labelled_by_its_own_year(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    meta = (data / "dataset.yaml").read_text(encoding="utf-8")
    meta = meta.replace("previous_fiscal_year: 2019", "previous_fiscal_year: 2020")
    meta = meta.replace("\nfiscal_year: 2020", "\nfiscal_year: 2021")
    (data / "dataset.yaml").write_text(meta, encoding="utf-8")
    app = BudgetApp(load_dataset(data))

    async def scenario(pilot: Pilot[int]) -> None:
        assert app.main_screen.tree_view.root.label.plain.startswith("令和3年度")
        await go(pilot, section(app, "府省別"))
        assert "R3当初" in titles(app) and "R2当初" in titles(app)

    run(app, scenario)


@pytest.mark.parametrize("key", ["right", "l", "space", "enter"])
def test_opening_a_tree_node_shows_its_children(app: BudgetApp, key: str) -> None:
    """Nodes are filled in when first opened, by any key that opens them."""

    async def scenario(pilot: Pilot[int]) -> None:
        quantum = section(app, "量子技術イノベーション戦略")
        app.main_screen.tree_view.move_cursor(app.main_screen.tree_view.tree_nodes[quantum.id])
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        opened = app.main_screen.tree_view.tree_nodes[quantum.id]
        assert opened.is_expanded
        assert [child.data for child in opened.children] == quantum.children
        await pilot.press("down")  # into the first child, which now exists
        assert tree_node(app) is quantum.children[0]

    run(app, scenario)
