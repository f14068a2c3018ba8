"""Live search over every node: names (ja/en), ministries, notes, details and printed amounts.

Matching folds what a reader considers the same text: NFKC (ＡＩ = AI, Ｑ－ＬＥＡＰ = Q-LEAP), case,
and katakana to hiragana. Each normalised character keeps the index of the original character it came
from, so a match can be highlighted in the text as printed.
"""

from __future__ import annotations

import time
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from tui.core.fmt import Unit, figure_text, number
from tui.core.model import Dataset, Figure, Node

_KATAKANA_START, _KATAKANA_END = ord("ァ"), ord("ヶ")
_KANA_SHIFT = ord("ァ") - ord("ぁ")


def fold(text: str) -> tuple[str, list[int]]:
    """The matching form of ``text`` and, for each of its characters, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            code = ord(folded)
            if _KATAKANA_START <= code <= _KATAKANA_END:
                folded = chr(code - _KANA_SHIFT)
            chars.append(folded)
            origin.append(index)
    return "".join(chars), origin


def fold_query(text: str) -> list[str]:
    """The query's terms in matching form; every term must match somewhere in a node."""
    return [fold(term)[0] for term in unicodedata.normalize("NFKC", text).split()]


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable text of a node, in both printed and matching form."""

    label: str  # what the text is: name, ministry, note, amount, ...
    text: str
    folded: str
    origin: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    node: Node
    field: Field
    start: int  # span of the first term's match within field.text (printed characters)
    end: int


class SearchResult(list[Hit]):
    """Hits, best first.

    ``matched`` counts the matching nodes found so far. ``complete`` is False when the scan stopped
    at :attr:`SearchIndex.CAP` matches (a query of one common character over 100,000 lines): then
    ``matched`` is a lower bound and the ranking covers the nodes found first in the index's order
    (broader nodes, then programs, then 再掲 lines). ``pending`` is True when a time budget ran out
    before the scan did: :meth:`SearchIndex.resume` goes on from there.
    """

    matched: int = 0
    complete: bool = True
    pending: bool = False


@dataclass(slots=True)
class _Scan:
    """The state of one query's scan, kept so a later keystroke or a resume can build on it."""

    terms: list[str]
    limit: int
    found: list[tuple[int, int]]  # (node index, position of the first term's match)
    position: int  # where the scan goes on; -1 once it has covered the whole index
    capped: bool = False


class SearchIndex:
    """Every node's searchable text, folded once, in one string.

    A query is a C-speed ``str.find`` over that string (about 5 ms per 10 million characters), with
    Python work only per matching node; a keystroke that extends a fully scanned query only re-checks
    its matches. Nodes are stored in tie-break order, so the first matches found are also the best
    placed among equals. With a time budget, a long scan returns what it has and resumes later, so
    typing never waits for the whole index.
    """

    CAP = 1000  # matching nodes collected before a scan stops: enough to rank, few enough to stay fast
    CHECK_AFTER = 512  # candidates examined before the clock is first read: a small dataset never reads it
    CHECK_EVERY = 256  # candidates between looks at the clock after that
    FIELD_CACHE = 5000  # nodes whose printed-text fields are kept (a small dataset: every node)

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        # Ties between equally good matches: originals before 再掲 lines, broader nodes (a strategy, a
        # ministry) before narrower ones, programs last, then document order.
        nodes = list(dataset.nodes.values())
        keys = [(node.is_relisting, 99 if node.is_program else _depth(node), i) for i, node in enumerate(nodes)]
        self.nodes = [nodes[k[2]] for k in sorted(keys)]
        self.secondary = [node.kind in _SECONDARY_KINDS for node in self.nodes]
        blobs: list[str] = []
        self.starts: list[int] = []  # where each node's text begins in the haystack
        self.names_end: list[int] = []  # where its names end and its other fields begin
        offset = 0
        amounts: dict[int, str] = {}  # bulk data shares Figure objects: fold each one once
        ministries: dict[str, str] = {}
        for node in self.nodes:
            names = _SEPARATOR.join(_fold_fast(t) for t in _name_texts(node))
            other = _SEPARATOR.join(
                [
                    *(_ministry_blob(dataset, node.ministry, ministries) if node.ministry else ()),
                    *(_fold_fast(t) for t in _other_texts(node)),
                    *(_amount_blob(f, amounts) for f in node.figures.values() if f.amount is not None),
                ]
            )
            blob = names + _SEPARATOR + other + _NODE_END
            self.starts.append(offset)
            self.names_end.append(offset + len(names))
            blobs.append(blob)
            offset += len(blob)
        self.starts.append(offset)
        self.haystack = "".join(blobs)
        self._scan_state: _Scan | None = None
        self._field_cache: dict[int, list[Field]] = {}
        if len(self.nodes) <= self.FIELD_CACHE:
            for node in self.nodes:
                self._fields(node)

    def search(self, query: str, limit: int = 200, budget: float | None = None) -> SearchResult:
        """The best ``limit`` hits for ``query``. ``budget``: seconds to spend before returning what
        has been found (``pending``); None scans to the end."""
        terms = fold_query(query)
        last = self._scan_state
        if not terms:
            self._scan_state = None
            return SearchResult()
        if last is not None and last.position < 0 and not last.capped and _narrows(last.terms, terms):
            # Typing on: every match of the longer query matched the shorter one.
            found = [(i, at) for i, _ in last.found if (at := self._match(terms, i)) >= 0]
            self._scan_state = _Scan(terms, limit, found, -1)
        else:
            self._scan_state = _Scan(terms, limit, [], 0)
            self._scan(self._scan_state, budget)
        return self._result(self._scan_state)

    def resume(self, budget: float | None = None) -> SearchResult | None:
        """Go on with the last query's unfinished scan; None if there is none."""
        state = self._scan_state
        if state is None or state.position < 0:
            return None
        self._scan(state, budget)
        return self._result(state)

    def _result(self, state: _Scan) -> SearchResult:
        result = SearchResult()
        result.matched = len(state.found)
        result.complete = not state.capped
        result.pending = state.position >= 0
        ranked = sorted((self._rank(i, at, state.terms[0]), i) for i, at in state.found)
        result.extend(self._hit(self.nodes[i], state.terms[0]) for _, i in ranked[: state.limit])
        return result

    def _scan(self, state: _Scan, budget: float | None) -> None:
        """Collect nodes matching all terms, in index order, from ``state.position`` on, until the end,
        CAP matches, or the budget."""
        deadline = None if budget is None else time.perf_counter() + budget
        haystack, starts, terms, found = self.haystack, self.starts, state.terms, state.found
        first, rest = terms[0], terms[1:]
        position, examined = state.position, 0
        while True:
            at = _find_in(haystack, first, position, len(haystack))
            if at < 0:
                state.position = -1
                return
            i = bisect_right(starts, at) - 1
            if all(_find_in(haystack, term, starts[i], starts[i + 1]) >= 0 for term in rest):
                found.append((i, at))
                if len(found) >= self.CAP:
                    state.position, state.capped = -1, True
                    return
            position = starts[i + 1]
            examined += 1
            if (
                deadline is not None
                and examined >= self.CHECK_AFTER
                and examined % self.CHECK_EVERY == 0
                and time.perf_counter() > deadline
            ):
                state.position = position
                return

    def _match(self, terms: list[str], i: int) -> int:
        start, end = self.starts[i], self.starts[i + 1]
        at = _find_in(self.haystack, terms[0], start, end)
        if at < 0 or not all(_find_in(self.haystack, t, start, end) >= 0 for t in terms[1:]):
            return -1
        return at

    def _rank(self, i: int, at: int, term: str) -> int:
        """Names before other fields, whole words before word prefixes, programs before prose."""
        after = at + len(term)
        partial_word = _continues_word(self.haystack[after]) and _continues_word(term[-1])
        return (0 if at < self.names_end[i] else 4) + 2 * partial_word + self.secondary[i]

    def _hit(self, node: Node, term: str) -> Hit:
        """The hit as shown: the first field the first term matches, with the span in printed text."""
        for field in self._fields(node):
            at = _find(field.folded, term)
            if at >= 0:
                return Hit(node, field, field.origin[at], field.origin[at + len(term) - 1] + 1)
        name = _field("name_ja", node.name.ja)  # unreachable unless folding differs; show the name plainly
        return Hit(node, name, 0, 0)

    def _fields(self, node: Node) -> list[Field]:
        """A node's fields folded character by character (to map a match back to printed text): all of
        them up front for a small dataset, else when first shown, keeping the most recent."""
        fields = self._field_cache.get(id(node))
        if fields is None:
            if len(self._field_cache) >= self.FIELD_CACHE:
                self._field_cache.clear()
            fields = self._field_cache[id(node)] = [
                _field(label, t) for label, t in _labelled_texts(self.dataset, node)
            ]
        return fields


_SEPARATOR = "\x1f"  # between fields: no term contains it, and it is neither a word nor a number
_NODE_END = "\x1e"


def _depth(node: Node) -> int:
    depth = 0
    while node.parent is not None:
        depth, node = depth + 1, node.parent
    return depth + 1


def _narrows(before: list[str], after: list[str]) -> bool:
    """Whether every match of ``after`` is a match of ``before`` (each old term a prefix of the new)."""
    return len(after) >= len(before) and all(new.startswith(old) for old, new in zip(before, after, strict=False))


_KANA = {code: code - _KANA_SHIFT for code in range(_KATAKANA_START, _KATAKANA_END + 1)}


def _fold_fast(text: str) -> str:
    """``fold(text)[0]`` at C speed for the common cases; per character only where NFKC would change
    something (full-width letters, compatibility forms)."""
    if text.isascii():
        return text.lower()
    if unicodedata.is_normalized("NFKC", text):
        return text.casefold().translate(_KANA)
    return fold(text)[0]


def _find_in(haystack: str, term: str, start: int, end: int) -> int:
    """``_find`` within haystack[start:end] without copying it."""
    at = haystack.find(term, start, end)
    first = term[:1]
    if first.isdigit():
        glued = _continues_number
    elif first.isascii() and first.isalpha():
        glued = _continues_word
    else:
        return at
    while at > start and glued(haystack[at - 1]):
        at = haystack.find(term, at + 1, end)
    return at


def _find(folded: str, term: str) -> int:
    """Index of ``term`` in ``folded`` or -1. A term must start where a word or number starts:
    `32億` finds 32億円 but not 132億円 or 2.32億円; `ai` finds AI戦略 and AIチップ but not "certain"."""
    return _find_in(folded, term, 0, len(folded))


def _continues_number(char: str) -> bool:
    return char.isdigit() or char in ".,"


def _continues_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


_SECONDARY_KINDS = {"footnote", "note", "item", "ranking", "direction", "investment"}


def _field(label: str, text: str) -> Field:
    folded, origin = fold(text)
    return Field(label, text, folded, tuple(origin))


def _name_texts(node: Node) -> list[str]:
    texts = [node.name.ja, node.name.en]
    if node.short_name is not None:
        texts += [node.short_name.ja, node.short_name.en]
    return texts


def _ministry_texts(dataset: Dataset, name_ja: str) -> list[str]:
    texts = [name_ja]
    ministry = dataset.ministry_by_name(name_ja)
    if ministry is not None:
        texts.append(ministry.name.en)
        if ministry.short_name is not None:
            texts += [ministry.short_name.ja, ministry.short_name.en]
    return texts


def _other_texts(node: Node) -> list[str]:
    texts = []
    for note in (*node.notes, *node.editor_notes):
        texts += [note.ja, note.en]
    for _, value in node.details:
        texts += [value.ja, value.en]
    return texts


def _amount_texts(figure: Figure) -> list[str]:
    # Both the printed form (1,008億円の内数) and the bare one (1008億円) are findable.
    assert figure.amount is not None
    return [figure_text(figure, Unit.OKU, "ja"), f"{number(figure.amount, grouping=False)}億円"]


def _ministry_blob(dataset: Dataset, name_ja: str, cache: dict[str, str]) -> list[str]:
    blob = cache.get(name_ja)
    if blob is None:
        blob = cache[name_ja] = _SEPARATOR.join(_fold_fast(t) for t in _ministry_texts(dataset, name_ja))
    return [blob]


def _amount_blob(figure: Figure, cache: dict[int, str]) -> str:
    blob = cache.get(id(figure))
    if blob is None:
        blob = cache[id(figure)] = _SEPARATOR.join(_fold_fast(t) for t in _amount_texts(figure))
    return blob


def _labelled_texts(dataset: Dataset, node: Node) -> list[tuple[str, str]]:
    """A node's searchable texts with what each is, in the order the index concatenates them."""
    texts = [("name_ja" if i % 2 == 0 else "name_en", t) for i, t in enumerate(_name_texts(node))]
    if node.ministry:
        texts += [("ministry", t) for t in _ministry_texts(dataset, node.ministry)]
    for note in (*node.notes, *node.editor_notes):
        texts += [("note", note.ja), ("note", note.en)]
    for label, value in node.details:
        texts += [(label.en.lower(), value.ja), (label.en.lower(), value.en)]
    for figure in node.figures.values():
        if figure.amount is not None:
            texts += [("amount", t) for t in _amount_texts(figure)]
    return texts
