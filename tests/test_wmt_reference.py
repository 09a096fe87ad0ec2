"""Precision on a large human translation: the WMT22 uk-en reference (2,018 segments, 31k words).

Needs ../shared/data (the project does not ship WMT data); skipped without it. The same figure, per
check and with examples, comes from ``python bench/fp_rate.py <file> --show N``.
"""

from __future__ import annotations

import re

import pytest

from tqcheck.model import Severity

from .conftest import WMT, check_text

REF = WMT / "generaltest2022.uk-en.ref.A.en"
TARGET_PER_1000_WORDS = 0.5


@pytest.mark.skipif(not REF.exists(), reason="../shared/data/wmt22-uk-en is not available")
def test_false_positive_rate_on_human_reference(resources, all_checks):
    text = REF.read_text(encoding="utf-8")
    words = len(re.findall(r"\w+", text))
    found = [f for f in check_text(text, resources, all_checks) if f.severity >= Severity.WARNING]
    rate = 1000 * len(found) / words
    assert rate <= TARGET_PER_1000_WORDS, f"{rate:.3f} per 1,000 words: " + "; ".join(
        f"{f.code} {f.text!r}" for f in found[:20])
