"""Untranslated segment: the translation is the source, unchanged.

What it does: reports a target segment equal to its source segment once case and whitespace are set
aside, when the source has letters of the source script (Cyrillic): the text was copied, not
translated. Segments of digits, names in Latin letters, URLs or codes are equal in every language and
are not reported.

Why: machine translation passes through what it cannot translate, and a pipeline that failed writes
the source into the target; one untranslated segment is one finding here instead of one per word
in the target-side checks (it masks them).

Example: source "Слава Україні!" translated "Слава Україні!".
"""

from __future__ import annotations

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")


class UntranslatedSegment(Check):
    code = "TQ520"
    name = "untranslated-segment"
    severity = Severity.ERROR
    category = Category.UNTRANSLATED
    layer = Layer.ARTEFACT
    masks = frozenset({Layer.WORD, Layer.STYLE})
    flags = (
        ("Слава Україні!", "Слава Україні!"),
        ("Дякую за допомогу", "дякую  за  допомогу"),
    )
    passes = (
        ("Слава Україні!", "Glory to Ukraine!"),
        ("iPhone 13", "iPhone 13"),
        ("24/7", "24/7"),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments(ctx):
            if not bi.is_copy(seg.source, seg.target):
                continue
            s, e = bi.segment_span(ctx, seg.pair)
            yield ctx.finding(self, s, e, "the segment is not translated: it is the source as written")


CHECK = UntranslatedSegment
