"""SARIF 2.1.0 (OASIS), the format code-scanning services read (GitHub code scanning, Azure DevOps,
VS Code's SARIF viewer): one run, the registry's checks as rules, each finding as a result with its
region, a stable fingerprint and, where it has one, its fix as replacements.

Our lines and columns count Unicode code points (``run.columnKind = "unicodeCodePoints"``); SARIF's
default is UTF-16 code units, which would shift every column after an emoji or a character outside
the BMP. Regions are given only where they are positions in the artifact's file: a feed item's
findings count in the item's text and a TSV/XLIFF unit's in the joined target text, so those results
point at the file (and, for a JSON Lines feed, the item's line) and name the item or unit in
``logicalLocations`` and ``properties``; their fixes are left out, since they would edit the wrong
place of the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path, PurePath
from typing import TextIO
from urllib.parse import quote

from ..bilingual import unit_at
from ..model import Document, DocumentResult, Finding, Report, Severity
from . import Options, artifact_path, file_positions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "tqcheckFingerprint/v1"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def render(report: Report, out: TextIO, options: Options) -> None:
    json.dump(sarif_log(report, options), out, ensure_ascii=False, indent=2)
    out.write("\n")


def sarif_log(report: Report, options: Options) -> dict[str, object]:
    rules, index = _rules(report)
    driver: dict[str, object] = {"name": "tqcheck", "informationUri": options.information_uri, "rules": rules}
    if options.version:
        driver["version"] = options.version
    results = [r for result in report.results for r in _results(result, index)]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [_invocation(report)],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _invocation(report: Report) -> dict[str, object]:
    """Inputs that could not be read make the run unsuccessful (the CLI exits 2); each, and each check
    that could not run on a document, is a notification. A check skipped for want of an extra is said
    once, not once per document."""
    notes: list[dict[str, object]] = [
        {"level": "error", "message": {"text": str(e)}, "locations": [_file_location(e.path)]} for e in report.errors
    ]
    said: set[str] = set()
    for r in report.results:
        for note in r.notes:
            if " skipped: " not in note:
                notes.append({"level": "warning", "message": {"text": note},
                              "locations": [_file_location(artifact_path(r.document))]})
            elif note not in said:
                said.add(note)
                notes.append({"level": "warning", "message": {"text": note}})
    inv: dict[str, object] = {"executionSuccessful": not report.errors}
    if notes:
        inv["toolExecutionNotifications"] = notes
    return inv


def _file_location(path: str) -> dict[str, object]:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}


def artifact_uri(path: str) -> str:
    """A relative POSIX path as a relative URI reference (``a b/c.txt`` -> ``a%20b/c.txt``; ``:`` is
    encoded too, so a first segment cannot read as a scheme), an absolute one as a ``file:`` URI, a
    feed fetched from a URL as that URL."""
    if _URL.match(path):
        return quote(path, safe=":/?#[]@!$&'()*+,;=%~")
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    return quote(PurePath(path).as_posix(), safe="/")


def _rules(report: Report) -> tuple[list[dict[str, object]], dict[str, int]]:
    """Every registered check, so a viewer can explain a code and show which rules ran clean; a code
    found in the report but not registered (a plugin's) gets a bare rule of its own."""
    from ..registry import all_checks

    rules: list[dict[str, object]] = []
    for check in all_checks():
        doc = check.doc()
        rules.append({
            "id": check.code,
            "name": check.name,
            "shortDescription": {"text": check.title()},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "defaultConfiguration": {"level": LEVEL[check.severity]},
            "properties": {"tags": [str(check.category)], "category": str(check.category),
                           "layer": check.layer.name.lower()},
        })
    index = {r["id"]: i for i, r in enumerate(rules)}
    for f in report.findings:
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append({"id": f.code, "name": f.name, "shortDescription": {"text": f.name},
                          "properties": {"tags": [str(f.category)], "category": str(f.category)}})
    return rules, index  # type: ignore[return-value]


def _results(result: DocumentResult, index: dict[str, int]) -> list[dict[str, object]]:
    doc = result.document
    exact = file_positions(doc)
    uri = artifact_uri(artifact_path(doc))
    prints = _fingerprints(result)
    item = doc.item
    out = []
    for f, fp in zip(result.findings, prints):
        physical: dict[str, object] = {"artifactLocation": {"uri": uri}}
        if exact:
            physical["region"] = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                                  "endColumn": f.end_column, "snippet": {"text": f.text}}
        elif item is not None and item.line is not None:
            physical["region"] = {"startLine": item.line}
        location: dict[str, object] = {"physicalLocation": physical}
        props: dict[str, object] = {"category": str(f.category), "name": f.name}
        unit = unit_at(doc, f.start)
        if unit is not None:
            props["unit"] = unit.unit
            if not exact:
                location["logicalLocations"] = [{"name": f"unit {unit.unit}", "kind": "element"}]
        if not exact:  # the finding's own place, in the item's or the joined units' text
            props.update(line=f.line, column=f.column, endLine=f.end_line, endColumn=f.end_column, text=f.text)
        if item is not None:
            logical: dict[str, object] = {"name": item.id or f"item {item.index}", "kind": "object"}
            if item.url:
                logical["fullyQualifiedName"] = item.url
            location["logicalLocations"] = [logical]
            props["item"] = {k: v for k, v in dataclasses.asdict(item).items() if v is not None}
        if f.suggestions:
            props["suggestions"] = list(f.suggestions)
        res: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT: fp},
            "properties": props,
        }
        if f.fix is not None and f.fix.edits and exact:
            res["fixes"] = [_fix(doc, f, uri)]
        out.append(res)
    return out


def _fix(doc: Document, f: Finding, uri: str) -> dict[str, object]:
    assert f.fix is not None
    replacements = []
    for e in sorted(f.fix.edits, key=lambda e: e.start):
        a, b = doc.position(e.start), doc.position(e.end)
        replacements.append({
            "deletedRegion": {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column},
            "insertedContent": {"text": e.replacement},
        })
    fix: dict[str, object] = {"artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                              "properties": {"safe": f.fix.safe}}
    if f.fix.description:
        fix["description"] = {"text": f.fix.description}
    return fix


def _fingerprints(result: DocumentResult) -> list[str]:
    """The baseline's fingerprints, so SARIF and ``--baseline`` agree on what is the same finding
    after the text moved: those the run computed while the text was at hand (a feed audit drops item
    texts before reporting), else computed here; without the baseline module, a local hash."""
    doc, findings = result.document, result.findings
    given = getattr(result, "fingerprints", ())
    if len(given) == len(findings) and findings:
        return list(given)
    try:
        from ..baseline import fingerprints  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        # TODO: drop this fallback once tqcheck.baseline has landed.
        return local_fingerprints(doc, findings)
    return list(fingerprints(doc, findings))


def local_fingerprints(doc: Document, findings: tuple[Finding, ...]) -> list[str]:
    """sha256 of path (and feed item), code, flagged text and the whitespace-normalised line it is on:
    unchanged when lines are added above. The same words on two identical lines (a caption label
    twice) are told apart by their occurrence number, so each result keeps a fingerprint of its own."""
    text = doc.text
    item = (doc.item.id or str(doc.item.index)) if doc.item else ""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        line = ""
        if text:
            ls, le = doc.lines.line_span(text, min(f.start, len(text)))
            line = " ".join(text[ls:le].split())
        key = "\0".join((artifact_path(doc), item, f.code, f.text, line))
        seen[key] = n = seen.get(key, 0) + 1
        out.append(hashlib.sha256(f"{key}\0{n}".encode("utf-8", "surrogatepass")).hexdigest())
    return out
