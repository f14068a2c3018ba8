"""The explorer over bulk data (programs.csv): crowded nodes, tables drawn only where visible, the
search index built in the background and scans that resume between frames."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot

import tui.core.subtotal as subtotal
from bench.generate import generate
from tests.ui.pilot import run, settle, toasts
from tests.ui.test_lines import AI_SIGMA
from tui.core.loader import load_dataset
from tui.core.model import Dataset, Node
from tui.ui.app import BudgetApp
from tui.ui.screens.lines import LinesScreen
from tui.ui.widgets import KeyBar, NavTree

LINES = 6_000  # two measures of 600 programs: above NavTree.LEAF_LIMIT


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("scale")
    generate(out, LINES, seed=3)
    return load_dataset(out)


def crowded(dataset: Dataset) -> Node:
    return max(dataset.nodes.values(), key=lambda n: len(n.children))


def test_a_crowded_node_lists_its_leaves_in_the_table_only(dataset: Dataset) -> None:
    big = crowded(dataset)
    assert len(big.children) == 600 > NavTree.LEAF_LIMIT
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        leaf = big.children[450]
        app.main_screen.jump_to(leaf)
        await pilot.pause()
        tree = app.main_screen.tree_view
        stand_in = tree.cursor_node
        assert stand_in is not None and stand_in.data is big  # the line standing for the 600 leaves
        assert "600件" in str(stand_in.label)
        assert leaf.id not in tree.tree_nodes
        # The leaf is the table's current row, and the detail pane shows it.
        assert app.main_screen.table.has_focus and app.main_screen.table.current_row().node is leaf  # type: ignore[union-attr]
        assert app.main_screen.current is leaf
        assert len(app.main_screen.table.rows_shown) == 600

    run(app, scenario)


def test_only_the_visible_rows_are_drawn(dataset: Dataset) -> None:
    big = crowded(dataset)
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(big.children[0])
        await pilot.pause()
        table = app.main_screen.table
        visible = table.scrollable_content_region.height - 1  # less the header
        drawn = {index for index, _, _ in table._strips}
        assert drawn and len(drawn) <= visible
        await pilot.press("pagedown", "pagedown")
        drawn_after = {index for index, _, _ in table._strips}
        assert max(drawn_after) < 3 * visible + 1  # two pages on, not the whole table
        assert table.cursor_row == 2 * table._page()
        # Rows are built for the width sample and the screen, never all 600.
        assert len(table.rows_shown._built) <= table.WIDTH_SAMPLE + 3 * visible  # type: ignore[attr-defined]
        await pilot.press("G")
        assert table.current_row().node is big.children[-1]  # type: ignore[union-attr]

    run(app, scenario)


def test_sorting_a_crowded_table_by_amount(dataset: Dataset) -> None:
    big = crowded(dataset)
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        app.main_screen.jump_to(big.children[0])
        await pilot.pause()
        app.main_screen.table.move_cursor(column=[c.key for c in app.main_screen.table.shown_columns].index("fy2020"))
        await pilot.press("s", "s")  # descending
        shown = [r.cells["fy2020"].sort[1] for r in app.main_screen.table.rows_shown[:50]]
        # Own amounts (exact or estimated) first, largest first; 内数 envelopes after them.
        own = [n.fy2020.amount for n in big.children if n.fy2020 is not None and n.fy2020.basis.value != "within"]
        assert shown == sorted((a for a in own if a is not None), reverse=True)[:50]

    run(app, scenario)


def test_search_on_bulk_data_waits_for_the_background_index(dataset: Dataset) -> None:
    app = BudgetApp(dataset)
    target = next(n for n in dataset.bulk[0].walk() if n.is_program)

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("slash")
        await pilot.press(*target.name.ja[:6])
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.main_screen.results
        assert results.hits, results.border_title
        assert any(hit.node is target for hit in results.hits)

    run(app, scenario)


def test_the_key_bar_runs_a_clicked_key(dataset: Dataset) -> None:
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        bar = app.query_one(KeyBar)
        bar.render()
        start = next(span[0] for span in bar.spans if span[2] == "u")
        assert await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.main_screen.unit.label.ja == "百万円"

    run(app, scenario)


def test_copying_a_table_of_100000_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """`Y` on 100,000 rows: written in a thread (the app keeps answering), all of it on the system
    clipboard, kept off OSC 52 with the reason, and the rows are not all kept in memory afterwards."""
    from dataclasses import replace

    from tui.ui.clipboard import SystemCopy
    from tui.ui.screens import main as main_module

    dataset = load_dataset()
    q_leap = next(n for n in dataset.programs() if n.source is not None and n.source.line == 201)
    heading = q_leap.parent
    assert heading is not None
    heading.children = [replace(q_leap, id=f"big.{i}", relistings=(), parent=heading) for i in range(100_000)]
    received: list[str] = []

    def system_copy(text: str) -> SystemCopy:
        received.append(text)
        return SystemCopy("xclip", ("pyperclip", "wl-copy", "xclip"))

    monkeypatch.setattr(main_module, "copy_to_system_clipboard", system_copy)
    app = BudgetApp(dataset)
    app.NOTIFICATION_TIMEOUT = 600  # type: ignore[misc]

    async def main() -> None:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            app.main_screen.show_node(heading)
            await pilot.pause()
            await pilot.press("Y")
            assert "100,000" in toasts(app)[-1]  # said at once: the copy takes a moment
            await pilot.press("u")  # the app answers while the table is written
            while not received:
                await settle(pilot)
            await settle(pilot)
            (tsv,) = received
            lines = tsv.splitlines()
            assert len(lines) == 100_001
            assert lines[1].startswith("光・量子飛躍フラッグシッププログラム (Q-LEAP)\t文科省\t")
            assert lines[1].split("\t")[2] == "32"  # in 億円, the unit when Y was pressed (`u` came after)
            assert app.clipboard == ""  # too big for OSC 52
            assert "システムのクリップボード（xclip）、OSC 52 では送信せず" in toasts(app)[-1]
            assert len(app.main_screen.table.rows_shown._built) < 1_000  # type: ignore[attr-defined]

    asyncio.run(main())


def test_the_all_lines_view_over_bulk_lines_while_and_after_indexing(dataset: Dataset) -> None:
    # Over 5,000 lines the index is built in a worker; the table is drawn meanwhile (its header with no
    # columns yet: it raised KeyError and ended the app). The seed's lines are among the bulk ones, and
    # their Σ is the one typed from the seed (tests/ui/test_lines.py).
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LinesScreen) and screen.index is not None and len(screen.index) > LINES
        await pilot.press("f", *"strategy:ai")
        await pilot.pause()
        assert screen.sigma.text == AI_SIGMA

    run(app, scenario, size=(140, 40))


def test_the_all_lines_sigma_over_bulk_lines_by_the_workers_bit_planes(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the index, the worker builds the filter's lookups and the Σ's bit planes; with the threshold
    # at 0 every Σ then goes through the planes, over the seed's lines among 6,000 bulk ones.
    monkeypatch.setattr(subtotal, "_PLANES_FROM", 0)
    app = BudgetApp(dataset)

    async def scenario(pilot: Pilot[int]) -> None:
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LinesScreen) and screen.index is not None
        assert len(screen.index) > LINES and subtotal._prepare(screen.index).planes
        await pilot.press("f", *"strategy:ai")
        await pilot.pause()
        assert screen.sigma.text == AI_SIGMA
        await pilot.press("escape", "f", *"strategy:quantum q-leap", "enter")
        await pilot.pause()
        assert len(screen.table.rows_shown) == 3  # Q-LEAP and its two 再掲 (lines 201, 230, 303)
        assert screen.sigma.text == "Σ 3行 1事業 │ R2当初 32億円 (1事業 ±0.5) │ R1当初 22億円 (1事業 ±0.5)"
        await pilot.press("space", "space")  # a selection: summed from its positions
        await pilot.pause()
        assert screen.sigma.text == "選択 Σ 2行 1事業 │ R2当初 32億円 (1事業 ±0.5) │ R1当初 22億円 (1事業 ±0.5)"

    run(app, scenario, size=(140, 40))
