"""Shared body of the two rule-pack checks (TQ101 notices, TQ102 boilerplate)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Edit, Finding, Fix
from .base import Check, Context


def run_rules(check: Check, ctx: Context) -> Iterator[Finding]:
    rules = ctx.resources.rule_set(check.code)
    if not rules.rules:
        return
    text = ctx.text
    for start, end in ctx.line_spans:
        if start == end:
            continue
        for m in rules.search_line(text, start, end):
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
                if b < len(text) and text[b] == " " and (a == start or text[a - 1] == " "):
                    b += 1
                description = "delete the text"
            yield ctx.finding(
                check,
                s,
                e,
                f"{m.rule.message} [{m.rule.kind}: {m.rule.id}]",
                fix=Fix((Edit(a, b, ""),), safe=True, description=description),
            )
