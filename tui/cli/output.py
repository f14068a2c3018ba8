"""Writing to stdout as the subcommands do: UTF-8 whatever the locale, a closed pipe ends quietly, and a
full device (``> /dev/full``) or a closed stdout (``>&-``) is one line and exit status 2, never a
traceback."""

from __future__ import annotations

import contextlib
import io
import os
import sys

from tui.cli.errors import EXIT_BAD_INPUT, EXIT_OK, print_error


def make_streams_safe() -> None:
    """Text the locale's encoding cannot hold (``LC_ALL=C``, ``PYTHONIOENCODING=ascii``) is written as
    escapes (``\\u4ee4``) instead of raising: the help, messages and check's report all go through here."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors != "backslashreplace":
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


def write_stdout(text: str, *, locale: bool = False) -> int:
    """``text`` to stdout, as UTF-8 (``locale``: in the terminal's encoding, escapes where it has no
    character); a closed pipe (`| head`) ends quietly, any other failure is one line and status 2."""
    stream = sys.stdout
    if stream is None:
        print_error("cannot write to stdout: it is closed")
        return EXIT_BAD_INPUT
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None and not locale:
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError) as exc:  # ENOSPC (/dev/full), EIO, a closed file
        silence_stdout()
        print_error(f"cannot write to stdout: {_reason(exc)}")
        return EXIT_BAD_INPUT
    return EXIT_OK


def finish_stdout(status: int) -> int:
    """Flush stdout before the interpreter does (it would print "Exception ignored" and exit 120): what
    is still buffered (argparse's help, say) fails here as one line instead."""
    stream = sys.stdout
    if stream is None:
        return status
    try:
        stream.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError) as exc:
        silence_stdout()
        print_error(f"cannot write to stdout: {_reason(exc)}")
        return status or EXIT_BAD_INPUT
    return status


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return "it is closed" if isinstance(exc, ValueError) else str(exc)


def silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the interpreter's final flush does not complain
    (what is still buffered goes there: it could not be written anyway)."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
