"""Going back through recent queries with Up and Down, as a shell does: plain data, no Textual.

The entries are the remembered searches or filters, most recent first (tui.core.settings.State). Up goes to
an older entry, Down to a newer one; Down past the newest brings back what was typed before the first Up.
"""

from __future__ import annotations

from collections.abc import Sequence


class Recall:
    """A cursor over recent queries. ``position`` -1: not browsing (the input holds what was typed)."""

    def __init__(self, entries: Sequence[str] = ()) -> None:
        self.entries: tuple[str, ...] = tuple(entries)
        self.position = -1
        self.typed = ""

    def reset(self, entries: Sequence[str]) -> None:
        """New entries (a query was remembered): browsing starts again from the newest."""
        self.entries = tuple(entries)
        self.position = -1

    def browsing(self, value: str) -> bool:
        """Whether ``value`` is the entry Up or Down last brought (an edit since then ends browsing)."""
        return 0 <= self.position < len(self.entries) and self.entries[self.position] == value

    def older(self, value: str) -> str | None:
        """The entry before the one shown (``value``, what is in the input); None: there is none."""
        if not self.browsing(value):
            self.position, self.typed = -1, value
        if self.position + 1 >= len(self.entries):
            return None
        self.position += 1
        return self.entries[self.position]

    def newer(self, value: str) -> str | None:
        """The entry after the one shown, or what was typed before browsing; None: not browsing."""
        if not self.browsing(value):
            self.position = -1
            return None
        self.position -= 1
        return self.entries[self.position] if self.position >= 0 else self.typed
