"""The explorer's widgets, one per module. Each owns its CSS and bindings and reports upward with its own
nested messages (named as DataTable's and OptionList's where they do the same job)."""

from tui.ui.widgets.chart_view import ChartView
from tui.ui.widgets.detail_pane import DetailPane
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.nav_tree import NavTree, node_label
from tui.ui.widgets.search_box import SearchBox, SearchInput, SearchResults
from tui.ui.widgets.too_small import TooSmall

__all__ = [
    "ChartView",
    "DetailPane",
    "FigureTable",
    "KeyBar",
    "NavTree",
    "SearchBox",
    "SearchInput",
    "SearchResults",
    "TooSmall",
    "node_label",
]
