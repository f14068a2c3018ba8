"""The all-lines table and the group-by table: the figure table's drawing over other columns."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from textual.message import Message

from tui.core.fmt import Unit
from tui.core.groups import GROUP_COLUMNS, Group, group_cell, group_value
from tui.core.lines import COLUMNS as LINE_COLUMNS
from tui.core.lines import LineRows
from tui.core.model import Lang, Node
from tui.core.table import Cell, Column, Row
from tui.ui.widgets.figure_table import FigureTable

_LINE_COLUMNS = [Column(c.key, c.title, c.numeric) for c in LINE_COLUMNS]
_GROUP_COLUMNS = [Column(key, title, numeric) for key, title, numeric in GROUP_COLUMNS]


class LinesTable(FigureTable):
    """Every program line (or those the filter keeps): name, strategy, section, ministry, agency, the
    three figures with their bases, 新規, 再掲 and the source line. `space` selects (the screen's)."""

    class Opened(Message):
        """Enter on a row of this table (a line, or a group)."""

        def __init__(self, table: LinesTable, row: Row) -> None:
            super().__init__()
            self.table = table
            self.row = row

    def action_select_cursor(self) -> None:
        row = self.current_row()
        if row is not None:
            self.post_message(self.Opened(self, row))

    def show_lines(self, rows: LineRows, focus: Node | None, sort: tuple[str, bool] | None) -> None:
        self._show(rows, _LINE_COLUMNS, rows.lang, focus, sort)

    def _show(
        self,
        rows: Sequence[Row],
        columns: list[Column],
        lang: Lang,
        focus: Node | None,
        sort: tuple[str, bool] | None,
    ) -> None:
        keys = {c.key for c in columns}
        column_key = self.current_column_key() if self.rows_shown else "fy2020"
        self._columns = list(columns)
        self.titles = {c.key: c.title.get(lang) for c in columns}
        if sort is not None and sort[0] in self.titles:
            self.titles[sort[0]] += " ▼" if sort[1] else " ▲"
        self.rows_shown = rows
        self._fit(column_key if column_key in keys else "fy2020")
        where = getattr(rows, "position", None)
        row = where(focus) if focus is not None and where is not None else None
        self.cursor_row = row or 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()

    def redraw(self) -> None:
        """Draw the rows again (a selection changed), keeping cursor and scroll."""
        self._strips.clear()
        self.refresh()


class GroupTable(LinesTable):
    """Group-by: one row per group with its lines, programs, own sums, 補正 and 内数 envelopes."""

    def show_groups(self, groups: Sequence[Group], lang: Lang, unit: Unit, sort: tuple[str, bool] | None) -> list[Row]:
        rows = [group_row(group, lang, unit) for group in groups]
        self._show(rows, _GROUP_COLUMNS, lang, None, sort)
        return rows


def group_row(group: Group, lang: Lang, unit: Unit) -> Row:
    """A group as a table row; its node stands for the group (it is in no tree)."""
    node = Node(f"group:{group.key}", "group", group.label, None)
    cells = {}
    for key, _, numeric in GROUP_COLUMNS:
        value = group_value(group, key)
        text = group_cell(group, key, lang, unit)
        copy = text.replace(",", "") if numeric and key != "within" else text
        sort: Decimal | str = value if isinstance(value, str) else Decimal(value)
        cells[key] = Cell(text, copy or None, (0, sort))
    return Row(node, cells)
