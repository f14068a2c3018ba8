"""budget-tui's benchmark suite: one command measures every speed and scale target and writes BENCHMARKS.md.

    .venv/bin/pip install -e ".[test,bench]" && .venv/bin/python bench/run.py [--quick]

It generates synthetic data (bench/generate.py) at 1k, 10k and 100k program lines into a temporary
directory, runs every measurement several times, prints medians and the paired ratios against the
anchors (an empty Textual app; VisiData, from the optional `bench` extra, loading the same lines as
CSV), and writes the results with a description of the machine to BENCHMARKS.md. Side-by-side runs
alternate, so a noisy shared machine slows both sides alike: quote the ratios. ``--quick`` runs each
measurement fewer times (for a smoke test, not for the record).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 100_000)

# What we know about the targets that can miss, from profiling (written into BENCHMARKS.md when missed).
UNMET_NOTES = {
    "startup": (
        "What limits it: Textual's styling and layout of the explorer's first screen. With the parsed-data cache "
        "(tui/core/cache.py: JSON of plain values keyed on the files' SHA-256, type-checked when read; ~10 ms "
        "instead of ~57 ms of YAML loading and validation) a warm start imports no YAML reader; what remains over "
        "the empty app is our imports (~15-30 ms: some 40 modules, 20 dataclasses) and the first frames of the "
        "MainScreen's 16 widgets (tree, table, search input, detail pane, key bar and their containers): Textual "
        "styles each at mount and again when the screen resumes, and lays out and renders the screen a second "
        "time (its first layout changes every widget's size) before it is idle. Tried: a Line-API table "
        "instead of DataTable, a one-line KeyBar instead of Footer, a tree built one level at a time, the "
        "search index built in a thread after the first frame, "
        "treemap/audit/pandas/pyperclip imported on use; the chart view, the search results and the detail "
        "pane's list of links mounted on first use, the breakpoint classes set before the first styling, and "
        "the key bar redrawn only when its keys change (Python calls to the first frame 492k -> 400k, against "
        "61k for the empty app)."
    ),
    "search": (
        "What limits it: at 100k lines one full scan of the folded text (9.5 million characters) costs ~7 ms of "
        "str.find, so a rare term's first keystroke spends most of the budget there; on the shipped data the "
        "search is under 1 ms and the rest is Textual refreshing the list (set size, border title, redraw). "
        "What was tried: a single haystack instead of per-node scans, narrowing while typing, a 1,000-match "
        "cap, a 6 ms budget with resumption between frames, ministries as one-character tokens, and a "
        "Line-API result list instead of OptionList (which cost ~0.3 ms per option)."
    ),
}


def data_dirs_under(root: Path) -> dict[int, Path]:
    return {lines: root / str(lines) for lines in SIZES}


FIRST_FRAME = [sys.executable, str(ROOT / "bench" / "first_frame.py")]
SEARCH_QUERIES = ("量子暗号 32億", "ai", "JST", "nedo 半導体", "事業", "文部", "mext quantum", "1008億円", "q-leap")


@dataclass
class Result:
    """One target: what it asks, what was measured, and whether it is met."""

    name: str
    target: str
    measured: str
    met: bool
    notes: list[str] = field(default_factory=list)
    if_unmet: str = ""  # what limits it and what was tried, written when the target is not met


def run_process(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed ({status}):\n{error}")
    return elapsed, usage.ru_maxrss / 1024


def paired(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall time and median peak RSS of each command, runs interleaved (A B A B ...)."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run_process(command))
    return {
        name: (statistics.median(t for t, _ in values), statistics.median(m for _, m in values))
        for name, values in samples.items()
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def keystroke_prefixes(queries: tuple[str, ...]) -> list[str]:
    return [query[:end] for query in queries for end in range(1, len(query) + 1)]


# ---- the measurements ----------------------------------------------------------------------------


def startup_and_memory(runs: int) -> tuple[Result, Result, dict[str, Any]]:
    medians = paired(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "empty Textual app": [*FIRST_FRAME, "empty"],
            "budget-tui (shipped data)": [*FIRST_FRAME, "budget"],
        },
        runs,
    )
    empty, budget = medians["empty Textual app"], medians["budget-tui (shipped data)"]
    ratio = budget[0] / empty[0]
    startup = Result(
        "1. Start-up",
        "first complete frame with the shipped data ≤ 1.25× an empty Textual app",
        f"{budget[0] * 1000:.0f} ms vs {empty[0] * 1000:.0f} ms: **{ratio:.2f}×** "
        f"(python -c pass: {medians['python -c pass'][0] * 1000:.0f} ms)",
        ratio <= 1.25,
        if_unmet=UNMET_NOTES["startup"],
    )
    memory = Result(
        "2. Memory",
        "peak RSS at first frame with the shipped data ≤ 80 MiB",
        f"**{budget[1]:.1f} MiB** (empty Textual app: {empty[1]:.1f} MiB)",
        budget[1] <= 80,
    )
    return startup, memory, {"medians": medians}


def search_speed(data_dirs: dict[int, Path]) -> Result:
    from tui.core.loader import load_dataset
    from tui.core.search import SearchIndex
    from tui.ui.widgets.search_box import SEARCH_BUDGET, SEARCH_LIMIT

    prefixes = keystroke_prefixes(SEARCH_QUERIES)

    def measure(index: SearchIndex) -> tuple[list[float], list[float]]:
        first, complete = [], []
        for _ in range(3):
            index.search("")
            for prefix in prefixes:
                start = time.perf_counter()
                result = index.search(prefix, limit=SEARCH_LIMIT, budget=SEARCH_BUDGET)
                first.append(time.perf_counter() - start)
                while result.pending:
                    resumed = index.resume(budget=SEARCH_BUDGET)
                    assert resumed is not None
                    result = resumed
                complete.append(time.perf_counter() - start)
        return first, complete

    shipped_first, _ = measure(SearchIndex(load_dataset()))
    big = load_dataset(data_dirs[100_000])
    start = time.perf_counter()
    index = SearchIndex(big)
    build = time.perf_counter() - start
    big_first, big_complete = measure(index)
    app_shipped, app_big = in_app_keystrokes(load_dataset(), prefixes), in_app_keystrokes(big, prefixes)
    app_p95_shipped, app_p95_big = percentile(app_shipped, 0.95) * 1000, percentile(app_big, 0.95) * 1000
    return Result(
        "3. Search",
        "keystroke → result list updated, p95 ≤ 16 ms at 100,000 lines and ≤ 2 ms on the shipped data",
        f"in the app (search + refilling the list): p95 **{app_p95_shipped:.1f} ms** shipped, "
        f"**{app_p95_big:.1f} ms** at 100k lines; the search alone: p95 {percentile(shipped_first, 0.95) * 1000:.2f}"
        f" ms shipped, {percentile(big_first, 0.95) * 1000:.1f} ms at 100k to the first results (p50 "
        f"{percentile(big_first, 0.5) * 1000:.1f} ms), {percentile(big_complete, 0.95) * 1000:.0f} ms until a "
        f"long scan is complete (in the background)",
        app_p95_shipped <= 2 and app_p95_big <= 16,
        [
            f"{len(prefixes)} keystrokes (every prefix of {', '.join(SEARCH_QUERIES)}), 3 rounds, in process; "
            f"index of 100k lines built in {build:.2f} s (in a thread, after start-up). The app's figure is its "
            "own handler (search, then the result list refilled), before Textual draws the frame.",
        ],
        UNMET_NOTES["search"],
    )


def in_app_keystrokes(dataset: Any, prefixes: list[str]) -> list[float]:
    """Seconds per keystroke of the app's own search handler: the search and the result list's refill."""
    from tui.ui.app import BudgetApp

    timings: list[float] = []

    async def scenario() -> None:
        app = BudgetApp(dataset)
        async with app.run_test(size=(120, 40)) as pilot:
            box = app.main_screen.search_box
            assert box.index is not None  # built before timing, as the app does in the background at start-up
            for _ in range(3):
                box.input.value = ""
                await pilot.pause()
                for prefix in prefixes:
                    box.input.value = prefix  # as typed; Changed is handled after the timing below
                    start = time.perf_counter()
                    box.search(prefix)
                    timings.append(time.perf_counter() - start)
                    await pilot.pause()

    asyncio.run(scenario())
    return timings


def scale(data_dirs: dict[int, Path], runs: int) -> Result:
    vd = shutil.which("vd") or str(Path(sys.executable).with_name("vd"))
    data = data_dirs[100_000]
    commands = {"budget-tui (100k lines)": [*FIRST_FRAME, "budget", str(data)]}
    have_vd = Path(vd).exists()
    if have_vd:
        out = Path(tempfile.mkdtemp()) / "out.tsv"
        commands["VisiData (same CSV)"] = [vd, "-b", "--motd-url=", str(data / "programs.csv"), "-o", str(out)]
    medians = paired(commands, runs)
    ours = medians["budget-tui (100k lines)"]
    notes = []
    if have_vd:
        theirs = medians["VisiData (same CSV)"]
        ratio = ours[0] / theirs[0]
        measured = (
            f"{ours[0]:.2f} s vs VisiData {theirs[0]:.2f} s: **{ratio:.2f}×**; peak RSS **{ours[1]:.0f} MiB** "
            f"(VisiData {theirs[1]:.0f} MiB)"
        )
        met = ratio <= 0.5 and ours[1] <= 200
    else:
        measured = f"{ours[0]:.2f} s, peak RSS {ours[1]:.0f} MiB; VisiData not installed (pip install -e '.[bench]')"
        met = False
        notes.append("VisiData missing: the ratio could not be measured.")
    return Result(
        "4. Scale",
        "100,000 program lines to first frame ≤ 0.5× VisiData loading the same CSV; peak RSS ≤ 200 MiB",
        measured,
        met,
        notes,
    )


def large_node(data_dirs: dict[int, Path]) -> Result:
    from tui.core.loader import load_dataset
    from tui.ui.app import BudgetApp

    dataset = load_dataset(data_dirs[100_000])
    big = max(dataset.nodes.values(), key=lambda n: len(n.children))
    timings: dict[str, list[float]] = {"fill": [], "page": []}

    async def scenario() -> None:
        app = BudgetApp(dataset)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.main_screen
            table = screen.table
            for _ in range(5):
                screen.show_node(dataset.root)
                await pilot.pause()
                start = time.perf_counter()
                screen.show_node(big)
                _render_visible(table)
                timings["fill"].append(time.perf_counter() - start)
            for _ in range(60):
                start = time.perf_counter()
                table.action_page_down()
                _render_visible(table)
                timings["page"].append(time.perf_counter() - start)

    asyncio.run(scenario())
    fill, page = statistics.median(timings["fill"]) * 1000, percentile(timings["page"], 0.95) * 1000
    return Result(
        "5. Large nodes",
        "selecting a node with 10,000 children fills its table in ≤ 100 ms; scrolling renders only visible rows",
        f"{len(big.children):,} children: table filled and its visible rows drawn in **{fill:.1f} ms** (median of 5); "
        f"page down and redraw p95 **{page:.1f} ms** (60 pages)",
        fill <= 100,
        [
            "In process: show_node() (rows, columns, cursor, detail pane) plus rendering every visible line, "
            "without Textual's compositor; rows are built only when drawn.",
        ],
    )


def _render_visible(table: Any) -> None:
    table._strips.clear()  # a cold draw: nothing reused from the previous page
    for y in range(table.scrollable_content_region.height):
        table.render_line(y)


def growth(data_dirs: dict[int, Path], runs: int) -> tuple[Result, list[str]]:
    timed = (
        "import resource, sys, time; t = time.perf_counter(); from tui.core.loader import load_dataset; "
        "d = load_dataset(sys.argv[1]); print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(d.nodes))"
    )
    # Peak RSS mixes in memory freed and reused from the YAML parse; tracemalloc counts the dataset alone.
    traced = (
        "import gc, sys, tracemalloc; tracemalloc.start(); from tui.core.loader import load_dataset; "
        "base = tracemalloc.get_traced_memory()[0]; d = load_dataset(sys.argv[1]); gc.collect(); "
        "print(tracemalloc.get_traced_memory()[0] - base)"
    )
    rows = [
        "| lines | nodes | load (median) | per node | peak RSS | dataset memory | per node |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    per_node: list[tuple[float, float]] = []
    for lines, data in sorted(data_dirs.items()):
        samples = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", timed, str(data)], capture_output=True, text=True, cwd=ROOT)
            seconds, rss, nodes = out.stdout.split()
            samples.append((float(seconds), float(rss)))
        out = subprocess.run([sys.executable, "-c", traced, str(data)], capture_output=True, text=True, cwd=ROOT)
        memory = int(out.stdout.strip())
        seconds = statistics.median(s for s, _ in samples)
        rss = statistics.median(m for _, m in samples)
        count = int(nodes)
        per_node.append((seconds / count * 1e6, memory / count))
        rows.append(
            f"| {lines:,} | {count:,} | {seconds * 1000:.0f} ms | {seconds / count * 1e6:.1f} µs | {rss:.0f} MiB | "
            f"{memory / 2**20:.1f} MiB | {memory / count:.0f} B |"
        )
    (time_10k, memory_10k), (time_100k, memory_100k) = per_node[1], per_node[2]
    linear = time_100k <= time_10k * 1.5 and memory_100k <= memory_10k * 1.5
    result = Result(
        "6. Cost growth",
        "load time and memory at 1k, 10k, 100k lines grow linearly",
        f"per node at 10k vs 100k: {time_10k:.1f} vs {time_100k:.1f} µs, {memory_10k:.0f} vs {memory_100k:.0f} B"
        + (" — linear" if linear else " — worse than linear"),
        linear,
        ["Per-node figures include the shipped YAML (273 nodes, ~60 ms), which weighs on the 1k run."],
    )
    return result, rows


def machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in line
            ),
            platform.processor() or "unknown CPU",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    memory = ""
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    import textual

    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} × {cpu}{memory}; "
        f"Python {platform.python_version()}, Textual {textual.__version__}"
    )


def write_report(results: list[Result], growth_rows: list[str], startup: dict[str, Any], runs: int) -> Path:
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py` (see the README's Performance section to reproduce). Timings vary with the",
        "machine and its load; side-by-side runs alternate, so compare the ratios. budget-tui's bytecode is",
        "compiled first, as pip does for an installed wheel.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; {runs} runs per side-by-side measurement (medians)",
        "",
        "| target | asked | measured | met |",
        "|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r.name} | {r.target} | {r.measured} | {'yes' if r.met else '**no**'} |")
    lines += [
        "",
        "## Start-up anchors (whole process to first frame)",
        "",
        "| process | time | peak RSS |",
        "|---|---:|---:|",
    ]
    for name, (seconds, rss) in startup["medians"].items():
        lines.append(f"| {name} | {seconds * 1000:.0f} ms | {rss:.1f} MiB |")
    lines += ["", "## Load cost by size (programs.csv + the shipped YAML)", "", *growth_rows, ""]
    unmet = [f"- **{r.name}** ({r.measured}): {r.if_unmet}" for r in results if not r.met and r.if_unmet]
    if unmet:
        lines += ["## Targets not met: what limits them, what was tried", "", *unmet, ""]
    notes = [f"- {r.name}: {n}" for r in results for n in r.notes]
    if notes:
        lines += ["## Notes", "", *notes, ""]
    path = ROOT / "BENCHMARKS.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def in_subprocess(step: str, data_root: Path) -> Any:
    """Run a step that loads big data in a fresh process: a child forked from a big parent would
    report the parent's peak memory as its own, so the parent stays small."""
    out = subprocess.run(
        [sys.executable, __file__, "--step", step, str(data_root)], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{out.stderr}")
    payload = json.loads(out.stdout.splitlines()[-1])
    if isinstance(payload, dict):
        return Result(**payload)
    return payload


STEPS: dict[str, Callable[[dict[int, Path]], Any]] = {
    "search": lambda dirs: asdict(search_speed(dirs)),
    "large-node": lambda dirs: asdict(large_node(dirs)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test, not for the record)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--step", nargs=2, metavar=("STEP", "DATA_ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step, data_root = args.step
        print(json.dumps(STEPS[step](data_dirs_under(Path(data_root)))))
        return
    runs = 3 if args.quick else 9
    # An installed wheel has its bytecode compiled by pip; a checkout run with PYTHONDONTWRITEBYTECODE set
    # (as on the machines this runs on) would compile budget-tui's modules on every start-up instead.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tui")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="budget-tui-bench-") as tmp:
        root = Path(tmp)
        for lines in SIZES:
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "generate.py"), str(root / str(lines)), "--lines", str(lines)],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        data_dirs = data_dirs_under(root)
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("start-up and memory", lambda: startup_and_memory(runs)),
            ("search", lambda: in_subprocess("search", root)),
            ("scale", lambda: scale(data_dirs, max(3, runs // 3))),
            ("large nodes", lambda: in_subprocess("large-node", root)),
            ("cost growth", lambda: growth(data_dirs, max(3, runs // 3))),
        ]
        outputs: dict[str, Any] = {}
        for label, step in steps:
            print(f"… {label}", flush=True)
            outputs[label] = step()
    startup, memory, anchors = outputs["start-up and memory"]
    growth_result, growth_rows = outputs["cost growth"]
    results = [startup, memory, outputs["search"], outputs["scale"], outputs["large nodes"], growth_result]
    for r in results:
        print(f"{'MET ' if r.met else 'NOT MET'} {r.name}: {r.measured.replace('**', '')}")
    for row in growth_rows:
        print(row)
    if not args.no_write:
        print(f"wrote {write_report(results, growth_rows, anchors, runs)}")


if __name__ == "__main__":
    main()
