"""Frozen value objects shared by every stage of the pipeline.

load -> segment -> checks -> findings -> fixes -> reporters. Nothing here knows about the CLI, rich or
any check in particular; every object is immutable so that a finding can be passed between processes,
cached or compared without surprises.

Offsets are Unicode code-point offsets into ``Document.text`` (Python ``str`` indices), half-open
``[start, end)``. Lines and columns are 1-based and counted in code points, as editors and SARIF expect.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass
from functools import cached_property
from collections.abc import Sequence
from typing import NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that ``--fail-on`` can compare: INFO < WARNING < ERROR."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:  # "warning", as written in JSON and on the command line
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


class Category(str, enum.Enum):
    """Issue types of the MQM typology (https://themqm.org), as ``branch/leaf``."""

    ADDITION = "accuracy/addition"
    UNTRANSLATED = "accuracy/untranslated"
    MISTRANSLATION = "accuracy/mistranslation"
    OMISSION = "accuracy/omission"
    TERMINOLOGY = "terminology"
    INCONSISTENT_TERMINOLOGY = "terminology/inconsistent-use"
    SPELLING = "fluency/spelling"
    CHARACTER_ENCODING = "fluency/character-encoding"
    CAPITALISATION = "fluency/capitalisation"
    STYLE = "style"
    LOCALE_CONVENTION = "locale-convention"
    MARKUP = "design-and-markup/markup"
    LAYOUT = "design-and-markup/layout"

    def __str__(self) -> str:
        return self.value


class Layer(enum.IntEnum):
    """How much of the text a problem concerns; preconditions mask by layer.

    A finding on a whole artefact line (a notice, navigation) makes style findings inside it noise; an
    untranslated sentence makes word-level findings inside it noise. See ``engine.apply_preconditions``.
    """

    ARTEFACT = 1  # text that should not be there at all
    WORD = 2  # a word or name that is wrong
    STYLE = 3  # a word that is right but written wrongly


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (deletion when it is empty)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits that resolve a finding. ``safe`` fixes are applied by ``tqcheck fix``;
    unsafe ones only with ``--unsafe-fixes`` (they may change meaning: a guessed case, a guessed name)."""

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


_NEWLINE = re.compile("\n")


class LineIndex:
    """Offset <-> line:column for one text, by binary search over line starts."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def line_span(self, text: str, offset: int) -> tuple[int, int]:
        """``[start, end)`` of the line holding ``offset``, without its line break."""
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(text)
        if end > start and text[end - 1] == "\r":
            end -= 1
        return start, end


class SegmentPair(NamedTuple):
    """One translation unit: ``source[source_start:source_end]`` translated as
    ``text[start:end]``; ``unit`` is the unit's id (a line number, an XLIFF id)."""

    unit: str
    source_start: int
    source_end: int
    start: int
    end: int


@dataclass(frozen=True, eq=False)
class Origin:
    """Where a checked text came from when it is not the file's own text: an HTML page reduced to its
    visible text. ``offsets[i]`` is the offset in ``text`` (the original) of the checked text's
    character ``i``; ``offsets[len(checked)]`` is where the last one ends. Findings are mapped back
    through it (``engine.to_origin``), so reports and fixes speak of the original file."""

    text: str
    offsets: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the checked span ``[start, end)``: from the original start of its
        first character to the original end of its last (an entity ``&amp;`` stays whole)."""
        offsets = self.offsets
        last = len(offsets) - 1
        start = min(max(start, 0), last)
        end = min(max(end, start), last)
        if end == start:
            return offsets[start], offsets[start]
        return offsets[start], _char_end(offsets, end - 1, self.text)


def _char_end(offsets: Sequence[int], i: int, original: str) -> int:
    """Original end of checked character ``i``: the next character's original start, unless that is
    far away (markup in between), in which case just past this character's own token."""
    nxt = offsets[i + 1]
    here = offsets[i]
    if nxt - here <= 1:
        return max(nxt, here + 1) if nxt > here else here + 1
    if original[here:here + 1] == "&":  # an entity or character reference: up to its ';'
        semi = original.find(";", here, nxt)
        return semi + 1 if semi != -1 else here + 1
    return here + 1


@dataclass(frozen=True)
class Item:
    """One article of a feed (RSS/Atom entry, JSON Lines record): where it sits and what it says of
    itself. ``index`` is 1-based within its feed; ``line`` the JSON Lines line, when there is one."""

    feed: str
    index: int
    id: str | None = None
    url: str | None = None
    title: str | None = None
    site: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Document:
    """A text exactly as decoded, with where it came from and its languages.

    ``lang`` is the target language (the language the text should be in); ``source_lang`` the language
    it was translated from, when known. ``ignored`` are spans no check should look at (code blocks and
    URLs in Markdown), as sorted ``(start, end)`` pairs.

    A bilingual document also has the ``source`` text and the ``pairs`` that align them: one
    ``SegmentPair`` per translation unit (a line of a line-aligned pair of files, a row of a TSV, a
    unit of an XLIFF file), as offsets into ``source`` and ``text``. Target-side checks read ``text``
    as always; bilingual checks read the pairs. ``source_path`` names where the source came from.

    ``origin`` is set when ``text`` is derived from the file (HTML reduced to its visible text);
    ``item`` when the document is one article of a feed.
    """

    path: str
    text: str
    lang: str = "en"
    source_lang: str | None = None
    format: str = "text"
    ignored: tuple[tuple[int, int], ...] = ()
    source: str | None = None
    pairs: tuple[SegmentPair, ...] = ()
    source_path: str | None = None
    origin: Origin | None = None
    item: Item | None = None

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def pair_starts(self) -> list[int]:
        return [p.start for p in self.pairs]

    def position(self, offset: int) -> Position:
        return self.lines.position(offset)


class Segment(NamedTuple):
    """A paragraph (a run of non-blank lines), a line or a sentence, as offsets into the text.
    A named tuple rather than a frozen dataclass: tens of thousands are made per document, and a
    frozen dataclass costs several times as much to create."""

    kind: str  # "paragraph" | "line" | "sentence"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. ``start``/``end`` are code-point offsets; line/column are 1-based."""

    code: str
    name: str
    severity: Severity
    category: Category
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    layer: Layer = Layer.WORD

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)

    def to_dict(self) -> dict[str, object]:
        """The JSON contract for one finding (README, "JSON output")."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "category": str(self.category),
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "fix": None
            if self.fix is None
            else {
                "safe": self.fix.safe,
                "edits": [
                    {"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.fix.edits
                ],
            },
        }


@dataclass(frozen=True)
class InputError:
    """A document that could not be loaded or checked; reported as one line, the run goes on."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    findings: tuple[Finding, ...]
    # checks that could not run on this document (a missing optional dependency, a crash), as messages
    notes: tuple[str, ...] = ()
    # baseline fingerprints of ``findings``, one each, when the run computed them (``baseline``): made
    # where the text is at hand, since a feed audit drops item texts before reporting
    fingerprints: tuple[str, ...] = ()
    # findings left out because the baseline knows them
    baselined: int = 0


@dataclass(frozen=True)
class Report:
    results: tuple[DocumentResult, ...]
    errors: tuple[InputError, ...] = ()
    # bilingual runs: glossary terms of the sources translated with an accepted form (matched, total)
    terminology: tuple[int, int] | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)
