"""The honest Σ: every expected figure below is typed by hand from the seed document (lines 201–412),
not computed from data/. Amounts are 億円 as printed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.helpers import line_index
from tui.core.fmt import Unit
from tui.core.lines import LineIndex
from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.query import parse
from tui.core.subtotal import Subtotal, as_json, quote, sigma_line, subtotal, subtotal_of


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module", params=[False, True], ids=["first-query", "warmed"])
def index(request: pytest.FixtureRequest, dataset: Dataset) -> Iterator[LineIndex]:
    with line_index(dataset, warmed=request.param) as built:
        yield built


def total(dataset: Dataset, index: LineIndex, query: str) -> dict[str, object]:
    return as_json(subtotal(index, parse(query, dataset).positions(index)), query, dataset.meta)


def test_whole_ai_list(dataset: Dataset, index: LineIndex) -> None:
    # Own FY2020: 14.0 + 32.5 + 50.0 + 94.2 + 4.5 + 10 + 4.0 + 6.2 + 13.1 + 2.0 + 15 + 50.0 + 25.0 + 21.5 + 3.0
    # FY2019: 1.4 + 7.0 + 30.5 + 48.7 + 84.9 + 2.6 + 9.0 + 10.6 + 5.0 + 30.0 + 1.35 + 30.4
    # 補正 (the AI list names no year): 1.4 + 7.0 + 2318.1 + 72.
    # 内数: SIP 280 (printed twice, one envelope) and データヘルス 1,008 (688).
    assert total(dataset, index, "strategy:ai") == {
        "filter": "strategy:ai",
        "lines": 22,
        "programs": 20,  # SIP and AI人材連携 are each printed twice (再掲)
        "own": {"fy2020_initial": "345.0", "fy2019_initial": "261.45"},
        "own_programs": {"fy2020_initial": 15, "fy2019_initial": 12},
        "estimate": {"fy2020_initial": "0", "fy2019_initial": "0"},
        "supplementary": [{"fiscal_year": None, "amount": "2398.5", "lines": 4}],
        "within": [
            {"amount": "1008", "fiscal_year": 2020, "budget": "initial", "basis_of": ["ai.data-health"]},
            {"amount": "280", "fiscal_year": 2020, "budget": "initial", "basis_of": ["ai.sip", "ai.sip@data"]},
            {"amount": "688", "fiscal_year": 2019, "budget": "initial", "basis_of": ["ai.data-health"]},
            {"amount": "280", "fiscal_year": 2019, "budget": "initial", "basis_of": ["ai.sip", "ai.sip@data"]},
        ],
        "undetermined": 0,
        # 13 figures printed to 0.1 (±0.05 each) and 10, 15 printed to the unit (±0.5 each)
        "rounding": "1.65",
    }


def test_whole_quantum_list(dataset: Dataset, index: LineIndex) -> None:
    st = subtotal(index, parse("strategy:quantum", dataset).positions(index))
    record = as_json(st, "", dataset.meta)
    assert (record["lines"], record["programs"]) == (25, 21)  # Q-LEAP ×3, NEDO AIチップ ×2, SIP + its part
    # Own: Q-LEAP 32 (22), 衛星通信 3 (4), グローバル量子暗号 14 (新規), NEDO 光エレクトロニクス 18 (17).
    assert record["own"] == {"fy2020_initial": "67", "fy2019_initial": "43"}
    assert record["own_programs"] == {"fy2020_initial": 4, "fy2019_initial": 3}
    # 推計額 apart: NIMS 2 (新規), JST共創の場 (20), QST 拠点形成費 2 (2).
    assert record["estimate"] == {"fy2020_initial": "24", "fy2019_initial": "2"}
    # 令和元年度補正: QST 33 + NICT 施設整備費補助金 35 + 運営費交付金 44; the 50億円の内数 is an envelope.
    assert record["supplementary"] == [{"fiscal_year": 2019, "amount": "112", "lines": 3}]
    fy2020 = [(e["amount"], len(e["basis_of"])) for e in record["within"] if e["fiscal_year"] == 2020]  # type: ignore[index,union-attr,arg-type]
    assert sorted(fy2020) == sorted(
        [("616", 1), ("535", 2), ("418", 1), ("280", 1), ("279", 2), ("94", 2), ("77", 1), ("16", 1)]
    )
    supplementary = [e for e in record["within"] if e["budget"] == "supplementary"]  # type: ignore[index,union-attr]
    assert supplementary == [
        {
            "amount": "50",
            "fiscal_year": 2019,
            "budget": "supplementary",
            "basis_of": ["quantum.emergent-research-venues"],
        }
    ]
    assert record["undetermined"] == 1  # SIP(光量子基盤技術)の一部(再掲)(未定)
    # The part's own (8億円) is inside SIP's envelope: listed, not added.
    assert [(n.id, str(f.amount)) for n, _, f in st.parts] == [("quantum.sip@inspired", "8")]


@pytest.mark.parametrize(
    ("ministry", "fy2020", "n2020", "fy2019", "n2019", "supplementary"),
    [
        ("総務省", "17.0", 2, "8.4", 2, [{"fiscal_year": None, "amount": "8.4", "lines": 2}]),  # 14.0+3.0; 1.4+7.0
        ("文部科学省", "53.0", 5, "42.1", 3, [{"fiscal_year": None, "amount": "2318.1", "lines": 1}]),
        ("経済産業省", "235.0", 6, "204.6", 5, []),  # 50.0+94.2+6.2+13.1+50.0+21.5; 48.7+84.9+10.6+30.0+30.4
        ("内閣府", "0", 0, "0", 0, []),  # SIP: 280億円の内数 only
        ("厚生労働省", "0", 0, "0", 0, []),
        ("農林水産省", "15", 1, "5.0", 1, [{"fiscal_year": None, "amount": "72", "lines": 1}]),
        ("国土交通省", "25.0", 1, "1.35", 1, []),
    ],
)
def test_each_ministry_ai_programs(
    dataset: Dataset,
    index: LineIndex,
    ministry: str,
    fy2020: str,
    n2020: int,
    fy2019: str,
    n2019: int,
    supplementary: list[object],
) -> None:
    record = total(dataset, index, f"strategy:ai ministry:{ministry}")
    assert record["own"] == {"fy2020_initial": fy2020, "fy2019_initial": fy2019}
    assert record["own_programs"] == {"fy2020_initial": n2020, "fy2019_initial": n2019}
    assert record["supplementary"] == supplementary


def test_new_programs(dataset: Dataset, index: LineIndex) -> None:
    # 14 (グローバル量子暗号) + 14.0 + 4.0 + 6.2 (and its 再掲) + 2.0 + 3.0; NIMS 2 is an estimate; GIGA is 補正 only.
    record = total(dataset, index, "is:new")
    assert (record["lines"], record["programs"]) == (9, 8)
    assert record["own"] == {"fy2020_initial": "43.2", "fy2019_initial": "0"}
    assert record["own_programs"] == {"fy2020_initial": 6, "fy2019_initial": 0}
    assert record["estimate"] == {"fy2020_initial": "2", "fy2019_initial": "0"}
    assert record["supplementary"] == [{"fiscal_year": None, "amount": "2318.1", "lines": 1}]


def test_supplementary_kept_apart_per_year(dataset: Dataset, index: LineIndex) -> None:
    record = total(dataset, index, "is:supplementary")
    assert (record["lines"], record["programs"]) == (8, 8)
    assert record["supplementary"] == [
        {"fiscal_year": 2019, "amount": "112", "lines": 3},  # 33 + 35 + 44 【令和元年度補正予算】
        {"fiscal_year": None, "amount": "2398.5", "lines": 4},  # [補正…] in the AI list
    ]
    assert record["own"] == {"fy2020_initial": "15", "fy2019_initial": "13.4"}  # スマート農業; 1.4 + 7.0 + 5.0
    assert [e["amount"] for e in record["within"]] == ["50"]  # type: ignore[index,union-attr]


def test_relisting_and_its_original_count_once(dataset: Dataset, index: LineIndex) -> None:
    nodes = [
        dataset.nodes["quantum.q-leap"],
        dataset.nodes["quantum.q-leap@fusion"],
        dataset.nodes["quantum.q-leap@talent"],
    ]
    st = subtotal_of(index, nodes)
    assert (st.lines, st.programs) == (3, 1)
    assert (st.own["fy2020"].amount, st.own["fy2020"].programs) == (Decimal("32"), 1)
    assert st.own["fy2019"].amount == Decimal("22")
    # A 再掲 line alone stands for its program (its figures are the original's).
    alone = subtotal_of(index, [dataset.nodes["quantum.q-leap@talent"]])
    assert (alone.programs, alone.own["fy2020"].amount) == (1, Decimal("32"))


def test_two_lines_within_one_envelope(dataset: Dataset, index: LineIndex) -> None:
    # 理化学研究所(…) and 量子物性・情報科学拠点(理研): both 535億円*の内数 (531億円*), *理研運営費交付金総額.
    st = subtotal_of(index, [dataset.nodes["quantum.riken-cems-rap"], dataset.nodes["quantum.riken-hub"]])
    assert (st.lines, st.programs) == (2, 2)
    assert st.own["fy2020"].amount == 0 and st.own["fy2020"].programs == 0
    assert [(str(e.amount), e.mark, e.fiscal_year, len(e.lines)) for e in st.within] == [
        ("535", "*", 2020, 2),
        ("531", "*", 2019, 2),
    ]
    text = quote(st, "ja", Unit.OKU, dataset.meta)
    assert "535億円*の内数" in text and "合計に含まない" in text


def test_sigma_line_and_quote(dataset: Dataset, index: LineIndex) -> None:
    st: Subtotal = subtotal(index, parse("strategy:ai", dataset).positions(index))
    assert sigma_line(st, "ja", Unit.OKU, 2020) == (
        "Σ 22行 20事業 │ R2当初 345.0億円 (15事業 ±1.65) │ R1当初 261.45億円 (12事業 ±0.555)"
        " │ 補正(年度記載なし) 2,398.5億円 (4) │ 内数 4件 (合計しない)"
    )
    cited = quote(st, "ja", Unit.OKU, dataset.meta, label="AI戦略", source=True)
    assert cited.startswith("AI戦略（22行・20事業）の小計:\n- 令和2年度当初 345.0億円（15事業の額の合計")
    assert "補正（年度の記載なし） 2,398.5億円（4事業、当初予算とは別）" in cited
    assert "出典: 総務省国際戦略局" in cited
    assert "出典" not in quote(st, "ja", Unit.OKU, dataset.meta)
    assert "34,500百万円" in sigma_line(st, "ja", Unit.MILLION, 2020)


def test_empty_selection(dataset: Dataset, index: LineIndex) -> None:
    st = subtotal(index, [])
    assert (st.lines, st.programs, st.own["fy2020"].amount, st.within) == (0, 0, Decimal(0), [])
