"""False-positive rate of the default checks on human-written text, per 1,000 words and per check.

    python bench/fp_rate.py ../shared/data/wmt22-uk-en/generaltest2022.uk-en.ref.A.en [--show N]

Counts warnings and errors (info findings are advice, not reported as problems). Each line of a WMT
file is an independent segment, but the file is checked as one document, as a user would check it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tqcheck import engine, registry  # noqa: E402
from tqcheck.loader import ignored_regions  # noqa: E402
from tqcheck.model import Document, Severity  # noqa: E402
from tqcheck.resources import Resources  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--show", type=int, default=0, help="print up to N findings per check")
    args = ap.parse_args()
    res = Resources()
    checks = [c() for c in registry.all_checks()]
    for path in args.paths:
        text = Path(path).read_text(encoding="utf-8")
        words = len(re.findall(r"\w+", text))
        doc = Document(path=path, text=text, ignored=ignored_regions(text, "text"))
        result = engine.check_document(doc, checks, res)
        counted = [f for f in result.findings if f.severity >= Severity.WARNING]
        by_code = Counter(f.code for f in counted)
        print(f"{path}: {words} words, {len(counted)} warnings+errors, {1000 * len(counted) / words:.3f} per 1,000 words")
        for c in checks:
            n = by_code.get(c.code, 0)
            print(f"  {c.code} {c.name:22} {n:5d}  {1000 * n / words:.3f}/1k")
            if args.show:
                for f in [f for f in counted if f.code == c.code][: args.show]:
                    line = text[text.rfind("\n", 0, f.start) + 1 : text.find("\n", f.end)]
                    print(f"      {f.line}:{f.column} {f.text!r}: {f.message}\n        | {line[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
