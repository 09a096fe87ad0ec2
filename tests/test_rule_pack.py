"""The default rule pack is data: lint it and run every rule's own examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.errors import ConfigError
from tqcheck.resources import DATA
from tqcheck.rules import RuleSet, load_pack

RULES = load_pack(DATA / "rules" / "default.toml")


def _matches(rule, line: str) -> bool:
    return any(True for _ in RuleSet([rule]).find(line, [(0, len(line))]))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule):
    assert rule.flags, f"{rule.id} has no example to flag"
    assert rule.passes, f"{rule.id} has no example to pass"
    for line in rule.flags:
        assert _matches(rule, line), f"{rule.id} does not match {line!r}"
    for line in rule.passes:
        assert not _matches(rule, line), f"{rule.id} wrongly matches {line!r}"


def test_ids_unique_and_both_checks_present():
    assert len({r.id for r in RULES}) == len(RULES)
    assert {r.check for r in RULES} == {"TQ101", "TQ102"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rule]]\nid = "x"\npattern = "("\nmessage = "m"\n', "bad pattern"),
        ('[[rule]]\nid = "x"\npattern = "a"\nmessage = "m"\ncolour = 1\n', "unknown field"),
        ('[[rule]]\nid = "Bad Id"\npattern = "a"\nmessage = "m"\n', "kebab-case"),
        ('[[rule]]\nid = "x"\npattern = "a*"\nmessage = "m"\n', "empty string"),
        ('[[rule]]\nid = "x"\npattern = "a"\n', "'message' is required"),
        ('[[rule]]\nid = "x"\npattern = "a"\nmessage = "m"\n[[rule]]\nid = "x"\npattern = "b"\nmessage = "m"\n', "duplicate id"),
        ("[[rule]\n", "pack.toml"),
    ],
)
def test_bad_user_pack(tmp_path: Path, body: str, message: str):
    pack = tmp_path / "pack.toml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_pack(pack)
    assert str(pack) in str(info.value)
    assert "\n" not in str(info.value)
