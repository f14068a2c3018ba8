"""Live search over every node: names (ja/en), ministries, notes, details and printed amounts.

Matching folds what a reader considers the same text: NFKC (ＡＩ = AI, Ｑ－ＬＥＡＰ = Q-LEAP), case,
and katakana to hiragana. Each normalised character keeps the index of the original character it came
from, so a match can be highlighted in the text as printed.
"""

from __future__ import annotations

import time
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from tui.core.agencies import Agency, agency_of
from tui.core.agencies import names as agency_names
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
    CHECK_EVERY = 64  # occurrences examined between looks at the clock (a small dataset never looks)
    FOLD_ALL_FIELDS = 5000  # up to this many nodes, every field is folded per character up front

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
        # A node's ministry is one private-use character standing for all the ministry's names (ja, en,
        # short): repeated on every line of bulk data, the names would make up a third of the haystack.
        tokens: dict[str, str] = {}
        # A program line's agency (JST, NICT, …) is a token the same way, standing for all its names, so
        # 情報通信研究機構 finds 「NICT運営費交付金」 (tui.core.agencies).
        self.ministry_texts: dict[str, str] = {}  # token -> the ministry's (or agency's) folded names
        headings: dict[int, Agency | None] = {}
        names_seen: dict[tuple[str, str], Agency | None] = {}
        for node in self.nodes:
            names = _SEPARATOR.join(_fold_fast(t) for t in _name_texts(node))
            token = ""
            if node.ministry:
                token = tokens.get(node.ministry, "")
                if not token:
                    token = tokens[node.ministry] = chr(_TOKEN_BASE + len(tokens))
                    texts = ministry_names(dataset, node.ministry)
                    self.ministry_texts[token] = _SEPARATOR.join(_fold_fast(t) for t in texts)
            agency = agency_of(node, headings, names_seen) if node.is_program else None
            if agency is not None:
                key = "\x00" + agency.key  # no ministry's name starts with NUL
                agency_token = tokens.get(key, "")
                if not agency_token:
                    agency_token = tokens[key] = chr(_TOKEN_BASE + len(tokens))
                    self.ministry_texts[agency_token] = _SEPARATOR.join(_fold_fast(t) for t in agency_names(agency))
                token += agency_token
            other = _SEPARATOR.join(
                [
                    *((token,) if token else ()),
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
        if len(self.nodes) <= self.FOLD_ALL_FIELDS:
            for node in self.nodes:
                self._field_cache[id(node)] = [_field(label, t) for label, t in _labelled_texts(dataset, node)]

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
            needles = [self._needle(term) for term in terms]
            found = [(i, at) for i, _ in last.found if (at := self._match(needles, i)) >= 0]
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

    def _needle(self, term: str) -> tuple[str, list[str]]:
        """A term and the tokens of the ministries whose names it matches."""
        return term, [token for token, text in self.ministry_texts.items() if _find(text, term) >= 0]

    def _scan(self, state: _Scan, budget: float | None) -> None:
        """Collect nodes matching all terms, in index order, from ``state.position`` on, until the end,
        CAP matches, or the budget. Every occurrence looked at counts toward reading the clock, those a
        word-start rule skips too (`me` occurs inside thousands of words)."""
        # A dataset whose fields are all folded up front is small enough to scan whole in a millisecond.
        small = len(self.nodes) <= self.FOLD_ALL_FIELDS
        deadline = None if budget is None or small else time.perf_counter() + budget
        haystack, starts, found = self.haystack, self.starts, state.found
        end = len(haystack)
        first, tokens = self._needle(state.terms[0])
        rest = [self._needle(term) for term in state.terms[1:]]
        glued = _glue_rule(first)
        needles = [first, *tokens]
        upcoming = [-2] * len(needles)  # the next raw occurrence of each needle (-2: not looked for yet)
        position, examined = state.position, 0
        while True:
            at = -1
            for k, needle in enumerate(needles):
                next_at = upcoming[k]
                if next_at != -1 and next_at < position:
                    next_at = upcoming[k] = haystack.find(needle, position, end)
                if next_at >= 0 and (at < 0 or next_at < at):
                    at = next_at
            if at < 0:
                state.position = -1
                return
            examined += 1
            if at == upcoming[0] and glued is not None and at > 0 and glued(haystack[at - 1]):
                position = at + 1  # inside a word or number: not a match
            else:
                i = bisect_right(starts, at) - 1
                if all(self._in_node(needle, starts[i], starts[i + 1]) >= 0 for needle in rest):
                    found.append((i, at))
                    if len(found) >= self.CAP:
                        state.position, state.capped = -1, True
                        return
                position = starts[i + 1]
            if deadline is not None and examined % self.CHECK_EVERY == 0 and time.perf_counter() > deadline:
                state.position = position
                return

    def _in_node(self, needle: tuple[str, list[str]], start: int, end: int) -> int:
        """Where in haystack[start:end] the term (or a ministry it matches) first occurs, or -1."""
        term, tokens = needle
        at = _find_in(self.haystack, term, start, end)
        for token in tokens:
            token_at = self.haystack.find(token, start, end)
            if token_at >= 0 and (at < 0 or token_at < at):
                at = token_at
        return at

    def _match(self, needles: list[tuple[str, list[str]]], i: int) -> int:
        start, end = self.starts[i], self.starts[i + 1]
        at = self._in_node(needles[0], start, end)
        if at < 0 or not all(self._in_node(needle, start, end) >= 0 for needle in needles[1:]):
            return -1
        return at

    def _rank(self, i: int, at: int, term: str) -> int:
        """Names before other fields, whole words before word prefixes, programs before prose."""
        text, found_at = self.haystack, at
        ministry = self.ministry_texts.get(text[at])
        if ministry is not None:  # matched a ministry's names: look at the word there
            text, found_at = ministry + _SEPARATOR, _find(ministry, term)
        after = found_at + len(term)
        partial_word = _continues_word(text[after]) and _continues_word(term[-1])
        return (0 if at < self.names_end[i] else 4) + 2 * partial_word + self.secondary[i]

    def _hit(self, node: Node, term: str) -> Hit:
        """The hit as shown: the first field the first term matches, with the span in printed text.
        Mapping a match back to printed characters needs a field folded character by character: a small
        dataset has all of them folded up front; otherwise only the matching field is, when shown."""
        cached = self._field_cache.get(id(node))
        labelled = _labelled_texts(self.dataset, node) if cached is None else [(f.label, f.text) for f in cached]
        for index, (label, text) in enumerate(labelled):
            if cached is None and _find(_fold_fast(text), term) < 0:
                continue
            field = cached[index] if cached is not None else _field(label, text)
            at = _find(field.folded, term)
            if at >= 0:
                return Hit(node, field, field.origin[at], field.origin[at + len(term) - 1] + 1)
        name = _field("name_ja", node.name.ja)  # unreachable unless folding differs; show the name plainly
        return Hit(node, name, 0, 0)


_SEPARATOR = "\x1f"  # between fields: no term contains it, and it is neither a word nor a number
_NODE_END = "\x1e"
_TOKEN_BASE = 0xE000  # ministry tokens: Unicode's private use area, which no printed name uses


def _depth(node: Node) -> int:
    depth = 0
    while node.parent is not None:
        depth, node = depth + 1, node.parent
    return depth + 1


def _narrows(before: list[str], after: list[str]) -> bool:
    """Whether every match of ``after`` is a match of ``before`` (each old term a prefix of the new)."""
    return len(after) >= len(before) and all(new.startswith(old) for old, new in zip(before, after, strict=False))


_KANA = {code: code - _KANA_SHIFT for code in range(_KATAKANA_START, _KATAKANA_END + 1)}


def fold_text(text: str) -> str:
    """The matching form of ``text`` (``fold(text)[0]``), fast: what the filter's free text is folded by."""
    return _fold_fast(text)


def _fold_fast(text: str) -> str:
    """``fold(text)[0]`` at C speed for the common cases; per character only where NFKC would change
    something (full-width letters, compatibility forms)."""
    if text.isascii():
        return text.lower()
    if unicodedata.is_normalized("NFKC", text):
        return text.casefold().translate(_KANA)
    return fold(text)[0]


def _glue_rule(term: str) -> Callable[[str], bool] | None:
    """What may not come just before a match of ``term``: a term starting with a digit must start a
    number, one starting with a Latin letter must start a word; others may match anywhere."""
    first = term[:1]
    if first.isdigit():
        return _continues_number
    if first.isascii() and first.isalpha():
        return _continues_word
    return None


def _find_in(haystack: str, term: str, start: int, end: int) -> int:
    """``_find`` within haystack[start:end] without copying it."""
    at = haystack.find(term, start, end)
    glued = _glue_rule(term)
    if glued is None:
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


def ministry_names(dataset: Dataset, name_ja: str | None) -> list[str]:
    """A ministry's names: Japanese, English, short forms (文科省 / MEXT) and the AI list's 【文】 mark
    (for the search index and the query language's ministry: term alike)."""
    if not name_ja:
        return []
    texts = [name_ja]
    ministry = dataset.ministry_by_name(name_ja)
    if ministry is not None:
        texts.append(ministry.name.en)
        if ministry.short_name is not None:
            texts += [ministry.short_name.ja, ministry.short_name.en]
        texts += [value.ja for _, value in ministry.details if value.ja.startswith("【")]
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


def _amount_blob(figure: Figure, cache: dict[int, str]) -> str:
    blob = cache.get(id(figure))
    if blob is None:
        blob = cache[id(figure)] = _SEPARATOR.join(_fold_fast(t) for t in _amount_texts(figure))
    return blob


def _labelled_texts(dataset: Dataset, node: Node) -> list[tuple[str, str]]:
    """A node's searchable texts with what each is, in the order the index concatenates them."""
    texts = [("name_ja" if i % 2 == 0 else "name_en", t) for i, t in enumerate(_name_texts(node))]
    if node.ministry:
        texts += [("ministry", t) for t in ministry_names(dataset, node.ministry)]
    agency = agency_of(node) if node.is_program else None
    if agency is not None:
        texts += [("agency", t) for t in agency_names(agency)]
    for note in (*node.notes, *node.editor_notes):
        texts += [("note", note.ja), ("note", note.en)]
    for label, value in node.details:
        texts += [(label.en.lower(), value.ja), (label.en.lower(), value.en)]
    for figure in node.figures.values():
        if figure.amount is not None:
            texts += [("amount", t) for t in _amount_texts(figure)]
    return texts
