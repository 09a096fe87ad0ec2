"""Date mismatch: a month of the source is missing from the translation or another month is there.

What it does: finds the months a source segment names, in Ukrainian or Russian words in any case form
("24 лютого", "у березні", "3 мая") or in an unambiguous numeric date ("24.02.2022"), and looks for
each in the target segment: an English month name, full or abbreviated ("February", "Feb."), or the
month of a numeric date ("2/24/2022", "24.02.2022"). Words that are also other words count as months
only next to a day or a year: лютий is also "fierce", май/мая also "I have" in Ukrainian, Август a
name. A missing month is a warning; a missing month while the translation names another one is an
error (the month changed), pointing at that month.

Why: a date is a fact: a month dropped or changed (червень is June, липень July, листопад November
and also "leaf fall") misreports when something happened, and nothing else in the sentence shows it.

Example: "Угоду підписали 12 липня." translated "The agreement was signed on June 12." ("June": July).
"""

from __future__ import annotations

import calendar

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")


class DateMismatch(Check):
    code = "TQ511"
    name = "date-mismatch"
    severity = Severity.ERROR
    category = Category.MISTRANSLATION
    layer = Layer.WORD
    flags = (
        ("Угоду підписали 12 липня.", "The agreement was signed on June 12."),
        ("Війна почалася 24.02.2022.", "The war began on 24 March 2022."),
        ("Це сталося у листопаді.", "It happened last year."),
    )
    passes = (
        ("Угоду підписали 12 липня.", "The agreement was signed on July 12."),
        ("24 лютого 2022 року почалася війна.", "The war began on 24 Feb. 2022."),
        ("Війна почалася 24.02.2022.", "The war began on 24.02.2022."),
        ("Це був лютий ворог.", "It was a fierce enemy."),
        ("Я маю час.", "I have time."),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments_with(ctx, *bi.MONTH_TRIGGERS, lower=True):
            if not seg.target.strip():
                continue
            months = bi.source_months(seg.source)
            if not months:
                continue
            target = bi.target_numbers(seg.target)
            missing = sorted({m for m, _, _ in months if m not in target.months})
            if not missing:
                continue
            wanted = " and ".join(calendar.month_name[m] for m in missing)
            others = [m for m in bi._MONTHS_EN.finditer(seg.target)
                      if int(m.lastgroup[1:]) not in {k for k, _, _ in months}]  # type: ignore[index]
            if others:
                o = others[0]
                yield ctx.finding(
                    self, seg.pair.start + o.start(), seg.pair.start + o.end(),
                    f"the source's month is {wanted}, the translation says {o.group(0)!r}",
                    suggestions=tuple(calendar.month_name[m] for m in missing),
                )
                continue
            s, e = bi.segment_span(ctx, seg.pair)
            yield ctx.finding(
                self, s, e, f"the source names {wanted}; the translation does not",
                severity=Severity.WARNING, category=Category.OMISSION,
            )


CHECK = DateMismatch
