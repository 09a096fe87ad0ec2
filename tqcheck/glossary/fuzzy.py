"""Near-miss names: a word that is almost a glossary name ("Zelenskiy" for Zelenskyy), by rapidfuzz.

Choices are the one-word English forms of people, places and organisations, and the surnames of
multi-word person forms, grouped by first letter: a misspelt name rarely gets its first letter wrong,
and the grouping keeps each lookup to a few dozen comparisons however large the glossary.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Entry, Glossary

KINDS = ("person", "place", "organisation")
MIN_LENGTH = 5
# rapidfuzz ratio (0-100); 85 takes one wrong or missing letter in a name of 7 or more letters
# ("Zelenskiy"/"Zelenskyy" 89, "Kulebba"/"Kuleba" 92) and leaves "Zelenska"/"Zelenskyy" (82) alone.
THRESHOLD = 85.0


@dataclass(frozen=True)
class NearMiss:
    entry: Entry
    form: str
    score: float


def _derived(token: str, name: str) -> bool:
    """A word made from the name, not a misspelling of it: "Moldovan" (Moldova), "Brovarsky"
    (Brovary), "Kyivan"; or the name cut short by a letter, as a real word may be ("Romani")."""
    if token.startswith(name) or name.startswith(token):
        return True
    stem = name[:-1]
    return token.startswith(stem) and token[len(stem):] in _SUFFIXES


# adjective and demonym endings that replace a name's last letter: Brovar-y → Brovar-sky
_SUFFIXES = frozenset("sky skyi ska ske skaya skiy sk ian an ans ese i ite ites ic ics".split())


class NearMissIndex:
    def __init__(self, glossary: Glossary, threshold: float = THRESHOLD) -> None:
        self._glossary = glossary
        self._groups = glossary.compiled.near  # first letter -> (names, rows), built when compiling
        self._threshold = threshold

    def lookup(self, token: str) -> NearMiss | None:
        if len(token) < MIN_LENGTH:
            return None
        group = self._groups.get(token[0].casefold())
        if group is None:
            return None
        from rapidfuzz import fuzz, process

        names, rows = group
        best = process.extractOne(token, names, scorer=fuzz.ratio, score_cutoff=self._threshold)
        if best is None:
            return None
        name, score, i = best
        if name == token or abs(len(name) - len(token)) > 2 or _derived(token, name):
            return None
        return NearMiss(self._glossary.entry(rows[i]), name, score)
