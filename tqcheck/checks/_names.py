"""Context tests around capitalised words, for the capitalisation check."""

from __future__ import annotations

import re
import unicodedata

CONNECTORS = frozenset("of the for and or de da del der di du von van la le al el on in at to upon".split())
# after these English capitalises (or the splitter may have missed a sentence end: "World War I. This")
_OPEN = frozenset(":;\"“‘'(«[—–-•*#>/@|.!?…")
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»|‘[^’\n]*’")


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text, start, end)]


def after_opener(text: str, pos: int, floor: int) -> bool:
    """True when the first non-space character before ``pos`` opens a new unit (a colon, a quote,
    a bracket, a dash, a bullet), after which English capitalises."""
    i = pos - 1
    while i >= floor and text[i] in " \t\u00a0":
        i -= 1
    if i < floor or text[i] in _OPEN:
        return True
    ch = text[i]
    if ch == ")":  # a smiley bracket ends a sentence in chat text: "it rains) When there is no rain"
        return "(" not in text[floor:i]
    # an emoji or other symbol standing where a full stop would: "everything will be fine🙏 Have some rest"
    return unicodedata.category(ch) in ("So", "Sk") or "\U0001f000" <= ch
