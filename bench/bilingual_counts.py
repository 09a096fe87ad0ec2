"""Bilingual checks (TQ510-TQ599) on the WMT22 uk-en test set: findings per check for the ten systems and the
human reference, each paired with the source, and the terminology success rate of each.

    python bench/bilingual_counts.py [--data DIR] [--sample-numbers N] [--seed S] [--show CODE[:N]]
                                     [--calibrate] [--timing] [--inject] [--select PREFIXES]

``--data`` defaults to ../shared/data/wmt22-uk-en beside the repository; without it the script says
"skipped" and exits 0. ``--sample-numbers N`` prints a seeded random sample of N number-check (TQ510)
findings across the systems, with source and translation, for judging by hand. ``--show CODE:N``
prints up to N findings of a check per file. ``--calibrate`` prints the length-ratio and
sentence-count figures behind the bounds of TQ530/TQ531 (reference against source). ``--timing``
prints the mean time of each check per file. ``--inject`` measures the number check's recall on
errors injected into the reference (a number changed by one digit, or deleted).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqcheck import engine, registry  # noqa: E402
from tqcheck.bilingual import from_aligned_texts, split_lines  # noqa: E402
from tqcheck.checks import _bilingual as bi  # noqa: E402
from tqcheck.checks.base import Context  # noqa: E402
from tqcheck.loader import ignored_regions  # noqa: E402
from tqcheck.resources import Resources  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wmt22-uk-en"
SRC = "generaltest2022.uk-en.src.uk"
REF = "generaltest2022.uk-en.ref.A.en"


def load(data: Path) -> tuple[str, dict[str, str]]:
    """The source text and the targets by name ("reference" first, then the systems)."""
    source = (data / SRC).read_text(encoding="utf-8")
    targets = {"reference": (data / REF).read_text(encoding="utf-8")}
    for path in sorted(data.glob("generaltest2022.uk-en.hyp.*.en")):
        targets[path.name.split(".hyp.", 1)[1][: -len(".en")]] = path.read_text(encoding="utf-8")
    return source, targets


def document(source: str, target: str, name: str):
    doc = from_aligned_texts(source, target, path=name, source_path=SRC, lang="en", source_lang="uk")
    return replace(doc, ignored=ignored_regions(doc.text, "text"))


def calibrate(source: str, reference: str) -> None:
    src, ref = split_lines(source), split_lines(reference)
    ratios = sorted(
        bi.length_ratio(s, t) for s, t in zip(src, ref) if len(s.strip()) >= 20
    )
    n = len(ratios)
    print(f"length ratio (target+{bi.LENGTH_SMOOTHING})/(source+{bi.LENGTH_SMOOTHING}), reference vs source, "
          f"{n} of {len(src)} segments with a source of 20+ characters")
    for q in (0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.05, 0.5, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999):
        print(f"  {100 * q:5.1f}th percentile: {ratios[min(n - 1, int(q * n))]:.3f}")
    for bound in (0.6, 0.62, 0.65, 0.7):
        print(f"  below {bound}: {sum(r < bound for r in ratios)}")
    for bound in (1.6, 1.65, 1.7, 1.75, 1.8):
        print(f"  above {bound}: {sum(r > bound for r in ratios)}")
    diff = Counter(bi.sentence_count(t) - bi.sentence_count(s) for s, t in zip(src, ref))
    print("sentence count, reference minus source:", dict(sorted(diff.items())))


def inject(source: str, reference: str, res: Resources) -> None:
    """Recall of TQ510 on injected errors: in each reference segment whose source has numbers and
    that TQ510 passes, change the first number of the translation that stands for a source number
    (its last digit + 1), or delete it, and count how often the check notices."""
    import re

    from tqcheck.checks.number_mismatch import NumberMismatch

    check = NumberMismatch()
    src, ref = split_lines(source), split_lines(reference)
    tried = {"changed": 0, "deleted": 0}
    caught = {"changed": 0, "deleted": 0}
    for s, t in zip(src, ref):
        numbers = bi.source_numbers(s)
        if not numbers:
            continue
        wanted = {v for n in numbers for r in n.readings for v in r}
        tokens = [tok for tok in bi.target_numbers(t).tokens if tok[2] & wanted]
        if not tokens:
            continue
        if list(check.run(Context(document(s, t, "one"), res))):
            continue
        a, b, _ = tokens[0]
        digits = [m.start() for m in re.finditer(r"\d", t[a:b])]
        last = a + digits[-1]
        changed = t[:last] + str((int(t[last]) + 1) % 10) + t[last + 1 :]
        deleted = t[:a] + t[b:]
        for kind, text in (("changed", changed), ("deleted", deleted)):
            tried[kind] += 1
            caught[kind] += bool(list(check.run(Context(document(s, text, "one"), res))))
    for kind, n in tried.items():
        print(f"TQ510 on injected errors ({kind} number): {caught[kind]}/{n} noticed")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sample-numbers", type=int, default=0, metavar="N")
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--show", default="", metavar="CODE[:N]")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--timing", action="store_true")
    ap.add_argument("--select", default="", metavar="PREFIXES",
                    help="checks to run, by code prefix, comma-separated (default: the bilingual block TQ510-TQ599)")
    ap.add_argument("--inject", action="store_true", help="recall of TQ510 on numbers changed or deleted in the reference")
    args = ap.parse_args()
    if not (args.data / SRC).exists():
        print(f"skipped: {args.data} is not available")
        return 0

    source, targets = load(args.data)
    if args.calibrate:
        calibrate(source, targets["reference"])
        print()
    res = Resources()
    if args.inject:
        inject(source, targets["reference"], res)
        print()
    wanted = [p.strip().upper() for p in args.select.split(",") if p.strip()]
    checks = [c() for c in registry.all_checks()
              if (any(c.code.startswith(p) for p in wanted) if wanted else "TQ510" <= c.code <= "TQ599")]
    index = bi.TermIndex(res)
    show_code, _, show_n = args.show.partition(":")
    show_limit = int(show_n or 10)

    rows = []
    number_findings = []
    timing: Counter[str] = Counter()
    for name, target in targets.items():
        doc = document(source, target, name)
        result = engine.check_document(doc, checks, res)
        if result.notes:
            print(f"{name}: " + "; ".join(result.notes), file=sys.stderr)
        by_code = Counter(f.code for f in result.findings)
        segs = len(doc.pairs)
        matched, total = bi.terminology_success([doc], res, index=index)
        rows.append((name, segs, by_code, matched, total))
        lines_src = split_lines(source)
        lines_tgt = split_lines(target)
        if name != "reference":
            number_findings += [(name, f, lines_src[f.line - 1], lines_tgt[f.line - 1])
                                for f in result.findings if f.code == "TQ510"]
        if show_code:
            shown = [f for f in result.findings if f.code == show_code.upper()][:show_limit]
            for f in shown:
                print(f"{name}:{f.line} {f.code} [{f.severity}] {f.message}\n"
                      f"    src: {lines_src[f.line - 1][:220]}\n    tgt: {lines_tgt[f.line - 1][:220]}")
        if args.timing:
            for check in checks:
                ctx = Context(doc, res)
                t0 = time.perf_counter()
                list(check.run(ctx))
                timing[check.code] += time.perf_counter() - t0

    codes = [c.code for c in checks]
    head = f"{'target':16} " + " ".join(f"{c:>6}" for c in codes) + f" {'total':>6}  {'flagged %':>9}  terminology"
    print(head)
    print("-" * len(head))
    for name, segs, by_code, matched, total in rows:
        flagged = sum(by_code[c] for c in codes)
        cells = " ".join(f"{by_code[c]:6d}" for c in codes)
        rate = f"{matched}/{total} = {100 * bi.ratio(matched, total):.1f}%"
        print(f"{name:16} {cells} {flagged:6d}  {100 * flagged / segs:8.2f}%  {rate}")
    print("\n" + "  ".join(f"{c.code} {c.name}" for c in checks))
    print("flagged %: findings per 100 segments (2,018 segments per file); terminology: glossary terms of the "
          "source translated with an accepted form, per (segment, entry)")

    if args.timing:
        print(f"\nmean time per file ({len(targets)} files):")
        for c in codes:
            print(f"  {c}: {1000 * timing[c] / len(targets):.1f} ms")

    if args.sample_numbers:
        rng = random.Random(args.seed)
        sample = rng.sample(number_findings, min(args.sample_numbers, len(number_findings)))
        print(f"\n{len(sample)} of {len(number_findings)} TQ510 findings across the systems (seed {args.seed}):")
        for i, (name, f, s, t) in enumerate(sample, 1):
            print(f"{i:2d}. {name}:{f.line}: {f.message}\n    src: {s}\n    tgt: {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
