"""JSON Lines: one object per finding, nothing else (no header, no summary), so that a stream of
results can be appended to, split, grepped and loaded line by line (``jq -c``, pandas ``lines=True``).

Each object is the finding's JSON contract with the document's ``path`` first, the ``unit`` of a
bilingual document (as the JSON report gives it) and the ``item`` of a feed article."""

from __future__ import annotations

import dataclasses
import json
from typing import TextIO

from ..model import DocumentResult, Report
from . import Options
from .json_report import _finding


def render(report: Report, out: TextIO, options: Options) -> None:
    for result in report.results:
        render_result(result, out, options)


def render_result(result: DocumentResult, out: TextIO, options: Options) -> None:
    doc = result.document
    item = dataclasses.asdict(doc.item) if doc.item is not None else None
    for f in result.findings:
        obj = {"path": doc.path, **_finding(doc, f)}
        if item is not None:
            obj["item"] = item
        out.write(_one_line(json.dumps(obj, ensure_ascii=False)) + "\n")


# ensure_ascii=False keeps Cyrillic readable and json escapes C0 controls, but NEL and the Unicode line
# and paragraph separators stay raw, and str.splitlines() splits on them: a reader using it would see a
# record cut in two. Outside strings JSON has no such characters, so escaping them is always valid.
_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _one_line(text: str) -> str:
    return text.translate(_BREAKS)
