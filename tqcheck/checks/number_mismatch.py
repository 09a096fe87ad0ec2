"""Number mismatch: a number of the source is missing from the translation or changed.

What it does: reads every number written in digits in a source segment (Ukrainian or Russian) and
looks for it in the target segment, whatever the notation: a Ukrainian decimal comma ("1,5" is 1.5),
thousands grouped by spaces, no-break or thin spaces ("1 000 000"), scale words ("3,5 млн" is 3.5 or
3,500,000: "3.5 million", "3,500,000"), percentages, ordinals ("24-го", "24th"), years, times ("14:00",
"14.00", "2 p.m."), numeric dates ("24.02.2022": day and year here, the month in TQ511) and English
number words ("two", "twenty-first", "a dozen", "one and a half"). A source number with several
readings ("1,500" is 1.5 in Ukrainian and 1500 in English; "19.04" a decimal or a date) is found when
any reading is. Numbers inside URLs, e-mail addresses, handles and placeholders are left to TQ515 and
TQ516. When exactly one number of the source is missing and exactly one number of the target matches
nothing in the source, the finding is "changed" and points at that number; otherwise it names the
missing numbers and points at the segment. Segments with an empty translation are TQ530's.

Why: a wrong figure is the costliest error a news translation can make, and machine translation
makes it in its own ways: it drops a clause with a number, reads "1,5" as 15 or keeps "1,500" meaning
1.5, turns a time into another. The check is conservative (every reading of the source, every value
the target may stand for): on the WMT22 uk-en human reference it flags 1 of 2,018 segments (an idiom:
"повернулися на 180 градусів" → "turned around"), and it notices 95 % of the numbers changed by one
digit and 97 % of those deleted in that reference (``bench/bilingual_counts.py --inject``). A
number the source writes twice must be there twice; a time, a date or a day before a month must be
in digits ("a" or "first" elsewhere does not stand for the 1 of "1 березня").

Example: "Ціна зросла на 1,5%." translated "The price rose by 15%." (changed: 1.5 -> 15).
"""

from __future__ import annotations

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")


def _show(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".")


class NumberMismatch(Check):
    code = "TQ510"
    name = "number-mismatch"
    severity = Severity.ERROR
    category = Category.MISTRANSLATION
    layer = Layer.WORD
    flags = (
        ("Ціна зросла на 1,5%.", "The price rose by 15%."),
        ("Загинули 12 людей.", "Thirteen people died."),
        ("Бюджет - 1 000 000 грн.", "The budget is UAH 100,000."),
        ("Зустріч о 14:00, зал 5.", "The meeting is at 4 p.m."),
    )
    passes = (
        ("Ціна зросла на 1,5%.", "The price rose by 1.5%."),
        ("Бюджет - 1 000 000 грн.", "The budget is UAH 1,000,000."),
        ("Вони отримали 3,5 млн доларів.", "They received $3.5 million."),
        ("Загинули 2 людини.", "Two people died."),
        ("24 лютого 2022 року почалася війна.", "The war began on February 24, 2022."),
        ("Зустріч о 14:00.", "The meeting is at 2 p.m."),
        ("Пишіть на https://example.com/2022.", "Write to https://example.com/2022."),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments_with(ctx, bi.DIGIT):
            if not seg.target.strip():
                continue
            numbers = bi.source_numbers(seg.source)
            if not numbers:
                continue
            target = bi.target_numbers(seg.target)
            missing = bi.missing_numbers(numbers, target)
            if not missing:
                continue
            explained = {v for n in numbers for r in n.readings for v in r}
            strays = [t for t in target.tokens if not (t[2] & explained)]
            if len(missing) == 1 and len(strays) == 1:
                n = missing[0]
                s, e, _ = strays[0]
                shown = seg.target[s:e]
                yield ctx.finding(
                    self,
                    seg.pair.start + s,
                    seg.pair.start + e,
                    f"the source's {n.text!r} ({_show(n.readings[0][0])}) is {shown!r} here: a changed number",
                )
                continue
            listed = ", ".join(f"{n.text!r}" for n in missing)
            s, e = bi.segment_span(ctx, seg.pair)
            plural = "numbers" if len(missing) > 1 else "number"
            yield ctx.finding(
                self, s, e, f"{plural} of the source missing from the translation: {listed}",
                category=Category.OMISSION,
            )


CHECK = NumberMismatch
