"""The system clipboard, as a second route beside OSC 52 (which many terminals ignore).

pyperclip (a required dependency) finds the mechanism: wl-copy on Wayland, xclip, xsel or klipper on X11,
pbcopy on macOS, the Windows clipboard (WSL too). No route of our own is kept beside it: every command we
used to try (wl-copy, xclip, xsel, pbcopy) is one pyperclip tries itself. A machine with none of them is
normal (a server over SSH), so a failure is silent here; the caller tells the user what was tried.

OSC 52 carries the text inside one escape sequence. Terminals and multiplexers bound how long that may be
(the limits differ, and a sequence over one is dropped or cut without a word), so text over
:data:`OSC52_MAX_BYTES` is not sent that way: the system clipboard still gets it, and the message says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tui.core.labels import CLIPBOARD
from tui.core.model import Lang

PYPERCLIP_TRIES = "pyperclip (wl-copy, xclip, xsel, klipper, pbcopy)"  # what "tried" says
DISABLE_ENV = "BUDGET_TUI_NO_SYSTEM_CLIPBOARD"
OSC52_MAX_BYTES = 100_000  # of UTF-8 text; the sequence is a third longer (base64)


@dataclass(frozen=True)
class SystemCopy:
    """What the system clipboard route did: the tool that took the text (None: none did) and what was
    tried, in order (empty when it is switched off)."""

    tool: str | None
    tried: tuple[str, ...]


def copy_to_system_clipboard(text: str) -> SystemCopy:
    """Copy ``text`` with pyperclip."""
    if os.environ.get(DISABLE_ENV):
        return SystemCopy(None, ())
    import pyperclip  # on the first copy: with the ctypes it loads, ~3 ms the first screen does without

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException:  # no clipboard mechanism on this machine
        return SystemCopy(None, (PYPERCLIP_TRIES,))
    return SystemCopy("pyperclip", (PYPERCLIP_TRIES,))


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
