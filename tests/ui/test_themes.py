"""Themes: every colour of the explorer follows the Textual theme, and a change of theme (the palette's
theme picker sets ``app.theme``) recolours everything at once, with no other key: the table's bars, the
chart and share views, the detail pane, the search results, the all-lines screen.

Colours expected are the theme's own variables as Textual computes them for the CSS (``app.theme_variables``),
not tui.ui.charts' derivation of them.
"""

from __future__ import annotations

import re

import pytest
from textual.color import Color, ColorParseError
from textual.pilot import Pilot
from textual.strip import Strip
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static

from tests.ui.pilot import run
from tui.core.chart import TILE_COLOURS, Role, tile_role
from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp
from tui.ui.charts import contrast_ratio, role_styles


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
        app.theme = "textual-dark"
        main.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        index = {r.node.name.ja: i for i, r in enumerate(table.rows_shown)}

        def table_row(name: str) -> Strip:
            return table.render_line(index[name] + 1 - table.scroll_offset.y)  # + 1: the header line

        def chart_line(name: str) -> Strip:
            body = main.chart.query_one("#chart-body", Static)  # the chart view is mounted on first use (`v`)
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


def test_the_palette_changes_the_theme(app: BudgetApp) -> None:
    """Ctrl+P, "theme" (Textual's own Change theme command), then a theme's name: it is the app's theme."""

    async def scenario(pilot: Pilot[int]) -> None:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"gruvbox")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()

    run(app, scenario)
    assert app.theme == "gruvbox"


def _theme_colours(name: str) -> set[str]:
    """Every opaque colour among a theme's CSS variables, as #rrggbb."""
    theme = BUILTIN_THEMES[name]
    colours = set()
    for value in {**theme.to_color_system().generate(), **theme.variables}.values():
        try:
            colour = Color.parse(value)
        except ColorParseError:  # "auto 87%", "ansi_default 50%": not a colour of their own
            continue
        if colour.a == 1 and colour.ansi is None:
            colours.add(colour.hex6.lower())
    return colours


@pytest.mark.parametrize(
    ("node", "keys"),
    [
        ("quantum.q-leap", ()),  # the detail pane: its warning and source lines are component styles
        (None, ("slash", *"SIP")),  # search results
        ("ministries", ("v",)),
        ("ministries", ("t",)),
        (None, ("a", "f", *"strategy:ai", "enter", "tab", "tab")),  # all lines, filter terms, Σ line focused
        (None, ("question_mark",)),
    ],
)
def test_no_colour_of_the_old_theme_is_left_after_a_change(node: str | None, keys: tuple[str, ...]) -> None:
    """The screen as exported (app.export_screenshot, what Ctrl+S saves), right after a change from
    textual-dark to gruvbox: none of textual-dark's own colours is left anywhere on it."""
    app = BudgetApp(load_dataset())
    screens: list[str] = []

    async def scenario(pilot: Pilot[int]) -> None:
        if node is not None:
            app.main_screen.jump_to(app.dataset.nodes[node])
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        screens.append(app.export_screenshot())
        app.theme = "gruvbox"
        await pilot.pause()
        await pilot.pause()
        screens.append(app.export_screenshot())

    run(app, scenario, size=(120, 60))  # tall enough for the detail pane's source line (出典)
    old = _theme_colours("textual-dark") - _theme_colours("gruvbox")
    before, after = (set(re.findall(r"#[0-9a-f]{6}\b", svg.lower())) for svg in screens)
    assert before & old  # the screen showed textual-dark's colours: the check below can fail
    assert not after & old, sorted(after & old)


def test_under_the_cursor_a_bar_takes_the_cursor_colour(app: BudgetApp) -> None:
    """Themes make the cursor's background their primary, the colour of this year's bars: under the cursor
    the glyphs are drawn in the cursor's own foreground, so the bar stays visible."""
    cell: list[tuple[str, str]] = []  # (text, colour) of the segments under the cursor
    colours: dict[str, str] = {}

    async def scenario(pilot: Pilot[int]) -> None:
        table = app.main_screen.table
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        table.focus()
        row = next(i for i, r in enumerate(table.rows_shown) if r.node.name.ja == "文部科学省")
        table.move_cursor(row=row, column=[c.key for c in table.shown_columns].index("bar"))
        await pilot.pause()
        cursor = colours["cursor"] = _variable(app, "block-cursor-background")
        colours["primary"] = _variable(app, "primary")
        for seg in table.render_line(row + 1 - table.scroll_offset.y):
            style = seg.style
            assert style and style.bgcolor and style.bgcolor.triplet and style.color and style.color.triplet
            if style.bgcolor.triplet.hex == cursor:
                cell.append((seg.text, style.color.triplet.hex))

    run(app, scenario)
    assert colours["cursor"] == colours["primary"]  # textual-dark: the case this is for
    assert "████████" in "".join(text for text, _ in cell)  # the largest: the full 8 cells (line 172)
    assert len({colour for _, colour in cell}) == 1 and cell[0][1] != colours["primary"], cell


def test_a_remembered_theme_colours_the_first_screen(app: BudgetApp) -> None:
    """tui.cli.explore sets the remembered (or configured) theme before the app runs: the first screen's
    bars and detail pane are in it, with no textual-dark colour left from before."""
    app.theme = "nord"
    seen: dict[str, set[str]] = {}

    async def scenario(pilot: Pilot[int]) -> None:
        table = app.main_screen.table
        app.main_screen.jump_to(app.dataset.nodes["ministries"])
        await pilot.pause()
        row = next(i for i, r in enumerate(table.rows_shown) if r.node.name.ja == "国土交通省")
        seen["bar"] = _colours(table.render_line(row + 1 - table.scroll_offset.y), "█")
        seen["expected"] = {_variable(app, "primary"), _variable(app, "success")}  # 3,681 and +761 (line 176)
        seen["screen"] = set(re.findall(r"#[0-9a-f]{6}\b", app.export_screenshot().lower()))

    run(app, scenario)
    assert seen["bar"] == seen["expected"] == {"#88c0d0", "#a3be8c"}  # nord's primary and success
    assert not seen["screen"] & (_theme_colours("textual-dark") - _theme_colours("nord"))
