"""Mixed-script word: a Latin word with a Cyrillic or Greek look-alike letter inside.

What it does: finds words whose letters are mostly of one script but include letters of another that
look the same (Cyrillic "і" in "Kyіv", Cyrillic "а" in "Ukrаine"), using the look-alike table in
``tqcheck/data/confusables.tsv``. The suggestion is the word spelled in one script.

Why: the word looks right but is not: search, spell-checking, glossary matching and screen readers all
fail on it. Machine translation and OCR leave such words when a source letter slips through.

Example: "Kyіv" (Cyrillic і). Fix: "Kyiv".
"""

from __future__ import annotations

import re

from ..model import Category, Edit, Fix, Layer, Severity
from ._patterns import CYRILLIC, GREEK, LATIN
from .base import Check, Context

_LAT = re.compile(f"[{LATIN}]")
_OTHER = re.compile(f"[{CYRILLIC}{GREEK}]")
# candidate words: letters of at least two scripts (fast pre-filter: a Latin and a non-Latin letter)
_MIXED = re.compile(rf"\w*(?:[{LATIN}]\w*[{CYRILLIC}{GREEK}]|[{CYRILLIC}{GREEK}]\w*[{LATIN}])\w*")


class MixedScript(Check):
    code = "TQ203"
    name = "mixed-script"
    severity = Severity.ERROR
    category = Category.CHARACTER_ENCODING
    layer = Layer.WORD
    masks = frozenset({Layer.STYLE})
    flags = ("The talks in Kyіv ended.", "Ukrаine and Poland signed the deal.")
    passes = ("The talks in Kyiv ended.", "Україна та Польща підписали угоду.", "He scored 5 μg/m³.")

    def run(self, ctx: Context):
        table = ctx.resources.confusables
        latin_target = "Latin" in ctx.resources.lang.scripts
        reverse = {v: k for k, v in table.items() if "\u0400" <= k <= "\u04ff"}
        # mixed words need a non-Latin letter: in an English text, few lines have one
        trigger = _OTHER if latin_target else _LAT
        for line_start, line_end in ctx.lines_with(trigger):
            yield from self._line(ctx, line_start, line_end, table, reverse, latin_target)

    def _line(self, ctx, line_start, line_end, table, reverse, latin_target):
        for m in _MIXED.finditer(ctx.text, line_start, line_end):
            word = m.group()
            n_lat = len(_LAT.findall(word))
            n_other = len(_OTHER.findall(word))
            to_latin = n_lat > n_other or (n_lat == n_other and latin_target)
            if to_latin:
                fixed = "".join(table.get(ch, ch) if _OTHER.match(ch) else ch for ch in word)
                ok = not _OTHER.search(fixed)
            else:
                fixed = "".join(reverse.get(ch, ch) if _LAT.match(ch) else ch for ch in word)
                ok = not _LAT.search(fixed)
            if not ok:
                continue  # a letter without look-alike: a real mix (a code, a transliteration), not a slip
            odd = sorted({ch for ch in word if (_OTHER.match(ch) if to_latin else _LAT.match(ch))})
            names = ", ".join(f"U+{ord(ch):04X}" for ch in odd)
            yield ctx.finding(
                self,
                m.start(),
                m.end(),
                f"'{word}' mixes scripts: {names} only looks like a {'Latin' if to_latin else 'Cyrillic'} letter",
                suggestions=(fixed,),
                fix=Fix((Edit(m.start(), m.end(), fixed),), safe=True, description="spell in one script"),
            )


CHECK = MixedScript
