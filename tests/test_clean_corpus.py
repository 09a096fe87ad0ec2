"""Precision on human-written text: the clean corpus produces no findings at all."""

from __future__ import annotations

import pytest

from .conftest import CORPORA, check_text

CLEAN = sorted((CORPORA / "clean").glob("*.txt"))


def test_clean_corpus_is_there():
    assert len(CLEAN) >= 8
    assert sum(p.stat().st_size for p in CLEAN) > 50_000


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_file_has_no_findings(path, resources, all_checks):
    found = check_text(path.read_text(encoding="utf-8"), resources, all_checks, path=path.name)
    assert not found, "\n".join(f"{f.line}:{f.column} {f.code} {f.text!r} {f.message}" for f in found)
