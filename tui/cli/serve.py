"""`budget-tui serve`: the explorer in a web browser, through textual-serve.

Each browser tab that opens the page starts its own explorer process (``python -m tui --data DIR --lang
L``) whose screen textual-serve streams to the page over a websocket; closing the tab ends it.

- **Loopback by default.** ``--host`` anything else serves the network, with a warning line: there is no
  authentication, whoever reaches the port uses the explorer (and reads the data).
- **Only this machine's pages.** On a loopback address every request must name a loopback host
  (``Host: 127.0.0.1:PORT``, ``localhost:PORT``, ``[::1]:PORT``) and the websocket must come from this
  server's own page (its ``Origin``): another web site open in the same browser can neither drive the
  explorer through the websocket nor reach it by pointing a name of its own at 127.0.0.1.
- **Offline.** The page is our own template (``tui/cli/web/app_index.html``, textual-serve's
  ``templates_path``) that loads nothing from outside the server: textual-serve's own links a web font
  from the internet; ours maps the terminal's font family to the server's own Roboto Mono for Latin and
  the machine's installed CJK fonts for Japanese.
- **Copies and files go to the browser.** In the browser the explorer runs on Textual's web driver
  (``App.is_web``): copies go to the browser's clipboard by OSC 52 (textual.js's clipboard add-on), never
  to the server's system clipboard, and ``Ctrl+S`` arrives as a download (``App.deliver_screenshot``),
  never as a file on the server's disk.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from tui.cli.errors import EXIT_BAD_INPUT, EXIT_OK, print_error

TEMPLATES = Path(__file__).resolve().parent / "web"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host as it goes in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def child_command(data_dir: Path | None, lang: str) -> str:
    """The explorer each browser tab runs: this Python, this checkout's or installation's tui."""
    argv = [sys.executable, "-m", "tui"]
    if data_dir is not None:
        argv += ["--data", str(data_dir.absolute())]
    argv += ["--lang", lang]
    return shlex.join(argv)


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host headers a loopback server answers (None: any, for a server bound to the network)."""
    if not is_loopback(host):
        return None
    names = {"127.0.0.1", "localhost", "[::1]", url_host(host).lower()}
    return {f"{name}:{port}" for name in names} | (names if port == 80 else set())


def make_server(data_dir: Path | None, lang: str, host: str, port: int) -> Any:
    """The textual-serve Server for the explorer (imported here: only `serve` needs aiohttp)."""
    from aiohttp import web
    from textual_serve.server import Server

    hosts = allowed_hosts(host, port)

    @web.middleware
    async def only_this_machine(request: web.Request, handler: Any) -> web.StreamResponse:
        if hosts is not None and request.host.lower() not in hosts:
            raise web.HTTPForbidden(text="budget-tui serve answers only on a loopback address")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and origin.lower() != f"http://{request.host}".lower():
            raise web.HTTPForbidden(text="the explorer's websocket opens only from its own page")
        response: web.StreamResponse = await handler(request)
        return response

    class BudgetServer(Server):
        async def _make_app(self) -> web.Application:
            app: web.Application = await super()._make_app()
            app.middlewares.append(only_this_machine)
            return app

        async def handle_index(self, request: web.Request) -> Any:
            # The page's websocket and static URLs name the host the browser used (with --host 0.0.0.0,
            # the machine's address, not 0.0.0.0).
            self.public_url = f"http://{request.host}"
            return await super().handle_index(request)

        async def on_startup(self, app: web.Application) -> None:
            pass  # textual-serve's logo and URL: ours is printed once the port is bound (below)

        def serve(self, debug: bool = False) -> None:
            # textual-serve's serve(), with aiohttp's "running on" callback (called once the sites are
            # bound, unlike on_startup) saying where to point the browser.
            import asyncio
            import signal

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)

            def running(*_: object) -> None:
                print(
                    f"budget-tui: serving the explorer on http://{url_host(host)}:{port}/ "
                    "(one explorer process per browser tab; Ctrl+C stops)",
                    file=sys.stderr,
                    flush=True,
                )

            web.run_app(self._make_app(), host=host, port=port, handle_signals=False, loop=loop, print=running)

    title = "budget-tui" + (" 令和2年度科学技術関係予算" if lang == "ja" else " FY2020 S&T budget")
    return BudgetServer(
        child_command(data_dir, lang),
        host=host,
        port=port,
        title=title,
        public_url=f"http://{url_host(host)}:{port}",
        templates_path=TEMPLATES,
    )


def run_serve(data_dir: Path | None, lang: str, host: str, port: int) -> int:
    from tui.core.loader import load_dataset

    load_dataset(data_dir)  # bad data stops here with its one line, not in every browser tab
    if not is_loopback(host):
        print(
            f"budget-tui: warning: serving on {host}:{port} to the network; there is no authentication: "
            "anyone who can reach this port can use the explorer and read its data",
            file=sys.stderr,
            flush=True,
        )
    server = make_server(data_dir, lang, host, port)
    try:
        server.serve()
    except OSError as exc:
        # aiohttp says "error while attempting to bind on address ('127.0.0.1', 8000): address already in use"
        reason = str(exc.strerror or exc).rsplit(": ", 1)[-1]
        print_error(f"cannot serve on {url_host(host)}:{port}: {reason}")
        return EXIT_BAD_INPUT
    return EXIT_OK
