"""Bilingual inputs: every format loads to the same (unit, source, target) triples with consistent
offsets, and every bad input is one line naming the file while the other inputs are still checked."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys

import pytest

from tqcheck.bilingual_io import EXTRA_HINT, load_bilingual
from tqcheck.model import Document, InputError

from .conftest import ROOT, tqcheck

FIXTURES = ROOT / "tests" / "fixtures" / "bilingual"
needs_toolkit = pytest.mark.skipif(
    importlib.util.find_spec("translate") is None, reason="translate-toolkit (tqcheck[l10n]) is not installed"
)

SOURCES = [
    "Президент України Володимир Зеленський зустрівся з прем'єр-міністром Польщі.",
    "У Києві вночі лунали сирени повітряної тривоги.",
    "Агентство ЦТАК повідомило про запуск балістичної ракети.",
    "Про це повідомляє Укрінформ.",
]
TARGETS = [
    "President of Ukraine Volodymyr Zelenskyy met the Prime Minister of Poland.",
    "Air raid sirens sounded in Kyiv overnight.",
    "The CTAK agency reported the launch of a ballistic missile.",
    "",  # the fourth unit is untranslated in the XLIFF, PO and TMX fixtures: kept, with an empty target
]
GOOD_TEXT = "Officials in Kiev said so.\n"


def load(path, **kw) -> Document:
    kw.setdefault("lang", "en")
    kw.setdefault("source_lang", None)
    kw.setdefault("source", None)
    (item,) = load_bilingual(str(path), **kw)
    assert isinstance(item, Document), item
    return item


def error(path, **kw) -> InputError:
    kw.setdefault("lang", "en")
    kw.setdefault("source_lang", None)
    kw.setdefault("source", None)
    (item,) = load_bilingual(str(path), **kw)
    assert isinstance(item, InputError), item
    return item


def triples(doc: Document) -> list[tuple[str, str, str]]:
    """Each pair read back through its offsets, so that the offsets are what is tested."""
    assert doc.source is not None
    return [(p.unit, doc.source[p.source_start:p.source_end], doc.text[p.start:p.end]) for p in doc.pairs]


def write(tmp_path, name: str, content: str | bytes):
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


# --- every format loads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ids", "n"),
    [
        pytest.param("news.xlf", ["p1", "p2", "p3", "p4"], 4, marks=needs_toolkit, id="xliff-1.2"),
        pytest.param("news.xliff", ["u1", "u2", "u3", "u4"], 4, marks=needs_toolkit, id="xliff-2.0"),
        # msgctxt when there is one, else the line of the msgid
        pytest.param("news.po", ["headline", "15", "18", "23"], 4, marks=needs_toolkit, id="po"),
        pytest.param("news.tmx", ["n1", "n2", "n3", "n4"], 4, marks=needs_toolkit, id="tmx"),
        pytest.param("news.tsv", ["2", "3", "4"], 3, id="tsv"),  # line numbers; line 1 is the header
        pytest.param("news.jsonl", ["1", "2", "3"], 3, id="jsonl"),
    ],
)
def test_format_loads_units_and_offsets(name, ids, n):
    doc = load(FIXTURES / name)
    assert triples(doc) == list(zip(ids, SOURCES[:n], TARGETS[:n]))
    assert doc.text == "\n".join(TARGETS[:n]) and doc.source == "\n".join(SOURCES[:n])
    assert (doc.path, doc.source_path, doc.lang, doc.source_lang) == (str(FIXTURES / name),) * 2 + ("en", "uk")


def test_line_aligned_pair():
    doc = load(FIXTURES / "news.en.txt", source=str(FIXTURES / "news.uk.txt"))
    assert triples(doc) == list(zip(["1", "2", "3"], SOURCES[:3], TARGETS[:3]))
    assert doc.source_path == str(FIXTURES / "news.uk.txt") and doc.source_lang == "uk"  # guessed from і/ї


def test_line_aligned_target_from_stdin():
    doc = load("-", source=str(FIXTURES / "news.uk.txt"), stdin=(FIXTURES / "news.en.txt").read_bytes())
    assert doc.path == "<stdin>" and triples(doc)[1] == ("2", SOURCES[1], TARGETS[1])


def test_given_source_lang_wins_over_guess():
    assert load(FIXTURES / "news.tsv", source_lang="ru").source_lang == "ru"


def test_tsv_without_header_and_with_named_columns(tmp_path):
    """Two columns without a header; with one, columns by name (order and extra columns free)."""
    bare = write(tmp_path, "bare.tsv", "Київ\tKyiv\n\nЛьвів\tLviv\n")  # a blank line is skipped
    assert triples(load(bare)) == [("1", "Київ", "Kyiv"), ("3", "Львів", "Lviv")]
    named = write(tmp_path, "named.tsv", "note\ttarget\tid\tSource\nx\tKyiv\tk1\tКиїв\ny\tLviv\t\tЛьвів\n")
    assert triples(load(named)) == [("k1", "Київ", "Kyiv"), ("3", "Львів", "Lviv")]


def test_jsonl_ids_and_null_target(tmp_path):
    p = write(tmp_path, "x.jsonl", '{"id": "a7", "source": "Київ", "target": "Kyiv"}\n\n'
                                   '{"source": "Львів", "target": null, "extra": 1}\n')
    assert triples(load(p)) == [("a7", "Київ", "Kyiv"), ("3", "Львів", "")]


@needs_toolkit
def test_po_plurals_obsolete_and_fuzzy(tmp_path):
    """Each plural form is a unit; obsolete entries and the header are not units; fuzzy ones are."""
    p = write(tmp_path, "x.po", 'msgid ""\nmsgstr "Language: en\\n"\n\n'
                                'msgctxt "count"\nmsgid "одна ракета"\nmsgid_plural "ракети"\n'
                                'msgstr[0] "one missile"\nmsgstr[1] "missiles"\n\n'
                                '#~ msgid "старе"\n#~ msgstr "old"\n\n'
                                '#, fuzzy\nmsgid "Київ"\nmsgstr "Kiev"\n')
    assert triples(load(p)) == [("count[0]", "одна ракета", "one missile"), ("count[1]", "ракети", "missiles"),
                                ("14", "Київ", "Kiev")]


@needs_toolkit
def test_xliff_1_2_several_files_and_untranslatable_units(tmp_path):
    """Ids carry the file when there are several <file>s; translate="no" units are not units."""
    p = write(tmp_path, "x.xlf", '<?xml version="1.0"?>\n'
              '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">\n'
              '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
              '<file original="a.html" source-language="uk-UA" target-language="en-GB" datatype="plaintext"><body>'
              '<trans-unit id="1" translate="no"><source>ЦТАК</source></trans-unit>'
              '<group id="g"><trans-unit id="2"><source>Київ</source><target>Kyiv</target></trans-unit></group>'
              '</body></file><file original="b.html" source-language="uk" datatype="plaintext"><body>'
              '<trans-unit id="1"><source>Львів</source><target/></trans-unit></body></file></xliff>')
    doc = load(p)
    assert triples(doc) == [("a.html/2", "Київ", "Kyiv"), ("b.html/1", "Львів", "")]
    assert doc.source_lang == "uk"  # from source-language="uk-UA"


@needs_toolkit
def test_xliff_2_segments(tmp_path):
    p = write(tmp_path, "x.xliff", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
              'srcLang="uk" trgLang="en"><file id="f"><unit id="u1">'
              '<segment id="s1"><source>Київ.</source><target>Kyiv.</target></segment>'
              '<segment id="s2"><source>Львів.</source><target>Lviv.</target></segment></unit></file></xliff>')
    assert triples(load(p)) == [("u1::s1", "Київ.", "Kyiv."), ("u1::s2", "Львів.", "Lviv.")]


TMX3 = ('<tmx version="1.4"><header srclang="{src}" datatype="plaintext" segtype="sentence" adminlang="en" '
        'o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="de"><seg>Kiew</seg></tuv><tuv xml:lang="uk"><seg>Київ</seg></tuv>'
        '<tuv xml:lang="EN-us"><seg>Kyiv</seg></tuv></tu>'
        '<tu tuid="t2"><tuv xml:lang="ru"><seg>Львов</seg></tuv><tuv xml:lang="en"><seg>Lviv</seg></tuv></tu>'
        '</body></tmx>')


@needs_toolkit
def test_tmx_languages(tmp_path):
    """--lang picks the target tuv (any region); the source is --source-lang, else the header's
    srclang, else the only other language; a tu lacking one side keeps it empty."""
    p = write(tmp_path, "x.tmx", TMX3.format(src="uk"))
    assert triples(load(p)) == [("1", "Київ", "Kyiv"), ("t2", "", "Lviv")]  # no tuid: the line of the <tu>
    assert triples(load(p, source_lang="ru")) == [("1", "", "Kyiv"), ("t2", "Львов", "Lviv")]
    assert load(p, source_lang="ru").source_lang == "ru"
    many = write(tmp_path, "all.tmx", TMX3.format(src="*all*"))
    assert error(many).message == "the TMX holds de, uk, en, ru: name the source language with --source-lang"
    assert error(p, lang="fr").message == "no <tuv> in 'fr' (--lang); the TMX holds: de, uk, en, ru"
    assert error(p, source_lang="be").message == "no <tuv> in 'be' (--source-lang); the TMX holds: de, uk, en, ru"


@needs_toolkit
def test_external_dtd_is_allowed_and_not_fetched(tmp_path):
    """TMX files name their DTD; neither the screen nor the parser reads it (no network here)."""
    p = write(tmp_path, "x.tmx", '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
              + TMX3.format(src="uk"))
    assert triples(load(p))[0] == ("3", "Київ", "Kyiv")  # no tuid: the <tu> is on line 3


# --- bad input: one line each ------------------------------------------------------------------------

BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE xliff [\n <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
        + "".join(f' <!ENTITY {b} "{("&" + a + ";") * 10}">\n' for a, b in zip("abcdefgh", "bcdefghi"))
        + ']>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
          'source-language="uk" target-language="en" datatype="plaintext"><body><trans-unit id="1">'
          '<source>Київ</source><target>&i;</target></trans-unit></body></file></xliff>\n')


def xxe(secret) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE xliff [ <!ENTITY x SYSTEM "file://{secret}"> ]>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
            'source-language="uk" target-language="en" datatype="plaintext"><body><trans-unit id="1">'
            '<source>Київ</source><target>&x;</target></trans-unit></body></file></xliff>\n')


@needs_toolkit
def test_xml_bomb_refused_before_expansion(tmp_path):
    p = write(tmp_path, "bomb.xlf", BOMB)
    assert error(p).message == "line 3: entity declaration 'a' refused (entity expansion is how XML bombs work; XLIFF needs none)"


@needs_toolkit
def test_external_entity_refused_and_not_read(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-CONTENT")
    p = write(tmp_path, "xxe.xlf", xxe(secret))
    err = error(p)
    assert err.message == (f"line 2: external entity 'x' (file://{secret}) refused: "
                           "tqcheck does not read files or URLs an input names")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("bad.xlf", '<xliff version="1.2">\n<file>\n</xliff>\n',
                     "malformed XML at line 3, column 3: mismatched tag", marks=needs_toolkit),
        pytest.param("bad.tmx", '<tmx version="1.4"><body>\n<tu><tuv xml:lang="en"><seg>a</seg></tuv></body></tmx>',
                     "malformed XML at line 2, column 44: mismatched tag", marks=needs_toolkit),
        pytest.param("nofile.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>',
                     "malformed XLIFF: no <file> element inside <xliff>", marks=needs_toolkit),
        pytest.param("tmx.xlf", '<tmx version="1.4"><header srclang="uk"/><body/></tmx>',
                     "not an XLIFF file: the root element is <tmx>, not <xliff>", marks=needs_toolkit),
        pytest.param("x.tmx", '<xliff version="1.2"/>', "not a TMX file: the root element is <xliff>, not <tmx>",
                     marks=needs_toolkit),
        pytest.param("bad.tsv", "source\ttarget\nКиїв\tKyiv\nЛьвів\tLviv\textra\n\tx\ty\n",
                     "line 3: 3 tab-separated fields, expected 2, as in the header row (and 1 more such line)"),
        pytest.param("bare.tsv", "Київ\tKyiv\nЛьвів Lviv\n",
                     "line 2: 1 tab-separated field, expected 2 (source, target), or a header row naming "
                     "'source' and 'target' columns"),
        pytest.param("bad.jsonl", '{"source": "Київ", "target": "Kyiv"}\n{"source": "Львів" "target": "Lviv"}\n',
                     "line 2: not valid JSON (Expecting ',' delimiter at column 20)"),
        pytest.param("fields.jsonl", '{"source": "Київ"}\n', "line 1: no 'target' field"),
        pytest.param("type.jsonl", '[1, 2]\n', "line 1: not a JSON object with 'source' and 'target' fields"),
        pytest.param("int.jsonl", '{"source": 5, "target": "Kyiv"}\n', "line 1: 'source' is int, not a string"),
        pytest.param("empty.tsv", "source\ttarget\n", "no translation units in this TSV file, nothing to check"),
        pytest.param("latin1.tsv", "Київ\tKyiv\n".encode() + b"\xff\n",
                     "not valid UTF-8 at byte offset 14 (invalid start byte), not checked"),
    ],
)
def test_malformed_file(tmp_path, name, content, message):
    assert error(write(tmp_path, name, content)).message == message


@needs_toolkit
def test_malformed_po_names_the_line(tmp_path):
    err = error(write(tmp_path, "bad.po", 'msgid "Київ"\nmsgstr "Kyiv"\nthis is not PO\n'))
    # the quoted line differs between translate-toolkit versions; the line number does not
    assert err.message.startswith("malformed PO: Syntax error on line 3: ")


def test_missing_bilingual_file(tmp_path):
    assert str(error(tmp_path / "gone.tsv")) == f"{tmp_path / 'gone.tsv'}: no such file or directory"


def test_mismatched_counts_name_both_files_and_counts(tmp_path):
    src = write(tmp_path, "src.txt", "Київ\nЛьвів\nОдеса\n")
    tgt = write(tmp_path, "tgt.txt", "Kyiv\nLviv\n")
    err = error(tgt, source=str(src))
    assert str(err) == (f"{tgt}: 2 target segments but {src} has 3 source segments; "
                        "line-aligned files must have one segment per line in both")


def test_missing_and_undecodable_source_name_the_source(tmp_path):
    tgt = write(tmp_path, "tgt.txt", "Kyiv\n")
    err = error(tgt, source=str(tmp_path / "nope.txt"))
    assert str(err) == f"{tmp_path / 'nope.txt'}: no such file or directory (the --source of {tgt})"
    bad = write(tmp_path, "src.txt", b"\xd0\x9a\xd0\n")
    assert str(error(tgt, source=str(bad))) == (
        f"{bad}: not valid UTF-8 at byte offset 2 (invalid continuation byte), not checked (the --source of {tgt})")


def test_swapped_sides(tmp_path):
    """Target mostly Cyrillic over a Latin source, with --lang en: refused, with both languages named."""
    src = write(tmp_path, "src.txt", "".join(t + "\n" for t in TARGETS[:3]))
    tgt = write(tmp_path, "tgt.txt", "".join(s + "\n" for s in SOURCES[:3]))
    expected = "the target looks like Ukrainian and the source like English: are source and target swapped?"
    assert error(tgt, source=str(src)).message == expected
    swapped_tsv = write(tmp_path, "x.tsv", "".join(f"{t}\t{s}\n" for s, t in zip(SOURCES[:3], TARGETS[:3])))
    assert error(swapped_tsv).message == expected
    # the right way round, and a same-script pair (no opinion), both load
    load(src, source=str(tgt))
    load(tgt, source=str(src), lang="uk")
    load(write(tmp_path, "de.tsv", "Kiew liegt am Dnipro.\tKyiv lies on the Dnipro river.\n" * 3))


@needs_toolkit
def test_declared_languages_against_options(tmp_path):
    xlf = FIXTURES / "news.xlf"
    assert error(xlf, lang="de").message == "the XLIFF file is translated into 'en', but --lang is 'de': check it with --lang en"
    assert error(xlf, source_lang="ru").message == "the XLIFF file is translated from 'uk', but --source-lang is 'ru'"
    po = write(tmp_path, "x.po", 'msgid ""\nmsgstr "Language: uk\\n"\n\nmsgid "Kyiv"\nmsgstr "Київ"\n')
    assert error(po).message == "the PO file is translated into 'uk', but --lang is 'en': check it with --lang uk"
    rev = write(tmp_path, "rev.xliff", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                'srcLang="en" trgLang="uk"><file id="f"><unit id="u"><segment><source>Kyiv</source>'
                '<target>Київ</target></segment></unit></file></xliff>')
    assert error(rev).message == "the XLIFF file is translated into 'uk', but --lang is 'en': are source and target swapped?"
    tmx = write(tmp_path, "x.tmx", TMX3.format(src="en"))
    assert error(tmx).message.startswith("the TMX's srclang is 'en', the --lang: are source and target swapped?")


def problems(stderr: bytes) -> list[str]:
    """The lines of stderr less the once-per-run notice of a check skipped for want of an optional
    extra (the re-translation check, without argostranslate): those are not input problems."""
    return [line for line in stderr.decode().splitlines() if " skipped: " not in line]


def test_missing_toolkit_is_one_line(tmp_path):
    """Without the l10n extra an XLIFF/PO/TMX file is a one-line hint; TSV and JSONL need nothing."""
    code = (
        "import sys; sys.modules['translate'] = None\n"
        "from tqcheck.cli import main\n"
        f"sys.exit(main(['check', {str(FIXTURES / 'news.po')!r}, {str(FIXTURES / 'news.xlf')!r}, "
        f"{str(FIXTURES / 'news.tsv')!r}, '--format', 'json']))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, cwd=ROOT, timeout=300)
    err = problems(r.stderr)
    assert r.returncode == 2 and err == [
        f"tqcheck: {FIXTURES / 'news.po'}: reading PO files needs translate-toolkit: {EXTRA_HINT}",
        f"tqcheck: {FIXTURES / 'news.xlf'}: reading XLIFF files needs translate-toolkit: {EXTRA_HINT}",
    ]
    assert EXTRA_HINT == "install the extra: pip install 'tqcheck[l10n]'"
    assert [d["path"] for d in json.loads(r.stdout)["documents"]] == [str(FIXTURES / "news.tsv")]


# --- the command line --------------------------------------------------------------------------------


def test_cli_line_aligned_pair_is_checked():
    r = tqcheck("check", str(FIXTURES / "news.en.txt"), "--source", str(FIXTURES / "news.uk.txt"), "--format", "json")
    assert r.returncode == 1, r.stderr.decode()  # findings (CTAK), not an input error
    (doc,) = json.loads(r.stdout)["documents"]
    assert (doc["path"], doc["source_lang"]) == (str(FIXTURES / "news.en.txt"), "uk")
    assert "TQ301" in {f["code"] for f in doc["findings"]}  # target-side checks ran on the target text


@needs_toolkit
def test_cli_formats_and_plain_text_together(tmp_path):
    plain = write(tmp_path, "plain.txt", GOOD_TEXT)
    names = ["news.xlf", "news.xliff", "news.po", "news.tmx", "news.tsv", "news.jsonl"]
    r = tqcheck("check", *(str(FIXTURES / n) for n in names), str(plain), "--format", "json")
    assert r.returncode == 1 and problems(r.stderr) == []
    docs = json.loads(r.stdout)["documents"]
    assert [d["path"] for d in docs] == [str(FIXTURES / n) for n in names] + [str(plain)]


def _bad_inputs(tmp_path):
    """(arguments, the file the one stderr line must name) for every bad-input case."""
    src3 = write(tmp_path, "src3.txt", "Київ\nЛьвів\nОдеса\n")
    tgt2 = write(tmp_path, "tgt2.txt", "Kyiv\nLviv\n")
    en = write(tmp_path, "en.txt", "".join(t + "\n" for t in TARGETS[:3]))
    uk = write(tmp_path, "uk.txt", "".join(s + "\n" for s in SOURCES[:3]))
    files = {
        "bad.xlf": '<xliff version="1.2">\n<file>\n</xliff>\n',
        "bad.po": 'msgid "Київ"\nmsgstr "Kyiv"\nthis is not PO\n',
        "bad.tmx": '<tmx version="1.4"><body>\n<tu></body></tmx>\n',
        "bomb.xlf": BOMB,
        "xxe.xlf": xxe(tmp_path / "secret.txt"),
        "bad.tsv": "Київ\tKyiv\textra\n",
        "bad.jsonl": "{oops}\n",
        "latin1.jsonl": b'{"source": "\xcf", "target": "x"}\n',
    }
    cases = [([str(write(tmp_path, n, c))], n) for n, c in files.items()]
    cases += [
        ([str(tgt2), "--source", str(src3)], "tgt2.txt"),  # mismatched counts
        ([str(tgt2), "--source", str(tmp_path / "missing.txt")], "missing.txt"),
        ([str(uk), "--source", str(en)], "uk.txt"),  # swapped
    ]
    return cases


BAD_NAMES = ["bad.xlf", "bad.po", "bad.tmx", "bomb.xlf", "xxe.xlf", "bad.tsv", "bad.jsonl", "latin1.jsonl",
             "mismatch", "missing-source", "swapped"]


@pytest.mark.parametrize("case", range(len(BAD_NAMES)), ids=BAD_NAMES)
def test_cli_bad_input_is_one_line_and_others_still_checked(tmp_path, case):
    if BAD_NAMES[case].endswith((".xlf", ".po", ".tmx")) and importlib.util.find_spec("translate") is None:
        pytest.skip("translate-toolkit (tqcheck[l10n]) is not installed")
    args, named = _bad_inputs(tmp_path)[case]
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    others = [] if "--source" in args else [str(good), str(FIXTURES / "news.tsv")]
    r = tqcheck("check", *args, *others, "--format", "json")
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err
    (line,) = problems(r.stderr)
    assert line.startswith(f"tqcheck: {tmp_path / named}: "), line
    report = json.loads(r.stdout)
    assert [d["path"] for d in report["documents"]] == others
    assert len(report["summary"]["errors"]) == 1
    assert "TOP-SECRET" not in r.stdout.decode() + err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "b.txt", "--source", "s.txt"], "--source pairs one target file with its source"),
        ([str(FIXTURES / "news.tsv"), "--source", "s.txt"], "--source is for a plain target file"),
        (["-", "--source", "-"], "cannot both be stdin"),
    ],
)
def test_cli_bad_source_option(args, message):
    r = tqcheck("check", *args, input=b"")
    (line,) = problems(r.stderr)
    assert r.returncode == 2 and line.startswith("tqcheck: error: ") and message in line


def test_fix_still_reads_bilingual_files_as_text(tmp_path):
    """fix writes files back: a TSV is fixed as the text it is, never replaced by its target column."""
    p = tmp_path / "news.tsv"
    shutil.copy(FIXTURES / "news.tsv", p)
    r = tqcheck("fix", str(p))
    assert r.returncode == 0
    out = r.stdout.decode()
    assert out.startswith("source\ttarget\n") and "The KCNA agency" in out and SOURCES[0] in out
