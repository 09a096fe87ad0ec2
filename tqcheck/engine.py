"""Running checks over documents: preconditions, error isolation, fixes.

``check_document`` is the whole per-document pipeline after loading:
checks -> findings -> preconditions (masking) -> ignored regions -> inline suppressions -> sorted
findings; corpus checks then collect from the document. ``run`` adds the corpus findings and maps
derived documents (HTML) back to their files.
A check that raises does not stop the others: its failure becomes a note on the document result.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain, islice

from . import suppress
from .checks.base import Check, Context
from .model import Document, DocumentResult, Edit, Finding, InputError, Layer, LineIndex
from .resources import Resources

# One check stops reporting on one document after this many findings: memory stays bounded on
# pathological input (a 50 MB file of markup), and nobody reads the ten-thousand-and-first finding.
MAX_FINDINGS_PER_CHECK = 10_000


def check_document(
    doc: Document,
    checks: Sequence[Check],
    resources: Resources,
    corpus: dict[str, object] | None = None,
) -> DocumentResult:
    """Run the document checks on ``doc``, then its inline suppressions; with ``corpus`` (a dict),
    corpus checks also ``collect`` from the document into it, by code, seeing its final findings."""
    ctx = Context(doc, resources)
    findings: list[Finding] = []
    notes: list[str] = []
    masks = {check.code: check.masks for check in checks}
    corpus_checks = []
    ran: set[str] = set()
    for check in checks:
        reason = check.unavailable(ctx)
        if reason:
            notes.append(f"{check.code} ({check.name}) skipped: {reason}")
            continue
        if check.scope == "corpus":
            corpus_checks.append(check)
            continue
        ran.add(check.code)
        try:
            found = list(islice(check.run(ctx), MAX_FINDINGS_PER_CHECK + 1))
            if len(found) > MAX_FINDINGS_PER_CHECK:
                found.pop()
                notes.append(f"{check.code} ({check.name}): more than {MAX_FINDINGS_PER_CHECK} findings, the rest not reported")
            findings.extend(found)
        except Exception as exc:  # one broken check must not cost the user the other findings
            notes.append(f"{check.code} ({check.name}) failed on this document: {type(exc).__name__}: {exc}")
    findings = apply_preconditions(findings, masks)
    directives = suppress.parse(doc.text, doc.format)
    ignored = _ignored(doc, directives)
    if ignored:
        findings = [f for f in findings if not _overlaps_any(f, ignored)]
    if directives:
        findings = _suppress(ctx, findings, directives, checks, ran)
    if corpus is not None:
        ctx._extra["findings"] = findings
        for check in corpus_checks:
            try:
                corpus[check.code] = check.collect(ctx)
            except Exception as exc:
                notes.append(f"{check.code} ({check.name}) failed on this document: {type(exc).__name__}: {exc}")
    findings.sort(key=lambda f: f.sort_key)
    return DocumentResult(doc, tuple(findings), tuple(notes))


def _ignored(doc: Document, directives) -> tuple[tuple[int, int], ...]:
    """Regions no finding may touch: the document's own (URLs, code) and the directives' text."""
    spans = suppress.spans(directives) if directives else ()
    if not spans:
        return doc.ignored
    return tuple(sorted((*doc.ignored, *spans)))


def _suppress(ctx: Context, findings: list[Finding], directives, checks: Sequence[Check], ran: set[str]) -> list[Finding]:
    """Drop suppressed findings; report suppressions that suppressed nothing (TQ901) when that check
    runs. Only document checks that ran count: a corpus finding arrives later (``run``), and a check
    skipped here (a missing extra) may need its directive elsewhere."""
    reporter = next((c for c in checks if c.reports_unused_suppressions), None)
    kept, unused = suppress.apply(findings, directives, ran=ran.__contains__)
    if reporter is not None:
        kept.extend(reporter.report(ctx, unused))  # type: ignore[attr-defined]
    return kept


def run(
    sources: Iterable[Document | InputError], checks: Sequence[Check], resources: Resources
) -> Iterator[DocumentResult | InputError]:
    """Results in input order. Without corpus checks each document's result comes as soon as it is
    checked; with them, after the last document (a corpus finding can land in the first one).
    Findings of documents derived from their file (HTML) come back in the file's coordinates."""
    corpus_checks = [c for c in checks if c.scope == "corpus"]
    sources = iter(sources)
    if corpus_checks:
        # one document is no corpus: look ahead, and spare a single file the corpus checks' work
        head = list(islice(sources, 2))
        sources = chain(head, sources)
        if len(head) < 2:
            corpus_checks = []
            checks = [c for c in checks if c.scope != "corpus"]
    if not corpus_checks:
        for item in sources:
            yield item if isinstance(item, InputError) else to_origin(check_document(item, checks, resources))
        return
    states = {c.code: c.start() for c in corpus_checks}
    items: list[DocumentResult | InputError] = []
    for key, item in enumerate(sources):
        if isinstance(item, InputError):
            items.append(item)
            continue
        collected: dict[str, object] = {}
        items.append(check_document(item, checks, resources, collected))
        for check in corpus_checks:
            if check.code in collected:
                check.add(states[check.code], key, collected[check.code])
    extra, failures = finish_corpus(corpus_checks, states, resources)
    masks = {check.code: check.masks for check in checks}
    first = True
    for key, item in enumerate(items):
        if isinstance(item, DocumentResult):
            notes = failures if first else []
            first = False
            if key in extra or notes:
                item = add_corpus_findings(item, extra.get(key, []), masks, notes)
            item = to_origin(item)
        yield item


def finish_corpus(
    corpus_checks: Sequence[Check], states: dict[str, object], resources: Resources
) -> tuple[dict[int, list[Finding]], list[str]]:
    """Corpus findings by document key, and a note for each corpus check that failed."""
    extra: dict[int, list[Finding]] = {}
    failures: list[str] = []
    for check in corpus_checks:
        try:
            for key, finding in check.finish(states[check.code], resources):
                extra.setdefault(key, []).append(finding)
        except Exception as exc:
            failures.append(f"{check.code} ({check.name}) failed on the corpus: {type(exc).__name__}: {exc}")
    return extra, failures


def add_corpus_findings(
    result: DocumentResult, found: Sequence[Finding], masks: dict[str, frozenset[Layer]], notes: Sequence[str] = ()
) -> DocumentResult:
    """A document's result with its corpus findings merged in: preconditions over all of them, the
    ignored regions and the document's suppressions (never reported unused at this stage)."""
    doc = result.document
    found = list(found)
    directives = suppress.parse(doc.text, doc.format) if doc.text else None
    ignored = _ignored(doc, directives)
    if ignored:
        found = [f for f in found if not _overlaps_any(f, ignored)]
    if directives and found:
        found, _ = suppress.apply(found, directives, ran=lambda code: False)
    findings = apply_preconditions([*result.findings, *found], masks)
    findings.sort(key=lambda f: f.sort_key)
    return DocumentResult(doc, tuple(findings), (*result.notes, *notes), result.fingerprints, result.baselined)


def to_origin(result: DocumentResult) -> DocumentResult:
    """For a document whose text was derived from its file (HTML reduced to its visible text): the
    findings and their fixes moved to the file's own offsets, lines and columns, and the document
    replaced by the file's text, so that every report and ``tqcheck fix`` speak of the file."""
    doc = result.document
    origin = doc.origin
    if origin is None:
        return result
    lines = LineIndex(origin.text)
    moved = []
    for f in result.findings:
        a, b = origin.span(f.start, f.end)
        pa, pb = lines.position(a), lines.position(b)
        fix = f.fix
        if fix is not None:
            fix = replace(fix, edits=tuple(Edit(*origin.span(e.start, e.end), e.replacement) for e in fix.edits))
        moved.append(replace(f, start=a, end=b, line=pa.line, column=pa.column, end_line=pb.line,
                             end_column=pb.column, fix=fix))
    moved.sort(key=lambda f: f.sort_key)
    original = replace(doc, text=origin.text, origin=None, ignored=())
    return DocumentResult(original, tuple(moved), result.notes)


def apply_preconditions(findings: list[Finding], masks: dict[str, frozenset[Layer]]) -> list[Finding]:
    """Drop findings that another finding already explains (translate-toolkit's preconditions).

    A finding whose check masks layer L hides every overlapping finding of a check in layer L: inside
    a navigation line, no capitalisation finding; inside an untranslated sentence, no Cyrillic-word or
    capitalisation findings; on a forbidden glossary form, no spelling-consistency finding. A check
    never masks its own layer (a meta-test holds this), so a finding cannot hide itself.
    """
    maskers = sorted((f.start, f.end, masks[f.code]) for f in findings if masks.get(f.code))
    if not maskers:
        return findings
    starts = [m[0] for m in maskers]
    reach = []  # reach[i]: the furthest end among maskers[0..i]
    furthest = -1
    for _, e, _ in maskers:
        furthest = max(furthest, e)
        reach.append(furthest)
    kept = []
    for f in findings:
        end = max(f.end, f.start + 1)
        i = bisect.bisect_left(starts, end) - 1
        hidden = False
        while i >= 0 and reach[i] > f.start:
            s, e, layers = maskers[i]
            if e > f.start and f.layer in layers:
                hidden = True
                break
            i -= 1
        if not hidden:
            kept.append(f)
    return kept


def _overlaps_any(f: Finding, spans: tuple[tuple[int, int], ...]) -> bool:
    i = bisect.bisect_right(spans, (f.start, float("inf"))) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans):
            s, e = spans[j]
            if s < f.end and f.start < e:
                return True
    return False


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[str, int]:
    """Apply the fixes of ``findings`` (safe ones only unless ``unsafe``); overlapping edits are
    skipped, first come first served, so a fix never applies on top of another. Returns the new text
    and the number of fixes applied. Fixing the result again changes nothing (tests hold this)."""
    groups = [
        sorted((e.start, e.end, e.replacement) for e in f.fix.edits)
        for f in sorted(findings, key=lambda f: f.sort_key)
        if f.fix is not None and (f.fix.safe or unsafe)
    ]
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str]] = []
    applied = 0
    for group in groups:
        clash = any(
            (s < te and ts < e) or (s == e and ts <= s <= te) or (ts == te and s <= ts <= e)
            for s, e, _ in group
            for ts, te in taken
        )
        if clash:
            continue
        chosen.extend(group)
        taken.extend((s, e) for s, e, _ in group)
        applied += 1
    out = []
    pos = 0
    for s, e, rep in sorted(chosen):
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out), applied
