"""A bounded count of how many documents carry each key, with a few examples of where.

Corpus checks count things across a whole feed: a line that many items repeat, the spellings of a
name. A feed can hold millions of distinct lines, so the count must not grow with it. ``Tally`` keeps
at most about ``2 * capacity`` keys: when it outgrows that, it keeps the ``capacity`` most frequent
and forgets the rest (the "frequent items" family of streaming summaries, Misra-Gries / space
saving, in its simplest batch form). A key forgotten and seen again starts from zero, so counts are
lower bounds, off by at most ``floor`` (the largest count ever forgotten); for keys carried by many
documents, which is what the checks report, this does not matter.

Each key also keeps up to ``keep`` examples (places in the first documents that carried it) so that
findings can be placed there. Examples are rows of ``width`` integers packed in one ``array`` per key
(a row is a few dozen bytes, not a tuple of objects): memory is what limits a 1 GB audit. The first
integer of a row is the document's key, its index in the run: the tally holds no document, so memory
does not grow with the documents its examples name. States of parallel workers merge by adding counts and keeping the earliest
examples, so a parallel run reports what a single process does.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterator


class Tally:
    __slots__ = ("capacity", "counts", "examples", "floor", "keep", "payload", "texts", "width")

    def __init__(self, width: int, capacity: int = 10_000, keep: int = 25) -> None:
        self.width = width  # integers per example row, the document index included
        self.capacity = capacity
        self.keep = keep
        self.counts: dict[Hashable, int] = {}
        self.examples: dict[Hashable, array] = {}
        self.payload: dict[Hashable, object] = {}
        # the text of an example where it differs from the key's payload (another case, other digits)
        self.texts: dict[tuple[Hashable, int], str] = {}
        self.floor = 0

    def __len__(self) -> int:
        return len(self.counts)

    def add(self, key: Hashable, doc: int, rows: list[tuple[int, ...]], payload: object = None,
            text: str | None = None) -> None:
        """Count one more document (``doc``, its index) carrying ``key``, with its example ``rows``
        (each ``width - 1`` integers). ``payload`` is kept from the first sighting; ``text`` is the
        example's own text, kept where it differs from the payload."""
        i = doc
        n = self.counts.get(key)
        if n is None:
            self.counts[key] = 1
            ex = self.examples[key] = array("q")
            self.payload[key] = payload
        else:
            self.counts[key] = n + 1
            ex = self.examples[key]
        room = self.keep - len(ex) // self.width
        if room > 0:
            for row in rows[:room]:
                ex.append(i)
                ex.extend(row)
            if text is not None and text != self.payload[key]:
                self.texts[(key, i)] = text
        if n is None and len(self.counts) > 2 * self.capacity:
            self._prune()

    def rows(self, key: Hashable) -> Iterator[tuple[int, tuple[int, ...], object]]:
        """The examples of ``key``: ``(document index, row, text)``, in document order."""
        ex, w = self.examples[key], self.width
        payload = self.payload[key]
        for j in range(0, len(ex), w):
            yield ex[j], tuple(ex[j + 1 : j + w]), self.texts.get((key, ex[j]), payload)

    def first(self, key: Hashable) -> int:
        """The index of the first document that carried ``key`` (as far as the examples tell)."""
        ex = self.examples[key]
        return ex[0] if ex else 1 << 62

    def merge(self, other: Tally) -> Tally:
        if not self.counts:
            return other
        w = self.width
        for key, n in other.counts.items():
            mine = self.counts.get(key)
            theirs = other.examples[key]
            if mine is None:
                self.counts[key] = n
                self.examples[key] = theirs
                self.payload[key] = other.payload[key]
                continue
            self.counts[key] = mine + n
            ex = self.examples[key]
            if other.payload[key] != self.payload[key]:
                # the first document's spelling wins, as in one process; the other side's examples
                # keep their own text
                if other.first(key) < self.first(key):
                    dropped, rows_of = self.payload[key], ex
                    self.payload[key] = other.payload[key]
                else:
                    dropped, rows_of = other.payload[key], theirs
                for j in range(0, len(rows_of), w):
                    self.texts.setdefault((key, rows_of[j]), dropped)  # type: ignore[arg-type]
            if theirs:
                rows = sorted((tuple(ex[j : j + w]) for j in range(0, len(ex), w)),
                              key=lambda r: r[0])
                rows += [tuple(theirs[j : j + w]) for j in range(0, len(theirs), w)]
                rows.sort(key=lambda r: r[0])
                merged = array("q")
                for row in rows[: self.keep]:
                    merged.extend(row)
                self.examples[key] = merged
        self.texts.update(other.texts)
        self.floor = max(self.floor, other.floor)
        if len(self.counts) > 2 * self.capacity:
            self._prune()
        return self

    def _prune(self) -> None:
        ranked = sorted(self.counts.items(), key=lambda kv: kv[1], reverse=True)
        for key, n in ranked[self.capacity:]:
            self.floor = max(self.floor, n)
            del self.counts[key], self.examples[key], self.payload[key]
        self.texts = {k: t for k, t in self.texts.items() if k[0] in self.counts}

    def at_least(self, n: int) -> Iterator[tuple[Hashable, int]]:
        """Keys carried by at least ``n`` documents, most frequent first (then first seen first)."""
        hits = [(k, c) for k, c in self.counts.items() if c >= n]
        hits.sort(key=lambda kc: (-kc[1], self.first(kc[0])))
        return iter(hits)
