"""Pattern rule packs: data-driven rules for notices (TQ101) and boilerplate (TQ102).

A pack is a TOML file of ``[[rule]]`` tables; the default pack ships in ``tqcheck/data/rules/`` and users
add theirs with ``--rules FILE``. Rules are data so that a newsroom can add its aggregator's promo line
without touching code, and so that every rule carries its own examples, which the tests run (as
proselint does for its checks).

Fields of a rule:

``id``        unique, kebab-case
``check``     the check that reports it: ``TQ101`` (machine-translation notice) or ``TQ102`` (default)
``kind``      free label shown in the message: caption, navigation, tags, promo, notice, ...
``pattern``   a Python regular expression, searched in each line
``scope``     ``line`` (default): the whole line is the artefact and the fix deletes it; ``match``:
              only the matched text is, and the fix deletes that
``ignore_case``  default true
``max_line``  ``line`` scope only: lines longer than this many characters are not boilerplate (240)
``message``   what is wrong, for the reader
``flags``     example lines the rule must match; ``passes`` lines it must not
``requires``  optional keywords (matched case-insensitively, as plain text): the rule is tried only on
              lines holding one of them. A rule whose pattern is not anchored with ``^`` should have
              them: searching every line with it costs far more than the whole rest of the pack.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .tomlcompat import load_toml

_FIELDS = {"id", "check", "kind", "pattern", "scope", "ignore_case", "max_line", "message", "flags", "passes",
           "requires"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    kind: str
    pattern: re.Pattern[str]
    scope: str
    max_line: int
    message: str
    flags: tuple[str, ...]
    passes: tuple[str, ...]
    origin: str
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    start: int
    end: int


class RuleSet:
    """The rules of one check, applied to the lines of a text.

    Searching every line with every rule is what makes rule packs slow (a pattern such as
    ``\\bsubscribe`` is tried at each position of each line), so rules run three ways:
    rules anchored with ``^`` are joined into one pattern matched once at each line start; rules with
    ``requires`` keywords run only on the lines where a keyword occurs (found with ``str.find`` in the
    lowercased text); other rules search every line.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._index = {id(r): i for i, r in enumerate(self.rules)}
        anchored = [r for r in rules if r.scope == "line" and r.pattern.pattern.startswith("^") and not r.requires]
        self._joined: re.Pattern[str] | None = None
        self._joined_rules: list[Rule] = []
        if anchored:
            try:
                self._joined = re.compile(
                    "|".join(
                        f"(?P<r{i}>(?{'i' if r.pattern.flags & re.IGNORECASE else ''}m:{r.pattern.pattern}))"
                        for i, r in enumerate(anchored)
                    )
                )
                self._joined_rules = anchored
            except re.error:  # a user pattern with global flags or backreferences: run it on its own
                self._joined = None
        joined = set(map(id, self._joined_rules))
        self._keyword = [r for r in rules if r.requires]
        self._plain = [r for r in rules if id(r) not in joined and not r.requires]
        self._max_joined = max((r.max_line for r in self._joined_rules), default=0)

    def find(self, text: str, lines: Sequence[tuple[int, int]]) -> Iterator[RuleMatch]:
        """Matches in line order: per line at most one ``line``-scope match (the line is reported
        once, by the first rule of the pack that matches it), then its ``match``-scope matches."""
        whole: dict[int, RuleMatch] = {}
        parts: dict[int, list[RuleMatch]] = {}

        def offer(i: int, rule: Rule, s: int, e: int) -> None:
            a, b = lines[i]
            if rule.scope == "line":
                if b - a > rule.max_line:
                    return
                old = whole.get(i)
                if old is None or self._index[id(rule)] < self._index[id(old.rule)]:
                    whole[i] = RuleMatch(rule, a, b)
            else:
                parts.setdefault(i, []).append(RuleMatch(rule, s, e))

        if self._joined is not None:
            joined, rules_ = self._joined, self._joined_rules
            for i, (a, b) in enumerate(lines):
                if a == b or b - a > self._max_joined:
                    continue
                m = joined.match(text, a, b)
                if m is None:
                    continue
                rule = rules_[int(m.lastgroup[1:])]  # type: ignore[index]
                if b - a <= rule.max_line:
                    offer(i, rule, a, b)
                else:  # the first rule allows shorter lines only: ask the others one by one
                    for r in rules_:
                        if b - a <= r.max_line and r.pattern.match(text, a, b):
                            offer(i, r, a, b)
                            break
        if self._keyword:
            starts = [a for a, _ in lines]
            lowered = text.lower()
            if len(lowered) != len(text):
                lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
            for rule in self._keyword:
                candidates: set[int] = set()
                for key in rule.requires:
                    at = lowered.find(key)
                    while at != -1:
                        candidates.add(bisect.bisect_right(starts, at) - 1)
                        at = lowered.find(key, at + 1)
                for i in sorted(candidates):
                    self._search(rule, text, i, lines[i], offer)
        for rule in self._plain:
            for i, span in enumerate(lines):
                self._search(rule, text, i, span, offer)
        for i in sorted(set(whole) | set(parts)):
            if i in whole:
                yield whole[i]
            yield from sorted(parts.get(i, ()), key=lambda m: (m.start, m.end))

    @staticmethod
    def _search(rule: Rule, text: str, i: int, span: tuple[int, int], offer) -> None:
        a, b = span
        if a == b:
            return
        if rule.scope == "line":
            if b - a <= rule.max_line and rule.pattern.search(text, a, b):
                offer(i, rule, a, b)
        else:
            for m in rule.pattern.finditer(text, a, b):
                if m.end() > m.start():
                    offer(i, rule, m.start(), m.end())


def load_pack(path: Path, *, origin: str | None = None) -> list[Rule]:
    """Parse one pack; any problem is a ConfigError naming the file and the rule."""
    name = origin or str(path)
    data = load_toml(path)
    raw = data.get("rule", [])
    if set(data) - {"rule"} or not isinstance(raw, list):
        raise ConfigError(f"{name}: a rule pack holds only [[rule]] tables")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        where = f"{name}: rule {i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: not a table")
        unknown = set(item) - _FIELDS
        if unknown:
            raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        rid = item.get("id")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise ConfigError(f"{where}: 'id' must be kebab-case text")
        where = f"{name}: rule {rid!r}"
        if rid in seen:
            raise ConfigError(f"{where}: duplicate id")
        seen.add(rid)
        pattern = item.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise ConfigError(f"{where}: 'pattern' is required")
        # MULTILINE: "^" must match at the start of each line searched with pos/endpos
        flags = re.MULTILINE | (re.IGNORECASE if item.get("ignore_case", True) else 0)
        try:
            compiled = re.compile(pattern, flags)
        except re.error as exc:
            raise ConfigError(f"{where}: bad pattern: {exc}") from None
        if compiled.search(""):
            raise ConfigError(f"{where}: pattern matches the empty string")
        scope = item.get("scope", "line")
        if scope not in ("line", "match"):
            raise ConfigError(f"{where}: 'scope' must be 'line' or 'match'")
        check = item.get("check", "TQ102")
        if check not in ("TQ101", "TQ102"):
            raise ConfigError(f"{where}: 'check' must be TQ101 or TQ102")
        message = item.get("message")
        if not isinstance(message, str) or not message:
            raise ConfigError(f"{where}: 'message' is required")
        ex_flag, ex_pass = item.get("flags", []), item.get("passes", [])
        if not (isinstance(ex_flag, list) and isinstance(ex_pass, list)):
            raise ConfigError(f"{where}: 'flags' and 'passes' are lists of example lines")
        requires = item.get("requires", [])
        if not (isinstance(requires, list) and all(isinstance(k, str) and k for k in requires)):
            raise ConfigError(f"{where}: 'requires' is a list of non-empty keywords")
        rules.append(
            Rule(
                id=rid,
                check=check,
                kind=str(item.get("kind", "boilerplate")),
                pattern=compiled,
                scope=scope,
                max_line=int(item.get("max_line", 240)),
                message=message,
                flags=tuple(ex_flag),
                passes=tuple(ex_pass),
                origin=name,
                requires=tuple(k.lower() for k in requires),
            )
        )
    return rules
