"""The copy model: what `c`, `y` and `C` copy for the item under the cursor, typed from the seed."""

from __future__ import annotations

import pytest

from tui.core.copying import Item, copy_for, copy_table, quoted_name
from tui.core.fmt import Unit
from tui.core.loader import load_dataset
from tui.core.model import Dataset, Node
from tui.core.table import build_rows

SOURCE_JA = "（出典: 総務省国際戦略局 技術政策課「令和2年度科学技術関係予算 (量子技術及びAI) について」2020-05-21、"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def at(dataset: Dataset, line: int) -> Node:
    return next(n for n in dataset.nodes.values() if n.source and n.source.line == line and n.kind != "footnote")


def copies(dataset: Dataset, item: Item, lang: str = "ja", unit: Unit = Unit.OKU) -> dict[str, str | None]:
    return {key: copy_for(key, dataset, item, lang, unit).text for key in "cyC"}  # type: ignore[arg-type]


def test_own_amount_copies_bare(dataset: Dataset) -> None:
    q_leap = copies(dataset, Item(at(dataset, 201)))
    assert q_leap["c"] == "32"
    assert q_leap["y"] == "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
    assert q_leap["C"] == (
        "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"
        + SOURCE_JA
        + "201行: ●光・量子飛躍フラッグシッププログラム (Q-LEAP)32億円(22億円)）"
        + "［ID: quantum.q-leap］"
    )


def test_the_citation_carries_the_id_unless_asked_not_to(dataset: Dataset) -> None:
    """The id is what `budget-tui --open` takes: the citation is a permalink back to the line."""
    q_leap = Item(at(dataset, 201))
    english = copy_for("C", dataset, q_leap, "en", Unit.OKU).text
    assert english is not None and english.endswith("32億円(22億円)) [id: quantum.q-leap]")
    plain = copy_for("C", dataset, q_leap, "ja", Unit.OKU, cite_id=False).text
    assert plain is not None and plain.endswith("(Q-LEAP)32億円(22億円)）") and "ID" not in plain
    assert copy_for("y", dataset, q_leap, "ja", Unit.OKU).text == (
        "光・量子飛躍フラッグシッププログラム (Q-LEAP) 令和2年度当初 32億円"  # `y` never carries it
    )


def test_within_copies_the_printed_form_and_says_why(dataset: Dataset) -> None:
    item = Item(at(dataset, 388))
    figure = copy_for("c", dataset, item, "ja", Unit.OKU)
    assert figure.text == "1008億円の内数"  # never a bare 1008 that a sheet would add up
    assert "内数" in figure.notice and "合計" in figure.notice
    assert copies(dataset, item)["y"] == "データヘルス改革 令和2年度当初 1,008億円の内数"
    assert copy_for("c", dataset, Item(at(dataset, 384)), "ja", Unit.OKU).text == "280億円の内数"
    assert copy_for("c", dataset, item, "en", Unit.OKU).text == "within ¥100.8 billion (内数)"


def test_supplementary_names_its_year_and_its_parent(dataset: Dataset) -> None:
    grant = copies(dataset, Item(at(dataset, 289)))
    assert grant["c"] == "44"
    assert grant["y"] == "量子セキュリティ拠点(NICT) 運営費交付金 令和元年度補正 44億円"
    assert grant["C"] == (
        "量子セキュリティ拠点(NICT) 運営費交付金 令和元年度補正 44億円"
        + SOURCE_JA
        + "289行: 運営費交付金 44億円【令和元年度補正予算】）"
        + "［ID: quantum.nict-security-hub.grant-supp］"
    )
    assert copies(dataset, Item(at(dataset, 287)))["y"] == (
        "量子セキュリティ拠点(NICT) 施設整備費補助金 令和元年度補正 35億円"
    )
    giga = copies(dataset, Item(at(dataset, 368)))
    assert giga["y"] == "GIGAスクール構想の実現 補正（年度の記載なし） 2,318.1億円"
    assert copies(dataset, Item(at(dataset, 368)), "en")["y"] == (
        "Realizing the GIGA School Program, supplementary (fiscal year not stated): ¥231.81 billion"
    )


def test_estimate_undetermined_and_relisting(dataset: Dataset) -> None:
    nims = copies(dataset, Item(at(dataset, 223)))
    assert nims["c"] == "2"
    assert nims["y"] == "物質・材料研究機構(量子マテリアル基礎基盤研究の推進) 令和2年度当初 2億円(推計額)"
    assert "推計" in copy_for("c", dataset, Item(at(dataset, 223)), "ja", Unit.OKU).notice
    sip = Item(at(dataset, 242))
    nothing = copy_for("c", dataset, sip, "ja", Unit.OKU)
    assert nothing.text is None and "未定" in nothing.notice
    assert copies(dataset, sip)["y"] == "SIP(光量子基盤技術)の一部(再掲) 令和2年度当初 未定"
    relisted = copy_for("c", dataset, Item(at(dataset, 230)), "ja", Unit.OKU)
    assert relisted.text == "32" and "再掲" in relisted.notice
    # the same program listed twice: the heading it sits under says which placement
    assert copies(dataset, Item(at(dataset, 230)))["y"] == (
        "量子融合イノベーション領域 Q-LEAP(再掲) 令和2年度当初 32億円"
    )


def test_ministry_row_says_which_table(dataset: Dataset) -> None:
    mext = copies(dataset, Item(at(dataset, 173), "fy2020"))
    assert mext["c"] == "21224"
    assert mext["y"] == "科学技術関係予算・府省別 文部科学省 令和2年度当初 計 21,224億円"
    diet = copies(dataset, Item(at(dataset, 163), "fy2020"), "en")
    assert diet["y"] == "S&T-related budget by ministry: National Diet, FY2020 initial total: ¥1.2 billion"


def test_table_cells_copy_their_own_column(dataset: Dataset) -> None:
    i_construction = Item(at(dataset, 394), "fy2019")
    assert copies(dataset, i_construction)["c"] == "1.35"
    assert copies(dataset, i_construction, "en")["y"] == (
        "Promoting i-Construction through open data, innovation, etc., FY2019 initial: ¥135 million"
    )
    general = Item(at(dataset, 140), "share")
    assert copies(dataset, general)["c"] == "81.5"
    assert copies(dataset, general)["y"] == (
        "科学技術関係予算・全体額 1 一般会計 (A) 構成比 81.5%（科学技術関係予算 (A + B)に対する）"
    )
    change = Item(at(dataset, 201), "change")
    assert copies(dataset, change)["y"] == (
        "光・量子飛躍フラッグシッププログラム (Q-LEAP) 対前年度増減額 10億円（当初予算額から計算した値）"
    )


def test_conversions_say_the_figure_was_rounded(dataset: Dataset) -> None:
    cited = copies(dataset, Item(at(dataset, 201)), "ja", Unit.MILLION)["C"]
    assert cited is not None and "3,200百万円" in cited and "億円単位で四捨五入された掲載額からの換算" in cited
    english = copies(dataset, Item(at(dataset, 201)), "en", Unit.YEN)["C"]
    assert english is not None and "¥3,200,000,000" in english and "printed rounded to 100 million yen" in english


def test_generic_names_are_qualified_only_where_needed(dataset: Dataset) -> None:
    assert quoted_name(dataset, at(dataset, 291), "ja") == "量子セキュリティ拠点(NICT) 運営費交付金"
    assert quoted_name(dataset, at(dataset, 232), "ja") == "NICT運営費交付金"  # says whose already
    assert quoted_name(dataset, at(dataset, 291), "en") == "Operating grant (NICT quantum security hub)"


def test_a_node_without_figures_copies_nothing(dataset: Dataset) -> None:
    heading = dataset.quantum
    for key in "cyC":
        result = copy_for(key, dataset, Item(heading), "ja", Unit.OKU)  # type: ignore[arg-type]
        assert result.text is None and result.notice


def test_table_copy_is_tsv(dataset: Dataset) -> None:
    rows = build_rows(dataset, dataset.root.children[1], "en", Unit.OKU)
    result = copy_table("By ministry", rows, "en", Unit.OKU, dataset.meta)
    assert result.text is not None
    header = result.text.splitlines()[0].split("\t")
    assert "FY2020 (¥100M)" in header and "FY2019 (¥100M)" in header
    assert result.notice == "By ministry: 18 rows (TSV)"
