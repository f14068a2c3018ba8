"""What the detail pane says about a node, as plain labelled lines (the UI only styles them).

Every figure is stated with its basis and budget — 「280億円の内数」, never a bare 280 — and every
record ends with the seed line it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.fmt import (
    Unit,
    amount_text,
    era_year,
    figure_label,
    figure_text,
    main_figure_text,
    node_figures,
    percent,
    rounded_note,
)
from tui.core.model import CHANGE, CHANGE_PCT, Basis, Dataset, Lang, Node, Text
from tui.core.rules import share, share_denominator, share_of_part
from tui.core.table import ministry_label


@dataclass(frozen=True, slots=True)
class DetailLine:
    label: str
    value: str
    style: str = ""  # a hint for the UI: "figure", "warning", "note", "source", "muted"


_L = {
    "ministry": Text("府省", "Ministry"),
    "basis_implied": Text("（事業実施機関から推定）", "(implied by the agency named)"),
    "basis_editor": Text("（資料に記載なし・編集者による）", "(not printed in the source; editor's attribution)"),
    "budget": Text("予算区分", "Budget"),
    "initial": Text("当初予算", "initial budget"),
    "supplementary": Text("補正予算", "supplementary budget"),
    "year_not_stated": Text("年度の記載なし", "fiscal year not stated"),
    "new": Text("新規（前年度額なし）", "new (no previous-year figure)"),
    "change": Text("増減", "Change"),
    "change_pct": Text("増減率", "Change %"),
    "computed": Text("（当初予算額から計算）", "(computed from the initial amounts)"),
    "printed": Text("（資料記載値）", "(as printed)"),
    "share": Text("構成比", "Share"),
    "share_of_part": Text("内訳の比率", "Share of the part"),
    "within": Text(
        "内数: この額は事業が含まれる予算全体の額であり、事業自体の額ではありません",
        "内数 (within): the amount is the envelope the program is funded within, not its own amount",
    ),
    "estimate": Text("推計額: 運営費交付金等の中の推計額", "推計額: an estimate (e.g. within an operating grant)"),
    "undetermined": Text("未定: 金額は未定", "未定: the amount is undetermined"),
    "dash": Text("「-」: 予算計上なし（ゼロではありません）", "'-': no amount budgeted (not zero)"),
    "relisting": Text("再掲", "Re-listing (再掲)"),
    "relisting_of": Text("この行は次の事業の再掲です", "This line re-lists"),
    "relisted_part": Text("（その一部）", "(a part of it)"),
    "relisted_at": Text("再掲先", "Also listed under"),
    "note": Text("注記", "Note"),
    "editor": Text("編集注", "Editor's note"),
    "footnote": Text("脚注", "Footnote"),
    "source": Text("出典", "Source"),
    "headline": Text("表示額", "Figures shown"),
    "line": Text("行", "line"),
    "id": Text("ID", "ID"),
    "open_with": Text("で直接開けます", "opens it directly"),
    "excluded": Text(
        "内数・再掲・補正の額は合計や構成比に加えません",
        "内数, 再掲 and supplementary amounts are never added into totals or shares",
    ),
}


def describe(dataset: Dataset, node: Node, lang: Lang, unit: Unit) -> list[DetailLine]:
    lines: list[DetailLine] = []
    fy, previous = dataset.meta.fiscal_year, dataset.meta.previous_fiscal_year
    if node.ministry:
        basis = ""
        if node.ministry_basis == "implied":
            basis = " " + _L["basis_implied"].get(lang)
        elif node.ministry_basis == "editor":
            basis = " " + _L["basis_editor"].get(lang)
        other = ministry_label(dataset, node.ministry, "en" if lang == "ja" else "ja")
        lines.append(
            DetailLine(_L["ministry"].get(lang), f"{ministry_label(dataset, node.ministry, lang)} / {other}{basis}")
        )
    lines += [DetailLine(label.get(lang), value.get(lang)) for label, value in node.details]
    if node.headline is not None and node.headline.source is not None:
        lines.append(
            DetailLine(
                _L["headline"].get(lang),
                f"{node.headline.name.get(lang)} ({_L['line'].get(lang)} {node.headline.source.line})",
                "muted",
            )
        )

    bases_seen: set[str] = set()
    for key, figure in node_figures(node):
        if key in (CHANGE, CHANGE_PCT):
            continue
        lines.append(
            DetailLine(figure_label(key, figure, lang, fy, previous), figure_text(figure, unit, lang), "figure")
        )
        if figure.mark and figure.mark_note:
            lines.append(DetailLine(f"  {figure.mark}", figure.mark_note.get(lang), "note"))
        if figure.dash:
            bases_seen.add("dash")
        elif figure.basis is not Basis.EXACT:
            bases_seen.add(figure.basis.value)
    if node.is_program:
        budgets = []
        if "fy2020" in node.figures or "fy2019" in node.figures:
            budgets.append(_L["initial"].get(lang))
        if node.supplementary is not None:
            year = node.supplementary.fiscal_year
            when = era_year(year, lang) if year is not None else _L["year_not_stated"].get(lang)
            budgets.append(f"{_L['supplementary'].get(lang)} ({when})")
        if budgets:
            lines.append(DetailLine(_L["budget"].get(lang), " / ".join(budgets)))
        if node.new:
            lines.append(DetailLine("", _L["new"].get(lang), "muted"))

    change, change_printed = node.change()
    if change is not None:
        how = _L["printed" if change_printed else "computed"].get(lang)
        lines.append(
            DetailLine(_L["change"].get(lang), f"{amount_text(change, unit, lang)} {how}", "figure")
        )
    change_pct, pct_printed = node.change_pct()
    if change_pct is not None:
        how = _L["printed" if pct_printed else "computed"].get(lang)
        lines.append(DetailLine(_L["change_pct"].get(lang), f"{percent(change_pct)} {how}", "figure"))
    ratio, whole = share(node), share_denominator(node)
    if ratio is not None and whole is not None:  # the table's 構成比: of the table's printed total
        lines.append(DetailLine(_L["share"].get(lang), f"{percent(ratio)} / {whole.name.get(lang)}", "figure"))
    of_part = share_of_part(node)
    if of_part is not None:  # a うち row: also its share of the part it sits in, labelled as such
        lines.append(
            DetailLine(_L["share_of_part"].get(lang), f"{percent(of_part[0])} / {of_part[1].name.get(lang)}", "figure")
        )
    if unit is not Unit.OKU and node.figures:
        lines.append(DetailLine("", rounded_note(unit, lang), "muted"))

    for basis in ("within", "estimate", "undetermined", "dash"):
        if basis in bases_seen:
            lines.append(DetailLine("", _L[basis].get(lang), "warning"))
    if node.relist_of is not None:
        part = _L["relisted_part"].get(lang) if node.relist_part else ""
        lines.append(
            DetailLine(
                _L["relisting"].get(lang),
                f"{_L['relisting_of'].get(lang)}{part}: {path_text(node.relist_of, lang)}",
                "warning",
            )
        )
    if node.is_program and (node.is_relisting or node.relistings):
        lines.append(DetailLine("", _L["excluded"].get(lang), "muted"))

    for note in node.notes:
        lines.append(DetailLine(_L["note"].get(lang), note.get(lang), "note"))
    for note in node.editor_notes:
        lines.append(DetailLine(_L["editor"].get(lang), note.get(lang), "muted"))
    for footnote in _footnotes(node):
        mark = footnote.details[0][1].get(lang) if footnote.details else ""
        lines.append(DetailLine(f"{_L['footnote'].get(lang)} {mark}", footnote.name.get(lang), "note"))
    if node.source is not None:
        lines.append(
            DetailLine(
                _L["source"].get(lang),
                f"{node.source.section.get(lang)} — {_L['line'].get(lang)} {node.source.line}",
                "source",
            )
        )
        lines.append(DetailLine("", node.source.text.replace("\t", " │ "), "source"))
    # The node's id: the one in the exports' `id` column, and what `budget-tui --open` takes (a permalink).
    # The tree's root is no node of the data (the explorer starts there anyway): it has none to show.
    if dataset.nodes.get(node.id) is node:
        opens = f"budget-tui --open {node.id} {_L['open_with'].get(lang)}"
        lines.append(DetailLine(_L["id"].get(lang), f"{node.id}  ({opens})", "muted"))
    return lines


def _footnotes(node: Node) -> list[Node]:
    """Footnotes of the node itself and of the table or document it sits in."""
    found: list[Node] = []
    current: Node | None = node
    while current is not None:
        found += current.footnotes
        current = current.parent
    return found


def path_text(node: Node, lang: Lang) -> str:
    """The breadcrumb of a node below the root: 量子技術イノベーション戦略 › ①技術開発戦略 › …"""
    return " › ".join(n.name.get(lang) for n in node.path()[1:])


def related(dataset: Dataset, node: Node, lang: Lang, unit: Unit) -> tuple[str, list[tuple[str, Node]]]:
    """Nodes to jump to from this one, with a heading: a program's other placements (再掲), or the
    quantum and AI program lines attributed to a ministry (each once: re-listings left out)."""
    if node.is_program:
        others = [p for p in node.placements() if p is not node]
        heading = "再掲先（Enterで移動）" if lang == "ja" else "Also listed under (Enter to jump)"
        return heading, [(f"→ {path_text(p, lang)}", p) for p in others]
    if node.kind == "ministry":
        programs = [
            p
            for top in (dataset.quantum, dataset.ai)
            for p in top.walk()
            if p.is_program and p.ministry == node.name.ja and not p.is_relisting
        ]
        heading = (
            "この府省の事業（量子・AIの一覧、Enterで移動）"
            if lang == "ja"
            else "This ministry's programs in the quantum and AI lists (Enter to jump)"
        )
        fy = dataset.meta.fiscal_year
        return heading, [(_program_link(p, lang, unit, fy), p) for p in programs]
    return "", []


def _program_link(node: Node, lang: Lang, unit: Unit, fiscal_year: int) -> str:
    """`→ 重点技術課題 › 衛星通信における量子暗号技術の研究開発  3億円`: the heading it sits under (some
    names, like 施設整備費補助金, only make sense with it) and its main figure with its budget."""
    where = f"{node.parent.name.get(lang)} › " if node.parent is not None else ""
    figure = main_figure_text(node, lang, unit, fiscal_year)
    return f"→ {where}{node.name.get(lang)}{'  ' + figure if figure else ''}"
