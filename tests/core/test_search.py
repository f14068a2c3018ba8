"""Live search: folding (NFKC, case, kana), amounts, highlight spans, ranking."""

from __future__ import annotations

import pytest

from tui.core.loader import load_dataset
from tui.core.search import Hit, SearchIndex, fold


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dataset())


def lines(index: SearchIndex, query: str) -> list[int]:
    return [h.node.source.line for h in index.search(query) if h.node.source]


def test_fold_maps_back_to_printed_characters() -> None:
    folded, origin = fold("Ｑ－ＬＥＡＰ")
    assert folded == "q-leap"
    assert origin == [0, 1, 2, 3, 4, 5]
    assert fold("カタカナ")[0] == "かたかな"


def test_full_width_query_finds_half_width_text(index: SearchIndex) -> None:
    assert lines(index, "Ｑ－ＬＥＡＰ") == [201, 230, 303]
    assert lines(index, "q-leap") == [201, 230, 303]
    hit = index.search("Ｑ－ＬＥＡＰ")[0]
    assert hit.field.text[hit.start : hit.end] == "Q-LEAP"


def test_full_width_ai(index: SearchIndex) -> None:
    assert lines(index, "ＡＩ") == lines(index, "ai") == lines(index, "AI")
    top = index.search("ＡＩ")[0]
    assert "AI" in top.node.name.ja


def test_katakana_and_hiragana_are_the_same(index: SearchIndex) -> None:
    assert lines(index, "ぐろーばる") == lines(index, "グローバル") != []
    assert 234 in lines(index, "ぐろーばる")


def test_amounts_are_searchable(index: SearchIndex) -> None:
    # 32億 finds the three Q-LEAP placements (32億円), not 132 or 2.32.
    assert lines(index, "32億") == [201, 230, 303]
    assert 388 in lines(index, "1,008")
    assert 388 in lines(index, "1008億円")
    assert lines(index, "280億円の内数") == [211, 384, 401]


def test_ministries_by_japanese_english_and_short_names(index: SearchIndex) -> None:
    for query in ("文部科学省", "MEXT", "文科省", "Ministry of Education"):
        found = lines(index, query)
        assert 173 in found, query  # the by-ministry row
        assert 349 in found, query  # 【文】理研・革新知能統合研究センター


def test_all_terms_must_match(index: SearchIndex) -> None:
    assert lines(index, "q-leap 22") == [201, 230, 303]
    assert lines(index, "q-leap 999") == []


def test_no_match_and_empty_query(index: SearchIndex) -> None:
    assert index.search("zzzzqqq") == []
    assert index.search("   ") == []


def test_names_rank_before_other_fields(index: SearchIndex) -> None:
    hits = index.search("文部科学省")
    assert hits[0].node.name.ja == "文部科学省"


def test_broader_nodes_rank_first_and_originals_before_relistings(index: SearchIndex) -> None:
    assert index.search("ai")[0].node.name.ja == "AI戦略2019"
    assert index.search("量子")[0].node.name.ja == "量子技術イノベーション戦略"
    sip = [h.node for h in index.search("sip") if h.node.is_program]
    assert len(sip) == 4
    assert [n.is_relisting for n in sip] == sorted(n.is_relisting for n in sip)


# ---- bulk data: scans that stop, resume and narrow ---------------------------------------------------


@pytest.fixture(scope="module")
def bulk_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    from bench.generate import generate

    out = tmp_path_factory.mktemp("search-scale")
    generate(out, 6_000, seed=11)
    return SearchIndex(load_dataset(out))


def ids(hits: list[Hit]) -> list[str]:
    return [h.node.id for h in hits]


def test_a_scan_out_of_time_returns_what_it_has_and_resumes_to_the_same_result(bulk_index: SearchIndex) -> None:
    query = "jst 防災"
    whole = bulk_index.search(query)
    assert whole.complete and not whole.pending and 0 < whole.matched < SearchIndex.CAP
    bulk_index.search("")  # forget it, or the next search would only re-check its matches
    partial = bulk_index.search(query, budget=0.0)  # the clock is read every 64 occurrences: already late
    assert partial.pending and partial.matched < whole.matched
    resumes = 0
    result = partial
    while result.pending:
        resumed = bulk_index.resume(budget=0.0)
        assert resumed is not None
        result, resumes = resumed, resumes + 1
    assert resumes >= 1
    assert ids(result) == ids(whole) and result.matched == whole.matched
    assert bulk_index.resume() is None  # nothing left to do


def test_a_small_dataset_is_always_scanned_whole(index: SearchIndex) -> None:
    """The shipped data scans in a millisecond: no budget makes its results partial, so what a user sees
    never depends on the machine's speed."""
    for query in ("a", "量子", "32億"):
        index.search("")
        result = index.search(query, budget=0.0)
        assert not result.pending and result.complete
        index.search("")
        assert ids(result) == ids(index.search(query))


def test_typing_on_narrows_the_previous_matches_to_the_same_result(bulk_index: SearchIndex) -> None:
    query = "nict 気候変動"
    typed = None
    for end in range(1, len(query) + 1):
        typed = bulk_index.search(query[:end])
    fresh = SearchIndex(bulk_index.dataset).search(query)
    assert typed is not None and ids(typed) == ids(fresh) and typed.matched == fresh.matched > 0


def test_a_query_matching_thousands_stops_at_the_cap_and_says_so(bulk_index: SearchIndex) -> None:
    result = bulk_index.search("事業")
    assert not result.complete and result.matched == SearchIndex.CAP
    assert len(result) == 200  # the default limit of hits returned
    # Broader nodes are ranked first: a scan in tie order meets them before the programs.
    assert all(h.node.is_program for h in result[50:])


def test_agency_full_names_find_the_lines_that_name_the_agency(index: SearchIndex) -> None:
    # 「NICT運営費交付金」 (line 232) and the lines under 「量子セキュリティ拠点(NICT)」 (lines 287–291)
    assert lines(index, "情報通信研究機構") == [232, 287, 289, 291]
    hit = index.search("情報通信研究機構")[0]
    assert (hit.field.label, hit.field.text) == ("agency", "情報通信研究機構")
    assert lines(index, "産業技術総合研究所") == [271]  # 量子デバイス開発拠点(AIST)
    assert set(lines(index, "理化学研究所")) == {221, 281, 349}  # printed as 理化学研究所, 理研, 理研・
