"""Number format: a number written in the source's convention, not English's ("1,5", "1 000").

What it does: finds numbers of the target segment that keep the Ukrainian or Russian notation of the
same number in the source: a decimal comma ("1,5" for 1.5: a warning, since an English reader may
take it for a list or a thousands separator) and thousands grouped by spaces or no-break spaces ("30
000" for 30,000: for information, SI style allows a thin space but English news writes a comma).
Only a number the source writes the same way is reported, so "1,500" (fifteen hundred) and lists
such as "1,2" with no counterpart in the source are not.

Why: machine translation and careless post-editing copy numbers character by character; the value
survives but the notation misleads ("1,500 tonnes" for 1.5 tonnes is a thousandfold error to an
English reader).

Example: "Інфляція склала 2,5%." translated "Inflation was 2,5%." Fix: "2.5%".
"""

from __future__ import annotations

import re

from ..model import Category, Edit, Fix, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")

_GROUP = " \u00a0\u202f\u2009"  # the thousands separators of _bilingual (space, no-break, narrow, thin)
# a decimal comma: digits, a comma, one, two or four or more digits (three would be English thousands)
DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d+),(\d{1,2}|\d{4,})(?![\d]|[.,]\d)")
_TRIGGER = re.compile(rf"\d[,{_GROUP}]\d")
# at most four groups (below a trillion), not a telephone number (after "+", "tel", "phone", "тел")
SPACE_GROUPED = re.compile(
    rf"(?<![\d.,+])(?<!\d[{_GROUP}])(?<!\+ )(?<![Tt]el[.:])(?<![Tt]el\.\s)(?<!тел[.:])(?<!тел\.\s)(?<![Pp]hone:\s)(?<![Pp]hone\s)"
    rf"\d{{1,3}}(?:[{_GROUP}]\d{{3}}){{1,3}}(?![\d]|[.,]\d|[{_GROUP}]\d)"
)


def _digits(grouped: str) -> str:
    return re.sub(f"[{_GROUP}]", "", grouped)


class NumberFormat(Check):
    code = "TQ512"
    name = "number-format"
    severity = Severity.WARNING
    category = Category.LOCALE_CONVENTION
    layer = Layer.STYLE
    flags = (
        ("Інфляція склала 2,5%.", "Inflation was 2,5%."),
        ("Зібрали 30\u00a0000 гривень.", "They collected 30\u00a0000 hryvnias."),
        ("Зібрали 30\u00a0000 гривень.", "They collected 30 000 hryvnias."),
    )
    passes = (
        ("Інфляція склала 2,5%.", "Inflation was 2.5%."),
        ("Зібрали 30\u00a0000 гривень.", "They collected 30,000 hryvnias."),
        ("Пункти 1, 2 і 3.", "Items 1,2 and 3."),
        ("Детальніше за тел. 729 725 522", "More by phone 729 725 522"),
        ("Дзвоніть 729 725 522 498 168", "Call 729 725 522 498 168"),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments(ctx):
            target = seg.target
            if not _TRIGGER.search(target) or bi.is_copy(seg.source, target):
                continue  # nothing to see, or untranslated (TQ520)
            base = seg.pair.start
            source_commas = {m.group(0) for m in DECIMAL_COMMA.finditer(seg.source)}
            for m in DECIMAL_COMMA.finditer(target):
                if m.group(0) in source_commas:
                    fixed = f"{m.group(1)}.{m.group(2)}"
                    yield ctx.finding(
                        self, base + m.start(), base + m.end(),
                        f"decimal comma copied from the source: English writes {fixed}",
                        suggestions=(fixed,),
                        fix=Fix((Edit(base + m.start(), base + m.end(), fixed),), safe=False,
                                description="decimal point"),
                    )
            if not SPACE_GROUPED.search(target):
                continue
            source_groups = {_digits(m.group(0)) for m in SPACE_GROUPED.finditer(seg.source)}
            for m in SPACE_GROUPED.finditer(target):
                digits = _digits(m.group(0))
                if digits not in source_groups:
                    continue
                fixed = f"{int(digits):,}"
                yield ctx.finding(
                    self, base + m.start(), base + m.end(),
                    f"thousands grouped by spaces as in the source: English news writes {fixed}",
                    suggestions=(fixed,),
                    fix=Fix((Edit(base + m.start(), base + m.end(), fixed),), safe=True,
                            description="thousands separator"),
                    severity=Severity.INFO,
                )


CHECK = NumberFormat
