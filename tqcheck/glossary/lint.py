"""Glossary lint: the problems that make a glossary wrong or surprising, as codespell checks its lists.

Each problem is ``origin: [kind] message`` where origin is the entry's ``file:line``. Kinds:

- ``duplicate``: two entries with the same preferred form, or one form listed twice in one entry
- ``conflict``: a form forbidden in one entry and accepted (or preferred) in another, or one form
  accepted by two concepts (the glossary cannot say which is meant)
- ``cycle``: replacements that loop (A → B in one entry, B → A in another, or longer)
- ``shadowed``: an entry of an earlier file whose forms a later file redefines (the later one wins)
- ``language``: a source-language column that is not an ISO 639-1 code
- ``empty``: an empty value in a list, an empty reason after ``=``
- ``order``: an entry out of sorted order (by preferred form, case-insensitively)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import Entry

_DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, order=True)
class Problem:
    origin: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: [{self.kind}] {self.message}"


def iso639_1() -> frozenset[str]:
    text = (_DATA / "iso639-1.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def lint(layers: Sequence[Sequence[Entry]]) -> list[Problem]:
    """Problems of the glossary made of ``layers`` (files, in the order they are loaded)."""
    problems: list[Problem] = []
    codes = iso639_1()
    for entries in layers:
        problems += _lint_file(entries, codes)
    problems += _lint_across(layers)
    return sorted(set(problems), key=lambda p: (_origin_key(p.origin), p.kind, p.message))


def _origin_key(origin: str) -> tuple[str, int]:
    name, _, line = origin.rpartition(":")
    return (name, int(line)) if line.isdigit() else (origin, 0)


def _lint_file(entries: Sequence[Entry], codes: frozenset[str]) -> list[Problem]:
    out: list[Problem] = []
    by_preferred: dict[str, Entry] = {}
    # form (casefolded for case-insensitive entries) -> [(entry, role)]
    roles: dict[str, list[tuple[Entry, str]]] = {}
    previous: Entry | None = None
    for e in entries:
        p = e.origin
        if e.preferred in by_preferred:
            out.append(Problem(p, "duplicate", f"'{e.preferred}' is also the preferred form at {by_preferred[e.preferred].origin}"))
        else:
            by_preferred[e.preferred] = e
        if previous is not None and e.sort_key < previous.sort_key:
            out.append(Problem(p, "order", f"'{e.preferred}' should come before '{previous.preferred}'"))
        previous = e
        seen: set[str] = set()
        listed = [(f, "accepted") for f in e.target_forms] + [(f, "forbidden") for f, _ in e.forbidden]
        for form, role in listed:
            if not form.strip():
                out.append(Problem(p, "empty", f"an empty {role} form in '{e.preferred}'"))
                continue
            key = form if e.case_sensitive else form.casefold()
            if key in seen:
                out.append(Problem(p, "duplicate", f"'{form}' is listed twice in '{e.preferred}'"))
            seen.add(key)
            roles.setdefault(form.casefold(), []).append((e, role))
        for form, reason in e.forbidden:
            if reason == "" and " = " in form:
                out.append(Problem(p, "empty", f"forbidden '{form}' has an empty reason"))
        for lang, forms in e.sources:
            if lang.split("-")[0] not in codes:
                out.append(Problem(p, "language", f"'{lang}' is not an ISO 639-1 language code"))
            if any(not f.strip() for f in forms):
                out.append(Problem(p, "empty", f"an empty {lang} form in '{e.preferred}'"))
    for form, users in roles.items():
        concepts = {id(e) for e, _ in users}
        if len(concepts) < 2:
            continue
        forbidden = [(e, r) for e, r in users if r == "forbidden"]
        accepted = [(e, r) for e, r in users if r == "accepted"]
        if forbidden and accepted:
            (fe, _), (ae, _) = forbidden[0], accepted[0]
            if fe is not ae:
                out.append(Problem(fe.origin, "conflict",
                                   f"'{form}' is forbidden here but accepted in '{ae.preferred}' ({ae.origin})"))
        elif len({id(e) for e, _ in accepted}) > 1:
            first, second = accepted[0][0], next(e for e, _ in accepted if e is not accepted[0][0])
            out.append(Problem(second.origin, "conflict",
                               f"'{form}' is accepted for two concepts: here and '{first.preferred}' ({first.origin})"))
        elif len({id(e) for e, _ in forbidden}) > 1:
            first, second = forbidden[0][0], next(e for e, _ in forbidden if e is not forbidden[0][0])
            out.append(Problem(second.origin, "conflict",
                               f"'{form}' is forbidden in two concepts: here and '{first.preferred}' ({first.origin})"))
    out += _cycles(entries)
    return out


def _cycles(entries: Sequence[Entry]) -> list[Problem]:
    """A forbidden form is replaced by its entry's preferred form; follow the replacements. Forms of
    case-sensitive entries are compared exactly ("UkrInform" → "Ukrinform" is no loop)."""
    exact: dict[str, Entry] = {}
    folded: dict[str, Entry] = {}
    for e in entries:
        for f, _ in e.forbidden:
            if e.case_sensitive:
                exact[f] = e
            else:
                folded[f.casefold()] = e

    def node(form: str) -> str | None:
        if form in exact:
            return form
        return "~" + form.casefold() if form.casefold() in folded else None

    def entry(n: str) -> Entry:
        return folded[n[1:]] if n.startswith("~") else exact[n]

    out = []
    reported: set[frozenset[str]] = set()
    for start in [*exact, *("~" + f for f in folded)]:
        path = [start]
        cur = node(entry(start).preferred)
        while cur is not None and cur not in path and len(path) < 50:
            path.append(cur)
            cur = node(entry(cur).preferred)
        if cur == start and frozenset(path) not in reported:
            reported.add(frozenset(path))
            chain = " → ".join(n.lstrip("~") for n in [*path, start])
            out.append(Problem(entry(start).origin, "cycle", f"replacements loop: {chain}"))
    return out


def _lint_across(layers: Sequence[Sequence[Entry]]) -> list[Problem]:
    out = []
    owner: dict[str, Entry] = {}
    for entries in layers:
        mine: dict[str, Entry] = {}
        for e in entries:
            for form in (*e.target_forms, *(f for f, _ in e.forbidden)):
                key = form.casefold()
                earlier = owner.get(key)
                if earlier is not None and earlier.origin.rpartition(":")[0] != e.origin.rpartition(":")[0]:
                    out.append(Problem(earlier.origin, "shadowed",
                                       f"'{form}' of '{earlier.preferred}' is redefined by '{e.preferred}' ({e.origin})"))
                mine[key] = e
        owner.update(mine)
    return out
