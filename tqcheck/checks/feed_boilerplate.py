"""Feed boilerplate: a line that many documents of one run repeat, mined from the run itself.

What it does: over all the documents of one run (a feed audit, a folder), counts the documents that
carry each line of three words or more, compared without case, white space, digits or end
punctuation. A line carried by at least 3 documents and by at least a tenth of them is reported in each document that carries it, with
the count. Lines a document check already reports as an artefact (a rule-pack boilerplate line, a
notice) are left to it. The fix, deleting the line, is unsafe: a repeated line can be wanted.

Why: aggregators wrap every article in their own promo, navigation and disclaimer lines, and each
aggregator words them differently, so no rule pack can list them all. What gives them away is that
they repeat, word for word, across items that otherwise share nothing. Memory stays bounded on a
feed of any size (see ``_tally``); on more than 20,000 distinct lines the counts become lower
bounds.

Example: "Subscribe to NewsHub on Telegram so you miss nothing" closing 20 of 24 items. Suggested:
delete the line in each.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from ..model import Category, Edit, Finding, Fix, Layer, Severity
from ._tally import Tally
from .base import Check, Context, Occurrence, finding_at

MIN_DOCUMENTS = 3
MIN_SHARE = 0.10
MAX_LINE = 300  # longer lines are article paragraphs, not frame lines

_DIGITS = str.maketrans("123456789", "000000000")
_EDGE = "".join(chr(c) for c in range(0x2000, 0x206F)) + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»‹›„“”‘’ \u00a0"
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3  # "Background", "Begin Text", "August 24, 2026": headings and datelines repeat too


def normalise(line: str) -> str:
    """What two lines must share to count as one: case, runs of white space, numbers ("4 hours ago",
    "5 hours ago") and punctuation at either end do not count."""
    return " ".join(line.casefold().translate(_DIGITS).split()).strip(_EDGE)


class _State:
    __slots__ = ("documents", "tally")

    def __init__(self) -> None:
        # a row: start, end, line, column, end column, deletion start, deletion end
        self.tally = Tally(width=8, capacity=10_000, keep=25)
        self.documents = 0


class FeedBoilerplate(Check):
    code = "TQ106"
    name = "feed-boilerplate"
    severity = Severity.WARNING
    category = Category.ADDITION
    layer = Layer.ARTEFACT
    masks = frozenset({Layer.STYLE})
    scope = "corpus"
    flags = (
        (
            "Kyiv was shelled overnight.\nFollow NewsHub UA for more.\n\f"
            "The parliament met on Monday.\nFollow NewsHub UA for more.\n\f"
            "Grain exports rose in May.\nFollow NewsHub UA for more!\n"
        ),
    )
    passes = (
        "Kyiv was shelled overnight.\n\fThe parliament met on Monday.\n\fGrain exports rose in May.\n",
        (
            "Kyiv was shelled overnight.\nFollow NewsHub UA for more.\n\f"
            "The parliament met on Monday.\nFollow NewsHub UA for more.\n"
        ),
    )

    def collect(self, ctx: Context) -> object:
        text = ctx.text
        covered = sorted((f.start, f.end) for f in ctx.findings if f.layer == Layer.ARTEFACT)
        out = []
        seen: set[int] = set()
        ci = 0
        for number, (a, b) in enumerate(ctx.line_spans, 1):
            if b - a > MAX_LINE or b - a < 8:
                continue
            line = text[a:b]
            if line.count(" ") < MIN_WORDS - 1 or len(_WORD.findall(line)) < MIN_WORDS:
                continue
            while ci < len(covered) and covered[ci][1] <= a:
                ci += 1
            if ci < len(covered) and covered[ci][0] < b:
                continue  # already reported by a document check
            # the built-in hash: stable within a run, and forked workers share the parent's hash seed
            key = hash(normalise(line))
            if key in seen:
                continue
            seen.add(key)
            lead = len(line) - len(line.lstrip())
            shown = line.strip()
            at = Occurrence(a + lead, a + lead + len(shown), number, lead + 1, number, lead + len(shown) + 1, shown)
            out.append((key, at, _deletion(text, a, b)))
        return out

    def start(self) -> object:
        return _State()

    def add(self, state: object, key: object, collected: object) -> None:
        state.documents += 1  # type: ignore[attr-defined]
        tally = state.tally  # type: ignore[attr-defined]
        for line_key, at, (da, db) in collected:  # type: ignore[attr-defined]
            tally.add(line_key, key, [(at.start, at.end, at.line, at.column, at.end_column, da, db)], at.text, at.text)

    def merge(self, state: object, other: object) -> object:
        state.tally = state.tally.merge(other.tally)  # type: ignore[attr-defined]
        state.documents += other.documents  # type: ignore[attr-defined]
        return state

    def mined(self, state: object) -> list[tuple[str, int]]:
        """The repeated lines found: (first spelling seen, documents carrying it), most frequent first."""
        threshold = max(MIN_DOCUMENTS, math.ceil(MIN_SHARE * state.documents))  # type: ignore[attr-defined]
        tally = state.tally  # type: ignore[attr-defined]
        return [(tally.payload[k], n) for k, n in tally.at_least(threshold)]

    def finish(self, state: object, resources) -> Iterable[tuple[object, Finding]]:
        total = state.documents  # type: ignore[attr-defined]
        tally = state.tally  # type: ignore[attr-defined]
        threshold = max(MIN_DOCUMENTS, math.ceil(MIN_SHARE * total))
        for line_key, n in tally.at_least(threshold):
            message = f"line repeated in {n} of {total} documents of this run: feed boilerplate, not the article"
            for doc, (a, b, line, col, end_col, da, db), text in tally.rows(line_key):
                at = Occurrence(a, b, line, col, line, end_col, text)
                yield doc, finding_at(self, at, message,
                                      fix=Fix((Edit(da, db, ""),), safe=False, description="delete the line"))


def _deletion(text: str, a: int, b: int) -> tuple[int, int]:
    """The line with its break, and the blank line after it when the line stands between blank
    lines (a paragraph of its own), so that deleting it leaves one gap, not two."""
    end = b + 1 if b < len(text) else b
    alone_before = a == 0 or text.startswith("\n", a - 2) or a < 2
    if alone_before and text.startswith("\n", end):
        end += 1
    return a, end


CHECK = FeedBoilerplate
