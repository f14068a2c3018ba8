"""Starting the explorer: read the settings and state, load the data (a DataError ends here, before any
screen is drawn), check ``--open``, run the app and return its return code, which App.run() itself does
not (it returns normally after a crash)."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.errors import EXIT_BAD_INPUT, print_error, print_note
from tui.cli.loading import load_for_the_process
from tui.core.visible import visible

if TYPE_CHECKING:
    from tui.ui.app import BudgetApp


class UnknownNode(Exception):
    """``--open ID`` names no node of the data: one line, exit 2, like any other bad input."""

    def __init__(self, node_id: str, directory: Path) -> None:
        super().__init__(f"--open {visible(node_id)}: no node with this id in {directory}")  # shown, never obeyed


def run_explorer(data_dir: Path | None, lang: str | None, open_id: str | None = None) -> int:
    app = explorer_app(data_dir, lang, open_id)  # bad data is reported first, terminal or not
    problem = terminal_problem()
    if problem is not None:
        print_error(problem)
        return EXIT_BAD_INPUT
    _use_resilient_driver(app)
    app.run()
    # App.run() returns normally even after a crash inside the app; its return code says what happened.
    if not app.return_code:
        remember(app)
    return app.return_code or 0


def remember(app: BudgetApp) -> None:
    """At quit, the state to start from next time (unless the config says ``remember = false``): the node
    shown, unit, language, theme, and the searches and filters used. The file is read again first, so what
    another explorer remembered meanwhile is kept, behind this run's. A state that cannot be written is one
    warning."""
    from tui.core.settings import UNITS, load_start, write_state

    start = load_start()
    if not start.remember:
        return
    screen = app.main_screen
    unit = next(key for key, value in UNITS.items() if value is screen.unit)
    state = replace(start.state, node=screen.current.id, unit=unit, language=screen.lang, theme=app.theme)
    for query in reversed(screen.recent.searches):  # oldest first: the newest ends up in front
        state = state.with_recent("searches", query)
    for query in reversed(screen.recent.filters):
        state = state.with_recent("filters", query)
    try:
        write_state(state)
    except OSError as exc:
        print_note(f"warning: the state was not saved: {exc.strerror or exc}")


def _use_resilient_driver(app: BudgetApp) -> None:
    """Bad bytes from the terminal must not kill Textual's input thread (see tui.ui.driver)."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # not a POSIX terminal
        return
    if app.driver_class is LinuxDriver:
        from tui.ui.driver import ResilientLinuxDriver

        app.driver_class = ResilientLinuxDriver


def terminal_problem() -> str | None:
    """Why the explorer cannot run here, or None: it reads keys from stdin and draws on stderr (Textual's
    driver), both of which must be a terminal; without one it would spin forever (`budget-tui < /dev/null`).
    Under `budget-tui serve` textual-serve runs the explorer on Textual's web driver, which talks to the
    server over pipes by design: no terminal is needed there."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return None
    for name, stream in (("stdin", sys.__stdin__), ("stderr", sys.__stderr__)):
        try:
            ok = stream is not None and stream.isatty()
        except (OSError, ValueError):
            ok = False
        if not ok:
            return (
                f"the explorer needs a terminal, and {name} is not one "
                "(for scripts: budget-tui check, budget-tui export)"
            )
    return None


def explorer_app(data_dir: Path | None, lang: str | None, open_id: str | None = None) -> BudgetApp:
    """The explorer, with its data loaded (raises DataError before any screen is drawn). The parsed data
    comes from the cache when it holds these exact files (tui.core.cache), which saves reading the YAML.
    A broken config or state file is one warning line on stderr (and the defaults), never an exit."""
    from tui.core.cache import load_dataset_cached
    from tui.core.settings import load_start

    start = load_start(language="en" if lang == "en" else "ja" if lang == "ja" else None, node=open_id)
    for warning in start.warnings:
        print_note(warning)
    dataset = load_for_the_process(lambda: load_dataset_cached(data_dir))
    if open_id is not None and open_id not in dataset.nodes:
        raise UnknownNode(open_id, dataset.directory)
    from tui.core.settings import UNITS
    from tui.ui.app import BudgetApp

    # --open ID, else the node remembered at the last quit (silently none if the data no longer has it).
    node = dataset.nodes.get(start.node) if start.node is not None else None
    warnings = list(start.warnings)
    app = BudgetApp(
        dataset,
        lang=start.language,
        unit=UNITS[start.unit],
        start_node=node,
        recent=start.state,
        cite_id=start.citation_id,
    )
    if start.theme is not None:
        if start.theme in app.available_themes:
            app.theme = start.theme
        else:
            warning = f"warning: theme {visible(repr(start.theme))} is not a theme of this Textual (using the default)"
            print_note(warning)
            warnings.append(warning)
    app.start_warnings = tuple(warnings)  # shown in the app too: the alternate screen hides stderr at once
    return app
