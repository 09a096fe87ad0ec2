"""Corpus consistency: a name spelled one way in some documents and another way in others.

What it does: over all the documents of one run (a folder, a feed), groups the names of every
document as the name-consistency check does (runs of capitalised words compared by their letters
alone, and spellings of one glossary concept), plus one-word names unknown to the word list and the
glossary by their transliteration skeleton ("Pavliuk", "Pavlyuk"), and where documents disagree, reports the spellings
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

from ..glossary.derive import skeleton
from ..model import Category, Edit, Finding, Fix, Layer, Severity
from ._candidates import candidate_tokens
from ._candidates import occurrences as places_of
from ._tally import Tally
from .base import Check, Context, Occurrence, finding_at
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
        """The names this document spells one way only, with where (at most a few places each)."""
        out = []
        groups = dict(spelling_groups(ctx))
        groups.update(_transliteration_groups(ctx))
        for key, occurrences in groups.items():
            spellings = {same(s) for _, _, s in occurrences}
            if len(spellings) > 1:
                continue  # inconsistent within the document: TQ302 reports it
            spelling = occurrences[0][2]
            out.append((key, spelling, tuple(ctx.occurrence(a, b) for a, b, _ in occurrences[:_PER_DOCUMENT])))
        return out

    def start(self) -> object:
        # a row: start, end, line, column, end line, end column of one place of the spelling
        return Tally(width=7, capacity=10_000, keep=_KEEP)

    def add(self, state: object, key: object, collected: object) -> None:
        for name, spelling, places in collected:  # type: ignore[attr-defined]
            state.add((name, same(spelling)), key,  # type: ignore[attr-defined]
                      [(p.start, p.end, p.line, p.column, p.end_line, p.end_column) for p in places], spelling,
                      spelling)

    def merge(self, state: object, other: object) -> object:
        return state.merge(other)  # type: ignore[attr-defined]

    def finish(self, state: object, resources) -> Iterable[tuple[object, Finding]]:
        tally: Tally = state  # type: ignore[assignment]
        groups: dict[str, dict[str, int]] = {}
        # spellings in order of first use (``choose`` keeps the first on a tie), whatever order
        # parallel workers merged them in
        for name, norm in sorted(tally.counts, key=lambda k: tally.first(k)):
            groups.setdefault(name, {})[tally.payload[(name, norm)]] = tally.counts[(name, norm)]  # type: ignore[index]
        lookup = resources.glossary.lookup
        for name, counts in groups.items():
            if len(counts) < 2:
                continue
            chosen, from_glossary = choose(counts, lookup)
            uses = sum(n for s, n in counts.items() if same(s) == same(chosen))
            for spelling in counts:
                if same(spelling) == same(chosen):
                    continue
                message = (f"'{spelling}' is spelled '{chosen}' elsewhere in this corpus"
                           + (f" (in {uses} document{'s' * (uses != 1)})" if uses else " (the glossary's form)"))
                for doc, (a, b, line, col, end_line, end_col), text in tally.rows((name, same(spelling))):
                    at = Occurrence(a, b, line, col, end_line, end_col, text)  # type: ignore[arg-type]
                    yield doc, finding_at(
                        self, at, message, suggestions=(chosen,),
                        fix=Fix((Edit(a, b, chosen),), safe=from_glossary, description="use one spelling"),
                    )


def _transliteration_groups(ctx: Context) -> dict[str, list[tuple[int, int, str]]]:
    """One-word names no word list or glossary knows, keyed by their transliteration skeleton:
    "Pavliuk" in one article and "Pavlyuk" in another are one Ukrainian name (Павлюк) rendered by
    two systems. Within one document such pairs are left alone (the document check does not judge
    them)."""
    raws = [raw for raw, word in candidate_tokens(ctx).items()
            if len(word) >= MIN_NAME and not word.isupper() and "-" not in word]
    if not raws:
        return {}
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, word in places_of(ctx, raws):
        groups.setdefault("skeleton:" + skeleton(word), []).append((start, end, word))
    return groups


MIN_NAME = 5  # shorter names share skeletons by chance

# a name's places kept per document, and places per spelling: bounded memory on a huge feed
_PER_DOCUMENT = 5
_KEEP = 25


CHECK = CorpusConsistency
