"""Addition suspect: the translation is much longer than its source, or has more sentences.

What it does: compares the lengths of each aligned pair, as TQ530 does (the target's length over the
source's, each plus 10 characters). A segment is reported when:

- the source is empty and the translation is not (a warning: text from nowhere);
- the source has at least 20 characters and the ratio is above 1.70;
- the source has at least 20 characters, the translation two or more sentences more than the source,
  and the ratio above 1.40.

Calibration, on the WMT22 general test set uk-en (source against the human reference ``.ref.A.en``,
2,018 segments, 1,973 with a source of 20 characters or more): the smoothed ratio of the reference
has median 1.07, 99th percentile 1.545, 99.5th percentile 1.642 and 99.8th percentile 1.725
(English runs a little longer than Ukrainian in characters). The bound 1.70 sits between the last
two and flags 4 reference segments (0.2 %), all faithful translations that spell out an
abbreviation or an idiom (ЗСУ → "the Armed Forces of Ukraine", ПВО → "antiaircraft defense
systems"); the sentence rule adds none. Additions are rare in the systems' output, so most findings
there are of this kind too: the check is a pointer for a reviewer, not a verdict. ``python
bench/bilingual_counts.py --calibrate`` prints the figures.

Why: neural machine translation sometimes "hallucinates": it repeats a phrase, continues a sentence
the source ended, or adds a sentence of its own; an over-long segment is where to look.

Example: "Дякуємо вам за покупку!" translated "Thank you for your purchase! Thank you for your purchase!
Thank you for your purchase!"
"""

from __future__ import annotations

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")

MIN_SOURCE_CHARS = 20
HIGH_RATIO = 1.70
SENTENCE_RATIO = 1.40


class AdditionSuspect(Check):
    code = "TQ531"
    name = "addition-suspect"
    severity = Severity.WARNING
    category = Category.ADDITION
    layer = Layer.ARTEFACT
    flags = (
        ("Дякуємо вам за покупку!", "Thank you for your purchase! Thank you for your purchase! Thank you for your purchase!"),
        ("\nПривіт", "Subscribe to our channel.\nHi"),
    )
    passes = (
        ("Дякуємо вам за покупку!", "Thank you for your purchase!"),
        ("Коли діти чують ПВО?", "When do children hear air defence?"),
        ("\nПривіт", "\nHi"),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments(ctx):
            source = seg.source.strip()
            target = seg.target.strip()
            if not target:
                continue
            if not source:
                s, e = bi.segment_span(ctx, seg.pair)
                yield ctx.finding(self, s, e, "the source segment is empty but the translation is not")
                continue
            if len(source) < MIN_SOURCE_CHARS:
                continue
            ratio = bi.length_ratio(source, target)
            if ratio > HIGH_RATIO:
                s, e = bi.segment_span(ctx, seg.pair)
                yield ctx.finding(
                    self, s, e,
                    f"the translation is {ratio:.2f} times the source's length (above {HIGH_RATIO}): "
                    "something may be added",
                )
                continue
            if ratio > SENTENCE_RATIO:
                n_src, n_tgt = bi.sentence_count(source), bi.sentence_count(target)
                if n_tgt >= n_src + 2:
                    s, e = bi.segment_span(ctx, seg.pair)
                    yield ctx.finding(
                        self, s, e,
                        f"the source has {n_src} sentence{'s' if n_src > 1 else ''}, the translation {n_tgt}, "
                        f"and it is longer ({ratio:.2f}): a sentence may be added",
                    )


CHECK = AdditionSuspect
