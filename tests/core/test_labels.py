"""Era labels and the bilingual catalogue (issue 14 §5, issue 10)."""

from __future__ import annotations

import pytest

from tui.core.labels import TEXTS, EraError, T, era, era_short, era_year


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (2020, "令和2年度"),
        (2019, "令和元年度"),  # as the seed prints it, never 令和1年度
        (2018, "平成30年度"),
        (2015, "平成27年度"),  # was 令和-3年度
        (1989, "平成元年度"),  # 平成 began in 1989: FY1989 is 平成元年度, never 平成1年度 or 昭和64年度
        (1988, "昭和63年度"),
        (1926, "昭和元年度"),
        (1912, "大正元年度"),
        (1868, "明治元年度"),
        (2030, "令和12年度"),
    ],
)
def test_era_year(year: int, label: str) -> None:
    assert era_year(year, "ja") == label
    assert era_year(year, "en") == f"FY{year}"


def test_short_era_for_narrow_columns() -> None:
    assert era_short(2020, "ja") == "R2"
    assert era_short(2019, "ja") == "R1"
    assert era_short(2018, "ja") == "H30"
    assert era_short(2020, "en") == "FY2020"


@pytest.mark.parametrize("year", [1867, 0, -5, 10000])
def test_years_without_a_label_are_refused(year: int) -> None:
    with pytest.raises(EraError, match="no era label"):
        era(year)
    with pytest.raises(EraError):
        era_year(year, "ja")


def test_catalogue_has_both_languages() -> None:
    for key, text in TEXTS.items():
        assert text.ja and text.en, key
    assert T("table_ministries", "ja") == "科学技術関係予算・府省別"
    with pytest.raises(KeyError):
        T("no-such-key", "ja")
