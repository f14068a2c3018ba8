"""`budget-tui check`: the audit of every printed total against its printed parts.

Expected figures here were typed by hand from tests/fixtures/seed.txt (line numbers given), never read
from data/.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import DATA, run_cli
from tui.cli import main
from tui.core.audit import AuditReport, Comparison, Reason, Status, half_unit, percent_range, run_audit
from tui.core.loader import load_dataset
from tui.core.model import Figure

SUMMARY = re.compile(r"^(\d+) checks: (\d+) exact, (\d+) within rounding, (\d+) failed$", re.MULTILINE)

# seed lines 163-179, column 1 (令和2年度当初 一般会計), '-' as None; 計 (line 180) prints 35,693
R2_GENERAL = [
    "12", "653", None, "1249", "23", "31", "1830", "12", "132", "10", "20135", "2474", "2048", "1787",
    "3598", "417", "1280",
]  # fmt: skip
# seed lines 163-179, column 9 (令和元年度当初 一般会計); 計 prints 34,139
R1_GENERAL = [
    "12", "625", None, "1203", "24", "31", "1082", "12", "150", "10", "20783", "2171", "2000", "1560",
    "2793", "395", "1290",
]  # fmt: skip


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return run_audit(load_dataset(DATA))


def find(report: AuditReport, ja_label: str, printed: str) -> Comparison:
    """The comparison whose Japanese label is ``ja_label`` (up to a ':'), printing ``printed``."""
    found = [
        c
        for c in report.comparisons
        if c.label.ja.split(":")[0] == ja_label.split(":")[0]
        and c.label.ja.startswith(ja_label)
        and c.printed == Decimal(printed)
    ]
    assert len(found) == 1, [c.label.ja for c in found]
    return found[0]


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def replace_after(path: Path, anchor: str, old: str, new: str) -> None:
    """Replace the first ``old`` that follows ``anchor`` in a data file (a planted error)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(anchor)
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


# ---- the real data --------------------------------------------------------------------------------


def test_real_data_passes_with_rounding_differences(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(DATA)]) == 0
    out = capsys.readouterr().out
    match = SUMMARY.search(out)
    assert match is not None, out[-2000:]
    total, exact, rounding, failed = map(int, match.groups())
    assert failed == 0
    assert rounding > 0  # the document warns its totals may not add up (※3, ※4): they do not, exactly
    assert total == exact + rounding + failed
    assert "FAIL" not in out.replace("FAIL = inconsistent", "")


def test_ministry_column_sum_differs_from_total_within_rounding(report: AuditReport) -> None:
    # 令和2年度当初 一般会計: the 16 printed amounts add up to 35,691, 計 prints 35,693
    amounts = [Decimal(a) for a in R2_GENERAL if a is not None]
    assert sum(amounts) == Decimal(35691)
    check = find(report, "令和2年度当初 一般会計: 17府省の合計", "35693")
    assert check.recomputed == Decimal(35691)
    assert check.difference == Decimal(2)
    assert check.tolerance == Decimal("8.5")  # 0.5 · (16 parts + 1)
    assert check.status is Status.ROUNDING
    assert {s.line for s in check.sources} == set(range(163, 181))


def test_fy2019_general_column_sum_is_above_the_total(report: AuditReport) -> None:
    amounts = [Decimal(a) for a in R1_GENERAL if a is not None]
    check = find(report, "令和元年度当初 一般会計: 17府省の合計", "34139")
    assert check.recomputed == sum(amounts) == Decimal(34141)
    assert check.difference == Decimal(-2)
    assert check.status is Status.ROUNDING


def test_change_differs_by_rounding(report: AuditReport) -> None:
    # line 140: 1 一般会計 (A) 35,693 − 34,139 = 1,554 but the change prints 1,553
    check = find(report, "1 一般会計 (A) 対前年度増減額", "1553")
    assert check.recomputed == Decimal(1554)
    assert check.difference == Decimal(-1)
    assert check.tolerance == Decimal("1.5")
    assert check.status is Status.ROUNDING
    # line 167: 警察庁 23 − 24 = −1, printed 0
    check = find(report, "警察庁 対前年度増減額", "0")
    assert check.recomputed == Decimal(-1)
    assert check.status is Status.ROUNDING


def test_percent_checked_by_interval(report: AuditReport) -> None:
    # line 163: 国会 12 → 12 prints +0.8%: possible, since 12 may be anything in [11.5, 12.5)
    check = find(report, "国会 対前年度増減率", "0.8")
    assert check.recomputed == Decimal("0.0")
    assert check.status is Status.ROUNDING
    assert check.allowed is not None and check.allowed[0] <= Decimal("0.8") <= check.allowed[1]
    # line 139: (43,787 − 42,377) / 42,377 = 3.327…% prints 3.3%
    check = find(report, "科学技術関係予算 (A + B) 対前年度増減率", "3.3")
    assert check.status is Status.EXACT


def test_totals_match_the_ministry_total_row(report: AuditReport) -> None:
    cross = [c for c in report.comparisons if c.section.en.startswith("Overall table")]
    assert len(cross) >= 12  # 4 rows × (FY2020, priority, FY2019)
    assert all(c.status is Status.EXACT for c in cross)
    printed = {c.printed for c in cross}
    # line 139-142 vs line 180
    for amount in (
        "43787",
        "4858",
        "42377",
        "35693",
        "3904",
        "34139",
        "13639",
        "1817",
        "13597",
        "8094",
        "955",
    ):
        assert Decimal(amount) in printed


def test_relistings_print_the_same_figures(report: AuditReport) -> None:
    relists = [c for c in report.comparisons if c.section.en.startswith("再掲")]
    lines = {s.line for c in relists for s in c.sources}
    assert {201, 230, 303, 207, 240, 384, 401} <= lines
    assert 242 not in lines  # SIP(光量子基盤技術)の一部: a part, with its own figures
    assert all(c.status is Status.EXACT for c in relists)


def test_exclusions_say_what_and_why(report: AuditReport) -> None:
    by_reason: dict[Reason, set[int]] = {}
    for e in report.excluded:
        assert e.source is not None
        by_reason.setdefault(e.reason, set()).add(e.source.line)
    assert {203, 207, 211, 219, 221, 232, 248, 271, 281, 291, 384, 388} <= by_reason[Reason.WITHIN]
    assert {230, 240, 303, 401} <= by_reason[Reason.RELISTING]
    assert by_reason[Reason.RELIST_PART] == {242}
    assert {205, 275, 287, 289, 345, 347, 368, 390} == by_reason[Reason.SUPPLEMENTARY]
    assert {223, 263, 277} == by_reason[Reason.ESTIMATE]
    assert by_reason[Reason.UNDETERMINED] == {242}
    assert {223, 234, 343, 366, 368, 370, 386, 410} <= by_reason[Reason.NEW]
    assert any("never summed" in s.en for s in report.statements)


def test_report_lists_exclusions_and_statement(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--data", str(DATA)])
    out = capsys.readouterr().out
    assert "Excluded from sums" in out
    assert "Program lines are never summed" in out
    for word in ("内数", "再掲", "補正", "推計額", "未定", "新規"):
        assert word in out
    assert re.search(r"printed 35,693\s+recomputed 35,691.*difference \+2\s+tolerance ±8\.5", out)


# ---- arithmetic -----------------------------------------------------------------------------------


def test_half_unit_follows_printed_precision() -> None:
    assert half_unit(Decimal("12")) == Decimal("0.5")
    assert half_unit(Decimal("14.0")) == Decimal("0.05")
    assert half_unit(Decimal("1.35")) == Decimal("0.005")


def test_percent_range_uses_both_intervals() -> None:
    allowed = percent_range(Figure(Decimal(12)), Figure(Decimal(12)))
    assert allowed is not None
    low, high = allowed
    assert low == Decimal(-8)  # 11.5 / 12.5 − 1
    assert Decimal("8.69") < high < Decimal("8.70")  # 12.5 / 11.5 − 1
    assert percent_range(Figure(Decimal(5)), Figure(None, dash=True)) is None


# ---- planted errors -------------------------------------------------------------------------------


def test_planted_ministry_error_fails_and_names_the_row(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    # 総務省 (line 169) 令和2年度 一般会計 1,830 → 1,930
    replace_after(data / "ministries.yaml", "name_ja: 総務省", "general: 1830", "general: 1930")
    result = run_cli("check", "--data", str(data))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    match = SUMMARY.search(result.stdout)
    assert match is not None and int(match.group(4)) >= 1
    fail_lines = [line for line in result.stdout.splitlines() if line.lstrip().startswith("[FAIL")]
    assert any("総務省" in line for line in fail_lines), fail_lines
    assert any("17府省の合計" in line for line in fail_lines)  # the column no longer adds up to 計
    failed = result.stdout.split("Failed:", 1)[1]
    assert "1,930" in failed and "seed line 169" in failed


def test_planted_totals_error_fails(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    # 2 特別会計 (B) (line 142) FY2020 8,094 → 8,194: (A)+(B) and 計 (line 180) no longer agree
    replace_after(data / "totals.yaml", "name_ja: 2 特別会計 (B)", "fy2020: 8094", "fy2020: 8194")
    result = run_cli("check", "--data", str(data))
    assert result.returncode == 1
    fail_lines = [line for line in result.stdout.splitlines() if line.lstrip().startswith("[FAIL")]
    assert any("2 特別会計 (B)" in line for line in fail_lines)


def test_planted_relisting_error_fails(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    dataset = load_dataset(DATA)
    relist = next(p for p in dataset.programs() if p.source is not None and p.source.line == 230)
    replace_after(data / "quantum.yaml", f"id: {relist.id}\n", "fy2020: 32", "fy2020: 33")
    result = run_cli("check", "--data", str(data))
    assert result.returncode == 1
    fail_lines = [line for line in result.stdout.splitlines() if line.lstrip().startswith("[FAIL")]
    assert any("line 230" in line for line in fail_lines), fail_lines


# ---- unreadable data ------------------------------------------------------------------------------


def test_missing_data_directory_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_broken_yaml_exits_2(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "ministries.yaml").write_text("ministries: [\n  - id: x\n", encoding="utf-8")
    result = run_cli("check", "--data", str(data))
    assert result.returncode == 2
    assert "ministries.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
