"""The command palette, closed once.

Two Enters in one read of the terminal (a key held down, a fast double press) reach Textual's palette
before its first dismissal has taken effect: the second selects again, dismisses again and pops a screen
that is no longer the palette, which ends the app with ScreenStackError (and would run the command
twice). Here the first selection or Escape closes the palette and every later key is ignored.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.widgets import Button, Input


class OnceCommandPalette(CommandPalette):
    """Textual's CommandPalette whose dismissal happens at most once."""

    _dismissed_once = False

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self._dismissed_once:
            return AwaitComplete()  # already on its way out: nothing more to pop
        self._dismissed_once = True
        return super().dismiss(result)

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        if self._dismissed_once:
            if event is not None:
                event.stop()
            return
        super()._select_or_command(event)

    def _action_escape(self) -> None:
        if not self._dismissed_once:
            super()._action_escape()
