"""Arithmetic on printed, rounded figures: how far a printed amount (or a sum of them) may be from the truth.

The document prints its amounts rounded to the last digit shown (全体額 ※4, 府省別 ※3): ``12`` stands for
something in [11.5, 12.5), ``14.0`` for [13.95, 14.05). A sum of n printed figures is therefore within the
sum of their half units of the sum of the true amounts. `check` (tui.core.audit), the share view
(tui.core.treemap) and the subtotal (tui.core.subtotal) all take that bound from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal


def exponent(amount: Decimal) -> int:
    """The exponent of the last printed digit: 0 for ``12``, -1 for ``14.0``, -2 for ``1.35``."""
    value = amount.as_tuple().exponent
    if not isinstance(value, int):  # NaN / Infinity never come from the loader
        raise ValueError(f"not a finite amount: {amount}")
    return value


def half_unit(amount: Decimal) -> Decimal:
    """Half of the last printed digit: 0.5 for ``12``, 0.05 for ``14.0`` or ``3.3``, 0.005 for ``1.35``."""
    return Decimal((0, (5,), exponent(amount) - 1))


def sum_bound(amounts: Iterable[Decimal]) -> Decimal:
    """The most a sum of printed amounts may differ from the sum of the true ones: Σ half units."""
    return sum((half_unit(amount) for amount in amounts), Decimal(0))


def round_out(value: Decimal, step: Decimal, up: bool) -> Decimal:
    """An interval bound for display, rounded outwards to ``step`` so the range only widens."""
    if not value.is_finite():
        return value
    return value.quantize(step, rounding=ROUND_CEILING if up else ROUND_FLOOR)
