"""The acceptance test of the core checker: the seed article, with the defaults."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import ROOT, SEED, check_text

GOLDEN = ROOT / "tests" / "golden" / "seed-findings.json"

# (text that must be flagged, code expected, suggestion expected or None)
MUST_FLAG = [
    ("hour(s)", "TQ104", None),
    ('type="image/webp">', "TQ103", None),
    ("Photo author", "TQ102", None),
    ("Photo Caption", "TQ102", None),
    ("Kim Jong-un", None, "Kim Jong Un"),
    ("CTAK", "TQ301", "KCNA"),
    ("AR", "TQ301", "AP"),
    ("Source", "TQ401", "source"),
    ("subscribe to our Telegram or Viber", "TQ102", None),
    ("The article is in Ukrainian", "TQ101", None),
    ("Tags:", "TQ102", None),
    ("Follow us on Google News", "TQ102", None),
    ("PREV Mobilization", "TQ102", None),
    ("NEXT Salem", "TQ102", None),
    ("ZSU", "TQ301", "AFU"),
]
MUST_PASS = [
    "BBC News", "Vladimir Putin", "Pyongyang", "Moscow", "DPRK", "UN resolutions", "John Kirby",
    "Mason Clark", "ISW", "Mohajer-6", "Shahed", "Kremlin", "Tehran", "National Security Council",
    "Soviet Union", "Washington",
]


@pytest.fixture(scope="module")
def seed_findings(resources, all_checks):
    return check_text(SEED.read_text(encoding="utf-8"), resources, all_checks, path="seed")


def _covering(findings, text, needle):
    out = []
    start = 0
    while (i := text.find(needle, start)) != -1:
        out.append([f for f in findings if f.start <= i and i + len(needle) <= f.end
                    or (i <= f.start < i + len(needle))])
        start = i + 1
    return out


@pytest.mark.parametrize(("needle", "code", "suggestion"), MUST_FLAG, ids=[m[0] for m in MUST_FLAG])
def test_seed_flags(seed_findings, needle, code, suggestion):
    text = SEED.read_text(encoding="utf-8")
    occurrences = _covering(seed_findings, text, needle)
    assert occurrences, f"{needle!r} is not in the seed"
    if needle == "AR":  # the token, not the letters inside other words
        import re

        spans = [m.span() for m in re.finditer(r"\bAR\b", text)]
        occurrences = [[f for f in seed_findings if f.start <= s and e <= f.end] for s, e in spans]
    if needle == "Kim Jong-un" or needle in ("Photo Caption", 'type="image/webp">'):
        assert len(occurrences) >= (1 if needle == "Kim Jong-un" else 2)
    for found in occurrences:
        assert found, f"{needle!r} not flagged"
        if code:
            assert any(f.code == code for f in found), f"{needle!r}: {[f.code for f in found]}"
        if suggestion:
            assert any(suggestion in f.suggestions for f in found), [f.suggestions for f in found]


@pytest.mark.parametrize("needle", MUST_PASS)
def test_seed_passes(seed_findings, needle):
    text = SEED.read_text(encoding="utf-8")
    # occurrences inside a flagged boilerplate/notice line do not count: the line itself is the problem
    line_level = [f for f in seed_findings if f.code in ("TQ101", "TQ102")]
    start = 0
    assert needle in text
    while (i := text.find(needle, start)) != -1:
        if not any(f.start <= i < f.end for f in line_level):
            hits = [f for f in seed_findings if f.start < i + len(needle) and i < f.end]
            assert not hits, f"{needle!r} flagged: {[(f.code, f.message) for f in hits]}"
        start = i + 1


def test_seed_golden(seed_findings):
    """Every finding on the seed, frozen. Regenerate with TQCHECK_UPDATE_GOLDEN=1 after reading the diff."""
    got = [{"line": f.line, "column": f.column, "code": f.code, "text": f.text, "suggestions": list(f.suggestions)}
           for f in seed_findings]
    if os.environ.get("TQCHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_seed_source_language_guessed():
    from tqcheck.loader import guess_source_lang

    assert guess_source_lang(SEED.read_text(encoding="utf-8"), {"uk": "ієїґ", "ru": "ыэъё"}) == "uk"
