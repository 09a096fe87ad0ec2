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

from ..model import Category, Edit, Fix, Layer, Severity
from ._names import name_runs, tokens
from ._patterns import POSSESSIVE as _POSSESSIVE
from .base import Check, Context


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
        groups: dict[str, list[tuple[int, int, str]]] = {}
        for sent in ctx.sentences:
            for run in name_runs(text, tokens(text, sent.start, sent.end)):
                if run[0].start == sent.start and len(run) > 1 and run[0].text.lower() in common:
                    run = run[1:]  # "Later Kim Jong-un": the sentence's first word is not part of the name
                start, end = run[0].start, run[-1].end
                surface = _POSSESSIVE.sub("", text[start:end])
                end = start + len(surface)
                if len(run) < 2 and "-" not in surface:
                    continue
                key = "".join(ch for ch in surface.casefold() if ch.isalnum())
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
