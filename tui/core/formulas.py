"""The one rule that keeps a data file from running formulas in a spreadsheet (CSV/formula injection).

Excel and LibreOffice read a text cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``, ``@SUM(1+1)``, ``-2+3``), and some also after a leading tab
or carriage return. A name or note in someone else's ``programs.csv`` must never do that on the machine
of the person who opens our export. The rule, used by every export format:

- **Text cells only.** Numbers (amounts, changes, percentages, depths) are written as numbers by every
  format, so a negative change such as ``-652`` stays a number: it is never text and never touched.
- **CSV, TSV, Markdown, the data package's CSVs:** a text cell starting with one of
  :data:`TRIGGERS` gets a leading apostrophe (``'=HYPERLINK(…)``), the OWASP recommendation. Excel and
  LibreOffice then show the text and never evaluate it; a script sees the apostrophe and can strip it
  (:func:`restore`). The cell is otherwise written exactly as it was.
- **xlsx:** text is written as a string cell (``t="s"``/inline string), never as a formula; a string
  cell is not evaluated, whatever it starts with, so the text stays exactly as it was (no apostrophe).
- **JSON** is not a spreadsheet format: strings stay exactly as in the data.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(TRIGGERS)


def defuse(text: str) -> str:
    """``text`` as it is safe to put in a CSV/TSV/Markdown text cell: an apostrophe before a formula
    trigger, otherwise unchanged. Text that already starts with apostrophes before a trigger gets one
    more, so that :func:`restore` gives back exactly the data's text."""
    return QUOTE + text if text.lstrip(QUOTE).startswith(TRIGGERS) else text


def restore(text: str) -> str:
    """The inverse of :func:`defuse` (for readers of our CSV that want the data's own text back)."""
    if text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(TRIGGERS):
        return text[1:]
    return text
