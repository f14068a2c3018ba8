"""Exit codes and the one way every subcommand reports a user error: one line on stderr."""

from __future__ import annotations

import contextlib
import sys

from tui.core.visible import visible

EXIT_OK = 0
EXIT_INCONSISTENT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def print_error(message: str) -> None:
    """Every user error, from any subcommand, is this one line on stderr."""
    _say(f"error: {message}")


def print_note(message: str) -> None:
    """A one-line report on stderr that is not an error (``budget-tui: wrote …``)."""
    _say(message)


def _say(message: str) -> None:
    """``budget-tui: MESSAGE`` on stderr: control characters in it (a path or a value the user wrote) are
    shown as escapes, never obeyed; a closed or full stderr is left alone (there is nowhere else to say it)."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(f"budget-tui: {visible(message)}\n")
        stream.flush()
