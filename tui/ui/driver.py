"""The terminal driver: Textual's own, with an input thread that survives bad bytes from the terminal.

Textual's Linux driver decodes what the terminal sends as strict UTF-8 and parses escape sequences with
``chr(int(...))`` of their parameters: a lone ``\\xff`` (a paste from a Latin-1 terminal, line noise) or an
out-of-range CSI parameter (``ESC [ 99999999999999999999 ~``) raises in the input thread, which then
panics the app with a traceback *and exit status 0* (Textual's ``panic`` sets no return code). Here the
thread is restarted instead: the chunk that held the bad bytes (at most 4 KiB of input) is dropped, the
parser starts afresh, and the explorer keeps running. If the thread keeps failing (:data:`MAX_RESTARTS`
times), the app exits with status 1 and the traceback, never 0.
"""

from __future__ import annotations

import rich.traceback
from textual.drivers.linux_driver import LinuxDriver

MAX_RESTARTS = 1_000


class ResilientLinuxDriver(LinuxDriver):
    """LinuxDriver whose input thread is restarted after an exception from the bytes it read."""

    restarts = 0

    def _run_input_thread(self) -> None:
        while True:
            try:
                self.run_input_thread()
                return
            except Exception:
                if self.exit_event.is_set():
                    return
                self.restarts += 1
                if self.restarts < MAX_RESTARTS:
                    continue  # drop the chunk that failed; read on
                trace = rich.traceback.Traceback()
                self._app.call_later(self._app.exit, None, 1, trace)
                return
