"""`budget-tui serve`: the explorer in a real browser (Debian's chromium driven by Playwright), offline,
with copies reaching the browser's clipboard; and the server's guards (loopback, Host, Origin)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pytest

from tests.helpers import REPO
from tui.cli.serve import TEMPLATES, allowed_hosts, child_command, is_loopback

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 60.0  # seconds for the server to answer (a shared machine can be slow)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_serve(*args: str) -> subprocess.Popen[str]:
    """`budget-tui serve ARGS`; its stderr goes to a file (a pipe nobody reads could fill and block it)."""
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (read by stderr_of, closed there)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        start_new_session=True,  # its own process group: the explorers it starts are stopped with it
    )
    LOGS[process.pid] = log
    return process


LOGS: dict[int, IO[str]] = {}


def stderr_of(process: subprocess.Popen[str]) -> str:
    process.wait(timeout=60)
    log = LOGS.pop(process.pid)
    log.seek(0)
    text = log.read()
    log.close()
    return text


def stop(process: subprocess.Popen[str]) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # any explorer left over
    return process.returncode


def get(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def server() -> Iterator[str]:
    port = free_port()
    process = start_serve("--port", str(port))
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        with contextlib.suppress(OSError):
            if get(url) == 200:
                break
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            pytest.fail(f"serve did not start: {stderr_of(process)}")
        time.sleep(0.2)
    yield url
    assert stop(process) == 0
    assert stderr_of(process).startswith(
        f"budget-tui: serving the explorer on {url} (one explorer process per browser tab; Ctrl+C stops)\n"
    )


def test_loopback_is_told_apart() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost", "LOCALHOST"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.0.2.1", "example.org", ""))
    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert allowed_hosts("0.0.0.0", 8000) is None


def test_each_tab_runs_this_python_with_the_data_and_language() -> None:
    command = child_command(Path("data"), "en")
    assert command.startswith(sys.executable) and "-m tui --data" in command and command.endswith("--lang en")
    assert str(Path("data").absolute()) in command


def test_the_page_template_loads_nothing_from_outside() -> None:
    page = (TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert "googleapis" not in page
    assert [u for u in page.split('"') if u.startswith(("http:", "https:", "//"))] == ["http://www.w3.org/2000/svg"]
    assert 'local("Noto Sans Mono CJK JP")' in page  # the CJK-capable local font stack


def test_the_server_answers_only_loopback_hosts_and_its_own_page(server: str) -> None:
    port = urlsplit(server).port
    assert get(server) == 200
    assert get(server, {"Host": f"localhost:{port}"}) == 200
    assert get(server, {"Host": f"attacker.example:{port}"}) == 403  # a name pointed at 127.0.0.1
    ws = server + "ws"
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}  # fmt: skip
    assert get(ws, {**upgrade, "Origin": "http://attacker.example"}) == 403  # another site's page


def test_a_network_address_warns_that_there_is_no_authentication() -> None:
    # The warning comes before the bind. Port taken on 127.0.0.1 makes 0.0.0.0 fail to bind, so this
    # never listens on the network: the bind error must be one line too.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start_serve("--host", "0.0.0.0", "--port", str(port))
        try:
            err = stderr_of(process)
        finally:
            stop(process)
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"budget-tui: warning: serving on 0.0.0.0:{port} to the network; there is no auth")
    assert lines[-1].startswith(f"budget-tui: error: cannot serve on 0.0.0.0:{port}: ")
    assert process.returncode == 2 and "Traceback" not in err


def test_a_bad_port_is_a_usage_error() -> None:
    process = start_serve("--port", "70000")
    err = stderr_of(process)
    assert process.returncode == 2 and "a port is 1 to 65535, not 70000" in err


def _chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"no Chromium at {CHROMIUM}: apt-get install chromium fonts-noto-cjk (.ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.mark.skipif(_chromium_missing() is not None, reason=str(_chromium_missing()))
def test_search_and_copy_in_a_real_browser_offline(server: str) -> None:
    from playwright.sync_api import WebSocket, sync_playwright

    origin = server.rstrip("/")
    requests: list[str] = []
    received: list[str] = []  # what the explorer drew, as it came over the websocket

    def screen_has(text: str) -> bool:
        return text in "".join(received)

    def wait_for(condition: object, what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}")
            page.wait_for_timeout(100)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))

            def on_frame(frame: str | bytes) -> None:
                received.append(frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))

            def on_websocket(ws: WebSocket) -> None:
                requests.append(ws.url)
                ws.on("framereceived", on_frame)

            page.on("websocket", on_websocket)
            page.goto(server)
            wait_for(lambda: screen_has("全体額"), "the explorer's tree")
            page.click(".xterm-screen")  # the terminal takes the keys
            page.keyboard.type("/量子暗号")
            wait_for(lambda: screen_has("衛星通信"), "the search result")
            page.keyboard.press("Enter")
            page.wait_for_timeout(500)
            page.keyboard.type("y")
            clipboard: list[str] = [""]

            def copied() -> bool:
                clipboard[0] = page.evaluate("navigator.clipboard.readText()")
                return bool(clipboard[0])

            wait_for(copied, "the copy to reach the browser's clipboard")
            with page.expect_download(timeout=60_000) as download_info:
                page.keyboard.press("Control+s")  # the screenshot arrives as a download
            download = download_info.value
            saved = Path(download.path())
            svg = saved.read_text(encoding="utf-8")
        finally:
            browser.close()
    # seed line 207: ●衛星通信における量子暗号技術の研究開発 3億円(4億円)
    assert clipboard[0] == "衛星通信における量子暗号技術の研究開発 令和2年度当初 3億円"
    outside = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert requests and not outside, outside
    assert any(u.startswith("ws://127.0.0.1") for u in requests)  # the explorer's own websocket
    assert download.suggested_filename.startswith("budget-tui-") and download.suggested_filename.endswith(".svg")
    assert svg.startswith("<svg") and "量子暗号" in svg
    assert not list(REPO.glob("budget-tui-*.svg"))  # the server's working directory got no file


def test_bad_data_stops_before_anything_listens(tmp_path: Path) -> None:
    process = start_serve("--data", str(tmp_path / "missing"), "--port", str(free_port()))
    err = stderr_of(process)
    assert process.returncode == 2 and err.count("\n") == 1 and "no such data directory" in err


def test_the_web_driver_needs_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli.explore import terminal_problem

    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")  # as textual-serve sets it
    assert terminal_problem() is None
