"""`tqcheck fix`: safe fixes only, idempotent, atomic in place."""

from __future__ import annotations

from tqcheck import engine

from .conftest import SEED, check_text, tqcheck


def _fix(text, resources, checks, unsafe=False):
    return engine.apply_fixes(text, check_text(text, resources, checks), unsafe=unsafe)


def test_seed_fixed_text(resources, all_checks):
    text = SEED.read_text(encoding="utf-8")
    fixed, applied = _fix(text, resources, all_checks)
    assert applied >= 14
    for gone in ("Photo Caption", "Photo author", "The article is in Ukrainian", "Tags:", "Google News",
                 "PREV ", "NEXT ", 'type="image/webp"', "CTAK", " AR.", "Telegram or Viber", "Kim Jong-un"):
        assert gone not in fixed, gone
    for kept in ("KCNA published a statement", "in a comment to AP.", "4 hour(s) ago", "a major Source of",
                 "Vladimir Putin and Kim Jong Un last met in 2019"):
        assert kept in fixed, kept  # unsafe fixes (plural, capital) are not applied by default
    assert "\n\n\n" not in fixed  # deleted lines leave no gaps of blank lines


def test_fix_is_idempotent(resources, all_checks):
    text = SEED.read_text(encoding="utf-8")
    for unsafe in (False, True):
        once, _ = _fix(text, resources, all_checks, unsafe)
        twice, applied = _fix(once, resources, all_checks, unsafe)
        assert twice == once and applied == 0


def test_unsafe_fixes(resources, all_checks):
    fixed, _ = _fix(SEED.read_text(encoding="utf-8"), resources, all_checks, unsafe=True)
    assert "4 hours ago" in fixed and "a major source of" in fixed


def test_overlapping_fixes_applied_once():
    from tqcheck.model import Category, Edit, Finding, Fix, Severity

    def f(s, e, rep):
        return Finding("TQ999", "x", Severity.ERROR, Category.STYLE, "m", s, e, 1, s + 1, 1, e + 1, "",
                       fix=Fix((Edit(s, e, rep),)))

    text, n = engine.apply_fixes("abcdef", [f(0, 3, "X"), f(2, 4, "Y"), f(4, 6, "Z")])
    assert (text, n) == ("XdZ", 2)


def test_fix_cli_stdout_diff_and_in_place(tmp_path):
    doc = tmp_path / "a.txt"
    original = "Officials in Kiev said so.\n\nThe article is in Ukrainian\n"
    doc.write_text(original, encoding="utf-8")
    r = tqcheck("fix", str(doc))
    assert r.returncode == 0 and r.stdout.decode() == "Officials in Kyiv said so.\n\n"
    r = tqcheck("fix", "--diff", str(doc))
    out = r.stdout.decode()
    assert f"--- a/{doc}" in out and "-Officials in Kiev said so." in out and "+Officials in Kyiv said so." in out
    assert doc.read_text(encoding="utf-8") == original  # --diff changes nothing
    r = tqcheck("fix", "--in-place", str(doc))
    assert r.returncode == 0 and "2 fix(es) applied" in r.stderr.decode()
    assert doc.read_text(encoding="utf-8") == "Officials in Kyiv said so.\n\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left behind
    r = tqcheck("fix", "--in-place", str(doc))
    assert "0 fix(es) applied" in r.stderr.decode()


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    import os

    import pytest

    from tqcheck.atomic import write_text

    target = tmp_path / "g.txt"
    target.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_text(target, "new content")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.txt"]
