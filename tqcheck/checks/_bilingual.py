"""What the bilingual checks (TQ510-TQ599) share: the aligned segments of a document, the span a
segment-level finding points at, and the extraction of numbers, months, addresses, placeholders,
sentences and glossary terms from Ukrainian/Russian sources and English targets.

Everything here is a pure function of its arguments or of a check instance: no module-level state
beyond compiled patterns and constant tables (two runs with different glossaries in one process do
not see each other's indexes).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..model import SegmentPair
from ._patterns import CYRILLIC

if TYPE_CHECKING:
    from ..glossary.model import Entry
    from ..model import Document
    from ..resources import Resources
    from .base import Context


class Segment(NamedTuple):
    """One aligned unit: the pair and its two texts."""

    pair: SegmentPair
    source: str
    target: str


def segments(ctx: Context) -> Iterator[Segment]:
    """The aligned units of a bilingual document; nothing for a target-only one."""
    source, text = ctx.source, ctx.text
    if source is None:
        return
    for p in ctx.pairs:
        yield Segment(p, source[p.source_start : p.source_end], text[p.start : p.end])


def _lowered_source(ctx: Context) -> str:
    """The source text in lowercase, once per document (kept in the context)."""
    low = ctx._extra.get("bilingual.source_lower")
    if low is None:
        source = ctx.source or ""
        low = source.lower()
        if len(low) != len(source):  # a letter whose lowercase is longer ("İ")
            low = "".join(ch.lower()[:1] or ch for ch in source)
        ctx._extra["bilingual.source_lower"] = low
    return low  # type: ignore[return-value]


def segments_with(ctx: Context, *triggers: re.Pattern[str], lower: bool = False) -> Iterator[Segment]:
    """The segments whose source has a match of one of ``triggers`` (in the lowercased source with
    ``lower``), in order, each once, from one scan of the whole source text per trigger: checks that
    need a digit or a month name look only at those segments."""
    source = ctx.source
    if source is None or not ctx.pairs:
        return
    text = _lowered_source(ctx) if lower else source
    pairs = ctx.pairs
    starts: list[int] | None = ctx._extra.get("bilingual.starts")  # type: ignore[assignment]
    if starts is None:
        starts = [p.source_start for p in pairs]
        ctx._extra["bilingual.starts"] = starts
    found: set[int] = set()
    for trigger in triggers:
        m = trigger.search(text)
        while m is not None:
            k = bisect.bisect_right(starts, m.start()) - 1
            p = pairs[k]
            if m.start() < p.source_end:
                found.add(k)
                m = trigger.search(text, p.source_end)
            else:
                m = trigger.search(text, m.start() + 1)
    target = ctx.text
    for k in sorted(found):
        p = pairs[k]
        yield Segment(p, source[p.source_start : p.source_end], target[p.start : p.end])


def segment_span(ctx: Context, pair: SegmentPair) -> tuple[int, int]:
    """Where a finding about a whole target segment points: the segment without its surrounding
    spaces, and without the regions the engine ignores (URLs, e-mail addresses: a finding that
    overlaps one is dropped), so the longest stretch of the segment outside them; an empty span at
    the segment's start when there is none (the segment is one URL, or empty)."""
    start, end = pair.start, pair.end
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    ignored = [(s, e) for s, e in ctx.document.ignored if s < end and start < e]
    if not ignored:
        return start, end
    gaps, pos = [], start
    for s, e in ignored:
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        gaps.append((pos, end))
    gaps = [(s, e) for s, e in gaps if text[s:e].strip()]
    if not gaps:
        return pair.start, pair.start
    s, e = max(gaps, key=lambda g: g[1] - g[0])
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------- addresses

URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'«»“”‘’]+", re.IGNORECASE)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# @handle and #hashtag in Latin letters (Cyrillic hashtags are words a translator may translate);
# not an e-mail's "@" (a word character before it) nor an HTML entity "&#39;"
HANDLE = re.compile(r"(?<![\w@.&/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
HASHTAG = re.compile(r"(?<![\w#&/])#[A-Za-z_][A-Za-z0-9_]{1,60}(?!\w)")
_TRAILING = ".,;:!?)]}'\"…»”’"


class Address(NamedTuple):
    kind: str  # "URL" | "e-mail address" | "handle" | "hashtag"
    text: str
    start: int
    end: int


def addresses(text: str) -> list[Address]:
    """URLs, e-mail addresses, @handles and Latin #hashtags of a text, each once, trailing
    punctuation not included; an address inside a URL is part of the URL."""
    if "@" not in text and "#" not in text and "://" not in text and "www." not in text.lower():
        return []
    found: list[Address] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("URL", URL), ("e-mail address", EMAIL), ("handle", HANDLE), ("hashtag", HASHTAG)):
        for m in pattern.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in _TRAILING:
                if text[e - 1] == ")" and "(" in text[s : e - 1]:  # a balanced parenthesis belongs to the URL
                    break
                e -= 1
            if e - s < 2 or any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            found.append(Address(kind, text[s:e], s, e))
    found.sort(key=lambda a: a.start)
    return found


def address_key(a: Address) -> str:
    """What must be the same on both sides: URLs with a case-insensitive scheme and host and without
    a trailing slash; e-mail addresses, handles and hashtags case-insensitively."""
    if a.kind == "URL":
        m = re.match(r"(?i)((?:[a-z]+://)?[^/?#]*)(.*)", a.text)
        assert m is not None
        return m.group(1).lower() + m.group(2).rstrip("/")
    return a.text.casefold()


# ------------------------------------------------------------------------------ placeholders, tags

_HTML_TAGS = (
    "a|abbr|b|big|blockquote|br|code|del|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|small|span"
    "|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|var|x|g|bx|ex|ph|bpt|ept|it|mrk"
)
PLACEHOLDER = re.compile(
    "|".join(
        [
            r"\{\{[^{}\n]{1,80}\}\}",  # {{ name }}
            r"\{%[^{}\n]{1,80}%\}",  # {% tag %}
            r"(?<![{\w$\\])\{(?:[A-Za-z_][\w.]{0,40}|\d{1,2})(?::[^{}\n]{0,20})?\}(?!\})",  # {0} {name} {0:d}
            r"\$\{[A-Za-z_]\w{0,40}\}",  # ${var}
            r"(?<![\w%])%(?:\d+\$)?(?:\([A-Za-z_]\w*\))?[-+#0]?\d*(?:\.\d+)?[sdifuxXeEgGc@](?![\w%])",  # %s %1$s
            r"(?<![\w%])%\d{1,2}(?![\w%])",  # %1 (Qt)
            rf"</?(?:{_HTML_TAGS})(?:\s+[^<>]{{0,300}}?)?\s*/?>",  # <b> </b> <br/> <a href="...">
            r"&(?:[A-Za-z]{2,8}|#\d{2,5}|#x[0-9A-Fa-f]{2,4});",  # &nbsp; &#160;
        ]
    ),
    re.IGNORECASE,
)
_PH_TRIGGER = re.compile(r"[{%<&$]")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")


def placeholder_key(token: str) -> str:
    """Tags compare by name and kind (opening, closing, empty), so that a translated ``title`` or
    ``alt`` attribute is not a difference; every other placeholder compares as written, spaces
    inside ``{{ }}`` aside."""
    m = _TAG_NAME.fullmatch(token)
    if m:
        slash, name, empty = m.groups()
        return f"<{slash}{name.lower()}{'/' if empty or name.lower() in ('br', 'hr', 'img') else ''}>"
    if token.startswith(("{{", "{%")):
        return re.sub(r"\s+", "", token)
    return token


def placeholders(text: str) -> list[re.Match[str]]:
    if not _PH_TRIGGER.search(text):
        return []
    return list(PLACEHOLDER.finditer(text))


# ------------------------------------------------------------------------------------------ numbers

# thin, narrow no-break and no-break spaces group thousands in Ukrainian and Russian typography
_GROUP_SPACE = " \u00a0\u202f\u2009"
_SCALES_SRC = {
    "тис": 1e3, "тисяч": 1e3, "тисячі": 1e3, "тисяча": 1e3, "тисячу": 1e3, "тисячами": 1e3, "тыс": 1e3,
    "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тысячу": 1e3,
    "млн": 1e6, "мільйон": 1e6, "мільйона": 1e6, "мільйонів": 1e6, "мільйони": 1e6, "миллион": 1e6,
    "миллиона": 1e6, "миллионов": 1e6,
    "млрд": 1e9, "мільярд": 1e9, "мільярда": 1e9, "мільярдів": 1e9, "мільярди": 1e9, "миллиард": 1e9,
    "миллиарда": 1e9, "миллиардов": 1e9,
    "трлн": 1e12, "трильйон": 1e12, "трильйона": 1e12, "трильйонів": 1e12, "триллион": 1e12,
    "триллиона": 1e12, "триллионов": 1e12,
}
_SCALES_TGT = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6,
    "m": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
# a number: digits grouped by spaces ("1 000 000", only groups of three), or digits with inner
# separators ("1,5", "24.02.2022", "10:30", "1/2"), then an optional scale word
_NUM_BODY = (
    rf"(?P<grouped>\d{{1,3}}(?:[{_GROUP_SPACE}]\d{{3}})+(?![\d]|[.,:]\d))(?:(?P<gdec>[.,]\d+))?"
    r"|(?P<plain>\d+(?:[.,:/]\d+)*)"
)
_SRC_NUMBER = re.compile(
    rf"(?<![\d])(?:{_NUM_BODY})(?:\s?(?P<scale>{'|'.join(sorted(_SCALES_SRC, key=len, reverse=True))})(?!\w))?",
    re.IGNORECASE,
)
_TGT_NUMBER = re.compile(
    rf"(?<![\d])(?:{_NUM_BODY})(?:\s?(?P<scale>{'|'.join(sorted(_SCALES_TGT, key=len, reverse=True))})(?![^\W\d_]))?"
    r"(?:\s?(?P<ampm>[ap]\.?\s?m\b\.?))?",
    re.IGNORECASE,
)

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD_UNITS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth",
]


def _word_numbers() -> dict[str, float]:
    words: dict[str, float] = {}
    for i, w in enumerate(_UNITS):
        words[w] = i
    for i, w in enumerate(_ORD_UNITS):
        words[w] = i
    for t in range(2, 10):
        words[_TENS[t]] = 10 * t
        words[_TENS[t][:-1] + "ieth"] = 10 * t
        for u in range(1, 10):
            for sep in ("-", " "):
                words[f"{_TENS[t]}{sep}{_UNITS[u]}"] = 10 * t + u
                words[f"{_TENS[t]}{sep}{_ORD_UNITS[u]}"] = 10 * t + u
    words.update({
        "hundred": 100, "hundredth": 100, "thousand": 1e3, "thousandth": 1e3, "million": 1e6, "billion": 1e9,
        "dozen": 12, "once": 1, "twice": 2, "thrice": 3, "single": 1, "double": 2, "triple": 3, "couple": 2,
        "pair": 2, "half": 0.5, "quarter": 0.25, "noon": 12, "midnight": 0, "both": 2,
        "none": 0, "no": 0, "nothing": 0, "decade": 10, "fortnight": 14,
    })
    return words


_WORDS = _word_numbers()
_ONE_WORDS = re.compile(r"\b(?:an?|one|single|once|first)\b")
_SIMPLE_WORDS = sorted((w for w in _WORDS if " " not in w and "-" not in w and w not in ("a", "an")),
                       key=len, reverse=True)
_TENS_RE = "|".join(_TENS[2:])
_UNIT_RE = "|".join(_UNITS[1:10] + _ORD_UNITS[1:10])
# number words in lowercased text: "twenty-one", "twenty first", "hundred", "one and a half"
_WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?:(?:{_TENS_RE})[- ](?:{_UNIT_RE})|{'|'.join(_SIMPLE_WORDS)})(?![\w])"
    r"(?:\s+(?:and\s+a\s+half|hundred|thousand|million|billion))*"
)


_MONTHS_EN = re.compile(
    r"\b(?:(?P<m1>jan(?:uary)?)|(?P<m2>feb(?:ruary)?)|(?P<m3>mar(?:ch)?)|(?P<m4>apr(?:il)?)|(?P<m5>may)"
    r"|(?P<m6>june?)|(?P<m7>july?)|(?P<m8>aug(?:ust)?)|(?P<m9>sept?(?:ember)?)|(?P<m10>oct(?:ober)?)"
    r"|(?P<m11>nov(?:ember)?)|(?P<m12>dec(?:ember)?))\b",
    re.IGNORECASE,
)
# Ukrainian and Russian month names, every case form (stem + ending). лютий ("fierce"), май/мая/мае
# (Ukrainian "мая", "мае": forms of "to have") and август (a name) count only after a day number or
# before a year.
_UK_ENDINGS = "(?:ень|ня|ні|нем|ню)"
_RU_ENDINGS = "(?:ь|я|е|ём|ем|ю)"
_MONTHS_SRC = [
    (1, rf"січ{_UK_ENDINGS}|январ{_RU_ENDINGS}"),
    (2, rf"(?:лют(?:ий|ого|ому|им)|феврал{_RU_ENDINGS})"),
    (3, rf"берез{_UK_ENDINGS}|март(?:а|е|ом|у)?"),
    (4, rf"квіт{_UK_ENDINGS}|апрел{_RU_ENDINGS}"),
    (5, rf"трав{_UK_ENDINGS}|ма(?:й|я|е)"),
    (6, rf"черв{_UK_ENDINGS}|июн{_RU_ENDINGS}"),
    (7, rf"лип{_UK_ENDINGS}|июл{_RU_ENDINGS}"),
    (8, rf"серп{_UK_ENDINGS}|август(?:а|е|ом|у)?"),
    (9, rf"верес{_UK_ENDINGS}|сентябр{_RU_ENDINGS}"),
    (10, rf"жовт{_UK_ENDINGS}|октябр{_RU_ENDINGS}"),
    (11, rf"листопад(?:а|і|ом|у)?|ноябр{_RU_ENDINGS}"),
    (12, rf"груд{_UK_ENDINGS}|декабр{_RU_ENDINGS}"),
]
_MONTH_SRC = re.compile(
    rf"(?<![{CYRILLIC}\w])(?:" + "|".join(f"(?P<m{k}>{p})" for k, p in _MONTHS_SRC) + rf")(?![{CYRILLIC}\w])",
    re.IGNORECASE,
)
# what a segment needs to name a month: the stem of a month word (in the lowercased text), or a
# numeric date
MONTH_TRIGGERS = (
    re.compile(
        "(?:а(?:вгуст|прел)|берез|верес|груд|декабр|жовт|ию(?:л|н)|квіт|л(?:и(?:п|стопад)|ют)|ма(?:е|й|рт|я)"
        "|ноябр|октябр|с(?:е(?:нтябр|рп)|іч)|трав|феврал|черв|январ)"
    ),
    re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"),
)
_AMBIGUOUS_MONTH = re.compile(r"(?i)лют|ма[йяе]|август")
_NEAR_NUMBER_BEFORE = re.compile(r"(?<![\d.,:])\d{1,2}(?:-?(?:го|е|ого))?\s{1,2}$")
_NEAR_NUMBER_AFTER = re.compile(r"^\s{1,2}\d{4}")
# a day number followed by a month word: "1 березня", "24-го лютого"
_BEFORE_MONTH = re.compile(r"(?:-?(?:го|е|ого))?\s+" + _MONTH_SRC.pattern, re.IGNORECASE)


DIGIT = re.compile(r"\d")


def _key(v: float) -> float:
    return float(f"{v:.9g}")


class SourceNumber(NamedTuple):
    """A number of the source: its text, offsets in the segment, the readings it may have (each a
    tuple of values that must all appear in the target), the month it names if it is a date, and
    whether only numbers in digits may stand for it in the target (a time, a date, a day before a
    month: "a" or "first" elsewhere in the sentence must not count for the 1 of "1 березня")."""

    text: str
    start: int
    end: int
    readings: tuple[tuple[float, ...], ...]
    month: int | None
    strict: bool = False

    @property
    def plain(self) -> float | None:
        """The value of a plain whole number (no separator, no scale word), else None."""
        return self.readings[0][0] if self.text.isdigit() else None


def _plain_readings(body: str) -> tuple[list[tuple[float, ...]], int | None, list[float]]:
    """Readings of digits with inner separators; also the month of an unambiguous numeric date, and
    (for targets) every value the token could stand for."""
    parts = re.split(r"([.,:/])", body)
    nums = parts[0::2]
    seps = parts[1::2]
    ints = [int(n) for n in nums]
    readings: list[tuple[float, ...]] = []
    month = None
    if not seps:
        return [(float(ints[0]),)], None, [float(ints[0])]
    comps = tuple(float(i) for i in ints if i != 0) or (0.0,)
    if len(seps) == 1:
        sep, a, b = seps[0], nums[0], nums[1]
        if sep in ".,":
            readings.append((float(f"{a}.{b}"),))
            if len(b) == 3:
                readings.append((float(a + b),))  # thousands separator (English comma, German dot)
            if sep == "." and len(b) == 2 and 1 <= int(a) <= 31 and 1 <= int(b) <= 12:
                readings.append((float(int(a)),))  # a date "19.04" (its month is only a reading)
            if sep == "." and len(b) == 2 and int(a) <= 24 and int(b) < 60:
                readings.append(tuple(float(i) for i in (int(a), int(b)) if i) or (0.0,))  # "14.00"
                if int(a) > 12:
                    readings.append((float(int(a) - 12),))
        elif sep == ":":
            h, m = int(a), int(b)
            readings.append(tuple(float(i) for i in (h, m) if i) or (0.0,))
            if h > 12:
                readings.append(tuple(float(i) for i in (h - 12, m) if i))
            if m == 0:
                readings.append((float(h),))
        else:  # "/": a fraction or a date
            readings.append(comps)
            if int(b):
                readings.append((int(a) / int(b),))
    else:
        if all(s == seps[0] for s in seps) and seps[0] in ".," and all(len(n) == 3 for n in nums[1:]):
            readings.append((float("".join(nums)),))
        if len(nums) == 3 and seps[0] == seps[1] and seps[0] in "./" and 1 <= ints[0] <= 31 and 1 <= ints[1] <= 12:
            month = ints[1]
            readings.append(tuple(float(i) for i in (ints[0], ints[2])))
        elif len(nums) == 3 and seps[0] == seps[1] == "-" and ints[0] > 31 and 1 <= ints[1] <= 12:
            month = ints[1]
        readings.append(comps)
    values = {v for r in readings for v in r} | set(comps)
    return readings, month, sorted(values)


def source_numbers(text: str) -> list[SourceNumber]:
    """The numbers written in digits in a source segment (URLs, e-mail addresses, handles and
    placeholders left out), with their readings."""
    if DIGIT.search(text) is None:
        return []
    masked = _mask(text)
    found = []
    for m in _SRC_NUMBER.finditer(masked):
        if m.group("grouped"):
            digits = re.sub(rf"[{_GROUP_SPACE}]", "", m.group("grouped"))
            value = float(digits + (("." + m.group("gdec")[1:]) if m.group("gdec") else ""))
            groups = re.split(rf"[{_GROUP_SPACE}]", m.group("grouped"))
            readings: list[tuple[float, ...]] = [(value,)]
            if "000" not in groups[1:]:  # "67 123 45": maybe not one number (a telephone number)
                readings.append(tuple(float(g) for g in groups if int(g)))
            month = None
        else:
            readings, month, _ = _plain_readings(m.group("plain"))
        scale = m.group("scale")
        if scale:
            factor = _SCALES_SRC[scale.lower()]
            readings = readings + [tuple(v * factor for v in r) for r in readings if len(r) == 1]
        body = m.group("plain") or ""
        strict = ":" in body or month is not None or _BEFORE_MONTH.match(text, m.end()) is not None
        found.append(SourceNumber(m.group(0), m.start(), m.end(),
                                  tuple(tuple(_key(v) for v in r) for r in readings), month, strict))
    return found


class TargetNumbers(NamedTuple):
    values: frozenset[float]  # every value, from digits or words
    digits: frozenset[float]  # the values of numbers written in digits
    months: frozenset[int]
    # (start, end, values) of each number written in digits, for "changed" reports
    tokens: tuple[tuple[int, int, frozenset[float]], ...]
    # how many numbers (in digits or words) may stand for each value
    counts: Counter[float]


def target_numbers(text: str) -> TargetNumbers:
    """Every value a target segment may express: numbers in digits under every reading (English
    "1,500" is 1500 but a copied "1,5" is 1.5), scaled ("3.5 million"), 12-hour times ("6 p.m." is
    also 18), words ("two", "twenty-first", "a dozen", "one and a half"); and the months it names in
    words or in numeric dates."""
    values: set[float] = set()
    months: set[int] = set()
    counts: Counter[float] = Counter()
    tokens = []
    masked = _mask(text) if ("@" in text or "/" in text or "%" in text or "{" in text or "<" in text) else text
    if DIGIT.search(text) is not None:
        for m in _TGT_NUMBER.finditer(masked):
            if m.group("grouped"):
                groups = re.split(rf"[{_GROUP_SPACE}]", m.group("grouped"))
                vals = {float("".join(groups) + (("." + m.group("gdec")[1:]) if m.group("gdec") else ""))}
                vals |= {float(g) for g in groups}
            else:
                body = m.group("plain")
                _, month, vals_list = _plain_readings(body)
                vals = set(vals_list)
                parts = [int(p) for p in re.split(r"[.,:/-]", body)]
                if month:
                    months.add(month)
                if len(parts) >= 2 and re.search(r"[./]", body):
                    months.update(p for p in parts[:2] if 1 <= p <= 12)
                if len(parts) == 2 and "," in body:  # a decimal comma copied from the source
                    vals.add(float(body.replace(",", ".")))
            scale = m.group("scale")
            if scale:
                factor = _SCALES_TGT[scale.lower()]
                vals |= {v * factor for v in vals}
            if m.group("ampm"):
                pm = m.group("ampm").lower().startswith("p")
                vals |= {v + 12 for v in vals if pm and v < 12} | {v - 12 for v in vals if not pm and v == 12}
            keyed = frozenset(_key(v) for v in vals)
            values |= keyed
            counts.update(keyed)
            tokens.append((m.start(), m.end(), keyed))
    digits = frozenset(values)
        # "1990s", "24th": digits glued to letters are found above; a year in "'22" is not read
    low = text.lower()
    if _ONE_WORDS.search(low):
        values.add(1.0)
    for m in _WORD_NUMBER.finditer(low):
        words = m.group(0).split()
        total = 0.0
        current = 0.0
        for i, w in enumerate(words):
            if i and w in ("and", "a"):
                continue
            if i and w == "half":
                current += 0.5
                continue
            v = _WORDS.get(w, _WORDS.get(w.replace(" ", "-"), 0))
            values.add(_key(v))
            if v in (100, 1e3, 1e6, 1e9):
                current = (current or 1) * v
                if v >= 1e3:
                    total += current
                    current = 0
            else:
                current += v
        values.add(_key(total + current))
        counts[_key(total + current)] += 1
    for m in _MONTHS_EN.finditer(text):
        months.add(int(m.lastgroup[1:]))  # type: ignore[index]
    return TargetNumbers(frozenset(values), digits, frozenset(months), tuple(tokens), counts)


def missing_numbers(numbers: list[SourceNumber], target: TargetNumbers) -> list[SourceNumber]:
    """The source numbers the target does not have: no reading whose values all occur (in digits
    for a strict number); and a plain number the source writes N times (2 and more) when the
    translation has fewer numbers that stand for it (each occurrence after the ones found)."""
    missing = []
    for n in numbers:
        pool = target.digits if n.strict else target.values
        if not any(all(v in pool for v in r) for r in n.readings):
            missing.append(n)
    wanted = Counter(n.plain for n in numbers if n.plain is not None and n.plain != 1)
    for value, count in wanted.items():
        have = target.counts[value]
        if 0 < have < count:
            extra = [n for n in numbers if n.plain == value][have:]
            missing.extend(n for n in extra if n not in missing)
    missing.sort(key=lambda n: n.start)
    return missing


def source_months(text: str) -> list[tuple[int, int, int]]:
    """(month, start, end) of each month a source segment names in words or in an unambiguous
    numeric date ("24.02.2022")."""
    found = []
    if _MONTH_SRC.search(text):
        for m in _MONTH_SRC.finditer(text):
            word = m.group(0)
            if _AMBIGUOUS_MONTH.match(word) and not (
                _NEAR_NUMBER_BEFORE.search(text, 0, m.start()) or _NEAR_NUMBER_AFTER.match(text[m.end() :])
            ):
                continue
            found.append((int(m.lastgroup[1:]), m.start(), m.end()))  # type: ignore[index]
    if DIGIT.search(text) is not None:
        for n in source_numbers(text):
            if n.month:
                found.append((n.month, n.start, n.end))
    found.sort(key=lambda f: f[1])
    return found


def _mask(text: str) -> str:
    """The text with its addresses and placeholders blanked out (same length), so that the digits
    of "examplehere101" or "{0}" are not numbers."""
    spans = [(a.start, a.end) for a in addresses(text)] + [m.span() for m in placeholders(text)]
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


# ---------------------------------------------------------------------------- length and sentences

# Sentence ends: ., !, ?, … (runs of them), closing quotes or brackets, then space and a word
# character of either case (machine output often lowercases sentence starts); not after a single
# letter (an initial, "р.", "м."). Sentences run together without a space ("поляла.Все") count as one: splitting them
# would split "ім.Драгоманова" too, and machine output copies the missing spaces inconsistently.
_SENTENCE_END = re.compile(r"(?<!\b\w)[.!?…]+[\"»”’)\]]*\s+(?=[\"«“(\[]?\w)")
LENGTH_SMOOTHING = 10  # characters added to both lengths: short segments vary more


def sentence_count(text: str) -> int:
    text = text.strip()
    return len(_SENTENCE_END.findall(text)) + 1 if text else 0


def length_ratio(source: str, target: str) -> float:
    """The target's length over the source's, in characters without surrounding spaces, each plus
    ``LENGTH_SMOOTHING``."""
    return (len(target.strip()) + LENGTH_SMOOTHING) / (len(source.strip()) + LENGTH_SMOOTHING)


_SOURCE_LETTER = re.compile(f"[{CYRILLIC}]")


_SQUEEZE = re.compile(r"\s+")


def squeezed(text: str) -> str:
    return _SQUEEZE.sub("", text).casefold()


def is_copy(source: str, target: str) -> bool:
    """The target is the source as written, case and whitespace aside, and the source has letters of
    the source script (an untranslated segment). Most targets have no Cyrillic letter at all, which
    is checked first."""
    return (
        _SOURCE_LETTER.search(target) is not None
        and _SOURCE_LETTER.search(source) is not None
        and squeezed(target) == squeezed(source)
    )


# ------------------------------------------------------------------------------------- key terms

# Noun endings of Ukrainian and Russian (all cases, both numbers) that may follow a form's stem
ENDINGS = frozenset(
    "а я у ю і ї и ы е є о ь й ом ем єм ём ою ею єю ей ой ів їв ов ев ям ам ями ами ах ях ії ію ією ия ии ию "
    "ией ий ого ому им ім ій ая ую ые ых ым ыми ими их ої ое".split()
)
_ENDINGS_RE = "|".join(sorted(ENDINGS, key=len, reverse=True))
_STRIP = frozenset("аяоеєіїиыуюьй")
_ALTERNATING = "іїоеє"
MIN_STEM = 3
_WORDS_SPLIT = re.compile(r"(\s+|-)")
_COMPOUND = re.compile(r"-\w")
_OPENERS = " \t\"«“„'([–—-•*"


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` starts the text, a line or a sentence (after an opening quote, dash or
    bullet)."""
    before = text[max(0, pos - 40) : pos].rstrip(_OPENERS)
    return not before or before[-1] in ".!?…:\n"


class _Word(NamedTuple):
    """One word of a source form as the index matches it: ``stem`` (lowercase; ``*`` stands for a
    letter that alternates), whether endings may follow, whether the match must start with a
    capital, and whether it must match exactly as written (an acronym)."""

    stem: str
    inflects: bool
    capital: bool
    exact: str | None
    forms: frozenset[str] = frozenset()


def _form_word(w: str, lang: str | None) -> _Word:
    letters = sum(ch.isalpha() for ch in w)
    if not w.isalpha() or letters <= 2 or (w.isupper() and letters <= 6):
        return _Word(w.lower(), False, w[:1].isupper(), w if w.isupper() else None, frozenset({w.lower()}))
    stem = w.lower()
    if stem[-1] in _STRIP and len(stem) - 1 >= MIN_STEM:
        stem = stem[:-1]
        if stem[-1] in "іи" and len(stem) - 1 >= MIN_STEM + 1 and w[-1].lower() in "яї":
            stem = stem[:-1]  # Росія -> рос(ія|ії|ію|ією); Россия -> росс(ия|ии|ию|ией)
    elif lang == "uk" and len(stem) >= 4 and stem[-2] in "іїо" and stem[-1] not in _STRIP:
        stem = stem[:-2] + "*" + stem[-1]  # Київ -> ки*в: Києва, Києві; Львів -> Львова
    return _Word(stem, True, w[:1].isupper(), None, frozenset({w.lower()}))


def _word_regex(word: _Word) -> str:
    body = re.escape(word.stem).replace(r"\*", f"[{_ALTERNATING}]")
    return f"{body}(?:{_ENDINGS_RE})?" if word.inflects else body


def _trie_regex(stems: Iterable[str]) -> str:
    """One alternation of lowercase literal stems as a character trie ("ки(?:[іїоеє]в|...)"): Python's
    regex engine tries the alternatives of a flat list one by one at every position; a trie fails at
    the first letter that no stem continues with."""
    trie: dict = {}
    for stem in stems:
        node = trie
        for ch in stem:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            piece = f"[{_ALTERNATING}]" if ch == "*" else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


# British and American spellings of the same word are the same term ("Defence"/"Defense Intelligence")
_SPELLING_ALTS = {
    "defence": "defen[cs]e", "defense": "defen[cs]e", "organis": "organi[sz]", "organiz": "organi[sz]",
    "centre": "cent(?:re|er)", "center": "cent(?:re|er)", "programme": "program(?:me)?",
    "labour": "labou?r", "labor": "labou?r",
}
_SPELLING = re.compile("|".join(_SPELLING_ALTS), re.IGNORECASE)


def _data(name: str) -> list[list[str]]:
    """Rows of a tab-separated file of ``data/bilingual/``, comments and blank lines left out."""
    path = Path(__file__).resolve().parent.parent / "data" / "bilingual" / name
    return [
        [cell.strip() for cell in line.split("\t")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def demonyms() -> dict[str, tuple[str, ...]]:
    """Preferred glossary form -> English adjectives (``data/bilingual/demonyms.tsv``)."""
    return {row[0]: tuple(a.strip() for a in row[1].split("|")) for row in _data("demonyms.tsv") if len(row) > 1}


def polysemous_forms() -> frozenset[str]:
    """Source forms the key-term check skips (``data/bilingual/polysemous_source_terms.tsv``)."""
    return frozenset(row[0].casefold() for row in _data("polysemous_source_terms.tsv"))


class TermIndex:
    """The glossary's source forms, matched in a source segment with their inflections.

    Rule (documented in TQ540): a form is split into words; a word of one or two letters, or an
    acronym in capitals of up to six letters (ЗСУ, НАТО), matches exactly as written; any other word
    matches as its stem followed by nothing or one of the noun endings (``ENDINGS``), where the stem
    is the word without a final vowel, й or ь when at least three letters remain (Буча -> Буч-і,
    Росія -> Рос-ії; Україна -> Україн-і), and in Ukrainian forms a consonant-final word's last
    і/ї/о alternates with о, е, є, і, ї (Київ -> Києва, Львів -> Львова, Харків -> Харкова). A form
    written with a capital matches only text with a capital (Ізюм the city, not ізюм the raisins),
    and a one-word form opening a sentence or a line only as written (Дані, "data", is not Данія
    inflected); matches are on word boundaries, not glued to another word by a hyphen (Катар-Юрт);
    otherwise case is ignored. The first word of every form is found by one
    trie-shaped pattern in the lowercased text; a form of several words is then verified word by
    word from there (within a line), the longest form first, and its words are not matched again.

    Built once per check instance and resources object (``term_index``).
    """

    def __init__(self, resources: Resources) -> None:
        self.entries: list[Entry] = []
        # first word's stem -> [(entry index, first word, compiled pattern of the rest or None, length)]
        self.by_stem: dict[str, list[tuple[int, _Word, re.Pattern[str] | None, int]]] = {}
        skip = polysemous_forms()
        for entry in resources.glossary.entries:
            idx = None
            for lang, forms in entry.sources:
                for form in forms:
                    if form.casefold() in skip:
                        continue
                    parts = [w for w in _WORDS_SPLIT.split(form.strip()) if w]
                    if not parts or not parts[0].strip("-"):
                        continue
                    if idx is None:
                        idx = len(self.entries)
                        self.entries.append(entry)
                    first = _form_word(parts[0], lang)
                    rest = None
                    if len(parts) > 1:
                        pieces = []
                        for w in parts[1:]:
                            if w.isspace():
                                pieces.append(r"[^\S\n]+")
                            elif w == "-":
                                pieces.append("-")
                            else:
                                fw = _form_word(w, lang)
                                piece = _word_regex(fw)
                                pieces.append(f"(?-i:{re.escape(fw.exact)})" if fw.exact else
                                              (f"(?=[{w[0]}])" if fw.capital else "") + piece)
                        rest = re.compile("".join(pieces) + r"(?![\w])", re.IGNORECASE)
                    self.by_stem.setdefault(first.stem, []).append((idx, first, rest, len(form)))
        for cands in self.by_stem.values():
            cands.sort(key=lambda c: -c[3])
        # matched in the lowercased text (much faster than a case-insensitive pattern); capitals are
        # checked in the text itself
        body = _trie_regex(self.by_stem)
        self.regex = re.compile(rf"(?<![\w-])(?:{body})(?:{_ENDINGS_RE})?(?![\w])") if self.by_stem else None
        self._target_patterns: dict[int, re.Pattern[str]] = {}
        self.demonyms = demonyms()

    def _stems_of(self, word: str) -> Iterator[tuple[str, str]]:
        """(stem key, ending) splits of a matched word that the index knows."""
        low = word.lower()
        for k in range(len(low), max(0, len(low) - 3) - 1, -1):
            ending = low[k:]
            if ending and ending not in ENDINGS:
                continue
            stem = low[:k]
            if stem in self.by_stem:
                yield stem, ending
            if len(stem) >= 3 and stem[-2] in _ALTERNATING:
                alt = stem[:-2] + "*" + stem[-1]
                if alt in self.by_stem:
                    yield alt, ending

    def find(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(entry index, start, end) of every glossary term in ``text`` (a segment, or a whole source
        text: a form never spans a line break), in order."""
        if self.regex is None:
            return
        low = text.lower()
        if len(low) != len(text):  # a letter whose lowercase is longer ("İ"): lowercase letter by letter
            low = "".join(ch.lower()[:1] or ch for ch in text)
        done = 0
        for m in self.regex.finditer(low):
            if m.start() < done:
                continue
            start = m.start()
            word = text[start : m.end()]
            best = None
            for stem, ending in self._stems_of(word):
                for idx, first, rest, _ in self.by_stem[stem]:
                    if ending and not first.inflects:
                        continue
                    if first.exact is not None and word != first.exact:
                        continue
                    if first.capital and not word[:1].isupper():
                        continue
                    if rest is None and first.inflects and word.lower() not in first.forms \
                            and _opens_sentence(text, start):
                        continue  # "Дані" (data) opening a sentence is not Данія (Denmark) inflected
                    end = m.end()
                    if rest is not None:
                        r = rest.match(text, end)
                        if r is None:
                            continue
                        end = r.end()
                    if _COMPOUND.match(text, end):
                        continue  # Катар in "Катар-Юрт"
                    if best is None or end > best[2]:
                        best = (idx, start, end)
            if best is not None:
                done = best[2]
                yield best

    def source_terms(self, text: str) -> list[tuple[int, int, int]]:
        """(entry index, start, end) for each glossary term in a source segment; an entry once."""
        seen: set[int] = set()
        found = []
        for hit in self.find(text):
            if hit[0] not in seen:
                seen.add(hit[0])
                found.append(hit)
        return found

    def document_terms(self, doc: Document) -> Iterator[tuple[Segment, list[tuple[int, int, int]]]]:
        """For each segment of a bilingual document that has glossary terms in its source: the
        segment and its terms (entry index, start, end in the segment; an entry once), from one scan
        of the whole source text."""
        if doc.source is None or not doc.pairs:
            return
        starts = [p.source_start for p in doc.pairs]
        current = -1
        hits: list[tuple[int, int, int]] = []
        seen: set[int] = set()
        for idx, s, e in self.find(doc.source):
            k = bisect.bisect_right(starts, s) - 1
            if k < 0 or s >= doc.pairs[k].source_end:
                continue
            if k != current:
                if hits:
                    yield self._segment(doc, current), hits
                current, hits, seen = k, [], set()
            if idx not in seen:
                seen.add(idx)
                base = doc.pairs[k].source_start
                hits.append((idx, s - base, e - base))
        if hits:
            yield self._segment(doc, current), hits

    @staticmethod
    def _segment(doc: Document, k: int) -> Segment:
        p = doc.pairs[k]
        return Segment(p, doc.source[p.source_start : p.source_end], doc.text[p.start : p.end])  # type: ignore[index]

    def target_pattern(self, idx: int) -> re.Pattern[str]:
        """Any target form (preferred or accepted) of the entry, case-insensitively, at the start of a
        word and followed by anything (possessives, plurals, "Russian" for Russia); a one-word place
        name of five or more letters ending in a vowel or y also without that letter ("Ukrainian"
        for Ukraine, "German" for Germany); the adjectives of ``data/bilingual/demonyms.tsv`` ("French"
        for France); "the" inside a form optional ("Office of President"); British and American
        spellings alike."""
        pat = self._target_patterns.get(idx)
        if pat is None:
            entry = self.entries[idx]
            alts = []
            for form in (*entry.target_forms, *self.demonyms.get(entry.preferred, ())):
                form = form.strip()
                if not form:
                    continue
                alt = re.escape(form).replace(r"\ the\ ", r"\ (?:the\ )?")
                alt = alt.replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
                alts.append(_SPELLING.sub(lambda m: _SPELLING_ALTS[m.group(0).lower()], alt))
                if entry.type == "place" and len(form) >= 5 and form[-1].lower() in "aeiouy" and " " not in form:
                    alts.append(re.escape(form[:-1]))
            pat = re.compile(rf"(?<![\w])(?:{'|'.join(alts)})", re.IGNORECASE)
            self._target_patterns[idx] = pat
        return pat

    def terms(self, source: str, target: str) -> Iterator[tuple[Entry, int, int, bool]]:
        """(entry, source start, source end, found in the target) for each glossary term of a
        source segment."""
        for idx, s, e in self.source_terms(source):
            yield self.entries[idx], s, e, self.target_pattern(idx).search(target) is not None

    def document_checks(self, doc: Document) -> Iterator[tuple[Segment, Entry, int, int, bool]]:
        """(segment, entry, source start, source end, found in the target) for each glossary term of
        each source segment of a bilingual document."""
        for seg, hits in self.document_terms(doc):
            for idx, s, e in hits:
                yield seg, self.entries[idx], s, e, self.target_pattern(idx).search(seg.target) is not None


def term_index(owner: object, resources: Resources) -> TermIndex:
    """The index for ``resources``, kept on ``owner`` (a check instance, instantiated once per run)
    and rebuilt when another resources object comes."""
    cached = getattr(owner, "_term_index", None)
    if cached is None or cached[0] is not resources:
        cached = (resources, TermIndex(resources))
        owner._term_index = cached  # type: ignore[attr-defined]
    return cached[1]


def terminology_success(documents: Iterable[Document], resources: Resources, *,
                        index: TermIndex | None = None) -> tuple[int, int]:
    """The terminology success rate of a corpus as ``(matched, total)``: over the bilingual
    documents, each glossary entry whose source form occurs in a source segment counts once for that
    segment (``total``), and is matched when one of its accepted target forms occurs in the target
    segment (``matched``), as the WMT terminology task counts it (an entry per segment, a match
    anywhere in the translation, case-insensitive); forms are matched as the key-term check does
    (TQ540: source inflections by stem, target derivatives by prefix) where WMT lemmatises."""
    index = index or TermIndex(resources)
    matched = total = 0
    for doc in documents:
        for _seg, _entry, _s, _e, ok in index.document_checks(doc):
            total += 1
            matched += ok
    return matched, total


def ratio(matched: int, total: int) -> float:
    return matched / total if total else math.nan
