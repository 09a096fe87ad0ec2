"""Glossary entries and a layered glossary with lookup indexes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Glossary:
    """Entries in load order; later layers (user glossaries) win over earlier ones (the default) for
    the same form."""

    entries: tuple[Entry, ...] = ()
    # form -> (entry, forbidden?, reason): plain tuples, as a 100,000-entry glossary makes 200,000
    _forms: dict[str, tuple[Entry, bool, str]] = field(default_factory=dict, repr=False, compare=False)
    _folded: dict[str, tuple[Entry, bool, str]] = field(default_factory=dict, repr=False, compare=False)
    # source form (casefolded) -> entry; built on first use, as only leftovers and suggestions need it
    _sources: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, layers: Iterable[Iterable[Entry]]) -> Glossary:
        entries: list[Entry] = []
        forms: dict[str, tuple[Entry, bool, str]] = {}
        folded: dict[str, tuple[Entry, bool, str]] = {}
        for layer in layers:
            for entry in layer:
                entries.append(entry)
                if entry.case_sensitive:
                    forms[entry.preferred] = (entry, False, "")
                    for form in entry.accepted:
                        forms[form] = (entry, False, "")
                    for form, reason in entry.forbidden:
                        forms[form] = (entry, True, reason)
                else:
                    for form in entry.target_forms:
                        folded[form.casefold()] = (entry, False, "")
                    for form, reason in entry.forbidden:
                        folded[form.casefold()] = (entry, True, reason)
        return cls(tuple(entries), forms, folded)

    def lookup(self, form: str) -> Hit | None:
        hit = self._forms.get(form)
        if hit is None and self._folded:
            hit = self._folded.get(form.casefold())
        return None if hit is None else Hit(*hit)

    def source_lookup(self, form: str) -> Entry | None:
        """The entry one of whose source-language forms is ``form`` (case-insensitive)."""
        if not self._sources and self.entries:
            for entry in self.entries:
                for source in entry.source_forms():
                    self._sources[source.casefold()] = entry
        return self._sources.get(form.casefold())

    def forms(self) -> Iterable[str]:
        """Every target form the glossary knows (accepted and forbidden), as written."""
        for entry in self.entries:
            yield from entry.target_forms
            for form, _ in entry.forbidden:
                yield form

    def __len__(self) -> int:
        return len(self.entries)
