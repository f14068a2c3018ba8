"""Formatting: units, bases and budget labels, with values typed from the seed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.core.fmt import Unit, budget_label, convert, copy_line, era_year, figure_text, number
from tui.core.loader import load_dataset
from tui.core.model import Basis, Dataset, Figure, Node


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def at_line(dataset: Dataset, line: int) -> Node:
    return next(n for n in dataset.programs() if n.source and n.source.line == line)


@pytest.mark.parametrize(
    ("printed", "unit", "shown", "bare"),
    [
        ("32", Unit.OKU, "32", "32"),
        ("43787", Unit.OKU, "43,787", "43787"),
        ("14.0", Unit.OKU, "14.0", "14.0"),  # printed precision is kept in 億円
        ("1.35", Unit.OKU, "1.35", "1.35"),
        ("2318.1", Unit.OKU, "2,318.1", "2318.1"),
        ("23", Unit.MILLION, "2,300", "2300"),
        ("14.0", Unit.MILLION, "1,400", "1400"),  # no spurious ".0" after conversion
        ("1.35", Unit.MILLION, "135", "135"),
        ("2318.1", Unit.MILLION, "231,810", "231810"),
        ("1.35", Unit.YEN, "135,000,000", "135000000"),
        ("43787", Unit.YEN, "4,378,700,000,000", "4378700000000"),
    ],
)
def test_numbers_convert_exactly(printed: str, unit: Unit, shown: str, bare: str) -> None:
    amount = Decimal(printed)
    assert number(amount, unit) == shown
    assert number(amount, unit, grouping=False) == bare
    assert "e" not in number(amount, unit, grouping=False).lower()


def test_convert_keeps_decimals() -> None:
    assert convert(Decimal("0.35"), Unit.MILLION) == Decimal(35)
    assert str(convert(Decimal("1.4"), Unit.MILLION)) == "140"


def test_unit_cycle() -> None:
    assert [Unit.OKU.next(), Unit.MILLION.next(), Unit.YEN.next()] == [Unit.MILLION, Unit.YEN, Unit.OKU]


@pytest.mark.parametrize(
    ("figure", "ja", "en"),
    [
        (Figure(Decimal(32)), "32億円", "32 100M yen"),
        (Figure(Decimal(280), Basis.WITHIN), "280億円の内数", "within 280 100M yen"),
        (Figure(Decimal(535), Basis.WITHIN, mark="*"), "535億円*の内数", "within 535 100M yen*"),
        (Figure(Decimal(2), Basis.ESTIMATE), "2億円(推計額)", "est. 2 100M yen"),
        (Figure(None, Basis.UNDETERMINED), "未定", "undetermined"),
        (Figure(None, dash=True), "-", "-"),
    ],
)
def test_figure_text_states_the_basis(figure: Figure, ja: str, en: str) -> None:
    assert figure_text(figure, Unit.OKU, "ja") == ja
    assert figure_text(figure, Unit.OKU, "en") == en


def test_era_years() -> None:
    assert era_year(2020, "ja") == "令和2年度"
    assert era_year(2019, "ja") == "令和元年度"
    assert era_year(2018, "ja") == "平成30年度"
    assert era_year(2020, "en") == "FY2020"


def test_labels_follow_the_dataset_fiscal_year() -> None:
    """--data may hold another year: FY2021 data reads 令和3年度 / 令和2年度, never a fixed 2020."""
    assert budget_label("fy2020", None, "ja", 2021) == "令和3年度当初"
    assert budget_label("fy2019", None, "ja", 2021) == "令和2年度当初"
    assert budget_label("r1_total", None, "en", 2021) == "FY2020 initial"


def test_budget_labels_keep_supplementary_apart() -> None:
    assert budget_label("fy2020", None, "ja", 2020) == "令和2年度当初"
    assert budget_label("fy2019", None, "en", 2020) == "FY2019 initial"
    r1_supp = Figure(Decimal(33), fiscal_year=2019)
    assert budget_label("supplementary", r1_supp, "ja", 2020) == "令和元年度補正"
    assert budget_label("supplementary", Figure(Decimal(72)), "en", 2020) == "supplementary (fiscal year not stated)"


def test_copy_line_examples_from_the_issue(dataset: Dataset) -> None:
    assert copy_line(at_line(dataset, 201), "ja", Unit.OKU, 2020) == (
        "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
    )
    assert copy_line(at_line(dataset, 384), "ja", Unit.OKU, 2020) == (
        "戦略的イノベーション創造プログラム(SIP) 令和2年度当初 280億円の内数"
    )
    # GIGA school has no FY2020 initial figure: its main figure is the supplementary one.
    giga = copy_line(at_line(dataset, 368), "ja", Unit.OKU, 2020)
    assert giga == "GIGAスクール構想の実現 補正（年度の記載なし） 2,318.1億円"
    # Line 205: the only figure is a 令和元年度補正 内数.
    assert copy_line(at_line(dataset, 205), "ja", Unit.OKU, 2020).endswith("令和元年度補正 50億円の内数")  # type: ignore[union-attr]


def test_citation_names_the_document(dataset: Dataset) -> None:
    from tui.core.fmt import citation

    q_leap = at_line(dataset, 201)
    assert citation(q_leap, "ja", Unit.OKU, dataset.meta) == (
        "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
        "（出典: 総務省国際戦略局 技術政策課「令和2年度科学技術関係予算 (量子技術及びAI) について」2020-05-21）"
    )
    english = citation(q_leap, "en", Unit.MILLION, dataset.meta)
    assert english is not None
    assert english.startswith("MEXT Quantum Leap Flagship Program (Q-LEAP) FY2020 initial 3,200 M yen (source: ")
    assert english.endswith("2020-05-21)")
    note = next(n for n in dataset.quantum.walk() if n.kind == "note")
    assert citation(note, "ja", Unit.OKU, dataset.meta) is None  # nothing to quote
