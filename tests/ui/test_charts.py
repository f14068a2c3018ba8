"""The chart view (`v`), the share view (`t`), the table's inline bars and ctrl+s, driven through Pilot.

Expected figures are typed from tests/fixtures/seed.txt (line numbers in the comments).
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.pilot import run, toasts
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
