"""The figure table: cells, shares of printed totals only, sorting with absent values last, TSV."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.core.fmt import Unit
from tui.core.loader import load_dataset
from tui.core.model import Dataset, Node
from tui.core.table import build_rows, rows_as_tsv, share_of_whole, sort_rows, table_parent


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def program(dataset: Dataset, line: int) -> Node:
    return next(n for n in dataset.programs() if n.source and n.source.line == line)


def test_leaf_shows_its_siblings(dataset: Dataset) -> None:
    q_leap = program(dataset, 201)
    assert table_parent(q_leap) is q_leap.parent
    assert table_parent(dataset.root) is dataset.root


def test_ministry_cells_and_share_of_printed_total(dataset: Dataset) -> None:
    section = dataset.root.children[1]
    rows = {r.node.name.ja: r for r in build_rows(dataset, section, "ja", Unit.OKU)}
    mext = rows["文部科学省"].cells
    assert mext["fy2020"].text == "21,224"
    assert mext["fy2020"].copy == "21224"
    assert mext["fy2019"].text == "21,876"
    assert mext["change"].text == "-652"
    assert mext["change_pct"].text == "-3.0%"
    # 21224 / 43787 = 48.47…%
    assert mext["share"].text == "48.5%"
    police = rows["警察庁"].cells
    assert police["change"].text == "0" and police["change_pct"].text == "-1.3%"  # as printed


def test_totals_share_is_of_its_own_whole(dataset: Dataset) -> None:
    by_line = {n.source.line: n for n in dataset.totals if n.source}
    assert share_of_whole(by_line[139]) is None  # the grand total is nobody's part
    assert share_of_whole(by_line[140]) == Decimal("81.5")  # 35693 / 43787
    assert share_of_whole(by_line[141]) == Decimal("31.1")  # 13639 / 43787: one denominator per column
    assert share_of_whole(by_line[142]) == Decimal("18.5")  # 8094 / 43787


def test_programs_never_get_a_share(dataset: Dataset) -> None:
    for node in dataset.programs():
        assert share_of_whole(node) is None


def test_within_figures_are_marked_and_computed_change_only_from_exact(dataset: Dataset) -> None:
    parent = program(dataset, 201).parent
    assert parent is not None
    rows = {r.node.source.line: r.cells for r in build_rows(dataset, parent, "ja", Unit.OKU) if r.node.source}
    assert rows[203]["fy2020"].text == "77 内数"
    assert rows[203]["change"].text == ""  # envelopes are not compared as the program's amount
    assert rows[201]["change"].text == "10"
    assert rows[201]["change_pct"].text == "45.5%"  # (32 - 22) / 22, computed and said so in the detail
    assert rows[205]["fy2020"].text == "" and rows[205]["supplementary"].text == "50 内数"


def test_sort_puts_absent_last_both_ways(dataset: Dataset) -> None:
    parent = program(dataset, 201).parent
    assert parent is not None
    rows = build_rows(dataset, parent, "ja", Unit.OKU)
    for descending in (False, True):
        ordered = [r.node.source.line for r in sort_rows(rows, "fy2020", descending) if r.node.source]
        # Own amounts first (3 then 32 ascending; 32 then 3 descending), then 内数 envelopes, then no amount.
        own = ordered[:2]
        assert own == ([209, 201] if not descending else [201, 209])
        envelopes = ordered[2:5]
        assert sorted(envelopes) == [203, 207, 211]
        assert ordered[5:] and all(
            r.cells["fy2020"].text == "" for r in rows if r.node.source and r.node.source.line in ordered[5:]
        )


def test_unit_switch_in_cells(dataset: Dataset) -> None:
    parent = program(dataset, 201).parent
    assert parent is not None
    row = next(r for r in build_rows(dataset, parent, "ja", Unit.MILLION) if r.node is program(dataset, 201))
    assert row.cells["fy2020"].text == "3,200" and row.cells["fy2020"].copy == "3200"


def test_tsv_has_header_bare_numbers_and_basis(dataset: Dataset) -> None:
    parent = program(dataset, 201).parent
    assert parent is not None
    tsv = rows_as_tsv(build_rows(dataset, parent, "en", Unit.OKU), "en", Unit.OKU, dataset.meta.fiscal_year)
    header, *body = tsv.rstrip("\n").split("\n")
    assert header.split("\t")[:4] == ["Name", "Ministry", "FY2020 (¥100M)", "FY2020 basis"]
    q_leap = next(line for line in body if "Q-LEAP" in line).split("\t")
    assert q_leap[2:6] == ["32", "exact", "22", "exact"]
    sip = next(line for line in body if "SIP" in line).split("\t")
    assert sip[2:4] == ["280", "within"]


def test_printed_total_row_keeps_its_place_when_sorting(dataset: Dataset) -> None:
    ministries = dataset.root.children[1]
    rows = build_rows(dataset, ministries, "ja", Unit.OKU)
    for descending in (False, True):
        ordered = sort_rows(rows, "change_pct", descending)
        assert ordered[-1].node.name.ja == "計"
        pcts = [Decimal(r.cells["change_pct"].copy or "0") for r in ordered[:-1]]
        assert pcts == sorted(pcts, reverse=descending)
    assert sort_rows(rows, "change_pct", True)[0].node.name.ja == "総務省"  # +69.2%, the largest growth
    totals = dataset.root.children[0]
    ordered = sort_rows(build_rows(dataset, totals, "ja", Unit.OKU), "fy2020", False)
    assert ordered[0].node.name.ja == "科学技術関係予算 (A + B)"  # printed first, stays first


def test_year_column_titles_follow_the_dataset() -> None:
    from tui.core.table import COLUMNS, column_title

    this_year, last_year = (c for c in COLUMNS if c.key in ("fy2020", "fy2019"))
    assert column_title(this_year, "ja", 2020) == "R2当初" and column_title(last_year, "ja", 2020) == "R1当初"
    assert column_title(this_year, "en", 2021) == "FY2021" and column_title(last_year, "en", 2021) == "FY2020"
