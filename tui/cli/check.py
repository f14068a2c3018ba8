"""`budget-tui check`: the audit's every comparison, a summary and what is never summed.

Exit 0 when consistent within rounding, 1 on a real inconsistency; a DataError from loading is left to
tui.cli, which prints it as one line with exit 2.
"""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from tui.cli.errors import EXIT_INCONSISTENT, EXIT_OK
from tui.cli.loading import load_for_the_process
from tui.cli.output import write_stdout
from tui.core.audit import AuditReport, Comparison, Exclusion, Reason, Status, run_audit, show
from tui.core.loader import default_data_dir, load_dataset

_STATUS_TAG = {Status.EXACT: "exact   ", Status.ROUNDING: "rounding", Status.FAIL: "FAIL    "}


def run_check(data_dir: Path | None) -> int:
    """Audit the data: print every comparison, a summary and the exclusions; 0 if consistent, else 1."""
    dataset = load_for_the_process(lambda: load_dataset(data_dir))
    report = run_audit(dataset)
    directory = data_dir if data_dir is not None else default_data_dir()
    out = io.StringIO()
    _print_report(report, out, str(directory), dataset.meta.title.ja)
    # In the terminal's encoding (escapes where it has no character); a full or closed stdout is one line.
    written = write_stdout(out.getvalue(), locale=True)
    if written != EXIT_OK:
        return written
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
