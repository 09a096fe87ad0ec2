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

import bisect
import re
from functools import cached_property

from ..model import Category, Edit, Fix, Layer, Severity
from ..resources import DATA
from ._names import CONNECTORS, after_opener, quoted_spans
from ._patterns import WORD, P
from .base import Check, Context

# share of capitalised words, among those not in _SMALL, that makes a line a title-case headline
HEADLINE_SHARE = 0.6
# a title-case word standing alone (not glued to a hyphen or apostrophe: "Jong-un", "O'Brien")
# (capital first, then the look-behind: re skips ahead to capitals much faster than to look-behinds)
_TITLE_CASE = re.compile(rf"[A-Z](?<![\w'’-].)[a-z]+{P}(?![\w'’-])")
_SMALL = frozenset("a an the and or but nor of to in on at by for from with as its all into over than via vs".split())


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
        glossary = ctx.resources.glossary
        lines = ctx.document.lines
        sentences = ctx.sentences
        starts = [s.start for s in sentences]
        headline: dict[int, bool] = {}
        # Candidates first, by one regex pass: a title-case word that the word list knows only in
        # lowercase. Only those few get the costlier look at their sentence.
        sentence_starts = ctx.sentence_starts
        # the distinct title-case words the word list knows only in lowercase, first (one C-level pass)
        suspects = {
            w for w in set(_TITLE_CASE.findall(text))
            if (low := w.lower()) in common and low not in proper and low not in titles
        }
        if not suspects:
            return
        for m in _TITLE_CASE.finditer(text):
            if m.start() in sentence_starts:
                continue
            w = m.group()
            if w not in suspects:
                continue
            low = w.lower()
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or sentences[i].start == m.start() or m.end() > sentences[i].end:
                continue
            sent = sentences[i]
            line_start, line_end = lines.line_span(text, sent.start)
            if line_start not in headline:
                headline[line_start] = _is_headline(text, line_start, line_end)
            if headline[line_start]:
                continue
            if after_opener(text, m.start(), sent.start) or glossary.lookup(w) is not None:
                continue
            if WORD.search(text, sent.start, m.start()) is None:
                continue  # the first word of the sentence, after a bullet or an emoji
            if _glossed(text, m.end()):
                continue
            if _near_capital(text, m.start(), m.end(), sent.start, sent.end):
                continue
            if any(a <= m.start() < b for a, b in quoted_spans(text, sent.start, sent.end)):
                continue
            yield ctx.finding(
                self,
                m.start(),
                m.end(),
                f"'{w}' is capitalised in mid-sentence but is not a name",
                suggestions=(low,),
                fix=Fix((Edit(m.start(), m.end(), low),), safe=False, description="lowercase"),
            )


def _glossed(text: str, end: int) -> bool:
    """Followed by a bracketed capitalised word: a name with its gloss, "the Chosen (Joseon; ...)"."""
    rest = text[end : end + 3].lstrip(" ")
    return rest[:1] == "(" and rest[1:2].isupper()


def _is_headline(text: str, start: int, end: int) -> bool:
    """A short line most of whose words are capitalised: a headline, byline or title-case tag list."""
    if end - start > 200:
        return False
    words = [w for w in WORD.findall(text, start, end) if w[0].isalpha() and w.lower() not in _SMALL]
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and caps / len(words) >= HEADLINE_SHARE


_BEFORE = re.compile(r"([\w'’-]+)([^\w\n]*)$")
_AFTER = re.compile(r"([^\w\n]*)([\w'’-]+)")
_BREAKS = frozenset(".;:!?()\"“”")


def _near_capital(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """A capitalised word (or a number) next to ``text[start:end]`` within ``[lo, hi)``, directly or
    across connector words ("Ministry of Defense"), on either side. Commas do not break a run:
    "the Pacific, Atlantic, Indian, Southern, and Arctic"."""
    pos = start
    while True:  # leftwards
        m = _BEFORE.search(text, max(lo, pos - 40), pos)
        if m is None or not _BREAKS.isdisjoint(m.group(2)):
            break
        w = m.group(1)
        if w[0].isupper() or w[0].isdigit():
            return True
        if w.lower() not in CONNECTORS:
            break
        pos = m.start()
    pos = end
    while True:  # rightwards
        m = _AFTER.match(text, pos, hi)
        if m is None or not _BREAKS.isdisjoint(m.group(1)):
            break
        w = m.group(2)
        if w[0].isupper() or w[0].isdigit():
            return True
        if w.lower() not in CONNECTORS:
            break
        pos = m.end()
    return False


CHECK = CapitalisedWord
