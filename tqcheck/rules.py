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
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .tomlcompat import load_toml

_FIELDS = {"id", "check", "kind", "pattern", "scope", "ignore_case", "max_line", "message", "flags", "passes"}
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


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    start: int
    end: int


class RuleSet:
    """The rules of one check, searched line by line."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._line = [r for r in rules if r.scope == "line"]
        self._match = [r for r in rules if r.scope == "match"]
        self._max_line = max((r.max_line for r in self._line), default=0)

    def search_line(self, text: str, start: int, end: int) -> Iterator[RuleMatch]:
        """Matches in ``text[start:end]`` (one line): at most one ``line``-scope match (the line is
        reported once whatever number of rules agree), then every ``match``-scope match."""
        length = end - start
        if self._line and length <= self._max_line:
            for rule in self._line:
                if length <= rule.max_line and rule.pattern.search(text, start, end):
                    yield RuleMatch(rule, start, end)
                    return
        for rule in self._match:
            for m in rule.pattern.finditer(text, start, end):
                if m.end() > m.start():
                    yield RuleMatch(rule, m.start(), m.end())


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
            )
        )
    return rules
