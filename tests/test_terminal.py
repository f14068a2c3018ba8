"""The explorer in a real terminal: tmux runs `budget-tui`, we type, jump, copy and quit.

The copy is read back from tmux's paste buffer, which receives the app's OSC 52 sequence
(`set -s set-clipboard on`), so this proves the bytes really leave the app. A private tmux socket
is used and only that server is killed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"), reason="tmux is not installed (CI installs it and never skips)"
)


class Terminal:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"budget-tui-test-{uuid.uuid4().hex[:8]}"
        self.conf = tmp / "tmux.conf"
        self.conf.write_text(
            "set -s set-clipboard on\nset -g default-terminal tmux-256color\nset -g default-size 120x40\n"
        )
        self.status = tmp / "exit-status"

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        # tmux needs a UTF-8 locale to pass Japanese keys and screen text through unmangled. COLUMNS and
        # LINES (pytest-xdist's workers set 80 and 24) would override the pane's size for Textual.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
        done = subprocess.run(
            [TMUX, "-u", "-L", self.socket, "-f", str(self.conf), *args],
            capture_output=True, text=True, timeout=20, env=env,
        )
        return done.stdout

    def start(self, command: list[str], stderr: Path | None = None) -> None:
        env = "BUDGET_TUI_NO_SYSTEM_CLIPBOARD=1 TERM=tmux-256color"
        redirect = f" 2> {shlex.quote(str(stderr))}" if stderr else ""
        script = f"{env} {shlex.join(command)}{redirect}; echo $? > {shlex.quote(str(self.status))}"
        self.tmux("new-session", "-d", "-x", "120", "-y", "40", script)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """Poll the screen until ``text`` shows (a deadline, not a speed assertion)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")
            time.sleep(0.1)

    def buffer_when(self, done: Callable[[str], bool], timeout: float = 10) -> str:
        """Poll tmux's paste buffer (where an OSC 52 copy lands) until ``done`` holds of it, or the deadline
        passes; the buffer as last read (a deadline, not a speed assertion)."""
        deadline = time.monotonic() + timeout
        while not done(copied := self.tmux("save-buffer", "-")) and time.monotonic() < deadline:
            time.sleep(0.1)
        return copied

    def wait_for_exit(self, timeout: float = 20) -> None:
        """Until the command run by start() has ended (its exit status is then in ``self.status``)."""
        deadline = time.monotonic() + timeout
        while not self.status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", *(["-l"] if literal else []), *keys)

    def kill(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.kill()


def test_search_jump_copy_quit_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start([sys.executable, "-m", "tui"])
    terminal.wait_for("令和2年度 科学技術関係予算")
    terminal.keys("/")
    terminal.keys("Ｑ－ＬＥＡＰ", literal=True)  # full width, as a Japanese IME may type it
    terminal.wait_for("Q-LEAP(再掲)")
    terminal.keys("Enter")
    screen = terminal.wait_for("令和2年度当初: 32億円")
    assert "令和元年度当初: 22億円" in screen
    terminal.keys("c")
    terminal.wait_for("コピーしました")
    copied = terminal.buffer_when(lambda b: b == "32")
    assert copied == "32"
    terminal.keys("y")
    want = "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
    copied = terminal.buffer_when(lambda b: b == want)
    assert copied == want
    terminal.keys("q")
    terminal.wait_for_exit()
    assert terminal.status.read_text().strip() == "0"


def test_enter_then_c_typed_at_once_copies_the_result(terminal: Terminal) -> None:
    """Type-ahead: Enter on a search result and `c` in one read of the terminal. The `c` must copy the result
    jumped to, not land in the query (it did when the jump waited on the input's Submitted message)."""
    terminal.start([sys.executable, "-m", "tui"])
    terminal.wait_for("令和2年度 科学技術関係予算")
    terminal.keys("/")
    terminal.keys("衛星通信", literal=True)
    terminal.wait_for("衛星通信における量子暗号技術の研究開発  令和2年度当初 3億円")  # the hit in the results
    terminal.keys("Enter", "c")  # one send-keys: both bytes in one write
    copied = terminal.buffer_when(lambda b: b == "3")
    screen = terminal.screen()
    assert copied == "3", screen
    assert "衛星通信c" not in screen
    terminal.keys("q")


def test_a_query_and_enter_typed_at_once_still_jump(terminal: Terminal) -> None:
    """Type-ahead the other way: the query's letters and Enter in one read. Enter arrives before the letters'
    search has run; it must not be lost (the search runs then, or the input's Submitted message jumps)."""
    terminal.start([sys.executable, "-m", "tui"])
    terminal.wait_for("令和2年度 科学技術関係予算")
    terminal.keys("/")
    terminal.keys("衛星通信", "Enter")  # one send-keys: the letters and Enter in one write
    terminal.wait_for("令和2年度 科学技術関係予算 › 量子技術イノベーション戦略")  # the breadcrumb: jumped
    terminal.keys("c")
    copied = terminal.buffer_when(lambda b: b == "3")
    assert copied == "3", terminal.screen()
    terminal.keys("q")


def test_filter_enter_then_y_typed_at_once_copies_the_sigma(terminal: Terminal) -> None:
    """Type-ahead in the all-lines list: Enter in the filter and `y` in one read. The `y` copies the Σ of
    the filtered lines; it must not land in the query."""
    terminal.start([sys.executable, "-m", "tui"])
    terminal.wait_for("令和2年度 科学技術関係予算")
    terminal.keys("a")
    terminal.wait_for("全事業一覧")
    terminal.keys("f")
    terminal.keys("is:new", literal=True)
    terminal.wait_for("条件: 新規")
    terminal.keys("Enter", "y")
    copied = terminal.buffer_when(lambda b: b.startswith("新規"))
    screen = terminal.screen()
    assert copied.startswith("新規"), (copied, screen)
    assert "is:newy" not in screen
    terminal.keys("q")


def test_search_enter_tab_y_copies_the_table_row_in_a_real_terminal(terminal: Terminal) -> None:
    """Issue 10 §1: /府省別 Enter Tab puts the table cursor on 国会 (seed line 163); `y` copies that row,
    not the 府省別 heading."""
    terminal.start([sys.executable, "-m", "tui"])
    terminal.wait_for("令和2年度 科学技術関係予算")
    terminal.keys("/")
    terminal.keys("府省別", literal=True)
    terminal.wait_for("府省別")
    terminal.keys("Enter")
    terminal.wait_for("国会")
    terminal.keys("Tab")
    terminal.keys("y")
    want = "科学技術関係予算・府省別 国会 令和2年度当初 計 12億円"
    copied = terminal.buffer_when(lambda b: b == want)
    assert copied == want
    terminal.keys("q")


def test_bad_data_in_a_real_terminal_is_one_line_and_exit_2(terminal: Terminal, tmp_path: Path) -> None:
    broken = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", broken)
    (broken / "ai.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    stderr = tmp_path / "stderr"
    terminal.start([sys.executable, "-m", "tui", "--data", str(broken)], stderr=stderr)
    terminal.wait_for_exit()
    assert terminal.status.read_text().strip() == "2"
    message = stderr.read_text(encoding="utf-8")
    assert message.count("\n") == 1 and "Traceback" not in message
    assert "ai.yaml:2: invalid YAML" in message and "line 1" in message


def test_filter_and_copy_the_sigma_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start([sys.executable, "-m", "tui"])
    terminal.wait_for("令和2年度 科学技術関係予算")
    terminal.keys("a")
    terminal.wait_for("全事業一覧")
    terminal.keys("f")
    terminal.keys("strategy:ai ministry:経産省", literal=True)
    terminal.wait_for("条件: 戦略: AI戦略 · 府省: 経済産業省 — 7行")
    screen = terminal.wait_for("R2当初 235.0億円 (6事業")
    assert "Σ 7行 6事業" in screen
    terminal.keys("Enter")
    terminal.wait_for("y Copy Σ")  # the key bar lists it once the focus has left the filter box
    terminal.keys("y")
    want = "戦略: AI戦略 · 府省: 経済産業省（7行・6事業）の小計:"
    copied = terminal.buffer_when(lambda b: b.startswith(want), timeout=20)
    assert copied.startswith(want)
    assert "- 令和2年度当初 235.0億円（6事業の額の合計" in copied
    terminal.keys("q")
    terminal.wait_for_exit()
    assert terminal.status.read_text().strip() == "0"
