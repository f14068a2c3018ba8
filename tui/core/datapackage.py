"""`export --format datapackage`: the four tables as a Frictionless Data Package.

A directory with one CSV per table (``programs.csv``, ``ministries.csv``, ``totals.csv``,
``strategy.csv``, the same columns and cell text as ``export --format csv``) and a ``datapackage.json``
that says what the CSVs mean, so that any Frictionless tool can check them:

- every field has a type (``string``, ``number``, ``integer``, ``boolean``); names, ids and flags are
  required; a basis column may only hold ``exact, within, estimate, undetermined`` (an enum constraint),
  and ``strategy``/``document`` only their few values;
- each table has a primary key (``id``, ``ministry_ja``, ``item_ja``, ``id``);
- references are foreign keys: ``programs.relist_of`` (a column the package adds at the end of the
  programs table: the id of the placement a 再掲 line re-lists) → ``programs.id``, ``programs.ministry``
  → ``ministries.ministry_ja``, ``strategy.parent_id`` → ``strategy.id``;
- amounts are 億円 as printed: each amount field carries ``unit: 億円``, ``currency: JPY`` and
  ``factor: 100000000`` (multiply by it for yen), and the fiscal period it belongs to (``fiscalPeriod``,
  the Fiscal Data Package's name: FY N runs from N-04-01 to (N+1)-03-31); the package states the same
  for the dataset's own fiscal year. A supplementary (補正) amount gets no period: the document does not
  always say which year's 補正 it is (the ``note`` column does when it does).

The package is written into a temporary directory beside the target and renamed into place, so a
reader never sees half a package; an existing non-empty directory is replaced only with ``force``, and
only when it is a previous package (tui.core.files.recognise): nothing else is ever deleted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tui.core.export import Row, render, table_rows
from tui.core.files import Commit, write_directory
from tui.core.formats import DATAPACKAGE, TABLES
from tui.core.model import Basis, Dataset

FORMAT = DATAPACKAGE
DESCRIPTOR = "datapackage.json"
OKU_YEN = 100_000_000  # 1 億円 in yen: the factor of every amount
BASIS_VALUES = [b.value for b in Basis]
RELIST_OF = "relist_of"

Field = dict[str, Any]


def fiscal_period(fiscal_year: int) -> dict[str, str]:
    """Japan's fiscal year N: 1 April N to 31 March N+1."""
    return {"start": f"{fiscal_year}-04-01", "end": f"{fiscal_year + 1}-03-31"}


def package_tables(dataset: Dataset) -> dict[str, tuple[tuple[str, ...], list[Row]]]:
    """The rows of each resource: the export tables, the programs table with ``relist_of`` added (after
    ``source``, where the package has always had it; the export's later columns come after it)."""
    tables = {name: table_rows(dataset, name) for name in TABLES}
    columns, rows = tables["programs"]
    by_id = {node.id: node for node in dataset.programs()}
    at = columns.index("source") + 1
    relisted: list[Row] = []
    for row in rows:
        original = by_id[str(row[0])].relist_of
        relisted.append((*row[:at], original.id if original is not None else None, *row[at:]))
    tables["programs"] = ((*columns[:at], RELIST_OF, *columns[at:]), relisted)
    return tables


# ---- schemas ----------------------------------------------------------------------------------------


def _string(name: str, description: str, *, required: bool = False, enum: list[str] | None = None) -> Field:
    field: Field = {"name": name, "type": "string", "description": description}
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if enum is not None:
        constraints["enum"] = enum
    if constraints:
        field["constraints"] = constraints
    return field


def _amount(name: str, description: str, fiscal_year: int | None, *, required: bool = False) -> Field:
    field: Field = {
        "name": name,
        "type": "number",
        "description": description,
        "unit": "億円",
        "currency": "JPY",
        "factor": OKU_YEN,
    }
    if fiscal_year is not None:
        field["fiscalPeriod"] = fiscal_period(fiscal_year)
    if required:
        field["constraints"] = {"required": True}
    return field


def _basis(name: str, of: str) -> Field:
    return _string(
        name,
        f"What {of} means: exact (the item's own amount), within (内数: the envelope the item is funded "
        "within, not its own amount), estimate (推計額), undetermined (未定: no amount). Empty when there is "
        "no figure.",
        enum=BASIS_VALUES,
    )


def _percent(name: str, description: str, *, required: bool = False) -> Field:
    field: Field = {"name": name, "type": "number", "description": description, "unit": "%"}
    if required:
        field["constraints"] = {"required": True}
    return field


def _boolean(name: str, description: str) -> Field:
    return {
        "name": name,
        "type": "boolean",
        "description": description,
        "trueValues": ["true"],
        "falseValues": ["false"],
        "constraints": {"required": True},
    }


def _schemas(fy: int, strategies: list[str]) -> dict[str, dict[str, Any]]:
    prev = fy - 1
    ministry_groups = {
        "r2": (f"FY{fy} initial budget", fy),
        "pr": (f"FY{fy} initial budget, of which the priority-issue framework (優先課題推進枠)", fy),
        "r1": (f"FY{prev} initial budget", prev),
    }
    ministry_parts = {
        "general": "general account (一般会計)",
        "promotion": "of which S&T promotion expenses (うち科学技術振興費)",
        "special": "special accounts (特別会計)",
        "total": "total (計)",
    }
    ministry_amounts = [
        _amount(
            f"{group}_{part}",
            f"{title}, {what}; empty where the document prints '-' (no amount, not zero).",
            year,
            required=part == "total" and group != "pr",
        )
        for group, (title, year) in ministry_groups.items()
        for part, what in ministry_parts.items()
    ]
    programs = [
        _string("id", "Stable id of the program placement.", required=True),
        _string(
            "strategy",
            "The strategy document that lists it (bulk: a line of programs.csv).",
            required=True,
            enum=strategies,
        ),
        _string("path", "Japanese names from the strategy document down to the parent, joined with ' > '."),
        _string("ministry", "The responsible ministry (Japanese name, as in ministries.ministry_ja)."),
        _string("name_ja", "Name as printed.", required=True),
        _string("name_en", "English name.", required=True),
        _amount("fy2020_initial", f"FY{fy} initial budget as printed (see the basis).", fy),
        _basis("fy2020_initial_basis", "fy2020_initial"),
        _amount("fy2019_initial", f"FY{prev} initial budget as printed (see the basis).", prev),
        _basis("fy2019_initial_basis", "fy2019_initial"),
        _amount(
            "supplementary",
            "Supplementary budget (補正) as printed; its fiscal year is in supplementary_fiscal_year.",
            None,
        ),
        _basis("supplementary_basis", "supplementary"),
        _boolean(
            "relisted", "True on a 再掲 line: a re-listing of a placement printed elsewhere (never count it twice)."
        ),
        _boolean("new", "新規: new this year, no previous-year figure."),
        _string("note", "Printed notes, joined with '; '."),
        _string("source", "'line N: ' and the exact line of the source text."),
        _string(RELIST_OF, "On a 再掲 line, the id of the placement it re-lists; empty otherwise."),
        {
            "name": "supplementary_fiscal_year",
            "type": "integer",
            "description": "Fiscal year of the supplementary budget (2019 for 令和元年度補正); empty where the "
            "document does not state it.",
        },
    ]
    ministries = [
        _string("ministry_ja", "Ministry or agency as printed; 計 is the printed total row.", required=True),
        _string("ministry_en", "English name.", required=True),
        *ministry_amounts,
        _amount("change", f"Change from FY{prev} as printed.", None, required=True),
        _percent("change_pct", f"Change from FY{prev} in percent, as printed.", required=True),
    ]
    totals = [
        _string("item_ja", "Row of the overall table as printed.", required=True),
        _string("item_en", "English name.", required=True),
        _amount("fy2020", f"FY{fy} initial budget.", fy, required=True),
        _amount("priority", f"FY{fy}, of which the priority-issue framework (優先課題推進枠).", fy, required=True),
        _amount("fy2019", f"FY{prev} initial budget.", prev, required=True),
        _amount("change", f"Change from FY{prev} as printed.", None, required=True),
        _percent("change_pct", f"Change from FY{prev} in percent, as printed.", required=True),
    ]
    strategy = [
        _string("id", "Stable node id.", required=True),
        _string("document", "Which document.", required=True, enum=["strategy2019", "quantum", "ai"]),
        _string("kind", "Node kind (strategy_root, section, item, program, footnote, ...).", required=True),
        {
            "name": "depth",
            "type": "integer",
            "description": "0 for the document itself.",
            "constraints": {"required": True, "minimum": 0},
        },
        _string("parent_id", "Id of the parent node; empty for a document."),
        _string("path", "Japanese names from the document down to the parent, joined with ' > '."),
        _string("name_ja", "Text as printed.", required=True),
        _string("name_en", "English text.", required=True),
        _string("detail_ja", "Details ('label: value') and a program's figures, joined with '; '."),
        _string("detail_en", "The same in English."),
        _string("notes_ja", "Printed notes, joined with '; '."),
        _string("notes_en", "The same in English."),
        _string("source", "'line N: ' and the exact line of the source text."),
    ]
    return {
        "programs": {
            "fields": programs,
            "primaryKey": ["id"],
            "foreignKeys": [
                {"fields": [RELIST_OF], "reference": {"resource": "", "fields": ["id"]}},
                {"fields": ["ministry"], "reference": {"resource": "ministries", "fields": ["ministry_ja"]}},
            ],
        },
        "ministries": {"fields": ministries, "primaryKey": ["ministry_ja"]},
        "totals": {"fields": totals, "primaryKey": ["item_ja"]},
        "strategy": {
            "fields": strategy,
            "primaryKey": ["id"],
            "foreignKeys": [{"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}],
        },
    }


_TITLES = {
    "programs": "Program placements of the quantum and AI strategies (再掲 lines included)",
    "ministries": "S&T budget by ministry (府省別), 17 ministries and the printed total 計",
    "totals": "S&T budget overall (全体額)",
    "strategy": "Every node of the strategy documents, in document order",
}


def descriptor(dataset: Dataset, files: dict[str, bytes]) -> dict[str, Any]:
    """``datapackage.json`` for the CSV ``files`` (name → content) of the four tables."""
    meta = dataset.meta
    # The strategies the programs table holds: quantum and ai, and bulk when there is a programs.csv.
    strategies = ["quantum", "ai", *(["bulk"] if dataset.bulk else [])]
    schemas = _schemas(meta.fiscal_year, strategies)
    resources = []
    for name in TABLES:
        data = files[f"{name}.csv"]
        resources.append(
            {
                "name": name,
                "title": _TITLES[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                "schema": schemas[name],
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": f"jp-st-budget-fy{meta.fiscal_year}-quantum-ai",
        "title": meta.title.en,
        "description": (
            f"{meta.title.ja} ({meta.publisher.ja}, {meta.date}). Amounts are in {meta.unit.ja} "
            f"({meta.unit.en}) exactly as printed; a figure's basis column says whether it is the item's "
            "own amount or, e.g., the envelope (内数) it is funded within. Nothing is summed that the "
            "document does not sum."
        ),
        "sources": [{"title": f"{meta.publisher.ja}「{meta.title.ja}」{meta.date}", "path": meta.source_document}],
        "currency": "JPY",
        "unit": meta.unit.ja,
        "factor": OKU_YEN,
        "fiscalYear": meta.fiscal_year,
        "fiscalPeriod": fiscal_period(meta.fiscal_year),
        "resources": resources,
    }


def package_files(dataset: Dataset) -> dict[str, bytes]:
    """Every file of the package by name: the CSVs, then ``datapackage.json``."""
    files = {
        f"{name}.csv": render(columns, rows, "csv").encode("utf-8")
        for name, (columns, rows) in package_tables(dataset).items()
    }
    text = json.dumps(descriptor(dataset, files), ensure_ascii=False, indent=2) + "\n"
    files[DESCRIPTOR] = text.encode("utf-8")
    return files


# ---- writing ----------------------------------------------------------------------------------------


def write_package(
    dataset: Dataset, directory: Path | str, force: bool = False, commit: Commit | None = None
) -> dict[str, bytes]:
    """Write the package into ``directory`` all at once and return its files (see
    :func:`tui.core.files.write_directory`: ``force`` replaces only a previous data package)."""
    files = package_files(dataset)
    write_directory(directory, files, DESCRIPTOR, force, commit)
    return files
