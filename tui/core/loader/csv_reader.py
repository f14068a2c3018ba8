"""Program lines in bulk: ``programs.csv``, the format for data too large to write as YAML.

A data directory may hold ``programs.csv`` beside its YAML files: one row per node, in the same schema
as the YAML program records, so a whole government's project-level lines (tens of thousands of
projects over many years) load in about a second instead of the minutes a YAML parser would need.

Columns (header row required, any order)::

    id, parent, kind, name_ja, name_en, ministry,
    fy2020, fy2020_basis, fy2019, fy2019_basis,
    supplementary, supplementary_basis, supplementary_fiscal_year,
    new, relist_of, note_ja, note_en, source_line, source_text

- ``kind`` is ``section`` (a top-level part of the tree; ``parent`` empty), ``group`` (any level of
  hierarchy) or ``program`` (a budget line; no children). ``parent`` must be the id of a section or group
  on an *earlier* row, so the hierarchy can never loop and loads in one pass.
- An amount is written as printed in 億円: digits with an optional decimal part (``32``, ``6.2``), ``-``
  for a printed dash (no amount, not zero), or empty for no figure. No signs, no thousands separators.
- A basis is ``exact`` (the default), ``within`` (内数), ``estimate`` (推計額) or ``undetermined`` (未定,
  with an empty amount). ``new`` is ``true``/``false``/empty; ``relist_of`` names the original program of
  a 再掲 line; ``ministry`` must be one of ``ministries.yaml``.
- ``source_line`` and ``source_text``: the line of the original document the record comes from.

Errors name the file, the physical line (a quoted note over several lines counts each of them) and the
column, like the YAML loader's; every cell follows the same field rules (:mod:`tui.core.loader.fields`).
Nothing here sums anything: sections and groups have no figures of their own.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from tui.core.errors import DataError
from tui.core.loader.fields import (
    ID,
    LINES,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_TREE_DEPTH,
    RESERVED_IDS,
    UNSAFE_BUT_LAYOUT,
    UNSAFE_BUT_LAYOUT_BMP,
    WHOLE_TEXT,
    YEARS,
    FieldError,
    check_id,
    check_new,
    check_text,
    parse_amount_text,
    parse_basis,
    parse_whole_text,
)
from tui.core.model import (
    FY2019,
    FY2020,
    SUPPLEMENTARY,
    Basis,
    Figure,
    Node,
    Source,
    Text,
)
from tui.core.visible import UNSAFE, visible

BULK_FILE = "programs.csv"
COLUMNS = (
    "id",
    "parent",
    "kind",
    "name_ja",
    "name_en",
    "ministry",
    "fy2020",
    "fy2020_basis",
    "fy2019",
    "fy2019_basis",
    "supplementary",
    "supplementary_basis",
    "supplementary_fiscal_year",
    "new",
    "relist_of",
    "note_ja",
    "note_en",
    "source_line",
    "source_text",
)
KINDS = ("section", "group", "program")
_KIND_NAMES = {kind: kind for kind in KINDS}
_FLAGS = {"": False, "false": False, "true": True}
# A generous ceiling on one cell: a real budget line is a few hundred characters; a runaway quote
# would otherwise swallow the rest of the file into one field.
_FIELD_LIMIT = 100_000
# 100,000 lines take about 15 MB; a file this size is far beyond any budget's lines and still loads.
MAX_BULK_BYTES = 200 * 1024 * 1024
# A character beyond U+FFFF is a 4-byte sequence in UTF-8, and those start with one of these bytes.
_UTF8_4_BYTE_LEADS = tuple(bytes([lead]) for lead in range(0xF0, 0xF5))
# Per column: what its text may hold (fields.check_text): (limit, tab allowed, line break allowed).
_TEXT_RULES = dict.fromkeys(COLUMNS, (MAX_NAME_CHARS, False, False))
_TEXT_RULES |= {"note_ja": (MAX_TEXT_CHARS, False, True), "note_en": (MAX_TEXT_CHARS, False, True)}
_TEXT_RULES["source_text"] = (MAX_TEXT_CHARS, True, False)  # the seed's tables hold tabs


def _reject(path: Path, line: int, column: str | None, exc: FieldError) -> DataError:
    return DataError(path, line, column, str(exc))


def load_bulk(
    path: Path,
    known_ids: Callable[[str], tuple[Path, int] | None],
    known_ministries: set[str],
) -> tuple[list[Node], list[Node], list[tuple[Path, int, Node, str]]]:
    """Read ``path``. Returns the top-level sections, every node (document order) and the 再掲 lines
    still to link (path, line, node, original id), which the caller resolves against all data files.
    ``known_ids`` answers where an id is already defined in the YAML files (or None)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BULK_BYTES + 1)
    except OSError as exc:
        raise DataError(path, None, None, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BULK_BYTES:
        raise DataError(path, None, None, f"too large: over {MAX_BULK_BYTES:,} bytes (the most programs.csv may have)")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")  # the whole file at once, so a bad byte's offset is the file's
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(path, line, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    astral = any(lead in raw for lead in _UTF8_4_BYTE_LEADS)
    del raw
    # A control character anywhere sends every row through the cell-by-cell check that names it; a file
    # without one (the usual case) is checked here once, at the speed of one regular-expression scan.
    dirty = (UNSAFE_BUT_LAYOUT if astral else UNSAFE_BUT_LAYOUT_BMP).search(text) is not None
    tabs = "\t" in text
    lines: Iterator[str]
    if dirty:
        # Universal newlines (LF, CR, CRLF) and nothing else end a line; splitlines() would also break at
        # characters only a dirty file holds (VT, FF, U+0085, U+2028...) and misplace the cell that names them.
        lines, long_lines = io.StringIO(text, newline=""), True
    else:
        physical = text.splitlines(keepends=True)  # in a clean file, exactly the lines of universal newlines
        # No cell of a one-line record is longer than its line: only a file with a long line has cells to measure.
        long_lines = max(map(len, physical), default=0) > MAX_NAME_CHARS
        lines = _dropped_once_read(physical)
        del physical
    del text
    collecting = gc.isenabled()
    gc.disable()  # 100,000 new nodes would trigger hundreds of collections that find nothing to free
    reader = csv.reader(lines)
    try:
        return _read(path, reader, known_ids, known_ministries, dirty, tabs, long_lines)
    except csv.Error as exc:
        raise DataError(path, reader.line_num, None, f"invalid CSV: {exc}") from None
    finally:
        if collecting:
            gc.enable()


def _dropped_once_read(lines: list[str]) -> Iterator[str]:
    """``lines`` in order, each let go once read: the text of the file does not stay alive beside the
    nodes built from it (a whole copy of it would be a third of the peak memory at 100,000 lines)."""
    lines.reverse()
    pop = lines.pop
    while lines:
        yield pop()


def _read(
    path: Path,
    reader: csv.Reader,  # type: ignore[name-defined]
    known_ids: Callable[[str], tuple[Path, int] | None],
    known_ministries: set[str],
    dirty: bool,
    tabs: bool,
    long_lines: bool,
) -> tuple[list[Node], list[Node], list[tuple[Path, int, Node, str]]]:
    csv.field_size_limit(_FIELD_LIMIT)
    header = next(reader, None)
    if header is None:
        raise DataError(path, None, None, "the file is empty")
    for name in header:
        if UNSAFE.search(name):
            raise DataError(path, 1, visible(name), "unknown column")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(path, 1, missing[0], "missing column")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise DataError(path, 1, unknown[0], f"unknown column (expected: {', '.join(COLUMNS)})")
    if len(set(header)) != len(header):
        duplicated = next(c for c in header if header.count(c) > 1)
        raise DataError(path, 1, duplicated, "duplicated column")
    at = {name: header.index(name) for name in COLUMNS}
    width = len(header)
    (
        c_id, c_parent, c_kind, c_name_ja, c_name_en, c_ministry,
        c_fy2020, c_fy2020_basis, c_fy2019, c_fy2019_basis,
        c_supp, c_supp_basis, c_supp_year, c_new, c_relist, c_note_ja, c_note_en, c_line, c_text,
    ) = (at[name] for name in COLUMNS)  # fmt: skip

    sections: list[Node] = []
    nodes: list[Node] = []
    lines: dict[str, int] = {}  # id -> its CSV line
    parents: dict[str, tuple[Node, Text, int]] = {}  # section or group id -> node, its section, its depth
    ministries = {name: name for name in known_ministries}  # one string object per ministry, not per line
    relists: list[tuple[Path, int, Node, str]] = []
    file_name = path.name

    # Figures are immutable and amounts repeat: one Figure per distinct (amount, basis) keeps 100,000
    # lines to a few thousand Decimal objects, and skips re-validating text already seen.
    figures: dict[tuple[str, str], Figure | None] = {}

    rules = [_TEXT_RULES[name] for name in header]

    def check_cells(row: list[str], line: int) -> None:
        """Every cell against its column's text rule (fields.check_text)."""
        for name, cell, (limit, tab, newline) in zip(header, row, rules, strict=True):
            try:
                check_text(cell, limit=limit, tab=tab, newline=newline)
            except FieldError as exc:
                raise _reject(path, line, name, exc) from None

    def figure(row: list[str], line: int, amount_at: int, basis_at: int) -> Figure | None:
        key = (row[amount_at], row[basis_at])
        try:
            return figures[key]
        except KeyError:
            value = figures[key] = _figure(path, line, key, COLUMNS[amount_at], COLUMNS[basis_at])
            return value

    end = reader.line_num  # the physical line the previous record ended on
    for row in reader:
        line, end = end + 1, reader.line_num  # a record's first physical line: a quoted note may span lines
        if len(row) != width:
            if not row:
                continue  # a blank line
            raise DataError(path, line, None, f"expected {width} columns, found {len(row)}")
        if end != line or dirty:
            # A note's line break as the file wrote it: Excel on Windows saves CRLF inside a quoted cell too,
            # and a CR on its own would be refused as a control character. One form, LF, is kept.
            for at_note in (c_note_ja, c_note_en):
                if "\r" in row[at_note]:
                    row[at_note] = row[at_note].replace("\r\n", "\n").replace("\r", "\n")
        if (
            dirty
            or end != line  # a line break in a quoted cell
            or (long_lines and max(map(len, row)) > MAX_NAME_CHARS)
            or (tabs and "".join(row).count("\t") != row[c_text].count("\t"))  # a tab outside source_text
        ):
            check_cells(row, line)  # names the cell and the character; a clean row never comes here
        ident = row[c_id]
        if not ID.match(ident) or ident in RESERVED_IDS:  # the fast path of fields.check_id
            try:
                check_id(ident)
            except FieldError as exc:
                raise _reject(path, line, "id", exc) from None
        if ident in lines:
            raise DataError(path, line, "id", f"duplicated id {ident!r} (first at {file_name}:{lines[ident]})")
        elsewhere = known_ids(ident)
        if elsewhere is not None:
            raise DataError(path, line, "id", f"duplicated id {ident!r} (first at {elsewhere[0].name}:{elsewhere[1]})")
        kind = _KIND_NAMES.get(row[c_kind])  # the shared constant, not one string per row
        if kind is None:
            raise DataError(path, line, "kind", f"unknown kind {row[c_kind]!r} (one of {', '.join(KINDS)})")
        name_ja, name_en = row[c_name_ja], row[c_name_en]
        if not name_ja or not name_en:
            raise DataError(path, line, "name_ja" if not name_ja else "name_en", "missing required field")
        parent_id = row[c_parent]
        parent: Node | None = None
        depth = 0
        name = Text(name_ja, name_en)
        section = name
        if kind == "section":
            if parent_id:
                raise DataError(path, line, "parent", "a section is a top-level part: leave parent empty")
        elif not parent_id:
            raise DataError(path, line, "parent", f"a {kind} needs a parent")
        else:
            found = parents.get(parent_id)
            if found is None:
                problem = "is a program; programs have no children" if parent_id in lines else (
                    "is not a section or group on an earlier line")  # fmt: skip
                raise DataError(path, line, "parent", f"{parent_id!r} {problem}")
            parent, section, depth = found
            depth += 1
            if depth > MAX_TREE_DEPTH:
                message = f"nested more than {MAX_TREE_DEPTH} levels below its section"
                raise DataError(path, line, "parent", message)
        if WHOLE_TEXT.match(row[c_line]):  # the fast path of fields.parse_whole_text
            source_line = int(row[c_line])
        else:
            try:
                source_line = parse_whole_text(row[c_line], LINES, "a line number")
            except FieldError as exc:
                raise _reject(path, line, "source_line", exc) from None
        if not row[c_text]:
            raise DataError(path, line, "source_text", "missing the exact source line text")
        node = Node(id=ident, kind=kind, name=name, source=Source(file_name, section, source_line, row[c_text]))
        note_ja, note_en = row[c_note_ja], row[c_note_en]
        if note_ja or note_en:
            if not note_ja or not note_en:
                raise DataError(path, line, "note_ja" if not note_ja else "note_en", "a note needs both languages")
            node.notes = (Text(note_ja, note_en),)
        if kind == "program":
            _program(path, line, row, node, figure, ministries, relists, columns=(
                c_ministry, c_fy2020, c_fy2020_basis, c_fy2019, c_fy2019_basis,
                c_supp, c_supp_basis, c_supp_year, c_new, c_relist,
            ))  # fmt: skip
        else:
            for column in (c_ministry, c_fy2020, c_fy2019, c_supp, c_relist, c_new):
                if row[column]:
                    raise DataError(path, line, COLUMNS[column], f"only a program has a {COLUMNS[column]}")
        if parent is None:
            sections.append(node)
        else:
            node.parent = parent
            parent.children.append(node)
        lines[ident] = line
        if kind != "program":
            parents[ident] = (node, section, depth)
        nodes.append(node)
    if not nodes:
        raise DataError(path, None, None, "the file holds no rows")
    return sections, nodes, relists


def _figure(path: Path, line: int, key: tuple[str, str], amount_column: str, basis_column: str) -> Figure | None:
    text, basis_text = key
    try:
        basis = parse_basis(basis_text)
    except FieldError as exc:
        raise _reject(path, line, basis_column, exc) from None
    if basis is Basis.UNDETERMINED:
        if text:
            raise DataError(path, line, amount_column, "an undetermined (未定) figure has no amount")
        return Figure(None, basis)
    if not text:
        if basis_text:
            raise DataError(path, line, amount_column, f"a {basis_text} figure needs an amount")
        return None
    if text == "-":
        if basis_text:
            raise DataError(path, line, basis_column, "a printed '-' (no amount) has no basis")
        return Figure(None, dash=True)
    try:
        return Figure(parse_amount_text(text), basis)
    except FieldError as exc:
        raise _reject(path, line, amount_column, exc) from None


def _program(
    path: Path,
    line: int,
    row: list[str],
    node: Node,
    figure: Callable[[list[str], int, int, int], Figure | None],
    ministries: dict[str, str],
    relists: list[tuple[Path, int, Node, str]],
    columns: tuple[int, ...],
) -> None:
    c_ministry, c_fy2020, c_fy2020_basis, c_fy2019, c_fy2019_basis, c_supp, c_supp_basis, c_year, c_new, c_relist = (
        columns
    )
    node.strategy = "bulk"
    if row[c_ministry]:
        ministry = ministries.get(row[c_ministry])
        if ministry is None:
            raise DataError(path, line, "ministry", f"unknown ministry {row[c_ministry]!r}")
        node.ministry, node.ministry_basis = ministry, "stated"
    for key, amount_at, basis_at in (
        (FY2020, c_fy2020, c_fy2020_basis),
        (FY2019, c_fy2019, c_fy2019_basis),
        (SUPPLEMENTARY, c_supp, c_supp_basis),
    ):
        value = figure(row, line, amount_at, basis_at)
        if value is not None:
            node.figures[key] = value
    year = row[c_year]
    if year:
        supplementary = node.figures.get(SUPPLEMENTARY)
        if supplementary is None:
            raise DataError(path, line, "supplementary_fiscal_year", "there is no supplementary figure")
        try:
            fiscal_year = parse_whole_text(year, YEARS, "a fiscal year such as 2019")
        except FieldError as exc:
            raise _reject(path, line, "supplementary_fiscal_year", exc) from None
        node.figures[SUPPLEMENTARY] = Figure(
            supplementary.amount, supplementary.basis, supplementary.dash, fiscal_year=fiscal_year
        )
    new = _FLAGS.get(row[c_new])
    if new is None:
        raise DataError(path, line, "new", f"expected true or false, got {row[c_new]!r}")
    try:
        check_new(new, FY2019 in node.figures)
    except FieldError as exc:
        raise _reject(path, line, "new", exc) from None
    node.new = new
    if row[c_relist]:
        relists.append((path, line, node, row[c_relist]))
