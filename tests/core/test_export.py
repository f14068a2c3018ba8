"""`budget-tui export`: the public columns, the formats and the atomic file writer.

Expected figures were typed by hand from tests/fixtures/seed.txt (line numbers given), never read
from data/.
"""

from __future__ import annotations

import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.helpers import DATA, run_cli
from tui.cli import main
from tui.core.export import cell_text, render, table_rows, write_atomic
from tui.core.formats import FORMATS, TABLES
from tui.core.loader import load_dataset
from tui.core.model import Dataset

DOCUMENTED: dict[str, list[str]] = {
    "programs": [
        "id", "strategy", "path", "ministry", "name_ja", "name_en", "fy2020_initial", "fy2020_initial_basis",
        "fy2019_initial", "fy2019_initial_basis", "supplementary", "supplementary_basis", "relisted", "new",
        "note", "source", "supplementary_fiscal_year",
    ],
    "ministries": [
        "ministry_ja", "ministry_en", "r2_general", "r2_promotion", "r2_special", "r2_total", "pr_general",
        "pr_promotion", "pr_special", "pr_total", "r1_general", "r1_promotion", "r1_special", "r1_total",
        "change", "change_pct",
    ],
    "totals": ["item_ja", "item_en", "fy2020", "priority", "fy2019", "change", "change_pct"],
    "strategy": [
        "id", "document", "kind", "depth", "parent_id", "path", "name_ja", "name_en", "detail_ja",
        "detail_en", "notes_ja", "notes_en", "source",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DATA)


def program_row(dataset: Dataset, line: int) -> dict[str, Any]:
    """The programs row printed on seed line ``line`` (the original placement when several)."""
    columns, rows = table_rows(dataset, "programs")
    found = [dict(zip(columns, row, strict=True)) for row in rows]
    matches = [r for r in found if str(r["source"]).startswith(f"line {line}: ")]
    assert len(matches) == 1, matches
    return matches[0]


def json_object(text: str, line: int) -> dict[str, Any]:
    objects = json.loads(text, parse_float=Decimal)
    matches = [o for o in objects if o["source"].startswith(f"line {line}: ")]
    assert len(matches) == 1
    result: dict[str, Any] = matches[0]
    return result


# ---- columns --------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_has_the_documented_columns_in_order(dataset: Dataset, table: str, fmt: str) -> None:
    columns, rows = table_rows(dataset, table)
    assert list(columns) == DOCUMENTED[table]
    assert rows and all(len(row) == len(columns) for row in rows)
    text = render(columns, rows, fmt)
    if fmt in ("csv", "tsv"):
        frame = pd.read_csv(io.StringIO(text), sep="," if fmt == "csv" else "\t", dtype=str, keep_default_na=False)
        assert list(frame.columns) == DOCUMENTED[table]
    elif fmt == "json":
        objects = json.loads(text)
        assert len(objects) == len(rows)
        assert all(list(o) == DOCUMENTED[table] for o in objects)
    else:
        header, separator, *body = text.splitlines()
        assert [c.strip() for c in header.strip("|").split(" | ")] == DOCUMENTED[table]
        assert len(separator.strip("|").split("|")) == len(columns)
        assert len(body) == len(rows)


def test_tables_cover_the_document(dataset: Dataset) -> None:
    assert len(table_rows(dataset, "ministries")[1]) == 18  # 17 府省 + 計 (lines 163-180)
    assert len(table_rows(dataset, "totals")[1]) == 4  # lines 139-142
    names = [row[0] for row in table_rows(dataset, "ministries")[1]]
    assert names[0] == "国会" and names[16] == "防衛省" and names[17] == "計"
    _columns, rows = table_rows(dataset, "strategy")
    documents = {row[1] for row in rows}
    assert documents == {"strategy2019", "quantum", "ai"}
    kinds = {row[2] for row in rows}
    assert {"program", "item"} <= kinds


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_reads_back_equal_to_table_rows(dataset: Dataset, table: str, fmt: str) -> None:
    columns, rows = table_rows(dataset, table)
    text = render(columns, rows, fmt)
    frame = pd.read_csv(io.StringIO(text), sep="," if fmt == "csv" else "\t", dtype=str, keep_default_na=False)
    assert frame.values.tolist() == [[cell_text(c) for c in row] for row in rows]


# ---- figures as printed ---------------------------------------------------------------------------


def test_q_leap_is_32_and_22(dataset: Dataset) -> None:
    row = program_row(dataset, 201)  # ●光・量子飛躍フラッグシッププログラム (Q-LEAP)32億円(22億円)
    assert cell_text(row["fy2020_initial"]) == "32"
    assert cell_text(row["fy2019_initial"]) == "22"
    assert row["fy2020_initial_basis"] == "exact"
    assert row["ministry"] == "文部科学省"
    assert row["strategy"] == "quantum"
    assert row["relisted"] is False
    relisted = program_row(dataset, 230)  # ●Q-LEAP(再掲) 32億円(22億円)
    assert relisted["relisted"] is True
    assert cell_text(relisted["fy2020_initial"]) == "32"


def test_amounts_keep_their_printed_text(dataset: Dataset) -> None:
    columns, rows = table_rows(dataset, "programs")
    text = render(columns, rows, "csv")
    i_construction = program_row(dataset, 394)  # 25.0億円 (1.35億円)
    assert cell_text(i_construction["fy2019_initial"]) == "1.35"
    assert cell_text(i_construction["fy2020_initial"]) == "25.0"
    assert ",25.0,exact,1.35,exact," in text
    translation = program_row(dataset, 343)  # 14.0億円（新規）
    assert cell_text(translation["fy2020_initial"]) == "14.0"
    assert translation["fy2019_initial"] is None and translation["fy2019_initial_basis"] is None
    assert translation["new"] is True
    assert ",14.0,exact,,,,,false,true," in text
    giga = program_row(dataset, 368)  # [補正2318.1億円]（新規）
    assert cell_text(giga["supplementary"]) == "2318.1"
    assert "1.3499" not in text and "2318.0999" not in text


def test_bases_and_notes(dataset: Dataset) -> None:
    sip = program_row(dataset, 211)  # 280億円の内数(280億円の内数)
    assert (sip["fy2020_initial_basis"], sip["fy2019_initial_basis"]) == ("within", "within")
    riken = program_row(dataset, 221)  # 535億円*の内数(531億円*の内数) *理研運営費交付金総額
    assert "*理研運営費交付金総額" in riken["note"]
    nims = program_row(dataset, 223)  # 2億円(新規) ※運営費交付金中の推計額
    assert nims["fy2020_initial_basis"] == "estimate"
    sip_part = program_row(dataset, 242)  # (未定)(8億円)
    assert sip_part["fy2020_initial"] is None and sip_part["fy2020_initial_basis"] == "undetermined"
    assert sip_part["relisted"] is True
    qst = program_row(dataset, 275)  # 33億円【令和元年度補正予算】
    assert cell_text(qst["supplementary"]) == "33" and qst["supplementary_basis"] == "exact"
    assert "令和元年度" in qst["note"]
    assert qst["fy2020_initial"] is None and qst["fy2020_initial_basis"] is None
    assert sip["source"] == (
        "line 211: ●戦略的イノベーション創造プログラム SIP(光量子基盤技術) 280億円の内数(280億円の内数)"
    )
    assert " > " in sip["path"] and sip["path"].endswith("重点技術課題")


def test_supplementary_fiscal_year_and_marks_survive_export(dataset: Dataset) -> None:
    """Issue 10 §8–9: 令和元年度補正 and "year not stated" differ in every file; the * of 616億円*の内数 stays."""
    assert program_row(dataset, 289)["supplementary_fiscal_year"] == 2019  # 【令和元年度補正予算】
    assert program_row(dataset, 368)["supplementary_fiscal_year"] is None  # [補正2318.1億円]: no year printed
    assert program_row(dataset, 201)["supplementary_fiscal_year"] is None  # no 補正 at all
    aist = program_row(dataset, 271)
    assert aist["fy2020_initial"] == Decimal(616) and aist["fy2020_initial_basis"] == "within"
    assert aist["note"] == "令和2年度当初: 616億円*の内数; 令和元年度当初: 623億円*の内数"
    riken = program_row(dataset, 221)
    assert riken["note"] == "令和2年度当初: 535億円*の内数; 令和元年度当初: 531億円*の内数; *理研運営費交付金総額"
    text = render(*table_rows(dataset, "programs"), "csv")
    line = next(r for r in text.splitlines() if ",line 289: " in r)
    assert line.endswith(",2019")


def test_json_numbers_are_numbers_and_absent_is_null(dataset: Dataset) -> None:
    columns, rows = table_rows(dataset, "programs")
    text = render(columns, rows, "json")
    q_leap = json_object(text, 201)
    assert q_leap["fy2020_initial"] == 32 and isinstance(q_leap["fy2020_initial"], int)
    assert q_leap["fy2019_initial"] == 22
    assert q_leap["supplementary"] is None and q_leap["supplementary_basis"] is None
    assert q_leap["relisted"] is False and q_leap["new"] is False
    i_construction = json_object(text, 394)
    assert i_construction["fy2019_initial"] == Decimal("1.35")
    assert '"fy2019_initial": 1.35,' in text
    assert '"fy2020_initial": 14.0,' in text  # line 343, as printed
    assert '"supplementary": 2318.1,' in text  # line 368
    assert "\\u" not in text  # UTF-8, not escaped
    ministries = json.loads(render(*table_rows(dataset, "ministries"), "json"))
    diet = ministries[0]  # line 163: 国会 12 11 - 12 - - - - 12 11 - 12 0 0.8%
    assert diet["ministry_ja"] == "国会"
    assert diet["r2_general"] == 12 and diet["r2_special"] is None and diet["pr_total"] is None
    assert diet["change_pct"] == 0.8
    totals = json.loads(render(*table_rows(dataset, "totals"), "json"), parse_float=Decimal)
    assert totals[3]["change"] == -144 and totals[3]["change_pct"] == Decimal("-1.7")  # line 142


def test_markdown_escapes_pipes() -> None:
    text = render(["a", "b"], [("x|y", Decimal("1.35")), (None, True)], "md")
    assert text.splitlines() == ["| a | b |", "| --- | --- |", "| x\\|y | 1.35 |", "|  | true |"]


def test_render_json_never_goes_through_float() -> None:
    text = render(["n"], [(Decimal("1.35"),), (Decimal("0.1"),), (None,)], "json")
    assert json.loads(text, parse_float=Decimal) == [
        {"n": Decimal("1.35")},
        {"n": Decimal("0.1")},
        {"n": None},
    ]
    assert "1.35" in text and "1.350000" not in text


# ---- command line ---------------------------------------------------------------------------------


def test_stdout_default_is_programs_csv(dataset: Dataset) -> None:
    result = run_cli("export", "--data", str(DATA))
    assert result.returncode == 0, result.stderr
    assert result.stdout == render(*table_rows(dataset, "programs"), "csv")


@pytest.mark.parametrize("table", TABLES)
def test_export_each_table_to_stdout(capsysbinary: pytest.CaptureFixture[bytes], table: str) -> None:
    assert main(["export", "--data", str(DATA), "--table", table, "--format", "json"]) == 0
    objects = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert list(objects[0]) == DOCUMENTED[table]


def test_output_file_written_atomically(tmp_path: Path, dataset: Dataset) -> None:
    target = tmp_path / "programs.csv"
    result = run_cli("export", "--data", str(DATA), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and str(target) in result.stderr
    assert target.read_bytes() == render(*table_rows(dataset, "programs"), "csv").encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programs.csv"]  # no temporary file left


def test_existing_file_is_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    original = b"keep me\n"
    target.write_bytes(original)
    result = run_cli("export", "--data", str(DATA), "--format", "tsv", "-o", str(target))
    assert result.returncode == 2
    assert target.read_bytes() == original
    assert len(result.stderr.strip().splitlines()) == 1 and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tsv"]


def test_force_replaces(tmp_path: Path, dataset: Dataset) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")
    result = run_cli("export", "--data", str(DATA), "--table", "totals", "--format", "md", "-o", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == render(*table_rows(dataset, "totals"), "md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.parametrize("where", ["directory", "missing-parent"])
def test_unwritable_output_is_one_line_exit_2(tmp_path: Path, where: str) -> None:
    target = tmp_path if where == "directory" else tmp_path / "no" / "such" / "out.csv"
    result = run_cli("export", "--data", str(DATA), "-o", str(target), "--force")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_write_atomic_cleans_up_on_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"original")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new text", force=True)
    assert target.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomic_refuses_existing_and_directories(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, "one\n")
    assert target.read_text(encoding="utf-8") == "one\n"
    with pytest.raises(FileExistsError):
        write_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "one\n"
    write_atomic(target, "three\n", force=True)
    assert target.read_text(encoding="utf-8") == "three\n"
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "x", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_table_frame_keeps_exact_decimals() -> None:
    from decimal import Decimal

    from tui.core.export import table_frame
    from tui.core.loader import load_dataset

    frame = table_frame(load_dataset(), "programs")
    q_leap = frame[frame["source"].str.startswith("line 201:")].iloc[0]
    assert q_leap["fy2020_initial"] == Decimal("32") and q_leap["fy2020_initial_basis"] == "exact"
    i_construction = frame[frame["source"].str.startswith("line 394:")].iloc[0]
    assert str(i_construction["fy2019_initial"]) == "1.35"  # a Decimal, not the float 1.35
    assert isinstance(i_construction["fy2019_initial"], Decimal)
    giga = frame[frame["source"].str.startswith("line 368:")].iloc[0]
    assert giga["fy2020_initial"] is None and str(giga["supplementary"]) == "2318.1"
    ministries = table_frame(load_dataset(), "ministries")
    assert len(ministries) == 18 and ministries.iloc[-1]["ministry_ja"] == "計"
