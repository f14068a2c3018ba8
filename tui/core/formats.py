"""The names the command line offers for `export`: its tables and formats.

Kept apart from the writers (tui.core.export, tui.core.datapackage) so that building the argument
parser, which every start of the explorer does, imports none of them.
"""

from __future__ import annotations

TABLES = ("programs", "ministries", "totals", "strategy")
FORMATS = ("csv", "tsv", "json", "md")
DATAPACKAGE = "datapackage"
