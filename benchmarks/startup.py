"""Speed goals, measured here and never asserted in tests (timings vary with the machine).

    python benchmarks/startup.py

1. Start-up: a fresh interpreter imports, loads the data and shows the first screen (headless), compared
   with an empty Textual app doing the same. Median of several runs.
2. Search: the time of one query over every node, for queries a user types keystroke by keystroke.
3. Data load alone, and `budget-tui check` / `export` end to end.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7

# Each variant: imports and app class (timed from the first import), then the expression making the app.
TIMED_START = """
import time, asyncio
t0 = time.perf_counter()
{setup}
async def main():
    app = {make_app}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
asyncio.run(main())
print(time.perf_counter() - t0)
"""

EMPTY_APP = TIMED_START.format(
    setup="""
from textual.app import App
from textual.widgets import Static
class Empty(App):
    def compose(self):
        yield Static("hello")
""",
    make_app="Empty()",
)

SAME_WIDGETS_APP = TIMED_START.format(
    setup="""
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, OptionList, Static, Tree
class SameWidgets(App):
    def compose(self):
        yield Static("title")
        with Horizontal():
            yield Tree("root")
            with Vertical():
                yield Input()
                yield OptionList()
                yield DataTable()
                yield Static("detail")
        yield Footer()
""",
    make_app="SameWidgets()",
)

BUDGET_APP = TIMED_START.format(
    setup="""
from tui.core.loader import load_dataset
from tui.ui.app import BudgetApp
""",
    make_app="BudgetApp(load_dataset())",
)


def median_seconds(code: str) -> float:
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def command_seconds(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tui.core.loader import load_dataset
    from tui.core.search import SearchIndex

    empty = median_seconds(EMPTY_APP)
    same = median_seconds(SAME_WIDGETS_APP)
    budget = median_seconds(BUDGET_APP)
    print(f"start-up to first screen (median of {RUNS}): empty Textual app {empty * 1000:.0f} ms; "
          f"the same widgets, empty, {same * 1000:.0f} ms; budget-tui {budget * 1000:.0f} ms "
          f"(+{(budget - empty) * 1000:.0f} ms over empty, +{(budget - same) * 1000:.0f} ms over the same widgets)")

    start = time.perf_counter()
    dataset = load_dataset()
    print(f"data load (in process): {(time.perf_counter() - start) * 1000:.1f} ms, {len(dataset.nodes)} nodes")
    start = time.perf_counter()
    index = SearchIndex(dataset)
    print(f"search index build: {(time.perf_counter() - start) * 1000:.1f} ms")
    query = "量子暗号 32億"
    worst = 0.0
    for end in range(1, len(query) + 1):
        start = time.perf_counter()
        for _ in range(20):
            index.search(query[:end])
        worst = max(worst, (time.perf_counter() - start) / 20)
    print(f"search per keystroke (worst prefix of {query!r}): {worst * 1000:.2f} ms")

    print(f"budget-tui check: {command_seconds(['check']) * 1000:.0f} ms; "
          f"export programs csv: {command_seconds(['export']) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
