"""A cache of the parsed dataset, so the explorer starts without re-reading and re-validating its YAML.

Safe by construction, never trusted:

- **No pickle, no code.** The cache is JSON of plain values (strings, integers, booleans, lists), written by
  :func:`encode` and read back by :func:`decode`, which checks the type of every value against the model's
  field annotations; amounts are the printed text of a ``Decimal`` (``"14.0"``), re-read exactly.
- **Keyed on content.** The key is a SHA-256 over the bytes of every data file of the directory (``*.yaml``,
  ``*.csv``, with their names), over the source of the code that reads them (``tui/core``) and over this
  format's version: an edited data file or a changed loader gives another key, and the cache is rebuilt.
- **A stale or corrupt cache is ignored.** The file starts with the SHA-256 of the rest; a file that fails
  that check, the key, the JSON or any type check is treated as absent (and then replaced).
- **Only where it pays.** A directory whose data files total more than :data:`MAX_CACHED_BYTES`
  (a bulk ``programs.csv``) is not cached: decoding that many nodes costs as much as loading them, and the
  file would be large. Anything unusual (a non-regular file, an unreadable one) bypasses the cache, and
  the loader reports it as usual.

Only the explorer uses it (:func:`load_dataset_cached`); ``check`` and ``export`` always load afresh. The
cache lives in the platform's cache directory (``platformdirs.user_cache_dir("budget-tui")``), or in
``$BUDGET_TUI_CACHE_DIR``; ``BUDGET_TUI_NO_CACHE=1`` turns it off. One file per data directory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import tui
from tui.core.data_dir import default_data_dir
from tui.core.model import Basis, Dataset, Figure, Meta, Node, Source, Text

FORMAT = 1
MAX_CACHED_BYTES = 4 * 2**20  # the shipped six YAML files total ~150 KB
CACHE_DIR_ENV = "BUDGET_TUI_CACHE_DIR"
NO_CACHE_ENV = "BUDGET_TUI_NO_CACHE"
_DATA_SUFFIXES = (".yaml", ".csv")


class CacheMiss(Exception):
    """The cache cannot be used (absent, stale, corrupt, or the data cannot be cached): load afresh."""


# ---- where ----------------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """``$BUDGET_TUI_CACHE_DIR``, else the platform's user cache directory for budget-tui."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs  # Textual imports it anyway: no start-up cost

    return Path(platformdirs.user_cache_dir("budget-tui", appauthor=False))


def cache_file(directory: Path, root: Path | None = None) -> Path:
    """The one cache file of a data directory (its absolute path's hash names it)."""
    name = hashlib.sha256(str(directory.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return (root or cache_dir()) / f"dataset-{name}.json"


# ---- the key --------------------------------------------------------------------------------------------


def content_key(directory: Path) -> str:
    """SHA-256 over this format, the loading code and every data file of ``directory`` (name and bytes).

    Raises CacheMiss where the loader must speak instead (an unreadable or non-regular file) or where the
    data is too large to be worth caching."""
    digest = hashlib.sha256(f"budget-tui cache {FORMAT} {tui.__version__}\n".encode())
    _hash_tree(digest, Path(__file__).resolve().parent)
    total = 0
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        raise CacheMiss(f"cannot list {directory}: {exc}") from None
    for entry in entries:
        if not entry.name.endswith(_DATA_SUFFIXES):
            continue
        try:
            info = entry.stat()
            if not stat.S_ISREG(info.st_mode):
                raise CacheMiss(f"{entry.path} is not a regular file")
            total += info.st_size
            if total > MAX_CACHED_BYTES:
                raise CacheMiss("too large to cache")
            data = Path(entry.path).read_bytes()
        except OSError as exc:
            raise CacheMiss(f"cannot read {entry.path}: {exc}") from None
        digest.update(f"\n{entry.name}\n{len(data)}\n".encode("utf-8", "surrogateescape"))
        digest.update(data)
    return digest.hexdigest()


def _hash_tree(digest: Any, package: Path) -> None:
    """The source of the code that reads the data (all of tui/core): a changed rule rebuilds the cache."""
    for path in sorted(package.rglob("*.py")):
        digest.update(f"\n{path.relative_to(package)}\n".encode())
        digest.update(path.read_bytes())


# ---- encoding -------------------------------------------------------------------------------------------
# Each field annotation the model uses has a codec: encode checks and converts a value to JSON, decode
# checks the JSON's type and converts back. An annotation without a codec makes the data uncacheable
# (encode) or the cache unusable (decode), never a wrong value.


class _Codec:
    def __init__(self, nodes: list[Node] | None, index: dict[int, int] | None) -> None:
        self.nodes = nodes  # decoding: every node, by position
        self.index = index  # encoding: id(node) -> position

    def node_enc(self, value: Any) -> int:
        if not isinstance(value, Node) or self.index is None or id(value) not in self.index:
            raise CacheMiss("node outside the dataset")
        return self.index[id(value)]

    def node_dec(self, value: Any) -> Node:
        if type(value) is not int or self.nodes is None or not 0 <= value < len(self.nodes):
            raise CacheMiss("bad node reference")
        return self.nodes[value]

    def codec(self, annotation: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        if annotation.endswith(" | None"):
            enc, dec = self.codec(annotation[: -len(" | None")])
            return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
        if annotation.startswith("tuple[") and annotation.endswith(", ...]"):
            enc, dec = self.codec(annotation[len("tuple[") : -len(", ...]")])
            return (lambda v: [enc(x) for x in _check(v, tuple)]), (lambda v: tuple(dec(x) for x in _check(v, list)))
        if annotation.startswith("list[") and annotation.endswith("]"):
            enc, dec = self.codec(annotation[len("list[") : -1])
            return (lambda v: [enc(x) for x in _check(v, list)]), (lambda v: [dec(x) for x in _check(v, list)])
        if annotation.startswith("dict[str, ") and annotation.endswith("]"):
            enc, dec = self.codec(annotation[len("dict[str, ") : -1])

            def dict_dec(v: Any) -> dict[str, Any]:
                return {_check(k, str): dec(x) for k, x in _check(v, dict).items()}

            return (lambda v: {_check(k, str): enc(x) for k, x in _check(v, dict).items()}), dict_dec
        simple = _SIMPLE.get(annotation)
        if simple is not None:
            return simple
        if annotation == "Node":
            return self.node_enc, self.node_dec
        if annotation == "tuple[Text, Text]":
            return (lambda v: [_text_enc(x) for x in _check(v, tuple, 2)]), (
                lambda v: tuple(_text_dec(x) for x in _check(v, list, 2))
            )
        record = _RECORDS.get(annotation)
        if record is not None:
            return self.record(record)
        raise CacheMiss(f"no codec for {annotation!r}")

    def record(self, cls: type) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        fields = [(f.name, *self.codec(str(f.type))) for f in dataclasses.fields(cls)]

        def enc(value: Any) -> list[Any]:
            return [e(getattr(_check(value, cls), name)) for name, e, _ in fields]

        def dec(value: Any) -> Any:
            items = _check(value, list, len(fields))
            return cls(**{name: d(x) for (name, _, d), x in zip(fields, items, strict=True)})

        return enc, dec


def _check(value: Any, kind: type, length: int | None = None) -> Any:
    if type(value) is not kind or (length is not None and len(value) != length):  # type: ignore[arg-type]
        raise CacheMiss(f"expected {kind.__name__}")
    return value


def _text_enc(value: Any) -> list[str]:
    return [_check(_check(value, Text).ja, str), _check(value.en, str)]


def _text_dec(value: Any) -> Text:
    ja, en = _check(value, list, 2)
    return Text(_check(ja, str), _check(en, str))


def _decimal_enc(value: Any) -> str:
    return str(_check(value, Decimal))


def _decimal_dec(value: Any) -> Decimal:
    try:
        amount = Decimal(_check(value, str))
    except InvalidOperation:
        raise CacheMiss("bad amount") from None
    if not amount.is_finite() or str(amount) != value:  # exactly the printed text, nothing else
        raise CacheMiss("bad amount")
    return amount


def _basis_dec(value: Any) -> Basis:
    try:
        return Basis(_check(value, str))
    except ValueError:
        raise CacheMiss("bad basis") from None


def _identity(kind: type) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    return (lambda v: _check(v, kind)), (lambda v: _check(v, kind))


_SIMPLE: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "str": _identity(str),
    "int": _identity(int),
    "bool": _identity(bool),
    "Text": (_text_enc, _text_dec),
    "Decimal": (_decimal_enc, _decimal_dec),
    "Basis": (lambda v: _check(v, Basis).value, _basis_dec),
}
_RECORDS: dict[str, type] = {"Figure": Figure, "Source": Source, "Meta": Meta}
_DATASET_NODE_FIELDS = ("root", "ministry_total", "quantum", "ai", "strategy2019")
_DATASET_LIST_FIELDS = ("totals", "ministries", "bulk")


def _all_nodes(dataset: Dataset) -> list[Node]:
    """Every node the dataset reaches (tree, footnotes, the nodes map), each once, in a stable order."""
    seen: dict[int, Node] = {}
    stack = [dataset.root, *dataset.nodes.values()]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        stack.extend(node.children)
        stack.extend(node.footnotes)
        stack.extend(node.relistings)
        stack.extend(n for n in (node.headline, node.relist_of, node.whole, node.parent) if n is not None)
    return list(seen.values())


def _node_fields() -> list[tuple[str, str, Any]]:
    """(name, annotation, default) of each Node field; a field without a default is always written."""
    out = []
    for f in dataclasses.fields(Node):
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = dataclasses.MISSING
        out.append((f.name, str(f.type), default))
    return out


def encode(dataset: Dataset) -> dict[str, Any]:
    """The dataset as JSON-ready plain values (raises CacheMiss if some value has no codec)."""
    nodes = _all_nodes(dataset)
    codec = _Codec(None, {id(n): i for i, n in enumerate(nodes)})
    fields = [(name, codec.codec(annotation)[0], default) for name, annotation, default in _node_fields()]
    encoded_nodes = []
    for node in nodes:
        record = {}
        for name, enc, default in fields:
            value = getattr(node, name)
            if default is dataclasses.MISSING or type(value) is not type(default) or value != default:
                record[name] = enc(value)
        encoded_nodes.append(record)
    meta_enc = codec.record(Meta)[0]
    return {
        "meta": meta_enc(dataset.meta),
        "nodes": encoded_nodes,
        "map": [codec.node_enc(n) for n in dataset.nodes.values()],
        **{name: codec.node_enc(getattr(dataset, name)) for name in _DATASET_NODE_FIELDS},
        **{name: [codec.node_enc(n) for n in getattr(dataset, name)] for name in _DATASET_LIST_FIELDS},
    }


def decode(payload: Any, directory: Path) -> Dataset:
    """The dataset back from :func:`encode`'s values; CacheMiss on any value of the wrong type."""
    _check(payload, dict)
    records = _check(payload.get("nodes"), list)
    # Nodes refer to each other in any direction: make them all first, then fill their fields.
    nodes = [Node(id="", kind="", name=Text("", ""), source=None) for _ in records]
    codec = _Codec(nodes, None)
    fields = {name: codec.codec(annotation)[1] for name, annotation, _ in _node_fields()}
    required = {name for name, _, default in _node_fields() if default is dataclasses.MISSING}
    for node, record in zip(nodes, records, strict=True):
        _check(record, dict)
        if not required <= record.keys():
            raise CacheMiss("a node lacks a required field")
        for name, value in record.items():
            dec = fields.get(_check(name, str))
            if dec is None:
                raise CacheMiss(f"unknown node field {name!r}")
            setattr(node, name, dec(value))
    node_map = {}
    for i in _check(payload.get("map"), list):
        node = codec.node_dec(i)
        node_map[node.id] = node
    singles: dict[str, Any] = {name: codec.node_dec(payload.get(name)) for name in _DATASET_NODE_FIELDS}
    lists: dict[str, Any] = {
        name: [codec.node_dec(i) for i in _check(payload.get(name), list)] for name in _DATASET_LIST_FIELDS
    }
    return Dataset(
        directory=directory, meta=codec.record(Meta)[1](payload.get("meta")), nodes=node_map, **singles, **lists
    )


# ---- reading and writing ------------------------------------------------------------------------------


def read_cache(path: Path, key: str, directory: Path) -> Dataset:
    """The cached dataset at ``path`` if it is intact and was made for ``key``; else CacheMiss."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO in its place must not block the start
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise CacheMiss("not a regular file")
            blob = handle.read(MAX_CACHED_BYTES * 8)
    except OSError as exc:
        raise CacheMiss(str(exc)) from None
    checksum, _, body = blob.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != checksum:
        raise CacheMiss("checksum mismatch (corrupt or truncated)")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise CacheMiss("not JSON") from None
    if type(payload) is not dict or payload.get("format") != FORMAT or payload.get("key") != key:
        raise CacheMiss("stale")
    try:
        return decode(payload.get("dataset"), directory)
    except (TypeError, ValueError, RecursionError) as exc:  # e.g. Node(**...) or Text(...) refusing a value
        raise CacheMiss(f"bad value: {exc}") from None


def write_cache(path: Path, key: str, dataset: Dataset) -> None:
    """Write the cache atomically (a temporary file renamed into place). Raises CacheMiss or OSError."""
    body = json.dumps(
        {"format": FORMAT, "key": key, "dataset": encode(dataset)}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    from tui.core.files import write_atomic  # only on a miss: not on the start-up path

    path.parent.mkdir(parents=True, exist_ok=True)
    checksum = hashlib.sha256(body).hexdigest()
    write_atomic(path, checksum + "\n" + body.decode("utf-8"), force=True)


def load_dataset_cached(directory: Path | str | None = None, root: Path | None = None) -> Dataset:
    """:func:`tui.core.loader.load_dataset`, from the cache when it holds this exact data; a miss loads
    (raising DataError as the loader does) and refreshes the cache. The cache never turns an error into
    data: nothing invalid is ever written to it, since only a dataset the loader accepted is."""
    path_dir = Path(directory) if directory is not None else default_data_dir()
    if os.environ.get(NO_CACHE_ENV):
        from tui.core.loader import load_dataset

        return load_dataset(path_dir)
    try:
        key = content_key(path_dir)
    except CacheMiss:
        key = None
    target = cache_file(path_dir, root) if key is not None else None
    if key is not None and target is not None:
        try:
            return read_cache(target, key, path_dir)
        except CacheMiss:
            pass
    from tui.core.loader import load_dataset

    dataset = load_dataset(path_dir)
    if key is not None and target is not None:
        try:
            if content_key(path_dir) != key:  # a file changed while it was being loaded: cache nothing
                return dataset
            write_cache(target, key, dataset)
        except (CacheMiss, OSError, ValueError):
            pass  # a cache that cannot be written only costs the next start its speed
    return dataset
