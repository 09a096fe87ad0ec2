"""Tests on the default glossary's data, as codespell tests its word lists, and on the linter."""

from __future__ import annotations


import pytest

from tqcheck.glossary import lint, tsv
from tqcheck.glossary.model import TYPES, Entry
from tqcheck.resources import DATA

NEWS = DATA / "glossary" / "news.tsv"
ENTRIES = tsv.load(NEWS)


def test_default_glossary_is_lint_clean():
    assert [str(p) for p in lint.lint([ENTRIES])] == []


def test_default_glossary_size_and_fields():
    assert len(ENTRIES) >= 300
    for e in ENTRIES:
        assert e.type in TYPES
        assert e.source_forms("uk") or e.source_forms("ru"), e.preferred
        for form in (*e.target_forms, *(f for f, _ in e.forbidden)):
            assert form == form.strip() and "\t" not in form


def test_sorted_and_no_duplicates():
    keys = [e.sort_key for e in ENTRIES]
    assert keys == sorted(keys)
    assert len({e.preferred for e in ENTRIES}) == len(ENTRIES)


def test_no_forbidden_form_is_another_entrys_form():
    accepted = {f.casefold(): e.preferred for e in ENTRIES for f in e.target_forms}
    for e in ENTRIES:
        for form, _ in e.forbidden:
            assert form.casefold() not in accepted, f"{form} forbidden in {e.preferred}, accepted in {accepted.get(form.casefold())}"


@pytest.mark.parametrize(
    ("source", "preferred"),
    [("ЦТАК", "KCNA"), ("АР", "AP"), ("ВВС", "BBC"), ("ТАСС", "TASS"), ("ЗСУ", "AFU"), ("МЗС", "MFA"),
     ("РНБО", "NSDC"), ("СБУ", "SBU"), ("ООН", "UN"), ("МАГАТЕ", "IAEA"), ("ЄС", "EU"), ("НАТО", "NATO"),
     ("Київ", "Kyiv"), ("Харків", "Kharkiv"), ("Одеса", "Odesa"), ("Запоріжжя", "Zaporizhzhia"),
     ("Зеленський", "Zelenskyy"), ("Кім Чен Ин", "Kim Jong Un")],
)
def test_news_names_present(source, preferred):
    hits = [e for e in ENTRIES if source in e.source_forms()]
    assert hits and hits[0].preferred == preferred


def test_kiev_deprecated():
    (kyiv,) = [e for e in ENTRIES if e.preferred == "Kyiv"]
    assert "Kiev" in [f for f, _ in kyiv.forbidden]


def _entries(text: str, name: str = "g.tsv") -> list[Entry]:
    return tsv.parse(text, name)


H = "preferred\ttype\taccepted\tforbidden\tuk\tcase\tnote\n"


@pytest.mark.parametrize(
    ("rows", "kind", "fragment"),
    [
        ("A\tterm\t\t\tа\t\t\nA\tterm\t\t\tб\t\t\n", "duplicate", "also the preferred form"),
        ("A\tterm\t\tX\tа\t\t\nB\tterm\tX\t\tб\t\t\n", "conflict", "forbidden here but accepted"),
        ("A\tterm\t\tB\tа\t\t\nB\tterm\t\tA\tб\t\t\n", "conflict", "forbidden here but accepted"),
        ("A\tterm\t\tX\tа\t\t\nB\tterm\t\tY\tб\t\t\nC\tterm\t\t\tв\t\t\n", None, None),
        ("B\tterm\t\t\tа\t\t\nA\tterm\t\t\tб\t\t\n", "order", "should come before"),
        ("A\tterm\t\tX |  | Y\tа\t\t\n", None, None),
    ],
)
def test_lint_finds(rows, kind, fragment):
    problems = lint.lint([_entries(H + rows)])
    if kind is None:
        assert problems == []
    else:
        assert any(p.kind == kind and fragment in p.message for p in problems), [str(p) for p in problems]
        assert all(str(p).startswith("g.tsv:") for p in problems)


def test_lint_cycle_and_language():
    rows = "preferred\ttype\tforbidden\txx\nA\tterm\tC\tа\nB\tterm\tA\tб\nC\tterm\tB\tв\n"
    problems = lint.lint([_entries(rows)])
    kinds = {p.kind for p in problems}
    assert "cycle" in kinds and "language" in kinds
    assert any("→" in p.message for p in problems if p.kind == "cycle")


def test_lint_shadowed_across_files():
    base = _entries(H + "Kyiv\tplace\t\tKiev\tКиїв\t\t\n", "base.tsv")
    mine = _entries(H + "Kyiv City\tplace\tKyiv\t\tм. Київ\t\t\n", "mine.tsv")
    problems = lint.lint([base, mine])
    assert [p.kind for p in problems] == ["shadowed"] and problems[0].origin == "base.tsv:2"


def test_word_list_is_sorted_and_splits_names():
    import gzip

    from tqcheck.resources import Vocabulary

    with gzip.open(DATA / "en" / "words.txt.gz", "rt", encoding="utf-8") as fh:
        words = fh.read().split()
    assert words == sorted(words) and len(words) > 50_000
    vocab = Vocabulary(words)
    assert vocab.proper == {w.lower() for w in words if w[:1].isupper()}
    assert "kremlin" in vocab.proper and "source" in vocab.common and "source" not in vocab.proper
