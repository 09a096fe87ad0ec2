"""Reporters, chosen by name. Each module has ``render(report, out, options)``; none decides the exit
status (the CLI does), and none parses document text as markup.

Line-oriented formats (text, jsonl, github) also have ``render_result(result, out, options)``, one
document's lines, so that a long run (a feed audit) can write each document's results as they arrive;
their ``render`` is a loop over it, so the two cannot drift apart."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Protocol, TextIO

from ..model import Document, DocumentResult, Report

FORMATS = {
    "rich": "tqcheck.report.rich_report",
    "text": "tqcheck.report.text",
    "json": "tqcheck.report.json_report",
    "jsonl": "tqcheck.report.jsonl",
    "sarif": "tqcheck.report.sarif",
    "junit": "tqcheck.report.junit",
    "github": "tqcheck.report.github",
    "html": "tqcheck.report.html_report",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Options:
    color: bool = True
    width: int | None = None
    version: str = ""
    fixes: bool = True  # show the fixed line under each finding (rich)
    side_by_side: bool = False  # bilingual documents as a source | target | back-translation table (rich)
    back_translations: dict[str, list[str]] | None = None  # by document path, computed by the CLI
    information_uri: str = "https://pypi.org/project/tqcheck/"  # where a SARIF viewer links the tool


class Render(Protocol):
    def __call__(self, report: Report, out: TextIO, options: Options) -> None: ...


class RenderResult(Protocol):
    def __call__(self, result: DocumentResult, out: TextIO, options: Options) -> None: ...


def get(name: str) -> Render:
    return importlib.import_module(FORMATS[name]).render  # type: ignore[no-any-return]


def get_result(name: str) -> RenderResult | None:
    """The format's one-document renderer, for streaming; None when the format needs the whole report
    (a JSON document, SARIF, JUnit and HTML are one tree written at the end)."""
    return getattr(importlib.import_module(FORMATS[name]), "render_result", None)


def artifact_path(document: Document) -> str:
    """The file a finding should point at: the feed for one of its items, else the document's path."""
    return document.item.feed if document.item is not None else document.path


def file_positions(document: Document) -> bool:
    """Whether a finding's line:column is a line:column of the file at ``artifact_path``. Not for a
    feed item (they count in the item's text) nor for TSV/JSON Lines/XLIFF/PO/TMX units (they count in
    the joined target text); line-aligned bilingual files are plain or Markdown text and do match."""
    if document.item is not None:
        return False
    return not (document.pairs and document.format not in ("text", "markdown"))


def clean(text: str) -> str:
    """Terminal-safe: control characters (ESC, bidi overrides, CR...) shown as ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)


def summary(report: Report) -> dict[str, object]:
    by_code: dict[str, int] = {}
    by_severity = {"error": 0, "warning": 0, "info": 0}
    for f in report.findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
        by_severity[str(f.severity)] += 1
    return {
        "documents": len(report.results),
        "findings": sum(by_code.values()),
        "by_severity": by_severity,
        "by_code": dict(sorted(by_code.items())),
        "errors": [str(e) for e in report.errors],
        **(
            {"terminology": {"matched": report.terminology[0], "total": report.terminology[1],
                             "rate": report.terminology[0] / report.terminology[1] if report.terminology[1] else None}}
            if report.terminology is not None
            else {}
        ),
    }
