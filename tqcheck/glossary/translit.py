"""Transliteration: the Latin renderings a machine gives a Cyrillic name it does not know.

Machine translation, and writers in a hurry, render a name they cannot translate letter by letter:
the Ukrainian acronym ЦТАК (KCNA) becomes "CTAK" under ISO 9-style DSTU 9112 or "TSTAK" under the
Ukrainian national system, ЗСУ (AFU) "ZSU", Зеленський "Zelenskyi" or "Zelenskyy", Russian Киев
"Kiev". This module lists those renderings so that a check can recognise them in English text.

API:

- ``SYSTEMS``: system id → (language codes, short human name); the language field is ``"uk"``,
  ``"ru"`` or ``"uk ru"`` (space-separated) for the two systems that serve both languages.
- ``systems_for(lang)``: the ids that apply to a language, in ``SYSTEMS`` order.
- ``transliterate(text, system, lang=None)``: one rendering. Case follows the source letter by letter:
  an all-capitals word gives an all-capitals result (ЦТАК → TSTAK, not "TsTAK"; Щ inside it SHCH), a
  capitalised word a capitalised result, and an acronym with a lower-case ending stays so
  (НАТОвський → NATOvskyi). ``lang`` matters only for ``letters`` (see below).
- ``lookalike(text)``: the Latin letters that the Cyrillic letters of ``text`` look like (АР → "AP",
  ВВС → "BBC"), or None when ``text`` has a Cyrillic letter without a look-alike, or none at all.
- ``variants(text, lang, words=True)``: every distinct Latin rendering of the source form ``text`` in
  ``lang`` ('uk' or 'ru'; any other language gives {}), mapped to the ids of the systems that produce
  it. Keys are sorted; each tuple of ids is in ``SYSTEMS`` order. With ``words`` (the default) a form
  of several words (split at white space) also yields each word's own renderings, for a name of which a
  machine rendered only a part (Збройні сили України also gives "Zbroini", "syly", "Ukrainy"); a key
  with fewer words than the form is such a word rendering (one-letter words are skipped). A
  rendering that still holds a Cyrillic letter (a Russian letter under a Ukrainian system) is left out.
  A form with no Cyrillic letter (already Latin, "NATO") has no transliteration variants: {}.
  Callers compare renderings with the entry's English forms themselves: a rendering may be the
  English name (Анкара → "Ankara" in every system; АР → "AP" under ``lookalike``).
- ``ascii_fold(text)``: diacritics and modifier-letter apostrophes dropped (Kyïv → Kyiv).

Systems (ids):

- ``kmu2010`` (uk): the national system of Cabinet of Ministers resolution 55 of 27 January 2010, used
  for passports and road signs and by the engines that follow it (Київ → Kyiv, Згорани → Zghorany).
- ``dstu9112a`` (uk): DSTU 9112:2021 system A, ISO 9-like with diacritics (Київ → Kyïv, ЦТАК → CTAK);
  ``dstu9112a_ascii`` the same with diacritics dropped, as machine output often has it
  (Zaporižžja → Zaporizzja); ``dstu9112b`` (uk): system B, ASCII (Київ → Kyjiv).
  These three come from ``uklatn`` as it is.
- ``gost779`` (ru): GOST 7.79-2000 system B, ASCII (Щука → Shhuka, ЦТАК → CzTAK);
  ``iso9`` (ru): GOST 7.79-2000 system A, i.e. ISO 9:1995 (Щука → Ŝuka, ЦТАК → CTAK) and
  ``iso9_ascii`` the same without diacritics; ``bgn_pcgn`` (ru): BGN/PCGN 1947 (Киев → Kiyev);
  ``wikipedia_ru`` (ru): English Wikipedia's romanisation (Зеленский → Zelensky);
  ``icao`` (ru): ICAO Doc 9303, the Russian passport system since 2013 (Юрий → Iurii).
  These come from ``iuliia``'s schema tables, run by this module's engine (the same rules: letter,
  letter after a letter, letter before a letter, word ending) so that case follows the source, which
  ``iuliia`` itself does not do (it gives "TsTAK"). Two fixes to ``iuliia``'s tables: ё is written
  there as Cyrillic ё (U+0451) where GOST 7.79 A and BGN/PCGN have Latin ë, so ë it is here; and
  BGN/PCGN's optional separator dot (тс → t·s) is dropped, as every published text drops it.
- ``letters`` (uk and ru): one Latin string per Cyrillic letter, whatever its place, as careless
  writers and engines render an unknown name: Зеленський → Zelenskyy, Київ → Kyyiv, Киев → Kiev,
  Зеленский → Zelenskiy. The table and the reasons for each choice are in
  ``data/translit/letters.tsv``. ``transliterate(..., "letters")`` without ``lang`` reads a text with
  і ї є ґ as Ukrainian, one with ё ы э ъ as Russian, anything else as Ukrainian.
- ``lookalike`` (uk and ru): Cyrillic letters read as the Latin letters they look like
  (``data/translit/lookalike.tsv``). ``transliterate(..., "lookalike")`` reads the letters it can and
  leaves the others in Cyrillic; ``lookalike()`` and ``variants`` give a reading only when every
  Cyrillic letter has one.

Speed: per-character tables are built once (lazily), and every rendering of a form and every variants
result is cached: ``variants`` for the default glossary's 1,408 uk and ru source forms takes about
60 ms in all with cold caches on the project's 2-core machine (about 5 µs a rendering; uklatn itself
takes 6-8 µs a word), about 2 ms warm.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import iuliia
import uklatn

DATA = Path(__file__).resolve().parent.parent / "data" / "translit"

SYSTEMS: dict[str, tuple[str, str]] = {
    "kmu2010": ("uk", "KMU 2010, Ukraine's national system"),
    "dstu9112a": ("uk", "DSTU 9112 system A (ISO 9-like)"),
    "dstu9112a_ascii": ("uk", "DSTU 9112 system A without diacritics"),
    "dstu9112b": ("uk", "DSTU 9112 system B"),
    "gost779": ("ru", "GOST 7.79 system B"),
    "iso9": ("ru", "ISO 9 (GOST 7.79 system A)"),
    "iso9_ascii": ("ru", "ISO 9 without diacritics"),
    "bgn_pcgn": ("ru", "BGN/PCGN"),
    "wikipedia_ru": ("ru", "Wikipedia's romanisation of Russian"),
    "icao": ("ru", "ICAO Doc 9303 (passports)"),
    "letters": ("uk ru", "letter by letter"),
    "lookalike": ("uk ru", "Cyrillic letters read as the Latin ones they look like"),
}

LANGS = ("uk", "ru")

_ORDER = {sid: i for i, sid in enumerate(SYSTEMS)}
_CYRILLIC = re.compile("[\u0400-\u052f]")
# a word: letters, with apostrophes between letters inside it (Знам'янка is one word)
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_APOSTROPHES = ("'", "’", "ʼ")
_UK_ONLY = re.compile("[ґєіїҐЄІЇ]")
_RU_ONLY = re.compile("[ёыэъЁЫЭЪ]")
_UKLATN = {"kmu2010": uklatn.KMU_55, "dstu9112a": uklatn.DSTU_9112_A, "dstu9112b": uklatn.DSTU_9112_B}
# iuliia schema files (the JSON tables every iuliia port shares), by system id
_IULIIA = {
    "gost779": "gost_779_alt",
    "iso9": "gost_779",
    "bgn_pcgn": "bgn_pcgn",
    "wikipedia_ru": "wikipedia",
    "icao": "icao_doc_9303",
}
_FOLDED = {"dstu9112a_ascii": "dstu9112a", "iso9_ascii": "iso9"}
# apostrophe-like modifier letters and quotes that ASCII folding drops (ISO 9's ʹ ʺ, BGN/PCGN's ’ ”)
_FOLD_DROP = str.maketrans("", "", "ʹʺʼ’”‘“")


def systems_for(lang: str) -> tuple[str, ...]:
    """The ids of the systems that render ``lang`` ('uk' or 'ru'), in ``SYSTEMS`` order."""
    return tuple(sid for sid, (langs, _) in SYSTEMS.items() if lang in langs.split())


def ascii_fold(text: str) -> str:
    """Diacritics and apostrophe-like modifier letters dropped: Kyïv → Kyiv, Ilʹič → Ilic."""
    if text.isascii():
        return text
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(_FOLD_DROP)
    return unicodedata.normalize("NFC", s)


class _Scheme:
    """A letter-by-letter scheme in iuliia's model: a letter's rendering is looked up as
    (previous letter + letter), then (letter + next letter), then the letter alone; a word's last two
    letters may have an ending rendering. Tables are lower-case; case is applied per source letter."""

    __slots__ = ("context", "ending", "map", "next", "prev", "table")

    def __init__(self, mapping: dict[str, str], prev: dict[str, str] | None = None,
                 next_: dict[str, str] | None = None, ending: dict[str, str] | None = None) -> None:
        self.map = mapping
        self.prev = prev or {}
        self.next = next_ or {}
        self.ending = ending or {}
        self.table = str.maketrans({k: v for k, v in mapping.items() if len(k) == 1})
        # the letters whose rendering may depend on a neighbour: words without them translate at C speed
        self.context = frozenset(k[-1] for k in self.prev) | frozenset(k[0] for k in self.next)

    def text(self, text: str) -> str:
        return _WORD.sub(self._match, text)

    def _match(self, m: re.Match[str]) -> str:
        return self.word(m.group())

    def word(self, word: str) -> str:
        low = word.lower()
        if len(low) != len(word):  # a letter whose lower case is longer (none in Cyrillic): leave it
            return word
        if not self.ending and self.context.isdisjoint(low):
            res = low.translate(self.table)
        else:
            res = "".join(r if r is not None else low[i] for i, r in enumerate(self._parts(low)))
        if low == word:
            return res
        if len(word) > 1:
            if word.isupper():  # ЦТАК → TSTAK: every capital between capitals renders in capitals
                return res.upper()
            if word[1:] == low[1:] and self.map.get(low[0]):  # Щука → Shchuka
                return res[:1].upper() + res[1:]
        return "".join(_cased(word, i, r) for i, r in enumerate(self._parts(low)))

    def _parts(self, low: str) -> list[str | None]:
        """Each letter's rendering (None: not in the tables, the letter stays as it is)."""
        stem_len = len(low)
        tail: str | None = None
        if self.ending and stem_len > 2:
            tail = self.ending.get(low[-2:])
            if tail is not None:
                stem_len -= 2
        out: list[str | None] = []
        m, pm, nm, ctx = self.map, self.prev, self.next, self.context
        prev = ""
        for i in range(stem_len):
            c = low[i]
            r = None
            if c in ctx:
                r = pm.get(prev + c)
                if r is None:
                    r = nm.get(c + (low[i + 1] if i + 1 < stem_len else ""))
            if r is None:
                r = m.get(c)
            out.append(r)
            prev = c
        if tail is not None:
            out += [tail, ""]
        return out


def _cased(word: str, i: int, r: str | None) -> str:
    ch = word[i]
    if r is None:
        return ch
    if not ch.isupper() or not r:
        return r
    return r.upper() if _capitals_around(word, i) else r[:1].upper() + r[1:]


def _capitals_around(word: str, i: int) -> bool:
    """Whether the cased letter nearest after ``i`` (or, at the end, before it) is a capital: then a
    capital renders in capitals (ЦТАК → TSTAK, ЦТАКу → TSTAKu), otherwise capitalised (Щука → Shchuka)."""
    for j in range(i + 1, len(word)):
        c = word[j]
        if c.isupper():
            return True
        if c.islower():
            return False
    for j in range(i - 1, -1, -1):
        c = word[j]
        if c.isupper():
            return True
        if c.islower():
            return False
    return False


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    header_seen = False
    for line in (DATA / name).read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append(line.split("\t"))
    return rows


@cache
def _letters(lang: str) -> _Scheme:
    col = LANGS.index(lang) + 1
    mapping = {row[0]: row[col] for row in _read_tsv("letters.tsv") if row[col] != "-"}
    if lang == "uk":
        mapping.update(dict.fromkeys(_APOSTROPHES, ""))
    return _Scheme(mapping)


@cache
def _lookalike_table() -> dict[int, str]:
    return {ord(row[0]): row[1] for row in _read_tsv("lookalike.tsv")}


def _iuliia_tables(name: str) -> dict:
    """An iuliia schema's tables: the JSON file shipped in the package (``iuliia/schemas/NAME.json``,
    the format shared by every iuliia port, there since iuliia 0.11 at least)."""
    path = Path(iuliia.__file__).resolve().parent / "schemas" / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:  # pragma: no cover - an iuliia that no longer ships its tables as files
        raise RuntimeError(f"iuliia {getattr(iuliia, '__version__', '')} has no schema file {path}") from None


def _clean_value(v: str) -> str:
    # Cyrillic ё (U+0451) in iuliia's tables stands for Latin ë; BGN/PCGN's optional separator dot goes
    return v.replace("ё", "ë").replace("·", "")


@cache
def _iuliia(sid: str) -> _Scheme:
    d = _iuliia_tables(_IULIIA[sid])

    def table(key: str) -> dict[str, str]:
        return {k.lower(): _clean_value(v) for k, v in (d.get(key) or {}).items() if k == k.lower()}

    return _Scheme(table("mapping"), table("prev_mapping"), table("next_mapping"), table("ending_mapping"))


def _guess_lang(text: str) -> str:
    if _UK_ONLY.search(text):
        return "uk"
    if _RU_ONLY.search(text):
        return "ru"
    return "uk"


def _prepare(text: str) -> str:
    """NFC, without stress marks (Ки́їв is Київ)."""
    return unicodedata.normalize("NFC", text.replace("\u0301", ""))


@lru_cache(maxsize=1 << 16)
def _render(text: str, system: str, lang: str) -> str:
    """``text`` (prepared) under ``system``; ``lang`` is the language for ``letters``."""
    if system in _UKLATN:
        return uklatn.encode(text.replace("ʼ", "’"), _UKLATN[system])
    if system in _FOLDED:
        return ascii_fold(_render(text, _FOLDED[system], lang))
    if system in _IULIIA:
        return _iuliia(system).text(text)
    if system == "letters":
        return _letters(lang).text(text)
    if system == "lookalike":
        return text.translate(_lookalike_table())
    raise ValueError(f"unknown transliteration system {system!r}; known: {', '.join(SYSTEMS)}")


def transliterate(text: str, system: str, lang: str | None = None) -> str:
    """``text`` rendered in Latin letters under ``system`` (an id of ``SYSTEMS``); characters that the
    system does not cover stay as they are. ``lang`` ('uk' or 'ru') picks the ``letters`` table."""
    if system not in SYSTEMS:
        raise ValueError(f"unknown transliteration system {system!r}; known: {', '.join(SYSTEMS)}")
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} for transliteration; known: {', '.join(LANGS)}")
    text = _prepare(text)
    if system == "letters":
        lang = lang or _guess_lang(text)
    return _render(text, system, lang or "")


def lookalike(text: str) -> str | None:
    """The Latin letters the Cyrillic letters of ``text`` look like (АР → "AP", ВВС → "BBC"); None when
    a Cyrillic letter has no look-alike, or when ``text`` has no Cyrillic letter at all."""
    if not _CYRILLIC.search(text):
        return None
    read = _prepare(text).translate(_lookalike_table())
    return None if _CYRILLIC.search(read) else read


def variants(text: str, lang: str, words: bool = True) -> dict[str, tuple[str, ...]]:
    """Every distinct Latin rendering of the source form ``text`` in ``lang``, mapped to the ids of
    the systems that give it (keys sorted, ids in ``SYSTEMS`` order); see the module's docstring."""
    return dict(_variants(text, lang, words))


@lru_cache(maxsize=1 << 14)
def _variants(text: str, lang: str, words: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if lang not in LANGS or not _CYRILLIC.search(text):
        return ()
    form = " ".join(_prepare(text).split())
    parts = form.split(" ")
    # which words get their own renderings: those of a form of several words with two letters or more
    own = [words and len(parts) > 1 and bool(_CYRILLIC.search(p)) and sum(c.isalpha() for c in p) > 1
           for p in parts]
    found: dict[str, set[str]] = {}
    for sid in systems_for(lang):
        r = _render(form, sid, lang)
        if not _CYRILLIC.search(r):
            found.setdefault(r, set()).add(sid)
        if any(own):
            # every system renders word by word, so the form's rendering splits into its words' ones
            rendered = r.split(" ")
            if len(rendered) != len(parts):  # pragma: no cover - no system adds or drops spaces
                rendered = [_render(p, sid, lang) for p in parts]
            for keep, w in zip(own, rendered):
                if keep and not _CYRILLIC.search(w):
                    found.setdefault(w, set()).add(sid)
    return tuple((k, tuple(sorted(v, key=_ORDER.__getitem__))) for k, v in sorted(found.items()))
