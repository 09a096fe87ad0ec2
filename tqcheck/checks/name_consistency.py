"""Name consistency: one name spelled two ways in one document.

What it does: finds names written in more than one way within a document, in two ways: runs of
capitalised words that differ only in spaces, hyphens or apostrophes ("Kim Jong Un", "Kim Jong-un"),
compared by their letters alone, lowercased; and two accepted forms of one glossary concept
("Zelensky" and "Zelenskyy"). It reports every occurrence of the spellings that are not the chosen
one: the glossary's preferred form when the glossary knows the name, else the spelling used most
often (the first used, on a tie). Single words, and differences of case alone (headlines), are left
alone.

Why: a translation engine translates sentence by sentence and may spell a name differently each time;
readers take two spellings for two people.

Example: "Kim Jong Un" in the caption and "Kim Jong-un" later. Suggested: "Kim Jong Un".
"""

from __future__ import annotations

import bisect
import re

from ..glossary.derive import skeleton
from ..model import Category, Edit, Fix, Layer, Severity
from ._patterns import CAPITALISED_WORD, HYPHENATED_NAME, NAME_RUN, POSSESSIVE
from .base import Check, Context

_NOT_ALNUM = re.compile(r"[\W_]+")


class NameConsistency(Check):
    code = "TQ302"
    name = "name-consistency"
    severity = Severity.WARNING
    category = Category.INCONSISTENT_TERMINOLOGY
    layer = Layer.STYLE
    flags = ("Kim Jong Un met Putin. Later Kim Jong-un left.\n", "Zelensky spoke. Later Zelenskyy left.\n")
    passes = (
        "Kim Jong Un met Putin. Later Kim Jong Un left.\n",
        "KIM JONG UN VISITS RUSSIA\n\nKim Jong Un met Putin.\n",
        "The United Nations (UN) met. The UN agreed.\n",
    )

    def run(self, ctx: Context):
        groups = spelling_groups(ctx)
        lookup = ctx.resources.glossary.lookup
        for occurrences in groups.values():
            counts: dict[str, int] = {}
            for _, _, spelling in occurrences:
                counts[spelling] = counts.get(spelling, 0) + 1
            if len({same(s) for s in counts}) < 2:
                continue
            chosen, from_glossary = choose(counts, lookup)
            first_line = next((ctx.document.position(a).line for a, _, s in occurrences if s == chosen), None)
            where = f" (line {first_line})" if first_line else " (the glossary's form)"
            for a, b, spelling in occurrences:
                if same(spelling) == same(chosen):
                    continue
                yield ctx.finding(
                    self,
                    a,
                    b,
                    f"'{spelling}' is also spelled '{chosen}' in this document{where}",
                    suggestions=(chosen,),
                    fix=Fix((Edit(a, b, chosen),), safe=from_glossary, description="use one spelling"),
                )


def same(spelling: str) -> str:
    """What two spellings must share to be one. Case, the apostrophe's typography and the full stops
    of an abbreviation ("U.S." and "US", a house-style choice) do not count."""
    return spelling.replace("’", "'").replace("ʼ", "'").replace(".", "").casefold()


def choose(counts: dict[str, int], lookup) -> tuple[str, bool]:
    """The spelling to keep: the glossary's preferred form, else the most used (first on a tie;
    ``counts`` is in order of first use). Returns it and whether it came from the glossary."""
    for spelling in counts:
        hit = lookup(spelling)
        if hit is not None and not hit.forbidden:
            return hit.entry.preferred, True
    for spelling in counts:
        hit = lookup(spelling)
        if hit is not None:
            return hit.entry.preferred, True
    best = max(counts.values())
    return next(s for s, n in counts.items() if n == best), False


def spelling_groups(ctx: Context) -> dict[str, list[tuple[int, int, str]]]:
    """Occurrences of names, grouped so that the members of a group are one name: by letters alone
    for multi-word and hyphenated names, by glossary concept for accepted forms. Computed once per
    document (this check and the corpus check both read it)."""
    cached = ctx._extra.get("spelling_groups")
    if cached is None:
        cached = ctx._extra["spelling_groups"] = _spelling_groups(ctx)
    return cached  # type: ignore[return-value]


def _spelling_groups(ctx: Context) -> dict[str, list[tuple[int, int, str]]]:
    text = ctx.text
    vocab = ctx.resources.vocabulary
    common = vocab.common if vocab is not None else frozenset()
    sentence_starts = ctx.sentence_starts
    # positions by surface first: names repeat, so the per-spelling work is done once per spelling
    by_surface: dict[str, list[tuple[int, int]]] = {}
    spans: list[tuple[int, int]] = []
    for m in NAME_RUN.finditer(text):
        start, end = m.span()
        if start in sentence_starts:
            first = CAPITALISED_WORD.match(text, start)
            if first is not None and first.group().lower() in common:
                # "Later Kim Jong-un": the sentence's first word is not part of the name
                start = CAPITALISED_WORD.search(text, first.end(), end).start()  # type: ignore[union-attr]
        spans.append((start, end))
    taken = [s for s, _ in spans]
    for m in HYPHENATED_NAME.finditer(text):
        i = bisect.bisect_right(taken, m.start()) - 1
        if i < 0 or spans[i][1] <= m.start():
            spans.append(m.span())
    for start, end in spans:
        by_surface.setdefault(text[start:end], []).append((start, end))
    groups: dict[str, list[tuple[int, int, str]]] = {}
    seen: set[tuple[int, int]] = set()
    for raw, places in by_surface.items():
        surface = POSSESSIVE.sub("", raw)
        if " " not in surface and "-" not in surface and "\t" not in surface:
            continue
        key = _NOT_ALNUM.sub("", surface.casefold())
        group = groups.setdefault(key, [])
        for start, _ in places:
            group.append((start, start + len(surface), surface))
            seen.add((start, start + len(surface)))
    for group in groups.values():
        group.sort()
    # accepted forms of one concept that spell one name ("Zelensky", "Zelenskyy"); an acronym and
    # its expansion ("UN", "United Nations") are both right and are not compared
    for m in ctx.resources.variant_matcher.finditer(text):
        if not m.hit.forbidden and (m.start, m.end) not in seen:
            key = f"concept:{m.hit.entry.preferred}:{_NOT_ALNUM.sub('', skeleton(m.form))}"
            groups.setdefault(key, []).append((m.start, m.end, m.form))
    return groups


CHECK = NameConsistency
