"""Finding glossary forms in text with an Aho-Corasick automaton (pyahocorasick).

Why an automaton: one pass over the text finds every form whatever the size of the glossary (about
20 MB/s with 100,000 forms), where one big regular-expression alternation in ``re`` runs at 0.3 MB/s
with 5,000. Matches are then kept only on word boundaries (an English possessive or plural after the form
is a boundary: "KCNA's", "CTAKs"), leftmost-longest and without overlap ("Kim Jong Un" wins over "Kim"). Entries
marked case-insensitive are matched in a lowercased copy of the text. Forms with regex-special
characters need no escaping: nothing here is a regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .model import Entry, Glossary, Hit

_SPACE = re.compile(r"\s+")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True)
class Match:
    start: int
    end: int  # without the possessive
    form: str
    hit: Hit


def forbidden_finder(entries: Sequence[Entry]):
    """A test: does this form contain some forbidden form of these entries?"""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for entry in entries:
        for form, _ in entry.forbidden:
            auto.add_word(form.lower(), True)
    if not len(auto):
        return lambda form: False
    auto.make_automaton()
    return lambda form: next(auto.iter(form.lower()), None) is not None


def spelling_variants(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The forms that share a skeleton with another form spelled differently."""
    if len(forms) < 2:
        return ()
    from .derive import skeleton

    def plain(f: str) -> str:
        return f.replace("’", "'").replace(".", "").casefold()

    keys = [skeleton(f).replace(" ", "") for f in forms]
    return tuple(
        f for i, f in enumerate(forms)
        if any(keys[j] == keys[i] and plain(forms[j]) != plain(f) for j in range(len(forms)) if j != i)
    )


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class FormMatcher:
    def __init__(self, glossary: Glossary, *, mode: str = "all") -> None:
        """``mode``: ``all`` forms; ``forbidden`` forms only (and the accepted forms that contain one,
        which must still win as longer matches), the common case of checking a text, where matching
        every "US" and "Kyiv" only to ignore it would cost most of the time; ``variants``: accepted
        forms that spell one name two ways ("Zelensky", "Zelenskyy": one skeleton), which is what
        a consistency check compares; an acronym and its expansion are both right and left out.
        The forbidden and variant forms come ready from the compiled glossary."""
        import ahocorasick

        self.glossary = glossary
        if mode == "forbidden":
            forms: Iterable[tuple[str, bool]] = glossary.compiled.forbidden_forms
        elif mode == "variants":
            forms = glossary.compiled.variant_forms
        else:
            forms = ((f, e.case_sensitive) for e in glossary.entries
                     for f in (*e.target_forms, *(f for f, _ in e.forbidden)))
        exact = ahocorasick.Automaton()
        folded = ahocorasick.Automaton()
        for form, case_sensitive in forms:
            form = form.strip()
            if "  " in form or "\t" in form or "\n" in form:
                form = _SPACE.sub(" ", form)
            if not form:
                continue
            if case_sensitive:
                exact.add_word(form, form)
            else:
                folded.add_word(form.lower(), form)
        self._automata = [(a, a is folded) for a in (exact, folded) if len(a)]
        for automaton, _ in self._automata:
            automaton.make_automaton()

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        end = len(text) if end is None else end
        candidates: list[tuple[int, int, str]] = []
        for automaton, lowered in self._automata:
            haystack = text
            if lowered:
                haystack = text.lower()
                if len(haystack) != len(text):  # a letter whose lowercase is longer ("İ"): offsets shift
                    continue
            candidates.extend(self._bounded(automaton, haystack, text, start, end))
        if len(self._automata) > 1:
            candidates.sort()
        lookup = self.glossary.lookup
        last_end = -1
        i = 0
        n = len(candidates)
        while i < n:
            s, e, form = candidates[i]
            # among candidates starting at s, the longest; skip any overlapping a match already taken
            j = i
            while j + 1 < n and candidates[j + 1][0] == s:
                j += 1
                if candidates[j][1] > e:
                    e, form = candidates[j][1], candidates[j][2]
            i = j + 1
            if s < last_end:
                continue
            hit = lookup(form)
            if hit is not None:
                last_end = e
                yield Match(s, e, text[s:e], hit)

    def _bounded(self, automaton, haystack: str, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Automaton matches on word boundaries, sorted by start (then length)."""
        out = []
        for last, form in automaton.iter(haystack, start, end):
            e = last + 1
            s = e - len(form)
            if s > 0 and _is_word(text[s - 1]) and _is_word(text[s]):
                continue
            if e < len(text) and _is_word(text[e]) and _is_word(text[e - 1]):
                # an English plural is a boundary: "KCNAs", "oblasts"; the match stops before it
                plural = 1 if text[e] == "s" else 2 if text[e : e + 2] == "es" else 0
                if not plural or (e + plural < len(text) and _is_word(text[e + plural])):
                    continue
            if e < len(text) and text[e] in "'’-" and e + 1 < len(text) and _is_word(text[e + 1]):
                # "Kiev-based" and "Kiev's" match; a model number does not: "AR-15", "ZSU-23-4"
                if text[e] == "-" and text[e + 1].isdigit():
                    continue
                if text[e] != "-" and text[e : e + 2] not in _POSSESSIVE:
                    continue
            out.append((s, e, form))
        out.sort(key=lambda c: (c[0], -c[1]))
        return out
