"""The terminal report: per document a summary line, each finding with its place and, where a fix
exists, the affected line as a word diff (removed words struck through in red, inserted in green);
a table by code at the end.

Document text only ever reaches rich through ``Text.append`` (never as markup) after ``clean``:
"[bold]" in an article stays literal, and an ESC byte cannot drive the terminal.
"""

from __future__ import annotations

import difflib
import re
from typing import TextIO

from ..bilingual import unit_at
from ..model import Document, DocumentResult, Finding, Report, Severity
from . import Options, clean, summary

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
WINDOW = 50  # characters of context each side of a change on a long line


def _console(out: TextIO, options: Options):
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=options.width or (None if options.color else 100),
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def render_result(result: DocumentResult, out: TextIO, options: Options) -> None:
    """One document's block, for a feed audit that writes items as they are checked (the audit
    prints its own summary at the end)."""
    _result(_console(out, options), result, options)


def render(report: Report, out: TextIO, options: Options) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console(out, options)
    for result in report.results:
        _result(console, result, options)
    for err in report.errors:
        console.print(Text("error: " + clean(str(err)), style="bold red"))
    stats = summary(report)
    if stats["findings"]:
        table = Table(title="Findings by code", title_justify="left", show_edge=False)
        table.add_column("code")
        table.add_column("name")
        table.add_column("severity")
        table.add_column("count", justify="right")
        names = {f.code: (f.name, f.severity) for f in report.findings}
        for code, n in stats["by_code"].items():  # type: ignore[union-attr]
            name, sev = names[code]
            table.add_row(code, name, Text(str(sev), style=STYLE[sev]), str(n))
        console.print()
        console.print(table)
    if report.terminology is not None and report.terminology[1]:
        matched, total = report.terminology
        console.print(Text(f"terminology success rate: {matched}/{total} = {100 * matched / total:.1f}% "
                           "(glossary terms of the source translated with an accepted form)"))
    console.print(
        Text(
            f"{stats['documents']} document(s) checked, {stats['findings']} finding(s)"
            + (f", {len(report.errors)} input error(s)" if report.errors else ""),
            style="bold",
        )
    )


def _result(console, result: DocumentResult, options: Options) -> None:
    from rich.text import Text

    doc = result.document
    head = Text()
    head.append(clean(doc.path), style="bold")
    counts = _counts(result.findings)
    if not result.findings:
        head.append(" — no findings", style="green")
    else:
        head.append(f" — {len(result.findings)} finding{'s' * (len(result.findings) != 1)} ")
        head.append(f"({counts})")
    if doc.source_lang:
        head.append(f"  [{doc.source_lang}→{doc.lang}]", style="dim")
    console.print(head)
    for f in result.findings:
        line = Text("  ")
        line.append(f"{f.line}:{f.column}".ljust(8), style="dim")
        unit = unit_at(doc, f.start)
        if unit is not None and unit.unit != str(f.line):
            line.append(f"[{clean(unit.unit)}] ", style="dim")
        line.append(f.code, style="bold")
        line.append(" ")
        line.append(str(f.severity).ljust(8), style=STYLE[f.severity])
        line.append(clean(f.message))
        if f.suggestions and f.fix is None:
            line.append("  → ", style="dim")
            line.append(clean(" | ".join(f.suggestions)), style="green")
        console.print(line)
        if options.fixes and f.fix is not None and doc.text:  # an audit's feed-level findings have no text
            console.print(_diff_line(doc, f, Text, options.color))
    if options.side_by_side and doc.pairs:
        from ..mt.backtranslate import render_side_by_side

        back = (options.back_translations or {}).get(doc.path)
        render_side_by_side(doc, result.findings, back, console)
    for note in result.notes:
        if " skipped: " not in note:  # said once per run by the CLI
            console.print(Text("  note: " + clean(note), style="magenta"))


def _counts(findings: tuple[Finding, ...]) -> str:
    parts = []
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for f in findings if f.severity == sev)
        if n:
            parts.append(f"{n} {sev}{'s' * (n != 1)}")
    return ", ".join(parts)


def fixed_line(doc: Document, f: Finding) -> tuple[str, str | None, int]:
    """The line holding the finding, the same line with the finding's fix applied (None when the fix
    deletes the whole line), and the offset of the shown part in the text."""
    text = doc.text
    ls, le = doc.lines.line_span(text, f.start)
    le = max(le, min(len(text), f.end))
    if f.fix is None:
        return text[ls:le], text[ls:le], ls
    edits = sorted(f.fix.edits, key=lambda e: e.start)
    if any(e.start <= ls and e.end >= le and not e.replacement for e in edits):
        return text[ls:le], None, ls
    a, b = ls, le
    if b - a > 2 * WINDOW + 40:  # a long line: show the neighbourhood of the change only, from and
        a = max(ls, f.start - WINDOW)  # to word boundaries
        b = min(le, f.end + WINDOW)
        a = text.find(" ", a, f.start) + 1 if a > ls and " " in text[a : f.start] else a
        b = text.rfind(" ", f.end, b) if b < le and " " in text[f.end : b] else b
    out, pos = [], a
    for e in edits:
        s, t = max(e.start, a), min(e.end, b)
        if s > t:
            continue
        out.append(text[pos:s])
        out.append(e.replacement)
        pos = t
    out.append(text[pos:b])
    return text[a:b], "".join(out), a


def _diff_line(doc: Document, f: Finding, Text, color: bool):  # Text passed in to keep rich lazy
    """Without colour, removals read [-like this-] and insertions {+like this+}, as wdiff writes them."""
    before, after, start = fixed_line(doc, f)
    line = Text("          ")
    ls, le = doc.lines.line_span(doc.text, f.start)
    if start > ls:
        line.append("…", style="dim")
    if after is None:
        line.append(clean(before), style="red strike")
        line.append("  (line deleted)", style="dim")
        return line
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            line.append(clean("".join(old[i1:i2])))
            continue
        if i2 > i1:
            removed = clean("".join(old[i1:i2]))
            line.append(removed if color else f"[-{removed}-]", style="red strike")
        if j2 > j1:
            added = clean("".join(new[j1:j2]))
            line.append(added if color else f"{{+{added}+}}", style="green")
    if start + len(before) < le:
        line.append("…", style="dim")
    return line
