"""Running checks over documents: preconditions, error isolation, fixes.

``check_document`` is the whole per-document pipeline after loading:
checks -> findings -> preconditions (masking) -> ignored regions -> sorted findings.
A check that raises does not stop the others: its failure becomes a note on the document result.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from .checks.base import Check, Context
from .model import Document, DocumentResult, Finding, InputError, Layer
from .resources import Resources

# One check stops reporting on one document after this many findings: memory stays bounded on
# pathological input (a 50 MB file of markup), and nobody reads the ten-thousand-and-first finding.
MAX_FINDINGS_PER_CHECK = 10_000


def check_document(
    doc: Document,
    checks: Sequence[Check],
    resources: Resources,
    corpus: dict[str, list[object]] | None = None,
) -> DocumentResult:
    """Run the document checks on ``doc``; corpus checks only collect what they need from it into
    ``corpus`` (by code), for ``finish`` once every document has been seen."""
    ctx = Context(doc, resources)
    findings: list[Finding] = []
    notes: list[str] = []
    masks = {check.code: check.masks for check in checks}
    for check in checks:
        reason = check.unavailable(ctx)
        if reason:
            notes.append(f"{check.code} ({check.name}) skipped: {reason}")
            continue
        if check.scope == "corpus":
            if corpus is not None:
                try:
                    corpus.setdefault(check.code, []).append(check.collect(ctx))
                except Exception as exc:
                    notes.append(f"{check.code} ({check.name}) failed on this document: {type(exc).__name__}: {exc}")
            continue
        try:
            found = list(islice(check.run(ctx), MAX_FINDINGS_PER_CHECK + 1))
            if len(found) > MAX_FINDINGS_PER_CHECK:
                found.pop()
                notes.append(f"{check.code} ({check.name}): more than {MAX_FINDINGS_PER_CHECK} findings, the rest not reported")
            findings.extend(found)
        except Exception as exc:  # one broken check must not cost the user the other findings
            notes.append(f"{check.code} ({check.name}) failed on this document: {type(exc).__name__}: {exc}")
    findings = apply_preconditions(findings, masks)
    if doc.ignored:
        findings = [f for f in findings if not _overlaps_any(f, doc.ignored)]
    findings.sort(key=lambda f: f.sort_key)
    return DocumentResult(doc, tuple(findings), tuple(notes))


def run(
    sources: Iterable[Document | InputError], checks: Sequence[Check], resources: Resources
) -> Iterator[DocumentResult | InputError]:
    """Results in input order. Without corpus checks each document's result comes as soon as it is
    checked; with them, after the last document (a corpus finding can land in the first one)."""
    corpus_checks = [c for c in checks if c.scope == "corpus"]
    if not corpus_checks:
        for item in sources:
            yield item if isinstance(item, InputError) else check_document(item, checks, resources)
        return
    state: dict[str, list[object]] = {}
    items = [
        item if isinstance(item, InputError) else check_document(item, checks, resources, state)
        for item in sources
    ]
    extra: dict[int, list[Finding]] = {}
    notes: dict[int, list[str]] = {}
    for check in corpus_checks:
        try:
            for doc, finding in check.finish(state.get(check.code, [])):
                extra.setdefault(id(doc), []).append(finding)
        except Exception as exc:
            for item in items:
                if isinstance(item, DocumentResult):
                    notes.setdefault(id(item.document), []).append(
                        f"{check.code} ({check.name}) failed on the corpus: {type(exc).__name__}: {exc}")
                    break
    masks = {check.code: check.masks for check in checks}
    for item in items:
        if isinstance(item, DocumentResult) and (id(item.document) in extra or id(item.document) in notes):
            doc = item.document
            found = apply_preconditions([*item.findings, *extra.get(id(doc), [])], masks)
            if doc.ignored:
                found = [f for f in found if not _overlaps_any(f, doc.ignored)]
            found.sort(key=lambda f: f.sort_key)
            item = DocumentResult(doc, tuple(found), (*item.notes, *notes.get(id(doc), [])))
        yield item


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
