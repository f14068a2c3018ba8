"""Group-by over program lines: per ministry, agency, strategy, basis or section, an honest Σ each.

Each group's figures follow the subtotal's rules (tui.core.subtotal): own FY2020 / FY2019 sums of distinct
programs, 補正 per fiscal year, 内数 envelopes listed and not added. A re-listed program whose placements
fall in two groups (two sections, say) counts in each of them, so group sums may add up to more than the
Σ of all the lines; by ministry, agency and strategy a program's placements never part (a 再掲 line keeps
its program's ministry).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tui.core.fmt import Unit, number
from tui.core.lines import STRATEGY_NAMES, LineIndex, basis_summary
from tui.core.model import FY2019, FY2020, Lang, Node, Text
from tui.core.subtotal import Envelope, Subtotal, subtotal

GROUP_KINDS = ("ministry", "agency", "strategy", "basis", "section")
NONE_LABELS = {
    "ministry": Text("(府省なし)", "(no ministry)"),
    "agency": Text("(機関名なし)", "(no agency named)"),
    "strategy": Text("(なし)", "(none)"),
    "basis": Text("(額なし)", "(no figure)"),
    "section": Text("(なし)", "(none)"),
}


@dataclass(frozen=True, slots=True)
class Group:
    key: str  # what the group is keyed by, as the JSON and the drill-back use it
    label: Text
    positions: list[int]
    subtotal: Subtotal


def _section(node: Node) -> str:
    return " › ".join(n.name.ja for n in node.path()[1:3][: max(0, len(node.path()) - 2)])


_KEYS: dict[str, Callable[[LineIndex, int], str | None]] = {
    "ministry": lambda index, i: index.nodes[i].ministry,
    "agency": lambda index, i: a.key if (a := index.agencies[i]) is not None else None,
    "strategy": lambda index, i: index.nodes[i].strategy,
    "basis": lambda index, i: basis_summary(index.nodes[i]) or None,
    "section": lambda index, i: _section(index.nodes[i]) or None,
}


def group_key(index: LineIndex, i: int, kind: str) -> str | None:
    return _KEYS[kind](index, i)


def group_by(index: LineIndex, positions: Sequence[int] | None, kind: str) -> list[Group]:
    """The groups of the lines at ``positions`` (all when None), in order of first appearance (document
    order: the lists, the ministries as they come)."""
    if kind not in _KEYS:
        raise ValueError(f"cannot group by {kind!r} (one of {', '.join(GROUP_KINDS)})")
    chosen = range(len(index)) if positions is None else positions
    buckets: dict[str | None, list[int]] = {}
    if kind in ("ministry", "agency", "strategy"):
        values = index.values(kind)
        for i in chosen:
            value = values[i]
            bucket = buckets.get(value)
            if bucket is None:
                bucket = buckets[value] = []
            bucket.append(i)
    else:
        make = _KEYS[kind]
        for i in chosen:
            buckets.setdefault(make(index, i), []).append(i)
    groups = []
    for value, members in buckets.items():
        groups.append(Group(value or "", _label(index, kind, value), members, subtotal(index, members)))
    return groups


def _label(index: LineIndex, kind: str, value: str | None) -> Text:
    if value is None:
        return NONE_LABELS[kind]
    if kind == "ministry":
        ministry = index.dataset.ministry_by_name(value)
        return ministry.name if ministry is not None else Text(value, value)
    if kind == "strategy":
        return STRATEGY_NAMES.get(value, Text(value, value))
    return Text(value, value)


# ---- the group table ------------------------------------------------------------------------------------

GROUP_COLUMNS: tuple[tuple[str, Text, bool], ...] = (
    ("name", Text("グループ", "Group"), False),  # "name": the figure table sizes it as names
    ("lines", Text("行", "Lines"), True),
    ("programs", Text("事業", "Programs"), True),
    ("fy2020", Text("R2当初 (自己額)", "FY2020 own"), True),
    ("fy2020_programs", Text("R2 事業数", "FY2020 n"), True),
    ("fy2019", Text("R1当初 (自己額)", "FY2019 own"), True),
    ("fy2019_programs", Text("R1 事業数", "FY2019 n"), True),
    ("supplementary", Text("補正 (別枠)", "Suppl. (apart)"), True),
    ("within", Text("内数 (合計しない)", "内数 (not added)"), False),
)


def group_value(group: Group, key: str) -> Decimal | int | str:
    """A group table cell's value, for sorting and copying."""
    st = group.subtotal
    values: dict[str, Callable[[], Decimal | int | str]] = {
        "name": lambda: group.label.ja,
        "lines": lambda: st.lines,
        "programs": lambda: st.programs,
        "fy2020": lambda: st.own[FY2020].amount,
        "fy2020_programs": lambda: st.own[FY2020].programs,
        "fy2019": lambda: st.own[FY2019].amount,
        "fy2019_programs": lambda: st.own[FY2019].programs,
        "supplementary": lambda: sum((s.amount for s in st.supplementary), Decimal(0)),
        "within": lambda: st.envelope_count,
    }
    return values[key]()


def group_cell(group: Group, key: str, lang: Lang, unit: Unit) -> str:
    st = group.subtotal
    if key == "name":
        return group.label.get(lang)
    if key in ("fy2020", "fy2019"):
        return number(st.own[key].amount, unit)
    if key == "supplementary":
        if not st.supplementary:
            return ""
        return " + ".join(
            f"{number(s.amount, unit)}{'' if s.fiscal_year is not None else '(年度?)' if lang == 'ja' else '(FY?)'}"
            for s in st.supplementary
        )
    if key == "within":
        return ", ".join(f"{number(e.amount, unit)}{e.mark or ''} ({_budget_short(e, lang)})" for e in st.within)
    return f"{group_value(group, key):,}"


def _budget_short(envelope: Envelope, lang: Lang) -> str:
    """R2 / R1 / 補正R1 (FY2020, FY2019, suppl. FY2019): which budget an envelope belongs to, in a cell."""
    year = envelope.fiscal_year
    era = f"R{year - 2018}" if year is not None else "?"
    if envelope.budget == "supplementary":
        return f"補正{era}" if lang == "ja" else f"suppl. {era}"
    return era


def groups_tsv(groups: Sequence[Group], lang: Lang, unit: Unit) -> str:
    """What `Y` copies: the group table with a header, bare numbers, supplementary sums per year apart."""
    header = [title.get(lang) for _, title, _ in GROUP_COLUMNS]
    lines = ["\t".join(header)]
    for group in groups:
        cells = [
            group_cell(group, key, lang, unit).replace(",", "") if numeric else group_cell(group, key, lang, unit)
            for key, _, numeric in GROUP_COLUMNS
        ]
        cells[-1] = "; ".join(
            f"{number(e.amount, unit, grouping=False)}{e.mark or ''} ({_budget_short(e, lang)})"
            for e in group.subtotal.within
        )
        lines.append("\t".join(c.replace("\t", " ") for c in cells))
    return "\n".join(lines) + "\n"


def sort_groups(groups: Sequence[Group], key: str, descending: bool) -> list[Group]:
    return sorted(groups, key=lambda g: group_value(g, key), reverse=descending)
