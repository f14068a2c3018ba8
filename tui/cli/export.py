"""`budget-tui export`: one table to stdout or, atomically, to a file; or every table as a data package.

Every user error ends as one line on stderr and exit status 2; a DataError from loading is left to tui.cli.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from tui.cli.errors import EXIT_BAD_INPUT, EXIT_OK, print_error
from tui.cli.output import write_stdout
from tui.core.datapackage import DESCRIPTOR, write_package
from tui.core.export import render, table_rows, write_atomic
from tui.core.formats import DATAPACKAGE
from tui.core.loader import load_dataset
from tui.core.model import Dataset


def run_export(
    data_dir: Path | None, table: str, fmt: str, output: Path | None, force: bool, filter_text: str = ""
) -> int:
    """Write one table to stdout, or atomically to ``output`` (refusing to replace it unless ``force``).
    ``filter_text``: only the program lines matching that query (tui.core.query)."""
    dataset = load_dataset(data_dir)
    if filter_text and (fmt == DATAPACKAGE or table != "programs"):
        what = "a data package" if fmt == DATAPACKAGE else f"the {table} table"
        print_error(f"--filter selects program lines: use it with --table programs, not {what}")
        return EXIT_BAD_INPUT
    if fmt == DATAPACKAGE:
        return _export_package(dataset, output, force)
    columns, rows = table_rows(dataset, table)
    if filter_text:
        from tui.cli.sum import matching_ids

        ids = matching_ids(dataset, filter_text)
        if ids is None:
            return EXIT_BAD_INPUT
        rows = [row for row in rows if row[0] in ids]
    text = render(columns, rows, fmt)
    if output is None:
        return write_stdout(text)
    try:
        with _terminations_raise():
            write_atomic(output, text, force)
    except FileExistsError:
        print_error(f"{output} already exists (use --force to replace it)")
        return EXIT_BAD_INPUT
    except IsADirectoryError:
        print_error(f"{output} is a directory; give a file name")
        return EXIT_BAD_INPUT
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError) and not output.parent.is_dir():
            reason = f"no such directory: {output.parent}"
        print_error(f"cannot write {output}: {reason}")
        return EXIT_BAD_INPUT
    print(f"budget-tui: wrote {table} ({len(rows)} rows, {fmt}) to {output}", file=sys.stderr)
    return EXIT_OK


@contextlib.contextmanager
def _terminations_raise() -> Iterator[None]:
    """While a file or a data package is written, SIGTERM and SIGHUP (`kill`, a closed terminal) end the
    program the way Ctrl+C does, by an exception, so the writer removes its temporary file. SIGKILL cannot
    be caught: it may leave the hidden temporary (.NAME.*.tmp), never a partial NAME."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _export_package(dataset: Dataset, output: Path | None, force: bool) -> int:
    """All tables as a data package in the directory ``output``, written whole or not at all."""
    if output is None:
        print_error(f"--format {DATAPACKAGE} writes a directory: give it with -o DIR")
        return EXIT_BAD_INPUT
    try:
        with _terminations_raise():
            files = write_package(dataset, output, force)
    except FileExistsError:
        print_error(f"{output} exists and is not empty (use --force to replace it)")
        return EXIT_BAD_INPUT
    except NotADirectoryError:
        print_error(f"{output} is a file; give a directory")
        return EXIT_BAD_INPUT
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError) and not output.absolute().parent.is_dir():
            reason = f"no such directory: {output.absolute().parent}"
        print_error(f"cannot write {output}: {reason}")
        return EXIT_BAD_INPUT
    names = ", ".join(name for name in files if name != DESCRIPTOR)
    print(f"budget-tui: wrote a data package ({DESCRIPTOR}, {names}) to {output}", file=sys.stderr)
    return EXIT_OK
