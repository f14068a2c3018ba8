"""The names the command line offers for `export`: its tables and formats.

Kept apart from the writers (tui.core.export, tui.core.datapackage) so that building the argument
parser, which every start of the explorer does, imports none of them.
"""

from __future__ import annotations

TABLES = ("programs", "ministries", "totals", "strategy")
FORMATS = ("csv", "tsv", "json", "md")
DATAPACKAGE = "datapackage"
XLSX = "xlsx"  # a workbook, one sheet per table (--table all: every table); tui.core.xlsx
ALL_TABLES = "all"
ENCODINGS = ("utf-8", "utf-8-sig")  # utf-8-sig: with a byte-order mark, so Excel reads the CSV as UTF-8
NEWLINES = ("lf", "crlf")
HEADERS = ("en", "ja")
