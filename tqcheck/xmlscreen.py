"""Screening XML from elsewhere (XLIFF, TMX, feeds) before anything builds a tree of it.

One pass of defusedxml's expat reader that builds nothing: entity declarations (the billion laughs)
and external entities are refused with the line they stand on, and the first elements are noted so
that a reader can tell what the document is. Readers differ only in what they do with malformed XML:
the localisation formats refuse it, feeds hand it to feedparser's lenient reader. So ``screen``
reports, and each reader decides.
"""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass
from xml.sax.handler import ContentHandler


class _Screen(ContentHandler):
    """Builds nothing: remembers where the reader is, and the first elements with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.locator = None
        self.elements: list[tuple[str, dict[str, str]]] = []

    def setDocumentLocator(self, locator) -> None:
        self.locator = locator

    def startElement(self, name, attrs) -> None:
        if len(self.elements) < 3:
            self.elements.append((name, dict(attrs)))

    def line(self) -> str:
        return f"line {self.locator.getLineNumber()}" if self.locator is not None else "the DTD"


@dataclass(frozen=True)
class Screened:
    """``refusal``: why the document must not be read at all (one line), else None. ``malformed``:
    expat's complaint (message, line) about XML that is not well-formed. ``elements``: the root and
    its first descendants as ``(name, attributes)``, as far as expat got."""

    refusal: str | None = None
    malformed: tuple[str, int, int] | None = None
    elements: tuple[tuple[str, dict[str, str]], ...] = ()

    @property
    def root(self) -> str | None:
        return self.elements[0][0] if self.elements else None


def screen(data: bytes, *, named_by: str, needs_none: str) -> Screened:
    """Screen ``data``. The refusal messages name the input: "tqcheck does not read files or URLs
    {named_by} names"; "entity expansion is how XML bombs work; {needs_none} needs none"."""
    import defusedxml
    import defusedxml.sax

    handler = _Screen()
    try:
        defusedxml.sax.parseString(data, handler, forbid_dtd=False, forbid_entities=True, forbid_external=False)
    except defusedxml.EntitiesForbidden as exc:
        where = handler.line()
        if exc.sysid or exc.pubid:
            return Screened(f"{where}: external entity '{exc.name}' ({exc.sysid or exc.pubid}) refused: "
                            f"tqcheck does not read files or URLs {named_by} names")
        return Screened(f"{where}: entity declaration '{exc.name}' refused (entity expansion is how XML bombs "
                        f"work; {needs_none} needs none)")
    except defusedxml.DefusedXmlException as exc:
        return Screened(f"{handler.line()}: refused: {' '.join(str(exc).split())}")
    except xml.sax.SAXParseException as exc:
        message = " ".join(exc.getMessage().split())
        return Screened(None, (message, exc.getLineNumber(), (exc.getColumnNumber() or 0) + 1),
                        tuple(handler.elements))
    return Screened(elements=tuple(handler.elements))
