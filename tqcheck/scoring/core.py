"""Reading line-aligned files and scoring them with sacrebleu, each system's statistics computed once.

sacrebleu scores a corpus from per-segment sufficient statistics (n-gram counts, edit counts). They
are the expensive part (TER's edit distance above all); the corpus score, the sentence scores and
the resampling tests are cheap sums over them. So a system's statistics are extracted once per
metric, with the references' n-grams cached once for all systems (as sacrebleu's own CLI does), and
everything else is computed from them. sacrebleu is imported here, and this module only by ``run``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..report import clean

METRICS = ("bleu", "chrf", "chrf++", "ter")
LOWER_IS_BETTER = frozenset({"ter"})


def read_segments(path: str) -> list[str]:
    """A file's segments, one per line, read as sacrebleu reads them (UTF-8; a final line break adds
    no empty segment). Any failure is one ``ConfigError`` line naming the file."""
    from ..bilingual import split_lines

    name = clean(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{name}: not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line})"
        ) from None
    return split_lines(text)


@dataclass
class System:
    path: str
    segments: list[str]
    stats: dict[str, list[Any]] = field(default_factory=dict)  # metric -> per-segment statistics
    scores: dict[str, Any] = field(default_factory=dict)  # metric -> sacrebleu Score (corpus)
    segment_scores: dict[str, list[float]] = field(default_factory=dict)  # metric -> sentence scores
    worst: list[int] = field(default_factory=list)  # indices of the worst segments, worst first


def load(hyp_paths: Sequence[str], ref_paths: Sequence[str]) -> tuple[list[System], list[list[str]]]:
    """Systems and references, all of one length. sacrebleu's API silently cuts the longer list;
    here a difference is an error naming both files and both counts."""
    refs = [read_segments(p) for p in ref_paths]
    first = ref_paths[0]
    if not refs[0]:
        raise ConfigError(f"{clean(first)}: empty reference file, no segments to score against")
    for path, ref in zip(ref_paths[1:], refs[1:]):
        if len(ref) != len(refs[0]):
            raise ConfigError(
                f"reference {clean(path)} has {len(ref)} segments but reference {clean(first)} has "
                f"{len(refs[0])}; references must be line-aligned, one segment per line"
            )
    systems = []
    for path in hyp_paths:
        segments = read_segments(path)
        if not segments:
            raise ConfigError(f"{clean(path)}: empty hypothesis file, no segments to score")
        if len(segments) != len(refs[0]):
            raise ConfigError(
                f"{clean(path)} has {len(segments)} hypothesis segments but reference {clean(first)} has "
                f"{len(refs[0])}; files must be line-aligned, one segment per line"
            )
        systems.append(System(path, segments))
    return systems, refs


class Scorer:
    """sacrebleu's metric objects for one set of references, shared by every system.

    chrF is chrF++ without the word n-grams: chrF++'s statistics are chrF's character-order triples
    followed by the word-order ones. With one reference (with several, each metric picks its own
    best reference per segment) chrF's statistics are therefore a prefix of chrF++'s, and asking for
    both costs one extraction.
    """

    def __init__(self, names: Sequence[str], refs: list[list[str]]):
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.names = list(names)
        self.nrefs = len(refs)
        self.derive_chrf = "chrf" in names and "chrf++" in names and self.nrefs == 1
        self.metrics: dict[str, Any] = {}
        for name in names:
            if name == "bleu":
                self.metrics[name] = BLEU(references=refs)
            elif name == "chrf" and self.derive_chrf:
                self.metrics[name] = CHRF()
                # what reference caching would set; the signature reads it
                self.metrics[name].num_refs = self.nrefs
            elif name == "chrf":
                self.metrics[name] = CHRF(references=refs)
            elif name == "chrf++":
                self.metrics[name] = CHRF(word_order=2, references=refs)
            elif name == "ter":
                self.metrics[name] = TER(references=refs)
        self._sentence_bleu: Any = None

    def extract(self, system: System) -> None:
        """Statistics and corpus scores of ``system`` for every metric."""
        for name in self.names:
            if name == "chrf" and self.derive_chrf:
                continue
            stats = self.metrics[name]._extract_corpus_statistics(system.segments, None)
            system.stats[name] = stats
        if self.derive_chrf:
            width = 3 * self.metrics["chrf"].char_order
            system.stats["chrf"] = [s[:width] for s in system.stats["chrf++"]]
        for name in self.names:
            system.scores[name] = self.metrics[name]._aggregate_and_compute(system.stats[name])

    def label(self, name: str) -> str:
        """sacrebleu's name for the metric: BLEU, chrF2, chrF2++, TER."""
        return {"bleu": "BLEU", "ter": "TER"}.get(name) or (
            f"chrF{self.metrics[name].beta}" + "+" * self.metrics[name].word_order
        )

    def signature(self, name: str) -> str:
        return str(self.metrics[name].get_signature().format())

    def _sentence_metric(self, name: str):
        """Sentence BLEU needs effective order (sacrebleu's advice, and what its ``sentence_score``
        is meant to be called with); the other metrics score a segment as a one-segment corpus."""
        if name != "bleu":
            return self.metrics[name]
        if self._sentence_bleu is None:
            from sacrebleu.metrics import BLEU

            self._sentence_bleu = BLEU(effective_order=True)
            self._sentence_bleu.num_refs = self.nrefs  # for its signature, as for chrF above
        return self._sentence_bleu

    def segment_signature(self, name: str) -> str:
        return str(self._sentence_metric(name).get_signature().format())

    def segment_scores(self, system: System, name: str) -> list[float]:
        """Each segment's score from its statistics: what ``sentence_score`` gives, without
        extracting the n-grams again."""
        metric = self._sentence_metric(name)
        return [metric._compute_score_from_stats(s).score for s in system.stats[name]]


def worst(scores: list[float], name: str, n: int) -> list[int]:
    """Indices of the ``n`` worst segments, worst first (ties: the earlier line first)."""
    sign = -1.0 if name in LOWER_IS_BETTER else 1.0
    return sorted(range(len(scores)), key=lambda i: (sign * scores[i], i))[:n]


@dataclass
class Compared:
    """One system's result in a paired test; ``p_value`` is None for the baseline, ``mean`` and
    ``ci`` (the bootstrap mean and half-width of its 95% interval) None where the test gives none."""

    score: float
    p_value: float | None
    mean: float | None
    ci: float | None


@dataclass
class Comparison:
    method: str  # "bootstrap" or "ar"
    resamples: int
    seed: int
    signatures: dict[str, str]
    results: list[dict[str, Compared]]  # per system, baseline first


class _Served:
    """A metric that hands sacrebleu's ``PairedTest`` the statistics already extracted, so the test
    resamples them instead of extracting them again (TER's would cost as much as the scoring)."""

    def __init__(self, metric: Any, stats: dict[int, list[Any]]):
        self._metric = metric
        self._stats = stats

    def _extract_corpus_statistics(self, hypotheses: Sequence[str], references: object) -> list[Any]:
        return self._stats[id(hypotheses)]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._metric, name)


@contextmanager
def _sacrebleu_seed(seed: int) -> Iterator[None]:
    """``PairedTest`` reads its seed from ``SACREBLEU_SEED`` (for the baseline's interval too)."""
    old = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        yield
    finally:
        if old is None:
            del os.environ["SACREBLEU_SEED"]
        else:
            os.environ["SACREBLEU_SEED"] = old


def compare(scorer: Scorer, systems: list[System], names: Sequence[str], method: str, resamples: int | None,
            seed: int) -> Comparison:
    """sacrebleu's paired bootstrap resampling or approximate randomisation of every system against
    the first, as ``sacrebleu --paired-bs`` / ``--paired-ar`` runs it: same seed, same p-values."""
    from sacrebleu.significance import PairedTest

    named: list[tuple[str, Sequence[str]]] = [(s.path, s.segments) for s in systems]
    served: dict[str, Any] = {name: _Served(scorer.metrics[name], {id(s.segments): s.stats[name] for s in systems}) for name in names}
    with _sacrebleu_seed(seed):
        test = PairedTest(named, served, references=None, test_type="bs" if method == "bootstrap" else "ar",
                          n_samples=resamples or 0)
        signatures, table = test()

    def num(x: Any) -> float | None:
        return None if x is None else float(x)  # numpy scalars (the bootstrap means) to float

    results: list[dict[str, Compared]] = [{} for _ in systems]
    sigs = {}
    for name in names:
        label = scorer.label(name)
        sigs[name] = signatures[label].format()
        row: list[Any] = table[label]
        for i, r in enumerate(row):
            results[i][name] = Compared(float(r.score), num(r.p_value), num(r.mean), num(r.ci))
    return Comparison(method, test.n_samples, seed, sigs, results)
