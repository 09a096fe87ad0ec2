"""Key-term mismatch: a glossary term of the source whose accepted English forms are all absent.

What it does: finds the source forms of glossary entries (the default news glossary and
``--glossary FILE``; Ukrainian and Russian forms) in each source segment, inflected forms included,
and requires one of the entry's target forms (preferred or accepted) in the target segment.

Source side (see ``_bilingual.TermIndex``): a form's words of one or two letters and acronyms in
capitals (ЗСУ, НАТО) match exactly as written; a longer word matches as its stem, the word without a
final vowel, й or ь when at least three letters remain, followed by nothing or one noun ending of
either language (Буча: Бучі, Бучу; Росія: Росії, Росією; Україна: України), and in Ukrainian a
consonant-final word's last і, ї or о alternates with о, е, є (Київ: Києва, Києві; Львів: Львова;
Харків: Харкова). A form written with a capital matches only text with a capital (Ізюм the town, not
ізюм "raisins"); a one-word form opening a sentence or a line counts only as written ("Дані",
"data", is not Данія inflected). A word joined by a hyphen to another ("Катар-Юрт") is not the form. Source forms
that are everyday words in another sense (область "field", район "area") are skipped: the list is
``data/bilingual/polysemous_source_terms.tsv``.

Target side: a target form counts case-insensitively at the start of a word, followed by anything
(possessives, plurals, "Russian" for Russia); a one-word form of five letters or more ending in a
vowel or y also counts without that letter ("Ukrainian" for Ukraine); British and American spellings
are the same ("Defence"/"Defense"). When the translation has a forbidden form of the entry ("ZSU"),
the finding points at it (TQ301 reports the form itself).

The same matching gives the corpus's terminology success rate (``_bilingual.terminology_success``):
the share of (segment, entry) pairs found in the source whose translation has an accepted form, as
the WMT terminology task counts it (there, with a lemmatiser instead of the stem rule).

Why: a name or term that a desk has fixed (AFU for ЗСУ, Kyiv for Київ) can be translated away into a
paraphrase, left out, or rendered by a transliteration ("ZSU"): the glossary knows which forms are
right, and only the source shows that the term was there.

Example: source "Бійці ЗСУ звільнили село." translated "ZSU fighters liberated the village." (use
AFU or Armed Forces of Ukraine).
"""

from __future__ import annotations

import re

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")


class KeyTermMismatch(Check):
    code = "TQ540"
    name = "key-term-mismatch"
    severity = Severity.WARNING
    category = Category.TERMINOLOGY
    layer = Layer.WORD
    flags = (
        ("Бійці ЗСУ звільнили село.", "ZSU fighters liberated the village."),
        ("Бійці ЗСУ звільнили село.", "Ukrainian fighters liberated the village."),
        ("Делегація прибула до Києва.", "The delegation arrived in Kiev."),
    )
    passes = (
        ("Бійці ЗСУ звільнили село.", "AFU fighters liberated the village."),
        ("Бійці ЗСУ звільнили село.", "Soldiers of the Armed Forces of Ukraine liberated the village."),
        ("Делегація прибула до Києва.", "The delegation arrived in Kyiv."),
        ("Уряд України заявив.", "The Ukrainian government said."),
        ("Я купила ізюм.", "I bought raisins."),
        ("Дані оновлено.", "The data have been updated."),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        if ctx.source is None:
            return
        index = bi.term_index(self, ctx.resources)
        for seg, entry, s, e, found in index.document_checks(ctx.document):
            if found or not seg.target.strip() or bi.is_copy(seg.source, seg.target):
                continue  # translated, empty (TQ530) or untranslated (TQ520)
            term = seg.source[s:e]
            forms = ", ".join(entry.target_forms)
            span = None
            for form, _why in entry.forbidden:
                m = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", seg.target, re.IGNORECASE)
                if m:
                    span = (seg.pair.start + m.start(), seg.pair.start + m.end())
                    break
            if span is None:
                span = bi.segment_span(ctx, seg.pair)
            yield ctx.finding(
                self, span[0], span[1],
                f"the source's {term!r} is {entry.preferred!r} in the glossary, but the translation has "
                f"none of its forms ({forms})",
                suggestions=(entry.preferred,),
            )


CHECK = KeyTermMismatch
