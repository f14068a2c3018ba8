"""Live search over every node: names (ja/en), ministries, notes, details and printed amounts.

Matching folds what a reader considers the same text: NFKC (ＡＩ = AI, Ｑ－ＬＥＡＰ = Q-LEAP), case,
and katakana to hiragana. Each normalised character keeps the index of the original character it came
from, so a match can be highlighted in the text as printed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tui.core.fmt import Unit, figure_text, number
from tui.core.model import Dataset, Node

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


class SearchIndex:
    """Folded texts of every node, built once; a query is a scan of a few hundred short strings."""

    def __init__(self, dataset: Dataset) -> None:
        # Ties between equally good matches: originals before 再掲 lines, broader nodes (a strategy, a
        # ministry) before narrower ones, programs last, then document order. Fixed per node, so kept here.
        self.entries = [
            (node, _fields(dataset, node), (node.is_relisting, 99 if node.is_program else len(node.path()), order))
            for order, node in enumerate(dataset.nodes.values())
        ]

    def search(self, query: str, limit: int = 200) -> list[Hit]:
        terms = fold_query(query)
        if not terms:
            return []
        ranked: list[tuple[tuple[int, ...], Hit]] = []
        for node, fields, tie in self.entries:
            if not all(any(_find(f.folded, term) >= 0 for f in fields) for term in terms):
                continue
            first, at = next((f, at) for f in fields if (at := _find(f.folded, terms[0])) >= 0)
            start = first.origin[at]
            end = first.origin[at + len(terms[0]) - 1] + 1
            after = at + len(terms[0])
            partial_word = (
                after < len(first.folded) and _continues_word(first.folded[after]) and (_continues_word(terms[0][-1]))
            )
            # Names before other fields, whole words before word prefixes, programs before prose.
            rank = (0 if first.label.startswith("name") else 4) + 2 * partial_word + (node.kind in _SECONDARY_KINDS)
            ranked.append(((rank, *tie), Hit(node, first, start, end)))
        ranked.sort(key=lambda item: item[0])
        return [hit for _, hit in ranked[:limit]]


def _find(folded: str, term: str) -> int:
    """Index of ``term`` in ``folded`` or -1. A term must start where a word or number starts:
    `32億` finds 32億円 but not 132億円 or 2.32億円; `ai` finds AI戦略 and AIチップ but not "certain"."""
    at = folded.find(term)
    first = term[:1]
    if first.isdigit():
        glued = _continues_number
    elif first.isascii() and first.isalpha():
        glued = _continues_word
    else:
        return at
    while at > 0 and glued(folded[at - 1]):
        at = folded.find(term, at + 1)
    return at


def _continues_number(char: str) -> bool:
    return char.isdigit() or char in ".,"


def _continues_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


_SECONDARY_KINDS = {"footnote", "note", "item", "ranking", "direction", "investment"}


def _field(label: str, text: str) -> Field:
    folded, origin = fold(text)
    return Field(label, text, folded, tuple(origin))


def _fields(dataset: Dataset, node: Node) -> list[Field]:
    fields = [_field("name_ja", node.name.ja), _field("name_en", node.name.en)]
    if node.short_name is not None:
        fields += [_field("name_ja", node.short_name.ja), _field("name_en", node.short_name.en)]
    if node.ministry:
        fields.append(_field("ministry", node.ministry))
        ministry = dataset.ministry_by_name(node.ministry)
        if ministry is not None:
            fields.append(_field("ministry", ministry.name.en))
            if ministry.short_name is not None:
                fields += [
                    _field("ministry", ministry.short_name.ja),
                    _field("ministry", ministry.short_name.en),
                ]
    for note in (*node.notes, *node.editor_notes):
        fields += [_field("note", note.ja), _field("note", note.en)]
    for label, value in node.details:
        fields += [_field(label.en.lower(), value.ja), _field(label.en.lower(), value.en)]
    for figure in node.figures.values():
        if figure.amount is None:
            continue
        # Both the printed form (1,008億円の内数) and the bare one (1008億円) are findable.
        fields.append(_field("amount", figure_text(figure, Unit.OKU, "ja")))
        fields.append(_field("amount", f"{number(figure.amount, grouping=False)}億円"))
    return fields
