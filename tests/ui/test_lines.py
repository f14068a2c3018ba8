"""The all-lines screen (`a`) through Pilot: filter typing, Esc, a bad query, selection, the Σ line and
its copies, group-by and the drill back. Expected figures are typed from the seed (lines 201–412)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp
from tui.ui.screens.lines import LinesScreen

SIZE = (140, 40)
Scenario = Callable[[Pilot[int], LinesScreen], Awaitable[None]]

AI_SIGMA = (
    "Σ 22行 20事業 │ R2当初 345.0億円 (15事業 ±1.65) │ R1当初 261.45億円 (12事業 ±0.555)"
    " │ 補正(年度記載なし) 2,398.5億円 (4) │ 内数 4件 (合計しない)"
)


def run(scenario: Scenario) -> None:
    async def main() -> None:
        app = BudgetApp(load_dataset())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, LinesScreen)
            await scenario(pilot, screen)

    asyncio.run(main())


def names(screen: LinesScreen) -> list[str]:
    return [row.cells["name"].text for row in screen.table.rows_shown]


def test_every_line_of_both_lists_with_its_sigma() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        assert len(screen.table.rows_shown) == 47  # 25 quantum + 22 AI placements
        assert [c.key for c in screen.table.shown_columns][:5] == ["name", "strategy", "section", "ministry", "agency"]
        # Both lists: own FY2020 345.0 (AI) + 67 (quantum) = 412.0 over 19 programs; 推計額 and 補正 apart.
        assert screen.sigma.text.startswith("Σ 47行 41事業 │ R2当初 412.0億円 (19事業 ±3.65)")
        assert "推計額 R2 24億円 (3, 別計)" in screen.sigma.text
        assert "令和元年度補正 112億円 (3) │ 補正(年度記載なし) 2,398.5億円 (4)" in screen.sigma.text

    run(scenario)


def test_filter_typing_terms_and_esc() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        await pilot.press("f", *"strategy:ai")
        await pilot.pause()
        assert screen.focused is screen.filter_box.input
        assert screen.filter_box.terms_text == "条件: 戦略: AI戦略 — 22行"
        assert screen.sigma.text == AI_SIGMA
        await pilot.press(*" ministry:経産省")
        await pilot.pause()
        assert screen.filter_box.terms_text == "条件: 戦略: AI戦略 · 府省: 経済産業省 — 7行"
        assert screen.sigma.text.startswith("Σ 7行 6事業 │ R2当初 235.0億円 (6事業 ±0.3) │ R1当初 204.6億円 (5事業")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.filter_box.input.value == ""
        assert len(screen.table.rows_shown) == 47
        assert screen.focused is screen.table

    run(scenario)


def test_bad_query_says_what_and_keeps_the_last_good_filter() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        await pilot.press("backslash", *"is:new")
        await pilot.pause()
        assert len(screen.table.rows_shown) == 9
        screen.filter_box.input.insert_text_at_cursor(" fy2020>>3")  # pasted at once
        await pilot.pause()
        assert screen.filter_box.terms_text == (
            "条件を解釈できません: fy2020>>3: not a comparison (write e.g. fy2020>=10, fy2019<5, change<0)"
        )
        assert screen.filter_box.terms.has_class("-error")
        assert len(screen.table.rows_shown) == 9  # is:new still applies: nothing filtered silently

    run(scenario)


def test_selection_of_a_relisting_and_its_original_counts_once() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        await pilot.press("f", *"q-leap", "enter")
        await pilot.pause()
        assert len(screen.table.rows_shown) == 3  # lines 201, 230, 303
        await pilot.press("space", "space")  # the original and its first 再掲
        await pilot.pause()
        assert screen.sigma.text == "選択 Σ 2行 1事業 │ R2当初 32億円 (1事業 ±0.5) │ R1当初 22億円 (1事業 ±0.5)"
        assert names(screen)[0].startswith("● ")
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.clipboard == (
            "選択した2行（2行・1事業）の小計:\n"
            "- 令和2年度当初 32億円（1事業の額の合計、端数処理による誤差 ±0.5）\n"
            "- 令和元年度当初 22億円（1事業の額の合計、端数処理による誤差 ±0.5）\n"
        )
        await pilot.press("C")
        await pilot.pause()
        assert pilot.app.clipboard.endswith("2020-05-21 より budget-tui で集計）\n")

    run(scenario)


def test_two_lines_within_one_envelope() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        await pilot.press("f", *"agency:理研 basis:within", "enter")
        await pilot.pause()
        assert len(screen.table.rows_shown) == 2  # lines 221 and 281, both 535億円*の内数
        assert screen.sigma.text == (
            "Σ 2行 2事業 │ R2当初 0億円 (0事業 ±0) │ R1当初 0億円 (0事業 ±0) │ 内数 2件 (合計しない)"
        )
        await pilot.press("y")
        await pilot.pause()
        both = "理化学研究所(創発物性科学センター・光量子工学研究センター)、量子物性・情報科学拠点(理研)"
        assert f"  - 535億円*の内数 (令和2年度当初: {both})" in pilot.app.clipboard
        assert f"  - 531億円*の内数 (令和元年度当初: {both})" in pilot.app.clipboard

    run(scenario)


def test_group_by_sorts_copies_and_drills_back() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        await pilot.press("f", *"strategy:ai", "enter", "F")
        await pilot.pause()
        assert screen.focused is screen.group_table
        groups = [row.cells["name"].text for row in screen.group_table.rows_shown]
        assert groups == ["総務省", "文部科学省", "経済産業省", "内閣府", "厚生労働省", "農林水産省", "国土交通省"]
        # sort by FY2020 own: the cursor starts on that column; s twice: largest first
        await pilot.press("s", "s")
        await pilot.pause()
        ordered = [row.cells["name"].text for row in screen.group_table.rows_shown]
        assert ordered[:3] == ["経済産業省", "文部科学省", "国土交通省"]  # 235.0, 53.0, 25.0
        await pilot.press("Y")
        await pilot.pause()
        assert pilot.app.clipboard.splitlines()[1] == "経済産業省\t7\t6\t235.0\t6\t204.6\t5\t\t"
        await pilot.press("enter")  # into 経済産業省's lines
        await pilot.pause()
        assert screen.grouping is None and len(screen.table.rows_shown) == 7
        assert screen.filter_box.terms_text == "条件: 戦略: AI戦略 · グループ: 経済産業省 — 7行"
        assert screen.sigma.text.startswith("Σ 7行 6事業 │ R2当初 235.0億円")
        await pilot.press("escape")  # the filter first, then the group
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.table.rows_shown) == 47
        await pilot.press("F", "F")  # by agency
        await pilot.pause()
        agencies = [row.cells["name"].text for row in screen.group_table.rows_shown]
        assert "NICT" in agencies and "RIKEN" in agencies

    run(scenario)


def test_enter_on_a_line_opens_it_in_the_tree() -> None:
    async def scenario(pilot: Pilot[int], screen: LinesScreen) -> None:
        await pilot.press("f", *"データヘルス", "enter", "enter")
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, BudgetApp)
        host = getattr(app, "main_screen", app)  # the explorer's state: the main screen's, or the app's
        assert app.screen is app.screen_stack[0]
        assert host.current.id == "ai.data-health"

    run(scenario)
