"""Exit codes and the one way every subcommand reports a user error: one line on stderr."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_INCONSISTENT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def print_error(message: str) -> None:
    """Every user error, from any subcommand, is this one line on stderr."""
    print(f"budget-tui: error: {message}", file=sys.stderr)
