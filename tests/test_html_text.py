"""HTML reduced to visible text (tqcheck.html_text): layout, skipping, entities, offsets back to the
page, directives, robustness and speed."""

from __future__ import annotations

import random
import re
import time
from itertools import pairwise

import pytest

from tqcheck.html_text import extract
from tqcheck.model import Origin


def text(html: str) -> str:
    return extract(html).text


def check_offsets(html: str) -> None:
    """The invariants every extraction keeps."""
    e = extract(html)
    t, offs = e.text, e.offsets
    assert len(offs) == len(t) + 1
    assert all(0 <= o <= len(html) for o in offs)
    assert all(a <= b for a, b in pairwise(offs)), "offsets never decrease"
    assert "\n\n\n" not in t
    assert t == t.rstrip(" \t\n\f"), "no white space or blank line at the end"
    assert not t.startswith("\n"), "no blank line at the start (a <pre> may start with spaces)"
    inside = set()
    for s, e_ in e.directives:
        assert t[s:e_].startswith("<!--") and t[s:e_].endswith(">")
        inside.update(range(s, e_))
    for i, ch in enumerate(t):
        if ch in " \n" or i in inside:
            continue
        # a character of a text run is the page's own character, or decodes the reference at its '&'
        assert html[offs[i]] == ch or html[offs[i]] == "&", (i, ch, html[offs[i]])


# --- layout -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<div>One</div><div>Two</div>", "One\nTwo"),
        ("<h1>Title</h1>Lead text<h2>Sub</h2><blockquote>Quote</blockquote>", "Title\n\nLead text\n\nSub\n\nQuote"),
        ("<p>A<b>B</b><i>C</i> <a href='x'>D</a></p>", "ABC D"),
        ("one<br>two", "one\ntwo"),
        ("one<br><br>two", "one\n\ntwo"),
        ("one<br><br><br><br>two", "one\n\ntwo"),
        ("<p>one<br></p><p>two</p>", "one\n\ntwo"),
        ("<br><br><p></p>text<br><br><br></p></p><hr>end<br>", "text\n\nend"),
        ("<ul><li>one<li>two</ul><ol><li>three</li></ol>", "one\n\ntwo\n\nthree"),
        ("<table><tr><td>a<td>b<tr><td>c</table>after", "a b\n\nc\n\nafter"),
        ("<figure><img src=x><figcaption>Caption</figcaption></figure><p>Body", "Caption\n\nBody"),
        ("<article><header>Head</header><section>Body</section><footer>Foot</footer></article>",
         "Head\nBody\nFoot"),
        ("<p>  Lots   of\n\t white\r\n   space  </p>", "Lots of white space"),
        ("<p>x</p>\n\n   <p>\n   y   </p>\n", "x\n\ny"),
        ("<pre>  code\n    more\n\n\n\nend  </pre>after", "  code\n    more\n\nend\n\nafter"),
        ("<p>&nbsp;</p><p>10&nbsp;km&nbsp;</p>", "10\xa0km"),
        ("plain text, no markup", "plain text, no markup"),
        ("", ""),
        ("   \n  ", ""),
    ],
)
def test_layout(html, expected):
    assert text(html) == expected
    check_offsets(html)


def test_reads_like_a_plain_text_article():
    page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Kyiv news &amp; more</title>
<style>.x { color: red }</style><script>var s = "<p>not text</p>";</script></head>
<body>
  <nav><ul><li><a href="/">Home</a></li></ul></nav>
  <article>
    <h1>Missile strike on Kyiv</h1>
    <p>The <a href="https://kcna.kp">KCNA</a> reported on Tuesday that
       the strike hit the city&#8217;s centre.</p>
    <p>Officials said AT&amp;T was not involved.<br>More later.</p>
  </article>
</body></html>"""
    e = extract(page)
    assert e.title == "Kyiv news & more"
    assert e.text == (
        "Home\n\nMissile strike on Kyiv\n\nThe KCNA reported on Tuesday that the strike hit the city\u2019s "
        "centre.\n\nOfficials said AT&T was not involved.\nMore later."
    )
    check_offsets(page)


# --- what is not visible ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<script>document.write('<p>x</p>')</script>after", "after"),
        ("<style>p { color: red }</style>after", "after"),
        ("<noscript>Enable JavaScript</noscript>after", "after"),
        ("<template><p>tpl</p></template>after", "after"),
        ("<svg><title>icon</title><text>T</text><path d='M0'/></svg>after", "after"),
        ("<iframe>frame text</iframe>after", "after"),
        ("<object>object text</object>after", "after"),
        ("<div hidden>secret</div>shown", "shown"),
        ('<div aria-hidden="true">secret</div>shown', "shown"),
        ('<div aria-hidden="false">shown</div>', "shown"),
        ('<span style="display: none">no</span>yes', "yes"),
        ('<span style="color:red; VISIBILITY:hidden">no</span>yes', "yes"),
        # unclosed elements inside a skipped one are closed with it; void ones never open anything
        ("<div hidden><p>unclosed<br><img src=x><div>inner</div>still hidden</div>shown", "shown"),
        ('<section><div aria-hidden="true">x<p>y</section>z', "z"),
        ("<p hidden>secret<p>visible", "visible"),
        ("<ul><li hidden>secret<li>visible</ul>", "visible"),
        ("<input hidden><br hidden>visible", "visible"),
        ("<div>a<div hidden>x</div>b</div>", "a\nb"),
        ("<p>word<span hidden> x </span>word</p>", "wordword"),
        # <head> without </head>: the first element of the body or text ends it
        ("<html><head><title>T</title><meta charset=utf-8><p>Hello", "Hello"),
        ("<head><title>T</title>Hello world", "Hello world"),
        ("<head><title>T</title></head><body>Body", "Body"),
        ("<![CDATA[cdata]]>after <?php echo 1 ?>pi", "after pi"),
        ("<p>a</p><!-- a comment --><p>b<!-- unclosed comment <p>c", "a\n\nb"),
    ],
)
def test_invisible_content_is_skipped(html, expected):
    assert text(html) == expected
    check_offsets(html)


def test_title():
    assert extract("<title> A\n  title </title><p>x").title == "A title"
    assert extract("<title>first</title><svg><title>icon</title></svg><title>second</title>").title == "first"
    assert extract("<p>no title</p>").title is None
    assert extract("<title>Unclosed &amp; open").title == "Unclosed & open"


# --- entities and offsets ---------------------------------------------------------------------------


def test_entities_decoded_and_mapped_to_their_ampersand():
    html = "<p>AT&amp;T &#8217;s &#x2019; &notit; &foo; &hellip;</p>"
    e = extract(html)
    assert e.text == "AT&T \u2019s \u2019 \u00acit; &foo; \u2026"
    i = e.text.index("\u2026")
    assert html[e.offsets[i]:].startswith("&hellip;")
    i = e.text.index("\u00ac")
    assert html[e.offsets[i]:].startswith("&notit;")
    assert html[e.offsets[i + 1]] == "i"  # the rest of "&notit;" is literal
    check_offsets(html)


def test_origin_maps_words_back_to_the_page():
    html = '<div class="post"><p>The <b>KCNA</b>\n   reported that AT&amp;T &amp; others</p><p>Kyiv&#8217;s</p></div>'
    e = extract(html)
    origin = Origin(html, e.offsets)
    for word, original in [("KCNA", "KCNA"), ("reported", "reported"), ("AT&T", "AT&amp;T"),
                           ("Kyiv\u2019s", "Kyiv&#8217;s"), ("&", "&amp;")]:
        s = e.text.index(word if word != "&" else " & ") + (1 if word == "&" else 0)
        a, b = origin.span(s, s + len(word))
        assert html[a:b] == original, word
    # a span over an inserted paragraph break covers the markup between the paragraphs
    s = e.text.index("others")
    a, b = origin.span(s, e.text.index("Kyiv") + 4)
    assert html[a:b] == "others</p><p>Kyiv"


def test_end_offset():
    html = "<p>x &amp;</p>"
    e = extract(html)
    assert e.text == "x &"
    assert e.offsets[-1] == html.index("</p>")
    assert extract("").offsets[-1] == 0


# --- directives -------------------------------------------------------------------------------------


def test_directives_kept_verbatim_on_their_line():
    html = ("<p>Para one <!-- tqcheck: ignore TQ201 --> continues</p><!-- just a comment -->"
            "<p><!--tqcheck:ignore-next-line\n TQ101--></p><p>next</p>")
    e = extract(html)
    assert e.text == ("Para one <!-- tqcheck: ignore TQ201 --> continues\n\n"
                      "<!--tqcheck:ignore-next-line  TQ101-->\n\nnext")
    assert [e.text[s:t] for s, t in e.directives] == [
        "<!-- tqcheck: ignore TQ201 -->", "<!--tqcheck:ignore-next-line  TQ101-->"]
    s, t = e.directives[0]
    assert html[e.offsets[s]:e.offsets[t - 1] + 1] == "<!-- tqcheck: ignore TQ201 -->"
    assert "just a comment" not in e.text
    check_offsets(html)


def test_directive_inside_skipped_element_is_kept_and_bogus_comment_is_not():
    e = extract("<head><!-- tqcheck: disable TQ102 --><title>t</title></head><body><p>Hello<!tqcheck: no>")
    assert e.text == "<!-- tqcheck: disable TQ102 -->\n\nHello"
    assert e.directives == ((0, len("<!-- tqcheck: disable TQ102 -->")),)


# --- robustness -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<![foo bar]> text",  # _markupbase raises on this
        "<!doctype",
        "<!DOCTYPE html [ <!ENTITY x 'y'> ]><p>x",
        "a &# b <b>x</b> &#x; <i>y</i> end",  # "&#" without digits must not turn the rest into text
        "&#99999999999999999999999999999999999999999999999999; &#0; &#x110000; &#13;",
        "&" + "a" * 100 + ";",
        "<p " + "a=" * 1000,
        "</",
        "<",
        "a<",
        "<a<a<a<a b='>",
        "</p></p></div></body>",
        "<p><p><p><p><p>deep" * 200,
        "<div>" * 5000 + "deep" + "</div>" * 5000,
        "<script>never closed <p>x",
        "<title>t</title><title>u",
        "\x00\ufeff<p>\x00\ud800</p>",
        "<p>\r\n\r\nwindows\r\nlines\r\n</p>",
    ],
    ids=lambda html: repr(html[:24]),
)
def test_broken_markup_never_raises(html):
    check_offsets(html)


def test_ampersand_hash_does_not_leak_markup():
    assert text("a &# b <b>x</b> &#x; <i>y</i> end") == "a &# b x &#x; y end"


FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<b>", "</b>", "<li>", "<ul>", "</ul>", "<table>",
    "<tr>", "<td>", "<pre>", "</pre>", "<script>", "</script>", "<style>", "</style>", "<head>", "</head>",
    "<title>", "</title>", "<svg>", "</svg>", "<span hidden>", "</span>", "<div aria-hidden=true>",
    "<!--", "-->", "<!-- tqcheck: ignore TQ101 -->", "<!-- c -->", "<!", "<![CDATA[", "]]>", "<?", "?>",
    "&amp;", "&", "&#", "&#x41;", "&#8217", "&nbsp;", "&notit;", "<", ">", "/", "=", '"', "'", " ", "\n",
    "\t", "\r\n", "word", "Kyiv", "KCNA", "\u00a0", "<img src=x>", "<hr>", "<a href='x'>", "</a>", "<p",
    "</", "<x y='", "<!doctype html>", "<template>", "</template>",
]


def test_fuzz_random_markup():
    rng = random.Random(20240505)
    for _ in range(1500):
        html = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 40)))
        check_offsets(html)


def test_five_megabyte_page_is_fast():
    para = ('<p class="text">The <a href="https://example.com/x?a=1&amp;b=2">KCNA</a> reported on Tuesday '
            'that\n    the Ukrainian &#8220;forces&#8221; had advanced near Kyiv &amp; Kharkiv, officials said. '
            + "More words of the article follow here, as in any news report. " * 8 + "</p>\n"
            '<div class="ad"><script>var x = "<p>";</script><span hidden>Hidden</span></div>\n')
    page = "<html><head><title>News</title></head><body>" + para * (5_000_000 // len(para)) + "</body></html>"
    start = time.perf_counter()
    e = extract(page)
    elapsed = time.perf_counter() - start
    assert e.text.startswith("The KCNA reported")
    assert len(e.offsets) == len(e.text) + 1
    assert elapsed < 3.0, f"{elapsed:.2f} s for {len(page)} characters"


def test_linear_in_size():
    unit = "<div><p>Some <b>bold</b> text &amp; more</p><br></div>\n"

    def seconds(n: int) -> float:
        page = unit * n
        start = time.perf_counter()
        extract(page)
        return time.perf_counter() - start

    small, big = seconds(2000), seconds(16000)
    assert big < small * 8 * 2.5 + 0.05


def test_offsets_are_exact_on_a_real_looking_page():
    page = "".join(
        f"<p id='p{i}'>Paragraph {i} with an <em>emphasis</em> &amp; an entity &#8212; and\n  a break.</p>\n"
        for i in range(200)
    )
    e = extract(page)
    for m in re.finditer(r"Paragraph \d+", e.text):
        a, b = Origin(page, e.offsets).span(*m.span())
        assert page[a:b] == m.group()
    check_offsets(page)
