"""The argument parser of `budget-tui` and its subcommands.

It imports only the names of tables and formats (tui.core.formats), never the writers: the explorer
builds this parser on every start.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui import __version__
from tui.core.formats import DATAPACKAGE, FORMATS, TABLES


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
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=None,
        help="label language at start (default: the config's language, else the last one used, else ja)",
    )
    parser.add_argument(
        "--open",
        metavar="ID",
        default=None,
        help="start at the node with this id (the `id` column of the export, shown in the detail pane)",
    )
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
