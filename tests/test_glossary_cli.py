"""`tqcheck glossary ...` end to end, and bad glossary input for `tqcheck check`."""

from __future__ import annotations

import json

import pytest

from tqcheck.glossary import tsv
from tqcheck.resources import DATA

from .conftest import SEED, tqcheck

NEWS = DATA / "glossary" / "news.tsv"
HEADER = "preferred\ttype\taccepted\tforbidden\tuk\tcase\tnote\n"


def test_lint_default_is_clean():
    r = tqcheck("glossary", "lint")
    assert r.returncode == 0 and r.stdout.decode().strip() == "no problems"


def test_lint_reports_problems_with_file_and_line(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(HEADER + "Kyiv\tplace\t\tKiev\tКиїв\t\t\nKyiv\tplace\t\t\tКиїв\t\t\nOdesa\tplace\tKiev\t\tОдеса\t\t\n",
                 encoding="utf-8")
    r = tqcheck("glossary", "lint", "--no-default-glossary", str(g))
    out = r.stdout.decode()
    assert r.returncode == 1
    assert f"{g}:3: [duplicate]" in out and "[conflict]" in out and out.rstrip().endswith("problems")


def test_lint_shadowing_over_default(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(HEADER + "Kyiv City\tplace\tKyiv\t\tКиїв\t\t\n", encoding="utf-8")
    r = tqcheck("glossary", "lint", str(g))
    assert r.returncode == 1 and "[shadowed]" in r.stdout.decode()


def test_add_remove_atomic_and_sorted(tmp_path):
    g = tmp_path / "mine.tsv"
    assert tqcheck("glossary", "add", str(g), "Ukrinform", "--type", "organisation", "--source", "uk=Укрінформ",
                   "--forbidden", "UkrInform=wrong capitals").returncode == 0
    assert tqcheck("glossary", "add", str(g), "Interfax-Ukraine", "--type", "organisation",
                   "--source", "uk=Інтерфакс-Україна", "--ref", "house style 2026").returncode == 0
    entries = tsv.load(g)
    assert [e.preferred for e in entries] == ["Interfax-Ukraine", "Ukrinform"]
    assert entries[1].forbidden == (("UkrInform", "wrong capitals"),) and entries[0].ref == "house style 2026"
    r = tqcheck("glossary", "add", str(g), "Ukrinform", "--type", "organisation")
    assert r.returncode == 2 and "already in the glossary" in r.stderr.decode()
    assert tqcheck("glossary", "add", str(g), "Ukrinform", "--type", "organisation", "--replace").returncode == 0
    assert tsv.load(g)[1].forbidden == ()
    assert tqcheck("glossary", "remove", str(g), "Ukrinform").returncode == 0
    assert [e.preferred for e in tsv.load(g)] == ["Interfax-Ukraine"]
    r = tqcheck("glossary", "remove", str(g), "Nope")
    assert r.returncode == 2 and "no entry with preferred form 'Nope'" in r.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.tsv"]
    r = tqcheck("glossary", "add", str(g), "X", "--type", "weapon")
    assert r.returncode == 2 and "--type must be one of" in r.stderr.decode()


def test_add_refuses_a_conflict(tmp_path):
    g = tmp_path / "mine.tsv"
    g.write_text(HEADER + "Kyiv\tplace\t\tKiev\tКиїв\t\t\n", encoding="utf-8")
    r = tqcheck("glossary", "add", str(g), "Kiev Oblast", "--type", "place", "--accepted", "Kiev", "--source", "uk=Київщина")
    assert r.returncode == 2 and "conflict" in r.stderr.decode()
    assert g.read_text(encoding="utf-8").count("\n") == 2  # unchanged


def test_export_import_round_trip_through_the_cli(tmp_path):
    tbx, csv, back = tmp_path / "news.tbx", tmp_path / "news.csv", tmp_path / "back.tsv"
    assert tqcheck("glossary", "export", "-o", str(tbx)).returncode == 0
    assert tqcheck("glossary", "import", str(tbx), "-o", str(back)).returncode == 0
    assert back.read_text(encoding="utf-8") == NEWS.read_text(encoding="utf-8")
    assert tqcheck("glossary", "export", str(back), "-o", str(csv)).returncode == 0
    assert tqcheck("glossary", "import", str(csv), "-o", str(back)).returncode == 0
    assert back.read_text(encoding="utf-8") == NEWS.read_text(encoding="utf-8")


def test_import_merge(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(HEADER + "Ukrinform\torganisation\t\t\tУкрінформ\t\t\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text("preferred,type,uk\nUNIAN,organisation,УНІАН\n", encoding="utf-8")
    assert tqcheck("glossary", "import", str(other), "-o", str(mine), "--merge").returncode == 0
    assert [e.preferred for e in tsv.load(mine)] == ["Ukrinform", "UNIAN"]  # sorted case-insensitively


def test_stats(tmp_path):
    r = tqcheck("glossary", "stats", str(SEED), "--format", "json")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    fired = {f["preferred"]: f for f in doc["fired"]}
    assert fired["KCNA"]["forbidden"] == 1 and fired["AP"]["forbidden"] == 1 and fired["AFU"]["forbidden"] == 1
    assert fired["Moscow"]["correct"] >= 5
    assert "Zaporizhzhia" in doc["never_fired"] and len(doc["never_fired"]) + len(fired) == doc["entries"]
    text = tqcheck("glossary", "stats", str(SEED)).stdout.decode()
    assert "never fired" in text and "KCNA" in text


def test_suggest(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The QXZT agency said so. Officials of Сумська ОДА agreed.\n"
                                  "Sviatlana Tsikhanouskaya spoke.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("The QXZT agency said it again.\nLater, Sviatlana Tsikhanous-kaya left, and "
                                  "Sviatlana Tsikhanouskaya stayed.\n", encoding="utf-8")
    r = tqcheck("glossary", "suggest", str(corpus))
    out = r.stdout.decode()
    assert r.returncode == 0
    rows = [line for line in out.splitlines() if line and not line.startswith("#")]
    assert rows[0].startswith("preferred\t")
    assert any(row.startswith("QXZT\tacronym") for row in rows)
    assert any("Сумська ОДА" in row for row in rows)
    assert "# unknown acronym, 2x: The QXZT agency said so." in out
    suggested = tmp_path / "suggested.tsv"
    suggested.write_text(out, encoding="utf-8")
    assert len(tsv.load(suggested)) == len(rows) - 1  # the rows are a glossary, ready to edit


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + "Kyiv\tplace\t\n", "g.tsv:2: 3 fields, the header has 7"),
        (HEADER + "\tplace\t\t\t\t\t\n", "g.tsv:2: empty 'preferred'"),
        (HEADER + "Kyiv\tcity\t\t\t\t\t\n", "g.tsv:2: type 'city' is not one of"),
        ("preferred\ttype\tcolour\n", "g.tsv:1: unknown column 'colour'"),
        ("", "g.tsv:1: empty glossary"),
        ("# only a comment\n", "g.tsv:1: empty glossary"),
    ],
)
def test_bad_glossary_one_line(tmp_path, content, message):
    g = tmp_path / "g.tsv"
    g.write_text(content, encoding="utf-8")
    r = tqcheck("check", str(SEED), "--glossary", str(g))
    err = r.stderr.decode()
    assert r.returncode == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_glossary_not_utf8_and_missing(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_bytes(HEADER.encode() + b"Kyiv\tplace\t\t\t" + b"\xff\xfe\t\t\n")
    r = tqcheck("check", str(SEED), "--glossary", str(g))
    assert r.returncode == 2 and f"{g}:2: not UTF-8" in r.stderr.decode()
    r = tqcheck("check", str(SEED), "--glossary", str(tmp_path / "nope.tsv"))
    assert r.returncode == 2 and "nope.tsv: no such glossary file" in r.stderr.decode()


def test_duplicate_and_empty_glossaries(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(HEADER + "Kyiv\tplace\t\tKiev\tКиїв\t\t\nKyiv\tplace\t\t\tКиїв\t\t\n", encoding="utf-8")
    r = tqcheck("check", "-", "--glossary", str(g), input=b"In Kiev.\n")
    err = r.stderr.decode()
    assert r.returncode == 2 and err.count("\n") == 1 and f"{g}:3: duplicate entry 'Kyiv' (also at {g}:2)" in err
    r = tqcheck("glossary", "lint", "--no-default-glossary", str(g))  # lint lists it among the rest
    assert r.returncode == 1 and f"{g}:3: [duplicate]" in r.stdout.decode()
    g.write_text(HEADER, encoding="utf-8")
    r = tqcheck("check", "-", "--glossary", str(g), input=b"In Kiev.\n")
    assert r.returncode == 2 and f"{g}: the glossary has no entries" in r.stderr.decode()
