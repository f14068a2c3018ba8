"""Bad bytes from the terminal (issue 14 §3): the explorer in a real pseudo-terminal survives a lone
``\\xff``, a truncated UTF-8 sequence and out-of-range CSI parameters, which used to kill Textual's input
thread with a traceback and exit status 0; and if the input thread does die, the exit status is 1."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import struct
import sys
import termios
import time

import pytest

from tests.helpers import REPO

pty = pytest.importorskip("pty")

RUN = "import sys; from tui import cli; sys.exit(cli.main([]))"
# The input thread failing on every read: after MAX_RESTARTS (lowered to 3) the app must exit with 1.
ALWAYS_FAILING = """
import sys
import textual._xterm_parser as xterm
import tui.ui.driver as driver
driver.MAX_RESTARTS = 3
def broken(self, data):
    raise ValueError("simulated parser failure")
xterm.XTermParser.feed = broken
from tui import cli
sys.exit(cli.main([]))
"""


class Pty:
    def __init__(self, code: str) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the explorer on the pty
            os.chdir(REPO)
            os.environ.update(TERM="xterm-256color", BUDGET_TUI_NO_SYSTEM_CLIPBOARD="1", PYTHONPATH=str(REPO))
            for name in ("COLUMNS", "LINES"):  # Textual would take these over the pty's size
                os.environ.pop(name, None)
            os.execv(sys.executable, [sys.executable, "-c", code])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # 120×40, not 0×0
        self.pid, self.fd, self.out = pid, fd, b""

    def read_until(self, text: bytes, timeout: float = 30, since: int = 0) -> None:
        """Collect output until ``text`` shows after ``since`` (a deadline, not a speed assertion)."""
        deadline = time.monotonic() + timeout
        while text not in self.out[since:]:
            assert time.monotonic() < deadline, f"{text!r} never showed"
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    self.out += os.read(self.fd, 65536)
                except OSError:  # the child has gone
                    return

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            assert time.monotonic() < deadline, "the explorer did not exit"
            self._drain()

    def _drain(self) -> None:
        ready, _, _ = select.select([self.fd], [], [], 0.1)
        if ready:
            with contextlib.suppress(OSError):
                self.out += os.read(self.fd, 65536)


@pytest.mark.parametrize(
    "bad",
    [
        b"\xff",
        b"\xc3",  # the first byte of a two-byte character, then a plain one
        b"\xfe\xfe\xff\xff",
        b"\x1b[99999999999999999999~",
        b"\x1b[99999999999999999999u",
        b"\x1b[1;99999999999999999999u\x1b[<0;99999999999999999999;5M",
    ],
    ids=["lone-ff", "truncated-utf8", "bom-bytes", "csi-tilde", "csi-u", "csi-mixed"],
)
def test_the_explorer_survives_bad_bytes_from_the_terminal(bad: bytes) -> None:
    term = Pty(RUN)
    term.read_until(b"Search")
    term.send(bad)
    # The chunk read with the bad bytes is dropped, keys included; so press `u` (unit: 億円 → 百万円, shown
    # in the header) until the app answers: it is alive and reading keys.
    start = len(term.out)
    deadline = time.monotonic() + 30
    while "百万".encode() not in term.out[start:]:
        assert time.monotonic() < deadline, "the explorer no longer answers keys"
        term.send(b"u")
        with contextlib.suppress(AssertionError):
            term.read_until("百万".encode(), timeout=1, since=start)
    term.send(b"q")
    assert term.wait() == 0
    assert b"Traceback" not in term.out


def test_an_input_thread_that_keeps_failing_ends_with_status_1() -> None:
    term = Pty(ALWAYS_FAILING)
    term.read_until(b"Search")
    deadline = time.monotonic() + 30
    while True:  # every read fails; after 3 the app must end, with status 1
        pid, status = os.waitpid(term.pid, os.WNOHANG)
        if pid:
            break
        assert time.monotonic() < deadline, "the explorer did not exit"
        term.send(b"j")
        term._drain()
    assert os.waitstatus_to_exitcode(status) == 1
