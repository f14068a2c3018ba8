"""Safe YAML reading that keeps line numbers and exact decimals.

PyYAML's ``safe_load`` turns ``14.0`` into the float ``14.0`` (printed ``14.0`` but ``1.35`` may become
``1.3500000000000001`` after arithmetic) and forgets where each value came from. Budget figures must stay
exactly as printed and every error must name its line, so we compose the YAML node graph ourselves and
build plain values from it: numbers become ``Decimal`` from their written text, mappings and sequences
remember their line, and anything beyond plain YAML (tags, aliases, duplicate keys) is refused.

Hostile or broken files end as a one-line :class:`DataError` too: a file over :data:`MAX_FILE_BYTES`
or one that is not a regular file (a FIFO would block) is refused before it is read, and nesting deeper
than :data:`MAX_DEPTH` is refused before building recurses into it. A UTF-8 byte-order mark and CRLF line
ends (a file saved on Windows) are plain YAML and load with their line numbers unchanged.
"""

from __future__ import annotations

import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from tui.core.errors import DataError

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The shipped files total about 150 KB; PyYAML needs minutes for 50 MB, so a bigger file is refused unread.
MAX_FILE_BYTES = 10 * 1024 * 1024
# The shipped files nest about 15 levels; building recurses once per level (Python's limit is 1000).
MAX_DEPTH = 100
# The shipped files hold at most about 2,000 values each and 24 items in one list or mapping. Composing
# costs about 2 KiB and 50 µs per value, so these keep a hostile file (600,000 notes in 9 MB) from taking
# a minute and gigabytes: it is refused at its 10,001st list item or 200,001st value, before composing.
MAX_ITEMS = 10_000
MAX_VALUES = 200_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class YamlMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence that remembers its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


def read_text(path: Path) -> str:
    """Read a data file as UTF-8, naming the line of the first undecodable byte."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError(path, None, None, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise DataError(
                path,
                None,
                None,
                f"too large: {info.st_size:,} bytes (a data file may have at most {MAX_FILE_BYTES:,} bytes)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, None, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_at(raw[: exc.start].decode("utf-8")) if exc.start else 1
        raise DataError(
            path, line, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None


def _line_at(before: str) -> int:
    """The 1-based line a position is on, counting line breaks as YAML does (CRLF, LF or CR)."""
    return before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def load_yaml(path: Path) -> Any:
    """Parse one YAML file into YamlMap / YamlList / str / Decimal / bool / None."""
    text = read_text(path)
    if not text.strip():
        raise DataError(path, None, None, "the file is empty")
    try:
        _scan(path, text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" ({exc.context} on line {exc.context_mark.line + 1})"
        raise DataError(path, line, None, f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:  # its str() spans lines; say the same in one, with the line
        # Its position counts bytes in libyaml and characters in PyYAML; the first occurrence of the
        # refused character is the one refused, whichever reader ran.
        at = text.find(chr(exc.character))
        line = _line_at(text[:at]) if at >= 0 else None
        raise DataError(path, line, None, f"invalid YAML: character U+{exc.character:04X}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise DataError(path, None, None, f"invalid YAML: {exc}") from None
    if node is None:
        raise DataError(path, None, None, "the file holds no data")
    return _build(path, node)


def _scan(path: Path, text: str) -> None:
    """One pass over the parser's events before anything is composed: refuse aliases (building would copy
    an aliased node at every use: a few lines can expand to billions), a list or mapping of more than
    :data:`MAX_ITEMS` items and a file of more than :data:`MAX_VALUES` values."""
    counts: list[int] = []  # items so far in each open collection (a mapping counts keys and values)
    values = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            raise DataError(path, line, None, f"YAML alias *{event.anchor} is not allowed (plain data only)")
        if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            values += 1
            if counts:
                counts[-1] += 1
                if counts[-1] > 2 * MAX_ITEMS:  # a mapping's item is a key and a value; a list's is one
                    raise _too_many(path, event, f"more than {MAX_ITEMS:,} items in one list or mapping")
            if values > MAX_VALUES:
                raise _too_many(path, event, f"more than {MAX_VALUES:,} values in one file")
            if isinstance(event, yaml.CollectionStartEvent):
                counts.append(0 if isinstance(event, yaml.MappingStartEvent) else MAX_ITEMS)
        elif isinstance(event, yaml.CollectionEndEvent):
            counts.pop()


def _too_many(path: Path, event: yaml.Event, what: str) -> DataError:
    line = event.start_mark.line + 1 if event.start_mark is not None else None
    return DataError(path, line, None, f"too many values: {what} (bulk lines belong in programs.csv)")


def _build(path: Path, node: yaml.Node, field: str | None = None, depth: int = 0) -> Any:
    """``field``: the mapping key this value sits under, named in errors. (Aliases were refused above,
    so the node graph is a tree.)"""
    line = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise DataError(path, line, field, f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _tag_error(path, line, node.tag, field)
        result = YamlMap()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(path, key_node, depth=depth + 1)
            if not isinstance(key, str):
                raise DataError(path, key_node.start_mark.line + 1, None, f"mapping key {key!r} is not text")
            if key in result:
                raise DataError(path, key_node.start_mark.line + 1, key, "duplicated key")
            result[key] = _build(path, value_node, key, depth + 1)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _tag_error(path, line, node.tag, field)
        items = YamlList(_build(path, item, field, depth + 1) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    assert isinstance(node, yaml.ScalarNode)
    value: str = node.value
    if node.tag == _STR:
        return value
    if node.tag in (_INT, _FLOAT):
        try:
            return Decimal(value.replace("_", ""))
        except InvalidOperation:
            kind = "a finite number" if value.lower().lstrip("+-") in (".nan", ".inf") else "a decimal number"
            raise DataError(path, line, field, f"not {kind}: {value!r}") from None
    if node.tag == _BOOL:
        return value.lower() in ("true", "yes", "on")
    if node.tag == _NULL:
        return None
    if node.tag == _TIMESTAMP:  # an unquoted date: YAML would make it a date object, the schema wants text
        raise DataError(path, line, field, f"write the date in quotes: '{value}'")
    raise _tag_error(path, line, node.tag, field)


def _tag_error(path: Path, line: int, tag: str, field: str | None) -> DataError:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return DataError(path, line, field, f"YAML tag {shown} is not allowed (plain data only)")
