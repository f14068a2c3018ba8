"""The explorer in a browser (`budget-tui serve`): where copies and files go when ``App.is_web``.

In the browser the app runs on Textual's web driver in a process on the server. Its copies go to the
*browser's* clipboard by OSC 52 (textual.js's clipboard add-on hands them to ``navigator.clipboard``), never
to the server's system clipboard, which belongs to whoever sits at the server; its files (``Ctrl+S``) go to
the browser as downloads (``App.deliver_text``), never onto the server's disk.
"""

from __future__ import annotations

from datetime import datetime

from tui.core.model import Lang

# xterm.js drops an OSC payload over 10,000,000 bytes; base64 makes text a third longer.
WEB_OSC52_MAX_BYTES = 7_000_000


def fits_browser(text: str) -> bool:
    return len(text.encode("utf-8")) <= WEB_OSC52_MAX_BYTES


def web_copy_report(shown: str, description: str, size: int, sent: bool, lang: Lang) -> str:
    """The notification after a copy in the browser: what, and that it went to the browser's clipboard."""
    if lang == "ja":
        head = ("コピーしました: " if sent else "コピーできませんでした: ") + shown
        route = (
            "（ブラウザのクリップボードへ。サーバーのクリップボードには書きません）"
            if sent
            else f"（{size:,} バイトはブラウザへ送れる上限 {WEB_OSC52_MAX_BYTES:,} バイトを超えます。"
            "budget-tui export -o FILE をお使いください）"
        )
    else:
        head = ("Copied: " if sent else "Not copied: ") + shown
        route = (
            "(to your browser's clipboard; the server's clipboard is never written)"
            if sent
            else f"({size:,} bytes is over the {WEB_OSC52_MAX_BYTES:,} bytes a browser copy takes; "
            "use budget-tui export -o FILE)"
        )
    lines = [head] + ([description] if description != shown else []) + [route]
    return "\n".join(lines)


def download_name(stem: str, suffix: str) -> str:
    """``budget-tui-YYYYMMDD-HHMMSS.svg``: the name a download gets in the browser."""
    return f"{stem}-{datetime.now():%Y%m%d-%H%M%S}{suffix}"


def download_report(name: str, lang: Lang) -> str:
    if lang == "ja":
        return f"ブラウザへダウンロードとして送りました: {name}（サーバーには保存しません）"
    return f"Sent to your browser as a download: {name} (nothing is saved on the server)"
