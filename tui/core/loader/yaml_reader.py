"""Load and validate ``data/*.yaml`` into a :class:`~tui.core.model.Dataset`.

The schema lives here as code: each reader method checks one kind of field and raises a
:class:`DataError` naming the file, line and field. Loading only ever reads files.

Why one module of ~630 lines: it is one reader class, a method per record type of the six files, in the
order the files are read; the rules of single fields live in tui.core.loader.fields (shared with the CSV
reader), the YAML parsing itself in tui.core.yamlio.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from tui.core.data_dir import default_data_dir
from tui.core.errors import DataError
from tui.core.labels import era_year
from tui.core.loader.csv_reader import BULK_FILE, load_bulk
from tui.core.loader.fields import (
    LINES,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    YEARS,
    FieldError,
    check_amount,
    check_id,
    check_new,
    check_text,
    parse_basis,
    parse_date,
    whole_number,
)
from tui.core.model import (
    MINISTRY_GROUPS,
    MINISTRY_PARTS,
    Basis,
    Dataset,
    Figure,
    Meta,
    Node,
    Source,
    Text,
)
from tui.core.yamlio import YamlList, YamlMap, load_yaml

T = TypeVar("T")
DATA_FILES = (
    "dataset.yaml",
    "totals.yaml",
    "ministries.yaml",
    "strategy2019.yaml",
    "quantum.yaml",
    "ai.yaml",
)
_GROUPED_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")  # "1,234" as printed: YAML reads it as text
_COMMON = {"id", "kind", "name_ja", "name_en", "source", "notes", "editor_notes", "children", "footnotes"}
_PROGRAM = {
    "ministry",
    "ministry_basis",
    "fy2020",
    "fy2019",
    "supplementary",
    "new",
    "relist_of",
    "relist_part",
}
_DETAIL_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    # kind -> (yaml field stem, label ja, label en); the field is read as <stem>_ja / <stem>_en
    "direction": (("direction", "戦略の方向性", "Direction"), ("measures", "具体的方策", "Measures")),
    "investment": (
        ("country", "国・地域", "Country/region"),
        ("amount_text", "投資規模", "Investment"),
        ("period", "期間", "Period"),
    ),
    "ranking": (("indicator", "指標", "Indicator"),),
}
_KIND_FIELDS: dict[str, set[str]] = {
    "program": _PROGRAM,
    "direction": {"direction_ja", "direction_en", "measures_ja", "measures_en"},
    "investment": {
        "country_ja",
        "country_en",
        "amount_text_ja",
        "amount_text_en",
        "approx_oku",
        "period_ja",
        "period_en",
    },
    "ranking": {"indicator_ja", "indicator_en", "from", "to", "publisher", "footnote"},
}
STRUCTURAL_KINDS = {"section", "strategy", "area", "field", "foundation", "group", "heading", "item", "note"}
TREE_KINDS = STRUCTURAL_KINDS | set(_KIND_FIELDS)
MINISTRY_BASES = {"stated", "implied", "editor"}


def load_dataset(directory: Path | str | None = None) -> Dataset:
    """Read, validate and link every data file of ``directory`` (default: the bundled data)."""
    directory = Path(directory) if directory is not None else default_data_dir()
    try:
        info = directory.stat()
    except FileNotFoundError:
        raise DataError(directory, None, None, "no such data directory") from None
    except OSError as exc:  # a symlink loop, a parent we may not enter: Path.is_dir() would just say False
        raise DataError(directory, None, None, f"cannot read the data directory: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise DataError(directory, None, None, "not a directory (--data names the directory of the YAML files)")
    reader = _Loader(directory)
    return reader.load()


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.nodes: dict[str, Node] = {}
        self.id_places: dict[str, tuple[Path, int]] = {}
        self.known_ministries: set[str] = set()  # filled by ministries.yaml, read by the program lines
        self.pending_relists: list[tuple[Path, int, Node, str]] = []
        self.path = directory

    # ---- generic field readers -------------------------------------------------------------
    def error(self, where: YamlMap | YamlList | None, key: str | None, message: str) -> DataError:
        line = None
        if isinstance(where, YamlMap):
            line = where.line_of(key) if key else where.line
        elif isinstance(where, YamlList):
            line = where.line
        return DataError(self.path, line, key, message)

    def rule(self, where: YamlMap, key: str, check: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Apply one of the shared field rules (tui.core.loader.fields) to the value of ``key``."""
        try:
            return check(*args, **kwargs)
        except FieldError as exc:
            raise self.error(where, key, str(exc)) from None

    def mapping(self, value: Any, parent: YamlMap | YamlList, key: str) -> YamlMap:
        if not isinstance(value, YamlMap):
            raise self.error(parent if isinstance(parent, YamlMap) else None, key, "expected a mapping")
        return value

    def sequence(self, m: YamlMap, key: str, *, required: bool = True) -> YamlList:
        value = m.get(key)
        if value is None and not required:
            empty = YamlList()
            empty.line, empty.item_lines = m.line, []
            return empty
        if not isinstance(value, YamlList):
            raise self.error(m, key, "missing list" if value is None else "expected a list")
        return value

    def string(self, m: YamlMap, key: str, *, limit: int = MAX_TEXT_CHARS, newline: bool = False) -> str:
        if key not in m or m[key] is None:
            raise self.error(m, key, "missing required field")
        value = m[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(m, key, f"expected non-empty text, got {_shown(value)}")
        return self.rule(m, key, check_text, value, limit=limit, newline=newline)

    def optional_string(self, m: YamlMap, key: str, *, limit: int = MAX_NAME_CHARS) -> str | None:
        return self.string(m, key, limit=limit) if m.get(key) is not None else None

    def text(self, m: YamlMap, stem: str, *, limit: int = MAX_TEXT_CHARS) -> Text:
        return Text(self.string(m, f"{stem}_ja", limit=limit), self.string(m, f"{stem}_en", limit=limit))

    def name(self, m: YamlMap, stem: str) -> Text:
        """A name or a short label: the length a label has (fields.MAX_NAME_CHARS)."""
        return self.text(m, stem, limit=MAX_NAME_CHARS)

    def integer(self, m: YamlMap, key: str, bounds: tuple[int, int], what: str) -> int:
        value = m.get(key)
        if value is None:
            raise self.error(m, key, "missing required field")
        if not isinstance(value, Decimal):
            raise self.error(m, key, f"expected {what} (a whole number), got {_shown(value)}")
        return self.rule(m, key, whole_number, value, bounds, what)

    def boolean(self, m: YamlMap, key: str) -> bool:
        value = m.get(key, False)
        if not isinstance(value, bool):
            raise self.error(m, key, f"expected true or false, got {_shown(value)}")
        return value

    def no_unknown(self, m: YamlMap, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in m:
            if key not in allowed:
                raise self.error(m, key, "unknown field")

    def new_id(self, m: YamlMap) -> str:
        ident = self.rule(m, "id", check_id, self.string(m, "id", limit=MAX_NAME_CHARS))
        if ident in self.id_places:
            other_path, other_line = self.id_places[ident]
            raise self.error(m, "id", f"duplicated id {ident!r} (first at {other_path.name}:{other_line})")
        self.id_places[ident] = (self.path, m.line_of("id"))
        return ident

    def source(self, m: YamlMap, section: Text) -> Source:
        s = self.mapping(m.get("source"), m, "source") if "source" in m else None
        if s is None:
            raise self.error(m, "source", "missing required field")
        line = self.integer(s, "line", LINES, "a line number")
        text = s.get("text")
        if not isinstance(text, str):
            raise self.error(s, "text", "missing the exact source line text")
        self.rule(s, "text", check_text, text, limit=MAX_TEXT_CHARS, tab=True)  # the seed's tables hold tabs
        self.no_unknown(s, {"line", "text"})
        return Source(self.path.name, section, line, text)

    def notes(self, m: YamlMap, key: str) -> tuple[Text, ...]:
        result = []
        for item in self.sequence(m, key, required=False):
            note = self.mapping(item, m, key)
            self.no_unknown(note, {"ja", "en"})
            ja, en = self.string(note, "ja", newline=True), self.string(note, "en", newline=True)
            result.append(Text(ja, en))
        return tuple(result)

    def figure(self, m: YamlMap, key: str, *, signed: bool = False, supplementary: bool = False) -> Figure | None:
        """A figure field: a number, "-" (printed dash), or {amount, basis, mark, ...}."""
        if key not in m:
            return None
        value = m[key]
        if isinstance(value, str) and value.strip() == "-":
            return Figure(None, dash=True)
        if isinstance(value, Decimal):
            return Figure(self.amount(m, key, value, signed))
        if isinstance(value, str) and _GROUPED_NUMBER.fullmatch(value.strip()):
            plain = value.strip().replace(",", "")
            raise self.error(m, key, f"write the amount without thousands separators: {plain}, not {value!r}")
        if not isinstance(value, YamlMap):
            raise self.error(m, key, f'expected an amount (a number, "-" or a mapping), got {_shown(value)}')
        allowed = {"amount", "basis", "mark", "mark_note_ja", "mark_note_en"}
        if supplementary:
            allowed.add("fiscal_year")
        self.no_unknown(value, allowed)
        basis_text = value.get("basis", "exact")
        if not isinstance(basis_text, str) or not basis_text:
            raise self.error(value, "basis", f"expected a basis such as exact or within, got {_shown(basis_text)}")
        basis = self.rule(value, "basis", parse_basis, basis_text)
        amount = value.get("amount")
        if basis is Basis.UNDETERMINED:
            if amount is not None:
                raise self.error(value, "amount", "an undetermined (未定) figure has no amount")
        elif amount is None:
            raise self.error(value, "amount", "missing required field")
        else:
            amount = self.amount(value, "amount", amount, signed)
        mark_note = None
        if "mark_note_ja" in value or "mark_note_en" in value:
            mark_note = self.text(value, "mark_note")
        fiscal_year = None
        if value.get("fiscal_year") is not None:
            fiscal_year = self.integer(value, "fiscal_year", YEARS, "a fiscal year")
        return Figure(
            amount,
            basis,
            mark=self.optional_string(value, "mark", limit=MAX_NAME_CHARS),
            mark_note=mark_note,
            fiscal_year=fiscal_year,
        )

    def amount(self, m: YamlMap, key: str, value: Any, signed: bool) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, Decimal):
            raise self.error(m, key, f"expected an amount, got {_shown(value)}")
        return self.rule(m, key, check_amount, value, signed=signed)

    # ---- files -----------------------------------------------------------------------------
    def open(self, name: str) -> YamlMap:
        self.path = self.directory / name
        try:
            self.path.stat()
        except FileNotFoundError:
            raise DataError(self.path, None, None, "required data file is missing") from None
        except OSError as exc:  # a symlink loop, a directory we may not enter: say so, not "missing"
            raise DataError(self.path, None, None, f"cannot read: {exc.strerror or exc}") from None
        top = load_yaml(self.path)
        if not isinstance(top, YamlMap):
            raise DataError(self.path, getattr(top, "line", 1), None, "expected a mapping at the top level")
        return top

    def load(self) -> Dataset:
        meta = self.load_meta(self.open("dataset.yaml"))
        totals_section, totals = self.load_totals(self.open("totals.yaml"))
        ministries_section, ministries, ministry_total = self.load_ministries(self.open("ministries.yaml"))
        strategy2019 = self.load_tree(self.open("strategy2019.yaml"), strategy=None)
        quantum = self.load_tree(self.open("quantum.yaml"), strategy="quantum")
        ai = self.load_tree(self.open("ai.yaml"), strategy="ai")
        bulk = self.load_bulk()
        self.link_relists()
        root = Node(
            id="root",
            kind="root",
            name=Text(
                f"{era_year(meta.fiscal_year, 'ja')} 科学技術関係予算",
                f"FY{meta.fiscal_year} science and technology budget",
            ),
            source=None,
            children=[totals_section, ministries_section, strategy2019, quantum, ai],
            details=(
                (Text("資料", "Document"), meta.title),
                (Text("作成", "Published by"), meta.publisher),
                (Text("日付", "Date"), Text(meta.date, meta.date)),
                (Text("単位", "Unit"), meta.unit),
                (Text("原資料ファイル", "Source file"), Text(meta.source_document, meta.source_document)),
            ),
        )
        _set_parents(root)
        # Bulk rows already know their parents; only their sections hang from the root.
        root.children += bulk
        for section in bulk:
            section.parent = root
        return Dataset(
            directory=self.directory,
            meta=meta,
            root=root,
            nodes=self.nodes,
            totals=totals,
            ministries=ministries,
            ministry_total=ministry_total,
            quantum=quantum,
            ai=ai,
            strategy2019=strategy2019,
            bulk=bulk,
        )

    def load_bulk(self) -> list[Node]:
        """``programs.csv``, if the directory has one: program lines in bulk (see tui.core.loader.csv_reader)."""
        path = self.directory / BULK_FILE
        try:
            info = path.stat()
        except FileNotFoundError:
            return []
        except OSError as exc:  # a symlink loop, a directory we may not enter: say so, not "no bulk data"
            raise DataError(path, None, None, f"cannot read: {exc.strerror or exc}") from None
        if not stat.S_ISREG(info.st_mode):
            raise DataError(path, None, None, "not a regular file")  # a FIFO would block the loader
        sections, nodes, relists = load_bulk(path, self.id_places.get, self.known_ministries)
        for node in nodes:
            self.nodes[node.id] = node
        self.pending_relists += relists
        return sections

    def load_meta(self, m: YamlMap) -> Meta:
        self.no_unknown(
            m,
            {
                "title_ja",
                "title_en",
                "publisher_ja",
                "publisher_en",
                "date",
                "unit_ja",
                "unit_en",
                "fiscal_year",
                "previous_fiscal_year",
                "source_document",
            },
        )
        date = m.get("date")
        if not isinstance(date, str):
            raise self.error(m, "date", f"expected a date YYYY-MM-DD, got {_shown(date)}")
        return Meta(
            title=self.name(m, "title"),
            publisher=self.name(m, "publisher"),
            date=self.rule(m, "date", parse_date, date),
            unit=self.name(m, "unit"),
            fiscal_year=self.integer(m, "fiscal_year", YEARS, "a fiscal year"),
            previous_fiscal_year=self.integer(m, "previous_fiscal_year", YEARS, "a fiscal year"),
            source_document=self.string(m, "source_document", limit=MAX_NAME_CHARS),
        )

    def section_node(self, m: YamlMap, ident: str, name: Text, section: Text) -> Node:
        node = Node(id=ident, kind="section", name=name, source=self.source(m, section))
        node.footnotes = tuple(self.footnote(f, section) for f in self.sequence(m, "footnotes", required=False))
        self.register(node)
        return node

    def footnote(self, value: Any, section: Text) -> Node:
        f = self.mapping(value, YamlMap(), "footnotes")
        self.no_unknown(f, {"id", "mark", "ja", "en", "source"})
        node = Node(
            id=self.new_id(f),
            kind="footnote",
            name=Text(self.string(f, "ja", newline=True), self.string(f, "en", newline=True)),
            source=self.source(f, section),
            details=((Text("記号", "Mark"), Text(mark := self.string(f, "mark", limit=MAX_NAME_CHARS), mark)),),
        )
        self.register(node)
        return node

    def register(self, node: Node) -> None:
        self.nodes[node.id] = node

    def record(self, m: YamlMap, kind: str, section: Text) -> Node:
        """A node from the fields every record has: id, names, source, notes."""
        return Node(
            id=self.new_id(m),
            kind=kind,
            name=self.name(m, "name"),
            source=self.source(m, section),
            notes=self.notes(m, "notes"),
            editor_notes=self.notes(m, "editor_notes"),
        )

    def load_totals(self, m: YamlMap) -> tuple[Node, list[Node]]:
        self.no_unknown(m, {"section_ja", "section_en", "source", "rows", "footnotes"})
        section = self.name(m, "section")
        top = self.section_node(m, "totals", Text("全体額", "Overall"), section)
        rows: list[Node] = []
        wholes: list[tuple[Node, YamlMap]] = []
        for item in self.sequence(m, "rows"):
            r = self.mapping(item, m, "rows")
            self.no_unknown(
                r,
                {
                    "id",
                    "name_ja",
                    "name_en",
                    "fy2020",
                    "priority",
                    "fy2019",
                    "change",
                    "change_pct",
                    "source",
                    "part_of",
                    "notes",
                    "editor_notes",
                },
            )
            node = self.record(r, "total", section)
            for key in ("fy2020", "priority", "fy2019"):
                node.figures[key] = self.required_figure(r, key)
            for key in ("change", "change_pct"):
                node.figures[key] = self.required_figure(r, key, signed=True)
            if r.get("part_of") is not None:
                wholes.append((node, r))
            rows.append(node)
            self.register(node)
        for node, r in wholes:
            whole = self.nodes.get(self.string(r, "part_of"))
            if whole is None or whole.kind != "total":
                raise self.error(r, "part_of", f"points at no row of this table: {r['part_of']!r}")
            node.whole = whole
        top.children = rows
        grand_totals = [r for r in rows if r.whole is None]
        if len(grand_totals) == 1:
            _headline(top, grand_totals[0])
        return top, rows

    def required_figure(self, m: YamlMap, key: str, *, signed: bool = False) -> Figure:
        figure = self.figure(m, key, signed=signed)
        if figure is None:
            raise self.error(m, key, "missing required field")
        return figure

    def load_ministries(self, m: YamlMap) -> tuple[Node, list[Node], Node]:
        self.no_unknown(m, {"section_ja", "section_en", "source", "ministries", "total", "footnotes"})
        section = self.name(m, "section")
        rows = [self.ministry_row(self.mapping(v, m, "ministries"), section) for v in self.sequence(m, "ministries")]
        self.known_ministries = {row.name.ja for row in rows}  # not 計: no program belongs to the total
        total = self.ministry_row(self.mapping(m.get("total"), m, "total"), section)
        for row in rows:
            row.whole = total
        top = self.section_node(m, "ministries", Text("府省別", "By ministry"), section)
        top.children = [*rows, total]
        _headline(top, total)
        return top, rows, total

    def ministry_row(self, r: YamlMap, section: Text) -> Node:
        self.no_unknown(
            r,
            {
                "id",
                "name_ja",
                "name_en",
                "short_ja",
                "short_en",
                "abbrev_ja",
                "r2",
                "priority",
                "r1",
                "change",
                "change_pct",
                "source",
                "notes",
                "editor_notes",
            },
        )
        node = self.record(r, "ministry", section)
        if "short_ja" in r or "short_en" in r:
            node.short_name = self.name(r, "short")
        abbrev = self.optional_string(r, "abbrev_ja")
        if abbrev:
            node.details = ((Text("略記", "Abbreviation"), Text(f"【{abbrev}】", f"【{abbrev}】")),)
        for group, yaml_key in zip(MINISTRY_GROUPS, ("r2", "priority", "r1"), strict=True):
            cells = self.mapping(r.get(yaml_key), r, yaml_key)
            self.no_unknown(cells, MINISTRY_PARTS)
            for part in MINISTRY_PARTS:
                node.figures[f"{group}_{part}"] = self.required_figure(cells, part)
        node.figures["change"] = self.required_figure(r, "change", signed=True)
        node.figures["change_pct"] = self.required_figure(r, "change_pct", signed=True)
        self.register(node)
        return node

    def load_tree(self, m: YamlMap, strategy: str | None) -> Node:
        self.no_unknown(m, {"id", "name_ja", "name_en", "source", "children", "footnotes", "notes", "editor_notes"})
        section = self.name(m, "name")
        top = self.record(m, "strategy_root", section)
        top.footnotes = tuple(self.footnote(f, section) for f in self.sequence(m, "footnotes", required=False))
        self.register(top)
        top.children = [
            self.tree_node(self.mapping(v, m, "children"), section, strategy) for v in self.sequence(m, "children")
        ]
        return top

    def tree_node(self, m: YamlMap, section: Text, strategy: str | None) -> Node:
        kind = self.string(m, "kind")
        if kind not in TREE_KINDS:
            raise self.error(m, "kind", f"unknown kind {kind!r} (one of {', '.join(sorted(TREE_KINDS))})")
        self.no_unknown(m, _COMMON | _KIND_FIELDS.get(kind, set()))
        node = self.record(m, kind, section)
        node.details = self.details(m, kind)
        if kind == "program":
            self.program_fields(m, node, strategy)
        node.footnotes = tuple(self.footnote(f, section) for f in self.sequence(m, "footnotes", required=False))
        self.register(node)
        node.children = [
            self.tree_node(self.mapping(v, m, "children"), section, strategy)
            for v in self.sequence(m, "children", required=False)
        ]
        return node

    def details(self, m: YamlMap, kind: str) -> tuple[tuple[Text, Text], ...]:
        rows = [
            (Text(label_ja, label_en), self.text(m, stem))
            for stem, label_ja, label_en in _DETAIL_FIELDS.get(kind, ())
            if f"{stem}_ja" in m or kind != "investment"
        ]
        if kind == "investment" and m.get("approx_oku") is not None:
            approx = self.amount(m, "approx_oku", m["approx_oku"], signed=False)
            rows.append((Text("円換算(約)", "In yen (approx.)"), Text(f"約{approx:,}億円", f"approx. ¥{approx:,}00m")))
        if kind == "ranking":
            for key, label_ja, label_en in (("from", "前", "From"), ("to", "後", "To")):
                step = self.mapping(m.get(key), m, key)
                self.no_unknown(step, {"value", "period"})
                value = f"{self.string(step, 'value')}（{self.string(step, 'period')}）"
                rows.append((Text(label_ja, label_en), Text(value, value)))
            for key, label_ja, label_en in (("publisher", "出典", "Source"), ("footnote", "注", "Footnote")):
                if m.get(key) is not None:
                    value = self.string(m, key)
                    rows.append((Text(label_ja, label_en), Text(value, value)))
        return tuple(rows)

    def program_fields(self, m: YamlMap, node: Node, strategy: str | None) -> None:
        if strategy is None:
            raise self.error(m, "kind", "programs belong in quantum.yaml or ai.yaml")
        node.strategy = strategy
        node.ministry = self.optional_string(m, "ministry")
        if node.ministry is not None and node.ministry not in self.known_ministries:
            raise self.error(m, "ministry", f"unknown ministry {node.ministry!r}")
        node.ministry_basis = self.optional_string(m, "ministry_basis")
        if node.ministry_basis is not None and node.ministry_basis not in MINISTRY_BASES:
            raise self.error(m, "ministry_basis", f"one of {', '.join(sorted(MINISTRY_BASES))}")
        for key in ("fy2020", "fy2019"):
            figure = self.figure(m, key)
            if figure is not None:
                node.figures[key] = figure
        supplementary = self.figure(m, "supplementary", supplementary=True)
        if supplementary is not None:
            node.figures["supplementary"] = supplementary
        node.new = self.boolean(m, "new")
        self.rule(m, "new", check_new, node.new, "fy2019" in node.figures)
        node.relist_part = self.boolean(m, "relist_part")
        target = self.optional_string(m, "relist_of")
        if target is not None:
            self.pending_relists.append((self.path, m.line_of("relist_of"), node, target))
        elif node.relist_part:
            raise self.error(m, "relist_part", "only a 再掲 line (relist_of) can be a part")

    def link_relists(self) -> None:
        for path, line, node, target_id in self.pending_relists:
            target = self.nodes.get(target_id)
            if target is None or not target.is_program:
                raise DataError(path, line, "relist_of", f"再掲 points at no program: {target_id!r}")
            if target is node:
                raise DataError(path, line, "relist_of", f"a 再掲 cannot point at itself: {target_id!r}")
            if target.relist_of is node:
                message = f"a 再掲 cycle: {target_id!r} and {node.id!r} point at each other"
                raise DataError(path, line, "relist_of", message)
            if target.relist_of is not None:
                raise DataError(path, line, "relist_of", f"{target_id!r} is itself a 再掲; point at the original")
            node.relist_of = target
            target.relistings = (*target.relistings, node)
            if node.ministry is None:
                node.ministry, node.ministry_basis = target.ministry, target.ministry_basis


def _shown(value: Any) -> str:
    """A wrong value as an error message names it: short, on one line, whatever was written."""
    if isinstance(value, YamlMap):
        return "a mapping"
    if isinstance(value, YamlList):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _headline(section: Node, row: Node) -> None:
    """A table section shows the figures of the total row the document prints for it (not a sum)."""
    section.headline = row
    section.figures = row.figures


def _set_parents(node: Node) -> None:
    for child in node.children:
        child.parent = node
        _set_parents(child)
    for footnote in node.footnotes:
        footnote.parent = node
