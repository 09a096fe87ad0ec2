"""Source-language leftover: a run of letters in a script the target language does not use.

What it does: in a text whose target language is written in another script, finds runs of words in the
source language's script (Cyrillic, when the source is Ukrainian or Russian or unknown, in an English
text), and reports the run once with the language its letters point to. A look-alike letter inside a
Latin word ("Kyіv") is the mixed-script check's, not this one's.

Why: an untranslated word or name means the reader misses it, and a machine translation engine that
gave up on it may have dropped its meaning from the sentence as well.

Example: "The statement was published by Укрінформ on Monday." Suggested: translate "Укрінформ"
(the glossary's form, Ukrinform, when it has one).
"""

from __future__ import annotations

import re

from ..model import Category, Edit, Fix, Layer, Severity
from ._patterns import LATIN, SCRIPT_CLASSES
from .base import Check, Context

_JOIN = r"[\s\-'’ʼ.,:;!?«»\"“”„()–—/0-9]+"


def _run_pattern(script: str) -> re.Pattern[str]:
    cls = SCRIPT_CLASSES[script]
    word = rf"[{cls}]+(?:['’ʼ-][{cls}]+)*"
    # a run of such words, not glued to letters of the target script (that is a mixed-script word)
    # the letter class first and the look-behind after it: re then skips quickly to candidate letters
    return re.compile(rf"[{cls}](?<![{LATIN}].)[{cls}]*(?:['’ʼ-][{cls}]+)*(?:{_JOIN}{word})*(?![{LATIN}])")


class LeftoverScript(Check):
    code = "TQ201"
    name = "leftover-script"
    severity = Severity.ERROR
    category = Category.UNTRANSLATED
    layer = Layer.WORD
    masks = frozenset({Layer.STYLE})
    flags = ("The statement was published by Укрінформ on Monday.", "He said: «Слава Україні!»")
    passes = ("The statement was published by Ukrinform on Monday.", "Kyiv, Kharkiv and Odesa.")

    def run(self, ctx: Context):
        res = ctx.resources
        target = res.lang
        source = res.languages.get(ctx.document.source_lang or "") if ctx.document.source_lang else None
        scripts = source.scripts if source else ("Cyrillic",)
        foreign = [s for s in scripts if s not in target.scripts and s in SCRIPT_CLASSES]
        glossary = res.glossary if foreign else None
        for script in foreign:
            for m in _run_pattern(script).finditer(ctx.text):
                run = m.group()
                lang = guess_language(run, res) or (source.name if source else script)
                suggestions: tuple[str, ...] = ()
                fix = None
                hit = glossary.source_lookup(run) if glossary is not None else None
                if hit is not None:
                    suggestions = (hit.preferred,)
                    fix = Fix((Edit(m.start(), m.end(), hit.preferred),), safe=False,
                              description="use the glossary's translation")
                yield ctx.finding(
                    self,
                    m.start(),
                    m.end(),
                    f"untranslated {lang} text left in the translation",
                    suggestions=suggestions,
                    fix=fix,
                )


def guess_language(text: str, resources) -> str | None:
    """A language name from letters only one language of the script uses (і → Ukrainian, ы → Russian)."""
    for lang in resources.languages.values():
        if lang.letters and any(ch in lang.letters for ch in text):
            return lang.name
    return None


CHECK = LeftoverScript
