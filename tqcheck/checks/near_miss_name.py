"""Near-miss name: a word spelled almost like a name in the glossary ("Zelenksyy" for Zelenskyy).

What it does: compares capitalised words that neither the glossary nor the English word list knows
with the one-word names (and surnames) of the glossary's people, places and organisations, using
rapidfuzz's edit-distance ratio; a word at 85% or more from a name, with the same first letter and at
most two letters more or fewer, is reported with the name and the similarity. Words that TQ303 sees
as a transliteration are left to it.

Why: a misspelt name is a wrong name; a reader takes two spellings for two people. (Spellings that a
transliteration system produces, such as "Zelenskiy", are TQ303's and say which system.)

Example: "President Zelenksyy said". Suggested: "Zelenskyy" (similarity 89%).
"""

from __future__ import annotations

from ..model import Category, Edit, Fix, Layer, Severity
from ._candidates import candidate_tokens, occurrences
from .base import Check, Context


class NearMissName(Check):
    code = "TQ304"
    name = "near-miss-name"
    severity = Severity.WARNING
    category = Category.TERMINOLOGY
    layer = Layer.WORD
    masks = frozenset({Layer.STYLE})
    flags = ("President Zelenksyy said so.", "Foreign minister Kulebba spoke.")
    passes = ("President Zelenskyy said so.", "Olena Zelenska spoke.", "Austria and Australia agreed.")

    def run(self, ctx: Context):
        index = ctx.resources.near_miss_index
        translit = ctx.resources.transliteration_index
        hits = {}
        for raw, token in candidate_tokens(ctx).items():
            if token.isupper():
                continue
            hit = index.lookup(token)
            if hit is not None and translit.lookup(token) is None:
                hits[raw] = hit
        by_token = {candidate_tokens(ctx)[raw]: hit for raw, hit in hits.items()}
        for start, end, token in occurrences(ctx, hits):
            hit = by_token[token]
            preferred = hit.entry.preferred
            what = preferred if hit.form == preferred else f"{hit.form}, of '{preferred}'"
            yield ctx.finding(
                self,
                start,
                end,
                f"'{token}' looks like a misspelling of '{what}' (similarity {hit.score:.0f}%)",
                suggestions=(hit.form,),
                fix=Fix((Edit(start, end, hit.form),), safe=False, description="use the glossary spelling"),
            )


CHECK = NearMissName
