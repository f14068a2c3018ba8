"""Japanese column headers (``export --headers ja``, and the xlsx sheets with ``--headers ja``).

The English column names stay the public contract (scripts read them); these are for people: each
header says what the column holds, the budget year in 和暦 with 西暦 beside it, and the unit
(「令和2年度(2020年度)当初予算額（億円）」), as 総務省's 2020 rules for machine-readable tables ask.
A column without a Japanese header here keeps its English name.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.fmt import era_year

UNIT = "（億円）"


def _year(fiscal_year: int) -> str:
    """令和2年度(2020年度)."""
    return f"{era_year(fiscal_year, 'ja')}({fiscal_year}年度)"


def ja_header_map(fiscal_year: int) -> dict[str, str]:
    """English column name → Japanese header, for the dataset's fiscal year."""
    fy, prev = _year(fiscal_year), _year(fiscal_year - 1)
    groups = {"r2": f"{fy}当初", "pr": f"{fy}うち優先課題推進枠", "r1": f"{prev}当初"}
    parts = {"general": "一般会計", "promotion": "うち科学技術振興費", "special": "特別会計", "total": "計"}
    headers = {
        "id": "ID",
        "strategy": "戦略",
        "path": "位置（上位の見出し）",
        "ministry": "府省",
        "name_ja": "名称",
        "name_en": "名称（英語）",
        "name_ja_plain": "名称（機種依存文字なし）",
        "fy2020_initial": f"{fy}当初予算額{UNIT}",
        "fy2020_initial_basis": f"{fy}当初予算額の区分",
        "fy2019_initial": f"{prev}当初予算額{UNIT}",
        "fy2019_initial_basis": f"{prev}当初予算額の区分",
        "supplementary": f"補正予算額{UNIT}",
        "supplementary_basis": "補正予算額の区分",
        "supplementary_fiscal_year": "補正予算の年度（西暦）",
        "relisted": "再掲",
        "new": "新規",
        "note": "注記",
        "source": "出典（資料の行）",
        "relist_of": "再掲元ID",
        "ministry_ja": "府省",
        "ministry_en": "府省（英語）",
        "ministry_ja_plain": "府省（機種依存文字なし）",
        "change": f"対前年度増減額{UNIT}",
        "change_pct": "対前年度増減率（％）",
        "item_ja": "区分",
        "item_en": "区分（英語）",
        "item_ja_plain": "区分（機種依存文字なし）",
        "fy2020": f"{fy}当初予算額{UNIT}",
        "priority": f"{fy}うち優先課題推進枠要望額{UNIT}",
        "fy2019": f"{prev}当初予算額{UNIT}",
        "document": "資料",
        "kind": "種類",
        "depth": "階層",
        "parent_id": "親ID",
        "detail_ja": "詳細",
        "detail_en": "詳細（英語）",
        "notes_ja": "注記",
        "notes_en": "注記（英語）",
    }
    for group, title in groups.items():
        for part, what in parts.items():
            headers[f"{group}_{part}"] = f"{title} {what}{UNIT}"
    return headers


def ja_headers(columns: Sequence[str], fiscal_year: int) -> list[str]:
    """The Japanese header of each column (its English name where there is none)."""
    names = ja_header_map(fiscal_year)
    return [names.get(column, column) for column in columns]
