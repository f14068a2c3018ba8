"""The chart view (`v`), the share view (`t`), the table's inline bars and ctrl+s, driven through Pilot.

Expected figures are typed from tests/fixtures/seed.txt (line numbers in the comments).
"""

from __future__ import annotations

from pathlib import Path

from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.pilot import run, settle, toasts
from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp


def chart_text(app: BudgetApp) -> str:
    return str(app.main_screen.chart.query_one("#chart-body", Static).render())


def test_v_shows_bars_for_the_ministries_and_goes_back(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.press("v")
        await pilot.pause()
        main = app.main_screen
        assert main.chart.display and not main.table.display and not main.detail.display
        text = chart_text(app)
        assert "総務省" in text and "+749 (+69.2%)" in text  # line 169
        assert "計 — 合計行 43,787億円" in text  # line 180: listed, not drawn
        await pilot.press("u")  # 百万円
        await pilot.pause()
        assert "+74,900 (+69.2%)" in chart_text(app)
        await pilot.press("L")
        await pilot.pause()
        assert "By ministry — FY2020 vs FY2019" in chart_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert app.main_screen.table.display and app.main_screen.detail.display and not app.main_screen.chart.display

    run(app, scenario, notifications=True)


def test_the_chart_follows_the_tree(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.press("v")
        app.main_screen.jump_to(app.dataset.nodes["quantum.tech.priority"])
        await pilot.pause()
        text = chart_text(app)
        assert "重点技術課題" in text.splitlines()[0]
        assert "JST 未来社会創造 — 77億円の内数" in text  # line 203: an envelope, listed not drawn

    run(app, scenario, notifications=True)


def test_the_chart_resizes_with_the_terminal() -> None:
    widths: list[int] = []

    async def scenario(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, BudgetApp)
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.press("v")
        await pilot.pause()
        for size in ((100, 40), (160, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            mext = next(line for line in chart_text(app).splitlines() if line.startswith("文部科学省"))
            widths.append(mext.count("█"))

    run(BudgetApp(load_dataset()), scenario, size=(100, 40))
    assert widths[1] - widths[0] >= 35  # the 21,224 bar takes the extra width (70% of 60 columns more)


def test_t_shows_shares_only_where_a_printed_total_is_their_sum(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.press("t")
        await pilot.pause()
        text = chart_text(app)
        assert "17 項目の合計 43,786 ≈ 印刷された 計 43,787億円" in text
        assert "文部科学省" in text and "48.5%" in text  # 21,224 / 43,787
        app.main_screen.jump_to(app.dataset.nodes["quantum.tech.priority"])
        await pilot.pause()
        assert "シェア表示なし" in chart_text(app)
        await pilot.press("v")  # from shares straight to the chart
        await pilot.pause()
        assert app.main_screen.view == "chart" and "R2当初とR1当初" in chart_text(app)

    run(app, scenario, notifications=True)


def test_inline_bars_in_the_table(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        assert [c.key for c in app.main_screen.table.shown_columns][-2:] == ["bar", "change_bar"]
        mext = app.dataset.ministry_by_name("文部科学省")
        assert mext is not None
        index = next(i for i, r in enumerate(app.main_screen.table.rows_shown) if r.node is mext)
        table = app.main_screen.table
        line = table.render_line(index + 1 - table.scroll_offset.y).text  # + 1: the header line
        assert "21,224" in line and "████████" in line  # the largest: the full 8 cells

    run(app, scenario, notifications=True)


def test_a_narrow_table_keeps_its_names_and_leaves_the_bars_out(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(app.dataset.nodes["quantum.tech.priority"])  # 府省 and 補正 columns too: no room
        await pilot.pause()
        assert "bar" not in [c.key for c in app.main_screen.table.shown_columns]
        assert app.main_screen.table.widths["name"] >= 16
        await pilot.press("ctrl+b")  # the tree's width goes to the table
        await pilot.pause()
        assert [c.key for c in app.main_screen.table.shown_columns][-2:] == ["bar", "change_bar"]

    run(app, scenario, notifications=True)


def test_ctrl_s_saves_svgs_under_new_names(tmp_path: Path) -> None:
    app = BudgetApp(load_dataset(), screenshot_dir=tmp_path)
    existing = tmp_path / "keep.svg"
    existing.write_text("mine", encoding="utf-8")

    shown: list[str] = []

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        shown.extend(toasts(app))

    run(app, scenario, notifications=True)
    saved = sorted(p for p in tmp_path.iterdir() if p != existing)
    assert len(saved) == 2 and saved[0] != saved[1]
    assert all(p.suffix == ".svg" and "<svg" in p.read_text(encoding="utf-8") for p in saved)
    assert existing.read_text(encoding="utf-8") == "mine"
    for path in saved:
        assert any(f"保存しました: {path}" in toast for toast in shown), shown


def test_ctrl_s_reports_an_unwritable_directory(tmp_path: Path) -> None:
    """A file where the directory should be: unwritable even for root (which ignores permission bits)."""
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    _reports_failure(blocked)


def test_ctrl_s_reports_a_missing_directory(tmp_path: Path) -> None:
    _reports_failure(tmp_path / "no" / "such")


def _reports_failure(directory: Path) -> None:
    app = BudgetApp(load_dataset(), screenshot_dir=directory)

    shown: list[str] = []

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        shown.extend(toasts(app))

    run(app, scenario, notifications=True)
    assert len(shown) == 1 and "保存できません" in shown[0] and str(directory) in shown[0].replace("\n", "")
    assert not directory.is_dir() or not any(directory.iterdir())


# ---- the view's own cursor: what the copy keys copy there -----------------------------------------------
MEXT_LINE = "科学技術関係予算・府省別 文部科学省 令和2年度当初 計 21,224億円"  # line 173
SOURCE = "（出典: 総務省国際戦略局 技術政策課「令和2年度科学技術関係予算 (量子技術及びAI) について」2020-05-21、"


async def _copied(pilot: Pilot[int], key: str) -> str:
    pilot.app._clipboard = ""  # start empty: a key that copies nothing leaves ""
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.clipboard


def _highlighted(app: BudgetApp, background: str = "block-cursor-background") -> str:
    """The text the chart view draws on the cursor's background: the theme's block cursor colour (a tile's:
    its foreground, as the cursor's colour is also a tile's)."""
    cursor = Color.parse(app.theme_variables[background]).hex6.lower()
    body = app.main_screen.chart.query_one("#chart-body", Static)
    found = []
    for y in range(body.size.height):
        for seg in body.render_line(y):
            colour = seg.style.bgcolor if seg.style else None
            if colour is not None and colour.triplet is not None and colour.triplet.hex == cursor:
                found.append(seg.text)
        found.append("\n")
    return "".join(found).strip()


def test_the_chart_has_a_cursor_of_its_own_and_the_copy_keys_take_its_bar(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("v")
        await pilot.pause()
        diet = app.dataset.ministry_by_name("国会")  # the table's first row, 12億円 (line 163)
        assert screen.chart.has_focus and screen.chart.node_under_cursor() is diet  # it starts on the table's row
        await pilot.press("g")  # the first bar: the largest, 文部科学省 21,224 (line 173)
        await pilot.pause()
        mext = app.dataset.ministry_by_name("文部科学省")
        assert screen.chart.node_under_cursor() is mext
        assert screen.table.current_row().node is diet  # type: ignore[union-attr]  # the table's row stays
        lit = _highlighted(app)
        assert lit.startswith("文部科学省") and "21,224" in lit and "21,876" in lit  # both years' lines (173)
        assert "経済産業省" not in lit
        assert await _copied(pilot, "c") == "21224"
        assert await _copied(pilot, "y") == MEXT_LINE
        cited = await _copied(pilot, "C")
        assert cited.startswith(MEXT_LINE + SOURCE + "173行: 文部科学省") and cited.endswith("［ID: ministry.mext］")
        assert "国会" not in cited
        # The breadcrumb names the item, as for the table's cursor.
        assert str(screen.query_one("#breadcrumb", Static).render()).endswith("文部科学省")
        await pilot.press("j", "j")  # 経済産業省 6,889, then 国土交通省 3,681 (lines 176, 177)
        await pilot.pause()
        assert await _copied(pilot, "c") == "3681"
        await pilot.press("v")  # back to the table: its cursor on the chart's item
        await pilot.pause()
        assert screen.table.has_focus and screen.table.current_row().node.name.ja == "国土交通省"  # type: ignore[union-attr]

    run(app, scenario)


def test_the_chart_cursor_stays_on_its_item_through_redraws(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("v", "g", "j")  # 経済産業省 6,889 (line 176)
        await pilot.pause()
        meti = app.dataset.ministry_by_name("経済産業省")
        assert screen.chart.node_under_cursor() is meti
        await pilot.press("u")  # 百万円
        await pilot.pause()
        assert await _copied(pilot, "c") == "688900"
        await pilot.press("L")
        await pilot.pause()
        await pilot.resize_terminal(160, 40)  # now wide enough for the changes beside the amounts
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        assert screen.chart.node_under_cursor() is meti
        assert "METI" in _highlighted(app) and "688,900" in _highlighted(app)  # its short name at this width
        assert await _copied(pilot, "y") == (  # 6,889億円 (line 176) in 百万円
            "S&T-related budget by ministry: Ministry of Economy, Trade and Industry, FY2020 initial total: "
            "¥688,900 million"
        )

    run(app, scenario)


def test_the_chart_cursor_reaches_the_changes_and_what_is_not_drawn(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("ctrl+b", "v", "g")  # 118 columns: the changes stand beside the amounts
        await pilot.pause()
        await pilot.press("right")  # beside 文部科学省's bars: the largest growth, 国土交通省 +761 (line 177)
        await pilot.pause()
        assert screen.chart.node_under_cursor().name.ja == "国土交通省"  # type: ignore[union-attr]
        lit = _highlighted(app)
        assert "+761 (+26.1%)" in lit and "文部科学省" not in lit  # only the change's column
        await pilot.press("G")  # the last item: the printed total, listed, not drawn (line 180)
        await pilot.pause()
        assert screen.chart.node_under_cursor() is app.dataset.ministry_total
        assert "計 — 合計行 43,787億円" in _highlighted(app)
        assert screen.chart.scroll_y > 0  # scrolled to keep it in view
        assert await _copied(pilot, "c") == "43787"

    run(app, scenario)


def test_the_share_view_cursor_moves_between_tiles_and_copies_the_tile(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["totals"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("t")
        await pilot.pause()
        total_row = screen.table.current_row()
        assert total_row is not None and total_row.node.name.ja == "科学技術関係予算 (A + B)"  # line 139
        await pilot.press("g")  # the largest tile: 一般会計 35,693 (line 140)
        await pilot.pause()
        assert await _copied(pilot, "c") == "35693"
        await pilot.press("right")  # the tile beside it: 特別会計 8,094 (line 142)
        await pilot.pause()
        lit = _highlighted(app, "foreground")
        assert "2 特別会計" in lit and "8,094" in lit and "一般会計" not in lit
        assert await _copied(pilot, "c") == "8094"
        line = "科学技術関係予算・全体額 2 特別会計 (B) 令和2年度当初 8,094億円"
        assert await _copied(pilot, "y") == line
        cited = await _copied(pilot, "C")
        assert cited.startswith(line + SOURCE + "142行: 2 特別会計 (B)") and cited.endswith("［ID: totals.special］")
        assert "43,787" not in cited  # not the table's row, (A + B)
        await pilot.press("down")  # below the map: うち科学技術振興費 13,639, listed as part of 一般会計 (line 141)
        await pilot.pause()
        assert await _copied(pilot, "c") == "13639"

    run(app, scenario)


def test_enter_on_a_bar_opens_it(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["quantum"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("v")
        await pilot.pause()
        node = screen.chart.node_under_cursor()
        assert node is not None and node.children
        await pilot.press("enter")
        await pilot.pause()
        assert screen.table_of is node and screen.chart.has_focus
        assert node.name.ja in chart_text(app).splitlines()[0]

    run(app, scenario)


def test_a_not_drawn_envelope_copies_as_printed_from_the_chart(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["quantum.tech.priority"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("v", "G")
        await pilot.pause()
        while "JST 未来社会創造" not in _highlighted(app):  # up the not-drawn list to the envelope (line 203)
            before = screen.chart.node_under_cursor()
            await pilot.press("k")
            await pilot.pause()
            assert screen.chart.node_under_cursor() is not before
        assert await _copied(pilot, "c") == "77億円の内数"

    run(app, scenario)


def test_from_the_chart_to_the_shares_the_cursor_keeps_its_item(app: BudgetApp) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        screen = app.main_screen
        screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        screen.focus_now(screen.table)
        await pilot.press("v", "g", "j")  # 経済産業省 6,889 (line 176); the table's row is still 国会
        await pilot.press("t")
        await pilot.pause()
        assert screen.view == "share" and "経済産業省" in _highlighted(app, "foreground")
        assert await _copied(pilot, "c") == "6889"

    run(app, scenario)
