"""Loading documents from paths, directories and stdin; decoding; regions no check should read.

Every problem with one input becomes an ``InputError`` (one line: path and what is wrong) and the other
inputs are still loaded: an archive with one broken file still gets checked.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from .model import Document, InputError

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                 ".htm": "html"}
# Larger files are refused rather than read: the limit bounds memory (a decoded str of up to four bytes
# a character, plus the findings) and is far above any article.
MAX_BYTES = 64 * 1024 * 1024

# Each pattern starts with a literal or is run only near an "@": an alternation starting with \b
# would be tried at every position of the text (ten times slower).
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"')\]]+")
_WWW = re.compile(r"www\.[^\s<>\"')\]]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]*\w")
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?(?:^\1[^\n]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")


def iter_paths(paths: Sequence[str]) -> Iterator[str | InputError]:
    """Expand directories (recursively, text and Markdown files, sorted, hidden entries skipped)."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            found = []

            def onerror(exc: OSError) -> None:
                found.append(InputError(exc.filename or raw, f"cannot read directory: {exc.strerror}"))

            for root, dirs, files in os.walk(p, onerror=onerror):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES:
                        found.append(os.path.join(root, name))
            yield from found
        elif p.exists():
            yield raw
        else:
            yield InputError(raw, "no such file or directory")


def decode(data: bytes, path: str) -> str | InputError:
    if not data:
        return InputError(path, "empty file, nothing to check")
    if b"\x00" in data[:8192]:
        return InputError(path, "binary file (NUL bytes), not checked")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(path, f"not valid UTF-8 at byte offset {exc.start} ({exc.reason}), not checked")
    if text.startswith("\ufeff"):
        text = text[1:]  # offsets count from the first real character, as editors show them
    if not text.strip():
        return InputError(path, "file holds only white space, nothing to check")
    return text


def read(path: str, *, stdin: bytes | None = None) -> bytes | InputError:
    if path == "-":
        return stdin if stdin is not None else sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return InputError(path, f"file is {size} bytes, over the {MAX_BYTES} byte limit, not checked")
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return InputError(path, "is a directory")
    except OSError as exc:
        return InputError(path, f"cannot read: {exc.strerror or exc}")


def ignored_regions(text: str, fmt: str) -> tuple[tuple[int, int], ...]:
    """URLs and e-mail addresses in every format; code and link targets in Markdown."""
    spans = [m.span() for m in _URL.finditer(text)]
    spans += [m.span() for m in _WWW.finditer(text)]
    at = text.find("@")
    while at != -1:
        m = _EMAIL.search(text, max(0, at - 64), at + 256)
        if m and m.start() <= at < m.end():
            spans.append(m.span())
        at = text.find("@", at + 1)
    if fmt == "markdown":
        for pattern in (_FENCE, _INLINE_CODE, _LINK_TARGET):
            spans.extend(m.span() for m in pattern.finditer(text))
    return merge_spans(spans)


def merge_spans(spans) -> tuple[tuple[int, int], ...]:
    """Sorted ``(start, end)`` spans with overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


def guess_source_lang(text: str, letters: dict[str, str]) -> str | None:
    """The language whose distinctive letters occur most in the text (і/ї/є/ґ: Ukrainian; ы/э/ъ/ё:
    Russian), else one named in a notice ("The article is in Ukrainian"), else None."""
    owner = {ch: code for code, chars in letters.items() for ch in chars}
    if owner:
        found = Counter(owner[ch] for ch in re.findall(f"[{''.join(owner)}]", text))
        if found:
            return found.most_common(1)[0][0]
    m = re.search(r"\b(?:in|from)\s+(Ukrainian|Russian|Belarusian)\b", text[-5000:] + text[:5000])
    return {"Ukrainian": "uk", "Russian": "ru", "Belarusian": "be"}[m.group(1)] if m else None


def load(
    paths: Sequence[str],
    *,
    lang: str,
    source_lang: str | None,
    letters: dict[str, str],
    stdin: bytes | None = None,
) -> Iterator[Document | InputError]:
    seen: set[str] = set()
    for item in iter_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if item in seen:
            continue
        seen.add(item)
        data = read(item, stdin=stdin)
        if isinstance(data, InputError):
            yield data
            continue
        name = "<stdin>" if item == "-" else item
        if len(data) > MAX_BYTES:
            yield InputError(name, f"input is over the {MAX_BYTES} byte limit, not checked")
            continue
        fmt = TEXT_SUFFIXES.get(Path(item).suffix.lower(), "text")
        if fmt == "html":  # checked as its visible text; findings are mapped back to the file
            from .feeds import html_document

            doc = html_document(data, name, lang=lang, source_lang=source_lang)
            if isinstance(doc, Document) and doc.source_lang is None:
                from dataclasses import replace

                doc = replace(doc, source_lang=guess_source_lang(doc.text, letters))
            yield doc
            continue
        text = decode(data, name)
        del data
        if isinstance(text, InputError):
            yield text
            continue
        yield Document(
            path=name,
            text=text,
            lang=lang,
            source_lang=source_lang or guess_source_lang(text, letters),
            format=fmt,
            ignored=ignored_regions(text, fmt),
        )
