"""Capitalised-word runs (candidate names), shared by the consistency and capitalisation checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._patterns import WORD

CONNECTORS = frozenset("of the for and de da del der di du von van la le al el on in at to upon".split())
# after these English capitalises (or the splitter may have missed a sentence end: "World War I. This")
_OPEN = frozenset(":;\"“‘'(«[—–-•*#>/@|.!?…")
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»|‘[^’\n]*’")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text, start, end)]


def after_opener(text: str, pos: int, floor: int) -> bool:
    """True when the first non-space character before ``pos`` opens a new unit (a colon, a quote,
    a bracket, a dash, a bullet), after which English capitalises."""
    i = pos - 1
    while i >= floor and text[i] in " \t\u00a0":
        i -= 1
    return i < floor or text[i] in _OPEN


def name_runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised tokens separated by spaces only ("Kim Jong Un", "Kim Jong-un")."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in toks:
        if t.capitalised:
            if cur and text[cur[-1].end : t.start].strip(" \t\u00a0"):
                runs.append(cur)
                cur = []
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs
