"""Feed items (tqcheck.feeds): sniffing, RSS/Atom through feedparser after a defusedxml screen, JSON
Lines streamed line by line, items and HTML pages as documents; bad input of every kind."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

from tqcheck import feeds
from tqcheck.feeds import (
    DEFAULT_FIELDS,
    RawItem,
    decode_html,
    html_document,
    is_warning,
    item_document,
    iter_jsonl_lines,
    parse_jsonl_item,
    read_feed,
    read_jsonl,
    sniff,
)
from tqcheck.model import Document, InputError, Item

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def items_of(data: bytes, name: str = "feed.xml") -> list[RawItem | InputError]:
    return list(read_feed(data, name))


def rss(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>\n') -> bytes:
    return (head + '<rss version="2.0"><channel><title>Feed</title><link>https://feed.example/</link>\n'
            + items + "\n</channel></rss>\n").encode()


# --- sniffing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"anything", "a.jsonl", "jsonl"),
        (b"anything", "a.ndjson", "jsonl"),
        (b"anything", "a.xml", "feed"),
        (b"anything", "a.RSS", "feed"),
        (b"anything", "a.atom", "feed"),
        (b"anything", "a.rdf", "feed"),
        (b"anything", "a.html", "html"),
        (b"anything", "a.htm", "html"),
        (b"<html>", "https://example.com/feed.rss?page=2", "feed"),
        (b'  {"text": "x"}', "stdin", "jsonl"),
        (b'\xef\xbb\xbf{"text": "x"}', "stdin", "jsonl"),
        (b'<?xml version="1.0"?><rss version="2.0"/>', "stdin", "feed"),
        (b"<rss version='2.0'>", "stdin", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "stdin", "feed"),
        (b"<rdf:RDF xmlns:rdf='x'>", "stdin", "feed"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<feed>', "stdin", "feed"),
        (b"<!DOCTYPE html>\n<html>", "stdin", "html"),
        (b"<!doctype HTML><p>x", "stdin", "html"),
        (b"\n\n<html lang=en>", "stdin", "html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "stdin", "html"),
        (b"<p>A fragment</p>", "stdin", "html"),
        (b"Plain text article.", "stdin", "text"),
        (b"", "stdin", "text"),
        ("<rss>".encode("utf-16"), "stdin", "feed"),
    ],
)
def test_sniff(data, name, kind):
    assert sniff(data, name) == kind


# --- RSS, Atom, RDF ---------------------------------------------------------------------------------


def test_rss2_with_content_encoded():
    got = items_of(fixture("rss2.xml"), "rss2.xml")
    assert len(got) == 3
    first, second, third = got
    assert isinstance(first, RawItem)
    assert (first.feed, first.index, first.line) == ("rss2.xml", 1, None)
    assert first.get("title") == "Missile strike on Kyiv & Lviv"
    assert first.get("url") == "https://kyiv-daily.example/news/1"
    assert first.get("id") == "kd-0001"
    assert first.get("site") == "Ukrinform"  # the entry's <source>, not the feed's title
    assert first.get("html").startswith("<p>The <b>CTAK</b>")  # content:encoded wins over description
    assert first.get("text") is None
    assert second.get("site") == "Kyiv Daily (English)"
    assert "The article is in Ukrainian" in second.get("html")
    assert third == InputError("rss2.xml#3", "item has no text, not checked")


def test_rss2_item_document():
    first = items_of(fixture("rss2.xml"), "rss2.xml")[0]
    doc = item_document(first, lang="en", source_lang="uk")
    assert isinstance(doc, Document)
    assert doc.path == "rss2.xml#1"
    assert doc.format == "html"
    assert doc.origin is None
    assert doc.source_lang == "uk"
    assert doc.text == (
        "Missile strike on Kyiv & Lviv\n\n"
        "The CTAK news agency reported on Tuesday that the strike hit the city\u2019s centre.\n\n"
        "Photo: Reuters\n\n"
        "Officials said AT&T was not involved. <!-- tqcheck: ignore TQ401 --> More at "
        "https://kyiv-daily.example/more."
    )
    assert doc.item == Item("rss2.xml", 1, "kd-0001", "https://kyiv-daily.example/news/1",
                            "Missile strike on Kyiv & Lviv", "Ukrinform", None)
    spans = [doc.text[s:e] for s, e in doc.ignored]
    assert "<!-- tqcheck: ignore TQ401 -->" in spans
    assert any(s.startswith("https://kyiv-daily.example/more") for s in spans)
    assert "track(" not in doc.text


def test_atom():
    got = items_of(fixture("atom.xml"), "atom.xml")
    assert [type(i) for i in got] == [RawItem] * 3
    plain, xhtml, summary = got
    assert plain.get("title") == "Shelling in Kharkiv"  # a type="html" title reduced to text
    assert plain.get("text") == "Plain text content about Kharkiv.\nSecond line."  # type="text": plain
    assert plain.get("html") is None
    assert plain.get("url") == "https://kharkiv-wire.example/a/1"
    assert plain.get("site") == "Kharkiv Wire"
    assert xhtml.get("html") == "<p>XHTML <b>content</b> here.</p>"
    assert xhtml.get("url") is None  # feedparser offers the urn: id as a link: not a URL to report
    assert xhtml.get("id") == "urn:kw:2"
    assert summary.get("html") == "<p>A summary in HTML.</p>"
    doc = item_document(plain)
    assert doc.format == "text"
    assert doc.text == "Shelling in Kharkiv\n\nPlain text content about Kharkiv.\nSecond line."


def test_rdf_rss_1_0():
    (item,) = items_of(fixture("rdf.xml"), "rdf.xml")
    assert item.get("title") == "Port reopened"
    assert item.get("url") == item.get("id") == "https://odesa.example/1"
    assert item.get("site") == "Odesa Post"
    assert item_document(item).text == "Port reopened\n\nThe port of Odesa reopened on Monday."


def test_rss091_with_its_external_dtd_is_read_not_fetched():
    (item,) = items_of(fixture("rss091.xml"), "rss091.xml")
    assert item.get("title") == "Old item"


def test_site_falls_back_to_the_link_host():
    data = b'<rss version="2.0"><channel><item><title>t</title><link>https://host.example/a</link>' \
           b"<description>Body text.</description></item></channel></rss>"
    (item,) = items_of(data)
    assert item.get("site") == "host.example"


def test_windows_1251_feed():
    data = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новини</title>'
            "<item><title>Київ</title><description>Текст статті.</description></item></channel></rss>"
            ).encode("cp1251")
    (item,) = items_of(data)
    assert item.get("title") == "Київ"
    assert item.get("site") == "Новини"


def test_raw_item_is_small_and_picklable():
    item = items_of(fixture("rss2.xml"))[0]
    again = pickle.loads(pickle.dumps(item))
    assert again == item
    assert again.as_dict()["id"] == "kd-0001"


# --- bad feeds --------------------------------------------------------------------------------------


def test_malformed_feed_with_no_entries_is_one_error():
    got = items_of(b"<rss version='2.0'><channel><title>x</title>\n<oops></channel></rss>", "bad.xml")
    assert len(got) == 1
    error = got[0]
    assert isinstance(error, InputError) and not is_warning(error)
    assert str(error) == "bad.xml: not a well-formed feed: mismatched tag (line 2)"


def test_not_xml_at_all():
    (error,) = items_of(b"this is not a feed <<<", "x.xml")
    assert error.message.startswith("not a well-formed feed: ")
    assert "(line 1)" in error.message


def test_bozo_with_entries_yields_a_warning_and_the_items():
    data = rss("<item><title>a</title><description>text&nbsp;here</description></item>\n"
               "<item><title>b</title><description>second</description></item>")
    got = items_of(data, "lenient.xml")
    warning, *items = got
    assert isinstance(warning, InputError) and is_warning(warning)
    assert warning.path == "lenient.xml"
    assert warning.message == ("warning: not a well-formed feed, read leniently: undefined entity (line 3); "
                               "2 items read")
    assert [i.get("title") for i in items] == ["a", "b"]
    assert "\n" not in str(warning)


def test_empty_feed_and_empty_file():
    assert items_of(rss(""), "e.xml") == [InputError("e.xml", "the feed has no items, nothing to check")]
    assert items_of(b"", "e.xml") == [InputError("e.xml", "empty feed, nothing to check")]
    assert items_of(b"  \n", "e.xml") == [InputError("e.xml", "empty feed, nothing to check")]


def test_xml_that_is_not_a_feed():
    assert items_of(b'<?xml version="1.0"?><catalog><book/></catalog>', "c.xml") == [
        InputError("c.xml", "not an RSS or Atom feed (the root element is <catalog>)")]


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
        + b"".join(f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(8))
        + b']>\n<rss version="2.0"><channel><title>&i;</title><item><title>&i;</title>'
          b"<description>&i;</description></item></channel></rss>")


@pytest.fixture
def no_feedparser(monkeypatch):
    import feedparser

    def refuse(*args, **kwargs):
        raise AssertionError("feedparser must not see this input")

    monkeypatch.setattr(feedparser, "parse", refuse)


def test_xml_bomb_refused_before_feedparser(no_feedparser):
    got = items_of(BOMB, "bomb.xml")
    assert len(got) == 1
    assert got[0].path == "bomb.xml"
    assert got[0].message.startswith("line 3: entity declaration 'a' refused")
    assert "\n" not in got[0].message


def test_external_entity_refused(no_feedparser, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY x SYSTEM "file://{secret}"> ]>\n'
            '<rss version="2.0"><channel><item><title>&x;</title><description>&x;</description></item>'
            "</channel></rss>").encode()
    (error,) = items_of(data, "ext.xml")
    assert "external entity 'x'" in error.message and "refused" in error.message
    assert "SECRET" not in error.message


def test_entity_declaration_after_a_syntax_error_still_refused(no_feedparser):
    data = (b'<?xml version="1.0"?>\n<!-- bad -- comment -->\n<!DOCTYPE rss [ <!ENTITY a "x"> ]>\n'
            b'<rss version="2.0"><channel><item><title>&a;</title></item></channel></rss>')
    (error,) = items_of(data, "sneaky.xml")
    assert error.message.startswith("entity declaration refused")


def test_entry_without_text_is_skipped_others_kept():
    data = rss("<item><title>empty</title><description>   </description></item>\n"
               "<item><title>markup only</title><description>&lt;img src='x'&gt;&lt;script&gt;s()&lt;/script&gt;"
               "</description></item>\n"
               "<item><title>ok</title><description>Body.</description></item>")
    got = items_of(data, "f.xml")
    assert got[:2] == [InputError("f.xml#1", "item has no text, not checked"),
                       InputError("f.xml#2", "item has no text, not checked")]
    assert got[2].index == 3 and got[2].get("title") == "ok"


# --- JSON Lines -------------------------------------------------------------------------------------


def test_iter_jsonl_lines_numbers_and_blank_lines():
    data = b'\xef\xbb\xbf{"a": 1}\r\n\n   \n{"b": 2}\n{"c": 3}'
    assert list(iter_jsonl_lines(io.BytesIO(data), "x.jsonl")) == [
        (1, b'{"a": 1}'), (4, b'{"b": 2}'), (5, b'{"c": 3}')]


class Counting(io.BytesIO):
    """A stream that remembers the most it was asked for in one read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest = 0

    def readline(self, size: int = -1) -> bytes:
        assert size > 0, "never an unbounded readline"
        line = super().readline(size)
        self.largest = max(self.largest, len(line))
        return line

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("never read the whole stream")


def test_huge_line_is_skipped_with_bounded_memory():
    limit = 1000
    data = b'{"text": "a"}\n{"text": "' + b"x" * 50_000 + b'"}\n{"text": "c"}\n' + b"y" * 5000
    stream = Counting(data)
    got = list(iter_jsonl_lines(stream, "big.jsonl", max_line_bytes=limit))
    assert got == [(1, b'{"text": "a"}'), (2, None), (3, b'{"text": "c"}'), (4, None)]
    assert stream.largest <= 1024 * 1024
    # exactly at the limit is fine, whatever the line break
    line = b'{"text": "' + b"z" * (limit - 12) + b'"}'
    assert len(line) == limit
    for end in (b"", b"\n", b"\r\n"):
        got = list(iter_jsonl_lines(io.BytesIO(line + end + b'{"n": 2}'), "x", max_line_bytes=limit))
        assert got == ([(1, line), (2, b'{"n": 2}')] if end else [(1, None)])
    assert list(iter_jsonl_lines(io.BytesIO(b"z" + line + b"\r\n"), "x", max_line_bytes=limit)) == [(1, None)]


def test_read_jsonl_fixture():
    with open(FIXTURES / "items.jsonl", "rb") as fh:
        got = list(read_jsonl(fh, "items.jsonl"))
    assert [type(g).__name__ for g in got] == ["RawItem", "RawItem", "InputError", "InputError", "InputError",
                                              "RawItem"]
    first, second, bad_json, not_object, no_text, bilingual = got
    assert (first.index, first.line, first.get("id"), first.get("site")) == (1, 1, "a1", "News")
    assert (second.index, second.line, second.get("id")) == (2, 3, "2")  # line 2 is blank; the id a number
    assert bad_json.path == "items.jsonl:4"
    assert bad_json.message.startswith("not valid JSON: ") and bad_json.message.endswith(", item skipped")
    assert not_object == InputError("items.jsonl:5", "not a JSON object (an array), item skipped")
    assert no_text.path == "items.jsonl:6" and no_text.message.startswith("no text")
    assert (bilingual.index, bilingual.line) == (6, 7)


def test_read_jsonl_huge_line_error():
    data = b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "ok"}\n'
    got = list(read_jsonl(io.BytesIO(data), "h.jsonl", max_line_bytes=1000))
    assert got[0] == InputError("h.jsonl:1", "line is over the 1000 byte limit, item skipped")
    assert got[1].get("text") == "ok" and got[1].index == 2


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"text": "unterminated', "not valid JSON: Unterminated string starting at (column 10), item skipped"),
        (b"[1, 2]", "not a JSON object (an array), item skipped"),
        (b'"just a string"', "not a JSON object (a string), item skipped"),
        (b"42", "not a JSON object (a number), item skipped"),
        (b"null", "not a JSON object (null), item skipped"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8 at byte offset 13 of the line, item skipped"),
        (b'{"title": "only a title"}', "no text (none of the fields 'text', 'html', 'target' holds any), item skipped"),
        (b'{"text": "   "}', "no text (none of the fields 'text', 'html', 'target' holds any), item skipped"),
        (b'{"text": ["a", "b"]}', "field 'text' is an array, not a string, item skipped"),
        (b'{"text": "x", "url": 5}', "field 'url' is a number, not a string, item skipped"),
        (b'{"text": ' + b"1" * 5000 + b"}", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: nested too deeply, item skipped"),
    ],
    ids=["unterminated", "array", "string", "number", "null", "latin-1", "title-only", "blank-text", "list-text",
         "number-url", "huge-number", "deep-nesting"],
)
def test_parse_jsonl_item_errors(raw, message):
    got = parse_jsonl_item("f.jsonl", 7, raw, 3)
    assert isinstance(got, InputError)
    assert got.path == "f.jsonl:7"
    assert message in got.message
    assert "\n" not in got.message


def test_parse_jsonl_item_fields():
    raw = b'{"headline": "H", "content": {"body": "Body text.", "lang": "en"}, "link": "https://x/1", "id": 17}'
    got = parse_jsonl_item("f.jsonl", 2, raw, 1, {"title": "headline", "text": "content.body", "url": "link"})
    assert isinstance(got, RawItem)
    assert got.as_dict() == {"title": "H", "text": "Body text.", "url": "https://x/1", "id": "17"}
    assert got.line == 2 and got.index == 1
    # a key that holds a dot is a key first
    got = parse_jsonl_item("f.jsonl", 1, b'{"a.b": "flat", "a": {"b": "nested"}}', 1, {"text": "a.b"})
    assert got.get("text") == "flat"
    # a field mapped to None is ignored
    got = parse_jsonl_item("f.jsonl", 1, b'{"text": "x", "url": 5}', 1, {"url": None})
    assert got.get("url") is None
    with pytest.raises(ValueError, match="unknown item field"):
        parse_jsonl_item("f.jsonl", 1, b"{}", 1, {"body": "text"})
    assert DEFAULT_FIELDS["text"] == "text"


# --- item documents ---------------------------------------------------------------------------------


def item(**fields) -> RawItem:
    return RawItem("feed.jsonl", 4, 9, tuple((k, v) for k, v in fields.items() if v is not None))


def test_item_document_plain_text():
    doc = item_document(item(title=" The  title ", text="Body line one.\nSee https://example.com/x.", id="i4",
                             url="https://n/4", site="N"))
    assert doc.text == "The title\n\nBody line one.\nSee https://example.com/x."
    assert doc.path == "feed.jsonl#4"
    assert doc.format == "text"
    assert doc.item == Item("feed.jsonl", 4, "i4", "https://n/4", "The title", "N", 9)
    assert [doc.text[s:e] for s, e in doc.ignored] == ["https://example.com/x."]
    assert doc.origin is None and doc.source is None


def test_item_document_title_not_repeated():
    doc = item_document(item(title="Headline", text="Headline\n\nThe body."))
    assert doc.text == "Headline\n\nThe body."
    assert item_document(item(text="No title.")).text == "No title."


def test_item_document_html_directives_ignored():
    doc = item_document(item(title="T", html="<p>One <!-- tqcheck: ignore TQ101 --> two</p><p>Three</p>"))
    assert doc.format == "html"
    assert doc.text == "T\n\nOne <!-- tqcheck: ignore TQ101 --> two\n\nThree"
    assert [doc.text[s:e] for s, e in doc.ignored] == ["<!-- tqcheck: ignore TQ101 -->"]


def test_item_document_bilingual():
    doc = item_document(item(title="Title", source="Перший.\n\nДругий.\n", target="First.\n\nSecond.\n"),
                        source_lang="uk")
    assert doc.text == "Title\n\nFirst.\nSecond."
    assert doc.source == "Перший.\nДругий."
    assert [(p.unit, doc.source[p.source_start:p.source_end], doc.text[p.start:p.end]) for p in doc.pairs] == [
        ("1", "Перший.", "First."), ("2", "Другий.", "Second.")]
    assert doc.source_lang == "uk"
    assert doc.item.title == "Title"


def test_item_document_bilingual_lines_disagree_is_monolingual():
    doc = item_document(item(source="Один.\nДва.\nТри.", target="One. Two.\nThree."))
    assert doc.pairs == () and doc.source is None
    assert doc.text == "One. Two.\nThree."


def test_item_document_without_text():
    assert item_document(item(title="T", html="<script>x()</script>")) == InputError(
        "feed.jsonl#4", "item has no text, not checked")


# --- HTML pages -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Page</title></head>
<body><p>The <b>CTAK</b> agency &amp; the AR said so.</p>
<p>Read more at https://example.com/article <!-- tqcheck: ignore TQ103 --></p></body></html>"""


def test_html_document_origin_maps_back_to_the_page():
    doc = html_document(PAGE.encode(), "page.html", source_lang="uk")
    assert isinstance(doc, Document)
    assert doc.format == "html" and doc.path == "page.html" and doc.source_lang == "uk"
    assert doc.text == ("The CTAK agency & the AR said so.\n\n"
                        "Read more at https://example.com/article <!-- tqcheck: ignore TQ103 -->")
    s = doc.text.index("CTAK")
    a, b = doc.origin.span(s, s + 4)
    assert doc.origin.text[a:b] == "CTAK"
    s = doc.text.index("&")
    a, b = doc.origin.span(s, s + 1)
    assert doc.origin.text[a:b] == "&amp;"
    assert [doc.text[s:e] for s, e in doc.ignored] == [
        "https://example.com/article", "<!-- tqcheck: ignore TQ103 -->"]
    again = pickle.loads(pickle.dumps(doc))  # documents travel to worker processes
    assert again.text == doc.text and again.origin.span(s, s + 1) == doc.origin.span(s, s + 1)


def test_html_document_errors():
    assert html_document(b"<html><head><title>x</title></head><body><script>1</script></body>", "e.html") == \
        InputError("e.html", "page has no visible text, not checked")
    assert html_document(b"", "e.html") == InputError("e.html", "empty file, nothing to check")
    bad = html_document(b"<p>caf\xe9</p>", "bad.html")
    assert bad == InputError("bad.html", "not valid UTF-8 at byte offset 6 (invalid continuation byte), not checked")


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        ("<p>Київ</p>".encode(), None, "<p>Київ</p>"),
        (b"\xef\xbb\xbf<p>x</p>", None, "<p>x</p>"),
        ("\ufeff<p>Київ</p>".encode("utf-16-le"), None, "<p>Київ</p>"),
        ('<meta charset="windows-1251"><p>Київ</p>'.encode("cp1251"), None, '<meta charset="windows-1251"><p>Київ</p>'),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-u"><p>Київ</p>'.encode("koi8_u"), None,
         '<meta http-equiv="Content-Type" content="text/html; charset=koi8-u"><p>Київ</p>'),
        ("<p>Київ</p>".encode("cp1251"), "windows-1251", "<p>Київ</p>"),  # the HTTP header's charset
        (b'<meta charset="iso-8859-1"><p>\x93q\x94</p>', None, '<meta charset="iso-8859-1"><p>\u201cq\u201d</p>'),
        (b'<meta charset="no-such-charset"><p>x</p>', None, '<meta charset="no-such-charset"><p>x</p>'),
        ("<p>str in</p>", None, "<p>str in</p>"),
    ],
)
def test_decode_html(data, charset, expected):
    assert decode_html(data, "p.html", charset) == expected


def test_decode_html_binary():
    assert decode_html(b"\x00\x01\x02<p>", "b.html") == InputError("b.html", "binary file (NUL bytes), not checked")


def test_module_exports():
    for name in feeds.__all__:
        assert hasattr(feeds, name)
