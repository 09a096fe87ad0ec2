"""Seeing through transliteration: which glossary entry a Latin token was transliterated from.

A machine that does not know a name renders it letter by letter, and there are many ways to do that:
ЦТАК is "TSTAK" in the Ukrainian national system (KMU 2010), "CTAK" in ISO 9-style DSTU 9112, and
Russian systems (GOST 7.79, BGN/PCGN) or an engine's own habits give others still. Listing every
rendering of every source form in the glossary would cost seconds for a large glossary, so the index
works in two steps:

1. a *skeleton* folds any Latin rendering and any Cyrillic form to one key (digraphs, vowel and
   soft-sign spellings, doubled letters: "Zelenskyi", "Zelenskiy", "Zelensky" and Зеленський all
   become ``zelenski``). One skeleton per source form, computed with C-level string operations, is the
   whole cost of the index.
2. a token whose skeleton hits is *verified*: it must equal (case-insensitively) one of the real
   renderings of that source form under the systems of ``translit.variants``, so the skeleton never
   decides alone and the finding can name the system.

Look-alike acronyms: a target acronym made only of letters that exist in both alphabets (AP, BBC) is
written in Cyrillic letters (АР, ВВС) by source texts. When the glossary lists that Cyrillic twin as a
source form, its transliterations ("AR", "VVS") are look-alike readings, reported even at two letters,
where plain transliterations are too often real abbreviations. Twins the glossary does not list are
not guessed: ICC's twin ІСС would turn "ISS", the space station, into a finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Entry, Glossary

# Cyrillic letters to a plain Latin spelling, only to feed the skeleton (not a transliteration system)
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "yu", "я": "ya", "ы": "y", "э": "e", "ъ": "", "ё": "yo", "ў": "u",
}
_CYR_TABLE = str.maketrans({**_CYR, **{k.upper(): v for k, v in _CYR.items()}})
# Latin digraphs folded longest first, then single letters: many spellings, one key
_DIGRAPHS = (
    ("shch", "s"), ("sch", "s"), ("zh", "z"), ("kh", "g"), ("ts", "c"), ("tc", "c"), ("cz", "c"),
    ("ch", "c"), ("sh", "s"), ("ya", "a"), ("ia", "a"), ("ja", "a"), ("yu", "u"), ("iu", "u"),
    ("ju", "u"), ("ye", "e"), ("ie", "e"), ("je", "e"), ("yi", "i"), ("ji", "i"), ("yo", "e"),
    ("io", "e"), ("jo", "e"),
)
_SINGLE = str.maketrans({"y": "i", "j": "i", "x": "g", "h": "g", "w": "v", "q": "k", "'": None,
                         "’": None, "ʼ": None, "-": None, "`": None})
_REPEATS = re.compile(r"([^\n])\1+")
_SPACES = re.compile(r"[^\S\n]+")
# Latin capitals that look like Cyrillic ones, for the look-alike twins of acronyms
_LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXYI", "АВЕКМНОРСТХУІ")
_LOOKALIKE_LATIN = frozenset("ABEKMHOPCTXYI")


def skeleton(text: str) -> str:
    """A key shared by a Cyrillic form and its Latin renderings under any common system."""
    return skeletons([text])[0]


def skeletons(texts: list[str]) -> list[str]:
    """``skeleton`` of many strings at once: the steps run on one string joined with line breaks
    (a break cannot be part of a digraph or a repeat), so a glossary of 100,000 entries costs a few
    dozen C-level string operations instead of millions of small ones."""
    s = "\n".join(t.replace("\n", " ") for t in texts).translate(_CYR_TABLE).lower()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    s = _SPACES.sub(" ", _REPEATS.sub(r"\1", s.translate(_SINGLE)))
    return [line.strip() for line in s.split("\n")]


def lookalike_twin(form: str) -> str | None:
    """AP → АР: the Cyrillic spelling that looks exactly like an all-capitals Latin acronym."""
    if 2 <= len(form) <= 8 and form.isupper() and form.isalpha() and set(form) <= _LOOKALIKE_LATIN:
        return form.translate(_LATIN_TO_CYRILLIC)
    return None


@dataclass(frozen=True)
class Derived:
    """A token seen as a rendering of ``source`` (a source form of ``entry``, or its look-alike twin)."""

    entry: Entry
    source: str
    systems: tuple[str, ...]
    lookalike: bool


class TransliterationIndex:
    """Skeleton → the source forms (and listed look-alike twins) it comes from; the tables come ready
    from the compiled glossary, entries are made only for the skeletons a text hits."""

    def __init__(self, glossary: Glossary) -> None:
        c = glossary.compiled
        self._glossary = glossary
        self._keys = c.skeletons
        self._items = (c.item_row, c.item_form, c.item_lang, c.item_twin)
        self._renderings: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}

    def lookup(self, token: str) -> Derived | None:
        """The entry ``token`` renders, verified against the real systems; None when it renders
        none, or when it is itself one of the glossary's target forms."""
        numbers = self._keys.get(skeleton(token))
        if not numbers:
            return None
        rows, forms, langs, twins = self._items
        candidates = [(self._glossary.entry(rows[n]), forms[n], langs[n], twins[n]) for n in numbers]
        return self._verify(token, candidates)

    def __len__(self) -> int:
        return len(self._keys)

    def _verify(self, token: str, candidates: list[tuple[Entry, str, str, bool]]) -> Derived | None:
        folded = token.casefold()
        found: Derived | None = None
        for entry, source, lang, twin in candidates:
            if folded in (f.casefold() for f in entry.target_forms):
                return None  # a correct form of the concept, however it came about
            if token.isupper() != (source.isupper() and len(source) > 1):
                continue  # case follows the source: "ASAD" is a style's capitals, not Асад transliterated
            systems = self._rendered(source, lang).get(folded)
            if systems and found is None:
                found = Derived(entry, source, systems, twin)
        return found

    def _rendered(self, source: str, lang: str) -> dict[str, tuple[str, ...]]:
        """Every rendering of ``source`` under the real systems, computed once per run."""
        key = (source, lang)
        if key not in self._renderings:
            from .translit import variants

            out: dict[str, tuple[str, ...]] = {}
            for rendering, systems in variants(source, lang).items():
                out.setdefault(rendering.casefold(), tuple(systems))
            self._renderings[key] = out
        return self._renderings[key]


def describe(systems: Iterable[str]) -> str:
    from .translit import SYSTEMS

    names = []
    for s in systems:
        spec = SYSTEMS.get(s)
        names.append(spec[1] if spec else s)
    names = list(dict.fromkeys(names))
    return ", ".join(names[:2]) + (f" and {len(names) - 2} more" if len(names) > 2 else "")
