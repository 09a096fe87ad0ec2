"""Writing scores: a text report (colour through rich when asked) and JSON with full precision.

The text report is built as lines of ``(text, style)`` pieces. Without colour the styles are dropped
and the pieces printed as they are, so rich is not even imported; with colour each piece goes to rich
through ``Text.append`` (never as markup: "[bold]" in a segment stays literal). Every piece of text
from a file goes through ``clean`` first, so an ESC or a bidi override cannot drive the terminal.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any, TextIO

from ..report import clean
from .core import Comparison, Scorer, System

Piece = tuple[str, str]
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(reference: str, hypothesis: str, color: bool) -> list[Piece]:
    """The hypothesis as an edit of the reference: reference words it lacks struck through in red,
    words it adds in green; without colour ``[-removed-]{+inserted+}``, as wdiff writes them (and as
    ``tqcheck check`` shows its fixes)."""
    old, new = _TOKEN.findall(reference), _TOKEN.findall(hypothesis)
    # a change, a lone space, a change: one change ("[-across the-]{+the whole+}", not two)
    runs: list[list] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if (op != "equal" and len(runs) >= 2 and runs[-1][0] == "equal" and runs[-2][0] != "equal"
                and all(t.isspace() for t in old[runs[-1][1]:runs[-1][2]])):
            runs.pop()
            runs[-1][2], runs[-1][4] = i2, j2
        else:
            runs.append([op, i1, i2, j1, j2])
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in runs:
        if op == "equal":
            pieces.append((clean("".join(old[i1:i2])), ""))
            continue
        if i2 > i1:
            removed = clean("".join(old[i1:i2]))
            pieces.append((removed if color else f"[-{removed}-]", "red strike"))
        if j2 > j1:
            added = clean("".join(new[j1:j2]))
            pieces.append((added if color else f"{{+{added}+}}", "green"))
    return pieces


class _Writer:
    def __init__(self, out: TextIO, color: bool):
        self.out = out
        self.console = None
        if color:
            from rich.console import Console
            from rich.text import Text

            self.Text = Text
            self.console = Console(file=out, force_terminal=True, color_system="standard", highlight=False,
                                   markup=False, emoji=False, soft_wrap=True)

    def line(self, *pieces: Piece | str) -> None:
        parts = [(p, "") if isinstance(p, str) else p for p in pieces]
        if self.console is None:
            self.out.write("".join(t for t, _ in parts) + "\n")
            return
        text = self.Text()
        for t, style in parts:
            text.append(t, style=style or None)
        self.console.print(text)


def _fmt(x: float, width: int) -> str:
    return f"{x:.{width}f}"


@dataclass
class Run:
    """What a ``tqcheck score`` run computed, for either format."""

    scorer: Scorer
    systems: list[System]
    shown: list[str]  # metrics asked for, in the order asked
    refs: list[list[str]]
    ref_paths: list[str]
    show_segments: bool
    worst_by: str | None  # the metric ranking the worst segments, when asked
    comparison: Comparison | None


def text(out: TextIO, run: Run, *, width: int, color: bool) -> None:
    w = _Writer(out, color)
    scorer = run.scorer
    labels = {name: scorer.label(name) for name in run.shown}
    pad = max(len(v) for v in labels.values()) + 2
    nrefs = f"{len(run.ref_paths)} reference{'s' * (len(run.ref_paths) != 1)}"
    for s in run.systems:
        w.line((clean(s.path), "bold"), f" — {len(s.segments)} segments, {nrefs}")
        for name in run.shown:
            w.line("  ", (labels[name].ljust(pad), "cyan"), (_fmt(s.scores[name].score, width).rjust(6), "bold"),
                   "  ", (scorer.signature(name), "dim"))
        if run.show_segments:
            cols = [labels[n].rjust(max(len(labels[n]), width + 4)) for n in run.shown]
            w.line(("  line  " + "  ".join(cols), "dim"))
            for i in range(len(s.segments)):
                vals = [_fmt(s.segment_scores[n][i], width).rjust(len(c)) for n, c in zip(run.shown, cols)]
                w.line(f"  {i + 1:>4}  " + "  ".join(vals))
        if run.worst_by is not None:
            label = scorer.label(run.worst_by)
            key = [("struck", "red strike"), ("inserted", "green")] if color else [("[-struck-]", ""), ("{+inserted+}", "")]
            w.line(f"  {len(s.worst)} worst segment(s) by sentence {label}",
                   ("  (reference words the hypothesis lacks ", "dim"), key[0], (", words it adds ", "dim"), key[1],
                   (")", "dim"))
            for i in s.worst:
                w.line("    ", (f"line {i + 1}", "bold"), f"  {label} ",
                       (_fmt(s.segment_scores[run.worst_by][i], width), "bold"))
                w.line("      ", *word_diff(run.refs[0][i], s.segments[i], color))
    if run.comparison is not None:
        _text_comparison(w, run, labels, pad, width)


def _text_comparison(w: _Writer, run: Run, labels: dict[str, str], pad: int, width: int) -> None:
    c = run.comparison
    assert c is not None
    kind = ("paired bootstrap resampling", f"{c.resamples} resamples") if c.method == "bootstrap" \
        else ("paired approximate randomisation", f"{c.resamples} trials")
    w.line()
    w.line((f"Comparison: {kind[0]}, {kind[1]}, seed {c.seed}; baseline ", "bold"),
           (clean(run.systems[0].path), "bold yellow"))
    w.line(("  p: the chance of a difference at least this large between a system and the baseline if both "
            + "came from the same process; * p < 0.05", "dim"))
    if c.method == "bootstrap":
        w.line(("  μ ± ci: the bootstrap mean and the half-width of its 95% interval", "dim"))
    for i, s in enumerate(run.systems):
        if i == 0:
            w.line("  ", (clean(s.path), "bold yellow"), (" (baseline)", "yellow"))
        else:
            w.line("  ", (clean(s.path), "bold"))
        for name in run.shown:
            r = c.results[i][name]
            parts: list[Piece | str] = ["    ", (labels[name].ljust(pad), "cyan"), _fmt(r.score, width).rjust(6)]
            if r.mean is not None and r.ci is not None:
                parts.append(f"  (μ = {_fmt(r.mean, width)} ± {_fmt(r.ci, width)})")
            if r.p_value is not None:
                star = r.p_value < 0.05
                parts.append((f"  p = {r.p_value:.4f}" + (" *" if star else ""), "bold red" if star else ""))
            w.line(*parts)
    w.line("  signatures:")
    for name in run.shown:
        w.line("    ", (labels[name].ljust(pad), "cyan"), (c.signatures[name], "dim"))


def to_json(out: TextIO, run: Run, *, version: str) -> None:
    """One JSON object; floats at full precision (``json`` writes the shortest repr that reads back
    as the same float, so a score compares exactly with one computed elsewhere)."""
    import sacrebleu

    scorer = run.scorer
    metrics: dict[str, Any] = {}
    for name in run.shown:
        metrics[name] = {"name": scorer.label(name), "signature": scorer.signature(name)}
        if run.show_segments:
            metrics[name]["segment_signature"] = scorer.segment_signature(name)
    doc: dict[str, Any] = {
        "tool": {"name": "tqcheck", "version": version, "sacrebleu": sacrebleu.__version__},
        "references": list(run.ref_paths),
        "metrics": metrics,
        "systems": [],
    }
    c = run.comparison
    for i, s in enumerate(run.systems):
        entry: dict[str, Any] = {"path": s.path, "segment_count": len(s.segments), "scores": {}}
        for name in run.shown:
            score = s.scores[name]
            item: dict[str, Any] = {"name": score.name, "score": score.score, "signature": scorer.signature(name)}
            if name == "bleu":
                item.update(precisions=list(score.precisions), bp=score.bp, sys_len=score.sys_len,
                            ref_len=score.ref_len)
            entry["scores"][name] = item
        if run.show_segments:
            entry["segments"] = [{"line": j + 1, **{n: s.segment_scores[n][j] for n in run.shown}}
                                 for j in range(len(s.segments))]
        if run.worst_by is not None:
            entry["worst"] = {
                "metric": run.worst_by,
                "signature": scorer.segment_signature(run.worst_by),
                "segments": [{"line": j + 1, "score": s.segment_scores[run.worst_by][j], "hypothesis": s.segments[j],
                              "reference": run.refs[0][j]} for j in s.worst],
            }
        if c is not None:
            entry["baseline"] = i == 0
            entry["comparison"] = {n: vars(c.results[i][n]) for n in run.shown}
        doc["systems"].append(entry)
    if c is not None:
        doc["comparison"] = {"method": c.method, "resamples": c.resamples, "seed": c.seed,
                             "baseline": run.systems[0].path, "signatures": c.signatures}
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
