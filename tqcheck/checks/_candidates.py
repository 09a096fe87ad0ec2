"""Name candidates shared by the glossary inference checks (TQ303, TQ304): capitalised words and
acronyms that neither the glossary nor the English word list knows. Computed once per document."""

from __future__ import annotations

import re

from ._patterns import POSSESSIVE, P
from .base import Context

# an all-capitals acronym (2-8 letters) or a capitalised word; hyphenated and elided forms whole
_NAME = re.compile(rf"[A-Z](?<![\w'’ʼ-].)(?:[A-Z]{{1,7}}(?![\w'’ʼ-])|[a-z]\w*{P}(?:[-'’ʼ]\w+{P})*{P}(?![\w'’ʼ-]))")


def name_candidates(ctx: Context) -> list[tuple[int, int, str]]:
    cached = ctx._extra.get("name_candidates")
    if cached is None:
        cached = ctx._extra["name_candidates"] = _compute(ctx)
    return cached  # type: ignore[return-value]


def _compute(ctx: Context) -> list[tuple[int, int, str]]:
    glossary = ctx.resources.glossary
    vocab = ctx.resources.vocabulary
    common = vocab.common if vocab is not None else frozenset()
    proper = vocab.proper if vocab is not None else frozenset()
    seen: dict[str, str] = {}  # raw match -> the candidate ("" when it is not one)
    out = []
    for m in _NAME.finditer(ctx.text):
        raw = m.group()
        w = seen.get(raw)
        if w is None:
            w = POSSESSIVE.sub("", raw)
            low = w.lower()
            if glossary.lookup(w) is not None or (not w.isupper() and (low in common or low in proper)):
                w = ""
            seen[raw] = w
        if w:
            out.append((m.start(), m.start() + len(w), w))
    return out
