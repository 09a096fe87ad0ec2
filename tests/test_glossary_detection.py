"""Glossary detection: listed forms, transliterations, look-alikes, near misses, matching rules."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tqcheck import registry
from tqcheck.glossary import Glossary, tsv
from tqcheck.glossary.matcher import FormMatcher
from tqcheck.model import Severity
from tqcheck.resources import DATA, Resources

from .conftest import SEED, WMT, check_text


def _without_wrong_forms(tmp_path):
    """The default glossary with the wrong forms CTAK, AR and ZSU removed: only ЦТАК, АР, ЗСУ remain."""
    entries = tsv.load(DATA / "glossary" / "news.tsv")
    stripped = [replace(e, forbidden=tuple((f, r) for f, r in e.forbidden if f not in ("CTAK", "AR", "ZSU", "TSTAK")))
                for e in entries]
    path = tmp_path / "stripped.tsv"
    tsv.save(path, stripped)
    res = Resources(glossary_files=(path,), default_glossary=False)
    assert all(res.glossary.lookup(f) is None for f in ("CTAK", "AR", "ZSU"))
    return res


def _suggestion_for(findings, text, token):
    spans = [m.span() for m in re.finditer(rf"\b{token}\b", text)]
    assert spans
    out = []
    for s, e in spans:
        hits = [f for f in findings if f.start == s and f.end == e]
        assert hits, f"{token} at {s} not flagged"
        out.append(hits[0].suggestions[0])
    return set(out)


@pytest.mark.parametrize("token, preferred", [("CTAK", "KCNA"), ("AR", "AP"), ("ZSU", "AFU")])
def test_seed_names_with_default_glossary(resources, all_checks, token, preferred):
    text = SEED.read_text(encoding="utf-8")
    assert _suggestion_for(check_text(text, resources, all_checks), text, token) == {preferred}


@pytest.mark.parametrize("token, preferred", [("CTAK", "KCNA"), ("AR", "AP"), ("ZSU", "AFU")])
def test_seed_names_by_inference_alone(tmp_path, token, preferred):
    res = _without_wrong_forms(tmp_path)
    checks = [c() for c in registry.all_checks()]
    text = SEED.read_text(encoding="utf-8")
    findings = check_text(text, res, checks)
    assert _suggestion_for(findings, text, token) == {preferred}
    assert all(f.code == "TQ303" for f in findings if f.text == token)


@pytest.mark.parametrize(
    "text, token, preferred",
    [
        ("The agency TSTAK said.", "TSTAK", "KCNA"),  # KMU 2010
        ("Officials of the RNBO met.", "RNBO", "NSDC"),
        ("A report by VVS said so.", "VVS", "BBC"),  # look-alike: ВВС
        ("The MAGATE inspectors came.", "MAGATE", "IAEA"),
        ("Zelenskiy said so.", "Zelenskiy", "Zelenskyy"),
    ],
)
def test_transliterations(resources, text, token, preferred):
    found = check_text(text, resources, [registry.find("TQ303")()]) + check_text(text, resources, [registry.find("TQ301")()])
    assert any(f.text == token and preferred in f.suggestions for f in found), [(f.code, f.text, f.suggestions) for f in found]


@pytest.mark.parametrize("text", ["The VR headset sold well.", "He bought an AR-15.", "Moscow and Kyiv talked.",
                                  "The ZSU-23-4 is an anti-aircraft gun.", "KCNA and AP reported it."])
def test_transliteration_leaves_real_words(resources, text):
    assert not check_text(text, resources, [registry.find("TQ303")()])


def test_near_miss_reports_similarity(resources):
    (f,) = check_text("President Zelenksyy spoke.", resources, [registry.find("TQ304")()])
    assert f.suggestions == ("Zelenskyy",) and "similarity" in f.message and f.severity == Severity.WARNING


def _matcher(rows: str) -> FormMatcher:
    return FormMatcher(Glossary.build([tsv.parse("preferred\ttype\taccepted\tforbidden\tuk\tcase\n" + rows, "t.tsv")]))


def test_matching_rules():
    m = _matcher("KCNA\tacronym\t\tCTAK\tЦТАК\t\nKim Jong Un\tperson\t\tKim\tКім\t\nC++ Org\tterm\t\tC+ Org\tх\t\n"
                 "Kyiv\tplace\t\tkiev\tКиїв\tinsensitive\n")
    text = "CTAKs and CTAK's; Kim Jong Un, Kim; C+ Org; KIEV and Kiev-based; CTAKS; xCTAK"
    got = [(x.form, x.hit.forbidden) for x in m.finditer(text)]
    assert got == [("CTAK", True), ("CTAK", True), ("Kim Jong Un", False), ("Kim", True), ("C+ Org", True),
                   ("KIEV", True), ("Kiev", True)]


@pytest.mark.skipif(not (WMT / "generaltest2022.uk-en.ref.A.en").exists(), reason="../shared not available")
def test_glossary_false_positives_on_human_reference(resources):
    text = (WMT / "generaltest2022.uk-en.ref.A.en").read_text(encoding="utf-8")
    words = len(re.findall(r"\w+", text))
    checks = [registry.find(c)() for c in ("TQ301", "TQ302", "TQ303", "TQ304")]
    found = check_text(text, resources, checks)
    rate = 1000 * len(found) / words
    assert rate <= 0.2, f"{rate:.3f}/1k: " + "; ".join(f"{f.code} {f.text!r}" for f in found[:15])
