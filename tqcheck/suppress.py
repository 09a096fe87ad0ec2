"""Inline suppressions: directives in the checked text that silence findings where a person decided.

Syntax
    A directive is an HTML comment, in every format::

        <!-- tqcheck: ignore TQ201 -->
        <!-- tqcheck: ignore TQ201, TQ401 -->
        <!-- tqcheck: ignore -->                    every code

    or, in plain text only (format ``text``; in Markdown ``#`` starts a heading), a ``#`` comment alone
    on its line or at the end of a line after white space::

        # tqcheck: ignore TQ201
        Kyiv Post reported «вибухи» overnight.  # tqcheck: ignore leftover-script

    The marker ``tqcheck:`` is written in lower case; verbs and codes are case-insensitive. Codes are
    separated by commas and/or spaces; each is a code (``TQ201``), a prefix (``TQ2``) or a check name
    (``leftover-script``). A comment must open and close on one line.

Scope
    - ``ignore [CODES]`` sharing its line with other text: that line.
    - ``ignore [CODES]`` alone on its line: the next non-blank line (blank lines and lines holding only
      directives are skipped, so directives can be stacked above a line).
    - ``ignore-file [CODES]``: the whole document, wherever it stands.
    - ``disable [CODES]`` ... ``enable [CODES]``: from the ``disable`` to the ``enable`` (to the end of
      the text when never enabled). ``enable`` with no codes ends every open region; with codes, it
      ends the regions of those codes only, named as they were in the ``disable``.

    No codes means every code. A finding is suppressed when its *start* lies in the directive's range
    and its code starts with one of the directive's codes (a name stands for its code).

Unused and malformed directives
    ``apply`` reports every directive, or code of a directive, that suppressed nothing, as ruff's
    RUF100 does for ``# noqa``: a suppression left behind after the text was fixed would silence the
    next real problem on that line. It only does so for codes whose checks all ran (``ran(code)``; for
    a prefix, every registered check under it): a directive for a check that was not selected, or
    that reports later (a corpus check), may well be needed in a full run, and telling the user to
    delete it would be wrong. A blanket directive (no codes) is judged by the checks that ran: it is
    unused when it suppressed none of their findings, as ruff's unused blanket ``noqa`` is; name the
    codes to keep a directive safe from partial runs. ``Unused.removable`` says when deleting the
    directive is certainly right, so a fix may do it: every code of it unused, or for a blanket one,
    every registered document check ran. Malformed directives (an unknown verb, an unknown code, an
    ``enable`` with nothing to end, an unclosed comment) are reported too, never removable. The engine
    turns all of them into findings of TQ901 (unused-suppression).

    A directive with some unknown codes still applies for its known ones; one whose codes are all
    unknown applies to nothing (it must not turn into a blanket ``ignore``).

Decisions
    - The directive's own text is not checked (``spans`` gives it to ``Document.ignored``): the comment
      is not markup residue, and ``leftover-script`` in it is a code, not a word.
    - In Markdown, a directive inside inline code or a fenced block is an example, not a directive
      (documentation about tqcheck must be checkable with tqcheck).
    - Fast path: ``parse`` returns the empty result after one substring test unless ``tqcheck:`` is
      in the text; it runs on every document and almost none has a directive.
    - Offsets are into the text given to ``parse`` (the checked text), like findings' before
      they are mapped to an original file.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .model import Finding

MARKER = "tqcheck:"
VERBS = ("ignore", "ignore-file", "disable", "enable")

_HTML = re.compile(r"<!--[ \t]*tqcheck:(?P<body>[^\n]*?)-->")
_HTML_OPEN = re.compile(r"<!--[ \t]*tqcheck:[^\n]*")
_HASH = re.compile(r"(?:^|(?<=[ \t]))#[ \t]*tqcheck:(?P<body>[^\n]*)", re.MULTILINE)
_SPLIT = re.compile(r"[,\s]+")


@dataclass(frozen=True)
class Directive:
    """One directive (or, for a ``disable`` ended code by code, one part of it).

    ``start``/``end``: the directive's own text; ``line``: its 1-based line; ``kind``: the verb;
    ``codes``: upper-cased codes or prefixes (names already turned into codes), empty for every code;
    ``applies_start``/``applies_end``: the half-open range of text whose findings it suppresses."""

    start: int
    end: int
    line: int
    kind: str
    codes: tuple[str, ...]
    applies_start: int
    applies_end: int


class Problem(NamedTuple):
    """A malformed directive: its span, what is wrong, its 1-based line."""

    start: int
    end: int
    message: str
    line: int


@dataclass(frozen=True)
class Directives:
    directives: tuple[Directive, ...] = ()
    problems: tuple[Problem, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.directives or self.problems)


@dataclass(frozen=True)
class Unused:
    """A directive, or some of its codes, that suppressed nothing; or a malformed directive (then
    ``codes`` is empty and ``message`` says what is wrong). ``removable``: the whole directive is
    unused for certain, so deleting ``[start, end)`` is a safe fix."""

    start: int
    end: int
    line: int
    codes: tuple[str, ...]
    message: str
    removable: bool = False


EMPTY = Directives()


@functools.lru_cache(maxsize=1)
def _registry() -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """Registered codes, check name -> code, and the codes of document (not corpus) checks; fixed
    for the life of the process."""
    from .registry import all_checks

    checks = all_checks()
    return (
        tuple(c.code for c in checks),
        {c.name: c.code for c in checks},
        tuple(c.code for c in checks if c.scope == "document"),
    )


def _resolve(token: str) -> str | None:
    """A directive's code token as a code or prefix, or None when it names no check."""
    codes, names, _ = _registry()
    by_name = names.get(token.lower())
    if by_name:
        return by_name
    code = token.upper()
    return code if any(c.startswith(code) for c in codes) else None


class _Raw(NamedTuple):
    start: int
    end: int
    body: str


class _Region(NamedTuple):
    """An open ``disable``: the directive, its line, the codes not yet ended, whether it is blanket."""

    raw: _Raw
    line: int
    codes: list[str]
    blanket: bool


def parse(text: str, fmt: str) -> Directives:
    """The directives of ``text`` (a document of format ``fmt``), with their ranges, and the problems
    of malformed ones."""
    if MARKER not in text:
        return EMPTY
    raws = [_Raw(m.start(), m.end(), m.group("body")) for m in _HTML.finditer(text)]
    problems: list[tuple[int, int, str]] = []
    taken = [(r.start, r.end) for r in raws]
    for m in _HTML_OPEN.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            problems.append((m.start(), m.end(), "unclosed comment: a directive must end with '-->' on its line"))
    if fmt == "text":
        for m in _HASH.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                body = m.group("body").rstrip()
                raws.append(_Raw(m.start(), m.start("body") + len(body), body))
    if fmt == "markdown":  # a directive in inline code or a fenced block is an example
        from .loader import ignored_regions

        code = ignored_regions(text, fmt)
        raws = [r for r in raws if not _inside(r.start, code)]
        problems = [p for p in problems if not _inside(p[0], code)]
    raws.sort()

    starts = _line_starts(text)
    # lines holding nothing but directives: an 'ignore' alone on its line skips them
    directive_lines = {
        n for n in {_line_of(starts, r.start) for r in raws} if _alone(text, raws, *_line_span(text, starts, n))
    }
    directives: list[Directive] = []
    open_regions: list[_Region] = []

    def close(region: _Region, codes: Sequence[str], end: int) -> None:
        raw = region.raw
        directives.append(Directive(raw.start, raw.end, region.line, "disable", tuple(codes), raw.end, end))

    for raw in raws:
        line = _line_of(starts, raw.start)
        words = [w for w in _SPLIT.split(raw.body.strip()) if w]
        if not words:
            problems.append((raw.start, raw.end, f"no verb after 'tqcheck:' (use {', '.join(VERBS)})"))
            continue
        verb = words[0].lower()
        if verb not in VERBS:
            problems.append((raw.start, raw.end, f"unknown directive {words[0]!r} (use {', '.join(VERBS)})"))
            continue
        codes: list[str] = []
        for token in words[1:]:
            code = _resolve(token)
            if code is None:
                problems.append((raw.start, raw.end, f"unknown check code or name {token!r} in directive"))
            elif code not in codes:
                codes.append(code)
        if words[1:] and not codes:
            continue  # every code unknown: suppress nothing rather than everything
        if verb == "ignore-file":
            directives.append(Directive(raw.start, raw.end, line, verb, tuple(codes), 0, len(text)))
        elif verb == "ignore":
            a, b = _line_span(text, starts, line)
            if line in directive_lines:
                a, b = _next_line(text, starts, line, directive_lines)
            directives.append(Directive(raw.start, raw.end, line, verb, tuple(codes), a, b))
        elif verb == "disable":
            open_regions.append(_Region(raw, line, list(codes), not codes))
        else:  # enable
            if not open_regions:
                problems.append((raw.start, raw.end, "'enable' without an earlier 'disable'"))
                continue
            if not codes:
                for region in open_regions:
                    close(region, region.codes, raw.start)
                open_regions = []
                continue
            for code in codes:
                matched = False
                for region in open_regions:
                    if code in region.codes:
                        region.codes.remove(code)
                        close(region, (code,), raw.start)
                        matched = True
                if not matched:
                    problems.append((raw.start, raw.end, (f"'enable {code}' without an earlier 'disable {code}' "
                                     "(a blanket 'disable' ends at a blanket 'enable')")))
            # a blanket 'disable' stays open until a blanket 'enable'; one whose codes all ended is done
            open_regions = [r for r in open_regions if r.codes or r.blanket]
    for region in open_regions:
        close(region, region.codes, len(text))
    directives.sort(key=lambda d: (d.start, d.applies_end))
    problems.sort()
    return Directives(
        tuple(directives),
        tuple(Problem(s, e, msg, _line_of(starts, s)) for s, e, msg in dict.fromkeys(problems)),
    )


def _inside(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _line_span(text: str, starts: list[int], line: int) -> tuple[int, int]:
    a = starts[line - 1]
    b = starts[line] - 1 if line < len(starts) else len(text)
    if b > a and text[b - 1] == "\r":
        b -= 1
    return a, b


def _alone(text: str, raws: Sequence[_Raw], a: int, b: int) -> bool:
    """Whether the line ``[a, b)`` holds nothing but directives and white space."""
    rest = text[a:b]
    for other in raws:
        if a <= other.start < b:
            rest = rest.replace(text[other.start:other.end], "", 1)
    return not rest.strip()


def _next_line(text: str, starts: list[int], line: int, directive_lines: set[int]) -> tuple[int, int]:
    for n in range(line + 1, len(starts) + 1):
        a, b = _line_span(text, starts, n)
        if text[a:b].strip() and n not in directive_lines:
            return a, b
    return len(text), len(text)  # nothing follows: the directive can only be unused


def spans(directives: Directives) -> tuple[tuple[int, int], ...]:
    """The directives' own text spans (malformed ones included), sorted, without repeats: the engine
    adds them to ``Document.ignored`` so no check reads the comments."""
    found = {(d.start, d.end) for d in directives.directives} | {(p.start, p.end) for p in directives.problems}
    return tuple(sorted(found))


def apply(
    findings: Sequence[Finding], directives: Directives, *, ran: Callable[[str], bool]
) -> tuple[list[Finding], list[Unused]]:
    """The findings no directive suppresses (in their order), and the unused or malformed directives
    (in text order). ``ran(code)`` says whether the check with that code ran on this document."""
    if not directives:
        return list(findings), []
    items = directives.directives
    used: list[set[str]] = [set() for _ in items]  # per directive: the codes that suppressed something
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for i, d in enumerate(items):
            if d.applies_start <= f.start < d.applies_end:
                if not d.codes:
                    used[i].add("")
                    hit = True
                else:
                    for code in d.codes:
                        if f.code.startswith(code):
                            used[i].add(code)
                            hit = True
        if not hit:
            kept.append(f)

    registered, _, document_checks = _registry()

    def all_ran(prefix: str) -> bool:
        under = [c for c in registered if c.startswith(prefix)]
        return bool(under) and all(ran(c) for c in under)

    # one report per directive text (a disable ended code by code is several Directive parts)
    named: dict[tuple[int, int], list[str]] = {}  # every code of the directive
    unused: dict[tuple[int, int], tuple[int, list[str]]] = {}
    blanket: dict[tuple[int, int], tuple[int, str]] = {}
    for d, hits in zip(items, used):
        key = (d.start, d.end)
        if not d.codes:
            if not hits and any(ran(c) for c in registered):
                blanket[key] = (d.line, d.kind)
            continue
        named.setdefault(key, []).extend(d.codes)
        for code in d.codes:
            if code not in hits and all_ran(code):
                unused.setdefault(key, (d.line, []))[1].append(code)
    everything_ran = all(ran(c) for c in document_checks)
    malformed = {(p.start, p.end) for p in directives.problems}  # a typo may hide a needed code
    out = [
        Unused(s, e, line, tuple(codes), f"unused suppression: no {' or '.join(codes)} finding here to suppress",
               removable=len(codes) == len(named[s, e]) and (s, e) not in malformed)
        for (s, e), (line, codes) in unused.items()
    ]
    out += [
        Unused(s, e, line, (), f"unused suppression: '{kind}' has no finding here to suppress",
               removable=everything_ran and (s, e) not in malformed)
        for (s, e), (line, kind) in blanket.items()
    ]
    out += [Unused(p.start, p.end, p.line, (), f"malformed suppression: {p.message}") for p in directives.problems]
    out.sort(key=lambda u: (u.start, u.end, u.message))
    return kept, out
