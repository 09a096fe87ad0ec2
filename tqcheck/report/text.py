"""``path:line:col: CODE message``, one finding a line, for editors, grep and CI logs."""

from __future__ import annotations

from typing import TextIO

from ..bilingual import unit_at
from ..model import DocumentResult, Report
from . import Options, clean


def render(report: Report, out: TextIO, options: Options) -> None:
    for result in report.results:
        render_result(result, out, options)


def render_result(result: DocumentResult, out: TextIO, options: Options) -> None:
    """One document's lines: a stream of these is the whole report (there is no header or summary)."""
    path = clean(result.document.path)
    for f in result.findings:
        unit = unit_at(result.document, f.start)
        where = f" (unit {clean(unit.unit)})" if unit is not None and unit.unit != str(f.line) else ""
        out.write(f"{path}:{f.line}:{f.column}: {f.code} [{f.severity}] {clean(f.message)}{where}\n")
    for note in result.notes:
        if " skipped: " in note:  # said once per run by the CLI
            continue
        out.write(f"{path}: note: {clean(note)}\n")
