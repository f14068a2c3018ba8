"""Speed of the filter, the Σ and group-by at 100,000 program lines, and `sum --by ministry` against pandas.

    .venv/bin/python bench/analysis.py [--lines 100000] [--runs 3] [--data DIR]

Targets (issue 12): a filter keystroke → the matching lines and their Σ, p95 ≤ 16 ms; group-by ministry
≤ 50 ms; `budget-tui sum --by ministry` as a whole process ≤ 0.5× the same computation written with pandas
(import, read the exported programs CSV, drop 再掲 lines, keep exact amounts, group, sum), in paired runs
that alternate so a shared machine slows both alike. Prints one line per target.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from tui.core.fmt import Unit  # noqa: E402
from tui.core.groups import group_by  # noqa: E402
from tui.core.lines import COLUMNS, LineIndex, cell  # noqa: E402
from tui.core.loader import load_dataset  # noqa: E402
from tui.core.query import QueryError, parse  # noqa: E402
from tui.core.subtotal import prepare_planes, sigma_line, subtotal  # noqa: E402

# What an analyst types, one keystroke at a time (each prefix is parsed; a prefix that is not yet a valid
# query keeps the previous result, as the filter box does, but its parse is timed too).
QUERIES = (
    "ministry:経済産業省 fy2020>=10 is:new",
    "strategy:bulk agency:JST",
    "量子 fy2019<5",
    "is:supplementary basis:within",
    "change<0 ministry:METI",
)
PANDAS = """
import pandas as pd
frame = pd.read_csv({csv!r})
frame = frame[frame["relisted"] != True]
own = {{
    key: frame[frame[key + "_basis"] == "exact"].groupby("ministry")[key].sum()
    for key in ("fy2020_initial", "fy2019_initial")
}}
counts = frame[frame["fy2020_initial_basis"] == "exact"].groupby("ministry").size()
print(len(own["fy2020_initial"]), counts.sum())
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def keystrokes(data: Path) -> tuple[list[float], float]:
    dataset = load_dataset(data)
    started = time.perf_counter()
    index = LineIndex(dataset)
    subtotal(index)  # the all-lines view opens with the Σ of every line
    built = time.perf_counter() - started
    started = time.perf_counter()
    index.warm()  # the explorer does this in a worker thread while the user reads the list
    prepare_planes(index)  # (tui/ui/screens/lines.py LinesScreen._build_index)
    print(f"warm-up of the filter's and the Σ's lookups (in a thread): {(time.perf_counter() - started) * 1000:.0f} ms")
    times: list[float] = []
    for query in QUERIES:
        index.term_cache.clear()
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            try:
                parsed = parse(query[:end], dataset)
            except QueryError:
                times.append(time.perf_counter() - started)
                continue
            bits = parsed.bits(index)  # as LinesScreen._apply and _refresh_sigma do
            positions = index.positions_in(bits)
            st = subtotal(index, None if parsed.empty else positions, bits)
            sigma_line(st, "ja", Unit.OKU, 2020)
            for i in positions[:40]:  # the rows on screen
                for column in COLUMNS:
                    cell(index, i, column.key, "ja", Unit.OKU)
            times.append(time.perf_counter() - started)
    return times, built


def group_time(data: Path, runs: int) -> float:
    dataset = load_dataset(data)
    index = LineIndex(dataset)
    subtotal(index)
    best = []
    for _ in range(runs):
        started = time.perf_counter()
        group_by(index, None, "ministry")
        best.append(time.perf_counter() - started)
    return statistics.median(best)


def paired(data: Path, runs: int) -> tuple[float, float]:
    work = Path(tempfile.mkdtemp(prefix="budget-tui-analysis-"))
    csv_path = work / "programs.csv"
    subprocess.run(
        [sys.executable, "-m", "tui", "export", "--data", str(data), "-o", str(csv_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    script = work / "pandas_sum.py"
    script.write_text(PANDAS.format(csv=str(csv_path)), encoding="utf-8")
    ours_cmd = [sys.executable, "-m", "tui", "sum", "--data", str(data), "--by", "ministry", "--format", "json"]
    theirs_cmd = [sys.executable, str(script)]
    ours, theirs = [], []
    for _ in range(runs):
        for command, bucket in ((ours_cmd, ours), (theirs_cmd, theirs)):
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            bucket.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, help="an existing generated directory (default: generate one)")
    args = parser.parse_args()
    data = args.data
    if data is None:
        data = Path(tempfile.mkdtemp(prefix="budget-tui-analysis-")) / "data"
        generate(data, args.lines, 2020)
    times, built = keystrokes(data)
    p95 = percentile(times, 0.95) * 1000
    print(f"index + Σ of every line at open: {built * 1000:.0f} ms")
    print(
        f"filter keystroke → lines + Σ: p50 {percentile(times, 0.5) * 1000:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms over {len(times)} keystrokes "
        f"(target p95 ≤ 16 ms: {'met' if p95 <= 16 else 'NOT met'})"
    )
    grouped = group_time(data, args.runs) * 1000
    print(
        f"group-by ministry over every line: {grouped:.1f} ms (target ≤ 50 ms: {'met' if grouped <= 50 else 'NOT met'})"
    )
    ours, theirs = paired(data, args.runs)
    ratio = ours / theirs
    print(
        f"sum --by ministry, whole process: {ours:.2f} s vs pandas {theirs:.2f} s: {ratio:.2f}× "
        f"(target ≤ 0.5×: {'met' if ratio <= 0.5 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
