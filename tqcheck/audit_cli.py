"""``tqcheck audit FEED...``: the feed audit's command line (the pipeline itself is ``audit``).

Output goes out as the items are checked for the line formats (text, jsonl, github), so a long feed
shows its first findings at once and memory does not grow with the feed; the whole-report formats
(rich, json, sarif, junit, html) are written at the end. The feed summary (items, findings per item,
top codes, worst items, per-source breakdown, mined boilerplate, cross-item spellings) follows the
findings on stdout for rich and text, sits in the JSON document under "audit", and goes to stderr
for the other machine formats, whose stdout belongs to the format.
"""

from __future__ import annotations

import argparse
import heapq
import io
import os
import sys

from .model import DocumentResult, InputError, Report, Severity

STREAMING = ("rich", "text", "jsonl", "github")
NEEDS_TEXT = ("html",)
FORMATS = ("rich", "text", "json", "jsonl", "sarif", "junit", "github", "html")


def add_arguments(p: argparse.ArgumentParser, common, output) -> None:
    p.add_argument("feeds", nargs="+", metavar="FEED",
                   help="RSS/Atom feed, JSON Lines file, HTML page, text file, directory, glob, http(s) URL, or - for stdin")
    common(p)
    f = p.add_argument_group("feeds")
    f.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="check items in N worker processes (0: one per CPU; default 1)")
    f.add_argument("--field", action="append", default=[], metavar="NAME=KEY",
                   help="JSON Lines: read field NAME (title, text, url, source, target, id, site, html) from KEY")
    f.add_argument("--timeout", type=float, default=10.0, metavar="S", help="URL fetch timeout in seconds (default 10)")
    f.add_argument("--max-bytes", type=int, default=64 * 1024 * 1024, metavar="N",
                   help="largest feed, page or URL response read, in bytes (default 64 MiB)")
    f.add_argument("--top", type=int, default=10, metavar="N", help="summary: list the N worst items (default 10)")
    f.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="progress bar on stderr (auto: when stderr is a terminal)")
    f.add_argument("--quiet", "-q", action="store_true", help="no feed summary")
    output(p, FORMATS)


def run(args: argparse.Namespace, setup) -> int:
    """``setup(args)`` gives (resources, checks, policy, baseline, options, decide) from the shared
    command-line plumbing in cli.py; the exit status is decided there (``decide``)."""
    from . import audit
    from .feeds import is_warning
    from .report import clean

    env = setup(args)
    fields = None
    if args.field:
        fields = dict(audit_fields_default())
        for spec in args.field:
            name, sep, key = spec.partition("=")
            if not sep or name not in fields or not key:
                from .errors import TqcheckError

                raise TqcheckError(f"--field {spec!r}: use NAME=KEY with NAME one of {', '.join(fields)}")
            fields[name] = key
    elif env.fields:
        fields = {**audit_fields_default(), **dict(env.fields)}
    fmt = args.format
    stream = None
    render = None
    if fmt in STREAMING and not args.update_baseline:
        from . import report

        stream = report.get_result(fmt)
        options = env.options
        if fmt == "rich" and options.width is None and not args.output and sys.stdout.isatty():
            import shutil
            from dataclasses import replace

            # the workers render into strings, not the terminal: tell them its width
            options = env.options = replace(options, width=shutil.get_terminal_size().columns)

        def render(result: DocumentResult) -> str:
            if fmt == "rich" and not result.findings and not result.notes:
                return ""  # a terminal report of a feed lists the items with findings
            buf = io.StringIO()
            stream(result, buf, options)
            return buf.getvalue()

    settings = audit.AuditSettings(
        lang=env.lang, source_lang=env.source_lang, fields=fields, keep_text=fmt in NEEDS_TEXT,
        timeout=args.timeout, max_bytes=args.max_bytes, post=env.post, render=render,
    )
    jobs = env.jobs if env.jobs is not None else 1
    if jobs == 0:
        jobs = os.cpu_count() or 1
    runner = audit.AuditRun(args.feeds, env.checks, env.resources, settings, jobs=jobs)
    stats = Stats(top=args.top)
    out, finish_output = env.open_output(fmt)
    kept: list[DocumentResult] = []
    for_baseline: list[DocumentResult] = []
    kept_at: dict[int, int] = {}  # key -> index in kept (whole-report formats only)
    errors: list[InputError] = []
    origins: dict[int, DocumentResult] = {}
    def emit(key: int, result: DocumentResult, *, corpus: bool = False) -> None:
        """A result to the baseline, the streamed report, or the whole report kept for the end (where
        an item's feed-level findings join its own result)."""
        if args.update_baseline:
            for_baseline.append(result)
        elif stream is not None:
            stream(result, out, env.options)
        elif not corpus:
            kept_at[key] = len(kept)
            kept.append(result)
        elif key in kept_at:
            mine = kept[kept_at[key]]
            findings = tuple(sorted((*mine.findings, *result.findings), key=lambda f: f.sort_key))
            kept[kept_at[key]] = DocumentResult(mine.document, findings, mine.notes, baselined=mine.baselined)

    show_progress = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    from .engine import add_corpus_findings, to_origin

    with _progress(show_progress) as bar:
        task = bar.add_task("auditing", total=None) if bar is not None else None
        for key, item in runner:
            if bar is not None:
                bar.update(task, description=f"{stats.items} items checked, {runner.consumed} read")
            if isinstance(item, InputError):
                if is_warning(item):  # a feed read leniently: said, not an error
                    print(f"tqcheck: {clean(str(item))}", file=sys.stderr)
                    continue
                stats.error(item)
                errors.append(item)
                print(f"tqcheck: {clean(str(item))}", file=sys.stderr)
                continue
            if isinstance(item, audit.Rendered):
                stats.add_rendered(item)
                out.write(item.text)
                continue
            if item.document.origin is not None:
                origins[key] = item  # corpus findings come in its checked text's coordinates
                item = to_origin(item)
            stats.add(item)
            emit(key, item)
    for note in runner.notes:
        print(f"tqcheck: {note}", file=sys.stderr)
    # corpus findings: in a streamed report the items they belong to get a second, short result; in a
    # whole report they join their item's result
    found, failures = runner.corpus_findings()
    for note in failures:
        print(f"tqcheck: {note}", file=sys.stderr)
    masks = {c.code: c.masks for c in env.checks}
    for key, extra_findings in sorted(found.items()):
        if key in origins:
            base = DocumentResult(origins[key].document, ())
        else:
            from .model import Document

            path, item = runner.describe(key)
            base = DocumentResult(Document(path=path, text="", lang=env.lang, item=item), ())
        extra = add_corpus_findings(base, extra_findings, masks)
        if env.post is not None:
            extra = env.post(extra)
        extra = to_origin(extra)
        if not extra.findings:
            continue
        stats.add_corpus(extra)
        emit(key, extra, corpus=True)
    if args.update_baseline:
        env.write_baseline(for_baseline)
        return env.decide(None, stats.errors > 0)
    summary = stats.summary(runner)
    if stream is None:
        rep = Report(tuple(kept), tuple(errors))
        if fmt == "json":
            import json

            from .report import json_report

            buf = io.StringIO()
            json_report.render(rep, buf, env.options)
            doc = json.loads(buf.getvalue())
            doc["audit"] = summary
            json.dump(doc, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            from . import report

            report.get(fmt)(rep, out, env.options)
    if not args.quiet and fmt != "json":
        target = out if fmt in ("rich", "text") else sys.stderr
        render_summary(summary, target, color=env.options.color and target is out)
    finish_output()
    return env.decide(stats.worst_severity, stats.errors > 0)


def audit_fields_default() -> dict[str, str]:
    from .feeds import DEFAULT_FIELDS

    return dict(DEFAULT_FIELDS)


class _NoProgress:
    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None


def _progress(show: bool):
    if not show:
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                    console=Console(file=sys.stderr), transient=True)


class Stats:
    """The feed summary, in bounded memory: counters, and a heap of the worst items."""

    def __init__(self, top: int = 10) -> None:
        self.top = top
        self.items = 0
        self.errors = 0
        self.findings = 0
        self.by_code: dict[str, int] = {}
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_site: dict[str, list[int]] = {}
        self.worst: list[tuple[int, int, str, str]] = []
        self.worst_severity: Severity | None = None
        self.mined: list[tuple[str, int]] = []
        self.spellings: dict[str, set[str]] = {}

    def _count(self, result: DocumentResult) -> None:
        for f in result.findings:
            self.findings += 1
            self.by_code[f.code] = self.by_code.get(f.code, 0) + 1
            self.by_severity[str(f.severity)] += 1
            if self.worst_severity is None or f.severity > self.worst_severity:
                self.worst_severity = f.severity

    def add(self, result: DocumentResult) -> None:
        self.items += 1
        self._count(result)
        doc = result.document
        item = doc.item
        self._site_and_worst(item.site if item is not None else None, len(result.findings), doc.path,
                             item.title if item is not None else None)

    def _site_and_worst(self, site: str | None, n: int, path: str, title: str | None) -> None:
        row = self.by_site.setdefault(site or "(no source)", [0, 0])
        row[0] += 1
        row[1] += n
        if n and self.top > 0:
            entry = (n, -self.items, path, (title or "")[:80])
            if len(self.worst) < self.top:
                heapq.heappush(self.worst, entry)
            elif entry > self.worst[0]:
                heapq.heapreplace(self.worst, entry)

    def add_rendered(self, r) -> None:
        """``add`` for an item rendered by a worker (``audit.Rendered``)."""
        self.items += 1
        for code, severity in r.findings:
            self.findings += 1
            self.by_code[code] = self.by_code.get(code, 0) + 1
            sev = Severity(severity)
            self.by_severity[str(sev)] += 1
            if self.worst_severity is None or sev > self.worst_severity:
                self.worst_severity = sev
        self._site_and_worst(r.site, len(r.findings), r.path, r.title)

    def add_corpus(self, result: DocumentResult) -> None:
        # feed-level findings count in the totals, not per source: the audit keeps no item's source
        self._count(result)
        for f in result.findings:
            if f.code == "TQ305" and f.suggestions:
                self.spellings.setdefault(f.suggestions[0], set()).add(f.text)

    def error(self, err: InputError) -> None:
        self.errors += 1

    def summary(self, runner) -> dict[str, object]:
        mined = []
        for check in runner.corpus:
            if hasattr(check, "mined") and check.code in runner.states:
                mined = [{"line": line, "items": n} for line, n in check.mined(runner.states[check.code])]
        return {
            "items": self.items,
            "input_errors": self.errors,
            "findings": self.findings,
            "findings_per_item": round(self.findings / self.items, 3) if self.items else 0.0,
            "by_severity": self.by_severity,
            "top_codes": dict(sorted(self.by_code.items(), key=lambda kv: (-kv[1], kv[0]))),
            "worst_items": [{"path": p, "title": t, "findings": n} for n, _, p, t in sorted(self.worst, reverse=True)],
            "by_source": {site: {"items": a, "findings": b, "findings_per_item": round(b / a, 3) if a else None}
                          for site, (a, b) in sorted(self.by_site.items())},
            "mined_boilerplate": mined,
            "spelling_variants": [{"preferred": k, "variants": sorted(v)} for k, v in sorted(self.spellings.items())],
        }


def render_summary(summary: dict, out, *, color: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .report import clean

    console = Console(file=out, force_terminal=color, no_color=not color, width=None if color else 100,
                      highlight=False, markup=False, emoji=False)
    console.print()
    console.print(Text(
        f"Feed audit: {summary['items']} item(s), {summary['findings']} finding(s), "
        f"{summary['findings_per_item']} per item"
        + (f", {summary['input_errors']} input error(s)" if summary["input_errors"] else ""), style="bold"))
    if summary["top_codes"]:
        console.print(Text("Top codes: " + ", ".join(f"{c} {n}" for c, n in list(summary["top_codes"].items())[:8])))
    if summary["mined_boilerplate"]:
        t = Table(title="Lines repeated across items (feed boilerplate, mined from the feed)", title_justify="left",
                  show_edge=False)
        t.add_column("items", justify="right")
        t.add_column("line")
        for row in summary["mined_boilerplate"][:20]:
            t.add_row(str(row["items"]), Text(clean(row["line"][:100])))
        console.print(t)
    if summary["spelling_variants"]:
        t = Table(title="Names spelled differently across items", title_justify="left", show_edge=False)
        t.add_column("preferred")
        t.add_column("also written")
        for row in summary["spelling_variants"][:20]:
            t.add_row(Text(clean(row["preferred"])), Text(clean(", ".join(row["variants"]))))
        console.print(t)
    if summary["worst_items"]:
        t = Table(title="Worst items", title_justify="left", show_edge=False)
        t.add_column("findings", justify="right")
        t.add_column("item")
        t.add_column("title")
        for row in summary["worst_items"]:
            t.add_row(str(row["findings"]), Text(clean(row["path"])), Text(clean(row["title"])))
        console.print(t)
    if len(summary["by_source"]) > 1 or "(no source)" not in summary["by_source"]:
        t = Table(title="By source", title_justify="left", show_edge=False)
        t.add_column("source")
        t.add_column("items", justify="right")
        t.add_column("findings", justify="right")
        t.add_column("per item", justify="right")
        for site, row in summary["by_source"].items():
            t.add_row(Text(clean(site)), str(row["items"]), str(row["findings"]), str(row["findings_per_item"]))
        console.print(t)
