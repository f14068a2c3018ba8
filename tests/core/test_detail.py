"""The detail pane's content, as plain lines: bases in words, budgets, provenance, related nodes."""

from __future__ import annotations

import pytest

from tui.core.detail import describe, related
from tui.core.fmt import Unit
from tui.core.loader import load_dataset
from tui.core.model import Dataset, Node


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def at_line(dataset: Dataset, line: int) -> Node:
    return next(n for n in dataset.programs() if n.source and n.source.line == line)


def values(dataset: Dataset, node: Node, lang: str = "ja") -> dict[str, str]:
    return {line.label: line.value for line in describe(dataset, node, lang, Unit.OKU) if line.label}  # type: ignore[arg-type]


def test_within_reads_as_an_envelope(dataset: Dataset) -> None:
    shown = values(dataset, at_line(dataset, 388))  # 【厚】データヘルス改革 1,008億円の内数(688億円の内数)
    assert shown["令和2年度当初"] == "1,008億円の内数"
    assert shown["令和元年度当初"] == "688億円の内数"
    assert "増減" not in shown  # no change is computed between two envelopes


def test_star_mark_and_its_note_stay_with_the_figure(dataset: Dataset) -> None:
    lines = describe(dataset, at_line(dataset, 221), "ja", Unit.OKU)
    texts = [(line.label, line.value) for line in lines]
    assert ("令和2年度当初", "535億円*の内数") in texts
    assert ("  *", "理研運営費交付金総額") in texts


def test_source_line_is_quoted_with_its_section(dataset: Dataset) -> None:
    lines = describe(dataset, at_line(dataset, 394), "ja", Unit.OKU)
    assert lines[-3].value.endswith("行 394")
    assert lines[-2].value == "【国】オープンデータ・イノベーション等によるi-Constructionの推進 25.0億円 (1.35億円)"


def test_every_node_shows_its_id_and_how_to_open_it(dataset: Dataset) -> None:
    """The id of the exports' `id` column, which `budget-tui --open` takes (issue 13)."""
    last = describe(dataset, at_line(dataset, 394), "ja", Unit.OKU)[-1]
    assert (last.label, last.value) == ("ID", "ai.i-construction  (budget-tui --open ai.i-construction で直接開けます)")
    english = describe(dataset, dataset.nodes["ministry.diet"], "en", Unit.OKU)[-1]
    assert english.value == "ministry.diet  (budget-tui --open ministry.diet opens it directly)"
    assert all(line.label != "ID" for line in describe(dataset, dataset.root, "ja", Unit.OKU))  # --open has no root


def test_printed_change_is_marked_as_printed(dataset: Dataset) -> None:
    police = dataset.ministry_by_name("警察庁")
    assert police is not None
    shown = values(dataset, police)
    assert shown["増減"] == "0億円 （資料記載値）"
    assert shown["増減率"] == "-1.3% （資料記載値）"


def test_ministry_attribution_says_how_it_is_known(dataset: Dataset) -> None:
    assert "編集者" in values(dataset, at_line(dataset, 201))["府省"]  # Q-LEAP: not printed in the seed
    assert "推定" in values(dataset, at_line(dataset, 232))["府省"]  # NICT → 総務省
    assert values(dataset, at_line(dataset, 343))["府省"].startswith("総務省 / ")  # 【総】, stated


def test_relisted_program_links_its_other_placements(dataset: Dataset) -> None:
    heading, links = related(dataset, at_line(dataset, 230), "ja", Unit.OKU)
    assert heading.startswith("再掲先")
    assert [n.source.line for _, n in links if n.source] == [201, 303]


def test_ministry_links_its_programs_once(dataset: Dataset) -> None:
    mic = dataset.ministry_by_name("総務省")
    assert mic is not None
    _, links = related(dataset, mic, "ja", Unit.OKU)
    # 総務省's lines, typed from the seed: quantum 209, 232, 234, 287, 289, 291; AI 【総】 343, 345, 347, 410.
    assert [n.source.line for _, n in links if n.source] == [209, 232, 234, 287, 289, 291, 343, 345, 347, 410]
    labels = dict((n.source.line, label) for label, n in links if n.source)
    assert labels[287] == "→ 量子セキュリティ拠点(NICT) › 施設整備費補助金  令和元年度補正 35億円"
    assert labels[345].endswith("補正（年度の記載なし） 1.4億円")


def test_other_nodes_have_no_links(dataset: Dataset) -> None:
    assert related(dataset, dataset.root, "ja", Unit.OKU) == ("", [])
