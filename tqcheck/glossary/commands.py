"""The ``tqcheck glossary`` commands: lint, add, remove, import, export, stats, suggest.

Each function takes parsed options and an output stream and returns the exit status; the CLI only
parses arguments. Every write of a glossary is atomic and deterministic (sorted, fixed columns).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from ..errors import ConfigError
from .model import TYPES, Entry, Glossary

DEFAULT = Path(__file__).resolve().parent.parent / "data" / "glossary" / "news.tsv"


def _load(path: Path) -> list[Entry]:
    from . import formats

    return formats.load(path)


def _layers(files: Sequence[Path], default: bool) -> list[list[Entry]]:
    layers = [_load(DEFAULT)] if default else []
    return layers + [_load(p) for p in files]


# --- lint -------------------------------------------------------------------------------------------


def lint(files: Sequence[Path], *, default: bool, out: TextIO) -> int:
    from .lint import lint as run_lint

    if not files and not default:
        raise ConfigError("nothing to lint: name glossary files, or leave out --no-default-glossary")
    problems = run_lint(_layers(files, default))
    for p in problems:
        out.write(f"{p}\n")
    n = len(problems)
    out.write(f"{n} problem{'s' * (n != 1)}\n" if n else "no problems\n")
    return 1 if problems else 0


# --- add / remove -----------------------------------------------------------------------------------


def _parse_sources(values: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    sources: dict[str, list[str]] = defaultdict(list)
    for v in values:
        lang, sep, form = v.partition("=")
        if not sep or not lang.strip() or not form.strip():
            raise ConfigError(f"--source wants LANG=FORM (uk=Київ), not {v!r}")
        sources[lang.strip()].append(form.strip())
    return tuple(sorted((k, tuple(v)) for k, v in sources.items()))


def _parse_forbidden(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    out = []
    for v in values:
        form, _, reason = v.partition("=")
        if not form.strip():
            raise ConfigError(f"--forbidden wants FORM or FORM=REASON, not {v!r}")
        out.append((form.strip(), reason.strip()))
    return tuple(out)


def add(path: Path, *, preferred: str, type: str, accepted: Sequence[str], forbidden: Sequence[str],
        sources: Sequence[str], case_sensitive: bool, note: str, ref: str, replace_existing: bool,
        out: TextIO) -> int:
    from . import formats
    from .lint import lint as run_lint

    if type not in TYPES:
        raise ConfigError(f"--type must be one of {', '.join(TYPES)}")
    entries = _load(path) if path.exists() else []
    entry = Entry(
        preferred=preferred.strip(),
        type=type,
        accepted=tuple(a.strip() for a in accepted if a.strip()),
        forbidden=_parse_forbidden(forbidden),
        sources=_parse_sources(sources),
        case_sensitive=case_sensitive,
        note=note,
        ref=ref,
        origin=f"{path}:new",
    )
    existing = [e for e in entries if e.preferred == entry.preferred]
    if existing and not replace_existing:
        raise ConfigError(f"{existing[0].origin}: '{entry.preferred}' is already in the glossary (--replace to replace it)")
    before = {str(p) for p in run_lint([entries])}
    entries = [e for e in entries if e.preferred != entry.preferred] + [entry]
    problems = [p for p in run_lint([entries]) if p.kind != "order" and str(p) not in before]
    if problems:
        raise ConfigError(f"not added: {problems[0]}")
    formats.save(path, entries)
    out.write(f"{'replaced' if existing else 'added'} '{entry.preferred}' in {path} ({len(entries)} entries)\n")
    return 0


def remove(path: Path, preferred: Sequence[str], *, out: TextIO) -> int:
    from . import formats

    entries = _load(path)
    missing = [p for p in preferred if p not in {e.preferred for e in entries}]
    if missing:
        raise ConfigError(f"{path}: no entry with preferred form {missing[0]!r}")
    kept = [e for e in entries if e.preferred not in set(preferred)]
    formats.save(path, kept)
    out.write(f"removed {len(entries) - len(kept)} from {path} ({len(kept)} entries)\n")
    return 0


# --- import / export --------------------------------------------------------------------------------


def convert(source: Path | None, dest: Path, *, source_format: str | None, dest_format: str | None,
            merge: bool, out: TextIO) -> int:
    """Read any supported format, write any supported format. With ``merge``, entries of ``dest``
    that the source does not redefine (by preferred form) are kept."""
    from . import formats

    entries = formats.load(source, source_format) if source is not None else _load(DEFAULT)
    if merge and dest.exists():
        new = {e.preferred for e in entries}
        entries = [e for e in formats.load(dest, dest_format) if e.preferred not in new] + list(entries)
    formats.save(dest, entries, dest_format)
    out.write(f"wrote {len(entries)} entries to {dest}\n")
    return 0


# --- stats ------------------------------------------------------------------------------------------


def stats(documents, resources, *, out: TextIO, fmt: str, show_unused: int) -> int:
    """How often each entry fired over a corpus: correct uses of its forms, forbidden forms, and
    inferred wrong forms (transliterations, near misses), and which entries never fired."""
    from ..checks._candidates import name_candidates
    from ..checks.base import Context

    glossary: Glossary = resources.glossary
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    by_id = {id(e): e for e in glossary.entries}
    words = 0
    ndocs = 0
    translit, near = resources.transliteration_index, resources.near_miss_index
    for doc in documents:
        ndocs += 1
        words += len(re.findall(r"\w+", doc.text))
        for m in resources.glossary_matcher.finditer(doc.text):
            counts[id(m.hit.entry)]["forbidden" if m.hit.forbidden else "correct"] += 1
        ctx = Context(doc, resources)
        for _, _, token in name_candidates(ctx):
            hit = translit.lookup(token)
            if hit is not None:
                counts[id(hit.entry)]["transliterated"] += 1
                continue
            miss = near.lookup(token) if not token.isupper() else None
            if miss is not None:
                counts[id(miss.entry)]["near-miss"] += 1
    fired = [(by_id[i], c) for i, c in counts.items()]
    fired.sort(key=lambda ec: (-sum(ec[1].values()), ec[0].sort_key))
    unused = sorted((e for e in glossary.entries if id(e) not in counts), key=lambda e: e.sort_key)
    kinds = ("correct", "forbidden", "transliterated", "near-miss")
    if fmt == "json":
        json.dump({
            "documents": ndocs, "words": words, "entries": len(glossary.entries),
            "fired": [{"preferred": e.preferred, "origin": e.origin, **{k: c[k] for k in kinds}} for e, c in fired],
            "never_fired": [e.preferred for e in unused],
        }, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    out.write(f"{ndocs} document(s), {words} words; {len(glossary.entries)} entries, "
              f"{len(fired)} fired, {len(unused)} never fired\n\n")
    out.write(f"{'preferred':30} {'correct':>8} {'forbidden':>9} {'translit':>8} {'near':>5}\n")
    for e, c in fired:
        out.write(f"{e.preferred[:30]:30} {c['correct']:8d} {c['forbidden']:9d} {c['transliterated']:8d} {c['near-miss']:5d}\n")
    if unused:
        shown = unused if show_unused < 0 else unused[:show_unused]
        out.write(f"\nnever fired ({len(unused)}): " + ", ".join(e.preferred for e in shown)
                  + (" …" if len(shown) < len(unused) else "") + "\n")
    return 0


# --- suggest ----------------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![\w'’-])[A-Z]{2,6}(?![\w'’-])")
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+(?:[ \-'’ʼ][\u0400-\u04ff]+){0,3}")


def suggest(documents, resources, *, out: TextIO, limit: int, min_count: int) -> int:
    """Mine candidates for review, as glossary rows ready to edit: unknown acronyms that look
    transliterated, names spelled several ways, Cyrillic words left in the text. Ranked by count;
    each row has a comment with the count, the kind and a context line."""
    from ..checks.base import Context
    from ..checks.name_consistency import same, spelling_groups
    from .derive import skeleton

    glossary: Glossary = resources.glossary
    vocab = resources.vocabulary
    known = vocab.common if vocab is not None else frozenset()
    acronyms: Counter[str] = Counter()
    cyrillic: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    context: dict[str, str] = {}

    def remember(key: str, text: str, start: int, end: int) -> None:
        if key not in context:
            a = text.rfind("\n", 0, start) + 1
            b = text.find("\n", end)
            line = text[a: b if b != -1 else len(text)].strip()
            i = start - a
            context[key] = (("…" if i > 60 else "") + line[max(0, i - 60): i + 80]).replace("\t", " ")

    for doc in documents:
        text = doc.text
        for m in _ACRONYM.finditer(text):
            w = m.group()
            if glossary.lookup(w) is None and w.lower() not in known:
                acronyms[w] += 1
                remember("A:" + w, text, m.start(), m.end())
        for m in _CYRILLIC_RUN.finditer(text):
            w = m.group()
            if glossary.source_lookup(w) is None:
                cyrillic[w] += 1
                remember("C:" + w, text, m.start(), m.end())
        for key, occ in spelling_groups(Context(doc, resources)).items():
            for a, b, s in occ:
                spellings[key][s] += 1
                remember("N:" + s, text, a, b)

    rows: list[tuple[int, str, list[str], str]] = []  # (count, comment, cells, sort key)
    for w, n in acronyms.items():
        hit = resources.transliteration_index.lookup(w)
        if n < min_count or hit is not None:
            continue  # a known concept's transliteration is reported by the checks already
        rows.append((n, f"unknown acronym, {n}x: {context['A:' + w]}", [w, "acronym", "", "", ""], w))
    for w, n in cyrillic.items():
        if n < min_count:
            continue
        lang = "uk" if re.search("[іїєґІЇЄҐ]", w) else "ru" if re.search("[ыэъёЫЭЪЁ]", w) else "uk"
        cells = ["TODO " + skeleton(w), "term", "", "", w if lang == "uk" else ""]
        if lang == "ru":
            cells.append(w)
        rows.append((n, f"Cyrillic left in the text, {n}x: {context['C:' + w]}", cells, w))
    for counter in spellings.values():
        if len({same(s) for s in counter}) < 2 or sum(counter.values()) < min_count:
            continue
        ranked = counter.most_common()
        best = ranked[0][0]
        others = " | ".join(s for s, _ in ranked[1:] if glossary.lookup(s) is None)
        if glossary.lookup(best) is not None or not others:
            continue
        total = sum(counter.values())
        detail = ", ".join(f"{s} {n}x" for s, n in ranked)
        rows.append((total, f"one name spelled several ways ({detail}): {context['N:' + best]}",
                     [best, "person", "", others, ""], best))
    rows.sort(key=lambda r: (-r[0], r[3]))
    out.write("# tqcheck glossary suggestions: review, edit, then add the rows to a glossary\n")
    out.write("preferred\ttype\taccepted\tforbidden\tuk\tru\tcase\tnote\n")
    for _, comment, cells, _ in rows[:limit]:
        cells = (cells + ["", ""])[:6] + ["sensitive", ""]
        out.write(f"# {comment}\n" + "\t".join(cells) + "\n")
    return 0
