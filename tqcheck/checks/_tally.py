"""A bounded count of how many documents carry each key, with a few examples of where.

Corpus checks count things across a whole feed: a line that many items repeat, the spellings of a
name. A feed can hold millions of distinct lines, so the count must not grow with it. ``Tally`` keeps
at most about ``2 * capacity`` keys: when it outgrows that, it keeps the ``capacity`` most frequent
and forgets the rest (the "frequent items" family of streaming summaries, Misra-Gries / space
saving, in its simplest batch form). A key forgotten and seen again starts from zero, so counts are
lower bounds, off by at most ``floor`` (the largest count ever forgotten); for keys carried by many
documents, which is what the checks report, this does not matter.

Each key also keeps up to ``keep`` examples (the first documents that carried it) so that findings
can be placed in those documents. States of parallel workers merge by adding counts and keeping the
earliest examples (``order``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any


class Tally:
    __slots__ = ("capacity", "keep", "counts", "examples", "payload", "floor", "order")

    def __init__(self, capacity: int = 50_000, keep: int = 25, order: Callable[[object], Any] | None = None) -> None:
        self.capacity = capacity
        self.keep = keep
        # how examples are ranked when states merge: by document order, so that parallel workers keep
        # the same examples as one process does (the earliest documents)
        self.order = order
        self.counts: dict[Hashable, int] = {}
        self.examples: dict[Hashable, list[object]] = {}
        self.payload: dict[Hashable, object] = {}
        self.floor = 0

    def __len__(self) -> int:
        return len(self.counts)

    def add(self, key: Hashable, example: object, payload: object = None) -> None:
        """Count one more document carrying ``key``; ``payload`` is kept from the first sighting."""
        n = self.counts.get(key)
        if n is None:
            self.counts[key] = 1
            self.examples[key] = [example]
            self.payload[key] = payload
            if len(self.counts) > 2 * self.capacity:
                self._prune()
            return
        self.counts[key] = n + 1
        ex = self.examples[key]
        if len(ex) < self.keep:
            ex.append(example)

    def merge(self, other: Tally) -> Tally:
        if len(other.counts) > len(self.counts) and not self.counts:
            return other
        for key, n in other.counts.items():
            mine = self.counts.get(key)
            if mine is None:
                self.counts[key] = n
                self.examples[key] = other.examples[key][: self.keep]
                self.payload[key] = other.payload[key]
            else:
                self.counts[key] = mine + n
                if self.order is not None and self.order(other.examples[key][0]) < self.order(self.examples[key][0]):
                    self.payload[key] = other.payload[key]  # the first document's spelling, as in one process
                ex = self.examples[key] + other.examples[key]
                if self.order is not None:
                    ex.sort(key=self.order)
                self.examples[key] = ex[: self.keep]
        self.floor = max(self.floor, other.floor)
        if len(self.counts) > 2 * self.capacity:
            self._prune()
        return self

    def _prune(self) -> None:
        ranked = sorted(self.counts.items(), key=lambda kv: kv[1], reverse=True)
        for key, n in ranked[self.capacity:]:
            self.floor = max(self.floor, n)
            del self.counts[key], self.examples[key], self.payload[key]

    def at_least(self, n: int) -> Iterator[tuple[Hashable, int]]:
        """Keys carried by at least ``n`` documents, most frequent first."""
        hits = [(k, c) for k, c in self.counts.items() if c >= n]
        hits.sort(key=lambda kc: -kc[1])
        return iter(hits)


def document_order(example: object) -> int:
    """``order`` for examples that start with their document's key: an index, or a tuple led by one."""
    key = example[0]  # type: ignore[index]
    return key[0] if isinstance(key, tuple) else key
