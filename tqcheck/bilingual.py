"""Bilingual documents: a source text, its translation, and the units that align them.

Every bilingual input (two line-aligned files, TSV, JSON Lines, XLIFF, PO, TMX) becomes one
``Document`` whose ``text`` is the target units joined by line breaks and whose ``source`` is the
source units joined the same way, with one ``SegmentPair`` per unit. Target-side checks then work on
bilingual input unchanged, and line N of the target text is unit N for line-aligned files.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import TqcheckError
from .model import Document, SegmentPair


class AlignmentError(TqcheckError):
    """Source and target do not pair up (different numbers of segments, ...)."""


def from_units(
    units: Sequence[tuple[str, str, str]],
    *,
    path: str,
    source_path: str | None = None,
    lang: str = "en",
    source_lang: str | None = None,
    fmt: str = "text",
) -> Document:
    """A bilingual document from ``(unit id, source, target)`` triples. Line breaks inside a unit are
    kept; units are separated by one line break in both texts."""
    src_parts: list[str] = []
    tgt_parts: list[str] = []
    pairs: list[SegmentPair] = []
    s_pos = t_pos = 0
    for unit, src, tgt in units:
        pairs.append(SegmentPair(unit, s_pos, s_pos + len(src), t_pos, t_pos + len(tgt)))
        src_parts.append(src)
        tgt_parts.append(tgt)
        s_pos += len(src) + 1
        t_pos += len(tgt) + 1
    return Document(
        path=path,
        text="\n".join(tgt_parts),
        lang=lang,
        source_lang=source_lang,
        format=fmt,
        source="\n".join(src_parts),
        pairs=tuple(pairs),
        source_path=source_path,
    )


def split_lines(text: str) -> list[str]:
    """Lines of a line-aligned file: a final line break does not make an empty last segment, and
    ``\\r\\n`` counts as one break (sacrebleu reads files the same way)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def from_aligned_texts(
    source: str, target: str, *, path: str, source_path: str, lang: str = "en", source_lang: str | None = None
) -> Document:
    """Two line-aligned texts. Different numbers of lines are an error naming both counts (sacrebleu
    silently cuts the longer list; a checker must not)."""
    src, tgt = split_lines(source), split_lines(target)
    if len(src) != len(tgt):
        raise AlignmentError(
            f"{path}: {len(tgt)} target segments but {source_path} has {len(src)} source segments; "
            "line-aligned files must have one segment per line in both"
        )
    return from_units(
        [(str(i), s, t) for i, (s, t) in enumerate(zip(src, tgt), 1)],
        path=path,
        source_path=source_path,
        lang=lang,
        source_lang=source_lang,
    )


def unit_at(document: Document, offset: int) -> SegmentPair | None:
    """The unit whose target text holds ``offset`` (None for target-only documents)."""
    if not document.pairs:
        return None
    import bisect

    i = bisect.bisect_right(document.pair_starts, offset) - 1
    return document.pairs[i] if i >= 0 else None
