"""False positives of the feed-level checks on human-written text: the WMT22 human reference cut into
items, audited as one feed.

    python bench/feed_fp.py [--lines 15] [--show 20]

The reference (2,018 segments, a human translation) is cut into items of N consecutive segments (the
test set does not mark its documents; consecutive segments mostly come from one), written as JSON
Lines and audited with ``tqcheck audit``. Every TQ106 (feed boilerplate) and TQ305 (cross-item
spelling) finding on it is printed: on human text each is a false positive, or a real inconsistency
of the human translation, which the listing lets a reader judge.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT.parent / "shared" / "data" / "wmt22-uk-en" / "generaltest2022.uk-en.ref.A.en"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=15, help="segments per item (default 15)")
    ap.add_argument("--show", type=int, default=20, help="list at most N findings per check")
    args = ap.parse_args()
    if not REF.exists():
        sys.exit(f"{REF} is missing: this benchmark needs ../shared")
    lines = REF.read_text(encoding="utf-8").splitlines()
    words = sum(len(line.split()) for line in lines)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "reference.jsonl"
        with open(feed, "w", encoding="utf-8") as fh:
            for n, i in enumerate(range(0, len(lines), args.lines), 1):
                fh.write(json.dumps({"id": f"ref-{n}", "text": "\n\n".join(lines[i : i + args.lines])}) + "\n")
        r = subprocess.run([sys.executable, "-m", "tqcheck", "audit", str(feed), "--format", "jsonl",
                            "--select", "TQ106,TQ305", "-q"], capture_output=True, check=False, cwd=ROOT)
        if r.returncode not in (0, 1):
            sys.exit(r.stderr.decode())
    found = [json.loads(line) for line in r.stdout.decode().splitlines()]
    items = -(-len(lines) // args.lines)
    print(f"{REF.name}: {len(lines)} segments, {words} words, {items} items of {args.lines} segments")
    by_code = collections.defaultdict(list)
    for f in found:
        by_code[f["code"]].append(f)
    for code in ("TQ106", "TQ305"):
        hits = by_code.get(code, [])
        print(f"{code}: {len(hits)} findings = {1000 * len(hits) / words:.3f} per 1,000 words")
        for f in hits[: args.show]:
            print(f"  {f['path'].rsplit('/', 1)[-1]}:{f['line']}: {f['text'][:60]!r}: {f['message']}")


if __name__ == "__main__":
    main()
