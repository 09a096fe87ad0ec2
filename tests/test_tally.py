"""The bounded tally behind the feed-level checks: counts, pruning, examples, merging."""

from __future__ import annotations

import random

from tqcheck.checks._tally import Tally


def test_counts_and_examples():
    t = Tally(width=3, capacity=10, keep=2)
    for doc in range(5):
        t.add("promo", doc, [(doc * 10, doc * 10 + 5)], payload="Promo", text="Promo" if doc else "PROMO")
    assert t.counts["promo"] == 5
    rows = list(t.rows("promo"))
    assert rows == [(0, (0, 5), "PROMO"), (1, (10, 15), "Promo")], "the first `keep` documents, each with its text"


def test_pruning_keeps_the_frequent_keys_and_bounds_memory():
    t = Tally(width=2, capacity=100, keep=3)
    rng = random.Random(0)
    for doc in range(20_000):
        t.add("frame", doc, [(1,)])  # in every document
        t.add(f"line-{rng.randrange(1_000_000)}", doc, [(2,)])  # almost always new
        assert len(t) <= 2 * t.capacity + 1
    assert t.counts["frame"] == 20_000
    assert t.floor <= 2, "what was forgotten was rare"
    assert [k for k, _ in t.at_least(1000)] == ["frame"]
    assert sum(len(ex) for ex in t.examples.values()) <= (2 * t.capacity + 1) * t.keep * t.width


def test_merge_matches_one_process():
    """Two workers that saw alternate documents merge into what one process counts and keeps."""
    whole, even, odd = (Tally(width=2, capacity=1000, keep=4) for _ in range(3))
    for doc in range(50):
        for key in ("a", f"b{doc % 7}"):
            payload = f"{key}-first-seen-in-{doc}"
            whole.add(key, doc, [(doc,)], payload, payload)  # the checks always give each row's text
            (even if doc % 2 == 0 else odd).add(key, doc, [(doc,)], payload, payload)
    merged = odd.merge(even)  # the later worker first: order must not matter
    assert merged.counts == whole.counts
    for key in whole.counts:
        assert list(merged.rows(key)) == list(whole.rows(key))
        assert merged.payload[key] == whole.payload[key]
