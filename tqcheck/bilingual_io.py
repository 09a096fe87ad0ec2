"""Loading bilingual inputs: a target file with its line-aligned ``--source``, TSV, JSON Lines, XLIFF
1.2 and 2.0, PO and TMX. Each input becomes one bilingual ``Document`` (``bilingual.from_units``) or
one ``InputError`` line naming the file; the other inputs of the run are still loaded and checked.

Formats, by suffix:

- ``--source SOURCE`` with a plain target file: line N of the target translates line N of the source;
  different numbers of lines are an error naming both counts (sacrebleu silently cuts the longer list).
- ``.tsv``: tab-separated, no quoting (news text is full of quotation marks that CSV quoting would
  eat). If the first row names a ``source`` and a ``target`` column (and optionally ``id``), columns
  are taken by name and other columns are ignored; otherwise every row has exactly two fields, source
  then target. Every row has as many fields as the first; a blank line is skipped.
- ``.jsonl``: one JSON object a line with string ``source`` and ``target`` fields (``target`` may be
  null: untranslated) and an optional ``id``; a blank line is skipped.
- ``.xlf``/``.xliff`` (XLIFF 1.x and 2.0, told apart by the root's version), ``.po``, ``.tmx``: parsed
  by translate-toolkit, the optional extra ``tqcheck[l10n]`` (GPL, and it pins lxml tightly: an extra
  rather than a core dependency). XML is first read by defusedxml's expat reader without building a
  tree: a file that declares any entity (how billion-laughs bombs and external-entity reads work) or
  is not well-formed is refused there with its line, so translate-toolkit only sees plain, well-formed
  XML whatever its version's parser settings. External DTDs (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``)
  are allowed and never fetched.

Unit ids (``SegmentPair.unit``): the line number for line-aligned files, TSV and JSON Lines (or their
``id`` column/field); the XLIFF unit id (``file/id`` when an XLIFF 1.2 file has several ``<file>``s;
``unit::segment`` for XLIFF 2.0 units of several segments); the PO ``msgctxt``, else the line of the
``msgid`` (``14[1]`` for the second plural form); the TMX ``tuid``, else the line of the ``<tu>``.

Units without a target (an XLIFF unit with no ``<target>``, an empty ``msgstr``, a TMX ``<tu>`` without
the target language) are kept with an empty target, so that a bilingual check can report them.
Units that are not to be translated (XLIFF ``translate="no"``), the PO header and obsolete (``#~``) PO
entries are left out. Fuzzy PO entries are kept as they are.

Languages: the file's own (XLIFF source/target language, the PO ``Language`` header, TMX ``xml:lang``)
must agree with ``--lang`` and ``--source-lang``; the source language, unless given, is the file's or
is guessed from the source text. Whatever the format, a target side written mostly in another script
than ``--lang``'s while the source side is in ``--lang``'s script is refused as swapped.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from . import loader
from .bilingual import AlignmentError, from_aligned_texts, from_units, split_lines
from .model import Document, InputError
from .resources import Language
from .resources import languages as known_languages

SUFFIXES = {".tsv": "tsv", ".jsonl": "jsonl", ".xlf": "xliff", ".xliff": "xliff", ".po": "po", ".tmx": "tmx"}
FORMAT_NAMES = {"xliff": "XLIFF", "po": "PO", "tmx": "TMX", "tsv": "TSV", "jsonl": "JSON Lines"}
EXTRA_HINT = "install the extra: pip install 'tqcheck[l10n]'"

Unit = tuple[str, str, str]  # (unit id, source, target)


class _Bad(Exception):
    """One problem with one input; becomes its ``InputError``."""


class _BadFile(Exception):
    """A problem with another file than the input (its ``--source``): the error names that file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def format_of(path: str) -> str | None:
    """The bilingual format a path's suffix names, or None for a plain (target-only) file."""
    return SUFFIXES.get(Path(path).suffix.lower())


def load_bilingual(
    path: str,
    *,
    source: str | None = None,
    lang: str = "en",
    source_lang: str | None = None,
    stdin: bytes | None = None,
    languages: Mapping[str, Language] | None = None,
) -> list[Document | InputError]:
    """One bilingual document from ``path`` (and, for a plain target file, its line-aligned
    ``source``), or the one-line error that says why not. ``languages`` is ``resources.languages()``
    (names, scripts and telling letters), loaded here when not given."""
    if languages is None:
        languages = known_languages()
    name = "<stdin>" if path == "-" else path
    try:
        if source is not None:
            doc = _aligned(path, name, source, lang=lang, stdin=stdin)
        else:
            fmt = format_of(path)
            if fmt is None:
                raise _Bad(f"not a bilingual file (use {', '.join(sorted(SUFFIXES))}, or give --source)")
            text_or_bytes = _read(path, name, stdin, keep_bytes=fmt in ("xliff", "tmx"))
            units, declared = _PARSERS[fmt](text_or_bytes, lang=lang, source_lang=source_lang)
            if not units:
                raise _Bad(f"no translation units in this {FORMAT_NAMES[fmt]} file, nothing to check")
            doc = from_units(units, path=name, source_path=name, lang=lang, fmt=fmt)
            if declared:
                source_lang = source_lang or declared
        return [_finish(doc, source_lang, languages)]
    except _Bad as exc:
        return [InputError(name, str(exc))]
    except _BadFile as exc:
        return [InputError(exc.path, exc.message)]


def _load(path: str, stdin: bytes | None) -> bytes | InputError:
    """The bytes of a file or stdin, or the loader's one-line reason."""
    if path != "-" and not os.path.lexists(path):
        return InputError(path, "no such file or directory")
    return loader.read(path, stdin=stdin)


def _read(path: str, name: str, stdin: bytes | None, *, keep_bytes: bool = False) -> str | bytes:
    """The decoded text (or, for XML, the bytes once they are known to be UTF-8): decoding problems
    are reported with the loader's wording (byte offset of the first bad byte)."""
    data = _load(path, stdin)
    if isinstance(data, InputError):
        raise _Bad(data.message)
    if len(data) > loader.MAX_BYTES:
        raise _Bad(f"input is over the {loader.MAX_BYTES} byte limit, not checked")
    text = loader.decode(data, name)
    if isinstance(text, InputError):
        raise _Bad(text.message)
    return data if keep_bytes else text


def _aligned(path: str, name: str, source: str, *, lang: str, stdin: bytes | None) -> Document:
    target_text = _read(path, name, stdin)
    src_name = "<stdin>" if source == "-" else source
    try:
        source_text = _read(source, src_name, stdin)
    except _Bad as exc:
        raise _BadFile(src_name, f"{exc} (the --source of {name})") from None
    assert isinstance(target_text, str) and isinstance(source_text, str)
    try:
        doc = from_aligned_texts(source_text, target_text, path=name, source_path=src_name, lang=lang)
    except AlignmentError as exc:
        raise _Bad(str(exc).removeprefix(f"{name}: ")) from None
    fmt = loader.TEXT_SUFFIXES.get(Path(path).suffix.lower(), "text")
    return replace(doc, format=fmt)


def _finish(doc: Document, source_lang: str | None, languages: Mapping[str, Language]) -> Document:
    """Ignored regions (URLs, e-mail addresses, Markdown code) of the target text, the source
    language (given, declared by the file, else guessed from the source text), and the swap test."""
    if source_lang is None and doc.source:
        source_lang = loader.guess_source_lang(doc.source, _letters(languages))
    doc = replace(doc, source_lang=source_lang, ignored=loader.ignored_regions(doc.text, doc.format))
    problem = swapped(doc, languages)
    if problem:
        raise _Bad(problem)
    return doc


# --- are source and target swapped? -----------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 100_000  # characters of each side looked at: enough to tell scripts apart, cheap on 64 MB


def _scripts(text: str) -> tuple[int, dict[str, int]]:
    from .checks._patterns import SCRIPT_CLASSES

    sample = text[:_SAMPLE]
    return len(_LETTER.findall(sample)), {
        script: len(re.findall(f"[{cls}]", sample)) for script, cls in SCRIPT_CLASSES.items()
    }


def _main_script(text: str) -> str | None:
    """The script of most of the letters (at least half of them, and at least 20), else None."""
    total, counts = _scripts(text)
    if total < 20:
        return None
    script = max(counts, key=counts.__getitem__)
    return script if counts[script] * 2 >= total else None


def _letters(languages: Mapping[str, Language]) -> dict[str, str]:
    return {code: spec.letters for code, spec in languages.items()}


def swapped(doc: Document, languages: Mapping[str, Language]) -> str | None:
    """Why ``doc`` looks swapped, or None. Cheap and only sure cases: the target side is mostly in a
    script ``doc.lang`` is not written in, and the source side mostly in one it is written in (an
    English target in Cyrillic over a Latin source). Same-script pairs (German into English) pass."""
    target = languages.get(doc.lang)
    if target is None or not doc.source:
        return None
    t_script, s_script = _main_script(doc.text), _main_script(doc.source)
    if t_script is None or s_script is None or t_script == s_script:
        return None
    if t_script in target.scripts or s_script not in target.scripts:
        return None
    declared = languages.get(doc.source_lang or "")
    if declared is not None and t_script in declared.scripts:
        t_name = declared.name
    else:
        guess = languages.get(loader.guess_source_lang(doc.text, _letters(languages)) or "")
        t_name = guess.name if guess is not None else f"{t_script}-script text"
    return f"the target looks like {t_name} and the source like {target.name}: are source and target swapped?"


# --- TSV and JSON Lines -----------------------------------------------------------------------------


def _first_bad(problems: list[str]) -> None:
    if problems:
        more = f" (and {len(problems) - 1} more such line{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        raise _Bad(problems[0] + more)


def _tsv(text: str, **_: object) -> tuple[list[Unit], None]:
    """Source and target columns named in a header row, or exactly two columns without one."""
    rows = [(n, line.split("\t")) for n, line in enumerate(split_lines(text), 1) if line.strip()]
    if not rows:
        return [], None
    names = [cell.strip().lower() for cell in rows[0][1]]
    if "source" in names and "target" in names:
        width, s_col, t_col = len(names), names.index("source"), names.index("target")
        id_col = names.index("id") if "id" in names else None
        rows = rows[1:]
        expected = f"{width}, as in the header row"
    else:
        width, s_col, t_col, id_col = 2, 0, 1, None
        expected = "2 (source, target), or a header row naming 'source' and 'target' columns"
    problems = [f"line {n}: {len(cells)} tab-separated field{'s' if len(cells) != 1 else ''}, expected {expected}"
                for n, cells in rows if len(cells) != width]
    _first_bad(problems)
    return [(cells[id_col] if id_col is not None and cells[id_col] else str(n), cells[s_col], cells[t_col])
            for n, cells in rows], None


def _jsonl(text: str, **_: object) -> tuple[list[Unit], None]:
    """One object a line: string ``source``, string or null ``target``, optional ``id``."""
    units: list[Unit] = []
    problems: list[str] = []
    for n, line in enumerate(split_lines(text), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {n}: not a JSON object with 'source' and 'target' fields")
            continue
        missing = [key for key in ("source", "target") if key not in obj]
        if missing:
            problems.append(f"line {n}: no {' and no '.join(repr(k) for k in missing)} field")
            continue
        src, tgt = obj["source"], obj["target"]
        if not isinstance(src, str) or not isinstance(tgt, (str, type(None))):
            key = "source" if not isinstance(src, str) else "target"
            problems.append(f"line {n}: {key!r} is {type(obj[key]).__name__}, not a string")
            continue
        uid = obj.get("id")
        units.append((str(uid) if isinstance(uid, (str, int)) and not isinstance(uid, bool) else str(n), src, tgt or ""))
    _first_bad(problems)
    return units, None


# --- XLIFF, PO, TMX through translate-toolkit -------------------------------------------------------


def _primary(code: str | None) -> str | None:
    """``en`` for ``en-GB``, ``en_US``, ``EN``; None for nothing or TMX's ``*all*``."""
    if not code or code.strip() == "*all*":
        return None
    return re.split(r"[-_@.]", code.strip(), maxsplit=1)[0].lower() or None


def _check_declared(fmt: str, file_src: str | None, file_tgt: str | None, lang: str, source_lang: str | None) -> str | None:
    """The file's own languages against ``--lang``/``--source-lang``; returns the declared source."""
    src, tgt = _primary(file_src), _primary(file_tgt)
    if tgt and tgt != lang:
        hint = ": are source and target swapped?" if src == lang else f": check it with --lang {tgt}"
        raise _Bad(f"the {FORMAT_NAMES[fmt]} file is translated into '{file_tgt}', but --lang is '{lang}'{hint}")
    if src and source_lang and src != source_lang:
        raise _Bad(f"the {FORMAT_NAMES[fmt]} file is translated from '{file_src}', but --source-lang is '{source_lang}'")
    if src == lang:
        raise _Bad(f"the {FORMAT_NAMES[fmt]} file is translated from '{file_src}', the --lang: are source and target swapped?")
    return src


def _toolkit(fmt: str):
    """translate-toolkit's storage modules, or the one-line hint to install the extra."""
    try:
        from translate.misc import xml_helpers
        from translate.storage import pypo, tmx, xliff, xliff2
    except ImportError:
        raise _Bad(f"reading {FORMAT_NAMES[fmt]} files needs translate-toolkit: {EXTRA_HINT}") from None
    return xliff, xliff2, pypo, tmx, xml_helpers


def screen_xml(data: bytes, fmt: str) -> list[tuple[str, dict[str, str]]]:
    """Refuse entity declarations (XML bombs, external entities) and malformed XML before any tree is
    built; return the root element and its first descendants, as ``(name, attributes)``."""
    from .xmlscreen import screen

    screened = screen(data, named_by="an input", needs_none=FORMAT_NAMES[fmt])
    if screened.refusal is not None:
        raise _Bad(screened.refusal)
    if screened.malformed is not None:
        message, line, column = screened.malformed
        raise _Bad(f"malformed XML at line {line}, column {column}: {message}")
    return list(screened.elements)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _parse_store(fmt: str, parse: Callable[[], object]):
    try:
        return parse()
    except _Bad:
        raise
    except Exception as exc:  # translate-toolkit's own refusals: one line, with the line when it says
        line = getattr(exc, "lineno", None)
        where = f" at line {line}" if isinstance(line, int) else ""
        detail = " ".join(str(exc).split()) or f"translate-toolkit could not read it ({type(exc).__name__})"
        raise _Bad(f"malformed {FORMAT_NAMES[fmt]}{where}: {detail}") from None


def _xliff(data: bytes, *, lang: str, source_lang: str | None) -> tuple[list[Unit], str | None]:
    xliff, xliff2, _, _, _ = _toolkit("xliff")
    elements = screen_xml(data, "xliff")
    root, attrs = elements[0]
    if _local(root) != "xliff":
        raise _Bad(f"not an XLIFF file: the root element is <{root}>, not <xliff>")
    if len(elements) < 2 or _local(elements[1][0]) != "file":
        raise _Bad("malformed XLIFF: no <file> element inside <xliff>")
    two = attrs.get("version", "").startswith("2") or "xliff:document:2" in attrs.get("xmlns", "")
    # the declared languages as written (translate-toolkit reports "en" for a missing srcLang)
    if two:
        file_src, file_tgt = attrs.get("srcLang"), attrs.get("trgLang")
    else:
        file_src, file_tgt = elements[1][1].get("source-language"), elements[1][1].get("target-language")
    declared = _check_declared("xliff", file_src, file_tgt, lang, source_lang)
    store = _parse_store("xliff", lambda: (xliff2.Xliff2File if two else xliff.xlifffile).parsestring(data))
    units = [u for u in store.units if u.istranslatable() and not u.isheader()]
    ids = [str(u.getid()) for u in units]
    if not two:  # XLIFF 1.x ids are "original\x04id": keep the file only when there are several
        files = {i.rpartition("\x04")[0] for i in ids}
        ids = [i.replace("\x04", "/") if len(files) > 1 else i.rpartition("\x04")[2] for i in ids]
    return [(uid, str(u.source or ""), str(u.target or "")) for uid, u in zip(ids, units)], declared


_MSGID_LINE = re.compile(r'msgid\s*"')


def _po(text: str, *, lang: str, source_lang: str | None) -> tuple[list[Unit], str | None]:
    _, _, pypo, _, _ = _toolkit("po")
    store = _parse_store("po", lambda: pypo.pofile.parsestring(text))
    header = store.parseheader() if hasattr(store, "parseheader") else {}
    declared = _check_declared("po", header.get("X-Source-Language"), header.get("Language"), lang, source_lang)
    # translate-toolkit keeps no line numbers: the Nth "msgid" line (comments and obsolete "#~"
    # entries aside) belongs to the Nth live entry, header included
    msgid_lines = [n for n, line in enumerate(text.splitlines(), 1) if _MSGID_LINE.match(line)]
    live = [u for u in store.units if not u.isobsolete()]
    if len(msgid_lines) != len(live):
        msgid_lines = list(range(1, len(live) + 1))
    units: list[Unit] = []
    for line, u in zip(msgid_lines, live):
        if u.isheader():
            continue
        uid = u.getcontext() or str(line)
        if u.hasplural():
            sources, targets = list(u.source.strings), list(u.target.strings) or [""]
            for i, tgt in enumerate(targets):
                units.append((f"{uid}[{i}]", sources[min(i, len(sources) - 1)], tgt))
        else:
            units.append((uid, str(u.source), str(u.target or "")))
    return units, declared


def _tmx(data: bytes, *, lang: str, source_lang: str | None) -> tuple[list[Unit], str | None]:
    _, _, _, tmx, xml_helpers = _toolkit("tmx")
    elements = screen_xml(data, "tmx")
    if _local(elements[0][0]) != "tmx":
        raise _Bad(f"not a TMX file: the root element is <{elements[0][0]}>, not <tmx>")
    header = next((a for name, a in elements if _local(name) == "header"), {})
    store = _parse_store("tmx", lambda: tmx.tmxfile.parsestring(data))
    tus = []
    present: dict[str, None] = {}
    for u in store.units:
        texts: dict[str, str] = {}
        for node in u.getlanguageNodes():
            code = _primary(xml_helpers.getXMLlang(node))
            if code and code not in texts:
                texts[code] = str(u.getNodeText(node) or "")
                present.setdefault(code)
        tus.append((u, texts))
    held = ", ".join(present) or "none"
    if lang not in present:
        raise _Bad(f"no <tuv> in '{lang}' (--lang); the TMX holds: {held}")
    src = source_lang
    declared = _primary(header.get("srclang"))
    if src is None and declared == lang:
        raise _Bad(f"the TMX's srclang is '{header.get('srclang')}', the --lang: are source and target swapped? "
                   "(--source-lang names the source language)")
    if src is None:
        others = [code for code in present if code != lang]
        if declared in others:
            src = declared
        elif len(others) == 1:
            src = others[0]
        elif not others:
            raise _Bad(f"the TMX holds only '{lang}', no source language")
        else:
            raise _Bad(f"the TMX holds {held}: name the source language with --source-lang")
    elif src not in present:
        raise _Bad(f"no <tuv> in '{src}' (--source-lang); the TMX holds: {held}")
    units: list[Unit] = []
    for u, texts in tus:
        if src in texts or lang in texts:
            uid = u.xmlelement.get("tuid") or str(u.xmlelement.sourceline)
            units.append((uid, texts.get(src, ""), texts.get(lang, "")))
    return units, src


_PARSERS: dict[str, Callable[..., tuple[list[Unit], str | None]]] = {
    "tsv": _tsv, "jsonl": _jsonl, "xliff": _xliff, "po": _po, "tmx": _tmx,
}

