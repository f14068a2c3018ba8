"""The argument parser of `budget-tui` and its subcommands.

It imports only the names of tables and formats (tui.core.formats), never the writers: the explorer
builds this parser on every start.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.cli.output import write_stdout
from tui.core.formats import ALL_TABLES, DATAPACKAGE, ENCODINGS, FORMATS, HEADERS, NEWLINES, TABLES, XLSX

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class Parser(argparse.ArgumentParser):
    """argparse, except that help (``--help``, ``--version``) that cannot be written to stdout is one line
    and exit status 2, as for every other output: argparse ignores the OSError, so `--help > /dev/full`
    printed nothing and exited 0. The subcommands' parsers are of this class too (add_subparsers)."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # Help and version come with file=sys.stdout, which is None when stdout is closed (`>&-`).
        if message and file is not sys.stdout:
            super()._print_message(message, file)  # stderr: usage errors, which exit 2 anyway
        elif message:
            status = write_stdout(message, locale=True)
            if status:
                raise SystemExit(status)  # before argparse's own exit(0)


def build_parser() -> argparse.ArgumentParser:
    data = Parser(add_help=False)
    data.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="directory of data files of the same schema: the YAML files, plus programs.csv for program "
        "lines in bulk (default: the bundled FY2020 data)",
    )
    parser = Parser(
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
        choices=(*TABLES, ALL_TABLES),
        default="programs",
        help=f"which table (default: programs); {ALL_TABLES}: every table, one sheet each (--format {XLSX} only)",
    )
    export.add_argument(
        "--format",
        choices=(*FORMATS, DATAPACKAGE, XLSX),
        default="csv",
        help=f"output format (default: csv); {DATAPACKAGE} writes all tables (--table is ignored) to -o DIR; "
        f"{XLSX} writes an Excel workbook to -o FILE",
    )
    export.add_argument(
        "--encoding",
        choices=ENCODINGS,
        default="utf-8",
        help="csv/tsv/md text encoding (default: utf-8); utf-8-sig adds a byte-order mark, so that Excel on "
        "Windows reads Japanese text correctly",
    )
    export.add_argument(
        "--newline",
        choices=NEWLINES,
        default="lf",
        help="csv/tsv line ends (default: lf); crlf for Excel and other Windows programs",
    )
    export.add_argument(
        "--headers",
        choices=HEADERS,
        default="en",
        help="header row (csv, tsv, md, xlsx): en, the column names of the public contract (default), or ja, "
        "Japanese headers with the year (和暦 and 西暦) and the unit",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE (a directory for datapackage) instead of stdout",
    )
    export.add_argument("--force", action="store_true", help="replace FILE (or a non-empty DIR) if it already exists")
    export.add_argument("--filter", metavar="QUERY", default="", help=_FILTER_HELP + " (programs table)")
    total = sub.add_parser(
        "sum",
        parents=[data],
        help="the honest subtotal of program lines: own amounts, 補正 apart, 内数 listed",
        description="Sum the program lines a query selects: own FY2020/FY2019 initial amounts of distinct "
        "programs, 推計額 and 補正 apart, 内数 envelopes listed and never added.",
    )
    total.add_argument("--filter", metavar="QUERY", default="", help=_FILTER_HELP)
    total.add_argument("--by", choices=("ministry", "agency", "strategy", "basis", "section"), help="group the sum")
    total.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    total.add_argument("--lang", choices=("ja", "en"), default="ja", help="text labels (default: ja)")
    serve = sub.add_parser(
        "serve",
        parents=[data],
        help="serve the explorer to a web browser (textual-serve)",
        description="Serve the explorer to a web browser: each tab that opens the page runs its own explorer. "
        "Binds to the loopback address unless --host says otherwise. There is no authentication.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help="label language (default: ja)")
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535, not {port}")
    return port


_FILTER_HELP = (
    "only lines matching QUERY: terms joined by AND, e.g. 'strategy:ai ministry:経産省 is:new fy2020>=10' "
    "(README: the query language)"
)
