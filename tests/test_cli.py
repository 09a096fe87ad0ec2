"""The command line, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json

from tqcheck import __version__

from .conftest import SEED, tqcheck


def test_version():
    r = tqcheck("--version")
    assert r.returncode == 0
    assert r.stdout.decode().strip() == f"tqcheck {__version__}"


def test_check_seed_rich_exit_1():
    r = tqcheck("check", str(SEED))
    assert r.returncode == 1
    out = r.stdout.decode()
    assert "TQ101" in out and "Findings by code" in out
    assert "[-CTAK-]{+KCNA+}" in out  # the word diff, without colour


def test_fail_on_levels():
    assert tqcheck("check", str(SEED), "--fail-on", "never").returncode == 0
    assert tqcheck("check", str(SEED), "--fail-on", "error").returncode == 1
    assert tqcheck("check", str(SEED), "--select", "TQ401", "--fail-on", "error").returncode == 0


def test_json_contract():
    r = tqcheck("check", str(SEED), "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["tool"] == {"name": "tqcheck", "version": __version__}
    (d,) = doc["documents"]
    assert d["path"] == str(SEED)
    keys = {"code", "name", "severity", "category", "message", "start", "end", "line", "column",
            "end_line", "end_column", "text", "suggestions"}
    text = SEED.read_text(encoding="utf-8")
    for f in d["findings"]:
        assert keys <= set(f)
        assert text[f["start"]:f["end"]] == f["text"]  # code-point offsets into the decoded text
        assert f["severity"] in ("error", "warning", "info")
    assert doc["summary"]["findings"] == len(d["findings"])
    assert sum(doc["summary"]["by_code"].values()) == len(d["findings"])


def test_text_format_lines():
    r = tqcheck("check", str(SEED), "--format", "text")
    lines = r.stdout.decode().splitlines()
    assert lines and all(line.startswith(f"{SEED}:") for line in lines)
    assert any(": TQ301 [error] 'CTAK'" in line for line in lines)


def test_stdin():
    r = tqcheck("check", "-", "--format", "text", input=b"Officials in Kiev said so.\n")
    assert r.returncode == 1
    assert r.stdout.decode().startswith("<stdin>:1:14: TQ301")


def test_directory_recursion(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("The article is in Ukrainian\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("All is well here.\n", encoding="utf-8")
    (tmp_path / "skip.json").write_text("{}", encoding="utf-8")
    r = tqcheck("check", str(tmp_path), "--format", "json")
    paths = sorted(d["path"] for d in json.loads(r.stdout)["documents"])
    assert paths == sorted([str(tmp_path / "a" / "one.md"), str(tmp_path / "two.txt")])


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    r = tqcheck("check", str(SEED), "--format", "json", "--output", str(out))
    assert r.returncode == 1 and not r.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] > 10
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_unknown_lang_one_line():
    r = tqcheck("check", str(SEED), "--lang", "xx")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "unknown --lang 'xx'" in err and "Traceback" not in err


def test_unknown_code():
    r = tqcheck("check", str(SEED), "--select", "TQ8")
    assert r.returncode == 2 and "unknown check code" in r.stderr.decode()


def test_usage_error_exit_2():
    assert tqcheck("check").returncode == 2
    assert tqcheck("frobnicate").returncode == 2


def test_rules_list_and_explain():
    r = tqcheck("rules")
    out = r.stdout.decode()
    assert r.returncode == 0 and "TQ101" in out and "mt-notice" in out
    r = tqcheck("rules", "TQ301")
    out = r.stdout.decode()
    assert "What it does:" in out and "Flags:" in out
    assert tqcheck("rules", "TQ999").returncode == 2
    rules = json.loads(tqcheck("rules", "--format", "json").stdout)
    assert {r["code"] for r in rules} >= {"TQ101", "TQ102", "TQ301", "TQ401"}


def test_user_rule_pack(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[[rule]]\nid = "our-promo"\nkind = "promo"\npattern = "^Buy our mugs"\n'
                    'message = "shop promo"\nflags = ["Buy our mugs!"]\npasses = ["We buy mugs."]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Prices rose.\n\nBuy our mugs today!\n", encoding="utf-8")
    r = tqcheck("check", str(doc), "--rules", str(pack), "--format", "text")
    assert "TQ102" in r.stdout.decode() and "our-promo" in r.stdout.decode()
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\npattern = "("\nmessage = "m"\n', encoding="utf-8")
    r = tqcheck("check", str(doc), "--rules", str(bad))
    assert r.returncode == 2 and "bad pattern" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_user_glossary_wins(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text("preferred\ttype\tforbidden\tuk\nUkrinform\torganisation\tUkrInform\tУкрінформ\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("UkrInform reported it.\n", encoding="utf-8")
    r = tqcheck("check", str(doc), "--glossary", str(g), "--format", "json")
    (f,) = json.loads(r.stdout)["documents"][0]["findings"]
    assert f["code"] == "TQ301" and f["suggestions"] == ["Ukrinform"]
    r = tqcheck("check", str(doc), "--glossary", str(tmp_path / "missing.tsv"))
    assert r.returncode == 2 and "no such glossary file" in r.stderr.decode()


def test_side_by_side_table_for_bilingual_input(tmp_path):
    src = tmp_path / "a.uk"
    tgt = tmp_path / "a.en"
    src.write_text("Агентство ЦТАК повідомило про запуск ракети.\nУ Києві лунали сирени.\n", encoding="utf-8")
    tgt.write_text("The CTAK agency reported a missile launch.\nSirens sounded in Kyiv.\n", encoding="utf-8")
    r = tqcheck("check", str(tgt), "--source", str(src), "--side-by-side", "--ignore", "TQ501")
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "source (uk)" in out and "target (en)" in out and "Агентство ЦТАК" in out and "TQ301" in out
