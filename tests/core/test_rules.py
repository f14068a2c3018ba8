"""Printed totals and the one denominator of a 構成比 column (values typed from the seed, lines 139–142)."""

from __future__ import annotations

from decimal import Decimal

from tui.core.loader import load_dataset
from tui.core.rules import is_printed_total, share, share_denominator, share_of_part


def test_every_share_of_the_overall_table_is_of_its_printed_total() -> None:
    dataset = load_dataset()
    total, general, promotion, special = dataset.totals
    assert is_printed_total(total) and not is_printed_total(general)
    assert share(total) is None  # the total is nobody's part
    assert share(general) == Decimal("81.5")  # 35,693 / 43,787
    assert share(promotion) == Decimal("31.1")  # 13,639 / 43,787: the same denominator as its neighbours
    assert share(special) == Decimal("18.5")  # 8,094 / 43,787
    assert {share_denominator(n) for n in (general, promotion, special)} == {total}
    # The うち row's share of 一般会計 is a second figure, labelled with what it is of.
    assert share_of_part(promotion) == (Decimal("38.2"), general)  # 13,639 / 35,693
    assert share_of_part(general) is None


def test_ministry_shares_are_of_the_printed_kei() -> None:
    dataset = load_dataset()
    mext = dataset.ministry_by_name("文部科学省")
    assert mext is not None and share_denominator(mext) is dataset.ministry_total
    assert share(mext) == Decimal("48.5")  # 21,224 / 43,787
    assert is_printed_total(dataset.ministry_total)
