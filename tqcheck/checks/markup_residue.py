"""Markup residue: HTML tags, tag fragments, attribute runs, entities, stray ``>>>``.

What it does: finds what a scraper leaves when it strips HTML badly: whole tags (``<br>``, ``</p>``),
the tails of half-removed tags (``type="image/webp">``), character entities (``&nbsp;``, ``&#8217;``),
shortcodes (``[caption id="..."]``) and runs of ``>>>``. Adjacent pieces are reported as one finding.
In Markdown, complete tags are legitimate and are not reported; fragments and entities still are.

Why: readers see the raw markup; it also tells them the page was copied by a machine.

Example: ``type="image/webp"> type="image/jpeg">>>`` on a line of its own, left from a ``<picture>``
element. Fix: delete the run (and the line, when nothing else is on it).
"""

from __future__ import annotations

import re
from html.entities import html5

from ..model import Category, Edit, Fix, Layer, Severity
from .base import Check, Context

_TAG = r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'<>=`]+))?)*\s*/?>"
_ATTR = r"[A-Za-z_:][\w:.-]*=(?:\"[^\"\n]*\"|'[^'\n]*')"
# attribute runs: one or more attributes closed by ">" (the tag's start was cut off), or two or more
_ATTR_RUN = rf"{_ATTR}(?:\s+{_ATTR})*\s*/?>+|{_ATTR}(?:\s+{_ATTR})+"
_ENTITY = r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_SHORTCODE = r"\[/?(?:caption|embed|gallery|video|audio|img|url|quote|b|i)(?:\s[^\]\n]{0,200})?\]"
_ARROWS = r"(?<![>=-])>{3,}"

PIECE = re.compile("|".join(f"(?P<{n}>{p})" for n, p in [
    ("attrs", _ATTR_RUN), ("tag", _TAG), ("entity", _ENTITY), ("shortcode", _SHORTCODE), ("arrows", _ARROWS),
]))
_TRIGGER = re.compile(r"[<>&=\[]")
KIND = {
    "attrs": "HTML attribute fragment",
    "tag": "HTML tag",
    "entity": "HTML character entity",
    "shortcode": "shortcode",
    "arrows": "stray '>>>'",
}


class MarkupResidue(Check):
    code = "TQ103"
    name = "markup-residue"
    severity = Severity.ERROR
    category = Category.MARKUP
    layer = Layer.ARTEFACT
    masks = frozenset({Layer.WORD, Layer.STYLE})
    flags = (
        'type="image/webp"> type="image/jpeg">>>',
        "Prices rose&nbsp;sharply.",
        "The minister said<br> that talks continue.",
        '[caption id="attachment_5" align="alignnone"]',
    )
    passes = (
        "Prices rose by 5% (from 3 > 2 in real terms).",
        "AT&T and Procter & Gamble reported results.",
        'He said "no" twice.',
        "x = 5 and y > 3",
    )

    def run(self, ctx: Context):
        markdown = ctx.document.format == "markdown"
        for line_start, line_end in ctx.lines_with(_TRIGGER):
            yield from self._line(ctx, line_start, line_end, markdown)

    def _line(self, ctx: Context, line_start: int, line_end: int, markdown: bool):
        text = ctx.text
        run_start = run_end = -1
        kinds: list[str] = []
        for m in PIECE.finditer(text, line_start, line_end):
            kind = m.lastgroup or "tag"
            if kind == "entity" and (markdown or not _is_entity(m.group())):
                continue
            if kind == "tag" and markdown:
                continue
            s, e = m.span()
            if run_end >= 0 and not text[run_end:s].strip(" \t"):
                run_end = e
                kinds.append(kind)
                continue
            if run_end >= 0:
                yield self._finding(ctx, run_start, run_end, kinds)
            run_start, run_end, kinds = s, e, [kind]
        if run_end >= 0:
            yield self._finding(ctx, run_start, run_end, kinds)

    def _finding(self, ctx: Context, start: int, end: int, kinds: list[str]):
        text = ctx.text
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le == -1 else le
        if not (text[ls:start] + text[end:le]).strip():
            a, b = ctx.line_deletion(start, end)
        else:
            a, b = start, end
            # keep one space between the words the residue separated
            if a > 0 and b < len(text) and text[a - 1] == " " and text[b] in " \t":
                b += 1
        names = sorted(set(KIND[k] for k in kinds), key=list(KIND.values()).index)
        return ctx.finding(
            self,
            start,
            end,
            f"markup residue ({', '.join(names)}) left in the text",
            fix=Fix((Edit(a, b, ""),), safe=True, description="delete the markup"),
        )


def _is_entity(s: str) -> bool:
    if s[1] == "#":
        return True
    return s[1:] in html5


CHECK = MarkupResidue
