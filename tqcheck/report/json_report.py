"""The JSON contract (README, "JSON output"): stable keys, offsets in code points."""

from __future__ import annotations

import json
from typing import TextIO

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
                "findings": [f.to_dict() for f in r.findings],
                "notes": list(r.notes),
            }
            for r in report.results
        ],
        "summary": summary(report),
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
