"""The compiled-glossary cache changes nothing but time."""

from __future__ import annotations

from tqcheck import registry
from tqcheck.glossary import compiled
from tqcheck.resources import Resources

from .conftest import SEED, check_text


def _findings(res):
    checks = [c() for c in registry.all_checks()]
    return [(f.code, f.start, f.end, f.message, f.suggestions)
            for f in check_text(SEED.read_text(encoding="utf-8"), res, checks)]


def test_cached_and_fresh_glossaries_give_the_same_findings(tmp_path, monkeypatch):
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    fresh = _findings(Resources(cache=False))
    assert not list(tmp_path.iterdir())
    first = _findings(Resources())  # compiles and stores
    assert len(list(tmp_path.glob("glossary-*.marshal"))) == 1
    again = Resources()
    assert again.glossary._made == {}  # loaded from the cache: no entry made yet
    assert _findings(again) == first == fresh


def test_broken_or_foreign_cache_files_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    assert len(Resources().glossary) > 300  # compiles and stores
    (path,) = tmp_path.glob("glossary-*.marshal")
    path.write_bytes(b"not marshal data")
    assert len(Resources().glossary) > 300
    assert compiled.Compiled.from_bytes(b"\x00garbage") is None


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("TQCHECK_CACHE_DIR", "")
    assert compiled.cache_dir() is None
    assert len(Resources().glossary) > 300


def test_cache_key_follows_content(tmp_path):
    a = compiled.cache_key([("g.tsv", b"preferred\nKyiv\n")])
    assert a == compiled.cache_key([("g.tsv", b"preferred\nKyiv\n")])
    assert a != compiled.cache_key([("g.tsv", b"preferred\nKyiv \n")])
    assert a != compiled.cache_key([("h.tsv", b"preferred\nKyiv\n")])
