"""Glossary file formats: TSV, CSV and TBX round trips, foreign TBX files, hostile and broken input,
and atomic saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tqcheck.errors import ConfigError
from tqcheck.glossary import csvfmt, formats, tbx, tsv
from tqcheck.glossary.model import Entry

NEWS = Path(__file__).resolve().parent.parent / "tqcheck" / "data" / "glossary" / "news.tsv"

HANDMADE = [
    Entry(
        preferred="Kyiv",
        type="place",
        accepted=("Kyiv City",),
        forbidden=(("Kiev", "Russian-based spelling, dropped by AP in 2019"), ("Kyjiv", "")),
        sources=(("pl", ("Kijów",)), ("ru", ("Киев",)), ("uk", ("Київ", "м. Київ"))),
        note="capital of Ukraine; \"Kyiv\" since 2019 <AP> & BBC",
        ref="AP Stylebook 2019",
    ),
    Entry(
        preferred="AFU",
        type="acronym",
        accepted=("Armed Forces of Ukraine", "Ukrainian Armed Forces", "ZSU (in quotes)"),
        forbidden=(("ZSU", "transliterated Ukrainian acronym ЗСУ = Збройні сили України"),),
        sources=(("ru", ("ВСУ", "ВСУ Украины")), ("uk", ("ЗСУ",))),
        note="Armed Forces of Ukraine",
    ),
    Entry(preferred="drone", case_sensitive=False, forbidden=(("dron", ""),), sources=(("uk", ("дрон",)),)),
    Entry(preferred="Zelenskyy", type="person", accepted=("Zelensky",), forbidden=(("Zelenskiy", "old"),),
          sources=(("de", ("Selenskyj",)), ("fr", ("Zelensky",)), ("uk", ("Зеленський",))),
          ref="https://apnews.com/ap-stylebook"),
    Entry(preferred="ceasefire", case_sensitive=False, note="one word"),
    Entry(preferred="Ceasefire Ltd", type="organisation"),
]


def _sorted(entries):
    return sorted(entries, key=lambda e: e.sort_key)


@pytest.fixture(scope="module")
def news() -> list[Entry]:
    entries = tsv.load(NEWS)
    assert len(entries) == 654
    return entries


def _assert_one_line(info, name: str) -> str:
    message = str(info.value)
    assert "\n" not in message and message.startswith(name), message
    return message


# --- round trips -----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["news", "handmade"])
@pytest.mark.parametrize(("mod", "suffix"), [(tsv, ".tsv"), (csvfmt, ".csv"), (tbx, ".tbx")])
def test_round_trip(news, which, mod, suffix, tmp_path):
    entries = news if which == "news" else HANDMADE
    path = tmp_path / f"g{suffix}"
    mod.save(path, entries)
    back = mod.load(path)
    assert back == _sorted(entries)
    assert all(e.origin.startswith(f"{path}:") and e.origin.rsplit(":", 1)[1].isdigit() for e in back)
    text = mod.dumps(entries)
    assert mod.dumps(back) == text
    again = tmp_path / f"again{suffix}"
    mod.save(again, back)
    assert again.read_bytes() == path.read_bytes()
    # and through the chooser, by suffix
    assert formats.load(path) == _sorted(entries)


def test_tsv_property_on_strings():
    text = tsv.dumps(HANDMADE)
    assert tsv.parse(text, "x") == _sorted(HANDMADE)
    assert tsv.dumps(tsv.parse(text, "x")) == text


def test_tsv_layout():
    text = tsv.dumps(HANDMADE)
    lines = text.split("\n")
    assert lines[0] == "# tqcheck glossary (TSV); format: see FORMAT.md"
    assert lines[1] == "preferred\ttype\taccepted\tforbidden\tde\tfr\tpl\tru\tuk\tcase\tnote\tref"
    assert text.endswith("\n") and "\r" not in text
    kyiv = next(line for line in lines if line.startswith("Kyiv\t")).split("\t")
    assert kyiv[3] == "Kiev = Russian-based spelling, dropped by AP in 2019 | Kyjiv"
    assert kyiv[8] == "Київ | м. Київ" and kyiv[9] == "sensitive"
    assert [line.split("\t")[0] for line in lines[2:-1]] == [e.preferred for e in _sorted(HANDMADE)]


def test_tsv_parse_unchanged_after_refactor():
    with pytest.raises(ConfigError, match=r"^g.tsv:3: 2 fields, the header has 3$"):
        tsv.parse("# c\npreferred\ttype\tnote\nA\tterm\n", "g.tsv")
    with pytest.raises(ConfigError, match=r"^g.tsv:2: type 'thing' is not one of"):
        tsv.parse("preferred\ttype\nA\tthing\n", "g.tsv")
    with pytest.raises(ConfigError, match=r"^g.tsv:1: unknown column 'Notes' \(not a language code\)$"):
        tsv.parse("preferred\tNotes\n", "g.tsv")


def test_csv_quotes_and_multiline_records():
    text = csvfmt.dumps(HANDMADE)
    assert text.splitlines()[0] == "preferred,type,accepted,forbidden,de,fr,pl,ru,uk,case,note,ref"
    assert '"capital of Ukraine; ""Kyiv"" since 2019 <AP> & BBC"' in text
    # a spreadsheet's export: CRLF, padding rows, a quoted cell spanning lines is an error of the row
    sheet = 'preferred,type,uk\r\nKyiv,place,Київ\r\n,,\r\n"Odesa",place,"Одеса | Одесса"\r\n'
    entries = csvfmt.loads(sheet, "s.csv")
    assert [(e.preferred, e.source_forms("uk"), e.origin) for e in entries] == [
        ("Kyiv", ("Київ",), "s.csv:2"), ("Odesa", ("Одеса", "Одесса"), "s.csv:4")]


def test_csv_save_has_bom_for_excel(tmp_path):
    path = tmp_path / "g.csv"
    csvfmt.save(path, HANDMADE)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfpreferred,")
    assert path.read_text(encoding="utf-8-sig") == csvfmt.dumps(HANDMADE)


def test_tbx_shape():
    text = tbx.dumps(HANDMADE)
    assert '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">' in text
    assert '<conceptEntry id="c-kyiv">' in text and '<conceptEntry id="c-afu">' in text
    assert text.count("preferredTerm-admn-sts</termNote>") == len(HANDMADE)
    assert "<note>Russian-based spelling, dropped by AP in 2019</note>" in text
    assert '<admin type="source">AP Stylebook 2019</admin>' in text
    assert '<descrip type="subjectField">place</descrip>' in text
    assert "&lt;AP&gt; &amp; BBC" in text
    assert text.count(f"<note>{tbx.CASE_NOTE}</note>") == 2


def test_tbx_ids_unique_and_stable():
    same_slug = [Entry(preferred="Geran 2"), Entry(preferred="Geran-2"), Entry(preferred="Київ")]
    text = tbx.dumps(same_slug)
    assert '<conceptEntry id="c-geran-2">' in text and '<conceptEntry id="c-geran-2-2">' in text
    assert '<conceptEntry id="c-x">' in text
    assert tbx.loads(text.encode(), "x.tbx") == _sorted(same_slug)


# --- foreign TBX -----------------------------------------------------------------------------------

V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>exported by a CAT tool</p></sourceDesc></fileDesc></martifHeader>
  <text>
    <body>
      <termEntry id="t1">
        <descrip type="subjectField">Place</descrip>
        <descripGrp><descrip type="definition">capital of Ukraine</descrip>
          <admin type="source">Wikipedia</admin></descripGrp>
        <langSet xml:lang="uk-UA">
          <tig><term>Київ</term></tig>
        </langSet>
        <langSet xml:lang="en-US">
          <tig><term>Kiev</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            <note>Russian-based</note></tig>
          <ntig><termGrp><term>Kyiv</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
        </langSet>
        <langSet xml:lang="en-GB">
          <tig><term>Kyiv city</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        </langSet>
        <langSet xml:lang="RU">
          <tig><term>Киев</term></tig>
        </langSet>
      </termEntry>
      <termEntry id="t2">
        <langSet lang="en"><tig><term>
          ceasefire
        </term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""

V3_OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>Other tool</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="C0001">
      <note>first note</note>
      <note>second <hi>note</hi></note>
      <langSec xml:lang="de-DE"><termSec><term>Waffenruhe</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>ceasefire</term></termSec><termSec><term>truce</term></termSec></langSec>
      <langSec xml:lang="uk"><termSec><term>перемир'я</term></termSec><termSec><term>припинення вогню</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

V3_DCT = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>DCT</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <min:subjectField>organisation</min:subjectField>
      <basic:source>desk</basic:source>
      <langSec xml:lang="en">
        <termSec><term>NATO</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>OTAN</term><min:administrativeStatus>supersededTerm-admn-sts</min:administrativeStatus></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_v2_martif(tmp_path):
    path = tmp_path / "cat.tbx"
    path.write_text(V2, encoding="utf-8")
    kyiv, ceasefire = tbx.load(path)
    assert kyiv == Entry(
        preferred="Kyiv",
        type="place",
        accepted=("Kyiv city",),
        forbidden=(("Kiev", "Russian-based"),),
        sources=(("ru", ("Киев",)), ("uk", ("Київ",))),
        note="capital of Ukraine",
    )
    assert kyiv.origin == f"{path}:7"
    assert ceasefire == Entry(preferred="ceasefire")
    # what another tool wrote reads back the same after our own export
    assert tbx.loads(tbx.dumps([kyiv, ceasefire]).encode(), "x") == [ceasefire, kyiv]


def test_tbx_v3_without_administrative_status():
    (entry,) = tbx.loads(V3_OTHER_TOOL.encode(), "other.tbx")
    assert entry == Entry(
        preferred="ceasefire",
        accepted=("truce",),
        sources=(("de", ("Waffenruhe",)), ("uk", ("перемир'я", "припинення вогню"))),
        note="first note; second note",
    )


def test_tbx_v3_dct_style():
    (entry,) = tbx.loads(V3_DCT.encode(), "dct.tbx")
    assert entry == Entry(preferred="NATO", type="organisation", forbidden=(("OTAN", ""),), ref="desk")


# --- rejected input --------------------------------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&lol9;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY x SYSTEM "file:///etc/passwd">
]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<tbx xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n<conceptEntry id="a">\n</body></text></tbx>\n',
         r"bad.tbx:4: not well-formed XML: mismatched tag"),
        (BOMB, r"bad.tbx:3: entity declarations are not allowed \(possible XML bomb\)"),
        (EXTERNAL, r"bad.tbx:3: external entity 'x' \(file:///etc/passwd\) is not allowed"),
        ('<?xml version="1.0"?>\n<html><body><p>hi</p></body></html>\n',
         r"bad.tbx:2: root element <html> is not TBX"),
        (('<tbx>\n<text><body>\n<conceptEntry id="c9">\n<langSec xml:lang="uk-UA"><termSec><term>Київ</term>'
          "</termSec></langSec></conceptEntry></body></text></tbx>"),
         r"bad.tbx:3: concept 'c9' has no English term"),
        (('<martif><text><body>\n<termEntry><langSet xml:lang="en"><tig><term>x</term>\n'
          '<termNote type="administrativeStatus">approved</termNote></tig></langSet></termEntry></body></text></martif>'),
         r"bad.tbx:3: unknown administrativeStatus 'approved'"),
        (('<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>x</term>'
          '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>'
          "</conceptEntry></body></text></tbx>"),
         r"bad.tbx:1: concept has no English term that is not deprecated"),
    ],
    ids=["unclosed", "bomb", "external-entity", "not-tbx", "no-english", "bad-status", "all-deprecated"],
)
def test_tbx_rejects(tmp_path, text, message):
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        formats.load(path, name="bad.tbx")
    _assert_one_line(info, "bad.tbx:")


def test_tbx_bomb_is_not_expanded():
    """defusedxml refuses at the declaration, so the refusal is instant and small."""
    with pytest.raises(ConfigError, match="XML bomb"):
        tbx.loads(BOMB.replace("&lol9;", "&lol9;" * 1000).encode(), "b.tbx")


def test_csv_wrong_field_count(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("preferred,type,uk\nKyiv,place,Київ\nOdesa,place\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"g.csv:3: 2 fields, the header has 3$") as info:
        csvfmt.load(path)
    _assert_one_line(info, str(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("preferred,kind\nA,term\n", r"x.csv:1: unknown column 'kind'"),
        ("type,note\nterm,x\n", r"x.csv:1: header has no 'preferred' column"),
        ("preferred,type\n,term\n", r"x.csv:2: empty 'preferred'"),
        ("preferred,type\nA,thing\n", r"x.csv:2: type 'thing' is not one of"),
        ("preferred,case\nA,maybe\n", r"x.csv:2: case must be 'sensitive' or 'insensitive'"),
        ('preferred,note\nA,"unclosed\n', r"x.csv:\d+: not valid CSV"),
        ("# only a comment\n", r"x.csv:1: empty glossary"),
    ],
)
def test_csv_rejects(text, message):
    with pytest.raises(ConfigError, match=message) as info:
        csvfmt.loads(text, "x.csv")
    _assert_one_line(info, "x.csv:")


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        (Entry(preferred="A", note="one\ttwo", origin="in.tbx:12"), "note 'one\\ttwo' contains a tab"),
        (Entry(preferred="A", note="one\ntwo"), "contains a line break"),
        (Entry(preferred="A", accepted=("B | C",)), "contains '|'"),
        (Entry(preferred="A", sources=(("uk", ("а|б",)),)), "uk form 'а|б' contains '|'"),
        (Entry(preferred="A", forbidden=(("B = C", ""),)), "contains ' = '"),
        (Entry(preferred="#tag"), "starts with '#'"),
        (Entry(preferred=" A"), "leading or trailing white space"),
        (Entry(preferred="A", type="thing"), "type 'thing'"),
    ],
)
def test_tsv_save_refuses_what_it_cannot_hold(tmp_path, entry, fragment):
    path = tmp_path / "g.tsv"
    with pytest.raises(ConfigError) as info:
        tsv.save(path, [Entry(preferred="ok"), entry])
    message = _assert_one_line(info, entry.origin or str(path))
    assert fragment in message and repr(entry.preferred) in message
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_tbx_save_refuses_what_would_read_back_different():
    with pytest.raises(ConfigError, match="would read back as 'pt'"):
        tbx.dumps([Entry(preferred="A", sources=(("pt-BR", ("a",)),))])
    with pytest.raises(ConfigError, match="is English"):
        tbx.dumps([Entry(preferred="A", sources=(("en", ("a",)),))])
    # TBX holds what TSV cannot
    odd = [Entry(preferred="#tag", accepted=("B | C",))]
    assert tbx.loads(tbx.dumps(odd).encode(), "x") == odd


# --- chooser and atomic saves ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [("g.tsv", None, "tsv"), ("g.TXT", None, "tsv"), ("g.csv", None, "csv"), ("g.tbx", None, "tbx"),
     ("g.xml", None, "tbx"), ("g.dat", "csv", "csv"), ("g.tsv", "TBX", "tbx")],
)
def test_format_chooser(tmp_path, name, fmt, expected):
    assert formats.detect(tmp_path / name, fmt) == expected
    formats.save(tmp_path / name, HANDMADE, fmt)
    assert formats.FORMATS[expected].load(tmp_path / name) == _sorted(HANDMADE)
    assert formats.load(tmp_path / name, fmt) == _sorted(HANDMADE)


def test_format_chooser_rejects(tmp_path):
    with pytest.raises(ConfigError, match=r"g.json: cannot tell the glossary format from the suffix '.json'"):
        formats.load(tmp_path / "g.json")
    with pytest.raises(ConfigError, match=r"unknown glossary format 'yaml'"):
        formats.save(tmp_path / "g.tsv", HANDMADE, "yaml")
    with pytest.raises(ConfigError, match=r"missing.tbx: no such glossary file"):
        formats.load(tmp_path / "missing.tbx")


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_atomic_save(tmp_path, monkeypatch, fmt):
    path = tmp_path / f"g.{fmt}"
    formats.save(path, HANDMADE[:2])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    old = path.read_bytes()

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        formats.save(path, HANDMADE)
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
