"""Every figure of data/ against the table typed by hand from the seed (tests/core/seed_expected.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core import seed_expected as expected
from tui.core.loader import load_dataset
from tui.core.model import MINISTRY_COLUMNS, Dataset, Figure, Node

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.txt"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_0fba469153576ecf.txt"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def by_line(nodes: list[Node]) -> dict[int, Node]:
    result: dict[int, Node] = {}
    for node in nodes:
        assert node.source is not None
        assert node.source.line not in result, f"two records on seed line {node.source.line}"
        result[node.source.line] = node
    return result


def amount_text(figure: Figure | None) -> str | None:
    """The figure as the oracle writes it: the printed digits, None for '-' or nothing printed."""
    if figure is None or figure.amount is None:
        return None
    return str(figure.amount)


def as_tuple(figure: Figure | None) -> tuple[str | None, str] | None:
    if figure is None:
        return None
    return (amount_text(figure), figure.basis.value)


def test_fixture_seed_is_the_shared_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_every_source_line_is_quoted_exactly(dataset: Dataset) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for node in dataset.nodes.values():
        if node.source is None:
            continue
        assert node.source.text == lines[node.source.line - 1], node.id


def test_totals(dataset: Dataset) -> None:
    rows = by_line(dataset.totals)
    assert sorted(rows) == sorted(expected.TOTALS)
    for line, want in expected.TOTALS.items():
        node = rows[line]
        assert node.name.ja == want["name_ja"]
        for key in ("fy2020", "priority", "fy2019", "change", "change_pct"):
            assert amount_text(node.figures[key]) == want[key], (line, key)


def test_ministries(dataset: Dataset) -> None:
    rows = by_line([*dataset.ministries, dataset.ministry_total])
    assert sorted(rows) == sorted(expected.MINISTRIES)
    assert len(dataset.ministries) == 17
    for line, (name, cells, change, change_pct) in expected.MINISTRIES.items():
        node = rows[line]
        assert node.name.ja == name
        got = tuple(amount_text(node.figures[c]) for c in MINISTRY_COLUMNS)
        assert got == cells, name
        for column, cell in zip(MINISTRY_COLUMNS, cells, strict=True):
            # A printed '-' is no amount, never zero.
            assert node.figures[column].dash == (cell is None), (name, column)
        assert amount_text(node.figures["change"]) == change, name
        assert amount_text(node.figures["change_pct"]) == change_pct, name


def test_police_agency_change_is_printed_not_recomputed(dataset: Dataset) -> None:
    police = dataset.ministry_by_name("警察庁")
    assert police is not None
    assert police.change() == (0, True)
    assert str(police.change_pct()[0]) == "-1.3"


def test_programs(dataset: Dataset) -> None:
    placements = by_line(dataset.programs())
    assert sorted(placements) == sorted(e["line"] for e in expected.PROGRAMS)
    for want in expected.PROGRAMS:
        node = placements[want["line"]]
        where = f"line {want['line']}"
        assert want["name"] in node.name.ja or (node.parent and want["name"] in node.parent.name.ja), where
        assert node.strategy == want["strategy"], where
        assert node.ministry == want["ministry"], where
        assert as_tuple(node.figures.get("fy2020")) == want["fy2020"], where
        assert as_tuple(node.figures.get("fy2019")) == want["fy2019"], where
        supplementary = node.figures.get("supplementary")
        got_supp = None
        if supplementary is not None:
            got_supp = (amount_text(supplementary), supplementary.basis.value, supplementary.fiscal_year)
        assert got_supp == want["supplementary"], where
        assert node.new == want["new"], where
        assert node.is_relisting == want["relisted"], where


def test_relistings_point_at_their_original(dataset: Dataset) -> None:
    placements = by_line(dataset.programs())
    for line, original_line in expected.RELISTS.items():
        node = placements[line]
        assert node.relist_of is placements[original_line]
        assert node in placements[original_line].relistings
    q_leap = placements[201]
    assert [p.source.line for p in q_leap.placements() if p.source] == [201, 230, 303]


def test_foreign_investment(dataset: Dataset) -> None:
    nodes = [n for n in dataset.quantum.walk() if n.kind == "investment"]
    assert len(nodes) == 3
    texts = " ".join(value.ja for n in nodes for _, value in n.details)
    for amount in expected.FOREIGN_INVESTMENT.values():
        assert f"約{int(amount):,}億円" in texts


def test_rankings(dataset: Dataset) -> None:
    rankings = [n for n in dataset.strategy2019.walk() if n.kind == "ranking"]
    assert len(rankings) == len(expected.RANKINGS)
    for line, indicator, before, after in expected.RANKINGS:
        matches = [
            n for n in rankings if n.source and n.source.line == line and indicator in (n.name.ja + n.details[0][1].ja)
        ]
        assert matches, (line, indicator)
        values = " ".join(v.ja for _, v in matches[0].details)
        assert before in values and after in values, (line, indicator)


def test_every_label_has_japanese_and_english(dataset: Dataset) -> None:
    for node in dataset.nodes.values():
        assert node.name.ja.strip() and node.name.en.strip(), node.id
        assert node.name.en != node.name.ja or node.name.ja.isascii(), node.id


# Seed lines that are no record of their own, each for a stated reason (typed from the seed).
LAYOUT_LINES = {
    3: "title: dataset.yaml title_ja",
    5: "date: dataset.yaml date",
    7: "publisher: dataset.yaml publisher_ja",
    8: "publisher (continued)",
    135: "unit (単位:億円) of the 全体額 table",
    137: "column headers of the 全体額 table",
    138: "column headers (continued)",
    146: "second paragraph of 全体額 ※1, held in that footnote's text",
    158: "unit (単位:億円) of the 府省別 table",
    160: "column headers of the 府省別 table",
    161: "column headers (continued)",
    162: "column headers (continued)",
    265: "※運営費交付金中の推計額 of line 263, held in its notes",
    269: "name of the program whose figures are on line 271",
    273: "name of the program whose figures are on line 275",
    279: "name of the program whose figures are on line 281",
    283: "*理研運営費交付金総額, the mark note of lines 221 and 281",
    307: "column headers of the five-strategies table",
    315: "page heading of the five-strategies table, part ②",
    317: "column headers (continued)",
}


def test_every_line_of_the_seed_is_in_the_data(dataset: Dataset) -> None:
    """Nothing the seed states is left out: each non-blank line is a record's source or a layout line."""
    used = {node.source.line for node in dataset.nodes.values() if node.source}
    lines = SEED.read_text(encoding="utf-8").split("\n")
    missing = [n for n, text in enumerate(lines, 1) if text.strip() and n not in used and n not in LAYOUT_LINES]
    assert missing == []
    assert not used & set(LAYOUT_LINES)


def test_layout_lines_are_held_where_they_say(dataset: Dataset) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert dataset.meta.title.ja == lines[2]
    assert dataset.meta.date == "2020-05-21" and lines[4] == "令和2年5月21日"
    footnote_1 = dataset.nodes["totals.fn1"].name.ja
    assert lines[145].strip() in footnote_1
    jst_263 = next(n for n in dataset.programs() if n.source and n.source.line == 263)
    assert any("推計額" in note.ja for note in jst_263.notes)
