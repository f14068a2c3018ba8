"""Drawing what tui.core.chart and tui.core.treemap lay out, in the colours of the app's Textual theme: a
style for each of their roles (``role_styles``), the chart and share views' lines (``line_text``) and the
table's inline bars (``bar_segments``). The chart / share view widget that draws them is
tui.ui.widgets.chart_view.

Every colour comes from the theme: the bars from ``$primary`` (this year), ``$foreground-muted`` (last
year; ``$text-muted`` is the same foreground at 60 %, but relative to each widget's background), growth and
cut from ``$success`` and ``$error``; the share view's tiles from the theme's six named colours and, to make
eight that differ, their lighter and darker variants; the view's cursor from ``$block-cursor-*`` (and
``$block-cursor-blurred-*``), the table's cursor colours, and a tile under it in ``$foreground`` (with text
in ``$background``), since ``$primary`` is also a tile's colour. What a picture must say does not rest on
colour alone: an estimate is shaded (░) where this year's amount is solid (█), a cut is left of the axis
and a growth right.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text as RichText
from textual.color import Color, ColorParseError, rgb_to_lab
from textual.theme import Theme

from tui.core.chart import TILE_COLOURS, Bar, Line, Role, tile_role

View = Literal["chart", "share"]
RoleStyles = Mapping[str, Style]  # a Role value, a tile_role() or a cursor below → its Rich style in one theme
CURSOR = "cursor"  # the chart / share view's cursor, in the theme's block cursor colours (the table's)
CURSOR_BLURRED = "cursor-blurred"  # the same while another pane has focus
# A tile under the cursor: the cursor's colour is the theme's primary, one of the tiles' own, so the tile is
# drawn in the theme's foreground instead (its text in the background colour), a colour no tile takes.
TILE_CURSOR = "tile-cursor"
TILE_CURSOR_BLURRED = "tile-cursor-blurred"  # in the muted foreground while another pane has focus

_TILE_NAMES = ("primary", "accent", "success", "error", "secondary", "warning")  # in the order tiles take them
_TILE_VARIANTS = ("lighten-2", "darken-2", "lighten-3", "darken-3")
_ANSI_NAMES = tuple(
    f"ansi_{bright}{name}"
    for bright in ("", "bright_")
    for name in ("red", "green", "yellow", "blue", "magenta", "cyan")
)
_SAME_COLOUR = 10.0  # CIE76 ΔE below which two theme colours count as one (textual-dark's accent is its warning)
_NULL = Style()

_BY_THEME: dict[str, tuple[Theme, dict[str, Style]]] = {}


def role_styles(theme: Theme) -> RoleStyles:
    """The styles of every role in ``theme``, computed once per theme: bar_segments runs for every row that
    scrolls into view and must not derive colours each time."""
    cached = _BY_THEME.get(theme.name)
    if cached is None or cached[0] is not theme:  # a theme registered again under the same name
        cached = _BY_THEME[theme.name] = (theme, _derive(theme))
    return cached[1]


def line_text(line: Line, styles: RoleStyles) -> RichText:
    text = RichText()
    for segment, role in line:
        text.append(segment, style=styles.get(role, _NULL))
    return text


def bar_segments(bar: Bar, width: int, padding: int, base: Style, styles: RoleStyles) -> list[Segment]:
    """A table cell's inline bar: padding, the glyphs in their roles' colours over the row's style, then
    blanks to ``width`` and padding. Plain segments: this runs for every row that scrolls into view."""
    pad = Segment(" " * padding, base)
    segments = [pad]
    for text, role in bar.segments:
        segments.append(Segment(text, base + styles.get(role, _NULL)))
    segments.append(Segment(" " * max(0, width - len(bar.text)), base))
    segments.append(pad)
    return segments


def contrast_ratio(one: Color, other: Color) -> float:
    """WCAG 2's contrast ratio of two opaque colours, from 1 (the same) to 21 (black and white)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tile_text_colour(tile: Color) -> Color:
    """Black or white, whichever contrasts more with ``tile``: on any colour that is at least 4.58:1 (the
    worst case, a tile of relative luminance 0.179, has that with both), above WCAG's 4.5:1 for text. The
    theme's own foreground would follow it more closely but falls below that on its mid-tone colours."""
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    return black if contrast_ratio(tile, black) >= contrast_ratio(tile, white) else white


def tile_colours(variables: Mapping[str, str]) -> list[Color]:
    """TILE_COLOURS colours that differ, from a theme's variables: its six named colours (those that are
    not the same as one before), then each time the variant farthest from all already taken."""
    named = [colour for name in _TILE_NAMES if (colour := _parse(variables[name])) is not None]
    chosen: list[Color] = []
    for colour in named:
        if all(_distance(colour, other) >= _SAME_COLOUR for other in chosen):
            chosen.append(colour)
    if any(colour.ansi is not None for colour in named):  # an ANSI theme: only the terminal's own colours
        variants = [Color.parse(name) for name in _ANSI_NAMES]
    else:
        variants = [c for n in _TILE_NAMES for v in _TILE_VARIANTS if (c := _parse(variables[f"{n}-{v}"]))]
    while len(chosen) < TILE_COLOURS and (variants or chosen):
        pool = variants or chosen  # a theme with fewer colours than tiles repeats them
        chosen.append(max(pool, key=lambda colour: min(_distance(colour, other) for other in chosen)))
    return chosen


def _derive(theme: Theme) -> dict[str, Style]:
    # The variables as App.get_css_variables makes them for the theme's CSS: derived, then the theme's own.
    variables = {**theme.to_color_system().generate(), **theme.variables}
    background = _parse(variables["background"]) or Color(0, 0, 0)

    def fore(name: str) -> Style:
        colour = _parse(variables[name], background)
        return Style(color=colour.rich_color) if colour is not None else Style(dim=True)  # ANSI: no blending

    muted = fore("foreground-muted")
    styles: dict[str, Style] = {
        Role.PLAIN: _NULL,
        Role.CURRENT: fore("primary"),
        Role.ESTIMATE: fore("primary"),  # this year's amount too: shaded ░ (tui.core.chart), not another colour
        Role.PREVIOUS: muted,
        Role.GROWTH: fore("success"),
        Role.CUT: fore("error"),
        Role.AXIS: muted,
        Role.HEADING: Style(bold=True),
        Role.MUTED: muted,
        CURSOR: _cursor(variables, background, "block-cursor"),
        CURSOR_BLURRED: _cursor(variables, background, "block-cursor-blurred"),
        TILE_CURSOR: _inverse(fore("foreground"), background, bold=True),
        TILE_CURSOR_BLURRED: _inverse(muted, background, bold=False),
    }
    for index, tile in enumerate(tile_colours(variables)):
        text = tile_text_colour(tile)
        styles[tile_role(index)] = Style(bold=True, color=text.rich_color, bgcolor=tile.rich_color)
    return styles


def _inverse(foreground: Style, background: Color, *, bold: bool) -> Style:
    """Text in the background's colour on ``foreground``'s colour (reverse video where it has none: ANSI)."""
    if foreground.color is None or background.ansi is not None:
        return Style(reverse=True, bold=bold or None)
    return Style(color=background.rich_color, bgcolor=foreground.color, bold=bold or None)


def _cursor(variables: Mapping[str, str], background: Color, prefix: str) -> Style:
    """A cursor as the theme's ``prefix``-background, -foreground and -text-style variables make it. Over the
    cursor every glyph takes its foreground: themes make the cursor's background their primary, the colour of
    this year's bars, which would otherwise vanish into it (as in the table)."""
    back = _parse(variables[f"{prefix}-background"], background)
    if back is None:
        return Style(reverse=True)  # an ANSI theme's default colours: the terminal's own reverse video
    name, _, alpha = variables[f"{prefix}-foreground"].partition(" ")
    if name == "auto" and back.ansi is None:  # the text colour that contrasts most, as Textual's CSS makes it
        fore: Color | None = back + back.get_contrast_text(float(alpha[:-1]) / 100 if alpha.endswith("%") else 1.0)
    else:
        fore = _parse(variables[f"{prefix}-foreground"], back)
    bold = "bold" in variables.get(f"{prefix}-text-style", "").split()
    return Style(color=fore.rich_color if fore is not None else None, bgcolor=back.rich_color, bold=bold or None)


def _parse(value: str, under: Color | None = None) -> Color | None:
    """A theme variable's colour, opaque: a translucent one ("#E0E0E099", "red 60%") as drawn over
    ``under``. None for what has no colour of its own ("auto 60%", ANSI's default) or cannot be blended."""
    name, _, alpha = value.partition(" ")
    try:
        colour = Color.parse(name)
    except ColorParseError:
        return None
    if alpha.endswith("%"):
        colour = colour.multiply_alpha(float(alpha[:-1]) / 100)
    if colour.ansi == -1:
        return None
    if colour.a < 1:
        if under is None or under.ansi is not None or colour.ansi is not None:
            return None
        return under + colour
    return colour


def _distance(one: Color, other: Color) -> float:
    return math.dist(rgb_to_lab(one), rgb_to_lab(other))


def _luminance(colour: Color) -> float:
    """WCAG 2's relative luminance."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
