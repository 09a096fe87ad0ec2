"""Glossary term: a name or term written in a form the glossary forbids.

What it does: finds the forbidden forms of glossary entries (the default news glossary, plus
``--glossary FILE``) on word boundaries, longest first, possessives included ("CTAK's"), and suggests
the entry's preferred form.

Why: machine translation renders names from Cyrillic letter by letter: ЦТАК becomes "CTAK" instead of
KCNA, АР (Cyrillic) "AR" instead of AP, ЗСУ "ZSU" instead of AFU, Київ the Russian-based "Kiev".
English-language media write these names one way; any other way is an error a reader notices.

Example: "the North Korean news agency CTAK". Fix: "KCNA".
"""

from __future__ import annotations

from ..model import Category, Edit, Fix, Layer, Severity
from .base import Check, Context


class GlossaryTerm(Check):
    code = "TQ301"
    name = "glossary-term"
    severity = Severity.ERROR
    category = Category.TERMINOLOGY
    layer = Layer.WORD
    masks = frozenset({Layer.STYLE})
    flags = ("The news agency CTAK published a statement.", "Officials in Kiev said so.", "ZSU soldiers")
    passes = ("The news agency KCNA published a statement.", "Officials in Kyiv said so.", "The AR-15 rifle.")

    def run(self, ctx: Context):
        for m in ctx.resources.forbidden_matcher.finditer(ctx.text):
            if not m.hit.forbidden:
                continue
            entry = m.hit.entry
            why = f" ({m.hit.reason})" if m.hit.reason else ""
            yield ctx.finding(
                self,
                m.start,
                m.end,
                f"'{m.form}' is not the English name: use '{entry.preferred}'{why}",
                suggestions=(entry.preferred,),
                fix=Fix((Edit(m.start, m.end, entry.preferred),), safe=True, description="use the glossary form"),
            )


CHECK = GlossaryTerm
