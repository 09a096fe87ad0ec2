"""Baselines: adopt tqcheck on an archive that already has problems, and fail only on new ones.

``tqcheck check --update-baseline`` records every current finding; later runs with the baseline report
(and fail on) only the findings it does not hold. The file is JSON, one finding a line, sorted, so
that a change to it reviews like any other diff::

    {
      "tool": "tqcheck",
      "version": 1,
      "findings": [
        {"path": "news/2023/kcna.txt", "code": "TQ301", "text": "CTAK", "fingerprint": "3f9c0e1d2a4b5c6d-0"},
        ...
      ]
    }

The option that writes and reads it is the command line's business; this module only reads, matches
and writes.

Identity of a finding (``fingerprints``)
    The point of a baseline is that it survives edits elsewhere in the file: an archive gets a
    paragraph added above an old problem, and the old problem must stay old. So a finding is known by
    what it is and what surrounds it, never by where it is: a sha256 (first 16 hex digits) of

    - the document's key (``key_for``): its path relative to the current directory, POSIX form; for a
      feed item, ``feed#id`` (or ``#url``, else ``#index``): an item's id and url survive items being
      added to the feed, its index does not;
    - the code;
    - the finding's text, white space collapsed and casefolded;
    - the text of the line holding the finding's start, white space collapsed and stripped,

    then ``-N``, the occurrence index among the findings of the document with the same hash, in text
    order (two "CTAK" on one line are two entries). No line number, no offset: lines inserted or
    removed above a finding do not change it.

    The trade-off, on purpose: a finding whose *own line* is edited becomes new, even if the edit was
    elsewhere on the line. The alternative (text and code only) would let a second "CTAK" added
    anywhere in the document hide behind the old one; a line is the smallest context that a reviewer
    sees as "the same place", and the editor of that line is the person who should look again. When
    the document's text is empty (feed audits may drop texts to save memory), the finding's own text
    stands alone.

    For a document derived from a file (``Document.origin``: HTML reduced to its text), the line is
    taken from the original text, the one the reported offsets point into.

Matching (``Baseline.split``)
    A multiset: the baseline's entries for a document are counted, and each current finding with the
    same fingerprint uses one up. Two identical findings in the baseline excuse two, not three. Which
    of several identical findings is reported as new cannot be known and does not matter: the count
    is right.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from .atomic import write_text
from .errors import TqcheckError
from .model import Document, Finding, LineIndex

VERSION = 1
TOOL = "tqcheck"
# the text kept in the file for people to read; identity is the fingerprint, whatever the length
TEXT_LIMIT = 120


class BaselineError(TqcheckError):
    """A baseline file that is missing, not JSON, or not a tqcheck baseline of a known version."""


def key_for(document: Document) -> str:
    """The document's stable identity (see the module docstring)."""
    item = document.item
    if item is not None:
        ident = item.id or item.url or str(item.index)
        return f"{_relative(item.feed)}#{ident}"
    return _relative(document.path)


def _relative(path: str) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return p.as_posix()
    return PurePath(os.path.normpath(path)).as_posix()


def _norm(text: str) -> str:
    return " ".join(text.split())


def fingerprints(document: Document, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the order given (see the module docstring)."""
    key = key_for(document)
    if document.origin is not None:
        text = document.origin.text
        lines = LineIndex(text) if text else None
    else:
        text = document.text
        lines = document.lines if text else None
    hashes = []
    for f in findings:
        line = ""
        if lines is not None:
            a, b = lines.line_span(text, min(max(f.start, 0), len(text)))
            line = _norm(text[a:b])
        payload = "\x1f".join((key, f.code, _norm(f.text).casefold(), line))
        hashes.append(hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16])
    # the occurrence index counts in text order, whatever order the findings came in
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key)
    seen: Counter[str] = Counter()
    out = [""] * len(findings)
    for i in order:
        out[i] = f"{hashes[i]}-{seen[hashes[i]]}"
        seen[hashes[i]] += 1
    return out


@dataclass(frozen=True)
class Baseline:
    """The known findings: per document key, how many of each fingerprint."""

    entries: dict[str, Counter[str]] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def empty(cls) -> Baseline:
        return cls()

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file (write one with --update-baseline)") from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise BaselineError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        if not isinstance(data, dict) or data.get("tool") != TOOL:
            raise BaselineError(f"{path}: not a tqcheck baseline (no \"tool\": \"tqcheck\")")
        version = data.get("version")
        if version != VERSION:
            raise BaselineError(f"{path}: baseline version {version!r} is not supported (this tqcheck reads "
                                f"version {VERSION}; write it again with --update-baseline)")
        findings = data.get("findings")
        if not isinstance(findings, list):
            raise BaselineError(f"{path}: \"findings\" must be a list")
        entries: dict[str, Counter[str]] = {}
        for i, entry in enumerate(findings):
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), str) for k in ("path", "code", "fingerprint")
            ):
                raise BaselineError(f"{path}: findings[{i}]: expected an object with string \"path\", \"code\" "
                                    "and \"fingerprint\"")
            entries.setdefault(entry["path"], Counter())[entry["fingerprint"]] += 1
        return cls(entries, path)

    def __len__(self) -> int:
        return sum(sum(c.values()) for c in self.entries.values())

    def split(self, document: Document, findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
        """``(new, known)``, each in the order given. Does not change the baseline: splitting the same
        document twice gives the same answer."""
        known_here = self.entries.get(key_for(document))
        if not known_here or not findings:
            return list(findings), []
        left = Counter(known_here)
        new: list[Finding] = []
        known: list[Finding] = []
        for f, fp in zip(findings, fingerprints(document, findings)):
            if left[fp] > 0:
                left[fp] -= 1
                known.append(f)
            else:
                new.append(f)
        return new, known


def _entry(key: str, finding: Finding, fingerprint: str) -> dict[str, str]:
    text = _norm(finding.text)
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    return {"path": key, "code": finding.code, "text": text, "fingerprint": fingerprint}


def _entries(results: Iterable[tuple[Document, Sequence[Finding]]]) -> list[dict[str, str]]:
    entries = []
    for document, findings in results:
        key = key_for(document)
        entries.extend(_entry(key, f, fp) for f, fp in zip(findings, fingerprints(document, findings)))
    entries.sort(key=lambda e: (e["path"], e["code"], e["text"], e["fingerprint"]))
    return entries


def render(results: Iterable[tuple[Document, Sequence[Finding]]]) -> str:
    """The baseline file's text for ``results``: sorted by path, code, text and fingerprint; one
    finding a line."""
    return _render(_entries(results))


def _render(entries: list[dict[str, str]]) -> str:
    lines = [json.dumps(e, ensure_ascii=False) for e in entries]
    body = ",\n    ".join(lines)
    findings_text = f"[\n    {body}\n  ]" if lines else "[]"
    return f'{{\n  "tool": "{TOOL}",\n  "version": {VERSION},\n  "findings": {findings_text}\n}}\n'


def write_results(path: str | Path, results: Iterable[object]) -> int:
    """Write the baseline of ``DocumentResult``s whose ``fingerprints`` the run already took (a feed
    audit takes them in its workers, where the item's text is at hand, then drops the text)."""
    entries = []
    for result in results:
        key = key_for(result.document)  # type: ignore[attr-defined]
        prints = result.fingerprints or fingerprints(result.document, result.findings)  # type: ignore[attr-defined]
        entries.extend(_entry(key, f, fp) for f, fp in zip(result.findings, prints))  # type: ignore[attr-defined]
    entries.sort(key=lambda e: (e["path"], e["code"], e["text"], e["fingerprint"]))
    try:
        write_text(path, _render(entries))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return len(entries)


def write_baseline(path: str | Path, results: Iterable[tuple[Document, Sequence[Finding]]]) -> int:
    """Write the baseline of ``results`` (``(document, findings)`` pairs) to ``path`` atomically;
    returns the number of findings written."""
    entries = _entries(results)
    try:
        write_text(path, _render(entries))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return len(entries)
