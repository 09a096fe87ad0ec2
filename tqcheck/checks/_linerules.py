"""Shared body of the two rule-pack checks (TQ101 notices, TQ102 boilerplate)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Edit, Finding, Fix
from .base import Check, Context


def run_rules(check: Check, ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for m in ctx.rule_matches:
        if m.rule.check != check.code:
            continue
        s, e = m.start, m.end
        if m.rule.scope == "line":
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            a, b = ctx.line_deletion(s, e)
            description = "delete the line"
        else:
            a, b = s, e
            # swallow one space so that deleting "(Photo: X) " leaves no double space
            if b < len(text) and text[b] == " " and (a == 0 or text[a - 1] in " \n"):
                b += 1
            description = "delete the text"
        yield ctx.finding(
            check,
            s,
            e,
            f"{m.rule.message} [{m.rule.kind}: {m.rule.id}]",
            fix=Fix((Edit(a, b, ""),), safe=True, description=description),
        )
