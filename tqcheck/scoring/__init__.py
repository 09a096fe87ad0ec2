"""Scoring translations against references with sacrebleu (``tqcheck score``)."""
