"""Throughput of `tqcheck check` against `proselint check` on the same text, in one run.

    python bench/check_vs_proselint.py [--repeat 5]

The text is the ten WMT22 uk-en system outputs concatenated (1.6 MB), read from ../shared (the
benchmark says so and stops when it is absent). Both commands run as users run them, as fresh
processes with their start-up included, interleaved so that machine noise hits both alike; the
figures are the median and best of the repeats. Targets (issue 2): tqcheck at least 3x proselint's
throughput, and under 0.5 s wall time to check the seed article from a cold start.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _timing import timed  # noqa: E402
WMT = ROOT.parent / "shared" / "data" / "wmt22-uk-en"
SEED = ROOT / "corpora" / "seed" / "mt-news-uk-en-001.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    hyps = sorted(WMT.glob("*.hyp.*.en"))
    if not hyps:
        print(f"skipped: no WMT22 system outputs under {WMT}")
        return 0
    proselint = shutil.which("proselint")
    if proselint is None:
        print("skipped: proselint is not installed (pip install -e '.[bench]')")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "wmt22-hyps.en"
        data.write_bytes(b"".join(p.read_bytes() for p in hyps))
        mb = data.stat().st_size / 1e6
        tq = [sys.executable, "-m", "tqcheck", "check", str(data), "--format", "text"]
        pl = [proselint, "check", str(data)]
        timed(tq)  # warm-up: bytecode and file caches, for both
        timed(pl)
        times: dict[str, list[float]] = {"tqcheck": [], "proselint": []}
        cpu: dict[str, list[float]] = {"tqcheck": [], "proselint": []}
        for _ in range(args.repeat):
            times["tqcheck"].append(timed(tq, cpu["tqcheck"]))
            times["proselint"].append(timed(pl, cpu["proselint"]))
        seed = [timed([sys.executable, "-m", "tqcheck", "check", str(SEED)]) for _ in range(args.repeat)]
    med = {k: statistics.median(v) for k, v in times.items()}
    best = {k: min(v) for k, v in times.items()}
    print(f"input: {len(hyps)} WMT22 uk-en system outputs, {mb:.2f} MB; {args.repeat} interleaved runs each")
    for k in times:
        print(f"  {k:10} median {med[k]:.3f} s ({mb / med[k]:.2f} MB/s)   best {best[k]:.3f} s ({mb / best[k]:.2f} MB/s)")
    print(f"  throughput ratio tqcheck/proselint: median {med['proselint'] / med['tqcheck']:.2f}x, "
          f"best {best['proselint'] / best['tqcheck']:.2f}x   (target >= 3x)")
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    print(f"  CPU time (user+sys) median: tqcheck {cmed['tqcheck']:.3f} s, proselint {cmed['proselint']:.3f} s, "
          f"ratio {cmed['proselint'] / cmed['tqcheck']:.2f}x")
    print(f"  seed article, cold start: median {statistics.median(seed):.3f} s, best {min(seed):.3f} s (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
