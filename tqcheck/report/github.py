"""GitHub Actions workflow commands, one a line: the runner turns each into an annotation on the pull
request's diff (``::error file=a.txt,line=3,col=5,...,title=TQ301 glossary-term::message``).

The runner reads ``%``, CR and LF as escapes in the message, and also ``:`` and ``,`` in properties
(they delimit them), so all document data is escaped the way GitHub's own toolkit does
(``@actions/core``: ``escapeData``/``escapeProperty``); otherwise a message with a line break
could end the command and start another one of the article's choosing (``::add-mask::``, ...).
"""

from __future__ import annotations

from typing import TextIO

from ..bilingual import unit_at
from ..model import DocumentResult, InputError, Report, Severity
from . import Options, artifact_path, clean, file_positions

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, out: TextIO, options: Options) -> None:
    for result in report.results:
        render_result(result, out, options)
    for error in report.errors:
        render_error(error, out, options)


def render_result(result: DocumentResult, out: TextIO, options: Options) -> None:
    doc = result.document
    file = artifact_path(doc)
    exact = file_positions(doc)
    for f in result.findings:
        props: dict[str, object] = {"file": file}
        if exact:
            props.update(line=f.line, col=f.column, endLine=f.end_line, endColumn=f.end_column)
        elif doc.item is not None and doc.item.line is not None:
            props["line"] = doc.item.line  # a JSON Lines feed: the item's line, no column within it
        props["title"] = f"{f.code} {f.name}"
        message = f.message
        if not exact:  # say where, since the annotation cannot
            unit = unit_at(doc, f.start)
            where = f"unit {unit.unit}" if unit is not None else f"line {f.line}, column {f.column}"
            if doc.item is not None:
                where = f"{doc.item.id or f'item {doc.item.index}'}, {where}"
            message = f"{message} ({where})"
        out.write(_command(COMMAND[f.severity], props, message))
    for note in result.notes:
        if " skipped: " not in note:  # said once per run by the CLI
            out.write(_command("notice", {"file": file, "title": "tqcheck note"}, note))


def render_error(error: InputError, out: TextIO, options: Options) -> None:
    """An input that could not be read, as an error annotation on that file (streaming callers call
    this for each ``InputError``; ``render`` does it after the documents)."""
    out.write(_command("error", {"file": error.path}, error.message))


def _command(name: str, props: dict[str, object], message: str) -> str:
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{name} {joined}::{escape_data(message)}\n"


def escape_data(text: str) -> str:
    """GitHub's escapes, then ``clean``: the log viewer renders ANSI sequences, so ESC and bidi
    controls from an article are shown as ``\\xNN`` instead (CR and LF are already gone)."""
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
