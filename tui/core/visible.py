"""Which characters of data or user text are unsafe to print, and :func:`visible`, which shows them as escapes.

Its own small module (no YAML, no loader): every error message goes through it, and the explorer's warm
start, which reads the parsed-data cache, must not import the loaders to print one.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "visible"]

# Every character of the categories Cc (C0, DEL, C1), Cf (format: bidi controls, zero-width characters,
# soft hyphen, BOM, tags...), Zl and Zp (line and paragraph separators), as of Unicode 15; a test checks
# the set against unicodedata. Spelled out, not built from unicodedata, to keep start-up quick.
_CONTROL_RANGES_BMP = (  # after C0, up to U+FFFF
    "\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
# Beyond U+FFFF, apart: a scan of text known to hold no such character can leave them out (fields.py).
_CONTROL_RANGES_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_CONTROL_RANGES = _CONTROL_RANGES_BMP + _CONTROL_RANGES_ASTRAL
UNSAFE = re.compile(f"[\x00-\x1f{_CONTROL_RANGES}]")


def visible(text: str) -> str:
    """``text`` on one line with every control or invisible character as an escape (``\\x1b``,
    ``\\u202e``, ``\\n``): what a message may print of anything a user or a data file wrote."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)
