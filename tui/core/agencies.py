"""The funding agencies the program lines name, with their full names as aliases.

The document names agencies inside program names (「JST 未来社会創造」, 「量子デバイス開発拠点(AIST)」,
「理研・革新知能統合研究センター」, 「物質・材料研究機構(…)」) or in the heading a line sits under
(「量子セキュリティ拠点(NICT)」 › 運営費交付金). A line's agency is the first agency named in its own names,
else in the names of the headings above it. The filter (``agency:NICT``) and the search both accept any of
an agency's names: 情報通信研究機構 = NICT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.model import Node, Text


@dataclass(frozen=True, slots=True)
class Agency:
    key: str  # the short name used as the group key: NICT, RIKEN
    name: Text  # full names
    aliases: tuple[str, ...]  # every name the lines (or a reader) may use, the key included


AGENCIES: tuple[Agency, ...] = (
    Agency("JST", Text("科学技術振興機構", "Japan Science and Technology Agency"), ("JST",)),
    Agency(
        "NEDO",
        Text("新エネルギー・産業技術総合開発機構", "New Energy and Industrial Technology Development Organization"),
        ("NEDO",),
    ),
    Agency(
        "NICT",
        Text("情報通信研究機構", "National Institute of Information and Communications Technology"),
        ("NICT",),
    ),
    Agency(
        "AIST",
        Text("産業技術総合研究所", "National Institute of Advanced Industrial Science and Technology"),
        ("AIST", "産総研"),
    ),
    Agency(
        "QST",
        Text("量子科学技術研究開発機構", "National Institutes for Quantum and Radiological Science and Technology"),
        ("QST", "量研"),
    ),
    Agency("RIKEN", Text("理化学研究所", "RIKEN"), ("RIKEN", "理研")),
    Agency("NIMS", Text("物質・材料研究機構", "National Institute for Materials Science"), ("NIMS",)),
    Agency("AMED", Text("日本医療研究開発機構", "Japan Agency for Medical Research and Development"), ("AMED",)),
    Agency("JAXA", Text("宇宙航空研究開発機構", "Japan Aerospace Exploration Agency"), ("JAXA",)),
)
BY_KEY = {agency.key: agency for agency in AGENCIES}


def names(agency: Agency) -> tuple[str, ...]:
    """Every name of an agency: key, aliases, full Japanese and English names."""
    return tuple(dict.fromkeys((agency.key, *agency.aliases, agency.name.ja, agency.name.en)))


def _pattern() -> re.Pattern[str]:
    parts: list[str] = []
    for agency in AGENCIES:
        for name in sorted(names(agency), key=len, reverse=True):
            escaped = re.escape(name)
            if name.isascii():  # a Latin abbreviation must stand as a word: not NICT inside NICTA
                escaped = rf"(?<![A-Za-z]){escaped}(?![A-Za-z])"
            parts.append(f"(?P<{agency.key}_{len(parts)}>{escaped})")
    return re.compile("|".join(parts))


_PATTERN: re.Pattern[str] | None = None  # compiled on first use: the explorer's start-up never pays for it


def named_in(text: str) -> Agency | None:
    """The first agency ``text`` names, or None."""
    global _PATTERN
    if _PATTERN is None:
        _PATTERN = _pattern()
    match = _PATTERN.search(text)
    if match is None or match.lastgroup is None:
        return None
    return BY_KEY[match.lastgroup.rsplit("_", 1)[0]]


def agency_of(
    node: Node,
    headings: dict[int, Agency | None] | None = None,
    names_seen: dict[tuple[str, str], Agency | None] | None = None,
) -> Agency | None:
    """The agency a program line names in its own names, else in a heading above it (below the list's
    root). ``headings`` caches the answer per heading, ``names_seen`` per pair of names (bulk lines repeat
    them), for 100,000 lines."""
    key = (node.name.ja, node.name.en)
    if names_seen is not None and key in names_seen:
        own = names_seen[key]
    else:
        own = named_in(f"{node.name.ja}\x1f{node.name.en}")
        if names_seen is not None:
            names_seen[key] = own
    return own or heading_agency(node.parent, headings)


def heading_agency(heading: Node | None, cache: dict[int, Agency | None] | None) -> Agency | None:
    """The agency a heading (or one above it, below the list's root) names."""
    if heading is None or heading.parent is None or heading.parent.parent is None:
        return None  # the dataset's root and a list's root name no agency
    if cache is not None and id(heading) in cache:
        return cache[id(heading)]
    found = named_in(f"{heading.name.ja}\x1f{heading.name.en}") or heading_agency(heading.parent, cache)
    if cache is not None:
        cache[id(heading)] = found
    return found
