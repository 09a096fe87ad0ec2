"""Name candidates shared by the glossary inference checks (TQ303, TQ304): capitalised words and
acronyms that neither the glossary nor the English word list knows. Computed once per document."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._patterns import POSSESSIVE, P
from .base import Context

# an all-capitals acronym (2-8 letters) or a capitalised word; hyphenated and elided forms whole
_NAME = re.compile(rf"[A-Z](?<![\w'’ʼ-].)(?:[A-Z]{{1,7}}(?![\w'’ʼ-])|[a-z]\w*{P}(?:[-'’ʼ]\w+{P})*{P}(?![\w'’ʼ-]))")


def candidate_tokens(ctx: Context) -> dict[str, str]:
    """Distinct name-like tokens of the document, as written (possessive included) → the candidate
    (possessive dropped). One C-level ``findall`` pass; positions are found later, and only for the
    few tokens a check reports (``occurrences``)."""
    cached = ctx._extra.get("candidate_tokens")
    if cached is None:
        glossary = ctx.resources.glossary
        vocab = ctx.resources.vocabulary
        common = vocab.common if vocab is not None else frozenset()
        proper = vocab.proper if vocab is not None else frozenset()
        cached = {}
        for raw in set(_NAME.findall(ctx.text)):
            w = POSSESSIVE.sub("", raw)
            low = w.lower()
            if glossary.lookup(w) is None and (w.isupper() or (low not in common and low not in proper)):
                cached[raw] = w
        ctx._extra["candidate_tokens"] = cached
    return cached  # type: ignore[return-value]


def occurrences(ctx: Context, raws: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where the given raw tokens stand: ``(start, end, candidate)`` in text order. ``str.find`` per
    token: a handful of tokens, each found at C speed (an alternation regex would be tried at every
    position of the text)."""
    tokens = candidate_tokens(ctx)
    text = ctx.text
    n = len(text)
    out = []
    for raw in set(raws):
        token = tokens[raw]
        at = text.find(raw)
        while at != -1:
            end = at + len(raw)
            if (at == 0 or not _JOINED(text[at - 1])) and (end == n or not _JOINED(text[end])):
                out.append((at, at + len(token), token))
            at = text.find(raw, at + 1)
    out.sort()
    return out


def _JOINED(ch: str) -> bool:  # noqa: N802 - a predicate named as the pattern's class it mirrors
    return ch.isalnum() or ch in "_'’ʼ-"


def name_candidates(ctx: Context) -> list[tuple[int, int, str]]:
    """Every occurrence of every candidate (for corpus statistics; checks use the two above)."""
    return occurrences(ctx, candidate_tokens(ctx))
