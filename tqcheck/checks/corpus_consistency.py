"""Corpus consistency: a name spelled one way in some documents and another way in others.

What it does: over all the documents of one run (a folder, a feed), groups the names of every
document as the name-consistency check does (runs of capitalised words compared by their letters
alone, and spellings of one glossary concept), and where documents disagree, reports the spellings
that are not the chosen one: the glossary's preferred form when the glossary knows the name, else the
spelling used most often across the corpus. A document that is inconsistent within itself is left to
TQ302.

Why: an outlet's archive reads as one voice; "Kim Jong-un" in Monday's story and "Kim Jong Un" in
Tuesday's looks careless, and search and tags split the name in two.

Example: "Al Jazeera" in three articles and "Al-Jazeera" in a fourth. Suggested: "Al Jazeera" in the
fourth.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Category, Document, Edit, Finding, Fix, Layer, Severity
from .base import Check, Context
from .name_consistency import choose, same, spelling_groups


class CorpusConsistency(Check):
    code = "TQ305"
    name = "corpus-consistency"
    severity = Severity.WARNING
    category = Category.INCONSISTENT_TERMINOLOGY
    layer = Layer.STYLE
    scope = "corpus"
    flags = (
        "Kim Jong Un met Putin.\n\fKim Jong Un spoke.\n\fLater Kim Jong-un left.\n",
        "Al Jazeera reported.\n\fAl Jazeera said.\n\fAl-Jazeera asked.\n",
    )
    passes = ("Kim Jong Un met Putin.\n\fKim Jong Un left.\n", "Alfa-Bank grew.\n")

    def collect(self, ctx: Context) -> object:
        return ctx, spelling_groups(ctx)

    def finish(self, collected: list[object]) -> Iterable[tuple[Document, Finding]]:
        counts: dict[str, dict[str, int]] = {}
        where: dict[str, list[tuple[Context, int, int, str]]] = {}
        lookup = None
        for ctx, groups in collected:  # type: ignore[misc]
            lookup = ctx.resources.glossary.lookup
            for key, occurrences in groups.items():
                spellings = {same(s) for _, _, s in occurrences}
                if len(spellings) > 1:
                    continue  # inconsistent within the document: TQ302 reports it
                c = counts.setdefault(key, {})
                for a, b, s in occurrences:
                    c[s] = c.get(s, 0) + 1
                    where.setdefault(key, []).append((ctx, a, b, s))
        for key, c in counts.items():
            if len({same(s) for s in c}) < 2:
                continue
            chosen, from_glossary = choose(c, lookup)
            uses = sum(n for s, n in c.items() if same(s) == same(chosen))
            for ctx, a, b, s in where[key]:
                if same(s) == same(chosen):
                    continue
                yield ctx.document, ctx.finding(
                    self,
                    a,
                    b,
                    f"'{s}' is spelled '{chosen}' elsewhere in this corpus"
                    + (f" ({uses} time{'s' * (uses != 1)})" if uses else " (the glossary's form)"),
                    suggestions=(chosen,),
                    fix=Fix((Edit(a, b, chosen),), safe=from_glossary, description="use one spelling"),
                )


CHECK = CorpusConsistency
