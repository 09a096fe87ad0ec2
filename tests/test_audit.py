"""``tqcheck audit`` end to end on the project's feed corpus (corpora/feed: the same 24 items as RSS,
Atom and JSON Lines, with an answer key in expected.json), plus bad input, parallel runs, baselines
and configuration through the command line."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tqcheck.checks.feed_boilerplate import normalise

from .conftest import CORPORA, ROOT

FEED = CORPORA / "feed"
EXPECTED = json.loads((FEED / "expected.json").read_text(encoding="utf-8"))
FORMATS = ("feed.jsonl", "feed.rss", "feed.atom")
TITLE_LINES = 2  # an item's document is its title, a blank line, then the body the answer key counts


def tqcheck(*args: str, cwd: Path = ROOT, stdin: bytes | None = None, timeout: int = 120):
    return subprocess.run([sys.executable, "-m", "tqcheck", *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=timeout)


def audit_json(*args: str, cwd: Path = ROOT, rc: tuple[int, ...] = (0, 1)) -> tuple[dict, subprocess.CompletedProcess]:
    r = tqcheck("audit", *args, "--format", "json", cwd=cwd)
    assert r.returncode in rc, r.stderr.decode()
    return json.loads(r.stdout), r


def item_id(doc: dict) -> str:
    return doc["path"].rsplit("#", 1)[1]


@pytest.fixture(scope="module")
def audits() -> dict[str, dict]:
    return {name: audit_json(str(FEED / name))[0] for name in FORMATS}


def _by_item(report: dict) -> dict[int, list[tuple[str, int, str]]]:
    # white space compared collapsed: HTML bodies (RSS, Atom) collapse runs of spaces, JSON text keeps them
    return {int(item_id(d)): sorted((f["code"], f["line"], " ".join(f["text"].split())) for f in d["findings"])
            for d in report["documents"]}


def test_three_formats_give_the_same_findings(audits):
    jsonl, rss, atom = (_by_item(audits[n]) for n in FORMATS)
    assert len(jsonl) == EXPECTED["items"] == 24
    assert jsonl == rss == atom


def test_frame_lines_are_mined_without_any_rule_pack(audits):
    """The aggregator's frame lines repeat across items and no rule pack names them: the audit finds
    them by counting, with how many items carry each."""
    for name in FORMATS:
        mined = {normalise(row["line"]): row["items"] for row in audits[name]["audit"]["mined_boilerplate"]}
        for frame in EXPECTED["frame"]:
            key = normalise(frame["canonical"])
            assert mined.get(key) == frame["count_normalised"], (name, frame["canonical"], mined)
        assert len(mined) == len(EXPECTED["frame"]), f"{name}: only frame lines are mined: {mined}"
    # ... and every item carrying a frame line gets a TQ106 finding on that line
    by_id = {d["path"].rsplit("#", 1)[1]: d for d in audits["feed.jsonl"]["documents"]}
    index = {row["id"]: row["index"] for row in EXPECTED["index"]}
    for frame in EXPECTED["frame"]:
        for iid in frame["items_normalised"]:
            doc = by_id[str(index[iid])]
            assert any(f["code"] == "TQ106" and normalise(f["text"]) == normalise(frame["canonical"])
                       for f in doc["findings"]), (iid, frame["canonical"])


def test_frame_lines_not_named_by_the_default_rule_pack(tmp_path):
    lines = sorted({v["text"] for frame in EXPECTED["frame"] for v in frame["variants"]})
    page = tmp_path / "frame.txt"
    page.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    r = tqcheck("check", str(page), "--format", "json", "--select", "TQ1")
    assert json.loads(r.stdout)["summary"]["findings"] == 0


def test_planted_artefacts_found(audits):
    docs = {row["id"]: row["index"] for row in EXPECTED["index"]}
    found = _by_item(audits["feed.jsonl"])
    for planted in EXPECTED["planted"] + EXPECTED["in_mt_text"]:
        codes = {(c, line) for c, line, _ in found[docs[planted["item"]]]}
        assert (planted["code"], planted["line"] + TITLE_LINES) in codes, planted


def test_names_spelled_two_ways_across_items(audits):
    variants = {row["preferred"]: set(row["variants"]) for row in audits["feed.jsonl"]["audit"]["spelling_variants"]}
    assert variants.get("Zelenskyy") == {"Zelensky"}
    assert variants.get("Pavliuk") == {"Pavlyuk"}


def test_summary(audits):
    s = audits["feed.rss"]["audit"]
    assert s["items"] == 24 and s["input_errors"] == 0
    assert s["findings"] == sum(len(d["findings"]) for d in audits["feed.rss"]["documents"])
    assert set(s["by_source"]) == {"Kyiv Herald", "Dnipro Courier", "Black Sea Monitor", "Polissia Post"}
    assert sum(row["items"] for row in s["by_source"].values()) == 24
    worst = s["worst_items"]
    assert worst and worst == sorted(worst, key=lambda w: -w["findings"])
    assert list(s["top_codes"].values()) == sorted(s["top_codes"].values(), reverse=True)


def test_jobs_2_gives_the_same_report():
    one = tqcheck("audit", str(FEED / "feed.jsonl"), "--format", "jsonl", "--jobs", "1")
    two = tqcheck("audit", str(FEED / "feed.jsonl"), "--format", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count(b"\n") > 50


def test_stdin_and_text_summary():
    r = tqcheck("audit", "-", "--format", "text", stdin=(FEED / "feed.jsonl").read_bytes())
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "<stdin>#1:" in out and "Feed audit: 24 item(s)" in out
    assert "\x1b[" not in out + r.stderr.decode(), "no colour and no progress bar when not a terminal"


def test_streamed_formats_write_every_item(tmp_path):
    out = tmp_path / "findings.jsonl"
    r = tqcheck("audit", str(FEED / "feed.atom"), "--format", "jsonl", "-o", str(out), "-q")
    assert r.returncode == 1 and not r.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {row["code"] for row in rows} >= {"TQ101", "TQ102", "TQ103", "TQ104", "TQ106", "TQ301", "TQ305"}
    assert all(row["item"]["feed"].endswith("feed.atom") for row in rows)


def test_sarif_of_an_audit_validates(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    r = tqcheck("audit", str(FEED / "feed.jsonl"), "--format", "sarif", "-q")
    log = json.loads(r.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert any(x["ruleId"] == "TQ106" for x in results)
    assert all(x["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for x in results)


# --------------------------------------------------------------------------------------------- bad input


def test_malformed_json_line_named_and_the_rest_audited(tmp_path):
    lines = (FEED / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(3, '{"title": "broken", "text": ')
    lines.insert(6, '{"title": "no text here", "url": "https://x.example/1"}')
    feed = tmp_path / "bad.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data, r = audit_json(str(feed), "--select", "TQ1", rc=(2,))
    err = r.stderr.decode()
    assert f"{feed}:4: not valid JSON" in err
    assert f"{feed}:7:" in err and "no text" in err
    assert r.returncode == 2
    assert data["audit"]["items"] == 24 and data["audit"]["input_errors"] == 2
    assert len(err.strip().splitlines()) == 2, err


def test_malformed_feed_and_bomb(tmp_path):
    bozo = tmp_path / "broken.rss"
    bozo.write_text("<rss><channel><item><title>x</title><description>Hello", encoding="utf-8")
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
                    '<!ENTITY c "&b;&b;&b;&b;&b;">]><rss><channel><item><description>&c;</description></item>'
                    '</channel></rss>', encoding="utf-8")
    good = FEED / "feed.rss"
    data, r = audit_json(str(bozo), str(bomb), str(good), "--select", "TQ1", rc=(2,))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert str(bomb) in err and str(bozo) in err and "Traceback" not in err
    assert data["audit"]["items"] >= 24


PAGE = ("<!doctype html><html><head><title>News</title><script>var a = '<p>CTAK</p>';</script></head>\n"
        "<body><nav>Home | World</nav>\n<article><h1>North Korea</h1>\n"
        "<p>The agency CTAK said &laquo;no&raquo;.</p></article></body></html>\n")


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path == "/feed.rss":
            body = (FEED / "feed.rss").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/page.html":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow":
            time.sleep(3)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(10_000_000))
            self.end_headers()
            self.wfile.write(b"<rss>" + b" " * 100_000)
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server():
    http.server.ThreadingHTTPServer.daemon_threads = True
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_html_page_from_a_url(server):
    data, r = audit_json(f"{server}/page.html", "--select", "TQ301")
    [doc] = data["documents"]
    [f] = doc["findings"]
    assert (f["code"], f["line"], f["text"]) == ("TQ301", 4, "CTAK"), "the page's line, not the visible text's"
    assert PAGE[f["start"]:f["end"]] == "CTAK"


def test_urls_fetched_with_limits(server):
    data, r = audit_json(f"{server}/feed.rss", f"{server}/missing", f"{server}/slow", f"{server}/big",
                         "--timeout", "0.5", "--max-bytes", "1000000", "--select", "TQ1", rc=(2,))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert data["audit"]["items"] == 24
    assert "404" in err and f"{server}/missing" in err
    assert f"{server}/slow" in err and "timed out" in err
    assert f"{server}/big" in err and "limit" in err
    assert len(err.strip().splitlines()) == 3, err


# ------------------------------------------------------------------------------ baselines and config


def test_baseline_survives_lines_inserted_above(tmp_path):
    text = (CORPORA / "seed" / "mt-news-uk-en-001.txt").read_text(encoding="utf-8")
    page = tmp_path / "article.txt"
    page.write_text(text, encoding="utf-8")
    base = tmp_path / "baseline.json"
    r = tqcheck("check", str(page), "--baseline", str(base), "--update-baseline", cwd=tmp_path)
    assert r.returncode == 0 and base.exists(), r.stderr.decode()
    written = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert len(written) >= 15
    page.write_text("A new first paragraph.\n\nAnd another one, with more words.\n\n" + text, encoding="utf-8")
    r = tqcheck("check", str(page), "--baseline", str(base), "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stdout.decode()
    assert json.loads(r.stdout)["summary"]["findings"] == 0
    assert f"{len(written)} finding(s) known to the baseline" in r.stderr.decode()
    # a new problem after the old ones is reported, alone
    page.write_text(page.read_text(encoding="utf-8") + "\nThe article is in Ukrainian\n", encoding="utf-8")
    r = tqcheck("check", str(page), "--baseline", str(base), "--format", "json", cwd=tmp_path)
    found = json.loads(r.stdout)["documents"][0]["findings"]
    assert r.returncode == 1 and [f["code"] for f in found] == ["TQ101"]


def test_baseline_of_an_audit(tmp_path):
    base = tmp_path / "feed-baseline.json"
    r = tqcheck("audit", str(FEED / "feed.jsonl"), "--baseline", str(base), "--update-baseline", "-q", "--jobs", "2")
    assert r.returncode == 0, r.stderr.decode()
    data, r = audit_json(str(FEED / "feed.jsonl"), "--baseline", str(base))
    assert r.returncode == 0 and data["audit"]["findings"] == 0


def test_configuration_file_and_overrides(tmp_path):
    (tmp_path / ".git").mkdir()
    page = tmp_path / "news" / "article.txt"
    page.parent.mkdir()
    page.write_text((CORPORA / "seed" / "mt-news-uk-en-001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.tqcheck]\nignore = ["TQ4"]\nfail-on = "error"\n'
        'per-path-ignores = {"news/**" = ["TQ102"]}\nseverity = {TQ301 = "info", TQ104 = "info", TQ103 = "info", TQ101 = "info"}\n',
        encoding="utf-8")
    r = tqcheck("check", "news/article.txt", "--format", "json", cwd=tmp_path)
    found = json.loads(r.stdout)["documents"][0]["findings"]
    codes = {f["code"] for f in found}
    assert "TQ401" not in codes and "TQ102" not in codes and "TQ301" in codes
    assert {f["severity"] for f in found if f["code"] == "TQ301"} == {"info"}
    assert r.returncode == 0, "only infos and warnings left, and fail-on is error"
    r = tqcheck("check", "news/article.txt", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    assert r.returncode == 1, "the command line wins over the file"
    r = tqcheck("check", "news/article.txt", "--format", "json", "--isolated", cwd=tmp_path)
    assert "TQ401" in {f["code"] for f in json.loads(r.stdout)["documents"][0]["findings"]}
    (tmp_path / "pyproject.toml").write_text('[tool.tqcheck]\nfail_on = "error"\n', encoding="utf-8")
    r = tqcheck("check", "news/article.txt", cwd=tmp_path)
    assert r.returncode == 2 and "fail-on" in r.stderr.decode() and len(r.stderr.decode().splitlines()) == 1


def test_exit_zero():
    r = tqcheck("audit", str(FEED / "feed.jsonl"), "--format", "github", "--exit-zero", "-q")
    assert r.returncode == 0 and b"::error file=" in r.stdout


def test_inline_suppression_in_an_html_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>t</title><style>p{}</style></head><body>\n"
        "<p>North Korea&#8217;s agency CTAK said so. <!-- tqcheck: ignore TQ301 --></p>\n"
        "<p>The agency CTAK said it again.</p>\n"
        "<p>Nothing to hide here. <!-- tqcheck: ignore TQ201 --></p>\n"
        "<script>var x = 'Новини';</script></body></html>\n", encoding="utf-8")
    r = tqcheck("check", str(page), "--format", "json", "--select", "TQ301,TQ201,TQ901")
    found = json.loads(r.stdout)["documents"][0]["findings"]
    assert [(f["code"], f["line"]) for f in found] == [("TQ301", 3), ("TQ901", 4)], found
    html = page.read_text(encoding="utf-8")
    ctak = next(f for f in found if f["code"] == "TQ301")
    assert html[ctak["start"]:ctak["end"]] == "CTAK", "findings point into the HTML file"
    r = tqcheck("fix", str(page), "--in-place")
    assert "The agency KCNA said it again." in page.read_text(encoding="utf-8")


def test_progress_bar_forced_on_changes_nothing_on_stdout():
    plain = tqcheck("audit", str(FEED / "feed.jsonl"), "--format", "jsonl", "--progress", "never")
    shown = tqcheck("audit", str(FEED / "feed.jsonl"), "--format", "jsonl", "--progress", "always")
    assert plain.returncode == shown.returncode == 1
    assert plain.stdout == shown.stdout, "the bar draws on stderr only"
    assert "Traceback" not in shown.stderr.decode()
