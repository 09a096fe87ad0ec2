"""A self-contained HTML report: one file to attach to a ticket or open from a CI artefact, readable
offline and without JavaScript.

Everything is inline (CSS, a few lines of optional JS for filtering); a Content-Security-Policy meta
tag forbids loading anything at all and allows only that script, by hash. That is the second line of
defence: the first is that every string that comes from a document (path, text, message, item title
and URL) goes through ``html.escape`` after ``clean``, so an article's ``<script>`` is shown, never
run, and a bidi override cannot reorder the page. Item URLs become links only for http(s).
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import re
from typing import TextIO

from ..bilingual import unit_at
from ..model import Document, DocumentResult, Finding, Report, Severity
from . import Options, clean, summary
from .rich_report import WINDOW, fixed_line

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")  # the rich report's word diff, token for token
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

CSS = """
:root{--err:#b00020;--warn:#8a5a00;--info:#005f87;--fg:#1d1d1f;--muted:#5f6368;--line:#d8d8dc;--bg:#fff}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);
margin:0 auto;max-width:78rem;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .3rem;word-break:break-all}
.muted{color:var(--muted)}code,.ctx{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f6;font-weight:600}
.summary{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}.summary table{width:auto;min-width:16rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;text-transform:uppercase;font-size:.78rem;letter-spacing:.03em}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
tbody.finding>tr:first-child td{border-bottom:none}
.ctx{font-size:.86rem;white-space:pre-wrap;word-break:break-word;padding:.1rem 0}
.ctx .lbl{display:inline-block;width:5.5rem;color:var(--muted);font-family:system-ui,sans-serif}
mark{background:#fff3b0;padding:0 .1em}
del{color:var(--err);background:#fde7ea;text-decoration:line-through}
ins{color:#0a6b2d;background:#e3f6e8;text-decoration:underline}
.errors li{color:var(--err)}.notes{color:#6b3fa0}
#filters{margin:1rem 0;padding:.5rem .8rem;background:#f3f3f6;border-radius:.4rem}
#filters label{margin-right:1rem}
.hidden{display:none}
@media print{#filters{display:none}}
""".strip()

# Filtering is an extra: without JS the page shows everything and the controls stay hidden.
JS = """
(function(){
var box=document.getElementById('filters');if(!box)return;box.hidden=false;
function apply(){
var sev={},code=document.getElementById('f-code').value;
box.querySelectorAll('input[type=checkbox]').forEach(function(c){sev[c.value]=c.checked});
document.querySelectorAll('tbody.finding').forEach(function(t){
var show=sev[t.dataset.severity]&&(!code||t.dataset.code===code);t.classList.toggle('hidden',!show)});
}
box.addEventListener('change',apply);
})();
""".strip()
_JS_HASH = base64.b64encode(hashlib.sha256(JS.encode()).digest()).decode()
CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_JS_HASH}'; base-uri 'none'; form-action 'none'"


def esc(text: object) -> str:
    return html.escape(clean(str(text)), quote=True)


def render(report: Report, out: TextIO, options: Options) -> None:
    stats = summary(report)
    w = out.write
    w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    w(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="referrer" content="no-referrer">\n')
    w(f"<title>tqcheck report</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n")
    version = f" {esc(options.version)}" if options.version else ""
    w(f'<header><h1>tqcheck report</h1><p class="muted">tqcheck{version}: {stats["documents"]} document(s), '
      f'{stats["findings"]} finding(s), {len(report.errors)} input error(s)</p></header>\n')
    _summary(report, stats, w)
    w('<form id="filters" hidden><strong>Show:</strong> ')
    for sev in SEVERITIES:
        w(f'<label><input type="checkbox" value="{sev}" checked> {sev}</label>')
    w('<label>code <select id="f-code"><option value="">all</option>')
    for code in sorted({f.code for f in report.findings}):
        w(f'<option value="{esc(code)}">{esc(code)}</option>')
    w("</select></label></form>\n")
    for result in report.results:
        _document(result, w)
    w(f"<script>{JS}</script>\n</body>\n</html>\n")


def _summary(report: Report, stats: dict, w) -> None:
    w('<section class="summary" id="summary">\n<table><caption class="muted">by severity</caption>'
      "<tr><th>severity</th><th>findings</th></tr>")
    for sev in SEVERITIES:
        w(f'<tr><td class="sev sev-{sev}">{sev}</td><td class="n">{stats["by_severity"][str(sev)]}</td></tr>')
    w("</table>\n")
    if stats["by_code"]:
        names = {f.code: (f.name, f.severity) for f in report.findings}
        w('<table><caption class="muted">by code</caption><tr><th>code</th><th>name</th><th>severity</th>'
          "<th>findings</th></tr>")
        for code, n in stats["by_code"].items():
            name, sev = names[code]
            w(f'<tr><td><code>{esc(code)}</code></td><td>{esc(name)}</td><td class="sev sev-{sev}">{sev}</td>'
              f'<td class="n">{n}</td></tr>')
        w("</table>\n")
    if report.terminology is not None and report.terminology[1]:
        matched, total = report.terminology
        w(f"<p>terminology success rate: {matched}/{total} = {100 * matched / total:.1f}%</p>\n")
    w("</section>\n")
    if report.errors:
        w('<section><h2>Input errors</h2><ul class="errors">')
        for e in report.errors:
            w(f"<li><code>{esc(e.path)}</code>: {esc(e.message)}</li>")
        w("</ul></section>\n")


def _document(result: DocumentResult, w) -> None:
    doc = result.document
    n = len(result.findings)
    langs = f" [{esc(doc.source_lang)}→{esc(doc.lang)}]" if doc.source_lang else ""
    w(f'<section class="document">\n<h2><code>{esc(doc.path)}</code></h2>\n<p class="muted">'
      f"{n} finding{'s' * (n != 1)}{langs}</p>\n")
    if doc.item is not None:
        item = doc.item
        title = esc(item.title) if item.title else f"item {item.index}"
        url = ""
        if item.url:
            url = (f' — <a href="{esc(item.url)}" rel="noopener noreferrer nofollow">{esc(item.url)}</a>'
                   if re.match(r"https?://", item.url, re.IGNORECASE) else f" — {esc(item.url)}")
        w(f'<p class="item"><strong>{title}</strong>{url}<br><span class="muted">item {item.index} of '
          f"<code>{esc(item.feed)}</code>{' (' + esc(item.site) + ')' if item.site else ''}</span></p>\n")
    if result.findings:
        w("<table>\n<thead><tr><th>line:col</th><th>code</th><th>severity</th><th>message</th>"
          "<th>suggestions</th></tr></thead>\n")
        for f in result.findings:
            _finding(doc, f, w)
        w("</table>\n")
    for note in result.notes:
        w(f'<p class="notes">note: {esc(note)}</p>\n')
    w("</section>\n")


def _finding(doc: Document, f: Finding, w) -> None:
    unit = unit_at(doc, f.start)
    where = f"{f.line}:{f.column}" + (f" [unit {esc(unit.unit)}]" if unit is not None and unit.unit != str(f.line) else "")
    sugg = esc(" | ".join(f.suggestions)) if f.suggestions else ""
    fix = "" if f.fix is None else (' <span class="muted">(fix)</span>' if f.fix.safe else ' <span class="muted">(unsafe fix)</span>')
    w(f'<tbody class="finding" data-severity="{f.severity}" data-code="{esc(f.code)}">'
      f'<tr><td><code>{where}</code></td><td><code>{esc(f.code)}</code> <span class="muted">{esc(f.name)}</span></td>'
      f'<td class="sev sev-{f.severity}">{f.severity}</td><td>{esc(f.message)}{fix}</td><td>{sugg}</td></tr>')
    context = _context(doc, f)
    if context:
        w(f'<tr><td></td><td colspan="4">{context}</td></tr>')
    w("</tbody>\n")


def _context(doc: Document, f: Finding) -> str:
    """The line as it is (the finding's words marked) and, with a fix, as it should read: removed
    words struck, inserted ones underlined. Nothing when the text was not kept (a feed audit)."""
    text = doc.text
    if not text or f.start > len(text):
        return ""
    before, after, a = fixed_line(doc, f)
    if f.fix is None:  # fixed_line windows only lines it changes; window this one the same way
        ls, le = a, a + len(before)
        if le - ls > 2 * WINDOW + 40:
            a = max(ls, f.start - WINDOW)
            before = text[a : min(le, f.end + WINDOW)]
    ls, le = doc.lines.line_span(text, f.start)
    pre = "…" if a > ls else ""
    post = "…" if a + len(before) < le else ""
    s, e = max(0, f.start - a), max(0, min(len(before), f.end - a))
    is_ = f"{pre}{esc(before[:s])}<mark>{esc(before[s:e])}</mark>{esc(before[e:])}{post}"
    out = f'<div class="ctx"><span class="lbl">is</span>{is_}</div>'
    if f.fix is None:
        return out
    if after is None:
        diff = f'<del>{esc(before)}</del> <span class="muted">(line deleted)</span>'
    else:
        diff = pre + _word_diff(before, after) + post
    return out + f'<div class="ctx"><span class="lbl">should be</span>{diff}</div>'


def _word_diff(before: str, after: str) -> str:
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(esc("".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{esc(''.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{esc(''.join(new[j1:j2]))}</ins>")
    return "".join(parts)
