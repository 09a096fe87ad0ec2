"""``tqcheck score``: the command's arguments and body. Kept light at import: the CLI builds its
parser from ``add_arguments`` on every run, so sacrebleu is imported only inside ``run``."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("hypotheses", nargs="+", metavar="HYP", help="system output(s), one segment per line")
    p.add_argument("--ref", action="append", required=True, metavar="REF", help="reference file; repeatable")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("tqcheck score is being built")
