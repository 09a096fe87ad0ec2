"""Data the checks share within one run, each loaded on first use.

One ``Resources`` object is built per run from the configuration and handed to every check through its
context; nothing is cached at module level, so two runs with different glossaries in one process (the
tests do this) cannot see each other's data. Loading is lazy so that a check that is not selected, or a
document that never needs language identification, costs nothing.
"""

from __future__ import annotations

import bisect
import gzip
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ConfigError
from .tomlcompat import load_toml

# the package is always installed as files (setuptools, no zip), so the data sit beside this module
DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    scripts: tuple[str, ...]
    vocabulary: str | None
    letters: str


def languages() -> dict[str, Language]:
    table = load_toml(DATA / "languages.toml")
    return {
        code: Language(
            code,
            spec["name"],
            tuple(spec["scripts"]),
            spec.get("vocabulary"),
            spec.get("letters", ""),
        )
        for code, spec in table.items()
    }


class Vocabulary:
    """A word list: ``common`` holds the lowercase entries, ``proper`` the lowercased forms of the
    capitalised ones (names, proper adjectives)."""

    def __init__(self, words: list[str]) -> None:
        # a lowercase lookup never meets a capitalised entry, so all words can go in ``common``
        self.common = frozenset(words)
        # The list is sorted (a test holds this): ASCII capitals first, words starting with other
        # letters last; so the names are found without looking at every word.
        ascii_caps = words[: bisect.bisect_left(words, "a")]
        rest = words[bisect.bisect_left(words, "\x80") :]
        self.proper = frozenset(map(str.lower, ascii_caps)) | {w.lower() for w in rest if w[:1].isupper()}

    def knows(self, word: str) -> bool:
        low = word.lower()
        return low in self.common or low in self.proper


class Resources:
    """``lang``: target language code; ``rule_files``/``glossary_files``: user additions, in order."""

    def __init__(
        self,
        *,
        lang: str = "en",
        source_lang: str | None = None,
        rule_files: tuple[Path, ...] = (),
        glossary_files: tuple[Path, ...] = (),
        default_glossary: bool = True,
        cache: bool = True,
    ) -> None:
        known = languages()
        if lang not in known:
            raise ConfigError(f"unknown --lang {lang!r} (known: {', '.join(sorted(known))})")
        if source_lang is not None and source_lang not in known:
            raise ConfigError(f"unknown --source-lang {source_lang!r} (known: {', '.join(sorted(known))})")
        self.languages = known
        self.lang = known[lang]
        self.source_lang = source_lang
        self.rule_files = rule_files
        self.glossary_files = glossary_files
        self.default_glossary = default_glossary
        self.cache = cache

    def load_all(self) -> None:
        """Load user files now, so that a bad glossary or rule pack fails before any document is read."""
        _ = self.rules, self.glossary

    @cached_property
    def rules(self):  # -> rules.RuleSet
        """All rules of all packs, in order (the default pack first): one pass over a document's
        lines serves both rule checks (TQ101, TQ102)."""
        from .rules import RuleSet, load_pack

        rules = load_pack(DATA / "rules" / "default.toml", origin="tqcheck:default")
        for path in self.rule_files:
            rules += load_pack(path)
        return RuleSet(rules)

    @cached_property
    def glossary(self):  # -> glossary.Glossary
        """The default glossary and the user's, layered, compiled; from the cache when the same
        files (by content) were compiled before."""
        from .glossary import Glossary, compiled, formats, tsv

        files = [(DATA / "glossary" / "news.tsv", "tqcheck:news.tsv")] if self.default_glossary else []
        files += [(p, str(p)) for p in self.glossary_files]
        contents = [(label, tsv.read_bytes(path, label)) for path, label in files]
        key = compiled.cache_key(contents) if self.cache else None
        found = compiled.load_cached(key) if key else None
        if found is not None:
            return Glossary(found)
        layers = [
            tsv.parse(tsv.decode(data, label), label) if formats.detect(path) == "tsv" else formats.load(path, name=label)
            for (path, label), (_, data) in zip(files, contents)
        ]
        for (_, label), entries in zip(files, layers):
            _check_layer(entries, label)
        glossary = Glossary.build(layers)
        if key:
            compiled.store(key, glossary.compiled)
        return glossary

    @cached_property
    def glossary_matcher(self):  # -> glossary.matcher.FormMatcher
        from .glossary.matcher import FormMatcher

        return FormMatcher(self.glossary)

    @cached_property
    def forbidden_matcher(self):  # -> glossary.matcher.FormMatcher
        from .glossary.matcher import FormMatcher

        return FormMatcher(self.glossary, mode="forbidden")

    @cached_property
    def variant_matcher(self):  # -> glossary.matcher.FormMatcher
        from .glossary.matcher import FormMatcher

        return FormMatcher(self.glossary, mode="variants")

    @cached_property
    def transliteration_index(self):  # -> glossary.derive.TransliterationIndex
        from .glossary.derive import TransliterationIndex

        return TransliterationIndex(self.glossary)

    @cached_property
    def near_miss_index(self):  # -> glossary.fuzzy.NearMissIndex
        from .glossary.fuzzy import NearMissIndex

        return NearMissIndex(self.glossary)

    @cached_property
    def vocabulary(self) -> Vocabulary | None:
        if not self.lang.vocabulary:
            return None
        with gzip.open(DATA / self.lang.vocabulary, "rt", encoding="utf-8") as fh:
            return Vocabulary(fh.read().split())

    @cached_property
    def confusables(self) -> dict[str, str]:
        """Cyrillic/Greek letter -> its Latin look-alike, and the reverse map Latin -> Cyrillic."""
        table: dict[str, str] = {}
        for line in (DATA / "confusables.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                letter, latin, _ = line.split("\t")
                table[letter] = latin
        return table

    @cached_property
    def detector(self):  # -> langid.LanguageDetector
        from .langid import LanguageDetector

        return LanguageDetector()


def _check_layer(entries, label: str) -> None:
    """What makes a glossary unusable for checking: no entries, or one concept twice (which of the
    two is meant?). Other problems are for ``tqcheck glossary lint``."""
    if not entries:
        raise ConfigError(f"{label}: the glossary has no entries")
    seen: dict[str, str] = {}
    for e in entries:
        if e.preferred in seen:
            raise ConfigError(f"{e.origin}: duplicate entry '{e.preferred}' (also at {seen[e.preferred]}); "
                              "see 'tqcheck glossary lint'")
        seen[e.preferred] = e.origin
