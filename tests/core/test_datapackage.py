"""`export --format datapackage`: a Frictionless Data Package that the `frictionless` validator accepts,
and that it rejects once broken (so the validation test can fail).

Expected figures are typed by hand from tests/fixtures/seed.txt (via tests/core/seed_expected.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest

from tests.core.seed_expected import RELISTS
from tests.helpers import DATA
from tui.cli import main
from tui.core import datapackage, files
from tui.core.datapackage import write_package
from tui.core.loader import load_dataset

BASES = ["exact", "within", "estimate", "undetermined"]
CSVS = ["ministries.csv", "programs.csv", "strategy.csv", "totals.csv"]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as the command line writes it."""
    target = tmp_path_factory.mktemp("export") / "package"
    assert main(["export", "--data", str(DATA), "--format", "datapackage", "-o", str(target)]) == 0
    return target


def errors(directory: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(directory / "datapackage.json"))
    return [(e.type, e.message) for task in report.tasks for e in task.errors] + [
        (e.type, e.message) for e in report.errors
    ]


def descriptor(directory: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    return result


def rows(directory: Path, name: str) -> list[dict[str, str]]:
    with open(directory / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def resource(directory: Path, name: str) -> dict[str, Any]:
    return next(r for r in descriptor(directory)["resources"] if r["name"] == name)


# ---- validation -----------------------------------------------------------------------------------


def test_the_package_validates(package: Path) -> None:
    assert sorted(p.name for p in package.iterdir()) == sorted([*CSVS, "datapackage.json"])
    assert errors(package) == []


def test_a_package_with_bulk_program_lines_validates(package: Path, tmp_path: Path) -> None:
    """programs.csv lines join the programs table with strategy 'bulk', which the schema allows then."""
    from bench.generate import generate

    data = tmp_path / "data"
    generate(data, 300, seed=5)
    target = tmp_path / "package"
    assert main(["export", "--data", str(data), "--format", "datapackage", "-o", str(target)]) == 0
    assert errors(target) == []
    strategy = next(f for f in resource(target, "programs")["schema"]["fields"] if f["name"] == "strategy")
    assert strategy["constraints"]["enum"] == ["quantum", "ai", "bulk"]
    assert sum(1 for r in rows(target, "programs") if r["strategy"] == "bulk") == 300
    # ... and only then: the shipped data's package does not admit it.
    shipped = next(f for f in resource(package, "programs")["schema"]["fields"] if f["name"] == "strategy")
    assert shipped["constraints"]["enum"] == ["quantum", "ai"]


def _rewrite(directory: Path, name: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    """Edit one CSV and update its byte count and hash, so the only fault is the edit itself."""
    table = rows(directory, name)
    change(table)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    data = buffer.getvalue().encode("utf-8")
    (directory / f"{name}.csv").write_bytes(data)
    meta = descriptor(directory)
    entry = next(r for r in meta["resources"] if r["name"] == name)
    entry["bytes"] = len(data)
    entry["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (directory / "datapackage.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _dangling_relisting(table: list[dict[str, str]]) -> None:
    next(r for r in table if r["relist_of"])["relist_of"] = "quantum.no-such-placement"


def _unknown_basis(table: list[dict[str, str]]) -> None:
    table[0]["fy2020_initial_basis"] = "approximately"


def _duplicate_id(table: list[dict[str, str]]) -> None:
    table[1]["id"] = table[0]["id"]


def _missing_name(table: list[dict[str, str]]) -> None:
    table[0]["name_ja"] = ""


def _unknown_ministry(table: list[dict[str, str]]) -> None:
    table[0]["ministry"] = "宇宙省"


def _not_a_number(table: list[dict[str, str]]) -> None:
    table[0]["fy2020_initial"] = "32億円"


@pytest.mark.parametrize(
    ("breakage", "error"),
    [
        (_dangling_relisting, "foreign-key"),
        (_unknown_ministry, "foreign-key"),
        (_unknown_basis, "constraint-error"),
        (_missing_name, "constraint-error"),
        (_duplicate_id, "primary-key"),
        (_not_a_number, "type-error"),
    ],
)
def test_a_broken_package_fails_validation(
    package: Path, tmp_path: Path, breakage: Callable[[list[dict[str, str]]], None], error: str
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in package.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    _rewrite(broken, "programs", breakage)
    assert {kind for kind, _ in errors(broken)} == {error}


def test_an_edited_csv_no_longer_matches_its_hash(package: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in package.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    text = (broken / "totals.csv").read_text(encoding="utf-8")
    (broken / "totals.csv").write_text(text.replace("43787", "43788"), encoding="utf-8")
    assert {"hash-count"} <= {kind for kind, _ in errors(broken)}


# ---- what the schemas declare -----------------------------------------------------------------------


def test_metadata_states_currency_unit_and_fiscal_period(package: Path) -> None:
    meta = descriptor(package)
    assert meta["currency"] == "JPY"
    assert meta["factor"] == 100_000_000
    assert meta["unit"] == "億円"
    assert meta["fiscalPeriod"] == {"start": "2020-04-01", "end": "2021-03-31"}
    fields = {f["name"]: f for f in resource(package, "programs")["schema"]["fields"]}
    assert fields["fy2020_initial"]["fiscalPeriod"] == {"start": "2020-04-01", "end": "2021-03-31"}
    assert fields["fy2019_initial"]["fiscalPeriod"] == {"start": "2019-04-01", "end": "2020-03-31"}
    assert "fiscalPeriod" not in fields["supplementary"]  # 補正 of a year the AI list does not state
    for name in ("fy2020_initial", "fy2019_initial", "supplementary"):
        assert (fields[name]["type"], fields[name]["currency"], fields[name]["factor"]) == ("number", "JPY", 10**8)


def test_the_fiscal_period_follows_the_dataset_year() -> None:
    assert datapackage.fiscal_period(2021) == {"start": "2021-04-01", "end": "2022-03-31"}


def test_schemas_declare_types_keys_and_allowed_values(package: Path) -> None:
    programs = resource(package, "programs")["schema"]
    fields = {f["name"]: f for f in programs["fields"]}
    for name in ("fy2020_initial_basis", "fy2019_initial_basis", "supplementary_basis"):
        assert fields[name]["constraints"]["enum"] == BASES
    assert fields["relisted"]["type"] == "boolean" and fields["relisted"]["constraints"]["required"]
    assert fields["id"]["constraints"]["required"]
    assert programs["primaryKey"] == ["id"]
    assert {"fields": ["relist_of"], "reference": {"resource": "", "fields": ["id"]}} in programs["foreignKeys"]
    assert {
        "fields": ["ministry"],
        "reference": {"resource": "ministries", "fields": ["ministry_ja"]},
    } in programs["foreignKeys"]
    assert resource(package, "ministries")["schema"]["primaryKey"] == ["ministry_ja"]
    assert resource(package, "totals")["schema"]["primaryKey"] == ["item_ja"]
    strategy = resource(package, "strategy")["schema"]
    assert strategy["foreignKeys"] == [{"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}]
    assert {f["name"]: f["type"] for f in strategy["fields"]}["depth"] == "integer"


def test_relistings_point_at_the_placement_they_relist(package: Path) -> None:
    table = rows(package, "programs")
    by_line = {int(r["source"].split(":")[0].removeprefix("line ")): r for r in table}
    for relisting, original in RELISTS.items():  # seed lines, typed by hand
        assert by_line[relisting]["relist_of"] == by_line[original]["id"]
        assert by_line[relisting]["relisted"] == "true"
    assert sum(1 for r in table if r["relist_of"]) == len(RELISTS)
    q_leap = by_line[201]  # seed line 201: Q-LEAP 32億円(22億円)
    assert (q_leap["fy2020_initial"], q_leap["fy2019_initial"], q_leap["relist_of"]) == ("32", "22", "")


# ---- writing safely ---------------------------------------------------------------------------------


def _export(target: Path, *extra: str) -> int:
    return main(["export", "--data", str(DATA), "--format", "datapackage", "-o", str(target), *extra])


def test_a_non_empty_directory_is_refused_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("keep me\n", encoding="utf-8")
    assert _export(target) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--force" in err
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_force_replaces_the_directory_whole(tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert _export(target) == 0
    (target / "programs.csv").write_text("old\n", encoding="utf-8")  # a previous package, told apart
    assert _export(target, "--force") == 0
    assert sorted(p.name for p in target.iterdir()) == sorted([*CSVS, "datapackage.json"])
    assert (target / "programs.csv").read_text(encoding="utf-8") != "old\n"
    assert errors(target) == []
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing moved aside is left


def test_an_empty_directory_is_filled(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    assert _export(target) == 0
    assert errors(target) == []


@pytest.mark.parametrize("where", ["file", "missing-parent", "no-output"])
def test_bad_targets_are_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    if where == "file":
        target = tmp_path / "a-file"
        target.write_text("x", encoding="utf-8")
        code = _export(target, "--force")
    elif where == "missing-parent":
        code = _export(tmp_path / "no" / "such" / "out")
    else:
        code = main(["export", "--data", str(DATA), "--format", "datapackage"])
    assert code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.parametrize("failing", ["moving the old one aside", "renaming the new one in"])
def test_a_failure_leaves_no_half_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    target = tmp_path / "out"
    assert _export(target) == 0
    (target / "programs.csv").write_text("old\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real_rename = files.os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        new_one_in = str(src).endswith(".tmp")
        if new_one_in == (failing == "renaming the new one in"):
            raise OSError(28, "No space left on device")
        real_rename(src, dst)

    monkeypatch.setattr(files.os, "rename", rename)
    with pytest.raises(OSError, match="No space"):
        write_package(load_dataset(DATA), target, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
