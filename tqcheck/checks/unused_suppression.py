"""Unused suppression: an inline ``tqcheck: ignore`` that no longer suppresses anything.

What it does: after the engine has applied a document's inline suppressions (see ``tqcheck.suppress``
for the syntax), reports each directive, or each code named in one, that suppressed no finding, and
directives it cannot read (an unknown verb or code). Only checks that ran count: a directive for a
check left out by ``--select`` or ``--ignore`` is not reported. Corpus checks (TQ106, TQ305) report
after the document, so a directive naming only them is never reported.

Why: a suppression outlives the text it was written for. Once the word it excused is edited away,
it silently excuses the next problem on that line; ruff's RUF100 reports unused ``noqa`` for the same
reason.

Example: ``Kyiv was shelled overnight. <!-- tqcheck: ignore TQ201 -->`` where the line holds no
Cyrillic any more. Suggested: delete the directive.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Category, Edit, Finding, Fix, Layer, Severity
from .base import Check, Context


class UnusedSuppression(Check):
    code = "TQ901"
    name = "unused-suppression"
    severity = Severity.WARNING
    category = Category.STYLE
    layer = Layer.STYLE
    reports_unused_suppressions = True
    flags = (
        "Kyiv was shelled overnight. <!-- tqcheck: ignore TQ999 -->\n",  # no such check
        "Kyiv was shelled overnight.\n<!-- tqcheck: enable TQ201 -->\n",  # nothing disabled
    )
    passes = (
        "Kyiv was shelled overnight.\n",
        # TQ201 did not run here, so its directive cannot be judged unused
        "Київ was shelled overnight. <!-- tqcheck: ignore TQ201 -->\n",
    )

    def run(self, ctx: Context) -> Iterable[Finding]:
        return ()  # the engine calls ``report`` once suppressions are applied

    def report(self, ctx: Context, unused: Iterable[object]) -> list[Finding]:
        out = []
        for u in unused:
            fix = None
            if getattr(u, "removable", False):
                a, b = u.start, u.end  # type: ignore[attr-defined]
                text = ctx.text
                ls = text.rfind("\n", 0, a) + 1
                le = text.find("\n", b)
                le = len(text) if le == -1 else le
                if not (text[ls:a] + text[b:le]).strip():  # alone on its line: the line goes too
                    a, b = ctx.line_deletion(a, b)
                else:  # at the end of a line: with the white space before it
                    while a > ls and text[a - 1] in " \t":
                        a -= 1
                fix = Fix((Edit(a, b, ""),), safe=True, description="delete the directive")
            out.append(ctx.finding(self, u.start, u.end, u.message, fix=fix))  # type: ignore[attr-defined]
        return out


CHECK = UnusedSuppression
