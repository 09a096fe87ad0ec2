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

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+)""")
_LAST_WORD = re.compile(r"([\w.]+)$")
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


def sentences_in(text: str, start: int, end: int) -> list[Segment]:
    """Sentences of ``text[start:end]`` (one line or paragraph), trimmed of surrounding white space."""
    out: list[Segment] = []
    chunk = text[start:end]
    pos = 0
    for m in _SENTENCE_END.finditer(chunk):
        stop = m.end()
        if chunk[m.start()] == "." and m.end() - m.start() == 1:
            w = _LAST_WORD.search(chunk, 0, m.start())
            if w:
                word = w.group(1).lower()
                # "U.S." "Mr." "J. K." and numbers like "No. 5" do not end sentences
                if word in _ABBREVIATIONS or len(word) == 1 or _INITIALS.fullmatch(word):
                    continue
        nxt = chunk[stop:].lstrip()[:1]
        if nxt and nxt.islower():
            continue  # "e.g. this" or an ellipsis inside a sentence
        _append(out, chunk, start, pos, stop)
        pos = stop
    _append(out, chunk, start, pos, len(chunk))
    return out


def _append(out: list[Segment], chunk: str, base: int, a: int, b: int) -> None:
    while a < b and chunk[a].isspace():
        a += 1
    while b > a and chunk[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Segment("sentence", base + a, base + b))


def sentences(text: str) -> list[Segment]:
    """Sentences of the whole text; a sentence never crosses a line break (scraped text puts
    headlines, captions and bylines on lines of their own without final punctuation)."""
    out: list[Segment] = []
    for s, e in line_spans(text):
        if s < e:
            out.extend(sentences_in(text, s, e))
    return out
