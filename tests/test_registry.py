"""Meta-tests over the registry: every check declares what it must and carries examples that hold."""

from __future__ import annotations

import importlib
import re

import pytest

from tqcheck import registry
from tqcheck.checks.base import Check
from tqcheck.errors import ConfigError
from tqcheck.model import Category, Layer, Severity

from .conftest import check_text

CHECKS = registry.all_checks()


def test_registry_finds_checks():
    assert len(CHECKS) >= 10
    assert [c.code for c in CHECKS] == sorted(c.code for c in CHECKS)


def test_one_check_per_module():
    for name in registry.check_modules():
        module = importlib.import_module(name)
        defined = {v for v in vars(module).values()
                   if isinstance(v, type) and issubclass(v, Check) and v is not Check and v.__module__ == name}
        assert defined == {module.CHECK}, f"{name} must define exactly one check, bound to CHECK"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_declaration(check):
    assert re.fullmatch(r"TQ\d{3}", check.code)
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", check.name)
    assert isinstance(check.severity, Severity)
    assert isinstance(check.category, Category)
    assert isinstance(check.layer, Layer)
    assert check.layer not in check.masks, "a check must not mask its own layer"
    doc = check.doc()
    assert check.title() and len(check.title()) < 100
    for section in ("What it does:", "Why:", "Example:"):
        assert section in doc, f"{check.code} docstring lacks {section!r}"
    assert check.flags and check.passes, "every check carries examples it must flag and must pass"


@pytest.mark.parametrize(
    ("check", "example"), [(c, e) for c in CHECKS for e in c.flags], ids=lambda v: getattr(v, "code", "")
)
def test_flag_examples(check, example, resources, tmp_path, monkeypatch):
    if "argos" in getattr(check, "requires", ()):
        # a check that needs an offline translation model gets the tiny trained one of the tests
        from tqcheck.mt import argos

        if not argos.extra_installed():
            pytest.skip("needs the mt extra (argostranslate)")
        from . import argos_fixture

        for key, value in argos_fixture.argos_env(tmp_path).items():
            monkeypatch.setenv(key, value)
        argos_fixture.install_toy(tmp_path / "packages", from_code="uk")
    found = check_text(example, resources, [check()])
    assert any(f.code == check.code for f in found), f"{check.code} missed {example!r}"


@pytest.mark.parametrize(
    ("check", "example"), [(c, e) for c in CHECKS for e in c.passes], ids=lambda v: getattr(v, "code", "")
)
def test_pass_examples(check, example, resources):
    found = check_text(example, resources, [check()])
    assert not found, f"{check.code} wrongly flagged {example!r}: {[f.message for f in found]}"


def test_codes_and_names_unique():
    assert len({c.code for c in CHECKS}) == len(CHECKS)
    assert len({c.name for c in CHECKS}) == len(CHECKS)


def test_selection_longest_prefix_wins():
    codes = lambda sel, ign: [c.code for c in registry.select(CHECKS, select=sel, ignore=ign)]  # noqa: E731
    assert codes(["TQ1"], []) == [c.code for c in CHECKS if c.code.startswith("TQ1")]
    assert "TQ101" not in codes([], ["TQ1"])
    assert codes(["TQ101"], ["TQ1"]) == ["TQ101"]  # the longer prefix wins
    assert codes(["ALL"], []) == [c.code for c in CHECKS]
    with pytest.raises(ConfigError, match="unknown check code"):
        registry.select(CHECKS, select=["TQ999"])


def test_find_by_code_or_name():
    assert registry.find("tq101").code == "TQ101"
    assert registry.find("mt-notice").code == "TQ101"
    assert registry.find("TQ999") is None
