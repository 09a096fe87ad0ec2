"""``tqcheck score``: the command's arguments and body. Kept light at import: the CLI builds its
parser from ``add_arguments`` on every run, so sacrebleu is imported only inside ``run``."""

from __future__ import annotations

import argparse

METRICS = ("bleu", "chrf", "chrf++", "ter")  # as in .core, which this module must not import
DEFAULT_SEED = 12345  # sacrebleu's: the same p-values as `sacrebleu --paired-bs` by default


def _metrics(value: str) -> list[str]:
    names: list[str] = []
    for part in value.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in METRICS:
            raise argparse.ArgumentTypeError(f"unknown metric {name!r} (choose from {', '.join(METRICS)})")
        if name not in names:
            names.append(name)
    if not names:
        raise argparse.ArgumentTypeError("no metric given")
    return names


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("hypotheses", nargs="+", metavar="HYP", help="system output(s), one segment per line (UTF-8)")
    p.add_argument("--ref", action="append", required=True, metavar="REF",
                   help="reference translation, line-aligned with each HYP; repeatable for several references")
    p.add_argument("--metrics", type=_metrics, default=list(METRICS), metavar="LIST",
                   help="comma-separated: bleu, chrf, chrf++, ter (default: all four)")
    p.add_argument("--segments", action="store_true", help="also score every segment (sentence BLEU with effective order)")
    p.add_argument("--worst", type=_positive, metavar="N", help="show the N worst segments as word diffs against the (first) reference")
    p.add_argument("--worst-by", choices=METRICS, default="chrf", metavar="METRIC",
                   help="sentence metric ranking --worst (default: chrf; for ter the highest is worst)")
    c = p.add_argument_group("comparing systems")
    c.add_argument("--compare", action="store_true",
                   help="test each HYP against the first (the baseline) for significant differences")
    c.add_argument("--compare-method", choices=("bootstrap", "ar"), default="bootstrap",
                   help="paired bootstrap resampling or approximate randomisation (default: bootstrap)")
    c.add_argument("--resamples", type=_positive, metavar="N",
                   help="bootstrap resamples or randomisation trials (default: 1000 / 10000, as sacrebleu)")
    c.add_argument("--seed", type=_positive, default=DEFAULT_SEED,
                   help=f"random seed of the test (default: {DEFAULT_SEED}, sacrebleu's)")
    o = p.add_argument_group("output")
    o.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    o.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in the text report")
    o.add_argument("--width", type=int, default=2, choices=range(11), metavar="DIGITS",
                   help="decimals in the text report (default: 2; JSON has full precision)")


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from .. import __version__
    from ..errors import UsageError
    from . import core, render

    if args.compare and len(args.hypotheses) < 2:
        raise UsageError("--compare needs at least two HYP files (the first is the baseline)")
    systems, refs = core.load(args.hypotheses, args.ref)
    shown: list[str] = args.metrics
    worst_by = args.worst_by if args.worst else None
    needed = shown + [worst_by] if worst_by and worst_by not in shown else list(shown)
    scorer = core.Scorer(needed, refs)
    for s in systems:
        scorer.extract(s)
        per_segment = (shown if args.segments else []) + ([worst_by] if worst_by else [])
        for name in dict.fromkeys(per_segment):
            s.segment_scores[name] = scorer.segment_scores(s, name)
        if worst_by:
            s.worst = core.worst(s.segment_scores[worst_by], worst_by, args.worst)
    comparison = None
    if args.compare:
        comparison = core.compare(scorer, systems, shown, args.compare_method, args.resamples, args.seed)

    result = render.Run(scorer, systems, shown, refs, list(args.ref), args.segments, worst_by, comparison)
    if args.format == "json":
        render.to_json(sys.stdout, result, version=__version__)
    else:
        color = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        render.text(sys.stdout, result, width=args.width, color=color)
    sys.stdout.flush()
    return 0
