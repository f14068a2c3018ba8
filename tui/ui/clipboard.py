"""The system clipboard, as a second route beside OSC 52 (which many terminals ignore).

Tried in order: pyperclip if installed, then wl-copy, xclip, xsel, pbcopy. A machine with none of them is
normal (a server over SSH), so every failure is silent; the caller tells the user what happened.
"""

from __future__ import annotations

import os
import shutil
import subprocess

_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
)
DISABLE_ENV = "BUDGET_TUI_NO_SYSTEM_CLIPBOARD"


def copy_to_system_clipboard(text: str) -> str | None:
    """Copy ``text``; return the name of the tool that took it, or None when none did."""
    if os.environ.get(DISABLE_ENV):
        return None
    try:
        import pyperclip

        pyperclip.copy(text)
        return "pyperclip"
    except Exception:  # not installed, or no clipboard mechanism behind it
        pass
    for command in _COMMANDS:
        if shutil.which(command[0]) is None:
            continue
        if command[0] == "wl-copy" and not os.environ.get("WAYLAND_DISPLAY"):
            continue
        if command[0] in ("xclip", "xsel") and not os.environ.get("DISPLAY"):
            continue
        try:
            subprocess.run(command, input=text.encode("utf-8"), check=True, timeout=2, capture_output=True)
            return command[0]
        except (OSError, subprocess.SubprocessError):
            continue
    return None
