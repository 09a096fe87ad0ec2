"""The primary glossary format: TSV, one concept per line (see data/glossary/FORMAT.md for why)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from .model import TYPES, Entry

KNOWN = ("preferred", "type", "accepted", "forbidden", "case", "note", "ref")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
SEP = " | "


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip()) if cell.strip() else ()


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
            header = [c.strip() for c in cells]
            if "preferred" not in header:
                raise ConfigError(f"{name}:{lineno}: header has no 'preferred' column")
            for col in header:
                if col not in KNOWN and not _LANG.match(col):
                    raise ConfigError(f"{name}:{lineno}: unknown column {col!r} (not a language code)")
            if len(set(header)) != len(header):
                raise ConfigError(f"{name}:{lineno}: a column is named twice in the header")
            continue
        if len(cells) != len(header):
            raise ConfigError(f"{name}:{lineno}: {len(cells)} fields, the header has {len(header)}")
        row = dict(zip(header, (c.strip() for c in cells)))
        preferred = row["preferred"]
        if not preferred:
            raise ConfigError(f"{name}:{lineno}: empty 'preferred'")
        kind = row.get("type") or "term"
        if kind not in TYPES:
            raise ConfigError(f"{name}:{lineno}: type {kind!r} is not one of {', '.join(TYPES)}")
        case = row.get("case") or "sensitive"
        if case not in ("sensitive", "insensitive"):
            raise ConfigError(f"{name}:{lineno}: case must be 'sensitive' or 'insensitive', not {case!r}")
        forbidden = []
        for value in _split(row.get("forbidden", "")):
            form, _, reason = value.partition(" = ")
            forbidden.append((form.strip(), reason.strip()))
        sources = tuple(
            sorted((col, _split(row[col])) for col in header if col not in KNOWN and _split(row[col]))
        )
        entries.append(
            Entry(
                preferred=preferred,
                type=kind,
                accepted=_split(row.get("accepted", "")),
                forbidden=tuple(forbidden),
                sources=sources,
                case_sensitive=case == "sensitive",
                note=row.get("note", ""),
                ref=row.get("ref", ""),
                origin=f"{name}:{lineno}",
            )
        )
    if header is None:
        raise ConfigError(f"{name}:1: empty glossary (no header line)")
    return entries


def load(path: Path, *, name: str | None = None) -> list[Entry]:
    label = name or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{label}: no such glossary file") from None
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{label}:{line}: not UTF-8 (byte offset {exc.start})") from None
    return parse(text, label)
