"""Feed audits: many articles streamed through the checks, in parallel, in bounded memory.

The shape is the one-file pipeline (load -> checks -> findings) run as a stream of *units*:

    sources (files, dirs, globs, URLs, stdin)  --read-->  units  --batches-->  workers
    workers: unit -> Document -> check_document -> result (text dropped) + corpus states
    parent:  results in input order -> output as they come; at the end the workers' corpus states
             are merged and finished: mined boilerplate (TQ106), cross-item spellings (TQ305)

Why this shape:
- *Bounded memory.* The parent reads the input lazily (JSON Lines line by line) and puts batches on a
  queue of fixed size, so reading stops while the workers are busy; a result keeps its findings but
  not the item's text (unless a report format needs the text to show fixes); corpus checks keep
  bounded tallies (``checks._tally``). A 1 GB feed is audited in a few hundred MB.
- *Parallel where it pays.* Parsing (JSON, HTML) and checking happen in the workers; the parent only
  reads bytes, batches them and writes output. Each worker keeps its own corpus state and hands it
  over once at the end, so nothing per item crosses processes but the findings. Workers are forked
  after the resources are loaded, so they start at once and share the loaded glossary pages.
- *One code path.* ``--jobs 1`` runs the very same batch function in-process.
"""

from __future__ import annotations

import glob
import os
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Document, DocumentResult, Finding, InputError, Item

# suffixes an audit reads from a directory, by what they hold
FEED_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
                 ".xml": "feed", ".html": "html", ".htm": "html", ".txt": "text", ".text": "text",
                 ".md": "markdown", ".markdown": "markdown"}
BATCH_ITEMS = 64
BATCH_BYTES = 1 << 20


@dataclass(frozen=True)
class Unit:
    """One thing to check, small and picklable: a JSON line, a parsed feed item, a page, a file, or
    an input error that keeps its place in the stream."""

    key: int
    kind: str  # "jsonl" | "item" | "html" | "file" | "error"
    name: str
    data: object = None
    line: int | None = None
    index: int = 0


@dataclass(frozen=True)
class AuditSettings:
    lang: str = "en"
    source_lang: str | None = None
    fields: Mapping[str, str] | None = None
    keep_text: bool = False
    timeout: float = 10.0
    max_bytes: int = 64 * 1024 * 1024
    post: Callable[[DocumentResult], DocumentResult] | None = None
    # streamed formats: the report's lines are written by the worker, and only they and a summary of
    # the result cross back to the parent (the parent's time is the one thing --jobs cannot share)
    render: Callable[[DocumentResult], str] | None = None


@dataclass(frozen=True)
class Rendered:
    """A checked item as a streamed report needs it: its report lines and what the summary counts."""

    text: str
    path: str
    site: str | None
    title: str | None
    findings: tuple[tuple[str, int], ...]  # (code, severity) per finding
    has_origin: bool = False


# ---------------------------------------------------------------------------------------------------
# reading: specs -> units


def expand(specs: Sequence[str]) -> Iterator[str | InputError]:
    """Files, directories (recursively, known suffixes, hidden entries skipped), globs, URLs, "-"."""
    for spec in specs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            yield spec
        elif os.path.isdir(spec):
            for root, dirs, files in os.walk(spec):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in FEED_SUFFIXES:
                        yield os.path.join(root, name)
        elif os.path.exists(spec):
            yield spec
        elif glob.has_magic(spec):
            hits = sorted(glob.glob(spec, recursive=True))
            if not hits:
                yield InputError(spec, "no file matches this pattern")
            for hit in hits:
                if os.path.isdir(hit):
                    yield from expand([hit])
                else:
                    yield hit
        elif "://" in spec:
            yield InputError(spec, "only http and https URLs can be fetched")
        else:
            yield InputError(spec, "no such file or directory")


def units(specs: Sequence[str], settings: AuditSettings, stdin=None) -> Iterator[Unit]:
    """Everything the specs hold, as units numbered in input order. Feeds from files and URLs are
    parsed here (feedparser wants the whole document; feeds are small); JSON Lines are passed on
    line by line, unparsed, so that parsing happens in the workers."""
    key = 0

    def unit(kind: str, name: str, data: object = None, line: int | None = None, index: int = 0) -> Unit:
        nonlocal key
        key += 1
        return Unit(key - 1, kind, name, data, line, index)

    for path in expand(specs):
        if isinstance(path, InputError):
            yield unit("error", path.path, path)
            continue
        name = "<stdin>" if path == "-" else path
        kind = FEED_SUFFIXES.get(Path(path).suffix.lower())
        if kind in ("text", "markdown"):
            yield unit("file", name, kind)
            continue
        from . import feeds

        if path == "-" or path.startswith(("http://", "https://")):
            if path == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
                if head.lstrip()[:1] == b"{":
                    for index, (line_no, raw) in enumerate(feeds.iter_jsonl_lines(stream, name), 1):
                        yield unit("jsonl", name, raw, line_no, index)
                    continue
                data = stream.read(settings.max_bytes + 1)
                if len(data) > settings.max_bytes:
                    yield unit("error", name, InputError(name, f"input is over the {settings.max_bytes} byte limit"))
                    continue
            else:
                from .fetch import FetchError, fetch

                try:
                    data = fetch(path, timeout=settings.timeout, max_bytes=settings.max_bytes).data
                except FetchError as exc:  # its message names the URL already
                    message = str(exc)
                    message = message[len(name) + 2:] if message.startswith(name + ": ") else message
                    yield unit("error", name, InputError(name, message))
                    continue
            kind = feeds.sniff(data, name)
            yield from _from_bytes(kind, name, data, unit)
            continue
        if kind == "jsonl":
            try:
                fh = open(path, "rb")
            except OSError as exc:
                yield unit("error", name, InputError(name, f"cannot read: {exc.strerror or exc}"))
                continue
            with fh:
                for index, (line_no, raw) in enumerate(feeds.iter_jsonl_lines(fh, name), 1):
                    yield unit("jsonl", name, raw, line_no, index)
            continue
        try:
            size = os.path.getsize(path)
            if size > settings.max_bytes:
                yield unit("error", name, InputError(name, f"file is {size} bytes, over the {settings.max_bytes} byte limit"))
                continue
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield unit("error", name, InputError(name, f"cannot read: {exc.strerror or exc}"))
            continue
        yield from _from_bytes(kind or feeds.sniff(data, name), name, data, unit)


def _from_bytes(kind: str, name: str, data: bytes, unit) -> Iterator[Unit]:
    from . import feeds

    if kind == "jsonl":
        import io

        for index, (line_no, raw) in enumerate(feeds.iter_jsonl_lines(io.BytesIO(data), name), 1):
            yield unit("jsonl", name, raw, line_no, index)
    elif kind == "feed":
        for item in feeds.read_feed(data, name):
            if isinstance(item, InputError):
                yield unit("error", item.path, item)
            else:
                yield unit("item", name, item, item.line, item.index)
    elif kind == "html":
        yield unit("html", name, data)
    else:
        yield unit("bytes", name, data)


def batches(stream: Iterable[Unit]) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    size = 0
    for u in stream:
        batch.append(u)
        size += len(u.data) if isinstance(u.data, (bytes, str)) else 512
        if len(batch) >= BATCH_ITEMS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# ---------------------------------------------------------------------------------------------------
# checking: units -> results (in a worker, or in-process with --jobs 1)


class Checker:
    """Turns units into results; holds the corpus states of this process."""

    def __init__(self, checks, resources, settings: AuditSettings) -> None:
        self.checks = checks
        self.resources = resources
        self.settings = settings
        self.corpus = [c for c in checks if c.scope == "corpus"]
        self.states = {c.code: c.start() for c in self.corpus}
        self.letters = {code: lang.letters for code, lang in resources.languages.items()}

    def document(self, u: Unit) -> Document | InputError:
        from . import loader

        s = self.settings
        if u.kind == "error":
            return u.data  # type: ignore[return-value]
        if u.kind in ("jsonl", "item", "html"):
            from . import feeds
        if u.kind in ("jsonl", "item"):
            if u.kind == "jsonl":
                if u.data is None:
                    return InputError(f"{u.name}:{u.line}", f"line is over the {feeds.MAX_LINE_BYTES} byte limit, item skipped")
                item = feeds.parse_jsonl_item(u.name, u.line, u.data, u.index,
                                              **({"fields": s.fields} if s.fields else {}))
                if isinstance(item, InputError):
                    return item
            else:
                item = u.data
            doc = feeds.item_document(item, lang=s.lang, source_lang=s.source_lang)
            if isinstance(doc, Document) and doc.source_lang is None:
                guessed = loader.guess_source_lang(doc.text, self.letters)
                if guessed:
                    doc = replace(doc, source_lang=guessed)
            return doc
        if u.kind == "html":
            return feeds.html_document(u.data, u.name, lang=s.lang, source_lang=s.source_lang)
        data = loader.read(u.name) if u.kind == "file" else u.data
        if isinstance(data, InputError):
            return data
        text = loader.decode(data, u.name)
        if isinstance(text, InputError):
            return text
        fmt = u.data if u.kind == "file" and isinstance(u.data, str) else "text"
        return Document(path=u.name, text=text, lang=s.lang,
                        source_lang=s.source_lang or loader.guess_source_lang(text, self.letters),
                        format=fmt, ignored=loader.ignored_regions(text, fmt))

    def batch(self, batch: list[Unit]) -> list[tuple[int, DocumentResult | InputError]]:
        from .engine import check_document

        out: list[tuple[int, DocumentResult | InputError]] = []
        for u in batch:
            doc = self.document(u)
            if isinstance(doc, InputError):
                out.append((u.key, doc))
                continue
            collected: dict[str, object] = {}
            result = check_document(doc, self.checks, self.resources, collected)
            for check in self.corpus:
                if check.code in collected:
                    check.add(self.states[check.code], u.key, collected[check.code])
            # the policy (and the baseline's fingerprints) sees the text, whatever the report keeps
            if self.settings.post is not None:
                result = self.settings.post(result)
            if self.settings.render is not None and doc.origin is None:
                item = doc.item
                out.append((u.key, Rendered(self.settings.render(result), doc.path,
                                            item.site if item is not None else None,
                                            item.title if item is not None else None,
                                            tuple((f.code, int(f.severity)) for f in result.findings))))
                continue
            # an HTML page keeps its derived text and mapping (corpus findings come in its coordinates)
            if doc.origin is None and not self.settings.keep_text:
                result = replace(result, document=_without_text(doc))
            out.append((u.key, result))
        return out


def _without_text(doc: Document) -> Document:
    """The document's identity without its text: results of a long feed must not hold the feed."""
    return replace(doc, text="", source=None, ignored=())


# ---------------------------------------------------------------------------------------------------
# running


class AuditRun:
    """One audit: iterate for results in input order; afterwards ``corpus_results()`` gives the
    corpus findings by item, and ``states`` the merged corpus states."""

    def __init__(self, specs: Sequence[str], checks, resources, settings: AuditSettings, *, jobs: int = 1,
                 stdin=None) -> None:
        self.specs = specs
        self.checks = checks
        self.resources = resources
        self.settings = settings
        self.jobs = max(1, jobs)
        self.stdin = stdin
        self.corpus = [c for c in checks if c.scope == "corpus"]
        self.states: dict[str, object] = {}
        self.notes: list[str] = []
        self.consumed = 0  # units read so far, for a progress display
        self._index = array("q")
        self._names: list[tuple[int, str, str]] = []

    def _counted(self) -> Iterator[Unit]:
        """The units, noting for each what a corpus finding needs to name it later (the item is long
        gone by then): its item number, and its source's name once per run of units from one source.
        Eight bytes a unit."""
        for u in units(self.specs, self.settings, self.stdin):
            self.consumed += 1
            self._index.append(u.index)
            if not self._names or self._names[-1][1] != u.name or u.kind == "error":
                self._names.append((u.key, u.name, u.kind))
            yield u

    def describe(self, key: int) -> tuple[str, Item | None]:
        """The path and item identity of unit ``key``: ``feed#N`` and an ``Item`` for feed items."""
        import bisect

        i = bisect.bisect_right(self._names, (key, "\uffff")) - 1
        _, name, kind = self._names[i]
        if kind in ("jsonl", "item"):
            index = self._index[key]
            return f"{name}#{index}", Item(name, index)
        return name, None

    def __iter__(self) -> Iterator[tuple[int, DocumentResult | InputError]]:
        if self.jobs == 1 or not _can_fork():
            if self.jobs > 1:
                self.notes.append("--jobs: this platform cannot fork worker processes; ran in one process")
            checker = Checker(self.checks, self.resources, self.settings)
            for batch in batches(self._counted()):
                yield from checker.batch(batch)
            self.states = checker.states
            return
        yield from self._parallel()

    def _parallel(self) -> Iterator[tuple[int, DocumentResult | InputError]]:
        import multiprocessing as mp
        import queue

        ctx = mp.get_context("fork")
        tasks = ctx.Queue(maxsize=2 * self.jobs)
        results = ctx.Queue()
        checker = Checker(self.checks, self.resources, self.settings)
        workers = [ctx.Process(target=_worker, args=(checker, tasks, results), daemon=True)
                   for _ in range(self.jobs)]
        for w in workers:
            w.start()
        failure: list[BaseException] = []
        sent = [0]

        def feed() -> None:
            try:
                for no, batch in enumerate(batches(self._counted())):
                    tasks.put((no, batch))
                    sent[0] = no + 1
            except BaseException as exc:  # reported by the main thread
                failure.append(exc)
            finally:
                for _ in workers:
                    tasks.put(None)

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        pending: dict[int, list] = {}
        next_no = 0
        finished = 0
        states = []
        try:
            while finished < len(workers):
                try:
                    msg = results.get(timeout=1.0)
                except queue.Empty:
                    dead = [w for w in workers if w.exitcode not in (None, 0)]
                    if dead:
                        raise RuntimeError(f"a worker process died (exit code {dead[0].exitcode})") from None
                    continue
                if msg[0] == "states":
                    states.append(msg[1])
                    finished += 1
                    continue
                if msg[0] == "error":
                    raise RuntimeError(f"a worker failed: {msg[1]}")
                _, no, out = msg
                pending[no] = out
                while next_no in pending:
                    yield from pending.pop(next_no)
                    next_no += 1
            feeder.join()
            if failure:
                raise failure[0]
            while next_no in pending:
                yield from pending.pop(next_no)
                next_no += 1
        finally:
            for w in workers:
                if w.is_alive():
                    w.terminate()
                w.join(timeout=5)
        merged = {c.code: c.start() for c in self.corpus}
        for state in states:
            for c in self.corpus:
                merged[c.code] = c.merge(merged[c.code], state[c.code])
        self.states = merged

    def corpus_findings(self) -> tuple[dict[int, list[Finding]], list[str]]:
        """Corpus findings by the key of the unit they belong to (``describe`` names it)."""
        from .engine import finish_corpus

        if not self.corpus:
            return {}, []
        return finish_corpus(self.corpus, self.states, self.resources)


def _worker(checker: Checker, tasks, results) -> None:
    """A forked worker: batches until the sentinel, then its corpus states."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    try:
        while True:
            task = tasks.get()
            if task is None:
                break
            no, batch = task
            results.put(("batch", no, checker.batch(batch)))
        results.put(("states", checker.states))
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        raise


def _can_fork() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()
