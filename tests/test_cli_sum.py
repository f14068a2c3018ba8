"""`budget-tui sum` and `export --filter` as a user runs them (subprocesses); figures typed from the seed."""

from __future__ import annotations

import csv
import io
import json

from tests.helpers import run_cli


def test_sum_json_contract() -> None:
    result = run_cli("sum", "--filter", "strategy:ai", "--by", "ministry", "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert list(record) == [
        "filter", "lines", "programs", "own", "own_programs", "estimate", "supplementary", "within",
        "undetermined", "rounding", "groups",
    ]  # fmt: skip
    assert record["own"] == {"fy2020_initial": "345.0", "fy2019_initial": "261.45"}  # strings, never floats
    assert record["supplementary"] == [{"fiscal_year": None, "amount": "2398.5", "lines": 4}]
    meti = next(g for g in record["groups"] if g["key"] == "経済産業省")
    assert meti["own"] == {"fy2020_initial": "235.0", "fy2019_initial": "204.6"}
    assert meti["lines"] == 7 and meti["programs"] == 6
    assert "groups" not in meti and "filter" not in meti


def test_sum_text_quotes_with_source() -> None:
    result = run_cli("sum", "--filter", "is:supplementary", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("has a supplementary budget (8 lines, 8 programs), subtotal:\n")
    assert "- FY2019 supplementary: 112 100M yen (3 programs, apart from the initial budgets)" in result.stdout
    assert "(source: " in result.stdout


def test_sum_bad_query_exits_2_with_one_line() -> None:
    result = run_cli("sum", "--filter", "ministry:nowhere")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "budget-tui: error: --filter: ministry:nowhere: no ministry called 'nowhere'"
        " (e.g. 経済産業省, 経産省, 【経】, METI)\n"
    )


def test_export_filter_keeps_only_matching_rows() -> None:
    result = run_cli("export", "--filter", "ministry:METI strategy:ai fy2020>=50")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["fy2020_initial"]) for r in rows] == [
        ("ai.next-gen-ai-robot", "50.0"),
        ("ai.ai-chip", "94.2"),
        ("ai.virtual-power-plant", "50.0"),
    ]
    as_json = json.loads(run_cli("export", "--filter", "is:relisted strategy:ai", "--format", "json").stdout)
    assert [r["id"] for r in as_json] == ["ai.sip@data", "ai.sme-ai-talent@sme"]


def test_export_filter_refuses_tables_without_program_lines() -> None:
    result = run_cli("export", "--table", "ministries", "--filter", "is:new")
    assert result.returncode == 2
    assert result.stderr == (
        "budget-tui: error: --filter selects program lines: use it with --table programs, not the ministries table\n"
    )
    bad = run_cli("export", "--filter", "fy2020>>3")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
