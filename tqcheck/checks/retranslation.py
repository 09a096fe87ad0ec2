"""Retranslation divergence: a segment far from an offline re-translation of its source.

What it does: for a bilingual document, translates every source segment offline with an
argostranslate package (the extra ``tqcheck[mt]`` and a package for the language pair, see
``tqcheck models``), and scores each published translation against that re-translation with
sentence chrF (sacrebleu's defaults; the re-translation is the reference, so a published segment that
leaves out what the source says loses recall, which chrF weighs most). Segments whose source has
fewer than 3 words are not scored (a headline word, a date: chrF on a few characters is noise), and a
document needs 5 scored segments, since the rule measures each segment against the document's own
norm. A segment is reported when its score is below both

- the document's median minus 3 times the median absolute deviation, the deviation taken as at
  least 5 chrF points (two systems that agree everywhere have a deviation of 0), and
- 40, an absolute floor: a document whose segments all score low (a weak model, a free translation)
  has nothing that stands out.

The finding covers the whole target segment and quotes the re-translation. Without the extra or the
package, or with no known source language, the check is skipped with one line saying what to
install; it never fails a run.

Why: a mistranslated or truncated segment reads fluently, and no target-side check can see it. A
second, independent translation disagrees with it much more than with its neighbours. The signal is
weak (two correct translations can differ), so findings are information, not warnings.

Calibration: only on the toy model of the tests (tests/fixtures/argos), where correct segments score
100 and the deliberately wrong ones 14 to 29. The floor and the deviation factor are not yet
calibrated on a real uk→en argostranslate package against published translations (none is
available offline here); expect to tune them on such data.

Example: source "Вчора поліція закрила старий міст." published as "The army attacked the southern
border again.": a re-translation ("Yesterday the police closed the old bridge.") shares almost
nothing with it, while the document's other segments score near their median.
"""

from __future__ import annotations

import re
import statistics

from ..model import Category, Layer, Severity
from .base import Check, Context

MIN_WORDS = 3
MIN_SEGMENTS = 5
K_MAD = 3.0
MIN_SPREAD = 5.0
FLOOR = 40.0
_WORD = re.compile(r"[^\W\d_]+")

# The examples are in the toy language of the test model (tests/fixtures/argos/toy-xx-en.argosmodel,
# 40 words, time word first, adjective after its noun): without a package the check is skipped and
# finds nothing, so ``passes`` hold anywhere; ``flags`` needs that model installed.
_SOURCE = """\
Hierau la prezan vizitis la urbo.
La armak protektis la limes suda.
Hodiau la parlo nova subtenis la guvero.
La polko fermis la ponto malnova.
Denove la ministo kritikis la agenzu.
La urbo konstruis la skolo granda kaj la medizo."""
_GOOD = """\
The president visited the city yesterday.
The army protected the southern border.
The new parliament supported the government today.
The police closed the old bridge.
The minister criticised the agency again.
The city built the large school and the hospital."""
_WRONG = _GOOD.replace("The police closed the old bridge.", "A village office opened in a station.")


class RetranslationDivergence(Check):
    code = "TQ501"
    name = "retranslation-divergence"
    severity = Severity.INFO
    category = Category.MISTRANSLATION
    layer = Layer.WORD
    # what the check needs beyond the core install (the meta-test installs the toy model for it)
    requires = ("argos",)
    flags = ((_SOURCE, _WRONG),)
    passes = ((_SOURCE, _GOOD), "A text without its source is not checked.")

    def unavailable(self, ctx: Context) -> str | None:
        if ctx.source is None or not ctx.pairs:
            return None  # target-only input: nothing to re-translate, nothing to say
        from ..mt import argos

        return argos.available(ctx.document.source_lang, ctx.document.lang)

    def run(self, ctx: Context):
        source = ctx.source
        if source is None or not ctx.pairs:
            return
        from ..mt import argos

        if argos.available(ctx.document.source_lang, ctx.document.lang):
            return
        text = ctx.text
        scored = [p for p in ctx.pairs
                  if len(_WORD.findall(source[p.source_start:p.source_end])) >= MIN_WORDS
                  and text[p.start:p.end].strip()]
        if len(scored) < MIN_SEGMENTS:
            return
        from sacrebleu.metrics import CHRF

        back = argos.translate_segments([source[p.source_start:p.source_end] for p in scored],
                                        ctx.document.source_lang, ctx.document.lang)  # type: ignore[arg-type]
        chrf = CHRF()
        scores = [chrf.sentence_score(text[p.start:p.end].strip(), [mt.strip()]).score for p, mt in zip(scored, back)]
        median = statistics.median(scores)
        mad = statistics.median(abs(s - median) for s in scores)
        threshold = min(FLOOR, median - K_MAD * max(mad, MIN_SPREAD))
        for p, mt, score in zip(scored, back, scores):
            if score >= threshold:
                continue
            seg = text[p.start:p.end]
            start = p.start + (len(seg) - len(seg.lstrip()))
            end = p.start + len(seg.rstrip())
            shown = mt.strip() if len(mt.strip()) <= 120 else mt.strip()[:119] + "…"
            yield ctx.finding(
                self, start, end,
                f"far from a re-translation of its source (chrF {score:.0f}; the document's median {median:.0f}): "
                f"a mistranslation or an omission? The re-translation reads {shown!r}",
            )


CHECK = RetranslationDivergence
