"""Which xlsx writer: the programs table of a generated dataset written by each candidate, time and peak RSS.

    .venv/bin/python bench/xlsx.py [--lines 100000] [--runs 1] [--writers ours,pandas-openpyxl,...]

Each measurement runs in a fresh process (so peak RSS is that writer's alone) that loads the dataset
(bench/generate.py data: the shipped YAML plus ``--lines`` lines of programs.csv) and then times only the
writing of the programs table (every placement, 18 columns) to an in-memory xlsx:

- ``pandas-openpyxl`` — the target's baseline: ``table_frame(...).to_excel(engine="openpyxl")``;
- ``pandas-xlsxwriter`` — the same DataFrame through ``engine="xlsxwriter"``;
- ``openpyxl-write-only`` — openpyxl's streaming ``Workbook(write_only=True)``, one ``append`` a row;
- ``ours`` — ``tui.core.xlsx.workbook_bytes`` (xlsxwriter, ``constant_memory``): it also builds the rows,
  the plain-name column, the widths and the 「注記・出典」 sheet, so it does more than the others.

Then the whole command, ``budget-tui export --format xlsx -o FILE`` (load included), once. Targets
(issue 13): ours ≤ 0.5× pandas-openpyxl, peak RSS ≤ 300 MiB. At 100,000 lines one round takes about
two minutes on two cores; ``--lines 10000`` for a quick look.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WRITERS = ("pandas-openpyxl", "pandas-xlsxwriter", "openpyxl-write-only", "ours")


def _child(writer: str, data: Path) -> None:
    from tui.core.export import table_frame, table_rows
    from tui.core.loader import load_dataset

    dataset = load_dataset(data)
    buffer = io.BytesIO()
    start = time.perf_counter()
    if writer == "ours":
        from tui.core.xlsx import workbook_bytes

        size = len(workbook_bytes(dataset, ["programs"]))
    elif writer.startswith("pandas-"):
        frame = table_frame(dataset, "programs")
        frame.to_excel(buffer, engine=writer.removeprefix("pandas-"), index=False, sheet_name="programs")
        size = len(buffer.getvalue())
    elif writer == "openpyxl-write-only":
        import openpyxl

        columns, rows = table_rows(dataset, "programs")
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("programs")
        sheet.append(list(columns))
        for row in rows:
            sheet.append(list(row))
        workbook.save(buffer)
        size = len(buffer.getvalue())
    else:
        raise SystemExit(f"unknown writer {writer}")
    seconds = time.perf_counter() - start
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"writer": writer, "seconds": seconds, "rss_mib": rss_mib, "bytes": size}))


def _measure(writer: str, data: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", writer, str(data)], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _whole_command(data: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "programs.xlsx"
        command = [sys.executable, "-m", "tui", "--data", str(data), "export", "--format", "xlsx", "-o", str(target)]
        # A fresh parent whose only child is the command: RUSAGE_CHILDREN is then that command's peak alone.
        probe = (
            "import resource, subprocess, sys, time; start = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True)
        seconds, rss_kib = out.stdout.split()
    return float(seconds), int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1, help="rounds; the best time of each writer is reported")
    parser.add_argument("--writers", default=",".join(WRITERS))
    parser.add_argument("--data", type=Path, help="an existing data directory instead of generating one")
    parser.add_argument("--child", nargs=2, metavar=("WRITER", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    writers = args.writers.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if data is None:
            data = Path(tmp) / "data"
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "generate.py"), str(data), "--lines", str(args.lines)],
                check=True,
                capture_output=True,
            )
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.runs):
            for writer in writers:  # alternate the writers within a round
                result = _measure(writer, data)
                print(f"  {writer:20} {result['seconds']:7.2f} s  {result['rss_mib']:6.0f} MiB", flush=True)
                if writer not in best or result["seconds"] < best[writer]["seconds"]:
                    best[writer] = result
        what = f"{args.lines:,} generated lines" if args.data is None else str(args.data)
        print(f"programs table of {what}, best of {args.runs}:")
        base = best.get("pandas-openpyxl")
        for writer, result in best.items():
            ratio = f"{result['seconds'] / base['seconds']:.2f}× pandas-openpyxl" if base else ""
            print(
                f"{writer:20} {result['seconds']:7.2f} s  peak RSS {result['rss_mib']:6.0f} MiB  "
                f"{result['bytes'] / 1e6:6.1f} MB  {ratio}"
            )
        seconds, rss = _whole_command(data)
        print(f"budget-tui export --format xlsx (load included): {seconds:.2f} s, peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
