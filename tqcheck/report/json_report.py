"""The JSON contract (README, "JSON output"): stable keys, offsets in code points."""

from __future__ import annotations

import json
from typing import TextIO

from ..bilingual import unit_at
from ..model import Report
from . import Options, summary


def render(report: Report, out: TextIO, options: Options) -> None:
    doc = {
        "tool": {"name": "tqcheck", "version": options.version},
        "documents": [
            {
                "path": r.document.path,
                "lang": r.document.lang,
                "source_lang": r.document.source_lang,
                **({"source_path": r.document.source_path} if r.document.source is not None else {}),
                "findings": [_finding(r.document, f) for f in r.findings],
                "notes": list(r.notes),
            }
            for r in report.results
        ],
        "summary": summary(report),
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _finding(document, finding) -> dict[str, object]:
    """The finding's contract fields; in a bilingual document also ``unit``, the id of its unit
    (an XLIFF id, a line number), since line numbers count units of the joined target text."""
    out = finding.to_dict()
    unit = unit_at(document, finding.start)
    if unit is not None:
        out["unit"] = unit.unit
    return out
