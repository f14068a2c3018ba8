"""`budget-tui export`: one table to stdout or, atomically, to a file; or every table as a data package.

Every user error ends as one line on stderr and exit status 2; a DataError from loading is left to tui.cli.
What is reported is what is on disk: once the new file or package is in place (tui.core.files.Commit), a
Ctrl+C or SIGTERM that arrives no longer turns the outcome into "interrupted".
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from tui.cli.errors import EXIT_BAD_INPUT, EXIT_OK, print_error, print_note
from tui.cli.loading import load_for_the_process
from tui.cli.output import write_stdout
from tui.core.datapackage import DESCRIPTOR, write_package
from tui.core.export import render, table_rows
from tui.core.files import Commit, ForeignContentError, NotRegularFileError, write_atomic
from tui.core.formats import ALL_TABLES, DATAPACKAGE, TABLES, XLSX
from tui.core.headers import ja_headers
from tui.core.loader import load_dataset
from tui.core.model import Dataset

STDOUT = Path("-")
TEXT_OPTION_FORMATS = ("csv", "tsv", "md")  # --encoding and --newline apply to these
HEADER_FORMATS = ("csv", "tsv", "md", XLSX)  # --headers ja applies to these


def _option_error(table: str, fmt: str, encoding: str, newline: str, headers: str) -> str | None:
    """The one-line reason an option does not fit the format, or None."""
    if table == ALL_TABLES and fmt not in (XLSX, DATAPACKAGE):
        return f"--table {ALL_TABLES} writes one sheet per table: use it with --format {XLSX}"
    if encoding != "utf-8" and fmt not in TEXT_OPTION_FORMATS:
        return f"--encoding {encoding} applies to --format csv, tsv and md, not {fmt}"
    if newline != "lf" and fmt not in TEXT_OPTION_FORMATS:
        return f"--newline {newline} applies to --format csv, tsv and md, not {fmt}"
    if headers != "en" and fmt not in HEADER_FORMATS:
        return f"--headers {headers} applies to --format csv, tsv, md and {XLSX}, not {fmt} (its keys are the contract)"
    return None


def run_export(
    data_dir: Path | None,
    table: str,
    fmt: str,
    output: Path | None,
    force: bool,
    *,
    encoding: str = "utf-8",
    newline: str = "lf",
    headers: str = "en",
    filter_text: str = "",
) -> int:
    """Write one table to stdout, or atomically to ``output`` (refusing to replace it unless ``force``).
    ``filter_text``: only the program lines matching that query (tui.core.query)."""
    problem = _option_error(table, fmt, encoding, newline, headers)
    if problem is not None:
        print_error(problem)
        return EXIT_BAD_INPUT
    dataset = load_for_the_process(lambda: load_dataset(data_dir))
    if filter_text and (fmt == DATAPACKAGE or table != "programs"):
        what = "a data package" if fmt == DATAPACKAGE else f"the {table} table"
        print_error(f"--filter selects program lines: use it with --table programs, not {what}")
        return EXIT_BAD_INPUT
    if fmt == DATAPACKAGE:
        return _export_package(dataset, output, force)
    ids: set[str] | None = None
    if filter_text:
        from tui.cli.sum import matching_ids

        ids = matching_ids(dataset, filter_text)
        if ids is None:
            return EXIT_BAD_INPUT
    payload: str | bytes
    if fmt == XLSX:
        if output is None or output == STDOUT:
            print_error(f"--format {XLSX} writes a binary workbook: give the file with -o FILE")
            return EXIT_BAD_INPUT
        from tui.core.xlsx import XlsxError, workbook_bytes

        tables = list(TABLES) if table == ALL_TABLES else [table]
        try:
            payload = workbook_bytes(dataset, tables, headers, program_ids=ids)
        except XlsxError as exc:
            print_error(str(exc))
            return EXIT_BAD_INPUT
        count = f"{', '.join(tables)} ({XLSX}, with the sheet 注記・出典)"
    else:
        columns, rows = table_rows(dataset, table)
        if ids is not None:
            rows = [row for row in rows if row[0] in ids]
        header_row = ja_headers(columns, dataset.meta.fiscal_year) if headers == "ja" else None
        text = render(columns, rows, fmt, newline="\r\n" if newline == "crlf" else "\n", headers=header_row)
        if fmt == "md" and newline == "crlf":
            text = text.replace("\n", "\r\n")  # md cells hold no newline (they become <br>)
        payload = ("\ufeff" + text) if encoding == "utf-8-sig" else text
        count = f"{table} ({len(rows)} rows, {fmt})"
        if output is None or output == STDOUT:
            return write_stdout(payload)
    commit = Commit()
    try:
        with _terminations_raise(commit):
            write_atomic(output, payload, force, commit)
    except FileExistsError:
        print_error(f"{output} already exists (use --force to replace it)")
        return EXIT_BAD_INPUT
    except IsADirectoryError:
        print_error(f"{output} is a directory; give a file name")
        return EXIT_BAD_INPUT
    except NotRegularFileError as exc:
        hint = "; for stdout use -o - (or leave -o out)" if output.as_posix().startswith("/dev/") else ""
        print_error(f"{output} is {exc.kind}: budget-tui replaces only regular files{hint}")
        return EXIT_BAD_INPUT
    except OSError as exc:
        print_error(f"cannot write {output}: {_reason(exc, output)}")
        return EXIT_BAD_INPUT
    print_note(f"wrote {count} to {output}")
    return EXIT_OK


def _reason(exc: OSError, output: Path) -> str:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and reason != "the working directory no longer exists":
        parent = output.parent
        with contextlib.suppress(OSError):
            if not parent.is_dir():
                reason = f"no such directory: {parent}"
    return reason


@contextlib.contextmanager
def _terminations_raise(commit: Commit) -> Iterator[None]:
    """While a file or a data package is written, SIGINT, SIGTERM and SIGHUP (Ctrl+C, `kill`, a closed
    terminal) end the program by an exception, so the writer removes its temporary file; once ``commit``
    is done they are ignored: the work is on disk and is reported as done. SIGKILL cannot be caught: it
    may leave the hidden temporary (.NAME.*.tmp), never a partial NAME."""

    def stop(signum: int, frame: FrameType | None) -> None:
        if commit.done:
            return
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _export_package(dataset: Dataset, output: Path | None, force: bool) -> int:
    """All tables as a data package in the directory ``output``, written whole or not at all."""
    if output is None or output == STDOUT:
        print_error(f"--format {DATAPACKAGE} writes a directory: give it with -o DIR")
        return EXIT_BAD_INPUT
    commit = Commit()
    try:
        with _terminations_raise(commit):
            files = write_package(dataset, output, force, commit)
    except FileExistsError:
        print_error(f"{output} exists and is not empty (use --force to replace a data package written before)")
        return EXIT_BAD_INPUT
    except ForeignContentError as exc:
        shown = ", ".join(exc.names[:3]) + (f" and {len(exc.names) - 3} more" if len(exc.names) > 3 else "")
        print_error(
            f"{output} {exc.reason} ({shown}): --force replaces only a previous data package, so nothing was "
            "written or deleted"
        )
        return EXIT_BAD_INPUT
    except NotRegularFileError as exc:
        print_error(f"{output} is {exc.kind}{_link_target(output)}; give the directory itself")
        return EXIT_BAD_INPUT
    except NotADirectoryError:
        print_error(f"{output} is a file; give a directory")
        return EXIT_BAD_INPUT
    except OSError as exc:
        print_error(f"cannot write {output}: {_reason(exc, output)}")
        return EXIT_BAD_INPUT
    names = ", ".join(name for name in files if name != DESCRIPTOR)
    print_note(f"wrote a data package ({DESCRIPTOR}, {names}) to {output}")
    return EXIT_OK


def _link_target(path: Path) -> str:
    """' to DIR' (an empty directory, a file, nothing) for a symbolic link: what it points at."""
    try:
        target = path.readlink()
    except OSError:
        return ""
    try:
        resolved = path.resolve(strict=True)
    except OSError:
        return f" to {target}, which does not exist"
    if resolved.is_dir():
        return f" to the directory {target}"
    return f" to {target}, which is not a directory"
