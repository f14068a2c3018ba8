"""The `check` and `export` subcommands (imported lazily by :mod:`tui.cli`; no textual here).

Every user error ends as one line on stderr and exit status 2; a ``DataError`` from loading is left to
``tui.cli``, which prints it the same way.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import TextIO

from tui.cli import EXIT_BAD_INPUT, EXIT_INCONSISTENT, EXIT_OK, print_error
from tui.core.audit import AuditReport, Comparison, Exclusion, Reason, Status, run_audit, show
from tui.core.datapackage import DESCRIPTOR, write_package
from tui.core.datapackage import FORMAT as DATAPACKAGE
from tui.core.export import render, table_rows, write_atomic
from tui.core.loader import default_data_dir, load_dataset
from tui.core.model import Dataset

_STATUS_TAG = {Status.EXACT: "exact   ", Status.ROUNDING: "rounding", Status.FAIL: "FAIL    "}


def run_check(data_dir: Path | None) -> int:
    """Audit the data: print every comparison, a summary and the exclusions; 0 if consistent, else 1."""
    dataset = load_dataset(data_dir)
    report = run_audit(dataset)
    directory = data_dir if data_dir is not None else default_data_dir()
    if isinstance(sys.stdout, io.TextIOWrapper):  # a non-UTF-8 terminal gets escapes, not a traceback
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        _print_report(report, sys.stdout, str(directory), dataset.meta.title.ja)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    return EXIT_OK if report.ok else EXIT_INCONSISTENT


def _lines(c: Comparison) -> str:
    numbers = sorted({s.line for s in c.sources})
    if not numbers:
        return ""
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"seed lines {numbers[0]}–{numbers[-1]}"
    return ("seed line " if len(numbers) == 1 else "seed lines ") + ", ".join(map(str, numbers))


def _value(amount: Decimal | None, unit: str) -> str:
    if amount is None:
        return "-"
    return show(amount) + ("%" if unit == "%" and amount.is_finite() else "")


def _comparison_lines(c: Comparison) -> list[str]:
    tag = _STATUS_TAG[c.status]
    pct = "%" if c.unit == "%" else ""
    head = f"  [{tag}] {c.label.ja} | {c.label.en}"
    if c.relation == "≤":
        body = (
            f"printed {_value(c.printed, c.unit)} ≤ {_value(c.recomputed, c.unit)}"
            f"  difference {show(c.difference, signed=True)}{pct}"
            f"  ({'holds' if c.status is not Status.FAIL else 'does not hold'})"
        )
    else:
        body = (
            f"printed {_value(c.printed, c.unit)}  recomputed {_value(c.recomputed, c.unit)} = {c.formula}"
            f"  difference {show(c.difference, signed=True)}{pct}  tolerance ±{show(c.tolerance)}{pct}"
        )
        if c.allowed is not None:
            low, high = c.allowed
            body += f"  (the rounded amounts allow {show(low)}% … {show(high)}%, printed ±half its last digit)"
    lines = [head, f"             {body}"]
    where = _lines(c)
    if where:
        lines[-1] += f"  [{where}]"
    return lines


def _print_report(report: AuditReport, out: TextIO, directory: str, title: str) -> None:
    write = out.write
    write(f"budget-tui check: {title}\n")
    write(f"data: {directory}\n")
    write(
        "Every printed total recomputed from its printed parts. Printed amounts are rounded to the unit "
        "(全体額 ※4, 府省別 ※3),\nso a sum of n rounded parts may differ from a rounded total by up to "
        "0.5·(n+1), a difference of two amounts from a\nrounded change by up to 1.5; a change % must lie in "
        "the range the rounded amounts allow.\n"
        "Status: exact = no difference, rounding = a difference within rounding, FAIL = inconsistent.\n"
    )
    section = None
    for c in report.comparisons:
        if c.section != section:
            section = c.section
            write(f"\n== {section.ja} | {section.en} ==\n")
        for line in _comparison_lines(c):
            write(line + "\n")
    write("\n")
    write(report.summary() + "\n")
    failures = report.failures
    if failures:
        write("Failed:\n")
        for c in failures:
            write(f"  {c.label.ja} | {c.label.en}: printed {_value(c.printed, c.unit)}, ")
            write(f"recomputed {_value(c.recomputed, c.unit)} [{_lines(c)}]\n")
    write("\n== 合算から除いたもの (理由) | Excluded from sums, and why ==\n")
    for statement in report.statements:
        write(f"  {statement.ja}\n  {statement.en}\n")
    _print_exclusions(report.excluded, out)


def _print_exclusions(excluded: tuple[Exclusion, ...], out: TextIO) -> None:
    groups: dict[Reason, list[Exclusion]] = defaultdict(list)
    for e in excluded:
        groups[e.reason].append(e)
    for reason in Reason:
        items = groups.get(reason)
        if not items:
            continue
        text = items[0].explanation
        out.write(f"\n  {text.ja}\n  {text.en} ({len(items)}):\n")
        for e in items:
            where = f"line {e.source.line}" if e.source is not None else e.node_id
            figure = f" {e.detail.ja}: {e.figure.ja}" if e.figure is not None and e.detail is not None else ""
            if e.figure is None and e.detail is not None:
                figure = f" ({e.detail.ja})"
            out.write(f"    {where:>9}  {e.name.ja}{figure}  [{e.node_id}]\n")


def run_export(data_dir: Path | None, table: str, fmt: str, output: Path | None, force: bool) -> int:
    """Write one table to stdout, or atomically to ``output`` (refusing to replace it unless ``force``)."""
    dataset = load_dataset(data_dir)
    if fmt == DATAPACKAGE:
        return _export_package(dataset, output, force)
    columns, rows = table_rows(dataset, table)
    text = render(columns, rows, fmt)
    if output is None:
        return _write_stdout(text)
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


def _write_stdout(text: str) -> int:
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
        _silence_stdout()
    return EXIT_OK


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush does not complain."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
