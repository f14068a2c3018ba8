"""Writing to stdout as the subcommands do: UTF-8 whatever the locale, a closed pipe ends quietly."""

from __future__ import annotations

import contextlib
import io
import os
import sys

from tui.cli.errors import EXIT_OK


def write_stdout(text: str) -> int:
    """UTF-8 to stdout whatever the locale; a closed pipe (`| head`) ends quietly."""
    data = text.encode("utf-8")
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    return EXIT_OK


def silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush does not complain."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
