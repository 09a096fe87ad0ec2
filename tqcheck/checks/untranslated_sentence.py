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

import bisect
import re

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
        sentences = ctx.sentences
        # sentences holding a letter of another script, found in one pass over the text
        starts = [s.start for s in sentences]
        foreign = {bisect.bisect_right(starts, m.start()) - 1 for m in _NON_LATIN_LETTER.finditer(text)}
        for i, sent in enumerate(sentences):
            chunk = text[sent.start : sent.end]
            if not _suspect(chunk, target.scripts, vocab, i in foreign):
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


_FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at by for from with as is are was were be been has have will would "
    "can not this that it he we they you i his her their our my your".split()
)
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f]")
_LOWER_WORD = re.compile(r"[a-z](?<![\w'’-].)[a-z]*(?![\w'’-])")


def _suspect(chunk: str, scripts: tuple[str, ...], vocab, not_latin: bool = True) -> bool:
    """The cheap test: only sentences that pass it cost a langdetect call (about 1 ms each)."""
    latin_target = "Latin" in scripts
    if latin_target:
        foreign = len(_NON_LATIN_LETTER.findall(chunk)) if not_latin else 0
        if foreign >= 8:  # enough letters to identify a language, then the share decides
            if foreign / len(_LETTER.findall(chunk)) >= SUSPECT_SHARE and len(WORD.findall(chunk)) >= MIN_WORDS:
                return True
    else:
        letters = _LETTER.findall(chunk)
        if letters and sum(1 for ch in letters if ch <= "\u024f") / len(letters) >= SUSPECT_SHARE:
            return len(WORD.findall(chunk)) >= MIN_WORDS
        return False
    if vocab is None:
        return False
    if len(_FUNCTION_WORDS.intersection(chunk.split())) >= 2:
        return False  # two of the commonest English words: English (a fraction of the cost of the test below)
    # distinct lowercase words (names are capitalised) that the word list does not know
    lower = set(_LOWER_WORD.findall(chunk))
    if len(lower) < MIN_WORDS:
        return False
    return len(lower - vocab.common) / len(lower) >= SUSPECT_SHARE


CHECK = UntranslatedSentence
