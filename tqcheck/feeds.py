"""Feed audits, the input side: RSS/Atom feeds, JSON Lines of articles and HTML pages, read into the
``Document``s tqcheck checks.

Reading happens in two steps, so that a run can stream a large feed and check items in other
processes: a reader yields small, picklable ``RawItem``s (or one-line ``InputError``s), and
``item_document`` turns one ``RawItem`` into the checked ``Document``.

- ``sniff(data, name)``: "jsonl", "feed", "html" or "text", from the name's suffix, else the content.
- ``read_feed(data, name)``: RSS 0.9x, 1.0 (RDF), 2.0 and Atom, through feedparser. The XML is first
  read by defusedxml's expat reader (as ``bilingual_io`` does): a feed that declares an entity (how
  billion-laughs bombs and external-entity reads work) is refused with its line and yields no item,
  so feedparser never sees one; an external DTD (RSS 0.91's) is allowed and never fetched.
- ``iter_jsonl_lines`` / ``parse_jsonl_item`` (and ``read_jsonl``, the two together): one JSON object a
  line, streamed with bounded memory.
- ``item_document(item)``: title + blank line + body; HTML bodies reduced with ``html_text.extract``.
- ``html_document(data, path)``: a standalone HTML page, with ``Document.origin`` mapping the visible
  text back to the page.

Policies (decided here, so the lead can print errors without deciding again):

- A feed that is not well-formed XML and from which feedparser's lenient parser reads no entry is one
  ``InputError`` (``feed.xml: not a well-formed feed: mismatched tag (line 12)``). When the lenient
  parser does read entries (feedparser's ``bozo`` flag with entries), the items are yielded after one
  ``InputError`` whose message starts with ``"warning: "``: the lead prints it and does not count it
  as a failed input (``is_warning(error)`` tells).
- A JSON Lines line longer than ``max_line_bytes`` (16 MiB by default) is never held in memory:
  ``iter_jsonl_lines`` yields ``(line_no, None)`` for it and skips to the next line; ``read_jsonl``
  turns that into ``InputError("name:LINE", "line is over the ... byte limit, item skipped")``.
- Item numbers (``RawItem.index``, the ``#N`` of a document's path) count every entry or non-blank
  line, the skipped ones too, so that ``feed.xml#7`` is the seventh entry whatever failed before it.
"""

from __future__ import annotations

import codecs
import html as _html
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from . import html_text, loader
from .bilingual import from_units, split_lines
from .model import Document, InputError, Item, Origin
from .xmlscreen import Screened, screen

__all__ = [
    "DEFAULT_FIELDS",
    "FIELDS",
    "MAX_LINE_BYTES",
    "RawItem",
    "decode_html",
    "html_document",
    "is_warning",
    "item_document",
    "iter_jsonl_lines",
    "parse_jsonl_item",
    "read_feed",
    "read_jsonl",
    "sniff",
]

FIELDS = ("title", "text", "html", "url", "id", "site", "source", "target")
TEXT_FIELDS = ("text", "html", "target")  # an item needs one of these
DEFAULT_FIELDS: Mapping[str, str] = {
    "title": "title", "text": "text", "url": "url", "source": "source", "target": "target", "id": "id",
    "site": "site", "html": "html",
}
MAX_LINE_BYTES = 16 * 1024 * 1024
WARNING = "warning: "


def is_warning(error: InputError) -> bool:
    """A message to print that does not make the input fail (a feed read leniently)."""
    return error.message.startswith(WARNING)


@dataclass(frozen=True)
class RawItem:
    """One article as read, before it becomes a ``Document``. ``feed`` names the feed (its path, URL
    or name), ``index`` is 1-based within it, ``line`` the JSON Lines line (None for RSS/Atom).
    ``fields`` holds the non-empty ones of ``FIELDS`` as ``(name, value)`` pairs: ``title``, ``text``
    (plain text), ``html`` (HTML content), ``url``, ``id``, ``site``, ``source`` (the source-language
    text of a bilingual item), ``target`` (its translation, an alternative to ``text``)."""

    feed: str
    index: int
    line: int | None
    fields: tuple[tuple[str, str], ...]

    def get(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return default

    def as_dict(self) -> dict[str, str]:
        return dict(self.fields)


def _raw_item(feed: str, index: int, line: int | None, values: Mapping[str, str | None]) -> RawItem:
    return RawItem(feed, index, line, tuple((k, values[k]) for k in FIELDS if values.get(k)))


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


# --- sniffing ----------------------------------------------------------------------------------------

SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
}
_SNIFF = 4096
_LEADING = re.compile(
    rb"(?:\s+|<\?xml[^>]*>|<!--.*?-->|<\?[^>]*>)*", re.DOTALL
)
_DOCTYPE = re.compile(rb"<!doctype\s+([a-z:]+)", re.IGNORECASE)
_FIRST_TAG = re.compile(rb"<([a-zA-Z][\w:.-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf", b"channel"}


def sniff(data: bytes, name: str) -> str:
    """"jsonl", "feed" (RSS/Atom/RDF), "html" or "text": from the suffix of ``name`` (a path or a
    URL), else from the first bytes (``{``: JSON Lines; an XML declaration, ``<rss``, ``<feed``,
    ``<rdf:RDF``: a feed; ``<!DOCTYPE html``, ``<html`` or another tag: HTML)."""
    path = urlsplit(name).path if "://" in name else name
    kind = SUFFIXES.get(PurePosixPath(path).suffix.lower())
    if kind:
        return kind
    head = data[:_SNIFF]
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):]
            if codec != "utf-8":
                head = head.decode(codec, "ignore").encode("utf-8", "ignore")
            break
    stripped = head.lstrip()
    if stripped.startswith((b"{", b"[")):
        return "jsonl"
    xml_decl = stripped.startswith(b"<?xml")
    rest = stripped[_LEADING.match(stripped).end():]
    m = _DOCTYPE.match(rest)
    if m:
        return "html" if m.group(1).lower() == b"html" else "feed"
    m = _FIRST_TAG.match(rest)
    if m:
        tag = m.group(1).lower()
        if tag in _FEED_ROOTS:
            return "feed"
        if tag in (b"html", b"head", b"body") or not xml_decl:
            return "html"
        return "feed"  # some other XML: the feed reader says what it is
    return "feed" if xml_decl else "text"


# --- RSS and Atom ------------------------------------------------------------------------------------


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _declares_entities(data: bytes) -> bool:
    if _ENTITY_DECL.search(data):
        return True
    if b"\x00" in data[:4]:  # UTF-16 or UTF-32 without the declaration in ASCII
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            if "<!entity" in data.decode(codec, "ignore").lower():
                return True
    return False


def screen_feed(data: bytes) -> Screened:
    """Read the feed with defusedxml's expat reader, building nothing, before anything else reads it
    (``xmlscreen``): entity declarations (XML bombs) and external entities are refused; a feed that
    is not well-formed goes on to feedparser's lenient reader, unless it holds ``<!ENTITY`` anywhere
    (expat stopped before it could judge the declaration)."""
    screened = screen(data, named_by="a feed", needs_none="a feed")
    if screened.malformed is not None and _declares_entities(data):
        return Screened("entity declaration refused (entity expansion is how XML bombs work; a feed needs none)")
    return screened


def _content(entry: Any) -> tuple[str | None, str | None]:
    """``(html, text)`` of an entry: its first non-empty content, else its summary."""
    candidates = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if candidates:
        detail = candidates[0]
    else:
        detail = entry.get("summary_detail") or {}
        if not (detail.get("value") or "").strip():
            summary = entry.get("summary")
            if not (summary or "").strip():
                return None, None
            detail = {"type": "text/html", "value": summary}
    value = detail.get("value") or ""
    if (detail.get("type") or "text/html").lower() == "text/plain":
        return None, value
    return value, None


_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<[^>]*>")


def _has_text(html: str | None, text: str | None) -> bool:
    """Whether an entry has any text: a cheap look (tags, scripts and styles dropped) rather than a
    full extraction, which ``item_document`` does anyway (and reports an item with nothing visible)."""
    if text and text.strip():
        return True
    if not html or not html.strip():
        return False
    if len(html) > 1_000_000:
        return True
    return bool(_html.unescape(_ANY_TAG.sub(" ", _SCRIPT.sub(" ", html))).strip())


def _title(entry: Any) -> str | None:
    title = entry.get("title")
    if not title:
        return None
    detail = entry.get("title_detail") or {}
    if (detail.get("type") or "").lower() in ("text/html", "application/xhtml+xml"):
        title = html_text.extract(title).text
    return " ".join(title.split()) or None


def read_feed(data: bytes, name: str) -> Iterator[RawItem | InputError]:
    """The items of an RSS 0.9x/1.0/2.0 or Atom feed, with one-line errors for what cannot be read
    (module docstring: refusals, the lenient-read warning, items without text)."""
    if not data.strip():
        yield InputError(name, "empty feed, nothing to check")
        return
    screened = screen_feed(data)
    if screened.refusal:
        yield InputError(name, screened.refusal)
        return
    malformed = screened.malformed
    try:
        import feedparser
    except ImportError:
        yield InputError(name, "reading RSS and Atom feeds needs feedparser: pip install 'feedparser>=6'")
        return

    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 -- feedparser's own failure is this input's error
        yield InputError(name, f"feedparser could not read it: {_one_line(exc) or type(exc).__name__}")
        return
    entries = parsed.get("entries") or []
    problem = None
    if malformed:
        problem = f"{malformed[0]} (line {malformed[1]})"
    elif parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        problem = (_one_line(exc) or type(exc).__name__) + (f" (line {line})" if line else "")
    if not entries:
        if problem:
            yield InputError(name, f"not a well-formed feed: {problem}")
        elif not parsed.get("version"):
            root = screened.root
            yield InputError(name, "not an RSS or Atom feed" + (f" (the root element is <{root}>)" if root else ""))
        else:
            yield InputError(name, "the feed has no items, nothing to check")
        return
    if problem:
        yield InputError(name, f"{WARNING}not a well-formed feed, read leniently: {problem}; "
                               f"{len(entries)} item{'s' if len(entries) != 1 else ''} read")
    feed_title = " ".join((parsed.get("feed", {}).get("title") or "").split()) or None
    for index, entry in enumerate(entries, 1):
        html, text = _content(entry)
        if not _has_text(html, text):
            yield InputError(f"{name}#{index}", "item has no text, not checked")
            continue
        link = entry.get("link") or None
        if link and urlsplit(link).scheme.lower() not in ("http", "https"):
            link = None  # feedparser offers an Atom entry's urn: id as its link
        source = entry.get("source") or {}
        site = " ".join((source.get("title") or "").split()) or feed_title
        if not site and link:
            site = urlsplit(link).hostname
        yield _raw_item(name, index, None, {
            "title": _title(entry), "html": html, "text": text, "url": link,
            "id": entry.get("id") or None, "site": site,
        })


# --- JSON Lines --------------------------------------------------------------------------------------


def iter_jsonl_lines(
    stream: BinaryIO, name: str, *, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for every non-blank line of a JSON Lines stream, 1-based, line break
    removed; never more than ``max_line_bytes`` + 1 bytes in memory. A longer line yields
    ``(line number, None)`` and is skipped to its end. ``name`` is for the caller's messages."""
    del name  # the stream's name: the caller words the errors
    line_no = 0
    readline = stream.readline
    while True:
        raw = readline(max_line_bytes + 2)  # room for the line's own "\r\n"
        if not raw:
            return
        line_no += 1
        if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            # too long: read the rest of the line in bounded pieces and drop it
            while True:
                rest = readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            yield line_no, None
            continue
        raw = raw.rstrip(b"\r\n")
        if len(raw) > max_line_bytes:
            yield line_no, None
            continue
        if raw.strip():
            yield line_no, raw


def _lookup(obj: dict[str, Any], key: str) -> Any:
    """``obj[key]``; a dotted key that is not a key itself is a path (``content.body``)."""
    if key in obj:
        return obj[key]
    if "." not in key:
        return None
    value: Any = obj
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def parse_jsonl_item(
    feed: str, line_no: int, raw: bytes, index: int, fields: Mapping[str, str | None] = DEFAULT_FIELDS
) -> RawItem | InputError:
    """One JSON Lines record. ``fields`` maps the logical fields (``FIELDS``) to JSON keys; it is
    laid over ``DEFAULT_FIELDS`` (map a field to None to ignore it); a dotted key such as
    ``content.body`` reaches into nested objects. Errors name ``feed:line``."""
    where = f"{feed}:{line_no}"
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown item field(s) {', '.join(sorted(unknown))} (use {', '.join(FIELDS)})")
    mapping = {**DEFAULT_FIELDS, **fields}
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(where, f"not valid UTF-8 at byte offset {exc.start} of the line, item skipped")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno}), item skipped")
    except RecursionError:  # arrays nested 100,000 deep
        return InputError(where, "not valid JSON: nested too deeply, item skipped")
    except ValueError as exc:  # a number of 5000 digits
        return InputError(where, f"not valid JSON: {_one_line(exc)[:200]}, item skipped")
    if not isinstance(obj, dict):
        return InputError(where, f"not a JSON object ({_kind(obj)}), item skipped")
    values: dict[str, str | None] = {}
    for logical in FIELDS:
        key = mapping.get(logical)
        if not key:
            continue
        value = _lookup(obj, key)
        if value is None:
            continue
        if logical == "id" and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return InputError(where, f"field '{key}' is {_kind(value)}, not a string, item skipped")
        values[logical] = value
    if not any((values.get(k) or "").strip() for k in TEXT_FIELDS):
        keys = ", ".join(f"'{mapping[k]}'" for k in TEXT_FIELDS if mapping.get(k))
        return InputError(where, f"no text (none of the fields {keys} holds any), item skipped")
    return _raw_item(feed, index, line_no, values)


def read_jsonl(
    stream: BinaryIO,
    name: str,
    fields: Mapping[str, str | None] = DEFAULT_FIELDS,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[RawItem | InputError]:
    """``iter_jsonl_lines`` and ``parse_jsonl_item`` together: every non-blank line is an item
    (numbered, the bad ones too) or the one-line error that says why not."""
    for index, (line_no, raw) in enumerate(iter_jsonl_lines(stream, name, max_line_bytes=max_line_bytes), 1):
        if raw is None:
            yield InputError(f"{name}:{line_no}", f"line is over the {max_line_bytes} byte limit, item skipped")
        else:
            yield parse_jsonl_item(name, line_no, raw, index, fields)


# --- documents ---------------------------------------------------------------------------------------


def _merge(*groups: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    from .loader import merge_spans

    return merge_spans(s for group in groups for s in group)


def _line_pairs(source: str, target: str) -> list[tuple[str, str, str]] | None:
    """One unit per non-empty line pair, when both sides have as many non-empty lines."""
    src = [line for line in split_lines(source) if line.strip()]
    tgt = [line for line in split_lines(target) if line.strip()]
    if len(src) != len(tgt) or not tgt:
        return None
    return [(str(n), s, t) for n, (s, t) in enumerate(zip(src, tgt), 1)]


def item_document(item: RawItem, *, lang: str = "en", source_lang: str | None = None) -> Document | InputError:
    """The checked document of one item: its title, a blank line, then its body: ``target`` or
    ``text`` as they are, else ``html`` reduced to its visible text (``html_text.extract``; the spans
    of ``tqcheck:`` directives are ``ignored``). The title is left out when the body starts with it.

    An item with ``source`` and a plain body (``target``/``text``) is bilingual: one unit per
    non-empty line pair when both have as many non-empty lines (the target text is then those lines
    joined by line breaks, after the title); otherwise it is checked as a monolingual document,
    without a word (there is no telling which lines pair up). ``path`` is ``feed#index``; ``origin``
    stays None (item text has no place in a file that could be shown)."""
    path = f"{item.feed}#{item.index}"
    fields = item.as_dict()
    title = " ".join((fields.get("title") or "").split())
    body = fields.get("target") or fields.get("text")
    directives: tuple[tuple[int, int], ...] = ()
    fmt = "text"
    if not (body and body.strip()) and fields.get("html"):
        extracted = html_text.extract(fields["html"])
        body, directives, fmt = extracted.text, extracted.directives, "html"
    if not (body and body.strip()):
        return InputError(path, "item has no text, not checked")
    meta = Item(item.feed, item.index, fields.get("id"), fields.get("url"), title or None, fields.get("site"),
                item.line)
    source = fields.get("source")
    units = _line_pairs(source, body) if source and fmt == "text" else None
    if units is not None:
        doc = from_units(units, path=path, source_path=path, lang=lang, source_lang=source_lang, fmt="text")
        body = doc.text
    first_line = " ".join(body.lstrip().split("\n", 1)[0].split())
    prefix = f"{title}\n\n" if title and first_line != title else ""
    text = prefix + body
    shift = len(prefix)
    shifted = tuple((s + shift, e + shift) for s, e in directives)
    ignored = _merge(loader.ignored_regions(text, fmt), shifted)
    if units is not None:
        pairs = tuple(p._replace(start=p.start + shift, end=p.end + shift) for p in doc.pairs)
        return replace(doc, text=text, pairs=pairs, ignored=ignored, item=meta)
    return Document(path=path, text=text, lang=lang, source_lang=source_lang, format=fmt, ignored=ignored,
                    item=meta)


# --- HTML pages --------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252; a page cannot declare UTF-16 in ASCII bytes
_CHARSET_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8",
                    "utf-16-le": "utf-8", "utf-16-be": "utf-8", "utf-32": "utf-8"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return _CHARSET_ALIASES.get(name, name)


def decode_html(data: bytes | str, path: str, charset: str | None = None) -> str | InputError:
    """An HTML page's text: a byte-order mark wins, then ``charset`` (the HTTP header's), then a
    ``<meta charset>`` in the first 4 KB, else UTF-8 (strictly: the loader's one-line error names the
    first bad byte). A declared single-byte charset decodes everything (undefined bytes as U+FFFD)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if not data:
        return InputError(path, "empty file, nothing to check")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                return InputError(path, f"not valid {codec.upper()} at byte offset {exc.start + len(bom)}, "
                                        "not checked")
    if b"\x00" in data[:8192]:
        return InputError(path, "binary file (NUL bytes), not checked")
    codec = _codec(charset)
    if codec is None:
        m = _META_CHARSET.search(data, 0, 4096)
        codec = _codec(m.group(1).decode("ascii")) if m else None
    if codec and codec != "utf-8":
        return data.decode(codec, errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(path, f"not valid UTF-8 at byte offset {exc.start} ({exc.reason}), not checked")
    return text


def html_document(
    data: bytes | str,
    path: str,
    *,
    lang: str = "en",
    source_lang: str | None = None,
    charset: str | None = None,
) -> Document | InputError:
    """A standalone HTML page as a document: its visible text (``html_text.extract``), with
    ``origin`` mapping every character back to the page, so findings and fixes speak of the page;
    ``ignored`` holds URLs, e-mail addresses and ``tqcheck:`` directives."""
    page = decode_html(data, path, charset)
    if isinstance(page, InputError):
        return page
    extracted = html_text.extract(page)
    text = extracted.text
    if not text.strip():
        return InputError(path, "page has no visible text, not checked")
    return Document(
        path=path,
        text=text,
        lang=lang,
        source_lang=source_lang,
        format="html",
        ignored=_merge(loader.ignored_regions(text, "html"), extracted.directives),
        origin=Origin(page, extracted.offsets),
    )
