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
    "clipboard": Text("クリップボード", "clipboard"),
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


# Key bindings: the English description a binding is declared with → its Japanese text. The help screen,
# the footer and the command palette show ``binding_text(description, lang)``.
BINDINGS_JA: dict[str, str] = {
    "Search": "検索",
    "Copy figure": "金額をコピー",
    "Copy with label": "名称付きでコピー",
    "Copy with source": "出典付きでコピー",
    "Copy table (TSV)": "表をコピー（TSV）",
    "Unit": "単位",
    "日本語/English": "日本語/English",
    "Up a level": "一つ上へ",
    "Hide/show tree": "ツリーの表示/非表示",
    "Chart": "グラフ",
    "Shares (treemap) where parts add up to a printed total": "構成比（ツリーマップ、内訳が合計額になる表のみ）",
    "Save the screen as SVG": "画面をSVGで保存",
    "Next pane": "次のペイン",
    "Previous pane": "前のペイン",
    "Help": "ヘルプ",
    "Quit": "終了",
    "Bottom": "末尾",
    "Top": "先頭",
    "Clear search": "検索を消去",
    "Close help": "ヘルプを閉じる",
    "Collapse / up": "折りたたむ / 上へ",
    "Expand / into": "展開 / 中へ",
    "Down": "下へ",
    "Up": "上へ",
    "Left": "左へ",
    "Right": "右へ",
    "First": "先頭",
    "Last": "末尾",
    "First row": "先頭の行",
    "Last row": "末尾の行",
    "Page up": "前のページ",
    "Page down": "次のページ",
    "Open row": "行を開く",
    "Next item": "次の項目",
    "Previous item": "前の項目",
    "Item below": "下の項目",
    "Item above": "上の項目",
    "Item to the right": "右の項目",
    "Item to the left": "左の項目",
    "First item": "先頭の項目",
    "Last item": "末尾の項目",
    "Open the item": "項目を開く",
    "Sort column": "列で並べ替え",
    "Go to the result": "結果へ移動",
    "In a search: go to the result": "検索中: カーソル位置の結果へ移動",
    "Next result": "次の結果",
    "Previous result": "前の結果",
    "Previous result; from the top, an earlier search": "前の結果（先頭の結果からは前回までの検索）",
    "Earlier filter": "前に使った絞り込み",
    "Later filter": "後に使った絞り込み",
    "Command palette: jump to any node, run any action": "コマンドパレット: 任意の項目へ移動、任意の操作を実行",
    "palette": "パレット",
    "global": "全体",
    "NavTree": "ツリー",
    "FigureTable": "表",
    "DetailPane": "詳細",
    "ChartView": "グラフ",
    "SearchInput": "検索欄",
    "SearchBox": "検索",
    "SearchResults": "検索結果",
}


def binding_text(description: str, lang: Lang) -> str:
    """A key binding's description in ``lang`` (declared in English; unknown ones stay as declared)."""
    return BINDINGS_JA.get(description, description) if lang == "ja" else description


LEGEND = Text(
    "内数: 事業が含まれる予算全体の額（事業自体の額ではない） · 推計: 推計額 · 未定: 金額未定"
    " · 「-」/なし: 金額なし（ゼロではない） · 補正: 補正予算（当初予算とは別の予算。年度、ま"
    "たは年度の記載なし） · 再掲（再 / ↻）: 別の箇所に掲載された事業の再掲。二重に数えない · "
    "+N: N回再掲 · 新規（新）: 前年度額なし。金額は資料どおりの億円（u で単位切替、百万円・円"
    "への換算は億円単位で四捨五入された掲載額から）。事業の増減・増減率は当初予算の2つの額から計算、府省"
    "別・全体額は資料記載値。構成比は表の合計行（計、(A + B)）に対する比率で、列の全行が同じ分母。"
    "グラフ（規模、増減図、v、t）は事業自体の額だけを描き（推計は ░）、内数・未定・「-」・再掲・補正"
    "のみ・合計行は理由とともに一覧します。",
    "内数 (within): the envelope a program is funded within, not its own amount · 推計 (est.): estimate · "
    "未定: undetermined · '-' / none: no amount (not zero) · 補正: supplementary budget, a different budget from "
    "the initial one, with its fiscal year or 'fiscal year not stated' · 再掲 (再 / R, ↻ in the tree): a re-listing "
    "of a program shown elsewhere, never counted twice; +N: the program is re-listed N times · 新規 (新 / N): new, "
    "no previous-year figure. Amounts are 億円 (¥100M) as printed; in English ¥3.2 billion is 32億円 with its "
    "point moved, never rounded; `u` changes the unit (百万円 / 円 are converted from figures printed rounded to "
    "億円). Change and % of programs are computed from two exact amounts; those of the by-ministry and overall "
    "tables are as printed. Every share (構成比) in a column is of the table's printed total (計, (A + B)). Bars "
    "(規模 / Size, 増減図 / ± bar, `v`, `t`) draw only an item's own amount (推計 shaded ░); 内数, 未定, '-', 再掲, "
    "補正-only and printed-total rows get no bar and are listed beside the chart with the reason.",
)

CLIPBOARD = {
    "copied": Text("コピーしました: ", "Copied: "),
    "not_copied": Text("コピーできませんでした: ", "Not copied: "),
    "via": Text("システムのクリップボード（{tool}）", "system clipboard via {tool}"),
    "osc52": Text("OSC 52 で送信", "sent by OSC 52"),
    "osc52_maybe": Text(
        "OSC 52 で送信 — 端末によっては無視されます", "sent by OSC 52 — your terminal may ignore it"
    ),
    "osc52_too_big": Text(
        "OSC 52 では送信せず: {size:,} バイトは上限 {limit:,} バイトを超えます",
        "not sent by OSC 52: {size:,} bytes is over its {limit:,}-byte limit",
    ),
    "no_tool": Text(
        "システムのクリップボードが見つかりません（試したもの: {tried}）",
        "no system clipboard tool found (tried {tried})",
    ),
    "off": Text("システムのクリップボードは無効（{env}）", "system clipboard off ({env})"),
    "big": Text(
        "大きな表は `budget-tui export -o FILE` でファイルに書き出せます。",
        "For a big table, `budget-tui export -o FILE` writes it to a file.",
    ),
}
