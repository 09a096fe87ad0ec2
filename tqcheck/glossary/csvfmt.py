"""Glossaries as CSV, for spreadsheets: the TSV's columns and cell syntax (`` | `` between values,
``form = reason`` in ``forbidden``), read and written with the row rules of ``tsv`` so the two formats
accept and refuse the same things.

Reading skips blank rows (spreadsheets pad with ``,,,,``) and rows whose first cell starts with ``#``, as
the TSV does. ``save`` writes a UTF-8 BOM because Excel reads a CSV without one in the local code page,
which garbles the Cyrillic source forms; ``dumps`` returns the text without it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..atomic import write_text
from ..errors import ConfigError
from . import tsv
from .model import Entry


def dumps(entries: Iterable[Entry], *, dest: str | None = None) -> str:
    ordered = sorted(entries, key=lambda e: e.sort_key)
    header = tsv.columns(ordered)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for entry in ordered:
        writer.writerow(tsv.row(entry, header, fmt="CSV", dest=dest))
    return buf.getvalue()


def loads(text: str, name: str) -> list[Entry]:
    """Entries of a CSV glossary; errors are ConfigError ``name:line: what is wrong``, the line being
    where the record starts (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    header: list[str] | None = None
    entries: list[Entry] = []
    while True:
        lineno = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ConfigError(f"{name}:{reader.line_num}: not valid CSV: {exc}") from None
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = tsv.check_header(cells, name, lineno)
            read = tsv.row_reader(header, name)
            continue
        entries.append(read(cells, lineno))
    if header is None:
        raise ConfigError(f"{name}:1: empty glossary (no header line)")
    return entries


def load(path: str | Path, *, name: str | None = None) -> list[Entry]:
    label = name or str(path)
    return loads(tsv.read_text(path, label), label)


def save(path: str | Path, entries: Iterable[Entry]) -> None:
    write_text(path, dumps(entries, dest=str(path)), encoding="utf-8-sig")
