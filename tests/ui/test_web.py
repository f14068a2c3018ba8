"""The explorer in a browser (`budget-tui serve`, ``App.is_web``), driven through Pilot with the app told
it runs on the web driver: copies go to the browser by OSC 52 only, never to the server's system
clipboard, and say so; Ctrl+S is a download, never a file on the server's disk. (tests/test_serve.py drives
the real thing in Chromium.)"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp

# seed line 207: ●衛星通信における量子暗号技術の研究開発 3億円(4億円)
SATELLITE = "衛星通信における量子暗号技術の研究開発"


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app believes it runs in a browser; the server's clipboard must never be touched."""
    monkeypatch.setattr(BudgetApp, "is_web", property(lambda self: True))

    def no_system_clipboard(text: str) -> Any:
        raise AssertionError("the server's system clipboard was written in web mode")

    monkeypatch.setattr("tui.ui.screens.main.copy_to_system_clipboard", no_system_clipboard)


def toasts(app: BudgetApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def run(app: BudgetApp, keys: list[str]) -> list[str]:
    """Press ``keys``; the notifications on screen after them."""

    async def main() -> list[str]:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return toasts(app)

    return asyncio.run(main())




SEARCH = ["slash", *"量子暗号", "enter"]


@pytest.mark.usefixtures("web")
def test_y_goes_to_the_browser_clipboard_and_says_so() -> None:
    app = BudgetApp(load_dataset())
    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    shown = run(app, [*SEARCH, "y"])
    assert app.clipboard == f"{SATELLITE} 令和2年度当初 3億円"  # sent by OSC 52 through the web driver
    assert any("ブラウザのクリップボード" in toast and "サーバー" in toast for toast in shown), shown


@pytest.mark.usefixtures("web")
def test_the_table_copy_too_in_english() -> None:
    app = BudgetApp(load_dataset(), lang="en")
    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    shown = run(app, [*SEARCH, "Y"])
    assert app.clipboard.startswith("Name\tMinistry\t")
    assert any("to your browser's clipboard" in toast for toast in shown), shown


@pytest.mark.usefixtures("web")
def test_ctrl_s_is_a_download_never_a_file_on_the_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    delivered: list[dict[str, Any]] = []

    def deliver_text(self: BudgetApp, file: Any, **options: Any) -> str:
        delivered.append({"text": file.read(), **options})
        return "key"

    monkeypatch.setattr(BudgetApp, "deliver_text", deliver_text)
    monkeypatch.chdir(tmp_path)
    app = BudgetApp(load_dataset(), screenshot_dir=tmp_path)
    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]
    shown = run(app, ["ctrl+s"])
    assert len(delivered) == 1
    (download,) = delivered
    assert download["text"].startswith("<svg") and download["mime_type"] == "image/svg+xml"
    assert download["open_method"] == "download"
    assert download["save_filename"].startswith("budget-tui-") and download["save_filename"].endswith(".svg")
    assert list(tmp_path.iterdir()) == []  # nothing written on the server
    assert any("ダウンロード" in toast and download["save_filename"] in toast for toast in shown), shown
