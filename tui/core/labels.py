"""Words the explorer shows, in both languages, and the 和暦 labels of fiscal years.

One catalogue (:data:`TEXTS`, read with :func:`T`) holds the strings the UI shows that are not data —
headings, notifications, search tags, palette entries, the help legend — so Japanese mode is Japanese and
English mode English, and a word is changed in one place.

Era labels follow the government's usage for fiscal years: a fiscal year takes the era that began in its
calendar year, or the latest one before it (FY1989 平成元年度 — 平成 began on 1989-01-08 —, FY2018
平成30年度, FY2019 令和元年度 as the seed prints it), and year 1 is 元年. Years before 明治 (1868) have no
label here and are refused (:class:`EraError`), never shown as 令和-150年度.
"""

from __future__ import annotations

from tui.core.model import Lang, Text

# (first calendar year, name, short letter) — the eras since the calendar reform that fiscal years use.
ERAS: tuple[tuple[int, str, str], ...] = (
    (1868, "明治", "M"),
    (1912, "大正", "T"),
    (1926, "昭和", "S"),
    (1989, "平成", "H"),
    (2019, "令和", "R"),
)
FIRST_YEAR = ERAS[0][0]
LAST_YEAR = 9999  # beyond this a "fiscal year" is a typo, not a year


class EraError(ValueError):
    """A year the era labels cannot name."""


def era(fiscal_year: int) -> tuple[str, str, int]:
    """(era name, short letter, year of the era) for a fiscal year: 2019 → ('令和', 'R', 1)."""
    if not FIRST_YEAR <= fiscal_year <= LAST_YEAR:
        raise EraError(
            f"fiscal year {fiscal_year} has no era label (budget-tui names fiscal years {FIRST_YEAR} (明治元年) "
            f"to {LAST_YEAR})"
        )
    start, name, letter = next(e for e in reversed(ERAS) if e[0] <= fiscal_year)
    return name, letter, fiscal_year - start + 1


def era_year(fiscal_year: int, lang: Lang) -> str:
    """令和2年度 / 令和元年度 / 平成30年度; FY2020 in English."""
    if lang == "en":
        return f"FY{fiscal_year}"
    name, _, n = era(fiscal_year)
    return f"{name}{'元' if n == 1 else n}年度"


def era_short(fiscal_year: int, lang: Lang) -> str:
    """The short form for narrow columns: R2 / R1 / H30 (digits, as tables abbreviate); FY2020 in English."""
    if lang == "en":
        return f"FY{fiscal_year}"
    _, letter, n = era(fiscal_year)
    return f"{letter}{n}"


TEXTS: dict[str, Text] = {
    # figures and their bases
    "undetermined": Text("未定", "undetermined"),
    "no_amount": Text("金額なし", "no amount"),
    "dash": Text("「-」（金額なし）", "'-' (no amount)"),
    "dash_cell": Text("- なし", "- none"),
    "within_cell": Text("内数", "within"),
    "estimate_cell": Text("推計", "est."),
    "undetermined_cell": Text("未定", "undet."),
    "initial": Text("当初", "initial"),
    "supplementary": Text("補正", "supplementary"),
    "year_not_stated": Text("年度の記載なし", "fiscal year not stated"),
    "supplementary_unstated": Text("補正（年度の記載なし）", "supplementary (fiscal year not stated)"),
    "rounded_note": Text(
        "億円単位で四捨五入された掲載額からの換算",
        "converted from a figure printed rounded to 100 million yen",
    ),
    # tables the figures belong to (quotable labels)
    "table_totals": Text("科学技術関係予算・全体額", "S&T-related budget, overall"),
    "table_ministries": Text("科学技術関係予算・府省別", "S&T-related budget by ministry"),
    "source": Text("出典", "source"),
    "line": Text("行", "line"),
    # copy notifications
    "copied": Text("コピーしました", "Copied"),
    "nothing_to_copy": Text("コピーするものがありません", "Nothing to copy"),
    "why_within": Text(
        "内数: 事業自体の額ではなく、含まれる予算全体の額です。"
        "数値だけでは合計されてしまうため、掲載どおり「の内数」を付けてコピーしました",
        "内数 (within): the envelope the program is funded within, not its own amount; copied as printed, "
        "not as a bare number a spreadsheet would add up",
    ),
    "why_estimate": Text("推計額: 事業自体の額ですが推計値です", "推計額: the program's own amount, but an estimate"),
    "why_supplementary": Text(
        "補正予算の額です（当初予算とは別の予算）", "a supplementary budget, not the initial one"
    ),
    "why_relisting": Text(
        "再掲: 別の箇所に掲載された事業と同じもの。二重に合計しないでください",
        "再掲 (re-listing): the same program as listed elsewhere; do not add it twice",
    ),
    "why_undetermined": Text("金額は未定です（数値はありません）", "the amount is undetermined (there is no number)"),
    "why_dash": Text("資料は「-」（金額なし、ゼロではない）と掲載", "the document prints '-' (no amount, not zero)"),
    "why_no_figure": Text("この項目には金額がありません", "this item has no figure"),
    "why_computed": Text("当初予算額から計算した値", "computed from the initial amounts"),
    "why_printed": Text("資料記載値", "as printed"),
    "rows_tsv": Text("行（TSV）", "rows (TSV)"),
    "copying_rows": Text("行をコピーしています…", "rows being copied…"),
    # search tags: what a hit matched when it is not the name
    "tag_ministry": Text("府省", "ministry"),
    "tag_note": Text("注記", "note"),
    "tag_amount": Text("金額", "amount"),
    "tag_detail": Text("詳細", "detail"),
    # headings
    "share_of": Text("構成比", "Share"),
    "share_header_note": Text("構成比は表の合計行に対する比率", "shares are of the table's printed total"),
}


def T(key: str, lang: Lang) -> str:
    """The catalogue's text for ``key`` in ``lang`` (KeyError for an unknown key: a typo fails tests)."""
    return TEXTS[key].get(lang)
