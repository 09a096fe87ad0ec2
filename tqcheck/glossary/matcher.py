"""Finding glossary forms in text, token by token.

Forms are matched on word boundaries (whole tokens), longest first, with an English possessive ("KCNA's")
tolerated on the last token. Only tokens that begin some form are looked at further, so the cost per
token is one set lookup whatever the size of the glossary.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from itertools import islice
from dataclasses import dataclass

from ..checks._patterns import WORD
from .model import Glossary, Hit

_SPACE = re.compile(r"\s+")
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Match:
    start: int
    end: int  # without the possessive
    form: str
    hit: Hit


class FormMatcher:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        longest: dict[str, int] = {}
        for form in glossary.forms():
            tokens = WORD.findall(form)
            if not tokens:
                continue
            for first in {tokens[0], tokens[0].casefold()}:
                longest[first] = max(longest.get(first, 0), len(tokens))
        self._longest = longest

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Matches, left to right; tokens are read lazily with a look-ahead of the longest form, so
        memory does not grow with the text."""
        tokens = (m.span() for m in WORD.finditer(text, start, len(text) if end is None else end))
        longest = self._longest
        window = max(longest.values(), default=1)
        buf: deque[tuple[int, int]] = deque(islice(tokens, window))
        lookup = self.glossary.lookup
        while buf:
            s, e = buf[0]
            base = _strip_possessive(text[s:e])
            width = longest.get(base) or longest.get(base.casefold())
            found = None
            for k in range(min(width or 0, len(buf)), 0, -1):
                last_e = buf[k - 1][1]
                if "\n" in text[s : buf[k - 1][0]]:
                    continue
                surface = text[s:last_e]
                stripped = _strip_possessive(surface)
                for cand in (surface, stripped) if stripped != surface else (surface,):
                    form = _SPACE.sub(" ", cand)
                    hit = lookup(form)
                    if hit is not None:
                        found = Match(s, s + len(cand), form, hit), k
                        break
                if found:
                    break
            step = found[1] if found else 1
            if found:
                yield found[0]
            for _ in range(step):
                buf.popleft()
            buf.extend(islice(tokens, window - len(buf)))


def _strip_possessive(token: str) -> str:
    for suffix in _POSSESSIVE:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    return token
