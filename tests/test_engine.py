"""The engine: preconditions, error isolation, ignored regions, source-language guess."""

from __future__ import annotations

from tqcheck import engine
from tqcheck.checks.base import Check
from tqcheck.model import Category, Document, Layer, Severity


def test_no_capitalisation_inside_boilerplate(run):
    codes = [f.code for f in run("Tags: Enemy Forces spread rumors Source weapons\n")]
    assert codes == ["TQ102"]


def test_untranslated_sentence_is_one_finding(run):
    found = run("Президент заявив, що переговори тривають у Женеві.\n")
    assert [f.code for f in found] == ["TQ202"]
    assert "Ukrainian" in found[0].message


def test_cyrillic_word_in_english_sentence(run):
    found = run("The statement was published by Укрінформ on Monday, officials said.\n")
    assert [f.code for f in found] == ["TQ201"]
    assert found[0].text == "Укрінформ"
    assert found[0].suggestions == ("Ukrinform",)


def test_glossary_masks_consistency(run):
    found = run("Kim Jong Un met Putin.\n\nLater, Kim Jong-un left.\n")
    assert [f.code for f in found] == ["TQ301"]


def test_crashing_check_becomes_a_note(resources):
    class Broken(Check):
        """Broken.

        What it does: nothing. Why: testing. Example: none."""

        code = "TQ998"
        name = "broken"
        severity = Severity.ERROR
        category = Category.STYLE
        layer = Layer.STYLE

        def run(self, ctx):
            raise ValueError("boom")
            yield  # pragma: no cover

    from tqcheck.checks.mt_notice import MtNotice

    doc = Document(path="x", text="The article is in Ukrainian\n")
    result = engine.check_document(doc, [Broken(), MtNotice()], resources)
    assert [f.code for f in result.findings] == ["TQ101"]
    assert result.notes == ("TQ998 (broken) failed on this document: ValueError: boom",)


def test_urls_and_markdown_code_are_ignored(run):
    assert not run("See https://example.com/Kiev?a=1&amp;b=2 for more.\n")
    md = "Text here.\n\n```\n<div>Kiev &nbsp; 4 hour(s) ago</div>\n```\n\nAnd `Kiev` inline.\n"
    assert not run(md, fmt="markdown")
    assert run(md, fmt="text")


def test_markdown_keeps_tags_but_flags_fragments(run):
    assert not run("Line one<br>\nLine two.\n", fmt="markdown", only="TQ103")
    assert run('type="image/webp"> type="image/jpeg">>>\n', fmt="markdown", only="TQ103")


def test_finding_positions(run):
    (f,) = run("First line.\nOfficials in Kiev said so.\n", only="TQ301")
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 14, 2, 18)
    assert (f.start, f.end, f.text) == (25, 29, "Kiev")


def test_positions_are_code_points(run):
    (f,) = run("Україна 🇺🇦 said: officials in Kiev agree.\n", only="TQ301")
    text = "Україна 🇺🇦 said: officials in Kiev agree.\n"
    assert text[f.start:f.end] == "Kiev" and f.column == f.start + 1


def test_source_language_guess():
    from tqcheck.loader import guess_source_lang

    letters = {"uk": "ієїґІЄЇҐ", "ru": "ыэъёЫЭЪЁ", "en": ""}
    assert guess_source_lang("Він сказав: «Київ»", letters) == "uk"
    assert guess_source_lang("Он сказал: «Это»", letters) == "ru"
    assert guess_source_lang("All English here.", letters) is None
    assert guess_source_lang("Text.\nThe article is in Russian\n", letters) == "ru"
