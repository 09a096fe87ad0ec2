"""Untranslated sentence: a whole sentence still in the source (or another) language.

What it does: identifies the language of sentences that a cheap test marks as suspect (at least half of
their letters in a script the target language does not use, or, for a target with a word list, at
least half of their lowercase words unknown to it) with langdetect, seeded for deterministic answers,
and reports those in a language other than the target, with the language found and its probability.

Why: a sentence the engine skipped (or a quote, caption or comment pasted untranslated) is lost to the
reader; one finding for the sentence says so better than one per word.

Example: "Президент заявив, що переговори тривають." in an English article → Ukrainian.
"""

from __future__ import annotations

from ..model import Category, Layer, Severity
from ._patterns import WORD
from .base import Check, Context

MIN_WORDS = 4
MIN_PROBABILITY = 0.80
SUSPECT_SHARE = 0.5


class UntranslatedSentence(Check):
    code = "TQ202"
    name = "untranslated-sentence"
    severity = Severity.ERROR
    category = Category.UNTRANSLATED
    layer = Layer.ARTEFACT
    masks = frozenset({Layer.WORD, Layer.STYLE})
    flags = (
        "Президент заявив, що переговори тривають у Женеві.",
        "Die Regierung hat am Montag neue Sanktionen beschlossen.",
    )
    passes = (
        "The president said the talks were continuing in Geneva.",
        "Zelenskyy met Stoltenberg, Kuleba and Reznikov in Kyiv.",
    )

    def run(self, ctx: Context):
        res = ctx.resources
        text = ctx.text
        target = res.lang
        vocab = res.vocabulary
        for sent in ctx.sentences:
            chunk = text[sent.start : sent.end]
            if not _suspect(chunk, target.scripts, vocab):
                continue
            found = res.detector.detect(chunk)
            if found is None:
                continue
            lang, prob = found
            if lang == target.code or prob < MIN_PROBABILITY:
                continue
            known = res.languages.get(lang)
            label = known.name if known else lang
            yield ctx.finding(
                self,
                sent.start,
                sent.end,
                f"sentence left in {label} (langdetect p={prob:.2f})",
            )


def _suspect(chunk: str, scripts: tuple[str, ...], vocab) -> bool:
    words = WORD.findall(chunk)
    if len(words) < MIN_WORDS:
        return False
    letters = [ch for ch in chunk if ch.isalpha()]
    if not letters:
        return False
    latin_target = "Latin" in scripts
    foreign = sum(1 for ch in letters if (ch > "\u024f") == latin_target)
    if foreign / len(letters) >= SUSPECT_SHARE:
        return True
    if vocab is None:
        return False
    lower = [w for w in words if w[0].islower() and w.isalpha()]
    if len(lower) < MIN_WORDS:
        return False
    unknown = sum(1 for w in lower if w not in vocab.common and w.lower() not in vocab.proper)
    return unknown / len(lower) >= SUSPECT_SHARE


CHECK = UntranslatedSentence
