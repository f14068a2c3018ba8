"""Safe YAML reading that keeps line numbers and exact decimals.

PyYAML's ``safe_load`` turns ``14.0`` into the float ``14.0`` (printed ``14.0`` but ``1.35`` may become
``1.3500000000000001`` after arithmetic) and forgets where each value came from. Budget figures must stay
exactly as printed and every error must name its line, so we compose the YAML node graph ourselves and
build plain values from it: numbers become ``Decimal`` from their written text, mappings and sequences
remember their line, and anything beyond plain YAML (tags, aliases, duplicate keys) is refused.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from tui.core.errors import DataError

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
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
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, None, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(path, line, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None


def load_yaml(path: Path) -> Any:
    """Parse one YAML file into YamlMap / YamlList / str / Decimal / bool / None."""
    text = read_text(path)
    if not text.strip():
        raise DataError(path, None, None, "the file is empty")
    try:
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
    except yaml.YAMLError as exc:
        raise DataError(path, None, None, f"invalid YAML: {exc}") from None
    if node is None:
        raise DataError(path, None, None, "the file holds no data")
    # An alias re-uses a node; building would copy it at every use (a few lines can expand to billions).
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            raise DataError(path, line, None, f"YAML alias *{event.anchor} is not allowed (plain data only)")
    return _build(path, node)


def _build(path: Path, node: yaml.Node, field: str | None = None) -> Any:
    """``field``: the mapping key this value sits under, named in errors. (Aliases were refused above,
    so the node graph is a tree.)"""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _tag_error(path, line, node.tag, field)
        result = YamlMap()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _build(path, key_node)
            if not isinstance(key, str):
                raise DataError(path, key_node.start_mark.line + 1, None, f"mapping key {key!r} is not text")
            if key in result:
                raise DataError(path, key_node.start_mark.line + 1, key, "duplicated key")
            result[key] = _build(path, value_node, key)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _tag_error(path, line, node.tag, field)
        items = YamlList(_build(path, item, field) for item in node.value)
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
            raise DataError(path, line, field, f"not a decimal number: {value!r}") from None
    if node.tag == _BOOL:
        return value.lower() in ("true", "yes", "on")
    if node.tag == _NULL:
        return None
    raise _tag_error(path, line, node.tag, field)


def _tag_error(path: Path, line: int, tag: str, field: str | None) -> DataError:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return DataError(path, line, field, f"YAML tag {shown} is not allowed (plain data only)")
