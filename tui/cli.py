"""The `budget-tui` command: the explorer (no subcommand), `check` and `export`.

Textual is imported only when the explorer starts, so `check` and `export` stay quick. Every data
problem ends as one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.core.datapackage import FORMAT as DATAPACKAGE
from tui.core.errors import DataError
from tui.core.export import FORMATS, TABLES

if TYPE_CHECKING:
    from tui.ui.app import BudgetApp

EXIT_OK = 0
EXIT_INCONSISTENT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def build_parser() -> argparse.ArgumentParser:
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="directory of data files of the same schema: the YAML files, plus programs.csv for program "
        "lines in bulk (default: the bundled FY2020 data)",
    )
    parser = argparse.ArgumentParser(
        prog="budget-tui",
        parents=[data],
        description="Explore Japan's FY2020 (令和2年度) science-and-technology budget in the terminal. "
        "Without a subcommand, opens the explorer.",
    )
    parser.add_argument("--version", action="version", version=f"budget-tui {__version__}")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="label language at start (default: ja)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "check",
        parents=[data],
        help="audit: recompute every printed total from its parts",
        description="Recompute every printed total from its parts and compare within rounding. "
        "Exit 0 when consistent, 1 on an inconsistency, 2 on unreadable data.",
    )
    export = sub.add_parser(
        "export",
        parents=[data],
        help="write a table as csv, tsv, json or md, or all tables as a data package",
        description="Write one table of the dataset to stdout or, atomically, to a file; or, with "
        "--format datapackage, every table as a Frictionless Data Package in the directory -o DIR.",
    )
    export.add_argument(
        "--table",
        choices=TABLES,
        default="programs",
        help="which table (default: programs)",
    )
    export.add_argument(
        "--format",
        choices=(*FORMATS, DATAPACKAGE),
        default="csv",
        help=f"output format (default: csv); {DATAPACKAGE} writes all tables (--table is ignored) to -o DIR",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE (a directory for datapackage) instead of stdout",
    )
    export.add_argument("--force", action="store_true", help="replace FILE (or a non-empty DIR) if it already exists")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir: Path | None = getattr(args, "data", None)
    try:
        if args.command == "check":
            from tui.commands import run_check

            return run_check(data_dir)
        if args.command == "export":
            from tui.commands import run_export

            return run_export(data_dir, args.table, args.format, args.output, args.force)
        return run_explorer(data_dir, args.lang)
    except DataError as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # Ctrl+C in check or export (the explorer takes its own keys): no traceback
        print_error("interrupted")
        return EXIT_INTERRUPTED


def print_error(message: str) -> None:
    """Every user error, from any subcommand, is this one line on stderr."""
    print(f"budget-tui: error: {message}", file=sys.stderr)


def run_explorer(data_dir: Path | None, lang: str) -> int:
    app = explorer_app(data_dir, lang)
    app.run()
    # App.run() returns normally even after a crash inside the app; its return code says what happened.
    return app.return_code or 0


def explorer_app(data_dir: Path | None, lang: str) -> BudgetApp:
    """The explorer, with its data loaded (raises DataError before any screen is drawn)."""
    from tui.core.loader import load_dataset

    dataset = load_dataset(data_dir)
    # The dataset lives as long as the app: keep the garbage collector from re-scanning its (up to
    # hundreds of thousands of) objects on every full collection.
    gc.freeze()
    from tui.ui.app import BudgetApp

    return BudgetApp(dataset, lang="en" if lang == "en" else "ja")
