"""The system clipboard, as a second route beside OSC 52 (which many terminals ignore).

Tried in order: pyperclip if installed, then wl-copy, xclip, xsel, pbcopy. A machine with none of them is
normal (a server over SSH), so every failure is silent; the caller tells the user what was tried.

OSC 52 carries the text inside one escape sequence. Terminals and multiplexers bound how long that may be
(the limits differ, and a sequence over one is dropped or cut without a word), so text over
:data:`OSC52_MAX_BYTES` is not sent that way: the system clipboard still gets it, and the message says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from tui.core.labels import CLIPBOARD
from tui.core.model import Lang

_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)
DISABLE_ENV = "BUDGET_TUI_NO_SYSTEM_CLIPBOARD"
OSC52_MAX_BYTES = 100_000  # of UTF-8 text; the sequence is a third longer (base64)


@dataclass(frozen=True)
class SystemCopy:
    """What the system clipboard route did: the tool that took the text (None: none did) and what was
    tried, in order (empty when it is switched off)."""

    tool: str | None
    tried: tuple[str, ...]


def copy_to_system_clipboard(text: str) -> SystemCopy:
    """Copy ``text`` with the first tool that takes it."""
    if os.environ.get(DISABLE_ENV):
        return SystemCopy(None, ())
    try:
        import pyperclip

        pyperclip.copy(text)
        return SystemCopy("pyperclip", ("pyperclip",))
    except Exception:  # not installed, or no clipboard mechanism behind it
        pass
    tried = ["pyperclip"]
    for command in _COMMANDS:
        tried.append(command[0])
        if shutil.which(command[0]) is None:
            continue
        if command[0] == "wl-copy" and not os.environ.get("WAYLAND_DISPLAY"):
            continue
        if command[0] in ("xclip", "xsel") and not os.environ.get("DISPLAY"):
            continue
        try:
            subprocess.run(command, input=text.encode("utf-8"), check=True, timeout=2, capture_output=True)
            return SystemCopy(command[0], tuple(tried))
        except (OSError, subprocess.SubprocessError):
            continue
    return SystemCopy(None, tuple(tried))


def fits_osc52(text: str) -> bool:
    return len(text.encode("utf-8")) <= OSC52_MAX_BYTES


def copy_report(shown: str, description: str, size: int, osc52: bool, system: SystemCopy, lang: Lang) -> str:
    """The notification after a copy: what was copied and, honestly, by which routes it went."""
    copied = bool(system.tool) or osc52
    text = {key: value.get(lang) for key, value in CLIPBOARD.items()}
    head = (text["copied"] if copied else text["not_copied"]) + shown
    lines = [head] + ([description] if description != shown else [])
    routes = []
    if system.tool:
        routes.append(text["via"].format(tool=system.tool))
    if osc52:
        routes.append(text["osc52"] if system.tool else text["osc52_maybe"])
    else:
        routes.append(text["osc52_too_big"].format(size=size, limit=OSC52_MAX_BYTES))
    if not system.tool:
        tried = ", ".join(system.tried)
        routes.append(text["no_tool"].format(tried=tried) if system.tried else text["off"].format(env=DISABLE_ENV))
    separator = "、" if lang == "ja" else "; "
    lines.append("(" + separator.join(routes) + ")")
    if not osc52:
        lines.append(text["big"])
    return "\n".join(lines)
