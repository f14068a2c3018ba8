"""The filter's query language, one for the explorer's filter box and for `--filter` on the command line.

A query is terms separated by spaces, all of which must hold (AND). Each term is shown back to the user
in words, so a filter never narrows a table without saying how::

    strategy:ai | strategy:quantum                 the AI or the quantum list
    ministry:経済産業省 | ministry:経産省 | ministry:【経】 | ministry:METI | ministry:"Ministry of Economy"
    agency:NICT | agency:情報通信研究機構 | agency:理研 | agency:RIKEN   (tui.core.agencies)
    is:new | is:supplementary | is:relisted | is:estimate | is:undetermined
    basis:within | basis:exact | basis:estimate | basis:undetermined
    fy2020>=10  fy2019<5  supplementary>0  change<0   (also r2, r1, suppl; =, <, <=, >, >=)
    fy2020>=10億  fy2020>=1000百万円                   in the displayed unit, or with one
    anything else                                     free text, folded as the search folds it

An amount term compares a line's own amounts (exact and 推計額); a 内数 envelope is not the line's amount,
so it compares only when the query also has ``basis:within``. ``change`` is FY2020 − FY2019 of two exact
amounts. A value with spaces goes in quotes. A term that is not understood raises :class:`QueryError`
with one line saying what and why; nothing is filtered silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tui.core.agencies import AGENCIES, Agency, names
from tui.core.fmt import Unit, number
from tui.core.lines import (
    ESTIMATE,
    EXACT,
    NEW,
    RELISTED,
    SUPPLEMENTARY_FLAG,
    UNDETERMINED,
    WITHIN,
    LineIndex,
)
from tui.core.model import Dataset, Text
from tui.core.search import fold_text, ministry_names


class QueryError(ValueError):
    """A query that is not understood; ``str()`` is the one-line message for the user."""


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as typed
    label: Text  # what it means, shown back to the user
    key: str  # canonical form: the cache key of its matches
    select: Callable[[LineIndex], int]  # the matching lines, a bitmap (bit i: line i)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    def describe(self, lang: str) -> str:
        """The active terms in words, joined by ' · ': 「府省: 経済産業省 · 新規」."""
        return " · ".join(t.label.ja if lang == "ja" else t.label.en for t in self.terms)

    def bits(self, index: LineIndex) -> int:
        """The matching lines as a bitmap, bit i for line i (every line for an empty query)."""
        result = index.all_bits
        for term in self.terms:
            found = index.term_cache.get(term.key)
            if found is None:
                found = index.term_cache[term.key] = term.select(index)
            result &= found
        return result

    def positions(self, index: LineIndex) -> list[int]:
        """The matching lines' positions in list order (every line for an empty query)."""
        return index.positions_in(self.bits(index))


_FLAGS = {
    "new": (NEW, Text("新規", "new")),
    "supplementary": (SUPPLEMENTARY_FLAG, Text("補正あり", "has a supplementary budget")),
    "relisted": (RELISTED, Text("再掲", "re-listed")),
    "estimate": (ESTIMATE, Text("推計額あり", "has an estimate")),
    "undetermined": (UNDETERMINED, Text("未定あり", "has an undetermined figure")),
}
_FLAG_ALIASES = {
    "new": "new",
    "新規": "new",
    "supplementary": "supplementary",
    "suppl": "supplementary",
    "補正": "supplementary",
    "relisted": "relisted",
    "再掲": "relisted",
    "estimate": "estimate",
    "推計": "estimate",
    "推計額": "estimate",
    "undetermined": "undetermined",
    "未定": "undetermined",
}
_BASES = {
    "within": (WITHIN, Text("内数あり", "has a 内数 (within) figure")),
    "exact": (EXACT, Text("額あり (内数でない)", "has an exact amount")),
    "estimate": (ESTIMATE, Text("推計額あり", "has an estimate")),
    "undetermined": (UNDETERMINED, Text("未定あり", "has an undetermined figure")),
}
_BASIS_ALIASES = {
    "within": "within",
    "内数": "within",
    "exact": "exact",
    "estimate": "estimate",
    "推計額": "estimate",
    "undetermined": "undetermined",
    "未定": "undetermined",
}
_STRATEGIES = {
    "ai": "ai",
    "ai戦略": "ai",
    "ai戦略2019": "ai",
    "quantum": "quantum",
    "量子": "quantum",
    "量子技術": "quantum",
    "量子技術イノベーション戦略": "quantum",
    "bulk": "bulk",
}
_STRATEGY_LABELS = {
    "ai": Text("AI戦略", "AI strategy"),
    "quantum": Text("量子技術", "quantum strategy"),
    "bulk": Text("一括データ", "bulk lines"),
}
_AMOUNT_KEYS = {
    "fy2020": "fy2020",
    "r2": "fy2020",
    "fy2019": "fy2019",
    "r1": "fy2019",
    "supplementary": "supplementary",
    "suppl": "supplementary",
    "補正": "supplementary",
    "change": "change",
    "増減": "change",
}
_AMOUNT_LABELS = {
    "fy2020": Text("R2当初", "FY2020"),
    "fy2019": Text("R1当初", "FY2019"),
    "supplementary": Text("補正", "suppl."),
    "change": Text("増減", "change"),
}
_UNITS = {"億円": Unit.OKU, "億": Unit.OKU, "百万円": Unit.MILLION, "百万": Unit.MILLION, "円": Unit.YEN}
_AMOUNT = re.compile(r"(?P<key>[^<>=!]+?)(?P<op>>=|<=|==|=|<|>)(?P<value>[^<>=]*)\Z")
_OPS = {"==": "=", "=": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_OP_SIGNS = {"=": "=", "<": "<", "<=": "≤", ">": ">", ">=": "≥"}
_FIELDS = ("strategy", "ministry", "agency", "is", "basis")


def parse(text: str, dataset: Dataset, unit: Unit = Unit.OKU) -> Query:
    """Parse ``text`` into terms; raise :class:`QueryError` at the first term not understood."""
    tokens = _tokens(text)
    has_within = any(_field_value(t) == ("basis", "within") or _field_value(t) == ("basis", "内数") for t in tokens)
    terms = tuple(_term(token, dataset, unit, has_within) for token in tokens)
    return Query(text, terms)


def _tokens(text: str) -> list[str]:
    """Split on spaces outside double quotes; quotes are dropped (ministry:"Ministry of Economy")."""
    text = unicodedata.normalize("NFKC", text).replace("≥", ">=").replace("≤", "<=")
    tokens: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char.isspace() and not quoted:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(char)
    if quoted:
        raise QueryError('an opening " has no closing "')
    if current:
        tokens.append("".join(current))
    return tokens


def _field_value(token: str) -> tuple[str, str] | None:
    field, sep, value = token.partition(":")
    if sep and field.casefold() in _FIELDS:
        return field.casefold(), value.casefold()
    return None


def _term(token: str, dataset: Dataset, unit: Unit, has_within: bool) -> Term:
    pair = _field_value(token)
    if pair is not None:
        field, value = pair
        if not value:
            raise QueryError(f"{token}: give a value after '{field}:'")
        if field == "strategy":
            return _strategy_term(token, value)
        if field == "ministry":
            return _ministry_term(token, value, dataset)
        if field == "agency":
            return _agency_term(token, value)
        if field == "is":
            return _flag_term(token, value, _FLAG_ALIASES, _FLAGS, "is")
        return _flag_term(token, value, _BASIS_ALIASES, _BASES, "basis")
    match = _AMOUNT.match(token)
    if match is not None:
        return _amount_term(token, match, unit, has_within)
    if token.casefold() in _AMOUNT_KEYS:
        raise QueryError(f"{token}: an amount needs a comparison (e.g. {token}>=10)")
    if any(char in token for char in "<>="):
        raise QueryError(f"{token}: not a comparison (write e.g. fy2020>=10, fy2019<5, change<0)")
    if ":" in token and token.split(":", 1)[0].isascii() and token.split(":", 1)[0].isalpha():
        field = token.split(":", 1)[0]
        raise QueryError(f"{token}: unknown field '{field}:' (fields: {', '.join(f + ':' for f in _FIELDS)})")
    folded = fold_text(token)
    return Term(
        token,
        Text(f"「{token}」を含む", f"contains “{token}”"),
        "text:" + folded,
        lambda index: index.text_matches(folded),
    )


def _strategy_term(token: str, value: str) -> Term:
    strategy = _STRATEGIES.get(value)
    if strategy is None:
        raise QueryError(f"{token}: no strategy '{value}' (strategy:ai or strategy:quantum)")
    label = _STRATEGY_LABELS[strategy]
    return Term(
        token,
        Text(f"戦略: {label.ja}", f"strategy: {label.en}"),
        "strategy:" + strategy,
        lambda index: index.value_bits("strategy", strategy),
    )


def _match_names(value: str, candidates: list[tuple[str, list[str]]]) -> list[str]:
    """Candidates one of whose names is ``value`` (folded), else those one of whose names starts with it."""
    wanted = fold_text(value.strip("【】[]").rstrip("…").removesuffix("...").strip())
    exact = [key for key, texts in candidates if any(fold_text(t).strip("【】") == wanted for t in texts)]
    if exact or not wanted:
        return exact
    return [key for key, texts in candidates if any(fold_text(t).startswith(wanted) for t in texts)]


def _ministry_term(token: str, value: str, dataset: Dataset) -> Term:
    candidates = [(m.name.ja, ministry_names(dataset, m.name.ja)) for m in dataset.ministries]
    found = _match_names(token.split(":", 1)[1], candidates)
    if not found:
        wanted = token.split(":", 1)[1]
        raise QueryError(f"{token}: no ministry called '{wanted}' (e.g. 経済産業省, 経産省, 【経】, METI)")
    if len(found) > 1:
        raise QueryError(
            f"{token}: '{token.split(':', 1)[1]}' fits {len(found)} ministries ({', '.join(found[:4])}…); "
            "write more of the name"
        )
    name = found[0]
    ministry = dataset.ministry_by_name(name)
    en = ministry.name.en if ministry is not None else name
    return Term(
        token,
        Text(f"府省: {name}", f"ministry: {en}"),
        "ministry:" + name,
        lambda index: index.value_bits("ministry", name),
    )


def _agency_term(token: str, value: str) -> Term:
    candidates = [(a.key, list(names(a))) for a in AGENCIES]
    found = _match_names(token.split(":", 1)[1], candidates)
    known = ", ".join(a.key for a in AGENCIES)
    if not found:
        raise QueryError(f"{token}: no agency called '{token.split(':', 1)[1]}' (known: {known})")
    if len(found) > 1:
        raise QueryError(
            f"{token}: '{token.split(':', 1)[1]}' fits {len(found)} agencies ({', '.join(found)}); "
            "write more of the name"
        )
    agency: Agency = next(a for a in AGENCIES if a.key == found[0])
    return Term(
        token,
        Text(f"機関: {agency.key} ({agency.name.ja})", f"agency: {agency.key} ({agency.name.en})"),
        "agency:" + agency.key,
        lambda index: index.value_bits("agency", agency.key),
    )


def _flag_term(token: str, value: str, aliases: dict[str, str], flags: dict[str, tuple[int, Text]], field: str) -> Term:
    name = aliases.get(value)
    if name is None:
        raise QueryError(f"{token}: '{field}:' takes {', '.join(field + ':' + k for k in flags)}")
    flag, label = flags[name]
    return Term(token, label, f"{field}:{name}", lambda index: index.with_flag(flag))


def _amount_term(token: str, match: re.Match[str], unit: Unit, has_within: bool) -> Term:
    key_text = match["key"].strip().casefold()
    key = _AMOUNT_KEYS.get(key_text)
    if key is None:
        raise QueryError(f"{token}: '{match['key']}' is not an amount (fy2020, fy2019, supplementary, change)")
    value_text = match["value"].strip().replace(",", "")
    value_unit = unit
    for suffix, suffix_unit in _UNITS.items():
        if value_text.endswith(suffix):
            value_text, value_unit = value_text.removesuffix(suffix).strip(), suffix_unit
            break
    try:
        value = Decimal(value_text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value_text or not value.is_finite() or not re.fullmatch(r"[-+]?[0-9]*\.?[0-9]+", value_text):
        raise QueryError(f"{token}: '{match['value']}' is not an amount (write e.g. {match['key']}>=10 or >=10億)")
    op = _OPS[match["op"]]
    oku = value / value_unit.factor
    label = _AMOUNT_LABELS[key]
    shown = f"{number(value)}{value_unit.label.ja}", f"{number(value)} {value_unit.label.en}"
    envelopes = has_within and key != "change"
    note = (" (内数を含む)", " (内数 included)") if envelopes else ("", "")
    sign = _OP_SIGNS[op]
    return Term(
        token,
        Text(f"{label.ja} {sign} {shown[0]}{note[0]}", f"{label.en} {sign} {shown[1]}{note[1]}"),
        f"amount:{key}{op}{oku}:{envelopes}",
        lambda index: index.compare(key, op, oku, envelopes),
    )
