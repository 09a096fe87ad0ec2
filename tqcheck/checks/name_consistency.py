"""Name consistency: one name spelled two ways in one document.

What it does: groups the runs of capitalised words of a document ("Kim Jong Un", "Kim Jong-un") by
their letters alone, lowercased, so that spellings differing only in spaces, hyphens or apostrophes
meet; where a group has more than one spelling, it reports every occurrence of the spellings that are
not the chosen one. The chosen spelling is the glossary's preferred form when the glossary knows one
of them, else the first used. Runs of a single word, and differences of case alone (headlines), are
left alone.

Why: a translation engine translates sentence by sentence and may spell a name differently each time;
readers take two spellings for two people.

Example: "Kim Jong Un" in the caption and "Kim Jong-un" later. Suggested: "Kim Jong Un".
"""

from __future__ import annotations

import bisect
import re

from ..model import Category, Edit, Fix, Layer, Severity
from ._patterns import CAPITALISED_WORD, HYPHENATED_NAME, NAME_RUN, POSSESSIVE
from .base import Check, Context

_NOT_ALNUM = re.compile(r"[\W_]+")


class NameConsistency(Check):
    code = "TQ302"
    name = "name-consistency"
    severity = Severity.WARNING
    category = Category.INCONSISTENT_TERMINOLOGY
    layer = Layer.STYLE
    flags = ("Kim Jong Un met Putin. Later Kim Jong-un left.\n",)
    passes = ("Kim Jong Un met Putin. Later Kim Jong Un left.\n", "KIM JONG UN VISITS RUSSIA\n\nKim Jong Un met Putin.\n")

    def run(self, ctx: Context):
        text = ctx.text
        vocab = ctx.resources.vocabulary
        common = vocab.common if vocab is not None else frozenset()
        sentence_starts = ctx.sentence_starts
        groups: dict[str, list[tuple[int, int, str]]] = {}
        spans: list[tuple[int, int]] = []
        for m in NAME_RUN.finditer(text):
            start, end = m.span()
            if start in sentence_starts:
                first = CAPITALISED_WORD.match(text, start)
                if first is not None and first.group().lower() in common:
                    # "Later Kim Jong-un": the sentence's first word is not part of the name
                    start = CAPITALISED_WORD.search(text, first.end(), end).start()  # type: ignore[union-attr]
            spans.append((start, end))
        taken = [s for s, _ in spans]
        for m in HYPHENATED_NAME.finditer(text):
            i = bisect.bisect_right(taken, m.start()) - 1
            if i < 0 or spans[i][1] <= m.start():
                spans.append(m.span())
        for start, end in sorted(spans):
            surface = POSSESSIVE.sub("", text[start:end])
            end = start + len(surface)
            if " " not in surface and "-" not in surface and "\t" not in surface:
                continue
            key = _NOT_ALNUM.sub("", surface.casefold())
            groups.setdefault(key, []).append((start, end, surface))
        lookup = ctx.resources.glossary.lookup
        for occurrences in groups.values():
            spellings: list[str] = []
            for _, _, s in occurrences:
                if s not in spellings:
                    spellings.append(s)
            if len({s.casefold() for s in spellings}) < 2:
                continue
            chosen, from_glossary = spellings[0], False
            for s in spellings:
                hit = lookup(s)
                if hit is not None:
                    chosen, from_glossary = hit.entry.preferred, True
                    break
            first_line = next(
                (ctx.document.position(a).line for a, _, s in occurrences if s == chosen), None
            )
            where = f" (line {first_line})" if first_line else " (the glossary's form)"
            for a, b, s in occurrences:
                if s == chosen or s.casefold() == chosen.casefold():
                    continue
                yield ctx.finding(
                    self,
                    a,
                    b,
                    f"'{s}' is also spelled '{chosen}' in this document{where}",
                    suggestions=(chosen,),
                    fix=Fix((Edit(a, b, chosen),), safe=from_glossary, description="use one spelling"),
                )


CHECK = NameConsistency
