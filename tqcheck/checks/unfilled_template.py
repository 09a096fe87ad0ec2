"""Unfilled template: "4 hour(s) ago", ``{name}``, ``%s``, ``{{...}}``.

What it does: finds placeholders a publishing system should have filled in: the "(s)" plural of a
counted unit ("4 hour(s) ago", "3 comment(s)"), format fields (``{name}``, ``{0}``), printf directives
(``%s``, ``%d``, ``%(name)s``), template tags (``{{ title }}``, ``${var}``).

Why: they come from the page template, not the article, and read as broken text.

Example: "4 hour(s) ago". Suggested: "4 hours ago" (an unsafe fix: the time itself is stale anyway).
"""

from __future__ import annotations

import re

from ..model import Category, Edit, Fix, Layer, Severity
from .base import Check, Context

_UNITS = r"second|minute|hour|day|week|month|year|comment|view|reply|share|like|item|result|photo|video|vote|point|time"
PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<plural>\b(?P<n>\d+)\s+(?P<unit>(?:{_UNITS}))\(s\))",
            rf"(?P<bare>\b(?:{_UNITS})\(s\)\s+ago\b)",
            r"(?P<jinja>\{\{[^{}\n]{0,80}\}\}|\{%[^{}\n]{0,80}%\})",
            r"(?P<field>(?<![{\w$\\])\{(?:[A-Za-z_][\w.]{0,40}|\d{1,2})\}(?!\}))",
            r"(?P<printf>(?<![\w%])%(?:\d+\$)?(?:\([A-Za-z_]\w*\))?[-+ #0]?\d*(?:\.\d+)?[sdif](?![\w%]))",
            r"(?P<shell>\$\{[A-Za-z_]\w*\})",
        ]
    )
)

# what every pattern needs; "%" alone would send every line with a percentage to the full pattern
_TRIGGER = re.compile(r"\(s\)|[{$]|%[-+ #0-9.(]*[sdif]")


class UnfilledTemplate(Check):
    code = "TQ104"
    name = "unfilled-template"
    severity = Severity.ERROR
    category = Category.MARKUP
    layer = Layer.ARTEFACT
    masks = frozenset({Layer.WORD, Layer.STYLE})
    flags = ("4 hour(s) ago", "Hello, {name}!", "Published %s by %s", "{{ article.title }}", "${headline}")
    passes = (
        "Applicants must list their referee(s) in writing.",
        "Interest rates rose to 5% in June, and 4% in July.",
        "The set {1, 2, 3} is finite.",
        "4 hours ago",
    )

    def run(self, ctx: Context):
        for line_start, line_end in ctx.lines_with(_TRIGGER):
            yield from self._line(ctx, line_start, line_end)

    def _line(self, ctx: Context, line_start: int, line_end: int):
        for m in PATTERN.finditer(ctx.text, line_start, line_end):
            fix = None
            suggestions: tuple[str, ...] = ()
            if m.group("plural"):
                n, unit = int(m.group("n")), m.group("unit")
                word = unit if n == 1 else unit + ("es" if unit.endswith(("sh", "ch", "s", "x")) else "s")
                repl = f"{m.group('n')} {word}"
                suggestions = (repl,)
                fix = Fix((Edit(m.start(), m.end(), repl),), safe=False, description="choose the plural")
                what = "unfilled plural '(s)' of a counted unit"
            else:
                what = "unfilled template placeholder"
            yield ctx.finding(self, m.start(), m.end(), what, suggestions=suggestions, fix=fix)


CHECK = UnfilledTemplate
