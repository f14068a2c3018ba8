"""The query language: terms, aliases, amounts with units, and one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.helpers import line_index
from tui.core.fmt import Unit
from tui.core.groups import group_by, groups_tsv
from tui.core.lines import COLUMNS, LineIndex, cell, sort_positions
from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.query import QueryError, parse
from tui.core.rounding import half_unit, sum_bound


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module", params=[False, True], ids=["first-query", "warmed"])
def index(request: pytest.FixtureRequest, dataset: Dataset) -> Iterator[LineIndex]:
    with line_index(dataset, warmed=request.param) as built:
        yield built


def ids(dataset: Dataset, index: LineIndex, query: str, unit: Unit = Unit.OKU) -> list[str]:
    return [index.nodes[i].id for i in parse(query, dataset, unit).positions(index)]


def test_every_line_of_both_lists(index: LineIndex) -> None:
    assert len(index) == 47  # 25 quantum placements + 22 AI placements, seed lines 201–412
    assert index.nodes[0].id == "quantum.q-leap" and index.nodes[-1].id == "ai.sme-ai-talent@sme"


@pytest.mark.parametrize("value", ["経済産業省", "経産省", "【経】", "経", "METI", "meti", '"Ministry of Economy…"'])
def test_ministry_forms(dataset: Dataset, index: LineIndex, value: str) -> None:
    found = ids(dataset, index, f"ministry:{value} strategy:ai")
    assert found == [
        "ai.next-gen-ai-robot", "ai.ai-chip", "ai.sme-ai-talent", "ai.learning-society",
        "ai.virtual-power-plant", "ai.connected-industries", "ai.sme-ai-talent@sme",
    ]  # fmt: skip


@pytest.mark.parametrize("value", ["NICT", "nict", "情報通信研究機構"])
def test_agency_aliases(dataset: Dataset, index: LineIndex, value: str) -> None:
    assert ids(dataset, index, f"agency:{value}") == [
        "quantum.nict-grant",  # NICT運営費交付金
        "quantum.nict-security-hub.facilities",  # under 量子セキュリティ拠点(NICT)
        "quantum.nict-security-hub.grant-supp",
        "quantum.nict-security-hub.grant",
    ]


def test_riken_by_either_name(dataset: Dataset, index: LineIndex) -> None:
    expected = ["quantum.riken-cems-rap", "quantum.riken-hub", "ai.riken-aip"]
    assert ids(dataset, index, "agency:理研") == expected
    assert ids(dataset, index, "agency:RIKEN") == expected
    assert ids(dataset, index, "agency:理化学研究所") == expected
    # and free text finds a line by its agency's full name, as the search does
    assert ids(dataset, index, "産業技術総合研究所") == ["quantum.aist-device-hub"]


def test_a_first_character_then_the_next(dataset: Dataset, index: LineIndex) -> None:
    # 光 in a name (seed: 光・量子飛躍フラッグシッププログラム (Q-LEAP), SIP(光量子基盤技術) and its part,
    # 理化学研究所(…光量子工学研究センター), NEDO 超低消費電力型光エレクトロニクス…); warmed, 光 is matched
    # ahead (it is in 5 of the 47 lines) and 光量子 then looks only at those names.
    assert ids(dataset, index, "光") == [
        "quantum.q-leap",
        "quantum.sip",
        "quantum.riken-cems-rap",
        "quantum.sip@inspired",
        "quantum.nedo-photonics",
    ]
    assert ids(dataset, index, "光量子") == ["quantum.sip", "quantum.riken-cems-rap", "quantum.sip@inspired"]
    assert ids(dataset, index, "光 fy2020>=18") == ["quantum.q-leap", "quantum.nedo-photonics"]  # 32 and 18


def test_flags_and_bases(dataset: Dataset, index: LineIndex) -> None:
    assert ids(dataset, index, "is:relisted strategy:ai") == ["ai.sip@data", "ai.sme-ai-talent@sme"]
    assert ids(dataset, index, "is:undetermined") == ["quantum.sip@inspired"]
    assert ids(dataset, index, "is:estimate") == [
        "quantum.nims-quantum-materials", "quantum.jst-coi-next", "quantum.qst-life-hub",
    ]  # fmt: skip
    assert ids(dataset, index, "basis:within strategy:ai") == ["ai.sip", "ai.data-health", "ai.sip@data"]


def test_amounts(dataset: Dataset, index: LineIndex) -> None:
    ten = ["ai.multilingual-translation", "ai.riken-aip", "ai.next-gen-ai-robot", "ai.ai-chip",
           "ai.math-ds-ai-education", "ai.learning-society", "ai.smart-agriculture", "ai.virtual-power-plant",
           "ai.i-construction", "ai.connected-industries"]  # fmt: skip
    assert ids(dataset, index, "strategy:ai fy2020>=10") == ten
    assert ids(dataset, index, "strategy:ai fy2020>=10億") == ten
    assert ids(dataset, index, "strategy:ai fy2020≥1,000百万円") == ten
    assert ids(dataset, index, "strategy:ai fy2020>=1000", Unit.MILLION) == ten  # in the displayed unit
    # 衛星通信 3 (4) and Connected Industries 21.5 (30.4) are the cuts
    assert ids(dataset, index, "change<0") == ["quantum.satellite-qkd", "ai.connected-industries"]
    assert ids(dataset, index, "fy2019<2") == ["ai.dialogue-agent", "ai.i-construction"]  # 1.4, 1.35
    # 内数 envelopes are not a line's amount: only with basis:within
    assert ids(dataset, index, "fy2020>=500") == []
    assert ids(dataset, index, "fy2020>=500 basis:within") == [
        "quantum.riken-cems-rap", "quantum.aist-device-hub", "quantum.riken-hub", "ai.data-health",
    ]  # fmt: skip


def test_terms_are_shown(dataset: Dataset) -> None:
    query = parse("ministry:経産省 is:new fy2020>=5億 ＡＩ", dataset)
    assert query.describe("ja") == "府省: 経済産業省 · 新規 · R2当初 ≥ 5億円 · 「AI」を含む"
    assert query.describe("en").startswith("ministry: Ministry of Economy, Trade and Industry · new")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ministry:foo", "ministry:foo: no ministry called 'foo' (e.g. 経済産業省, 経産省, 【経】, METI)"),
        ("ministry:Ministry", "ministry:Ministry: 'Ministry' fits 11 ministries"),
        ("agency:XYZ", "agency:XYZ: no agency called 'XYZ' (known: JST, NEDO, NICT"),
        ("is:nu", "is:nu: 'is:' takes is:new, is:supplementary"),
        ("basis:", "basis:: give a value after 'basis:'"),
        ("fy2020>=abc", "fy2020>=abc: 'abc' is not an amount"),
        ("fy2021>=3", "fy2021>=3: 'fy2021' is not an amount"),
        ("fy2020>>3", "fy2020>>3: not a comparison"),
        ("is:new fy2020", "fy2020: an amount needs a comparison (e.g. fy2020>=10)"),
        ("colour:red", "colour:red: unknown field 'colour:'"),
        ('"open', 'an opening " has no closing "'),
        ("strategy:space", "strategy:space: no strategy 'space'"),
    ],
)
def test_bad_queries_say_what(dataset: Dataset, query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query, dataset)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_all_lines_table(dataset: Dataset, index: LineIndex) -> None:
    i = index.position(dataset.nodes["quantum.nict-security-hub.grant-supp"])
    assert i is not None
    row = {c.key: cell(index, i, c.key, "ja", Unit.OKU)[0] for c in COLUMNS}
    assert row == {
        "name": "運営費交付金",
        "strategy": "量子",
        "section": "③産業・イノベーション戦略 › 機関内センター型 › 量子セキュリティ拠点(NICT)",
        "ministry": "総務省",
        "agency": "NICT",
        "fy2020": "",
        "fy2019": "",
        "supplementary": "44",
        "supplementary_year": "令和元年度補正",
        "basis": "exact",
        "new": "",
        "relisted": "",
        "source": "289",
    }
    ai = parse("strategy:ai", dataset).positions(index)
    top = sort_positions(index, ai, "fy2020", descending=True)
    assert [index.nodes[i].id for i in top[:2]] == ["ai.ai-chip", "ai.next-gen-ai-robot"]  # 94.2, then 50.0
    assert index.nodes[top[-1]].figures.get("fy2020") is None  # no figure: last either way


def test_group_by_ministry_table(dataset: Dataset, index: LineIndex) -> None:
    groups = group_by(index, parse("strategy:ai", dataset).positions(index), "ministry")
    assert [g.key for g in groups] == [
        "総務省",
        "文部科学省",
        "経済産業省",
        "内閣府",
        "厚生労働省",
        "農林水産省",
        "国土交通省",
    ]
    tsv = groups_tsv(groups, "ja", Unit.OKU).splitlines()
    assert tsv[3] == "経済産業省\t7\t6\t235.0\t6\t204.6\t5\t\t"
    assert tsv[4] == "内閣府\t2\t1\t0\t0\t0\t0\t\t280 (R2); 280 (R1)"


def test_rounding_helpers() -> None:
    assert half_unit(Decimal("1.35")) == Decimal("0.005")
    assert sum_bound([Decimal("12"), Decimal("14.0")]) == Decimal("0.55")
