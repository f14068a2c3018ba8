"""Issue 10: the copy keys copy the item under the cursor of the focused pane, with its basis, and the
detail pane shows that item. Expected strings are typed from the seed (line numbers in comments)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui.core.model import Node
from tui.ui.app import BudgetApp

Scenario = Callable[[Pilot[int]], Awaitable[None]]
SOURCE = "（出典: 総務省国際戦略局 技術政策課「令和2年度科学技術関係予算 (量子技術及びAI) について」2020-05-21、"


def run(app: BudgetApp, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def at(app: BudgetApp, line: int) -> Node:
    return next(
        n for n in app.dataset.nodes.values() if n.source is not None and n.source.line == line and n.kind != "footnote"
    )


async def keys(pilot: Pilot[int], *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def copied(pilot: Pilot[int], key: str) -> str:
    pilot.app._clipboard = ""  # start empty: a key that copies nothing leaves ""
    await keys(pilot, key)
    return pilot.app.clipboard


def detail_title(app: BudgetApp) -> str:
    return str(app.main_screen.query_one("#detail-title", Static).render()).split("\n")[0]


async def search(pilot: Pilot[int], query: str) -> None:
    await keys(pilot, "slash")
    for char in query:
        await pilot.press(char)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_search_enter_tab_copies_the_table_row_under_the_cursor(app: BudgetApp) -> None:
    """The issue's first finding: /府省別 Enter Tab puts the cursor on 国会 (line 163); all keys agree."""

    async def scenario(pilot: Pilot[int]) -> None:
        await search(pilot, "府省別")
        await keys(pilot, "enter", "tab")
        screen = app.main_screen
        assert screen.table.has_focus and screen.table.current_row().node.name.ja == "国会"  # type: ignore[union-attr]
        assert detail_title(app) == "国会"
        assert await copied(pilot, "c") == "12"
        assert await copied(pilot, "y") == "科学技術関係予算・府省別 国会 令和2年度当初 計 12億円"
        cited = await copied(pilot, "C")
        assert cited.startswith("科学技術関係予算・府省別 国会 令和2年度当初 計 12億円" + SOURCE + "163行: 国会")

    run(app, scenario)


def test_table_cells_of_a_supplementary_hub(app: BudgetApp) -> None:
    """/量子セキュリティ拠点 Enter Tab: the rows are 施設整備費補助金 35 and 運営費交付金 44 (令和元年度補正, lines
    287, 289) and 運営費交付金 279億円の内数 (291)."""

    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(at(app, 287))
        await pilot.pause()
        screen.focus_now(screen.table)
        screen.table.move_cursor(row=1, column=[c.key for c in screen.table.shown_columns].index("supplementary"))
        await pilot.pause()
        assert screen.table.current_row().node is at(app, 289)  # type: ignore[union-attr]
        assert detail_title(app) == "運営費交付金"
        assert await copied(pilot, "c") == "44"
        assert await copied(pilot, "y") == "量子セキュリティ拠点(NICT) 運営費交付金 令和元年度補正 44億円"
        await keys(pilot, "down")
        assert screen.table.current_row().node is at(app, 291)  # type: ignore[union-attr]
        keys_ = [c.key for c in screen.table.shown_columns]
        screen.table.move_cursor(column=keys_.index("fy2020"))
        await pilot.pause()
        assert await copied(pilot, "c") == "279億円の内数"  # 内数: never a bare envelope
        assert await copied(pilot, "y") == "量子セキュリティ拠点(NICT) 運営費交付金 令和2年度当初 279億円の内数"

    run(app, scenario)


def test_tree_node_estimate_and_undetermined(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(at(app, 223))  # 2億円(新規) ※運営費交付金中の推計額
        await pilot.pause()
        assert screen.tree_view.has_focus and detail_title(app).startswith("物質・材料研究機構")
        assert await copied(pilot, "c") == "2"
        assert await copied(pilot, "y") == (
            "物質・材料研究機構(量子マテリアル基礎基盤研究の推進) 令和2年度当初 2億円(推計額)"
        )
        screen.jump_to(at(app, 242))  # SIP(光量子基盤技術)の一部(再掲)(未定)(8億円)
        await pilot.pause()
        assert await copied(pilot, "c") == ""  # 未定: nothing is copied
        assert await copied(pilot, "y") == "SIP(光量子基盤技術)の一部(再掲) 令和2年度当初 未定"
        screen.jump_to(at(app, 230))  # ●Q-LEAP(再掲) 32億円(22億円)
        await pilot.pause()
        assert await copied(pilot, "c") == "32"
        assert await copied(pilot, "y") == "量子融合イノベーション領域 Q-LEAP(再掲) 令和2年度当初 32億円"

    run(app, scenario)


def test_search_results_copy_the_highlighted_hit(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await search(pilot, "データヘルス")
        screen = app.main_screen
        screen.focus_now(screen.results)  # typed keys would go into the query: the list itself has the focus
        await pilot.pause()
        hit = screen.search_box.hit_under_cursor()
        assert hit is not None and hit.node is at(app, 388)
        assert await copied(pilot, "c") == "1008億円の内数"
        assert await copied(pilot, "y") == "データヘルス改革 令和2年度当初 1,008億円の内数"
        assert (await copied(pilot, "C")).endswith(
            "388行: 【厚】データヘルス改革 1,008億円の内数(688億円の内数)）［ID: ai.data-health］"
        )
        assert detail_title(app) == "データヘルス改革"  # the detail pane shows the hit the keys copy

    run(app, scenario)


def test_the_detail_pane_follows_the_search_cursor(app: BudgetApp) -> None:
    """While typing and moving in the results, the detail pane shows the hit under the cursor (what `y`
    copies); Esc puts it back on the tree's node."""

    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        before = detail_title(app)
        await search(pilot, "q-leap")
        first = screen.search_box.hit_under_cursor()
        assert first is not None and first.node.name.ja == "光・量子飛躍フラッグシッププログラム (Q-LEAP)"  # line 201
        assert detail_title(app) == first.node.name.ja
        await keys(pilot, "down")
        second = screen.search_box.hit_under_cursor()
        assert second is not None and second.node is not first.node
        assert detail_title(app) == second.node.name.ja
        screen.focus_now(screen.results)  # in the query box `y` is a letter: the list itself has the focus
        await pilot.pause()
        assert await copied(pilot, "y") == "量子融合イノベーション領域 Q-LEAP(再掲) 令和2年度当初 32億円"  # line 230
        await keys(pilot, "escape")
        assert detail_title(app) == before

    run(app, scenario)


def test_detail_links_copy_the_highlighted_link(app: BudgetApp) -> None:
    """文部科学省's detail lists its programs; Tab Tab reaches the list; the copy is of the linked program."""

    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        mext = app.dataset.ministry_by_name("文部科学省")
        assert mext is not None
        screen.jump_to(mext)
        await pilot.pause()
        screen.focus_now(screen.detail.query_one("#placements", OptionList))
        await pilot.pause()
        assert screen.detail.link_under_cursor() == "quantum.q-leap"  # → 重点技術課題 › Q-LEAP  32億円 (line 201)
        assert await copied(pilot, "c") == "32"
        assert await copied(pilot, "y") == "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
        await keys(pilot, "down")  # → JST 未来社会創造  77億円の内数 (line 203)
        assert screen.detail.link_under_cursor() == "quantum.jst-mirai"
        assert await copied(pilot, "c") == "77億円の内数"
        await keys(pilot, "down")  # → 「創発的研究」の場の形成…  令和元年度補正 50億円の内数 (line 205)
        assert await copied(pilot, "y") == (
            "「創発的研究」の場の形成(先端共用研究設備の整備) 令和元年度補正 50億円の内数"
        )

    run(app, scenario)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_chart_view_copies_the_table_row(app: BudgetApp, lang: str) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(at(app, 201))
        await pilot.pause()
        if lang == "en":
            await keys(pilot, "L")
        screen.focus_now(screen.table)
        await keys(pilot, "v")
        assert screen.view == "chart" and screen.chart.has_focus
        if lang == "ja":
            assert await copied(pilot, "y") == "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
        else:
            assert await copied(pilot, "y") == (
                "MEXT Quantum Leap Flagship Program (Q-LEAP), FY2020 initial: ¥3.2 billion"
            )

    run(app, scenario)


def test_giga_school_supplementary_without_a_year(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(at(app, 368))  # 【文】GIGAスクール構想の実現[補正2318.1億円]（新規）
        await pilot.pause()
        assert await copied(pilot, "c") == "2318.1"
        assert await copied(pilot, "y") == "GIGAスクール構想の実現 補正（年度の記載なし） 2,318.1億円"

    run(app, scenario)


# ---- no figure without its basis, at three sizes ------------------------------------------------------
def _suspects(app: BudgetApp) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(pane kinds, name prefix, number as drawn, markers) for every figure whose meaning is not a plain
    own amount: 内数, 推計額, and 補正 (whose table column is named 補正, so the table is not asked)."""
    from tui.core.fmt import number
    from tui.core.model import SUPPLEMENTARY, Basis

    found = []
    for node in app.dataset.nodes.values():
        for key, figure in node.figures.items():
            if figure.amount is None:
                continue
            shown = number(figure.amount)
            if figure.basis is Basis.WITHIN:
                found.append(("tree table results", node.name.ja[:3], shown, ("内数", "内")))
            elif figure.basis is Basis.ESTIMATE:
                found.append(("tree table results", node.name.ja[:3], shown, ("推計",)))
            elif key == SUPPLEMENTARY:
                found.append(("tree results", node.name.ja[:3], shown, ("補正",)))
    return found


def _region_lines(app: BudgetApp, widget: object) -> list[str]:
    region = widget.region  # type: ignore[attr-defined]
    strips = app.screen._compositor.render_strips()
    lines = []
    for y in range(region.y, region.y + region.height):
        strip = strips[y].crop(region.x, region.x + region.width)
        lines.append("".join(segment.text for segment in strip))
    return lines


def _number_in(line: str, shown: str) -> bool:
    import re

    return re.search(rf"(?<![\d,.]){re.escape(shown)}(?![\d,.])", line) is not None


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
def test_no_visible_amount_without_its_basis(app: BudgetApp, size: tuple[int, int]) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        suspects = _suspects(app)
        checked = 0

        def scan(kind: str, widget: object) -> None:
            nonlocal checked
            for line in _region_lines(app, widget):
                for kinds, prefix, shown, markers in suspects:
                    if kind in kinds and prefix in line and _number_in(line, shown):
                        checked += 1
                        assert any(m in line for m in markers), f"{kind} at {size}: {line!r} lacks {markers}"

        for line in (388, 289, 291, 221, 223, 205, 368):  # 内数, 補正 (R1 and no year), 推計, 内数 with *
            screen.jump_to(at(app, line))
            await pilot.pause()
            await pilot.pause()
            scan("tree", screen.tree_view)
            scan("table", screen.table)
        for query in ("運営費交付金", "施設整備費補助金", "データヘルス", "GIGA", "物質・材料"):
            await search(pilot, query)
            scan("results", screen.results)
            await keys(pilot, "escape")
        assert checked > 0  # the scan found figures to check, so it can fail

    run(app, scenario, size)


def test_search_results_name_the_budget(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await search(pilot, "施設整備費補助金")
        results = app.main_screen.results
        texts = [results.entry_text(i) for i in range(results.entry_count)]
        assert any("施設整備費補助金" in t and "令和元年度補正 35億円" in t for t in texts)  # line 287
        await keys(pilot, "escape")
        await search(pilot, "GIGA")
        texts = [results.entry_text(i) for i in range(results.entry_count)]
        assert any("補正（年度の記載なし） 2,318.1億円" in t for t in texts)  # line 368

    run(app, scenario)


def test_l_after_a_search_jump_keeps_the_list_closed(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await search(pilot, "府省別")
        await keys(pilot, "enter", "tab")
        results = app.main_screen.results
        assert not results.has_class("-shown")
        await keys(pilot, "L")
        assert not results.has_class("-shown")  # the table stays in view
        assert app.main_screen.table.has_focus

    run(app, scenario)


def test_english_mode_is_english(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await keys(pilot, "L", "question_mark")
        from textual.widgets import DataTable

        table = app.screen.query_one("#help-keys", DataTable)
        rows = [[str(v) for v in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["?", "Help", "global"] in rows
        legend = str(app.screen.query_one("#legend", Static).render())
        assert legend.startswith("内数 (within): the envelope")

    run(app, scenario)


@pytest.mark.parametrize(("lang", "tag"), [("ja", "[府省: 総務省]"), ("en", "[ministry: 総務省]")])
def test_search_tags_speak_the_language(app: BudgetApp, lang: str, tag: str) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        if lang == "en":
            await keys(pilot, "L")
        await search(pilot, "総務省")
        results = app.main_screen.results
        texts = [results.entry_text(i) for i in range(results.entry_count)]
        assert any(tag in t for t in texts), texts[:3]

    run(app, scenario)
