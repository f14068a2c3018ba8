"""Rules about what a row is, decided once for the table, the pictures, the detail pane and copies.

- A *printed total* is the row a section's figures come from (計, (A + B)): the sum of its siblings,
  not one of them. It is never sorted among them, drawn as a peer or given a share.
- A *share* (構成比) is a part's FY2020 amount over **the table's printed total** — the same denominator
  for every row of one column, so 81.5% (一般会計) and 31.1% (うち科学技術振興費) can be read side by side.
  A nested part (うち…, a part of a part) gets its share of the table's total too; its share of the part
  it sits in (38.2% of 一般会計) is a second, separately labelled figure (:func:`share_of_part`), shown
  in the detail pane only. Shares come from exact amounts only: 内数 and 再掲 never enter one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tui.core.model import Node


def is_printed_total(node: Node) -> bool:
    """The row a section's figures come from (計, (A + B)): the sum of its siblings, not one of them."""
    return node.parent is not None and node.parent.headline is node


def share_denominator(node: Node) -> Node | None:
    """The printed total a row's share is of: the top of its ``part_of`` chain (None: no share)."""
    whole = node.whole
    if whole is None:
        return None
    seen = {id(node)}
    while whole.whole is not None and id(whole) not in seen:
        seen.add(id(whole))
        whole = whole.whole
    return whole


def _ratio(part: Node, whole: Node) -> Decimal | None:
    a, b = part.fy2020, whole.fy2020
    if a is None or b is None or not a.is_exact_amount or not b.is_exact_amount:
        return None
    assert a.amount is not None and b.amount is not None
    if not b.amount:
        return None
    return (a.amount / b.amount * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def share(node: Node) -> Decimal | None:
    """FY2020 share of the table's printed total (one decimal), from exact amounts only."""
    whole = share_denominator(node)
    return None if whole is None else _ratio(node, whole)


def share_of_part(node: Node) -> tuple[Decimal, Node] | None:
    """For a nested part only (うち科学技術振興費): its share of the part it sits in, and that part."""
    whole = node.whole
    if whole is None or whole is share_denominator(node):
        return None
    ratio = _ratio(node, whole)
    return None if ratio is None else (ratio, whole)
