"""Glossary entries and a layered glossary with lookup indexes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

TYPES = ("person", "organisation", "place", "acronym", "term")


@dataclass(frozen=True)
class Entry:
    """One concept. ``forbidden`` pairs a wrong target form with why it is wrong; ``sources`` maps a
    language code to the concept's forms in that language (sorted by language code); ``ref`` says
    where the entry comes from (a style guide, a desk, a URL) and is saved with it; ``origin`` is the
    ``file:line`` it was loaded from, metadata that is never saved."""

    preferred: str
    type: str = "term"
    accepted: tuple[str, ...] = ()
    forbidden: tuple[tuple[str, str], ...] = ()
    sources: tuple[tuple[str, tuple[str, ...]], ...] = ()
    case_sensitive: bool = True
    note: str = ""
    ref: str = ""
    origin: str = field(default="", compare=False)

    @property
    def target_forms(self) -> tuple[str, ...]:
        return (self.preferred, *self.accepted)

    @property
    def sort_key(self) -> tuple[str, str]:
        """Glossaries are kept sorted by preferred form, case-insensitively, then exactly."""
        return (self.preferred.casefold(), self.preferred)

    def source_forms(self, lang: str | None = None) -> tuple[str, ...]:
        return tuple(f for code, forms in self.sources if lang in (None, code) for f in forms)


@dataclass(frozen=True)
class Hit:
    """What a target form means: the entry, and the reason when the form is forbidden."""

    entry: Entry
    forbidden: bool
    reason: str = ""


class Glossary:
    """Entries in layer order (user glossaries after the default one); for the same form, a later
    entry wins. Backed by compiled tables (``compiled.Compiled``); an Entry object is made only when
    something asks for it, and the same row always gives the same object."""

    def __init__(self, compiled, entries: Iterable[Entry] | None = None) -> None:
        self.compiled = compiled
        self._made: dict[int, Entry] = dict(enumerate(entries)) if entries is not None else {}
        self._read = None
        self._all: tuple[Entry, ...] | None = None

    @classmethod
    def build(cls, layers: Iterable[Iterable[Entry]]) -> Glossary:
        from .compiled import compile_entries

        entries = [e for layer in layers for e in layer]
        return cls(compile_entries(entries), entries)

    def entry(self, row: int) -> Entry:
        made = self._made.get(row)
        if made is None:
            if self._read is None:
                from .tsv import row_reader

                self._read = row_reader(self.compiled.header, "")
            made = replace(self._read(self.compiled.rows[row].split("\t"), 0), origin=self.compiled.origins[row])
            self._made[row] = made
        return made

    @property
    def entries(self) -> tuple[Entry, ...]:
        if self._all is None:
            self._all = tuple(self.entry(i) for i in range(len(self.compiled.rows)))
        return self._all

    def lookup(self, form: str) -> Hit | None:
        code = self.compiled.exact.get(form)
        if code is None:
            if not self.compiled.folded:
                return None
            code = self.compiled.folded.get(form.casefold())
            if code is None:
                return None
        entry = self.entry(code >> 1)
        if not code & 1:
            return Hit(entry, False)
        folded = form.casefold()
        reason = next((r for f, r in entry.forbidden if f == form or f.casefold() == folded), "")
        return Hit(entry, True, reason)

    def source_lookup(self, form: str) -> Entry | None:
        """The entry one of whose source-language forms is ``form`` (case-insensitive)."""
        row = self.compiled.sources.get(form.casefold())
        return None if row is None else self.entry(row)

    def forms(self) -> Iterable[str]:
        """Every target form the glossary knows (accepted and forbidden), as written."""
        for entry in self.entries:
            yield from entry.target_forms
            for form, _ in entry.forbidden:
                yield form

    def __len__(self) -> int:
        return len(self.compiled.rows)
