"""What every check is, and the per-document context a check reads.

A check is a small class in a module of its own under ``tqcheck/checks/``; the registry finds it by the
module attribute ``CHECK``. It declares its code, name, severity, MQM category and layer as class
attributes, documents itself in its docstring (first paragraph: the title shown by ``tqcheck rules``;
then "What it does", "Why", "Example"), and carries examples the meta-test runs: ``flags`` must each
produce at least one finding of the check, ``passes`` none.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from .. import segment
from ..model import Category, Document, Finding, Fix, Layer, Segment, SegmentPair, Severity

if TYPE_CHECKING:
    from ..resources import Resources


class Check:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    category: ClassVar[Category]
    layer: ClassVar[Layer] = Layer.WORD
    # findings of this check hide overlapping findings of checks in these layers (preconditions)
    masks: ClassVar[frozenset[Layer]] = frozenset()
    # examples: a text, or for bilingual checks a (source, target) pair of line-aligned texts
    flags: ClassVar[tuple[str | tuple[str, str], ...]] = ()
    passes: ClassVar[tuple[str | tuple[str, str], ...]] = ()
    # "document": ``run`` once per document. "corpus": what only many documents show (one name spelled
    # two ways across a feed, a line every item repeats). The corpus protocol is built for streaming
    # and parallel runs: ``collect`` reduces one document to a small picklable value (never the
    # Context), ``add`` folds it into a state made by ``start`` under the document's key (its index in
    # the run), ``merge`` joins the states of parallel workers, and ``finish`` yields (key, finding)
    # pairs once every document has been seen. States must stay bounded however many documents come.
    # Corpus examples are documents separated by a form feed ("\f").
    scope: ClassVar[str] = "document"
    # set on the one check that reports inline suppressions that suppressed nothing (the engine makes
    # its findings after applying the suppressions, see ``suppress``)
    reports_unused_suppressions: ClassVar[bool] = False

    def run(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def unavailable(self, ctx: Context) -> str | None:
        """Why the check cannot run on this document (a missing optional extra or model), as one line
        telling how to fix it; None when it can. The engine skips the check and notes the reason."""
        return None

    def collect(self, ctx: Context) -> object:
        raise NotImplementedError

    def start(self) -> object:
        return []

    def add(self, state: object, key: int, collected: object) -> None:
        state.append((key, collected))  # type: ignore[attr-defined]

    def merge(self, state: object, other: object) -> object:
        state.extend(other)  # type: ignore[attr-defined]
        return state

    def finish(self, state: object, resources: Resources) -> Iterable[tuple[int, Finding]]:
        raise NotImplementedError

    @classmethod
    def title(cls) -> str:
        doc = cls.doc()
        return " ".join(doc.split("\n\n", 1)[0].split())

    @classmethod
    def doc(cls) -> str:
        """The check's own docstring, else its module's (one module is one check)."""
        import inspect

        own = cls.__dict__.get("__doc__")
        return inspect.cleandoc(own or sys.modules[cls.__module__].__doc__ or "")


class Occurrence(NamedTuple):
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def finding_at(
    check: Check,
    at: Occurrence,
    message: str,
    *,
    suggestions: Iterable[str] = (),
    fix: Fix | None = None,
) -> Finding:
    """A finding at an ``Occurrence`` recorded by ``Context.occurrence`` (corpus checks)."""
    return Finding(
        code=check.code, name=check.name, severity=check.severity, category=check.category, message=message,
        start=at.start, end=at.end, line=at.line, column=at.column, end_line=at.end_line,
        end_column=at.end_column, text=at.text, suggestions=tuple(suggestions), fix=fix, layer=check.layer,
    )


@dataclass
class Context:
    """Everything a check may read about one document. Segmentations are computed once, on demand,
    and shared by all checks of the run on that document."""

    document: Document
    resources: Resources
    _extra: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def source(self) -> str | None:
        """The source text of a bilingual document (None for target-only input)."""
        return self.document.source

    @property
    def pairs(self) -> tuple[SegmentPair, ...]:
        """The aligned units of a bilingual document: offsets into ``source`` and ``text``."""
        return self.document.pairs

    @cached_property
    def line_spans(self) -> list[tuple[int, int]]:
        """``[start, end)`` of every line without its break, from the document's line index."""
        text = self.document.text
        starts = self.document.lines.starts
        ends = [s - 1 for s in starts[1:]] + [len(text)]
        return [(s, e - 1 if e > s and text[e - 1] == "\r" else e) for s, e in zip(starts, ends)]

    @cached_property
    def sentences(self) -> list[Segment]:
        return segment.sentences(self.document.text)

    def lines_with(self, trigger: re.Pattern[str]) -> Iterator[tuple[int, int]]:
        """Spans of the lines in which ``trigger`` occurs, each once, in order. Checks whose patterns
        all need some character ("<", "&", "(s)") look only at those lines: one fast scan of the
        text instead of a slow pattern tried at every position."""
        text = self.document.text
        search = trigger.search
        m = search(text)
        while m is not None:
            a = text.rfind("\n", 0, m.start()) + 1
            b = text.find("\n", m.start())
            if b == -1:
                yield a, len(text)
                return
            yield a, b
            m = search(text, b + 1)

    @property
    def findings(self) -> list[Finding]:
        """The document's findings after preconditions; set by the engine before corpus checks
        collect, so that they can leave alone what a document check already explains."""
        return self._extra.get("findings", [])  # type: ignore[return-value]

    def occurrence(self, start: int, end: int) -> Occurrence:
        """A span with its line and column, for a finding a corpus check makes later, away from
        the document."""
        pos = self.document.position(start)
        last = self.document.position(end)
        return Occurrence(start, end, pos.line, pos.column, last.line, last.column, self.document.text[start:end])

    @cached_property
    def rule_matches(self) -> list:  # list[rules.RuleMatch], shared by the rule checks
        return list(self.resources.rules.find(self.document.text, self.line_spans))

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        return frozenset(s.start for s in self.sentences)

    def finding(
        self,
        check: Check,
        start: int,
        end: int,
        message: str,
        *,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        severity: Severity | None = None,
        category: Category | None = None,
    ) -> Finding:
        pos = self.document.position(start)
        last = self.document.position(end)
        return Finding(
            code=check.code,
            name=check.name,
            severity=severity or check.severity,
            category=category or check.category,
            message=message,
            start=start,
            end=end,
            line=pos.line,
            column=pos.column,
            end_line=last.line,
            end_column=last.column,
            text=self.document.text[start:end],
            suggestions=tuple(suggestions),
            fix=fix,
            layer=check.layer,
        )

    def line_deletion(self, start: int, end: int) -> tuple[int, int]:
        """The span to delete to remove the lines covering ``[start, end)`` without leaving a gap of
        blank lines: the lines with their break, and the blank lines after them when the text before
        is already blank (or the start of the text)."""
        text = self.document.text
        a = text.rfind("\n", 0, start) + 1
        nl = text.find("\n", end)
        b = len(text) if nl == -1 else nl + 1
        if a == 0 or text[:a].endswith("\n\n") or not text[:a].strip():
            while b < len(text):
                nl = text.find("\n", b)
                line_end = len(text) if nl == -1 else nl + 1
                if text[b:line_end].strip():
                    break
                b = line_end
        return a, b
