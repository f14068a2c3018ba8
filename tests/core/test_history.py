"""Recalling recent queries with Up and Down (tui.core.history), as a shell does."""

from __future__ import annotations

from tui.core.history import Recall


def test_up_goes_back_and_down_comes_forward_to_what_was_typed() -> None:
    recall = Recall(("is:new", "ministry:mic", "strategy:ai"))
    assert recall.older("ai") == "is:new"
    assert recall.older("is:new") == "ministry:mic"
    assert recall.older("ministry:mic") == "strategy:ai"
    assert recall.older("strategy:ai") is None  # the oldest: Up stays
    assert recall.newer("strategy:ai") == "ministry:mic"
    assert recall.newer("ministry:mic") == "is:new"
    assert recall.newer("is:new") == "ai"  # past the newest: the text typed before the first Up
    assert recall.newer("ai") is None


def test_an_edit_ends_browsing() -> None:
    recall = Recall(("is:new", "ministry:mic"))
    assert recall.older("") == "is:new"
    assert not recall.browsing("is:new fy2020>=10")
    assert recall.newer("is:new fy2020>=10") is None  # an edited query is never replaced by Down
    assert recall.older("is:new fy2020>=10") == "is:new"  # Up starts again from the newest


def test_no_entries_recall_nothing() -> None:
    recall = Recall()
    assert recall.older("") is None and recall.newer("") is None


def test_reset_starts_from_the_newest_again() -> None:
    recall = Recall(("a",))
    assert recall.older("") == "a"
    recall.reset(("b", "a"))
    assert not recall.browsing("a")
    assert recall.older("a") == "b"
