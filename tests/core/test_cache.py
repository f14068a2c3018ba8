"""The parsed-data cache: the same dataset as the loader's, keyed on content, never trusted."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import DATA
from tui.core import cache
from tui.core.cache import CacheMiss, cache_file, content_key, load_dataset_cached
from tui.core.errors import DataError
from tui.core.export import render, table_rows
from tui.core.loader import load_dataset
from tui.core.model import Basis, Dataset


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _tables(dataset: Dataset) -> list[str]:
    return [render(*table_rows(dataset, t), "json") for t in ("programs", "ministries", "totals", "strategy")]


def test_a_hit_gives_the_loaders_dataset(data: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    first = load_dataset_cached(data, root)
    assert cache_file(data, root).is_file()
    second = load_dataset_cached(data, root)  # from the cache
    assert _tables(second) == _tables(load_dataset(data)) == _tables(first)
    qleap = second.nodes["quantum.q-leap"]
    assert qleap.fy2020 is not None and qleap.fy2020.amount == Decimal("32")  # seed: 32億円 (22億円)
    assert qleap.fy2019 is not None and str(qleap.fy2019.amount) == "22"
    assert qleap.parent is not None and qleap in qleap.parent.children
    assert qleap.placements()[0].id == "quantum.q-leap" and len(qleap.placements()) == 3
    within = [n for n in second.nodes.values() if n.fy2020 is not None and n.fy2020.basis is Basis.WITHIN]
    assert within and within[0].fy2020 is not None and within[0].fy2020.amount is not None  # 内数 travels
    assert second.ministry_total.fy2020 is not None and second.ministry_total.fy2020.amount == Decimal("43787")
    assert second.root.children[0] is second.totals[0].parent


def test_a_hit_reads_no_yaml(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "cache"
    load_dataset_cached(data, root)

    def refuse(directory: Path | str | None = None) -> Dataset:
        raise AssertionError("the loader ran on a cache hit")

    monkeypatch.setattr("tui.core.loader.load_dataset", refuse)
    assert load_dataset_cached(data, root).meta.date == "2020-05-21"


def test_an_edited_data_file_is_a_miss(data: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    load_dataset_cached(data, root)
    totals = data / "totals.yaml"
    text = totals.read_text(encoding="utf-8")
    assert "fy2020: 43787" in text
    totals.write_text(text.replace("fy2020: 43787", "fy2020: 43788", 1), encoding="utf-8")
    edited = load_dataset_cached(data, root)
    amounts = {str(n.fy2020.amount) for n in edited.totals if n.fy2020 is not None}
    assert "43788" in amounts and "43787" not in amounts


def test_bad_data_is_never_cached(data: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    (data / "ai.yaml").write_text("id: [", encoding="utf-8")
    with pytest.raises(DataError):
        load_dataset_cached(data, root)
    assert not cache_file(data, root).exists()


@pytest.mark.parametrize(
    "damage",
    [
        "truncate",
        "junk",
        "flip-amount",
        "wrong-type",
        "unknown-field",
        "stale-key",
        "directory",
        "fifo",
    ],
)
def test_a_corrupt_or_stale_cache_is_ignored_and_replaced(data: Path, tmp_path: Path, damage: str) -> None:
    root = tmp_path / "cache"
    load_dataset_cached(data, root)
    path = cache_file(data, root)
    blob = path.read_bytes()
    _, _, body = blob.partition(b"\n")
    payload = json.loads(body)

    def rewrite(p: dict[str, object]) -> None:  # a well-formed file with a valid checksum: only types guard
        new = json.dumps(p, ensure_ascii=False).encode()
        path.write_bytes(hashlib.sha256(new).hexdigest().encode() + b"\n" + new)

    nodes = payload["dataset"]["nodes"]
    program = next(n for n in nodes if n.get("id") == "quantum.q-leap")
    if damage == "truncate":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "junk":
        path.write_bytes(b"\x00\xff\xfe" * 1000)
    elif damage == "flip-amount":  # the checksum catches an edit that keeps the JSON valid
        assert b'"32"' in body
        path.write_bytes(blob.replace(b'"32"', b'"33"', 1))
    elif damage == "wrong-type":
        program["name"] = 12
        rewrite(payload)
    elif damage == "unknown-field":
        program["evil"] = "x"
        rewrite(payload)
    elif damage == "stale-key":
        payload["key"] = "0" * 64
        rewrite(payload)
    elif damage == "directory":
        path.unlink()
        path.mkdir()
    elif damage == "fifo":  # must not block the start waiting for a writer
        path.unlink()
        os.mkfifo(path)
    dataset = load_dataset_cached(data, root)
    assert _tables(dataset) == _tables(load_dataset(data))
    if damage not in ("directory", "fifo"):
        assert path.read_bytes() == blob  # replaced by a good one


@pytest.mark.parametrize("value", ["NaN", "1e3", "32.", "Infinity", 32])
def test_an_amount_must_be_exactly_a_printed_decimal(value: object) -> None:
    with pytest.raises(CacheMiss):
        cache._decimal_dec(value)


def test_too_large_data_is_not_cached(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_CACHED_BYTES", 1000)
    with pytest.raises(CacheMiss):
        content_key(data)


def test_a_fifo_bypasses_the_cache(data: Path) -> None:
    os.mkfifo(data / "programs.csv")
    with pytest.raises(CacheMiss):
        content_key(data)  # and never blocks reading it


def test_no_cache_env_turns_it_off(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_TUI_NO_CACHE", "1")
    root = tmp_path / "cache"
    load_dataset_cached(data, root)
    assert not root.exists()


def test_the_cache_dir_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"
    assert cache_file(DATA).parent == tmp_path / "elsewhere"


def test_a_warm_start_imports_no_yaml_reader() -> None:
    """The cache's point: the explorer's second start does not even import the YAML reader."""
    import subprocess
    import sys

    from tests.helpers import REPO

    code = (
        "import sys; from tui.cli import explorer_app; explorer_app(None, None); "
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith(('tui.core.loader', 'tui.core.yamlio'))))"
    )
    outputs = [
        subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    ]
    assert "yaml" in outputs[0]  # cold: the loader ran and filled the cache
    assert outputs[1].strip() == "[]"
