"""The Pilot helpers every UI test module shares: run a scenario, wait for workers, read toasts, and the
seed's nodes the scenarios go to. (No test module imports another; they all import this.)"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from textual.app import App
from textual.pilot import Pilot

from tui.core.model import Node
from tui.ui.app import BudgetApp

SIZE = (120, 40)
Scenario = Callable[[Pilot[int]], Awaitable[None]]
Q_LEAP = "光・量子飛躍フラッグシッププログラム (Q-LEAP)"  # line 201


def run(app: BudgetApp, scenario: Scenario, *, size: tuple[int, int] = SIZE, notifications: bool = False) -> None:
    """Run ``scenario`` in ``app`` under Pilot (``notifications``: mount the toast rack)."""

    async def main() -> None:
        async with app.run_test(size=size, notifications=notifications) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int]) -> None:
    """Let the workers (clipboard, large copies) finish and their notifications arrive."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def toasts(app: App[int]) -> list[str]:
    """Notifications on screen (run(..., notifications=True) mounts the toast rack)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def program(app: BudgetApp, line: int) -> Node:
    """The program placement printed on ``line`` of the seed."""
    return next(n for n in app.dataset.programs() if n.source is not None and n.source.line == line)


async def go(pilot: Pilot[int], node: Node) -> None:
    """Select ``node`` the way search results and the palette do."""
    assert isinstance(pilot.app, BudgetApp)
    pilot.app.main_screen.jump_to(node)
    await pilot.pause()
