"""JUnit XML, as eslint and ruff write it, for CI systems that show test reports (GitLab, Jenkins,
Azure): a ``<testsuite>`` per document, a failing ``<testcase>`` per finding, one passing testcase
for a clean document, and an ``<error>`` testcase per input that could not be read.

Written with ``xml.etree`` so that markup in an article is escaped; characters XML 1.0 cannot carry
at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by a visible ``\\xNN`` escape first,
or the CI's parser would reject the whole file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..bilingual import unit_at
from ..model import Document, Finding, Report
from . import Options

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)


def render(report: Report, out: TextIO, options: Options) -> None:
    n_failures = len(report.findings)
    n_tests = sum(max(1, len(r.findings)) for r in report.results) + len(report.errors)
    root = ET.Element("testsuites", name="tqcheck", tests=str(n_tests), failures=str(n_failures),
                      errors=str(len(report.errors)))
    for result in report.results:
        doc = result.document
        path = xml_text(doc.path)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(result.findings))),
                              failures=str(len(result.findings)), errors="0", skipped="0")
        for f in result.findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.line}:{f.column}", classname=path,
                                 line=str(f.line), column=str(f.column))
            failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f.code)
            failure.text = xml_text(_details(doc, f))
        if not result.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=path)
        if result.notes:
            ET.SubElement(suite, "system-out").text = xml_text("\n".join(result.notes))
    for error in report.errors:
        path = xml_text(error.path)
        suite = ET.SubElement(root, "testsuite", name=path, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", name="input", classname=path)
        ET.SubElement(case, "error", message=xml_text(error.message), type="input-error").text = xml_text(str(error))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _details(doc: Document, f: Finding) -> str:
    """The failure's body, as a CI page shows it: where, what, the words flagged and what to write."""
    unit = unit_at(doc, f.start)
    where = f" (unit {unit.unit})" if unit is not None and unit.unit != str(f.line) else ""
    lines = [f"{doc.path}:{f.line}:{f.column}: {f.code} {f.name} [{f.severity}] {f.message}{where}",
             f"category: {f.category}", f"text: {f.text!r}"]
    if doc.item is not None:
        lines.append(f"item: {doc.item.feed} #{doc.item.index}" + (f" {doc.item.url}" if doc.item.url else ""))
    if f.suggestions:
        lines.append("suggestions: " + " | ".join(f.suggestions))
    if f.fix is not None:
        lines.append("fix: " + ("safe" if f.fix.safe else "unsafe (needs --unsafe-fixes)"))
    return "\n".join(lines)
