"""Formatting: units, bases and budget labels, with values typed from the seed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.core.fmt import Unit, budget_label, convert, english_amount, era_year, figure_text, fit_label, number
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
        (Figure(Decimal(32)), "32億円", "¥3.2 billion"),
        (Figure(Decimal(280), Basis.WITHIN), "280億円の内数", "within ¥28.0 billion (内数)"),
        (Figure(Decimal(535), Basis.WITHIN, mark="*"), "535億円*の内数", "within ¥53.5 billion* (内数)"),
        (Figure(Decimal(2), Basis.ESTIMATE), "2億円(推計額)", "¥200 million (estimate)"),
        (Figure(None, Basis.UNDETERMINED), "未定", "undetermined (未定)"),
        (Figure(None, dash=True), "「-」（金額なし）", "'-' (no amount)"),
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


@pytest.mark.parametrize(
    ("printed", "english"),
    [
        ("32", "¥3.2 billion"),  # the examples: the printed 億円 figure, its point moved
        ("1.35", "¥135 million"),
        ("2318.1", "¥231.81 billion"),
        ("14.0", "¥1.40 billion"),  # never rounded: the printed precision stays
        ("43787", "¥4,378.7 billion"),
        ("10", "¥1.0 billion"),
        ("6.2", "¥620 million"),
        ("0.5", "¥50 million"),
    ],
)
def test_english_amounts_are_decimal_shifts(printed: str, english: str) -> None:
    assert english_amount(Decimal(printed)) == english


def test_english_amounts_in_other_units() -> None:
    assert english_amount(Decimal("23"), Unit.MILLION) == "¥2,300 million"
    assert english_amount(Decimal("1.35"), Unit.YEN) == "¥135,000,000"
    assert english_amount(Decimal("-652")) == "-¥65.2 billion"


def test_fit_label_cuts_the_name_never_the_figure() -> None:
    tail = "1,008億円の内数"
    assert fit_label("データヘルス改革", tail, 40) == "データヘルス改革  1,008億円の内数"
    cut = fit_label("データヘルス改革", tail, 24)
    assert cut.endswith("  1,008億円の内数") and cut.startswith("デー") and "…" in cut
    assert fit_label("データヘルス改革", tail, 10) == tail  # the figure and its basis survive whole
    assert fit_label("名前", "", 3) == "名…"
