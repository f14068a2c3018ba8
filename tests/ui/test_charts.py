"""The chart view (`v`), the share view (`t`), the table's inline bars and ctrl+s, driven through Pilot.

Expected figures are typed from tests/fixtures/seed.txt (line numbers in the comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.strip import Strip
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static

from tests.ui.pilot import run, toasts
from tui.core.chart import TILE_COLOURS, Role, tile_role
from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp
from tui.ui.charts import contrast_ratio, role_styles


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


# ---- themes: every colour of the pictures follows the Textual theme, live ------------------------------


def _colours(strip: Strip, glyph: str) -> set[str]:
    """The foreground colours (hex) of a strip's segments that draw ``glyph``."""
    return {
        seg.style.color.triplet.hex
        for seg in strip
        if glyph in seg.text and seg.style and seg.style.color and seg.style.color.triplet
    }


def _backgrounds(strip: Strip, text: str) -> set[str]:
    """The background colours (hex) of a strip's segments that hold ``text``."""
    return {
        seg.style.bgcolor.triplet.hex
        for seg in strip
        if text in seg.text and seg.style and seg.style.bgcolor and seg.style.bgcolor.triplet
    }


def _variable(app: BudgetApp, name: str) -> str:
    """A colour variable of the app's theme, as Textual computed it for the CSS."""
    return Color.parse(app.theme_variables[name]).hex6.lower()


def test_a_theme_change_recolours_the_table_bars_the_chart_and_the_tiles_live(app: BudgetApp) -> None:
    """Each picture is looked at in one theme, then again right after app.theme changes (as the palette's
    theme picker does) with no other key pressed: its colours are the new theme's, not the old ones."""
    seen: dict[str, dict[str, set[str]]] = {"textual-dark": {}, "gruvbox": {}}

    async def scenario(pilot: Pilot[int]) -> None:
        main = app.main_screen
        table = main.table
        body = main.chart.query_one("#chart-body", Static)
        app.theme = "textual-dark"
        main.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        index = {r.node.name.ja: i for i, r in enumerate(table.rows_shown)}

        def table_row(name: str) -> Strip:
            return table.render_line(index[name] + 1 - table.scroll_offset.y)  # + 1: the header line

        def chart_line(name: str) -> Strip:
            return next(s for s in (body.render_line(y) for y in range(body.size.height)) if name in s.text)

        async def switch(theme: str) -> dict[str, set[str]]:
            if app.theme != theme:
                app.theme = theme
                await pilot.pause()
                await pilot.pause()
            colours = seen[theme]
            for name in ("primary", "success", "error"):
                colours[name] = {_variable(app, name)}
            return colours

        def look_at_table(colours: dict[str, set[str]]) -> None:
            colours["mext_bar"] = _colours(table_row("文部科学省"), "█")  # R2 21,224 and the -652 cut (line 172)
            colours["mlit_growth"] = _colours(table_row("国土交通省"), "█") - colours["primary"]  # +761 (line 176)

        look_at_table(await switch("textual-dark"))  # already in it
        look_at_table(await switch("gruvbox"))
        await pilot.press("v")
        await pilot.pause()
        seen["gruvbox"]["chart_current"] = _colours(chart_line("文部科学省"), "█")
        colours = await switch("textual-dark")
        colours["chart_current"] = _colours(chart_line("文部科学省"), "█")
        await pilot.press("t")
        await pilot.pause()
        colours["mext_tile"] = _backgrounds(chart_line("文部科学省"), "文部科学省")
        colours = await switch("gruvbox")
        colours["mext_tile"] = _backgrounds(chart_line("文部科学省"), "文部科学省")

    run(app, scenario, notifications=True)
    for theme in ("textual-dark", "gruvbox"):
        c = seen[theme]
        assert c["mext_bar"] == c["primary"] | c["error"], theme  # this year in $primary, the cut in $error
        assert c["mlit_growth"] == c["success"], theme
        assert c["chart_current"] == c["primary"], theme
        assert c["mext_tile"] == c["primary"], theme  # the largest tile takes the first colour
    for key in ("mext_bar", "mlit_growth", "chart_current", "mext_tile"):
        assert seen["textual-dark"][key] != seen["gruvbox"][key], key
    assert seen["gruvbox"]["primary"] == {"#85a598"}  # gruvbox's primary: the switch really happened


def test_tile_text_stays_readable_in_the_light_theme(app: BudgetApp) -> None:
    """textual-light's tiles include pale ones ($warning, $accent's yellow): their text must not be white."""
    pairs: list[tuple[str, str]] = []

    async def scenario(pilot: Pilot[int]) -> None:
        app.theme = "textual-light"
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.press("t")
        await pilot.pause()
        body = app.main_screen.chart.query_one("#chart-body", Static)
        screen = _variable(app, "background")  # the lines around the map
        for y in range(body.size.height):
            for seg in body.render_line(y):
                style = seg.style
                assert style and style.bgcolor and style.bgcolor.triplet and style.color and style.color.triplet
                if seg.text.strip() and style.bgcolor.triplet.hex != screen:  # a label on a tile
                    pairs.append((style.color.triplet.hex, style.bgcolor.triplet.hex))

    run(app, scenario, notifications=True)
    tiles = {background for _, background in pairs}
    assert len(tiles) >= 6, tiles  # the ministries' labelled tiles, in several colours
    assert "#fea62b" in tiles  # textual-light's $accent: a pale tile, so black text (white is 2.0:1)
    for text, background in pairs:
        assert contrast_ratio(Color.parse(text), Color.parse(background)) >= 4.5, (text, background)


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_every_theme_keeps_the_pictures_readable(name: str) -> None:
    """In each of Textual's themes: growth and cut differ, the eight tiles differ from one another (so from
    their neighbours), and every tile's text has at least WCAG's 4.5:1 against it."""
    theme = BUILTIN_THEMES[name]
    styles = role_styles(theme)
    assert role_styles(theme) is styles  # once per theme: bar_segments runs for every row on screen
    assert styles[Role.GROWTH].color != styles[Role.CUT].color
    assert styles[Role.CURRENT].color != styles[Role.PREVIOUS].color
    tiles = [styles[tile_role(i)] for i in range(TILE_COLOURS)]
    backgrounds = [tile.bgcolor for tile in tiles]
    assert len(set(backgrounds)) == TILE_COLOURS, backgrounds
    for tile in tiles:
        assert tile.color is not None and tile.bgcolor is not None
        text, background = (Color(*c.get_truecolor()) for c in (tile.color, tile.bgcolor))  # ANSI: Rich's palette
        assert contrast_ratio(text, background) >= 4.5, (name, tile)
