"""Glossaries as TBX (TermBase eXchange, ISO 30042), the format CAT tools (Trados MultiTerm, memoQ,
Phrase, Weblate) import and export, so a desk's termbase and tqcheck can share one glossary.

Writing produces TBX v3 (ISO 30042:2019) in the TBX-Basic dialect, DCA style, using only data categories
TBX-Basic defines, so that validating tools and CAT tools keep every field:

=====================  ==================================================================================
Entry field            TBX-Basic
=====================  ==================================================================================
(one entry)            ``<conceptEntry id="c-<slug of preferred>">`` (``-2``, ``-3`` … on a clash)
type                   ``<descrip type="subjectField">`` at concept level (``person``, ``place`` …): the
                       only classifying category TBX-Basic has at that level, and CAT tools show it
                       as the entry's domain
note                   ``<note>`` at concept level
ref                    ``<admin type="source">`` at concept level (TBX-Basic's citation of where the
                       information comes from)
preferred              English ``<termSec>`` with ``administrativeStatus`` ``preferredTerm-admn-sts``
accepted               English ``<termSec>`` each, ``admittedTerm-admn-sts``
forbidden              English ``<termSec>`` each, ``deprecatedTerm-admn-sts``; the reason as a
                       ``<note>`` inside that termSec
case insensitive       ``<note>tqcheck: case-insensitive</note>`` in the English ``<langSec>``:
                       TBX-Basic has no case category, and a note is valid everywhere and visible
                       to a terminologist; it sits at language level so it cannot mix with the
                       entry's own note
sources                one ``<langSec xml:lang="uk">`` per source language, a plain ``<termSec>`` per form
=====================  ==================================================================================

Reading takes TBX v3 (``tbx``/``conceptEntry``/``langSec``/``termSec``, DCA or DCT style, in namespace
``urn:iso:std:iso:30042:ed-2`` or none) and TBX v2 (``martif``/``termEntry``/``langSet``/``tig`` or
``ntig``), as CAT tools export both. Any ``en`` language (``en-US``, ``en-GB`` …) is the target; every
other language is a source, stored under its primary subtag (``uk-UA`` → ``uk``). The preferred form is the
first English term marked preferred, else the first that is not deprecated; other preferred-marked terms
become accepted ones; ``supersededTerm-admn-sts`` counts as forbidden. A subjectField that is not one of
tqcheck's types leaves the type ``term``; several concept notes (or sources) are joined with ``; ``; a
concept without notes takes its definition as note. Other categories are ignored.

Parsing goes through defusedxml: TBX files come from other people's tools, and an entity declaration
(an XML bomb, an external entity reading local files) is refused rather than expanded.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from ..atomic import write_text
from ..errors import ConfigError
from . import tsv
from .model import TYPES, Entry

NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Namespaces that hold the TBX structure; elements in any other namespace are DCT data categories.
_TBX_NS = ("", NS, "urn:iso:std:iso:30042:ed-1", "http://www.lisa.org/TBX-Specification.33.0.html")
CASE_NOTE = "tqcheck: case-insensitive"
_STATUS = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "deprecated",
    "supersededTerm-admn-sts": "deprecated",
}
# TBX-Basic version 4 replaces administrativeStatus by usageStatus with these values.
_USAGE = {"preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated"}
_RNG = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng"
_SCH = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"


# --- writing ---------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].rstrip("-")


def _ids(entries: list[Entry]) -> list[str]:
    """Concept ids from the preferred form, so an id stays put while other entries come and go."""
    used: set[str] = set()
    out = []
    for entry in entries:
        base = "c-" + (_slug(entry.preferred) or "x")
        cid, n = base, 1
        while cid in used:
            n += 1
            cid = f"{base}-{n}"
        used.add(cid)
        out.append(cid)
    return out


def _problem(entry: Entry) -> str | None:
    problem = tsv.entry_problem(entry)
    if problem:
        return problem
    for lang, _ in entry.sources:
        if _is_english(lang):
            return f"source language {lang!r} is English, which TBX holds as the target language"
        if "-" in lang:
            return f"source language {lang!r} would read back as {_primary(lang)!r} (the primary subtag)"
    return None


def _term(out: list[str], form: str, status: str | None, note: str = "") -> None:
    out.append("          <termSec>")
    out.append(f"            <term>{_esc(form)}</term>")
    if status:
        out.append(f'            <termNote type="administrativeStatus">{status}</termNote>')
    if note:
        out.append(f"            <note>{_esc(note)}</note>")
    out.append("          </termSec>")


def dumps(entries: Iterable[Entry], *, dest: str | None = None) -> str:
    """TBX-Basic (TBX v3) text of ``entries``, sorted by preferred form and indented the same way each
    time, so that saving an unchanged glossary gives the same bytes."""
    ordered = sorted(entries, key=lambda e: e.sort_key)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml-model href="{_RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
        f'<?xml-model href="{_SCH}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{NS}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        "      <sourceDesc>",
        "        <p>tqcheck glossary</p>",
        "      </sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for entry, cid in zip(ordered, _ids(ordered)):
        problem = _problem(entry)
        if problem:
            raise tsv.entry_fail(entry, "TBX", problem, dest)
        out.append(f'      <conceptEntry id="{_attr(cid)}">')
        out.append(f'        <descrip type="subjectField">{entry.type}</descrip>')
        if entry.ref:
            out.append(f'        <admin type="source">{_esc(entry.ref)}</admin>')
        if entry.note:
            out.append(f"        <note>{_esc(entry.note)}</note>")
        out.append('        <langSec xml:lang="en">')
        if not entry.case_sensitive:
            out.append(f"          <note>{CASE_NOTE}</note>")
        _term(out, entry.preferred, "preferredTerm-admn-sts")
        for form in entry.accepted:
            _term(out, form, "admittedTerm-admn-sts")
        for form, reason in entry.forbidden:
            _term(out, form, "deprecatedTerm-admn-sts", reason)
        out.append("        </langSec>")
        for lang, forms in sorted(entry.sources):
            out.append(f'        <langSec xml:lang="{_attr(lang)}">')
            for form in forms:
                _term(out, form, None)
            out.append("        </langSec>")
        out.append("      </conceptEntry>")
    out += ["    </body>", "  </text>", "</tbx>"]
    return "\n".join(out) + "\n"


def save(path: str | Path, entries: Iterable[Entry]) -> None:
    write_text(path, dumps(entries, dest=str(path)))


# --- reading ---------------------------------------------------------------------------------------


def _split_tag(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _local(el: ET.Element) -> str:
    return _split_tag(el.tag)[1] if isinstance(el.tag, str) else ""


def _text(el: ET.Element) -> str:
    """Element text with inline markup flattened and line breaks folded, so a pretty-printed or
    hand-wrapped value reads as the one-line value every tqcheck format holds."""
    return re.sub(r"\s*[\t\n\r]\s*", " ", "".join(el.itertext())).strip()


def _primary(lang: str) -> str:
    return re.split(r"[-_]", lang.strip(), maxsplit=1)[0].lower()


def _is_english(lang: str) -> bool:
    return _primary(lang) in ("en", "eng")


def _categories(el: ET.Element) -> Iterable[tuple[str, ET.Element]]:
    """(data category, element) for the data categories directly in ``el``, in both styles: DCA
    (``<descrip type="subjectField">``) and DCT (``<min:subjectField>``). Of a group (``descripGrp``,
    ``termNoteGrp`` …) only the first child counts: the rest qualify it (the source of a definition is
    not the concept's source)."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        ns, local = _split_tag(child.tag)
        if local.endswith("Grp") and ns in _TBX_NS and local != "termGrp":
            first = next((c for c in child if isinstance(c.tag, str)), None)
            if first is not None:
                yield from _categories_of(first)
        else:
            yield from _categories_of(child)


def _categories_of(el: ET.Element) -> Iterable[tuple[str, ET.Element]]:
    ns, local = _split_tag(el.tag)
    if ns not in _TBX_NS:
        yield local, el
    elif local == "note":
        yield "note", el
    elif local in ("descrip", "admin", "termNote", "ref", "xref", "transac", "transacNote"):
        yield el.get("type", ""), el


class _Reader:
    def __init__(self, name: str, lines: dict[ET.Element, int]):
        self.name = name
        self.lines = lines

    def where(self, el: ET.Element) -> str:
        line = self.lines.get(el)
        return f"{self.name}:{line}" if line else self.name

    def fail(self, el: ET.Element, message: str) -> ConfigError:
        return ConfigError(f"{self.where(el)}: {message}")

    def status(self, sec: ET.Element) -> str | None:
        items = list(_categories(sec))
        for grp in sec:
            if _local(grp) == "termGrp":  # TBX v2 ntig: term and termNotes sit in a termGrp
                items += _categories(grp)
        for cat, el in items:
            if cat in ("administrativeStatus", "usageStatus"):
                value = _text(el)
                known = _STATUS if cat == "administrativeStatus" else _USAGE
                if value not in known:
                    raise self.fail(el, f"unknown {cat} {value!r} (expected one of {', '.join(known)})")
                return known[value]
        return None

    def term(self, sec: ET.Element) -> str:
        term = next((t for t in sec if _local(t) == "term"), None)
        if term is None:
            grp = next((g for g in sec if _local(g) == "termGrp"), None)
            term = next((t for t in grp if _local(t) == "term"), None) if grp is not None else None
        if term is None:
            raise self.fail(sec, f"<{_local(sec)}> without <term>")
        form = _text(term)
        if not form:
            raise self.fail(term, "empty <term>")
        return form

    def concept(self, concept: ET.Element) -> Entry:
        kind, notes, refs, definitions = "", [], [], []
        english: list[tuple[str, str | None, str]] = []  # (form, status, reason)
        sources: dict[str, list[str]] = {}
        case_sensitive = True
        for cat, el in _categories(concept):
            value = _text(el)
            if cat == "subjectField" and not kind:
                value = value.lower().replace("organization", "organisation")
                kind = value if value in TYPES else ""
            elif cat == "note" and value:
                notes.append(value)
            elif cat == "source" and value:
                refs.append(value)
            elif cat == "definition" and value:
                definitions.append(value)
        for sec in concept:
            if _local(sec) not in ("langSec", "langSet"):
                continue
            lang = sec.get(_XML_LANG) or sec.get("lang") or ""
            primary = _primary(lang)
            if not re.fullmatch(r"[a-z]{2,3}", primary) or primary in tsv.KNOWN:
                raise self.fail(sec, f"<{_local(sec)}> with language {lang!r}, not a language code")
            target = _is_english(lang)
            if target and any(c == "note" and _text(el) == CASE_NOTE for c, el in _categories(sec)):
                case_sensitive = False
            for term_sec in sec:
                if _local(term_sec) not in ("termSec", "tig", "ntig"):
                    continue
                form, status = self.term(term_sec), self.status(term_sec)
                if target:
                    reason = "; ".join(
                        v for c, el in _categories(term_sec) if c == "note" and (v := _text(el))
                    )
                    english.append((form, status, reason))
                else:
                    sources.setdefault(primary, []).append(form)
        cid = concept.get("id", "")
        label = f"concept {cid!r}" if cid else "concept"
        if not english:
            raise self.fail(concept, f"{label} has no English term")
        marked = [i for i, (_, status, _) in enumerate(english) if status == "preferred"]
        usable = [i for i, (_, status, _) in enumerate(english) if status != "deprecated"]
        if not usable:
            raise self.fail(concept, f"{label} has no English term that is not deprecated")
        first = (marked or usable)[0]
        return Entry(
            preferred=english[first][0],
            type=kind or "term",
            accepted=tuple(f for i, (f, s, _) in enumerate(english) if i != first and s != "deprecated"),
            forbidden=tuple((f, r) for f, s, r in english if s == "deprecated"),
            sources=tuple(sorted((lang, tuple(forms)) for lang, forms in sources.items())),
            case_sensitive=case_sensitive,
            note="; ".join(notes or definitions),
            ref="; ".join(refs),
            origin=self.where(concept),
        )


class _LineBuilder:
    """A TreeBuilder that remembers the line of each start tag, so that errors and entry origins can
    say ``file:line`` like the other formats do."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.lines: dict[ET.Element, int] = {}
        self.parser: DET.DefusedXMLParser | None = None

    def line(self) -> int:
        return self.parser.parser.CurrentLineNumber if self.parser is not None else 0

    def start(self, tag, attrs):
        el = self.builder.start(tag, attrs)
        self.lines[el] = self.line()
        return el

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


def _parse(data: bytes | str, name: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    target = _LineBuilder()
    parser = DET.DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        what = re.sub(r": line \d+, column \d+$", "", str(exc).splitlines()[0] if str(exc) else "error")
        raise ConfigError(f"{name}:{line}: not well-formed XML: {what} (column {column + 1})") from None
    except EntitiesForbidden as exc:
        where = f"{name}:{target.line()}"
        if exc.sysid or exc.pubid:
            raise ConfigError(
                f"{where}: external entity {exc.name!r} ({exc.sysid or exc.pubid}) is not allowed"
            ) from None
        raise ConfigError(f"{where}: entity declarations are not allowed (possible XML bomb)") from None
    except ExternalReferenceForbidden as exc:
        raise ConfigError(
            f"{name}:{target.line()}: external reference {exc.sysid or exc.pubid!r} is not allowed"
        ) from None
    except DefusedXmlException as exc:
        raise ConfigError(f"{name}:{target.line()}: refused: {exc}") from None
    return root, target.lines


def loads(data: bytes | str, name: str) -> list[Entry]:
    """Entries of a TBX file (v2 or v3), in file order; every problem is a one-line ConfigError."""
    root, lines = _parse(data, name)
    ns, local = _split_tag(root.tag)
    if local not in ("tbx", "martif") or ns not in _TBX_NS:
        shown = f"{{{ns}}}{local}" if ns else local
        raise ConfigError(f"{name}:{lines.get(root, 1)}: root element <{shown}> is not TBX (<tbx> or <martif>)")
    reader = _Reader(name, lines)
    return [reader.concept(el) for el in root.iter() if _local(el) in ("conceptEntry", "termEntry")]


def load(path: str | Path, *, name: str | None = None) -> list[Entry]:
    label = name or str(path)
    return loads(tsv.read_bytes(path, label), label)
