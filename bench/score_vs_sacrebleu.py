"""Time of `tqcheck score` against the `sacrebleu` command on the same files and metrics, in one run.

    python bench/score_vs_sacrebleu.py [--repeat 5] [--quick]

The ten WMT22 uk-en system outputs and their reference, read from ../shared (the benchmark says so
and stops when it is absent). Each case runs both commands as users run them, as fresh processes
with start-up included, interleaved so that machine noise hits both alike, with the same metrics on
the same files: sacrebleu's multi-system mode (`sacrebleu REF -i HYP... -m ...`, references cached
once, as tqcheck does). chrF++ is left out: sacrebleu's command computes chrF or chrF++ in one run,
not both. Figures: median and best of the repeats, and the ratio of the medians, tqcheck/sacrebleu
(target: at most 1.2). `--quick` leaves out the TER case (TER is most of the time: about 30 s a run).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _timing import timed  # noqa: E402
WMT = ROOT.parent / "shared" / "data" / "wmt22-uk-en"
REF = WMT / "generaltest2022.uk-en.ref.A.en"

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="leave out the TER case")
    args = ap.parse_args()
    hyps = sorted(str(p) for p in WMT.glob("generaltest2022.uk-en.hyp.*.en"))
    if not hyps or not REF.exists():
        print(f"skipped: no WMT22 uk-en system outputs and reference under {WMT}")
        return 0
    sacrebleu = shutil.which("sacrebleu")
    if sacrebleu is None:
        print("skipped: the sacrebleu command is not installed")
        return 0
    cases = [
        ("1 system, BLEU chrF", hyps[:1], ["bleu", "chrf"]),
        ("10 systems, BLEU chrF", hyps, ["bleu", "chrf"]),
    ]
    if not args.quick:
        cases.append(("10 systems, BLEU chrF TER", hyps, ["bleu", "chrf", "ter"]))
    print(f"WMT22 uk-en, 2,018 segments a system; {args.repeat} interleaved runs of each command per case")
    ratios = []
    for label, files, metrics in cases:
        tq = [sys.executable, "-m", "tqcheck", "score", *files, "--ref", str(REF), "--metrics", ",".join(metrics)]
        sb = [sacrebleu, str(REF), "-i", *files, "-m", *metrics]
        timed(tq)  # warm-up: bytecode and file caches, for both
        timed(sb)
        times: dict[str, list[float]] = {"tqcheck": [], "sacrebleu": []}
        cpu: dict[str, list[float]] = {"tqcheck": [], "sacrebleu": []}
        for _ in range(args.repeat):
            times["tqcheck"].append(timed(tq, cpu["tqcheck"]))
            times["sacrebleu"].append(timed(sb, cpu["sacrebleu"]))
        med = {k: statistics.median(v) for k, v in times.items()}
        cmed = {k: statistics.median(v) for k, v in cpu.items()}
        ratio = med["tqcheck"] / med["sacrebleu"]
        ratios.append(ratio)
        print(f"{label}:")
        for k, runs in times.items():
            print(f"  {k:10} median {med[k]:.3f} s   best {min(runs):.3f} s   CPU median {cmed[k]:.3f} s")
        print(f"  time ratio tqcheck/sacrebleu: median {ratio:.2f}x (CPU {cmed['tqcheck'] / cmed['sacrebleu']:.2f}x)"
              "   (target <= 1.2x)")
    print(f"worst ratio: {max(ratios):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
