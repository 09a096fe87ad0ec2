"""A glossary compiled into flat tables, and an on-disk cache of them.

Checking a text needs little of a glossary: a form → entry index, the forms an automaton must find,
the skeletons of the source forms (transliteration), the names near misses are compared with. For a
glossary of 100,000 entries, building those from Entry objects costs seconds, about ten times the
check itself. So they are built once per glossary content and kept, as lists and dicts of strings and
integers, in a cache file (``marshal``: fast to load, and it cannot carry code as a pickle can). Entries
themselves are made only when a check reports one (``Glossary.entry``).

An entry is identified by its row, its position in the layered glossary. Its cells are kept as one
tab-joined line under a canonical header, so any format (TSV, CSV, TBX) compiles to the same tables.

The cache lives in ``$TQCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/tqcheck``, else ``~/.cache/tqcheck``;
``TQCHECK_CACHE_DIR=`` (empty) or ``--no-cache`` turns it off. A cache that cannot be read or written
is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from .model import Entry

SCHEMA = 1
TRANSLIT_LANGS = ("uk", "ru", "be", "bg")


@dataclass
class Compiled:
    header: list[str]  # canonical columns of ``rows``
    rows: list[str]  # one tab-joined line of cells per entry
    origins: list[str]  # file:line of each entry
    exact: dict[str, int]  # form -> row * 2 + forbidden (case-sensitive entries)
    folded: dict[str, int]  # casefolded form -> row * 2 + forbidden (case-insensitive entries)
    sources: dict[str, int]  # casefolded source form -> row
    forbidden_forms: list[tuple[str, bool]]  # (form, case-sensitive): what TQ301's automaton finds
    variant_forms: list[tuple[str, bool]]  # accepted forms spelling one name two ways
    skeletons: dict[str, list[int]]  # skeleton -> item numbers
    item_row: list[int]
    item_form: list[str]
    item_lang: list[str]
    item_twin: list[bool]
    near: dict[str, tuple[list[str], list[int]]]  # first letter -> (names, rows)

    def to_bytes(self) -> bytes:
        return marshal.dumps((SCHEMA, __version__, *(getattr(self, f) for f in _FIELDS)))

    @classmethod
    def from_bytes(cls, data: bytes) -> Compiled | None:
        try:
            value = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None
        if not isinstance(value, tuple) or value[:2] != (SCHEMA, __version__) or len(value) != 2 + len(_FIELDS):
            return None
        return cls(*value[2:])


_FIELDS = tuple(Compiled.__dataclass_fields__)


def compile_entries(entries: Sequence[Entry]) -> Compiled:
    """The tables of ``entries`` (layers already concatenated, later ones winning)."""
    from .derive import lookalike_twin, skeletons
    from .fuzzy import KINDS as NEAR_KINDS
    from .fuzzy import MIN_LENGTH as NEAR_MIN_LENGTH
    from .matcher import forbidden_finder, spelling_variants
    from .tsv import KNOWN, columns, row

    langs = sorted({lang for e in entries for lang, _ in e.sources})
    header = [c for c in columns(entries) if c in KNOWN or c in langs]
    rows = ["\t".join(row(e, header)) for e in entries]
    origins = [e.origin for e in entries]
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    sources: dict[str, int] = {}
    forbidden_forms: list[tuple[str, bool]] = []
    variant_forms: list[tuple[str, bool]] = []
    contains_forbidden = forbidden_finder(entries)
    items: list[tuple[int, str, str, bool]] = []
    near: dict[str, dict[str, int]] = {}
    for i, e in enumerate(entries):
        cs = e.case_sensitive
        index = exact if cs else folded
        for form in e.target_forms:
            index[form if cs else form.casefold()] = i * 2
            if (" " in form or "-" in form) and contains_forbidden(form):
                forbidden_forms.append((form, cs))  # a longer right form must still win over a wrong one
        for form, _ in e.forbidden:
            index[form if cs else form.casefold()] = i * 2 + 1
            forbidden_forms.append((form, cs))
        variant_forms.extend((f, cs) for f in spelling_variants(e.target_forms))
        for _, forms in e.sources:
            for form in forms:
                sources[form.casefold()] = i
        # transliteration items: source forms, and the look-alike twins the glossary lists (АР for AP)
        twins = {t for t in map(lookalike_twin, e.target_forms) if t is not None}
        if twins:
            twins &= set(e.source_forms())
        for lang, forms in e.sources:
            if lang in TRANSLIT_LANGS:
                items.extend((i, form, lang, False) for form in forms if form not in twins)
        for twin in sorted(twins):
            items.append((i, twin, "uk", True))
            items.append((i, twin, "ru", True))
        if e.type in NEAR_KINDS:  # near-miss names: one-word names, and surnames of people
            for form in e.target_forms:
                words = form.split()
                if len(words) > 1 and e.type != "person":
                    continue
                name = words[-1]
                if len(name) >= NEAR_MIN_LENGTH and name.isalpha():
                    near.setdefault(name[0].casefold(), {}).setdefault(name, i)
    skel: dict[str, list[int]] = {}
    for n, key in enumerate(skeletons([it[1] for it in items])):
        skel.setdefault(key, []).append(n)
    return Compiled(
        header=header,
        rows=rows,
        origins=origins,
        exact=exact,
        folded=folded,
        sources=sources,
        forbidden_forms=forbidden_forms,
        variant_forms=variant_forms,
        skeletons=skel,
        item_row=[it[0] for it in items],
        item_form=[it[1] for it in items],
        item_lang=[it[2] for it in items],
        item_twin=[it[3] for it in items],
        near={k: (list(v), list(v.values())) for k, v in near.items()},
    )


def cache_dir() -> Path | None:
    configured = os.environ.get("TQCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqcheck"


def cache_key(parts: Sequence[tuple[str, bytes]]) -> str:
    h = hashlib.sha256(f"tqcheck {__version__} glossary schema {SCHEMA}\n".encode())
    for label, data in parts:
        h.update(f"{len(label)}:{label}:{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()[:40]


def load_cached(key: str) -> Compiled | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = (folder / f"glossary-{key}.marshal").read_bytes()
    except OSError:
        return None
    return Compiled.from_bytes(data)


def store(key: str, compiled: Compiled) -> None:
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".glossary-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(compiled.to_bytes())
        os.replace(tmp, folder / f"glossary-{key}.marshal")
    except OSError:
        pass
