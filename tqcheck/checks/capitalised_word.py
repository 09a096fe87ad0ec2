"""Capitalised common word in mid-sentence ("a major Source of small arms").

What it does: reports a capitalised word in the middle of a sentence when the word list knows it only
in lowercase, and it stands alone: not at a sentence or line start, not after a colon, quote, bracket,
dash or bullet, not inside quotation marks, not next to another capitalised word (directly or across
"of", "the", "for" and the like: "Ministry of Defense", "Institute for the Study of War"), not an
acronym, not in a headline (a line most of whose words are capitalised), and not one of the title words
news style capitalises on its own ("the President", listed in ``data/en/capitalised-words.txt``).

Why: translation engines carry over the capital of a source word that was a name, or of a word that
started a source sentence; a capital where English has none reads as a mistake.

Example: "a major Source of small arms". Suggested: "source" (an unsafe fix: the writer may mean a name).
"""

from __future__ import annotations

from functools import cached_property

from ..model import Category, Edit, Fix, Layer, Severity
from ..resources import DATA
from ._names import CONNECTORS, after_opener, quoted_spans, tokens
from .base import Check, Context

HEADLINE_SHARE = 0.5


class CapitalisedWord(Check):
    code = "TQ401"
    name = "capitalised-word"
    severity = Severity.WARNING
    category = Category.CAPITALISATION
    layer = Layer.STYLE
    flags = ("North Korea could become a major Source of small arms for Russia.",)
    passes = (
        "North Korea could become a major source of small arms for Russia.",
        "Source of the leak: a senior official.",
        "Mason Clark, head of the Russian policy department at the Institute for the Study of War, said so.",
        "The North Korean Ministry of Defense denied it.",
        "He called it “Operation Thunder” and left.",
        "Enemy Forces Spread Rumors About Weapons Supply",
        "The President said the Government would act.",
    )

    @cached_property
    def titles(self) -> frozenset[str]:
        lines = (DATA / "en" / "capitalised-words.txt").read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))

    def run(self, ctx: Context):
        vocab = ctx.resources.vocabulary
        if vocab is None:
            return
        text = ctx.text
        common, proper, titles = vocab.common, vocab.proper, self.titles
        lines = ctx.document.lines
        headline: dict[int, bool] = {}
        for sent in ctx.sentences:
            line_start, line_end = lines.line_span(text, sent.start)
            if line_start not in headline:
                headline[line_start] = _is_headline(text, line_start, line_end)
            if headline[line_start]:
                continue
            toks = tokens(text, sent.start, sent.end)
            quotes = quoted_spans(text, sent.start, sent.end)
            for i, t in enumerate(toks):
                w = t.text
                if i == 0 or len(w) < 2 or not w[0].isupper() or not w[1:].islower() or not w.isalpha():
                    continue
                low = w.lower()
                if low not in common or low in proper or low in titles:
                    continue
                if after_opener(text, t.start, sent.start):
                    continue
                if any(a <= t.start < b for a, b in quotes):
                    continue
                if _near_capital(toks, i, text):
                    continue
                yield ctx.finding(
                    self,
                    t.start,
                    t.end,
                    f"'{w}' is capitalised in mid-sentence but is not a name",
                    suggestions=(low,),
                    fix=Fix((Edit(t.start, t.end, low),), safe=False, description="lowercase"),
                )


def _is_headline(text: str, start: int, end: int) -> bool:
    """A short line most of whose words are capitalised: a headline, byline or title-case tag list."""
    if end - start > 200:
        return False
    words = [t for t in tokens(text, start, end) if t.text[0].isalpha()]
    caps = sum(1 for t in words if t.capitalised)
    return len(words) >= 3 and caps / len(words) >= HEADLINE_SHARE


def _near_capital(toks, i: int, text: str) -> bool:
    """A capitalised token next to this one, directly or across connector words, on either side."""
    for step in (-1, 1):
        prev = i
        j = i + step
        while 0 <= j < len(toks):
            a, b = sorted((prev, j))
            # commas do not break a run: "the Pacific, Atlantic, Indian, Southern, and Arctic"
            if any(ch in text[toks[a].end : toks[b].start] for ch in ".;:!?()\"“”"):
                break
            t = toks[j]
            if t.text[:1].isupper() or t.text[:1].isdigit():
                return True
            if t.text.lower() not in CONNECTORS:
                break
            prev, j = j, j + step
    return False


CHECK = CapitalisedWord
