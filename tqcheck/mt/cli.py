"""``tqcheck models``: list and install argostranslate language packages. Light at import."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="installed language packages")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("tqcheck models is being built")
