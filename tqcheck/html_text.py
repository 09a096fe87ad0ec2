"""HTML reduced to the text a reader sees, with every character mapped back to the page.

``extract(html)`` returns the visible text laid out like the plain-text articles tqcheck checks
(paragraphs separated by a blank line, ``<br>`` a line break, HTML white space collapsed), the offset
in ``html`` of each of its characters (for ``model.Origin``: findings are reported, and fixes applied,
at the page's own positions), the spans of inline ``<!-- tqcheck: ... -->`` directives, and the
``<title>``.

Why the standard library's ``html.parser.HTMLParser`` and not BeautifulSoup, lxml or selectolax: it is
a real tokenizer that takes broken markup (unclosed tags, stray ``<``, junk attributes) without
raising, it reports where every token starts, which is what exact offsets need (BeautifulSoup and
lxml build a tree and forget positions; selectolax's positions are byte offsets of its own copy),
and it costs nothing to install: the core install stays light (lxml and selectolax are C extensions
with their own wheels; BeautifulSoup needs one of them to be fast). Tree building is not needed:
visible text only needs a stack of open elements, kept here with HTML's implied end tags for the
elements that matter (``p``, ``li``, ``td``, ``tr``, ``head``...).

Details of the layout:

- Skipped, with everything inside: ``head`` (but the first ``<title>`` is kept as ``title``),
  ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``iframe``, ``object`` (and a few other
  elements whose content is never shown: ``canvas``, ``audio``, ``video``, ``datalist``,
  ``noembed``, ``noframes``), elements with a ``hidden`` attribute, ``aria-hidden="true"`` or an
  inline style with ``display:none`` or ``visibility:hidden``. Void elements never open anything
  and an unclosed element inside a skipped one is closed with it.
- Paragraph elements (``p``, ``h1``-``h6``, ``blockquote``, ``figure``, ``li``, ``tr``, ``pre``,
  lists, tables...) are separated by a blank line; other blocks (``div``, ``section``, ``article``,
  ``header``, ``footer``, ``figcaption``...) by a line break; table cells by a space; ``<br>`` is a
  line break (two in a row a blank line); inline elements nothing. Never three line breaks in a
  row, no blank line at the start or the end.
- Runs of HTML white space (space, tab, CR, LF, FF) are one space; nothing at the start or end of a
  line. Inside ``<pre>`` white space is kept (trailing spaces of a line and a third line break
  aside). ``&nbsp;`` is U+00A0, not white space.
- Character references are decoded with the HTML5 rules (``html.unescape``); each decoded character
  is mapped to the ``&`` of its reference.
- ``offsets[i]`` is the offset in ``html`` of ``text[i]``; a collapsed space or an inserted line
  break maps to the white space or the markup it stands for; ``offsets[len(text)]`` is the end of
  the last character. Offsets never decrease.
- A comment whose content starts with ``tqcheck:`` (``<!-- tqcheck: ignore TQ201 -->``) is kept in
  the text verbatim (white space inside it as single spaces, so it stays on its line), wherever it
  is (even inside a skipped element: it speaks to tqcheck, not to the reader), and its span in
  ``text`` is listed in ``directives``. Other comments are dropped.

Never raises on a ``str``. Linear in the input for ordinary pages (the parser is Python: about
10 MB/s of markup); the standard library's tokenizer of Python before 3.11.13 has quadratic
cases on some adversarial inputs (thousands of unterminated tags), fixed upstream.
"""

from __future__ import annotations

import html as _html
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

__all__ = ["DIRECTIVE_PREFIX", "Extracted", "extract"]

DIRECTIVE_PREFIX = "tqcheck:"


@dataclass(frozen=True)
class Extracted:
    """The visible text of an HTML string. ``offsets`` has ``len(text) + 1`` entries (see the module
    docstring); ``directives`` are ``(start, end)`` spans of ``text``; ``title`` is the page's
    ``<title>``, white space collapsed, or None."""

    text: str
    offsets: Sequence[int]
    directives: tuple[tuple[int, int], ...] = ()
    title: str | None = None


VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
})
SKIP = frozenset({
    "head", "title", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "audio",
    "video", "datalist", "noembed", "noframes",
})
PARAGRAPH = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "li", "tr", "pre", "table", "ul", "ol",
    "dl", "address", "details", "fieldset", "form", "caption", "hr",
})
LINE = frozenset({
    "div", "section", "article", "header", "footer", "nav", "aside", "main", "figcaption", "dt", "dd",
    "summary", "legend", "option", "optgroup", "body", "html", "center", "dialog", "hgroup", "menu", "dir",
    "search", "thead", "tbody", "tfoot", "listing", "plaintext", "xmp",
})
CELL = frozenset(("td", "th"))
PRE = frozenset(("pre", "listing", "xmp", "plaintext"))
# start tags that close an open <p> (HTML: "close a p element in button scope")
CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "main", "menu", "nav", "ol", "p", "pre", "listing", "section", "summary", "search", "table",
    "ul", "li", "dd", "dt", "xmp", "plaintext",
})
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark",
    "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    "label",
})
# start tag -> (open elements it closes, elements that stop the search)
SIBLINGS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu", "dir"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
    "optgroup": (frozenset({"optgroup", "option"}), frozenset({"select"})),
}
HEAD_CONTENT = frozenset({
    "title", "meta", "link", "style", "script", "base", "noscript", "template", "basefont", "bgsound",
})
_P = frozenset(("p",))
_SEARCH_LIMIT = 64  # how far down the stack an implied end tag is looked for (keeps it linear)

_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)")
# white space that is not exactly one space between two non-spaces: collapsed to one space
_BAD_WS = re.compile(r"[\t\n\r\f][ \t\n\r\f]*| [ \t\n\r\f]+")
_WS = re.compile(r"[ \t\n\r\f]+")
_HTML_WS = " \t\n\r\f"
_EDGE_WS = _HTML_WS + "\xa0"
_PRE_BREAK = re.compile(r"\r\n?|\n")
_COMMENT_CLOSE = re.compile(r"--!?[ \t\n\r\f]*>|-?>")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_LT = re.compile("<")  # '&' is not special to the tokenizer here: references are decoded with offsets


@lru_cache(maxsize=4096)
def _reference(raw: str) -> tuple[str, int]:
    """A character reference decoded, and how many of its last characters stay literal (the
    longest prefix that is a reference decodes: ``&notit;`` is ``¬it;``); ``(raw, len(raw))`` for
    what is not a reference (``&foo;``)."""
    if len(raw) > 40:  # an absurd number: out of range, as the HTML5 rules say
        return "\ufffd", 0
    decoded = _html.unescape(raw)
    if decoded == raw:
        return raw, len(raw)
    k = 0
    limit = min(len(raw) - 1, len(decoded) - 1)
    while k < limit and decoded[-1 - k] == raw[-1 - k]:
        k += 1
    return decoded, k


def _decode(data: str, base: int) -> tuple[str, list[int]]:
    """``data`` (at ``base`` in the page) with its character references decoded, and the original
    offset of each decoded character (the ``&`` of a reference)."""
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _ENTITY.finditer(data):
        a, b = m.span()
        if a > pos:
            parts.append(data[pos:a])
            offs.extend(range(base + pos, base + a))
        decoded, k = _reference(m.group())
        parts.append(decoded)
        if k < len(decoded):
            offs.extend([base + a] * (len(decoded) - k))
        offs.extend(range(base + b - k, base + b))
        pos = b
    if pos < len(data):
        parts.append(data[pos:])
        offs.extend(range(base + pos, base + len(data)))
    return "".join(parts), offs


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        self._src = source
        self._line_starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            self._line_starts.append(i + 1)
            i = find("\n", i + 1)
        self._closing = False
        super().__init__(convert_charrefs=False)
        # output
        self._parts: list[str] = []
        self._offs = array("q")
        self.directives: list[tuple[int, int]] = []
        # pending separator: line breaks (0-2) or a space, at the original offset of what caused it
        self._pn = 0
        self._ps = False
        self._poff = -1
        # open elements
        self._stack: list[str] = []
        self._count: dict[str, int] = {}
        self._skip: int | None = None  # stack index of the outermost skipped element
        self._pre = 0
        self._title_at: int | None = None
        self._title_parts: list[str] | None = None
        self.title: str | None = None

    # --- the tokenizer ------------------------------------------------------------------------------

    def reset(self) -> None:
        super().reset()
        self.interesting = _LT

    def clear_cdata_mode(self) -> None:
        super().clear_cdata_mode()
        self.interesting = _LT

    def parse_html_declaration(self, i: int) -> int:
        # "<![foo" makes _markupbase raise; HTML reads anything but CDATA there as a bogus comment
        if self.rawdata.startswith("<![", i) and not self.rawdata.startswith("<![CDATA[", i):
            return self.parse_bogus_comment(i)
        return super().parse_html_declaration(i)

    def parse_comment(self, i: int, report: int = 1) -> int:
        end = super().parse_comment(i, report)
        if end < 0 and self._closing:  # unterminated at the end of the page: a comment to the end (HTML5)
            return len(self.rawdata)
        return end

    def _pos(self) -> int:
        return self._line_starts[self.lineno - 1] + self.offset

    def _seek(self, offset: int) -> None:
        import bisect

        line = bisect.bisect_right(self._line_starts, offset) - 1
        self.lineno, self.offset = line + 1, offset - self._line_starts[line]

    def run(self) -> None:
        src = self._src
        pos = 0
        while True:
            try:
                self.feed(src[pos:] if pos else src)
                self._closing = True
                self.close()
                return
            except Exception:  # noqa: BLE001 -- the tokenizer gave up on a construct: read its first character as text
                p = max(self._pos(), pos)
                if p >= len(src):
                    return
                self._text(src[p], p)
                pos = p + 1
                self.rawdata = ""
                self._closing = False
                self.cdata_elem = None
                self.interesting = _LT
                self._seek(pos)

    # --- output -------------------------------------------------------------------------------------

    def _flush(self) -> None:
        parts = self._parts
        if parts and self._pn and parts[-1][-1] in " \t\f":
            self._rstrip()
        if parts:
            if self._pn:
                self._sep("\n" * self._pn)
            elif self._ps and parts[-1][-1] not in " \n":
                self._sep(" ")
        self._pn = 0
        self._ps = False
        self._poff = -1

    def _rstrip(self) -> None:
        """Drop the white space that ends the output (a line of <pre> that ends in spaces) before a
        line break is written: line breaks dropped with it count towards the pending ones."""
        parts, offs = self._parts, self._offs
        while parts:
            last = parts[-1]
            kept = last.rstrip(" \t\f\n")
            dropped = last[len(kept):]
            newlines = dropped.count("\n")
            if newlines:
                first = len(offs) - len(dropped) + dropped.index("\n")
                self._pn = min(2, max(self._pn, newlines))
                self._poff = min(self._poff, offs[first]) if self._poff >= 0 else offs[first]
            del offs[len(offs) - len(dropped):]
            if kept:
                parts[-1] = kept
                break
            parts.pop()

    def _sep(self, s: str) -> None:
        """Write the pending separator: every character of it at the pending offset."""
        self._parts.append(s)
        self._offs.extend([self._poff] * len(s))

    def _write(self, s: str, offs: Sequence[int] | None, base: int) -> None:
        """Append ``s``; its offsets are ``offs`` or, when None, ``base, base + 1, ...``."""
        if s:
            self._parts.append(s)
            self._offs.extend(range(base, base + len(s)) if offs is None else offs)

    def _pend(self, off: int) -> None:
        if self._poff < 0:
            self._poff = off

    def _space(self, off: int) -> None:
        self._pend(off)
        self._ps = True

    def _breaks(self, n: int, off: int) -> None:
        self._pend(off)
        self._pn = max(self._pn, n)

    def _boundary(self, tag: str, off: int) -> None:
        if self._skip is not None:
            return
        if tag in PARAGRAPH:
            self._breaks(2, off)
        elif tag in LINE:
            self._breaks(1, off)
        elif tag in CELL:
            self._space(off)

    # --- text ---------------------------------------------------------------------------------------

    def _text(self, data: str, pos: int) -> None:
        if self._title_parts is not None:
            self._title_parts.append(_decode(data, pos)[0] if "&" in data else data)
        if self._skip is not None:
            if self._stack[-1] == "head" and data.strip(_HTML_WS):
                self._pop_to(len(self._stack) - 1, pos)  # text in <head>: the body has begun
            if self._skip is not None:
                return
        if "&" in data:
            s, offs = _decode(data, pos)
        else:
            s, offs = data, None
        if self._pre:
            self._pre_text(s, offs, pos)
        else:
            self._flow_text(s, offs, pos)

    def _chunk(self, s: str, a: int, b: int, offs: list[int] | None, base: int) -> None:
        """Write ``s[a:b]`` (not empty), after the pending separator."""
        if self._pn or self._ps:
            self._flush()
        self._parts.append(s[a:b])
        self._offs.extend(range(base + a, base + b) if offs is None else offs[a:b])

    def _flow_text(self, s: str, offs: list[int] | None, base: int) -> None:
        # no-break spaces at the ends of a run are white space too (<p>&nbsp;</p> is an empty line)
        end = len(s.rstrip(_EDGE_WS))
        if not end:  # only white space: a space, unless a line break comes first
            self._space(base if offs is None else offs[0])
            return
        start = len(s) - len(s.lstrip(_EDGE_WS))
        if start:
            self._space(base if offs is None else offs[0])
        pos = start
        for m in _BAD_WS.finditer(s, start, end):
            a, b = m.span()
            self._chunk(s, pos, a, offs, base)
            self._space(base + a if offs is None else offs[a])
            pos = b
        self._chunk(s, pos, end, offs, base)
        if end < len(s):
            self._space(base + end if offs is None else offs[end])

    def _pre_text(self, s: str, offs: list[int] | None, base: int) -> None:
        pos = 0
        for m in _PRE_BREAK.finditer(s):
            a, b = m.span()
            line_end = len(s[pos:a].rstrip(" \t\f")) + pos
            if line_end > pos:
                self._chunk(s, pos, line_end, offs, base)
            self._breaks(min(2, self._pn + 1), base + a if offs is None else offs[a])
            pos = b
        if pos < len(s):
            self._chunk(s, pos, len(s), offs, base)

    # --- elements -----------------------------------------------------------------------------------

    def _pop_to(self, index: int, off: int) -> None:
        stack = self._stack
        while len(stack) > index:
            tag = stack.pop()
            self._count[tag] -= 1
            if tag in PRE:
                self._pre -= 1
            if self._title_at is not None and len(stack) <= self._title_at:
                parts = self._title_parts or []
                title = _WS.sub(" ", "".join(parts)).strip(_HTML_WS)
                if self.title is None and title:
                    self.title = title
                self._title_at = None
                self._title_parts = None
            if self._skip is not None and len(stack) <= self._skip:
                self._skip = None
            self._boundary(tag, off)

    def _find(self, targets: frozenset[str], stops: frozenset[str] | None, through: frozenset[str] | None) -> int:
        """Stack index of the nearest open element in ``targets``, looking down past elements in
        ``through`` (or any not in ``stops``), at most ``_SEARCH_LIMIT`` deep; -1 when none."""
        stack = self._stack
        for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _SEARCH_LIMIT), -1):
            tag = stack[k]
            if tag in targets:
                return k
            if through is not None and tag not in through:
                return -1
            if stops is not None and tag in stops:
                return -1
        return -1

    def _implied_ends(self, tag: str, off: int) -> None:
        count = self._count
        if count.get("head") and tag not in HEAD_CONTENT:
            k = len(self._stack) - 1 - self._stack[::-1].index("head")
            self._pop_to(k, off)
        if tag in CLOSES_P and count.get("p"):
            k = self._find(_P, None, INLINE)
            if k >= 0:
                self._pop_to(k, off)
        sib = SIBLINGS.get(tag)
        if sib is not None and any(count.get(t) for t in sib[0]):
            k = self._find(sib[0], sib[1], None)
            if k >= 0:
                self._pop_to(k, off)

    @staticmethod
    def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
        for name, value in attrs:
            if name == "hidden":
                return True
            if name == "aria-hidden" and (value or "").strip().lower() == "true":
                return True
            if name == "style" and value and _HIDDEN_STYLE.search(value):
                return True
        return False

    def _void(self, tag: str, off: int) -> None:
        if self._skip is not None:
            return
        if tag == "br":
            self._breaks(min(2, self._pn + 1), off)
        elif tag == "hr":
            self._breaks(2, off)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        off = self._pos()
        if tag in VOID:
            if tag == "hr" and self._count.get("p"):
                self._implied_ends(tag, off)
            self._void(tag, off)
            return
        self._implied_ends(tag, off)
        self._boundary(tag, off)
        stack = self._stack
        stack.append(tag)
        self._count[tag] = self._count.get(tag, 0) + 1
        if tag in PRE:
            self._pre += 1
        if tag == "title" and self.title is None and self._title_at is None and not self._count.get("svg"):
            self._title_at = len(stack) - 1
            self._title_parts = []
        if self._skip is None and (tag in SKIP or (attrs and self._hidden(attrs))):
            self._skip = len(stack) - 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        off = self._pos()
        if tag in VOID:
            self.handle_starttag(tag, attrs)
            return
        self._implied_ends(tag, off)  # an empty element (<div/>, XHTML): its boundaries only
        if not (tag in SKIP or (attrs and self._hidden(attrs))):
            self._boundary(tag, off)

    def handle_endtag(self, tag: str) -> None:
        off = self._pos()
        if tag in VOID:
            if tag == "br":  # </br> is <br> in HTML
                self._void(tag, off)
            return
        if not self._count.get(tag):
            self._boundary(tag, off)  # stray: </p> is an empty paragraph; a stray block still separates
            return
        stack = self._stack
        k = len(stack) - 1
        while stack[k] != tag:
            k -= 1
        self._pop_to(k, off)

    def handle_data(self, data: str) -> None:
        self._text(data, self._line_starts[self.lineno - 1] + self.offset)

    def handle_entityref(self, name: str) -> None:  # only when the tokenizer reports references
        pos = self._pos()
        end = pos + 1 + len(name)
        if self._src.startswith(";", end):
            end += 1
        self._text(self._src[pos:end], pos)

    def handle_charref(self, name: str) -> None:
        pos = self._pos()
        end = pos + 2 + len(name)
        if self._src.startswith(";", end):
            end += 1
        self._text(self._src[pos:end], pos)

    def handle_comment(self, data: str) -> None:
        if not data.lstrip().startswith(DIRECTIVE_PREFIX):
            return
        pos = self._pos()
        src = self._src
        if not src.startswith("<!--", pos):
            return  # a bogus comment (<!tqcheck: ...>) is not a directive
        end = pos + 4 + len(data)
        m = _COMMENT_CLOSE.match(src, end)
        if m:
            end = m.end()
        raw = src[pos:end]
        self._flush()
        start = len(self._offs)
        self._write(_WS.sub(lambda w: " " * len(w.group()), raw), None, pos)
        self.directives.append((start, len(self._offs)))

    # --- result -------------------------------------------------------------------------------------

    def result(self) -> Extracted:
        if self._title_at is not None:  # an unclosed <title>
            self._pop_to(self._title_at, len(self._src))
        text = "".join(self._parts)
        offs = self._offs
        cut = len(text.rstrip(" \t\f\n"))
        if cut < len(text):
            text = text[:cut]
            del offs[cut:]
        directives = tuple((s, min(e, cut)) for s, e in self.directives if s < cut)
        if text:
            last = offs[-1]
            src = self._src
            end = last + 1
            if src.startswith("&", last):
                m = _ENTITY.match(src, last)
                if m:
                    end = m.end()
            offs.append(end)
        else:
            offs.append(0)
        return Extracted(text, offs, directives, self.title)


def extract(html: str) -> Extracted:
    """The visible text of ``html`` with the page offset of each of its characters (module
    docstring). Never raises on a ``str``."""
    if not isinstance(html, str):
        raise TypeError(f"extract() takes a str, not {type(html).__name__}")
    parser = _Extractor(html)
    parser.run()
    return parser.result()
