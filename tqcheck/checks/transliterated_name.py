"""Transliterated name: a Latin token that renders a glossary entry's Cyrillic form letter by letter.

What it does: finds acronyms and capitalised words that are a transliteration of a source-language
form of a glossary entry, under the Ukrainian national system (KMU 2010), ISO 9-style DSTU 9112,
Russian GOST 7.79 and BGN/PCGN, or letter by letter, even when the glossary does not list that wrong
form, and suggests the entry's English name. An acronym whose Cyrillic letters look like Latin ones is
also seen through when the glossary lists its Cyrillic spelling: "AR" is АР transliterated, and АР is
how a source text writes AP (see ``glossary/derive.py``). Two-letter
tokens are reported only through such look-alikes (a bare two-letter transliteration is too often
a real abbreviation). Tokens the glossary lists (as right or wrong) are left to TQ301.

Why: machine translation turns names it does not know into transliterations: ЦТАК (KCNA) becomes
"CTAK", ЗСУ (AFU) "ZSU"; no glossary can list every such rendering of every name.

Example: "the news agency CTAK" with only ЦТАК in the glossary. Suggested: "KCNA".
"""

from __future__ import annotations

from ..glossary.derive import describe
from ..model import Category, Edit, Fix, Layer, Severity
from ._candidates import candidate_tokens, occurrences
from .base import Check, Context


class TransliteratedName(Check):
    code = "TQ303"
    name = "transliterated-name"
    severity = Severity.ERROR
    category = Category.TERMINOLOGY
    layer = Layer.WORD
    masks = frozenset({Layer.STYLE})
    flags = ("The TSRU said it had no comment.", "A statement of the TSVK said so.", "The BRIKS summit opened.")
    passes = ("The news agency KCNA published it.", "The MFA said so.", "The AR-15 rifle.", "Moscow and Kyiv.")

    def run(self, ctx: Context):
        index = ctx.resources.transliteration_index
        hits = {}
        for raw, token in candidate_tokens(ctx).items():
            hit = index.lookup(token)
            if hit is not None and len(token) < 3 and not hit.lookalike:
                hit = None
            if hit is not None:
                hits[raw] = hit
        by_token = {candidate_tokens(ctx)[raw]: hit for raw, hit in hits.items()}
        for start, end, token in occurrences(ctx, hits):
            hit = by_token[token]
            preferred = hit.entry.preferred
            how = (f"'{hit.source}' (how a Cyrillic text writes {preferred}) transliterated"
                   if hit.lookalike else f"'{hit.source}' transliterated ({describe(hit.systems)})")
            yield ctx.finding(
                self,
                start,
                end,
                f"'{token}' is {how}: the English name is '{preferred}'",
                suggestions=(preferred,),
                fix=Fix((Edit(start, end, preferred),), safe=False, description="use the glossary form"),
            )


CHECK = TransliteratedName
