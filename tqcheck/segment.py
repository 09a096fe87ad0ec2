"""Segmentation into lines, paragraphs and sentences, as offsets into the original text.

Why a small rule-based splitter and not pysbd or NLTK's punkt: punkt needs a model download, pysbd costs
about 1 ms a sentence, and checks only need sentence *starts* (capitalisation) and sentence-sized units
(language identification). The splitter never loses text: the sentences of a line cover it end to end,
less surrounding white space.
"""

from __future__ import annotations

import re

from .model import Segment

# Abbreviations after which a full stop does not end a sentence (lowercased, without the dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep pres rev hon
    vs etc e.g i.e cf al approx no nos vol fig ed eds p pp inc ltd co corp dept univ est
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m
    """.split()
)

_ENDS = ".!?…"
_CLOSERS = "\"'”’»)\\]"
# A sentence candidate: from a non-space character to sentence-final punctuation (with closing quotes
# or brackets) followed by white space or the end of the line, never across a line break. Punctuation
# not followed by white space ("3.5", "U.S.A") stays inside. Candidates ending in an abbreviation, or
# followed by a lowercase start, are joined back in ``sentences``.
_SENTENCE = re.compile(
    rf"\S[^\n{_ENDS}]*(?:[{_ENDS}]+(?![{_CLOSERS}]*(?:[^\S\n]|$))[^\n{_ENDS}]*)*(?:[{_ENDS}]+[{_CLOSERS}]*)?",
    re.M,
)
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "u.s", "e.g": letters with dots, not "33.18"


def line_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every line, without its line break (``\\r\\n`` and ``\\n``)."""
    spans = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end
        spans.append((pos, stop))
        if nl == -1:
            break
        pos = nl + 1
    return spans


def lines(text: str) -> list[Segment]:
    return [Segment("line", s, e) for s, e in line_spans(text)]


def paragraphs(text: str) -> list[Segment]:
    """Runs of non-blank lines."""
    out: list[Segment] = []
    start = None
    end = 0
    for s, e in line_spans(text):
        if text[s:e].strip():
            if start is None:
                start = s
            end = e
        elif start is not None:
            out.append(Segment("paragraph", start, end))
            start = None
    if start is not None:
        out.append(Segment("paragraph", start, end))
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Sentences of ``text[start:end]``, trimmed of surrounding white space; a sentence never
    crosses a line break (scraped text puts headlines, captions and bylines on lines of their own
    without final punctuation). One regular-expression pass finds the candidates."""
    out: list[Segment] = []
    pending: tuple[int, int] | None = None
    for m in _SENTENCE.finditer(text, start, len(text) if end is None else end):
        a, b = m.span()
        while text[b - 1] in " \t\r\u00a0":
            b -= 1
        if pending is not None:
            pa, pb = pending
            if text.find("\n", pb, a) == -1 and (text[a].islower() or _abbreviation(text, pa, pb)):
                pending = (pa, b)  # "e.g. this", "Mr. Smith": one sentence
                continue
            out.append(Segment("sentence", pa, pb))
        pending = (a, b)
    if pending is not None:
        out.append(Segment("sentence", *pending))
    return out


def _abbreviation(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` end in an abbreviation or an initial ("Mr.", "U.S.", "J.")?"""
    if text[b - 1] != "." or (b - 2 >= a and text[b - 2] in _ENDS):
        return False
    w = _LAST_WORD.search(text, max(a, b - 40), b)
    if w is None:
        return False
    word = w.group(1).lower()
    return word in _ABBREVIATIONS or len(word) == 1 or _INITIALS.fullmatch(word) is not None
