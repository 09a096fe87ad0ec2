from __future__ import annotations

from tqcheck import segment


def _sents(text):
    return [text[s.start:s.end] for s in segment.sentences(text)]


def test_sentences_basic():
    assert _sents("One. Two! Three?\nFour") == ["One.", "Two!", "Three?", "Four"]


def test_abbreviations_and_initials_do_not_split():
    assert _sents("Mr. Smith met U.S. officials. J. K. Rowling wrote it.") == [
        "Mr. Smith met U.S. officials.", "J. K. Rowling wrote it."]
    assert _sents("Prices rose 3.5 percent. Then fell.") == ["Prices rose 3.5 percent.", "Then fell."]
    assert _sents("He said e.g. this. Fine.") == ["He said e.g. this.", "Fine."]


def test_quotes_close_sentences():
    assert _sents("“We won.” Then we left.") == ["“We won.”", "Then we left."]


def test_never_across_lines_and_trimmed():
    text = "  Headline without stop\nBody text here.  \n\n"
    assert _sents(text) == ["Headline without stop", "Body text here."]


def test_paragraphs_and_lines():
    text = "a\nb\n\n\nc\n"
    assert [(p.start, p.end) for p in segment.paragraphs(text)] == [(0, 3), (6, 7)]
    assert segment.line_spans("x\r\ny") == [(0, 1), (3, 4)]
