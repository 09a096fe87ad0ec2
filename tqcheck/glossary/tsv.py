"""The primary glossary format: TSV, one concept per line (see data/glossary/FORMAT.md for why).

The row rules (``check_header``, ``make_entry``, ``row``) live here and are shared with the CSV format, so
both read and write exactly the same columns with the same messages. ``text_problem`` states what any
format can hold, so that every writer refuses the same values instead of saving a file that reads back
different.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..atomic import write_text
from ..errors import ConfigError
from .model import TYPES, Entry

KNOWN = ("preferred", "type", "accepted", "forbidden", "case", "note", "ref")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
SEP = " | "
COMMENT = "# tqcheck glossary (TSV); format: see FORMAT.md"
# Columns before and after the language columns when writing; the order a reader sees in a spreadsheet.
_HEAD = ("preferred", "type", "accepted", "forbidden")
_TAIL = ("case", "note", "ref")


def _split(cell: str) -> tuple[str, ...]:
    if "|" not in cell:  # the common case, a single value or none: no generator
        cell = cell.strip()
        return (cell,) if cell else ()
    return tuple(v.strip() for v in cell.split("|") if v.strip())


# --- reading ---------------------------------------------------------------------------------------


def check_header(cells: Sequence[str], name: str, lineno: int) -> list[str]:
    """The column names of a header row, or a ConfigError for the first thing wrong with it."""
    header = [c.strip() for c in cells]
    if "preferred" not in header:
        raise ConfigError(f"{name}:{lineno}: header has no 'preferred' column")
    for col in header:
        if col not in KNOWN and not _LANG.match(col):
            raise ConfigError(f"{name}:{lineno}: unknown column {col!r} (not a language code)")
    if len(set(header)) != len(header):
        raise ConfigError(f"{name}:{lineno}: a column is named twice in the header")
    return header


def make_entry(header: Sequence[str], cells: Sequence[str], name: str, lineno: int) -> Entry:
    """One data row as an Entry; a row that does not fit the header is a ConfigError."""
    return row_reader(header, name)(cells, lineno)


def row_reader(header: Sequence[str], name: str):
    """A function turning the cells of one data row into an Entry, for rows under ``header``. The
    column positions are worked out once: a 100,000-row glossary reads in a fraction of a second."""
    ncols = len(header)
    pos = {col: i for i, col in enumerate(header)}
    ip, it, ia, iforb, icase, inote, iref = (pos.get(c) for c in ("preferred", "type", "accepted", "forbidden",
                                                                  "case", "note", "ref"))
    langs = sorted((col, i) for col, i in pos.items() if col not in KNOWN)
    types = frozenset(TYPES)

    def read(cells: Sequence[str], lineno: int) -> Entry:
        if len(cells) != ncols:
            raise ConfigError(f"{name}:{lineno}: {len(cells)} fields, the header has {ncols}")
        preferred = cells[ip].strip()
        if not preferred:
            raise ConfigError(f"{name}:{lineno}: empty 'preferred'")
        kind = cells[it].strip() if it is not None else ""
        kind = kind or "term"
        if kind not in types:
            raise ConfigError(f"{name}:{lineno}: type {kind!r} is not one of {', '.join(TYPES)}")
        case = cells[icase].strip() if icase is not None else ""
        if case and case not in ("sensitive", "insensitive"):
            raise ConfigError(f"{name}:{lineno}: case must be 'sensitive' or 'insensitive', not {case!r}")
        forbidden: tuple[tuple[str, str], ...] = ()
        if iforb is not None and cells[iforb].strip():
            pairs = []
            for value in _split(cells[iforb]):
                form, _, reason = value.partition(" = ")
                pairs.append((form.strip(), reason.strip()))
            forbidden = tuple(pairs)
        sources = []
        for col, i in langs:
            cell = cells[i]
            if cell and not cell.isspace():
                sources.append((col, _split(cell)))
        return Entry(
            preferred=preferred,
            type=kind,
            accepted=_split(cells[ia]) if ia is not None and cells[ia] else (),
            forbidden=forbidden,
            sources=tuple(sources),
            case_sensitive=case != "insensitive",
            note=cells[inote].strip() if inote is not None else "",
            ref=cells[iref].strip() if iref is not None else "",
            origin=f"{name}:{lineno}",
        )

    return read


def parse(text: str, name: str) -> list[Entry]:
    """Entries of a TSV glossary; any malformed row is a ConfigError ``name:line: what is wrong``."""
    header: list[str] | None = None
    entries: list[Entry] = []
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = check_header(cells, name, lineno)
            read = row_reader(header, name)
            continue
        entries.append(read(cells, lineno))
    if header is None:
        raise ConfigError(f"{name}:1: empty glossary (no header line)")
    return entries


def read_text(path: str | Path, label: str) -> str:
    """A glossary file's text (UTF-8, with or without BOM); missing or undecodable files are ConfigErrors."""
    return decode(read_bytes(path, label), label)


def decode(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{label}:{line}: not UTF-8 (byte offset {exc.start})") from None


def read_bytes(path: str | Path, label: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{label}: no such glossary file") from None
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read: {exc.strerror or exc}") from None


def load(path: str | Path, *, name: str | None = None) -> list[Entry]:
    label = name or str(path)
    return parse(read_text(path, label), label)


# --- writing ---------------------------------------------------------------------------------------


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be saved so that it reads back unchanged, or None. Every reader strips cells
    and XML cannot carry control characters, so neither is allowed in any format."""
    if value != value.strip():
        return "has leading or trailing white space"
    for ch in value:
        if ch == "\t":
            return "contains a tab"
        if ch in "\n\r\x0b\x0c\x85\u2028\u2029":
            return "contains a line break"
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            return f"contains the control character U+{ord(ch):04X}"
    return None


def entry_fail(entry: Entry, fmt: str, problem: str, dest: str | None) -> ConfigError:
    """The one-line error for an entry a writer cannot hold: where it came from, what is wrong."""
    where = entry.origin or dest or "<entries>"
    also = f" (writing {dest})" if dest and entry.origin else ""
    return ConfigError(f"{where}: cannot write {entry.preferred!r} as {fmt}: {problem}{also}")


def entry_problem(entry: Entry) -> str | None:
    """What no glossary format can hold (an empty preferred, an unknown type, unclean text, a language
    that is not a code or is given twice or without forms), or None."""
    if not entry.preferred:
        return "empty preferred form"
    if entry.type not in TYPES:
        return f"type {entry.type!r} is not one of {', '.join(TYPES)}"
    values = [("preferred form", entry.preferred), ("note", entry.note), ("ref", entry.ref)]
    values += [("accepted form", v) for v in entry.accepted]
    values += [("forbidden form", f) for f, _ in entry.forbidden]
    values += [("reason", r) for _, r in entry.forbidden]
    seen: set[str] = set()
    for lang, forms in entry.sources:
        if not _LANG.match(lang) or lang in KNOWN:
            return f"source language {lang!r} is not a language code"
        if lang in seen:
            return f"source language {lang!r} is given twice"
        seen.add(lang)
        if not forms:
            return f"source language {lang!r} has no forms"
        values += [(f"{lang} form", v) for v in forms]
    for what, value in values:
        if what in ("note", "ref", "reason") and not value:
            continue
        if not value:
            return f"empty {what}"
        problem = text_problem(value)
        if problem:
            return f"{what} {value!r} {problem}"
    return None


def columns(entries: Iterable[Entry]) -> list[str]:
    """The header: every known column, and every language any entry uses, sorted by code."""
    langs = sorted({lang for e in entries for lang, _ in e.sources})
    return [*_HEAD, *langs, *_TAIL]


def _cell_problem(entry: Entry) -> str | None:
    """What a delimited row cannot hold beyond ``entry_problem``: '|' inside a list value, ' = ' inside
    a forbidden form, and a leading '#' (the line would read as a comment)."""
    problem = entry_problem(entry)
    if problem:
        return problem
    if entry.preferred.startswith("#"):
        return "preferred form starts with '#', which makes the line a comment"
    lists = [("accepted form", v) for v in entry.accepted]
    lists += [(f"{lang} form", v) for lang, forms in entry.sources for v in forms]
    for form, reason in entry.forbidden:
        lists += [("forbidden form", form), ("reason", reason)]
        if re.search(r" =( |$)", form):
            return f"forbidden form {form!r} contains ' = ', which separates the reason"
    for what, value in lists:
        if "|" in value:
            return f"{what} {value!r} contains '|', which separates values"
    return None


def row(entry: Entry, header: Sequence[str], *, fmt: str = "TSV", dest: str | None = None) -> list[str]:
    """The cells of ``entry`` under ``header`` (from ``columns``); a ConfigError if they would not
    read back as the same entry."""
    problem = _cell_problem(entry)
    if problem:
        raise entry_fail(entry, fmt, problem, dest)
    sources = dict(entry.sources)
    values = {
        "preferred": entry.preferred,
        "type": entry.type,
        "accepted": SEP.join(entry.accepted),
        "forbidden": SEP.join(f"{f} = {r}" if r else f for f, r in entry.forbidden),
        "case": "sensitive" if entry.case_sensitive else "insensitive",
        "note": entry.note,
        "ref": entry.ref,
    }
    return [values[col] if col in KNOWN else SEP.join(sources.get(col, ())) for col in header]


def dumps(entries: Iterable[Entry], *, dest: str | None = None) -> str:
    """The TSV text of ``entries``, sorted by preferred form: saving the same glossary twice gives the
    same bytes, so a review diff shows only the concepts that changed. ``dest`` names the file being
    written in error messages."""
    ordered = sorted(entries, key=lambda e: e.sort_key)
    header = columns(ordered)
    lines = [COMMENT, "\t".join(header)]
    lines += ["\t".join(row(e, header, dest=dest)) for e in ordered]
    return "\n".join(lines) + "\n"


def save(path: str | Path, entries: Iterable[Entry]) -> None:
    """Write atomically: a crash mid-save leaves the old glossary, never half of a new one."""
    write_text(path, dumps(entries, dest=str(path)))
