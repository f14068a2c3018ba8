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
from tui.cli.output import finish_stdout, make_streams_safe
from tui.cli.parser import build_parser
from tui.core.errors import DataError

__all__ = ["build_parser", "explorer_app", "main", "run_explorer"]


def main(argv: Sequence[str] | None = None) -> int:
    """The `budget-tui` entry point: its return value is the exit status."""
    make_streams_safe()  # LC_ALL=C, PYTHONIOENCODING=ascii: escapes, not UnicodeEncodeError
    try:
        status = _run(argv)
    except SystemExit as exc:  # argparse's --help, --version and usage errors; SIGTERM while writing
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_BAD_INPUT)
    return finish_stdout(status)


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    data_dir: Path | None = getattr(args, "data", None)
    try:
        if args.command == "check":
            from tui.cli.check import run_check

            return run_check(data_dir)
        if args.command == "export":
            from tui.cli.export import run_export

            return run_export(
                data_dir,
                args.table,
                args.format,
                args.output,
                args.force,
                encoding=args.encoding,
                newline=args.newline,
                headers=args.headers,
                filter_text=args.filter,
            )
        if args.command == "serve":
            from tui.cli.serve import run_serve

            return run_serve(data_dir, args.lang or "ja", args.host, args.port)
        if args.command == "sum":
            from tui.cli.sum import run_sum

            return run_sum(data_dir, args.filter, args.by, args.format, args.lang)
        return run_explorer(data_dir, args.lang, args.open)
    except (DataError, UnknownNode) as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # Ctrl+C in check or export (the explorer takes its own keys): no traceback
        print_error("interrupted")
        return EXIT_INTERRUPTED
