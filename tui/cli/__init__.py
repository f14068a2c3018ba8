"""The `budget-tui` command: the explorer (no subcommand), `check` and `export`.

One module per subcommand (check, export, explore), the parser in :mod:`tui.cli.parser`, exit codes and
error printing in :mod:`tui.cli.errors`. A subcommand's module is imported only when it runs, and Textual
only when the explorer starts, so `check` and `export` stay quick. Every data problem ends as one line on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tui.cli.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, print_error
from tui.cli.explore import UnknownNode, explorer_app, run_explorer
from tui.cli.parser import build_parser
from tui.core.errors import DataError

__all__ = ["build_parser", "explorer_app", "main", "run_explorer"]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir: Path | None = getattr(args, "data", None)
    try:
        if args.command == "check":
            from tui.cli.check import run_check

            return run_check(data_dir)
        if args.command == "export":
            from tui.cli.export import run_export

            return run_export(data_dir, args.table, args.format, args.output, args.force)
        return run_explorer(data_dir, args.lang, args.open)
    except (DataError, UnknownNode) as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # Ctrl+C in check or export (the explorer takes its own keys): no traceback
        print_error("interrupted")
        return EXIT_INTERRUPTED
