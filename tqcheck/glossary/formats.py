"""One entry point for every glossary format, so commands take any file a user has (a TSV of ours, a
spreadsheet's CSV, a CAT tool's TBX) and pick the format from the suffix unless told."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from ..errors import ConfigError
from . import csvfmt, tbx, tsv
from .model import Entry

FORMATS: dict[str, ModuleType] = {"tsv": tsv, "csv": csvfmt, "tbx": tbx}
SUFFIXES = {".tsv": "tsv", ".txt": "tsv", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}


def detect(path: str | Path, fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` when given, else the one its suffix says."""
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            raise ConfigError(f"{path}: unknown glossary format {fmt!r} (use {', '.join(FORMATS)})")
        return fmt.lower()
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ConfigError(
            f"{path}: cannot tell the glossary format from the suffix {suffix or '(none)'!r} "
            f"(use {', '.join(SUFFIXES)}, or name the format: {', '.join(FORMATS)})"
        )
    return SUFFIXES[suffix]


def load(path: str | Path, fmt: str | None = None, *, name: str | None = None) -> list[Entry]:
    return FORMATS[detect(path, fmt)].load(path, name=name)


def save(path: str | Path, entries: Iterable[Entry], fmt: str | None = None) -> None:
    """Write atomically in the chosen format; the entries come out sorted by preferred form."""
    FORMATS[detect(path, fmt)].save(path, entries)
