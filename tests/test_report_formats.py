"""The machine-readable and shareable report formats: SARIF (validated against the schema), JUnit XML,
GitHub Actions commands, JSON Lines and HTML (escaped, self-contained, checked in a real browser)."""

from __future__ import annotations

import argparse
import dataclasses
import html.parser
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tqcheck import engine, loader, registry, report
from tqcheck.bilingual import from_aligned_texts, from_units
from tqcheck.model import Document, DocumentResult, InputError, Item, Report, Severity
from tqcheck.report import github, sarif

from .conftest import ROOT, SEED, tqcheck

SEED_PATH = SEED.relative_to(ROOT).as_posix()
SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json"
CHROMIUM = Path("/usr/bin/chromium")
XSS = '<script>document.title="pwned"</script> Officials in Kiev said "><img src=x onerror="document.body.dataset.pwned=1">.\n'
XSS_PATH = '"><img src=x onerror=alert(1)>.txt'


# --- reports, made by the real engine -------------------------------------------------------------

def _result(doc: Document, resources, checks) -> DocumentResult:
    return engine.check_document(doc, checks, resources)


def _doc(path: str, text: str, **kw) -> Document:
    return Document(path=path, text=text, ignored=loader.ignored_regions(text, "text"), **kw)


@pytest.fixture(scope="module")
def seed(resources, all_checks) -> DocumentResult:
    letters = {code: lang.letters for code, lang in resources.languages.items()}
    (doc,) = loader.load([str(SEED)], lang="en", source_lang=None, letters=letters)
    doc = dataclasses.replace(doc, path=SEED_PATH)  # as the CLI names it when run from the repo root
    (result,) = engine.run([doc], all_checks, resources)
    assert len(result.findings) > 10
    return result


@pytest.fixture(scope="module")
def seed_report(seed) -> Report:
    return Report((seed,))


@pytest.fixture(scope="module")
def bilingual_report(resources, all_checks) -> Report:
    aligned = from_aligned_texts("Агентство ЦТАК повідомило 3,5 млн.\nУ Києві тихо.\n",
                                 "The CTAK agency reported 3.5 million.\nIt is quiet in Kiev.\n",
                                 path="news.en.txt", source_path="news.uk.txt", source_lang="uk")
    units = from_units([("u-1", "ЗСУ відбили атаку.", "The ZSU repelled the attack."),
                        ("u-2", "Це сталося о 14:30.", "It happened at 2:30 pm.")],
                       path="units.xlf", source_path="units.xlf", fmt="xliff", source_lang="uk")
    results = tuple(_result(d, resources, all_checks) for d in (aligned, units))
    assert all(r.findings for r in results)
    return Report(results, terminology=(1, 3))


def _item(index: int, **kw) -> Item:
    return Item(feed="feeds/news today.jsonl", index=index, **kw)


@pytest.fixture(scope="module")
def feed_report(resources, all_checks) -> Report:
    docs = [
        _doc("feeds/news today.jsonl#1", "The CTAK agency said so.\nThe article is in Ukrainian\n",
             item=_item(1, id="a-1", url="https://example.com/a?x=1&y=<2>", title="<b>Kim</b> & co", line=1)),
        _doc("feeds/news today.jsonl#2", "Officials in Kiev said so.\n", item=_item(2, url="javascript:alert(1)")),
        Document(path="feeds/news today.jsonl#3", text="", item=_item(3, id="c", line=3)),  # text dropped
    ]
    results = [_result(d, resources, all_checks) for d in docs[:2]]
    # a feed audit keeps the findings and drops the text: the last one's findings without its text
    results.append(DocumentResult(docs[2], results[1].findings))
    return Report(tuple(results))


def _errors_report(seed) -> Report:
    return Report((seed,), (InputError("missing dir/gone.txt", "no such file or directory"),
                            InputError("<stdin>", "not UTF-8 (invalid byte at offset 3)")))


def _render(fmt: str, rep: Report, **kw) -> str:
    out = io.StringIO()
    report.get(fmt)(rep, out, report.Options(color=False, version="9.9.9", **kw))
    return out.getvalue()


def test_formats_are_registered():
    for name in ("sarif", "junit", "github", "jsonl", "html"):
        assert callable(report.get(name))
    assert {n for n in report.FORMATS if report.get_result(n)} == {"rich", "text", "jsonl", "github"}


@pytest.mark.parametrize("fmt", ["text", "jsonl", "github"])
def test_streaming_renders_the_same_lines(fmt, seed, bilingual_report, feed_report):
    """A feed audit writes each document as it arrives; the whole report is just those lines."""
    rep = Report((seed, *bilingual_report.results, *feed_report.results))
    out = io.StringIO()
    for r in rep.results:
        report.get_result(fmt)(r, out, report.Options())
    assert out.getvalue() == _render(fmt, rep)


# --- SARIF ----------------------------------------------------------------------------------------

_URI_CHARS = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"


def _uri_reference(value: object) -> bool:
    """RFC 3986 URI-reference, by characters: jsonschema checks "uri" formats only with an optional
    package installed, and what matters here is that paths come percent-encoded."""
    return not isinstance(value, str) or (re.fullmatch(_URI_CHARS, value) is not None and value.count("#") <= 1)


def _uri(value: object) -> bool:
    return not isinstance(value, str) or (
        _uri_reference(value) and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) is not None)


@pytest.fixture(scope="module")
def validator():
    from jsonschema import Draft4Validator, FormatChecker

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    # The one difference from the OASIS final schema that could reject what we write (README beside
    # the schema): the final requires a region to have startLine, charOffset or byteOffset.
    schema["definitions"]["region"]["anyOf"] = [{"required": [k]} for k in ("startLine", "charOffset", "byteOffset")]
    checker = FormatChecker()
    checker.checks("uri")(_uri)
    checker.checks("uri-reference")(_uri_reference)
    return Draft4Validator(schema, format_checker=checker)


def _sarif(rep: Report, validator) -> dict:
    log = json.loads(_render("sarif", rep))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    return log


def test_format_checker_rejects_bad_uris(validator):
    assert not _uri_reference("a b.txt") and not _uri_reference("%zz") and _uri_reference("a%20b/c.txt")
    assert not _uri("relative/path") and _uri("file:///tmp/a%20b.txt")
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.txt"}}}]}]}]}
    assert list(validator.iter_errors(bad))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"] = {"artifactLocation": {"uri": "a.txt"},
                                                                         "region": {"startColumn": 3}}
    assert any("anyOf" in e.message or "is not valid under any" in e.message for e in validator.iter_errors(bad))


@pytest.mark.parametrize("which", ["seed", "empty", "errors", "bilingual", "feed"])
def test_sarif_validates(which, validator, seed, seed_report, bilingual_report, feed_report):
    rep = {"seed": seed_report, "empty": Report(()), "errors": _errors_report(seed),
           "bilingual": bilingual_report, "feed": feed_report}[which]
    log = _sarif(rep, validator)
    (run,) = log["runs"]
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(rep.findings)
    assert run["invocations"][0]["executionSuccessful"] is (not rep.errors)


def test_sarif_rules_come_from_the_registry(validator, seed_report):
    run = _sarif(seed_report, validator)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "tqcheck" and driver["version"] == "9.9.9" and driver["informationUri"]
    checks = registry.all_checks()
    assert [r["id"] for r in driver["rules"]] == [c.code for c in checks]
    tq301 = next(r for r in driver["rules"] if r["id"] == "TQ301")
    check = registry.find("TQ301")
    assert tq301["name"] == "glossary-term" and tq301["shortDescription"]["text"] == check.title()
    assert tq301["fullDescription"]["text"] == check.doc() and "Why" in tq301["help"]["text"]
    assert tq301["defaultConfiguration"]["level"] == "error" and "terminology" in tq301["properties"]["tags"]
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_results_fixes_and_fingerprints(validator, seed):
    run = _sarif(Report((seed,)), validator)["runs"][0]
    text = seed.document.text
    starts = seed.document.lines.starts
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for f, res in zip(seed.findings, run["results"]):
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == SEED_PATH
        assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (f.line, f.column)
        assert (loc["region"]["endLine"], loc["region"]["endColumn"]) == (f.end_line, f.end_column)
        assert res["level"] == level[f.severity] and res["message"]["text"] == f.message
        assert set(res["partialFingerprints"]) == {"tqcheckFingerprint/v1"}
        if f.fix is None:
            assert "fixes" not in res
            continue
        # the replacements, applied by line:column as a SARIF consumer would, give the engine's edit
        (change,) = res["fixes"][0]["artifactChanges"]
        fixed = text
        for rep in sorted(change["replacements"], key=lambda r: (r["deletedRegion"]["startLine"],
                                                                r["deletedRegion"]["startColumn"]), reverse=True):
            r = rep["deletedRegion"]
            a = starts[r["startLine"] - 1] + r["startColumn"] - 1
            b = starts[r["endLine"] - 1] + r["endColumn"] - 1
            fixed = fixed[:a] + rep["insertedContent"]["text"] + fixed[b:]
        expected = text
        for e in sorted(f.fix.edits, key=lambda e: e.start, reverse=True):
            expected = expected[:e.start] + e.replacement + expected[e.end:]
        assert fixed == expected
    ctak = next(r for r in run["results"] if r["ruleId"] == "TQ301")
    assert ctak["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "KCNA"


def test_sarif_columns_count_code_points(validator, resources, all_checks):
    """An emoji (two UTF-16 units) before the word: the column stays the code-point column."""
    rep = Report((_result(_doc("a.txt", "😀😀 Officials in Kiev said so.\n"), resources, all_checks),))
    (res,) = [r for r in _sarif(rep, validator)["runs"][0]["results"] if r["ruleId"] == "TQ301"]
    assert res["locations"][0]["physicalLocation"]["region"]["startColumn"] == 17


def test_local_fingerprints_survive_moves_and_tell_twins_apart(resources, all_checks):
    text = "Photo Caption,\nOfficials in Kiev said so.\nPhoto Caption,\n"
    r1 = _result(_doc("a.txt", text), resources, all_checks)
    r2 = _result(_doc("a.txt", "A new first line.\n\n" + text), resources, all_checks)
    p1, p2 = sarif.local_fingerprints(r1.document, r1.findings), sarif.local_fingerprints(r2.document, r2.findings)
    assert len(set(p1)) == len(p1) == len(r1.findings) and p1 == p2


def _prints(rep: Report) -> list[str]:
    return [r["partialFingerprints"]["tqcheckFingerprint/v1"] for r in sarif.sarif_log(rep, report.Options())["runs"][0]["results"]]


def test_sarif_fingerprints_are_the_baselines(seed):
    """Those the run computed (a feed audit has no text left to hash), else the baseline module's."""
    baseline = pytest.importorskip("tqcheck.baseline")
    assert _prints(Report((seed,))) == baseline.fingerprints(seed.document, seed.findings)
    if "fingerprints" in DocumentResult.__dataclass_fields__:
        given = tuple(f"fp-{i}" for i in range(len(seed.findings)))
        assert _prints(Report((dataclasses.replace(seed, fingerprints=given),))) == list(given)


def test_sarif_uris():
    assert sarif.artifact_uri("corpora/seed/a.txt") == "corpora/seed/a.txt"
    assert sarif.artifact_uri("dir with space/a:b#c%.txt") == "dir%20with%20space/a%3Ab%23c%25.txt"
    assert sarif.artifact_uri("./статья.txt") == "%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F.txt"
    assert sarif.artifact_uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"
    assert sarif.artifact_uri("<stdin>") == "%3Cstdin%3E"
    assert sarif.artifact_uri("https://example.com/feed.xml") == "https://example.com/feed.xml"


def test_sarif_feed_items(validator, feed_report):
    results = _sarif(feed_report, validator)["runs"][0]["results"]
    by_item: dict[int, list[dict]] = {}
    for res in results:
        by_item.setdefault(res["properties"]["item"]["index"], []).append(res)
    first, second, third = by_item[1][0], by_item[2][0], by_item[3][0]
    for res in results:
        loc = res["locations"][0]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == "feeds/news%20today.jsonl"
        assert "fixes" not in res  # fixes of an item's text would edit the wrong place of the feed
        assert "line" in res["properties"] and "column" in res["properties"]  # the place in the item
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert "region" not in second["locations"][0]["physicalLocation"]  # no line known: no region at all
    assert first["locations"][0]["logicalLocations"] == [
        {"name": "a-1", "kind": "object", "fullyQualifiedName": "https://example.com/a?x=1&y=<2>"}]
    assert second["locations"][0]["logicalLocations"][0]["name"] == "item 2"
    assert first["properties"]["item"]["title"] == "<b>Kim</b> & co"
    assert third["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_sarif_bilingual_units(validator, bilingual_report):
    results = _sarif(bilingual_report, validator)["runs"][0]["results"]
    aligned = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news.en.txt"]
    xliff = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "units.xlf"]
    assert aligned and xliff
    assert all("region" in r["locations"][0]["physicalLocation"] for r in aligned)  # lines of the file
    for r in xliff:  # lines of the joined units are not lines of the XLIFF file: name the unit instead
        assert "region" not in r["locations"][0]["physicalLocation"] and "fixes" not in r
        assert r["locations"][0]["logicalLocations"][0]["name"] == f"unit {r['properties']['unit']}"


def test_sarif_input_errors(validator, seed):
    run = _sarif(_errors_report(seed), validator)["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"] == "missing dir/gone.txt: no such file or directory"
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing%20dir/gone.txt"


def _cli_formats() -> tuple[str, ...]:
    from tqcheck.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    check = sub.choices["check"]
    return tuple(next(a for a in check._actions if "--format" in a.option_strings).choices or ())


@pytest.mark.skipif("sarif" not in _cli_formats(), reason="the CLI's --format does not offer sarif yet")
def test_cli_sarif_end_to_end(validator):
    r = tqcheck("check", "--format", "sarif", SEED_PATH)
    assert r.returncode == 1, r.stderr
    log = json.loads(r.stdout)
    assert not list(validator.iter_errors(log))
    assert {res["ruleId"] for res in log["runs"][0]["results"]} >= {"TQ101", "TQ301"}


# --- JUnit ----------------------------------------------------------------------------------------

def test_junit(seed, resources, all_checks):
    clean = _result(_doc("clean.txt", "Officials in Kyiv said so.\n"), resources, all_checks)
    hostile = _result(_doc("evil\x1b[31m.txt", "The <b>CTAK</b> & \x0c agency\x00 said so.\n"), resources, all_checks)
    assert not clean.findings and hostile.findings
    rep = Report((seed, clean, hostile), (InputError("gone.txt", "no such file or directory"),))
    out = _render("junit", rep)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    n = len(rep.findings)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (str(n + 1 + 1), str(n), "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [SEED_PATH, "clean.txt", "evil\\x1b[31m.txt", "gone.txt"]
    cases = suites[0].findall("testcase")
    assert len(cases) == len(seed.findings) == int(suites[0].get("failures")) == int(suites[0].get("tests"))
    f = seed.findings[0]
    assert cases[0].get("name") == f"{f.code} {f.line}:{f.column}" and cases[0].get("classname") == SEED_PATH
    failure = cases[0].find("failure")
    assert failure.get("type") == f.code and failure.get("message") == f.message and f.text in failure.text
    (ok,) = suites[1].findall("testcase")
    assert ok.find("failure") is None and suites[1].get("failures") == "0"
    assert suites[2].find("testcase/failure") is not None and "\x0c" not in out and "\x00" not in out
    assert suites[3].find("testcase/error").get("message") == "no such file or directory"


# --- GitHub Actions -------------------------------------------------------------------------------

def test_github_commands(seed):
    lines = _render("github", Report((seed,))).splitlines()
    assert len(lines) == len(seed.findings)
    f = next(f for f in seed.findings if f.code == "TQ301")
    assert (f"::error file={SEED_PATH},line={f.line},col={f.column},endLine={f.end_line},"
            f"endColumn={f.end_column},title=TQ301 glossary-term::{f.message}") in lines
    assert any(line.startswith("::warning file=") for line in lines)


def test_github_escaping(resources, all_checks):
    r = _result(_doc("dir,one/a:b%.txt", "Officials in Kiev said so.\n"), resources, all_checks)
    f = r.findings[0]
    odd = dataclasses.replace(f, message="50% done\r\nnext: one, two\x1b[2J", severity=Severity.INFO)
    rep = Report((dataclasses.replace(r, findings=(odd,)),), (InputError("x,y:z.txt", "bad\nthing"),))
    lines = _render("github", rep).splitlines()
    assert lines == [
        (f"::notice file=dir%2Cone/a%3Ab%25.txt,line={f.line},col={f.column},endLine={f.end_line},"
         f"endColumn={f.end_column},title={f.code} {f.name}::50%25 done%0D%0Anext: one, two\\x1b[2J"),
        "::error file=x%2Cy%3Az.txt::bad%0Athing",
    ]
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_feed_items(feed_report):
    lines = _render("github", feed_report).splitlines()
    first = next(line for line in lines if "CTAK" in line)
    assert first.startswith("::error file=feeds/news today.jsonl,line=1,title=TQ301 glossary-term::")
    assert first.endswith("(a-1, line 1, column 5)")
    assert any(line.startswith("::") and "file=feeds/news today.jsonl,title=" in line for line in lines)  # no line


# --- JSON Lines -----------------------------------------------------------------------------------

def test_jsonl(seed, bilingual_report, feed_report, resources, all_checks):
    sep = _result(_doc("sep.txt", "Officials in Kiev\u2028said so.\x85\n"), resources, all_checks)
    rep = Report((seed, *bilingual_report.results, *feed_report.results, sep), (InputError("gone.txt", "missing"),))
    out = _render("jsonl", rep)
    lines = out.splitlines()  # splits on U+2028 and NEL too: none may be left raw
    assert len(lines) == len(rep.findings) == out.count("\n")
    objs = [json.loads(line) for line in lines]
    assert objs[0] == {"path": SEED_PATH, **seed.findings[0].to_dict()}
    assert {o["path"] for o in objs} == {r.document.path for r in rep.results if r.findings}
    units = [o for o in objs if o["path"] == "units.xlf"]
    assert units and all(o["unit"] in ("u-1", "u-2") for o in units)
    items = [o for o in objs if "item" in o]
    assert len(items) == len(feed_report.findings) and items[0]["item"]["url"] == "https://example.com/a?x=1&y=<2>"
    assert "gone.txt" not in out and "summary" not in out


# --- HTML -----------------------------------------------------------------------------------------

class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def _xss(resources, all_checks) -> DocumentResult:
    r = _result(_doc(XSS_PATH, XSS), resources, all_checks)
    assert r.findings
    return r


def test_html_escapes_everything(resources, all_checks, feed_report):
    rep = Report((_xss(resources, all_checks), *feed_report.results), (InputError("<b>gone</b>.txt", "<i>no</i>"),))
    page = _render("html", rep)
    assert "<script>document" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in page
    p = _parse(page)
    assert [t for t, _ in p.tags if t == "script"] == ["script"]  # ours only
    assert all(not k.startswith("on") and k != "src" for _, attrs in p.tags for k in attrs)
    assert not {t for t, _ in p.tags} & {"img", "iframe", "object", "embed", "link", "base"}
    links = [a["href"] for t, a in p.tags if t == "a"]
    assert links == ["https://example.com/a?x=1&y=<2>"]  # http(s) only: javascript: stays text
    assert "javascript:alert(1)" in "".join(p.text)
    assert "<b>Kim</b> & co" in "".join(p.text)


def test_html_is_self_contained_and_structured(seed, feed_report):
    rep = Report((seed, *feed_report.results), (InputError("gone.txt", "no such file or directory"),))
    page = _render("html", rep)
    p = _parse(page)
    assert not re.search(r"\bsrc=|url\(|@import|<link\b|https?://(?!example\.com)", page)
    csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'")
    findings = [a for t, a in p.tags if t == "tbody" and a.get("class") == "finding"]
    assert len(findings) == len(rep.findings)
    assert {a["data-code"] for a in findings} == {f.code for f in rep.findings}
    text = "".join(p.text)
    assert f"{len(rep.findings)} finding(s)" in text
    assert "no such file or directory" in text and "tqcheck 9.9.9" in text
    # the seed's CTAK line: as it is, and as it should read (KCNA inserted, CTAK struck)
    assert re.search(r'<del>CTAK</del><ins>KCNA</ins> published', page)
    assert "<mark>CTAK</mark>" in page and "(line deleted)" in page
    # a feed item whose text was dropped: its findings, no line context
    third = page[page.index("feeds/news today.jsonl#3"):]
    assert "class=\"finding\"" in third and "class=\"ctx\"" not in third


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
def test_html_in_headless_chromium(tmp_path, seed, resources, all_checks):
    page = tmp_path / "report.html"
    page.write_text(_render("html", Report((seed, _xss(resources, all_checks)))), encoding="utf-8")
    r = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert r.returncode == 0 and "</html>" in r.stdout, r.stderr[-2000:]
    dom = r.stdout
    assert "TQ101" in dom and "KCNA" in dom and "The article is in Ukrainian" in dom
    assert '<form id="filters">' in dom  # our script ran (it unhides the filter), so scripts do run...
    assert "pwned" not in dom.split("<body>")[0] and "data-pwned" not in dom  # ...and the injected ones did not
    p = _parse(dom)
    assert [t for t, _ in p.tags if t == "script"] == ["script"] and not [t for t, _ in p.tags if t == "img"]
    assert '<script>document.title="pwned"</script>' in "".join(p.text)  # shown as text
