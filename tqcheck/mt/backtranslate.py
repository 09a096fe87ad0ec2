"""Back-translation of a bilingual document, and the side-by-side view of the rich report.

A reader who does not know the source language can still judge a translation by reading it
translated back: source | published target | back-translation, one row per aligned unit, with the
findings marked. ``back_translate`` gives the third column (offline, through ``tqcheck.mt.argos``);
``render_side_by_side`` draws the table (``side_by_side_rows`` gives its cells).

Document text reaches rich only through ``Text.append`` after ``report.clean``: "[bold]" in an
article stays literal and an ESC byte cannot drive the terminal.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Document, Finding, Severity

if TYPE_CHECKING:
    from rich.console import Console

STYLE = {Severity.ERROR: "bold red reverse", Severity.WARNING: "black on yellow", Severity.INFO: "black on cyan"}
SOURCE_STYLE = "underline"  # a source unit whose translation has findings (no word alignment: the whole unit)


def back_translate(document: Document) -> list[str]:
    """The target of each aligned unit translated back into the source language, in unit order.
    Raises ``tqcheck.mt.argos.MTUnavailable`` (one line: what to install) when that is not possible,
    and ``ValueError`` for a document that is not bilingual."""
    from . import argos

    if document.source is None or not document.pairs:
        raise ValueError(f"{document.path}: not a bilingual document (no source text)")
    if not document.source_lang:
        raise argos.MTUnavailable("the source language is unknown: pass --source-lang")
    segments = [document.text[p.start:p.end] for p in document.pairs]
    return argos.translate_segments(segments, document.lang, document.source_lang)


def render_side_by_side(document: Document, findings: Sequence[Finding], back: Sequence[str] | None,
                        console: Console) -> None:
    """One row per unit: its id (and the codes found in it), the source, the target with each
    finding's span highlighted by severity, and the back-translation (``back``; None or empty leaves
    the column out). The source of a unit with findings is underlined: without a word alignment the
    whole unit is marked."""
    from rich.table import Table

    from ..report import clean

    table = Table(show_lines=True, expand=True, title=clean(document.path), title_justify="left")
    table.add_column("#", no_wrap=True, style="dim")
    table.add_column(f"source ({document.source_lang or '?'})", ratio=1)
    table.add_column(f"target ({document.lang})", ratio=1)
    if back:
        table.add_column(f"back-translation ({document.source_lang or '?'})", ratio=1)
    for row in side_by_side_rows(document, findings, back):
        table.add_row(*row)
    console.print(table)


def side_by_side_rows(document: Document, findings: Sequence[Finding], back: Sequence[str] | None) -> list[list]:
    """The cells of ``render_side_by_side`` as rich ``Text`` objects, one list per unit: id, source,
    target and, when ``back`` is given, the back-translation."""
    from rich.text import Text

    from ..report import clean

    if document.source is None:
        raise ValueError(f"{document.path}: not a bilingual document (no source text)")
    source = document.source
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    rows = []
    for i, p in enumerate(document.pairs):
        # overlapping the unit, or an empty span at its start (an empty target)
        inside = [f for f in ordered if (f.start < p.end and f.end > p.start) or f.start == f.end == p.start]
        unit = Text(clean(p.unit))
        for code in dict.fromkeys(f.code for f in inside):
            unit.append("\n" + code, style="bold")
        src = Text()
        src.append(clean(source[p.source_start:p.source_end]), style=SOURCE_STYLE if inside else "")
        row = [unit, src, _highlighted(document.text, p.start, p.end, inside)]
        if back:
            b = Text()
            b.append(clean(back[i]) if i < len(back) else "", style="italic")
            row.append(b)
        rows.append(row)
    return rows


def _highlighted(text: str, start: int, end: int, findings: Sequence[Finding]):
    """``text[start:end]`` with the findings' spans (clipped to it) styled by severity; where spans
    overlap, the more severe one wins."""
    from rich.text import Text

    from ..report import clean

    out = Text()
    # the most severe finding covering each character, as runs
    cuts = sorted({start, end, *(min(max(f.start, start), end) for f in findings),
                   *(min(max(f.end, start), end) for f in findings)})
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        covering = [f for f in findings if f.start <= a and f.end >= b]
        style = STYLE[max(f.severity for f in covering)] if covering else ""
        out.append(clean(text[a:b]), style=style)
    return out
