"""The rules every data field follows, once: the YAML loader and the ``programs.csv`` reader both call these.

Each check takes a value already read (a ``str`` or a ``Decimal``) and returns the value the model keeps,
or raises :class:`FieldError` with the message; the reader adds the file, line and field it knows.

- ids: the slug rule, and the ids of the nodes the loader builds itself (``root``, ``totals``,
  ``ministries``) are not available to data;
- a figure's basis, the 新規 rule (no FY2019 figure), amounts (finite, not negative, not ``-0``, at most
  :data:`MAX_INTEGER_DIGITS` digits before the point and :data:`MAX_DECIMALS` after);
- whole numbers (years, line numbers): bounded by their digits *before* any conversion, so
  ``1.0e+100000000`` is refused at once instead of building a hundred-million-digit integer;
- text written in a CSV cell: ASCII digits only (``２０１９``, ``²``, ``+1_0`` are not numbers here);
- dates: ``YYYY-MM-DD`` in ASCII digits and a real calendar day;
- text: control characters (C0, DEL, C1), bidi controls and other invisible format characters are refused
  with the file and line, at load time, so no output path (the explorer, ``check``, messages, every
  export format) ever meets one; a tab is allowed in a source line (the seed's tables), a line break in a
  note. Lengths are bounded (:data:`MAX_NAME_CHARS`, :data:`MAX_TEXT_CHARS`).

:func:`visible` is the one function that makes any text safe for a one-line message.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from tui.core.labels import FIRST_YEAR, LAST_YEAR
from tui.core.model import MAX_DECIMALS, MAX_INTEGER_DIGITS, Basis
from tui.core.visible import _CONTROL_RANGES, _CONTROL_RANGES_BMP, UNSAFE, visible

MAX_ID_CHARS = 200  # the shipped ids have at most 62
ID = re.compile(rf"[a-z0-9][a-z0-9._@-]{{0,{MAX_ID_CHARS - 1}}}\Z")
# Nodes the loader makes itself (the tree's root and the two table sections): an id in the data equal to
# one of them would replace it in the id index.
RESERVED_IDS = frozenset({"root", "totals", "ministries"})
MAX_NAME_CHARS = 1_000  # a name or short label; the shipped longest is 448 (an English name)
MAX_TEXT_CHARS = 10_000  # a note, a source line, a detail text; the shipped longest is 1,123
MAX_TREE_DEPTH = 100  # levels below a section of programs.csv (the YAML files: yamlio.MAX_DEPTH)
YEARS = (FIRST_YEAR, LAST_YEAR)  # a fiscal year the era labels can name (tui.core.labels): 1868 (明治元年)–9999
LINES = (1, 999_999_999)  # a line number of the source document
_WHOLE_DIGITS = 9  # no whole number of the schema has more

_UNSAFE_BUT_TAB = re.compile(f"[\x00-\x08\x0a-\x1f{_CONTROL_RANGES}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_CONTROL_RANGES}]")
# All but the tab and the line ends (LF, CR): what a CSV file as a whole is scanned for at once. Text with no
# character beyond U+FFFF (the usual case) is scanned without the ranges that lie there, whose presence makes
# the regular expression's test of every character about four times slower.
UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_CONTROL_RANGES}]")
UNSAFE_BUT_LAYOUT_BMP = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_CONTROL_RANGES_BMP}]")
WHOLE_TEXT = re.compile(r"[1-9][0-9]{0,8}\Z")  # a positive whole number in a CSV cell, its fast path
_DIGITS = re.compile(r"[0-9]+\Z")
_AMOUNT_TEXT = re.compile(rf"[0-9]{{1,{MAX_INTEGER_DIGITS}}}(?:\.[0-9]{{1,{MAX_DECIMALS}}})?\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC"}
_CONTROL_NAMES |= {0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC", 0x90: "DCS"}


class FieldError(ValueError):
    """A field's value breaks a rule; ``str()`` is the message, without where (the reader knows that)."""


# ---- text ------------------------------------------------------------------------------------------


def character_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def check_text(value: str, *, limit: int = MAX_NAME_CHARS, tab: bool = False, newline: bool = False) -> str:
    """Text from a data file as the model keeps it: refused if it holds a control or invisible character
    (``tab``: a tab is allowed, as in a source line; ``newline``: a line break is, as in a note) or is
    longer than ``limit`` characters."""
    if len(value) > limit:
        raise FieldError(f"too long: {len(value):,} characters (at most {limit:,})")
    pattern = _UNSAFE_BUT_TAB if tab else _UNSAFE_BUT_NEWLINE if newline else UNSAFE
    found = pattern.search(value)
    if found is not None:
        raise FieldError(
            f"{character_name(found.group())} at character {found.start() + 1} is not allowed: control and "
            "invisible characters could take over the terminal or hide text; remove it"
        )
    return value


# ---- ids -------------------------------------------------------------------------------------------


def check_id(ident: str) -> str:
    if len(ident) > MAX_ID_CHARS:
        raise FieldError(f"an id has at most {MAX_ID_CHARS} characters (this one {len(ident):,})")
    if not ID.match(ident):
        raise FieldError(f"{visible(repr(ident))} is not a valid id (lower-case letters, digits, . _ @ -)")
    if ident in RESERVED_IDS:
        raise FieldError(f"{ident!r} is the id of a node budget-tui makes itself ({', '.join(sorted(RESERVED_IDS))})")
    return ident


# ---- figures ---------------------------------------------------------------------------------------


def parse_basis(text: str) -> Basis:
    """A basis as written (empty: ``exact``)."""
    if text == "":
        return Basis.EXACT
    try:
        return Basis(text)
    except ValueError:
        choices = ", ".join(b.value for b in Basis)
        raise FieldError(f"unknown basis {visible(repr(text))} (one of {choices})") from None


def check_new(new: bool, has_fy2019: bool) -> None:
    """新規: a new program has no previous-year figure."""
    if new and has_fy2019:
        raise FieldError("a 新規 (new) program has no FY2019 figure")


def check_amount(value: Decimal, *, signed: bool = False) -> Decimal:
    """An amount or percentage as printed: finite, within the digits a budget figure has, not negative
    (``-0`` included) unless ``signed`` (a change)."""
    if not value.is_finite():
        raise FieldError(f"expected a finite amount, got {value}")
    if value.is_signed() and not signed:
        raise FieldError(f"an amount cannot be negative ({value})")
    integer_digits = value.adjusted() + 1
    decimals = max(0, -int(value.as_tuple().exponent))
    if integer_digits > MAX_INTEGER_DIGITS or decimals > MAX_DECIMALS:
        shown = str(value) if len(str(value)) <= 60 else str(value)[:59] + "…"
        raise FieldError(
            f"{shown} is not a budget figure (at most {MAX_INTEGER_DIGITS} digits before the point "
            f"and {MAX_DECIMALS} after)"
        )
    return value


def parse_amount_text(text: str) -> Decimal:
    """An amount written in a CSV cell: ASCII digits and an optional decimal part, no sign, no separator."""
    if not _AMOUNT_TEXT.match(text):
        problem = (
            "write it without separators"
            if "," in text
            else f"at most {MAX_INTEGER_DIGITS} digits before the point and {MAX_DECIMALS} after, in ASCII digits 0-9"
        )
        raise FieldError(f"expected an amount in 億円 such as 32 or 6.2 ({problem}), got {visible(repr(text[:40]))}")
    return Decimal(text)


# ---- whole numbers and dates -----------------------------------------------------------------------


def whole_number(value: Decimal, bounds: tuple[int, int], what: str) -> int:
    """A whole number read as a Decimal (YAML), bounded before it becomes an int."""
    low, high = bounds
    if not value.is_finite() or value.adjusted() >= _WHOLE_DIGITS or value != value.to_integral_value():
        shown = str(value) if len(str(value)) <= 40 else str(value)[:39] + "…"
        raise FieldError(f"expected a whole number, got {shown} ({what}: from {low} to {high:,})")
    number = int(value)
    if not low <= number <= high:
        raise FieldError(f"expected {what} from {low} to {high:,}, got {number}")
    return number


def parse_whole_text(text: str, bounds: tuple[int, int], what: str) -> int:
    """A whole number written in a CSV cell: ASCII digits only (no sign, no ``_``, no other digits)."""
    if not _DIGITS.match(text) or len(text) > _WHOLE_DIGITS:
        raise FieldError(f"expected {what}, got {visible(repr(text[:40]))} (ASCII digits 0-9 only)")
    return whole_number(Decimal(text), bounds, what)


def parse_date(text: str) -> str:
    """``YYYY-MM-DD`` in ASCII digits, and a day the calendar has."""
    match = _DATE.match(text)
    if match is None:
        raise FieldError(f"expected a date YYYY-MM-DD, got {visible(repr(text[:40]))}")
    try:
        datetime.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise FieldError(f"{text!r} is not a date: {exc}") from None
    return text
