"""``tqcheck score``: sacrebleu's numbers reproduced through the real command line (the published WMT22
scores where ../shared is present, the fixture's recorded sacrebleu output always), and the
command's own behaviour: per-segment scores, worst segments as diffs, paired tests, JSON, errors."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, tqcheck

FIX = Path(__file__).resolve().parent / "fixtures" / "score"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
WMT = SHARED / "data" / "wmt22-uk-en"
SYSTEMS = ("sys-a.en", "sys-b.en", "sys-c.en")


def score(*args: str) -> subprocess.CompletedProcess:
    return tqcheck("score", *args, cwd=FIX)


def score_json(*args: str) -> dict:
    r = score(*args, "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


def decimals(published: str) -> int:
    return len(published.split(".")[1]) if "." in published else 0


# --- published WMT22 scores ----------------------------------------------------------------------


@pytest.mark.skipif(not (WMT / "automatic-scores.uk-en.tsv").exists(), reason="../shared/data/wmt22-uk-en is absent")
def test_wmt22_uk_en_published_bleu_and_chrf_reproduced():
    published: dict[tuple[str, str], str] = {}
    with open(WMT / "automatic-scores.uk-en.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["pair"] == "uk-en" and row["metric"] in ("bleu-all", "chrf-all"):
                published[(row["system"], row["metric"])] = row["score"]
    hyps = sorted(WMT.glob("generaltest2022.uk-en.hyp.*.en"))
    assert len(hyps) == 10
    # chrf++ too: with chrF++ asked for, chrF comes from chrF++'s statistics (the default run's path)
    r = subprocess.run(
        [sys.executable, "-m", "tqcheck", "score", *map(str, hyps), "--ref", str(WMT / "generaltest2022.uk-en.ref.A.en"),
         "--metrics", "bleu,chrf,chrf++", "--format", "json"],
        capture_output=True, cwd=ROOT, timeout=600, check=False,
    )
    assert r.returncode == 0, r.stderr.decode()
    out = json.loads(r.stdout)
    seen = set()
    for system in out["systems"]:
        name = Path(system["path"]).name.removeprefix("generaltest2022.uk-en.hyp.").removesuffix(".en")
        assert system["segment_count"] == 2018
        for key, metric in (("bleu", "bleu-all"), ("chrf", "chrf-all")):
            want = published[(name, metric)]
            got = system["scores"][key]["score"]
            assert round(got, decimals(want)) == float(want), (name, metric, got, want)
            seen.add((name, metric))
        assert system["scores"]["bleu"]["signature"] == "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"
        assert system["scores"]["chrf"]["signature"] == "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"
    assert seen == set(published)


# --- the fixture, against the sacrebleu command's recorded output (tests/fixtures/score/README.md) ---

RECORDED_1REF = {  # sacrebleu REF -i SYS... -m bleu chrf ter -w 4; chrF2++ from --chrf-word-order 2
    "sys-a.en": {"bleu": 68.8743, "chrf": 85.0436, "ter": 15.5763, "chrf++": 84.2462},
    "sys-b.en": {"bleu": 23.4871, "chrf": 64.5821, "ter": 42.3676, "chrf++": 61.2863},
    "sys-c.en": {"bleu": 71.6955, "chrf": 85.0248, "ter": 14.3302, "chrf++": 84.4838},
}
RECORDED_2REFS = {  # sacrebleu ref.en ref2.en -i SYS... -m bleu chrf ter -w 4
    "sys-a.en": {"bleu": 73.4105, "chrf": 85.5060, "ter": 14.7239},
    "sys-b.en": {"bleu": 27.1616, "chrf": 65.8566, "ter": 41.4110},
    "sys-c.en": {"bleu": 74.9092, "chrf": 85.9652, "ter": 13.4969},
}
RECORDED_BS = {  # --paired-bs: (score, mean, ci, p) per system and metric; sys-a.en is the baseline
    "sys-a.en": {"bleu": (68.8743, 68.9136, 5.7073, None), "chrf": (85.0436, 85.1302, 3.4041, None),
                 "ter": (15.5763, 15.5247, 3.7124, None)},
    "sys-b.en": {"bleu": (23.4871, 23.3290, 4.9104, 0.0010), "chrf": (64.5821, 64.5665, 3.2121, 0.0010),
                 "ter": (42.3676, 42.3973, 4.2488, 0.0010)},
    "sys-c.en": {"bleu": (71.6955, 71.8769, 8.1600, 0.1339), "chrf": (85.0248, 85.2369, 5.2748, 0.4226),
                 "ter": (14.3302, 14.2138, 4.7639, 0.1848)},
}
RECORDED_AR = {  # --paired-ar: p per system and metric
    "sys-b.en": {"bleu": 0.0001, "chrf": 0.0001, "ter": 0.0001},
    "sys-c.en": {"bleu": 0.3770, "chrf": 0.9855, "ter": 0.4678},
}
SIGNATURES = {
    "bleu": "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
    "chrf": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
    "chrf++": "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0",
    "ter": "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0",
}


def test_fixture_scores_match_the_sacrebleu_command():
    out = score_json(*SYSTEMS, "--ref", "ref.en")
    assert [s["path"] for s in out["systems"]] == list(SYSTEMS)
    for s in out["systems"]:
        assert list(s["scores"]) == ["bleu", "chrf", "chrf++", "ter"]  # the default: all four
        for key, want in RECORDED_1REF[s["path"]].items():
            assert round(s["scores"][key]["score"], 4) == want, (s["path"], key)
            assert s["scores"][key]["signature"] == SIGNATURES[key]


def test_fixture_scores_without_chrf_plus_plus_are_the_same():
    """chrF alone is extracted directly, not through chrF++: the two paths agree."""
    out = score_json(*SYSTEMS, "--ref", "ref.en", "--metrics", "chrf")
    for s in out["systems"]:
        assert list(s["scores"]) == ["chrf"]
        assert round(s["scores"]["chrf"]["score"], 4) == RECORDED_1REF[s["path"]]["chrf"]


def test_fixture_two_references_match_the_sacrebleu_command():
    out = score_json(*SYSTEMS, "--ref", "ref.en", "--ref", "ref2.en", "--metrics", "bleu,chrf,ter,chrf++")
    assert out["references"] == ["ref.en", "ref2.en"]
    for s in out["systems"]:
        for key, want in RECORDED_2REFS[s["path"]].items():
            assert round(s["scores"][key]["score"], 4) == want, (s["path"], key)
            assert s["scores"][key]["signature"].startswith("nrefs:2|")


def test_text_report_prints_each_score_with_its_signature():
    r = score("sys-a.en", "--ref", "ref.en", "--width", "4")
    assert r.returncode == 0
    lines = r.stdout.decode().splitlines()
    assert lines[0] == "sys-a.en — 30 segments, 1 reference"
    for label, key in (("BLEU", "bleu"), ("chrF2", "chrf"), ("chrF2++", "chrf++"), ("TER", "ter")):
        line = next(ln for ln in lines if ln.split()[0] == label)
        assert line.split()[1:] == [f"{RECORDED_1REF['sys-a.en'][key]:.4f}", SIGNATURES[key]]


def test_compare_bootstrap_matches_sacrebleu_paired_bs():
    out = score_json(*SYSTEMS, "--ref", "ref.en", "--metrics", "bleu,chrf,ter", "--compare")
    c = out["comparison"]
    assert (c["method"], c["resamples"], c["seed"], c["baseline"]) == ("bootstrap", 1000, 12345, "sys-a.en")
    assert c["signatures"]["bleu"] == "nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"
    for s in out["systems"]:
        assert s["baseline"] == (s["path"] == "sys-a.en")
        for key, (score_, mean, ci, p) in RECORDED_BS[s["path"]].items():
            got = s["comparison"][key]
            assert round(got["score"], 4) == score_
            assert (round(got["mean"], 4), round(got["ci"], 4)) == (mean, ci), (s["path"], key)
            assert (got["p_value"] is None) if p is None else round(got["p_value"], 4) == p


def test_compare_ar_matches_sacrebleu_paired_ar():
    out = score_json(*SYSTEMS, "--ref", "ref.en", "--metrics", "bleu,chrf,ter", "--compare",
                     "--compare-method", "ar", "--seed", "12345")
    assert (out["comparison"]["method"], out["comparison"]["resamples"]) == ("ar", 10000)
    base = out["systems"][0]
    assert base["baseline"] and all(v["p_value"] is None for v in base["comparison"].values())
    for s in out["systems"][1:]:
        for key, p in RECORDED_AR[s["path"]].items():
            assert round(s["comparison"][key]["p_value"], 4) == p, (s["path"], key)
            assert s["comparison"][key]["mean"] is None  # AR gives no interval (as sacrebleu's CLI)


def test_compare_text_names_the_baseline_and_gives_p_values():
    r = score("sys-a.en", "sys-c.en", "--ref", "ref.en", "--metrics", "bleu", "--compare", "--resamples", "200",
              "--seed", "7")
    assert r.returncode == 0, r.stderr.decode()
    text = r.stdout.decode()
    assert "Comparison: paired bootstrap resampling, 200 resamples, seed 7; baseline sys-a.en" in text
    assert "sys-a.en (baseline)" in text
    p_lines = re.findall(r"^ {4}BLEU .* p = (\d\.\d{4})( \*)?$", text, flags=re.MULTILINE)
    assert len(p_lines) == 1  # the baseline has no p-value
    assert "bs:200|seed:7|" in text
    # the seed makes it repeatable; another seed resamples differently
    assert score("sys-a.en", "sys-c.en", "--ref", "ref.en", "--metrics", "bleu", "--compare", "--resamples", "200",
                 "--seed", "7").stdout.decode() == text
    other = score("sys-a.en", "sys-c.en", "--ref", "ref.en", "--metrics", "bleu", "--compare", "--resamples", "200",
                  "--seed", "8").stdout.decode()
    assert other != text and "seed 8" in other


def test_compare_ar_text():
    r = score("sys-a.en", "sys-b.en", "--ref", "ref.en", "--metrics", "chrf", "--compare", "--compare-method", "ar",
              "--resamples", "500")
    text = r.stdout.decode()
    assert "paired approximate randomisation, 500 trials, seed 12345; baseline sys-a.en" in text
    # sys-b is far worse: the smallest p-value 500 trials allow, 1/501, marked significant
    assert re.search(r"^ {4}chrF2 +64\.58 +p = 0\.0020 \*$", text, flags=re.MULTILINE), text


def test_compare_needs_two_systems():
    r = score("sys-a.en", "--ref", "ref.en", "--compare")
    assert r.returncode == 2
    assert r.stderr.decode().strip() == "tqcheck: error: --compare needs at least two HYP files (the first is the baseline)"


# --- per-segment scores and the worst segments ---------------------------------------------------


@pytest.mark.parametrize("ref_files", [("ref.en",), ("ref.en", "ref2.en")])
def test_segments_equal_sacrebleu_sentence_scores(ref_files):
    """With one reference chrF's statistics are cut from chrF++'s; with two each is extracted."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    out = score_json("sys-c.en", *(a for r in ref_files for a in ("--ref", r)), "--segments")
    hyps = (FIX / "sys-c.en").read_text(encoding="utf-8").splitlines()
    refs = list(zip(*((FIX / r).read_text(encoding="utf-8").splitlines() for r in ref_files)))
    metrics = {"bleu": BLEU(effective_order=True), "chrf": CHRF(), "chrf++": CHRF(word_order=2), "ter": TER()}
    segs = out["systems"][0]["segments"]
    assert [s["line"] for s in segs] == list(range(1, 31))
    for seg, hyp, ref in zip(segs, hyps, refs):
        for key, metric in metrics.items():
            assert seg[key] == metric.sentence_score(hyp, list(ref)).score, (seg["line"], key)
    assert out["metrics"]["bleu"]["segment_signature"] == \
        f"nrefs:{len(ref_files)}|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0"


def test_segments_text_has_a_row_per_segment():
    r = score("sys-a.en", "--ref", "ref.en", "--segments", "--metrics", "bleu,ter")
    lines = r.stdout.decode().splitlines()
    head = lines.index(next(ln for ln in lines if ln.split()[:1] == ["line"]))
    assert lines[head].split() == ["line", "BLEU", "TER"]
    rows = [ln.split() for ln in lines[head + 1:]]
    assert [int(r[0]) for r in rows] == list(range(1, 31))
    assert rows[0] == ["1", "100.00", "0.00"]  # line 1 of sys-a is the reference sentence


def test_worst_segments_as_word_diffs():
    from sacrebleu.metrics import CHRF

    r = score("sys-c.en", "--ref", "ref.en", "--worst", "3", "--metrics", "bleu")
    assert r.returncode == 0
    text = r.stdout.decode()
    assert "3 worst segment(s) by sentence chrF2" in text
    chrf = CHRF()
    hyps = (FIX / "sys-c.en").read_text(encoding="utf-8").splitlines()
    refs = (FIX / "ref.en").read_text(encoding="utf-8").splitlines()
    expected = sorted(range(30), key=lambda i: (chrf.sentence_score(hyps[i], [refs[i]]).score, i))[:3]
    shown = [int(n) for n in re.findall(r"^ {4}line (\d+)  chrF2 ", text, flags=re.MULTILINE)]
    assert shown == [i + 1 for i in expected]
    assert "    line 29  chrF2 54.54" in text
    # removed reference words struck, inserted hypothesis words added, neighbouring changes as one
    assert "      The festival attracted more [-visitors-]{+guests+} than [-organisers had expected-]" \
           "{+the organizers thought+}." in text
    # the reported lines: the reference with [-..-] kept and {+..+} dropped, the hypothesis the other way
    for n, diff in zip(shown, re.findall(r"^ {6}(.*)$", text, flags=re.MULTILINE)):
        assert re.sub(r"\[-(.*?)-\]|\{\+(.*?)\+\}", lambda m: m.group(1) or "", diff) == refs[n - 1]
        assert re.sub(r"\[-(.*?)-\]|\{\+(.*?)\+\}", lambda m: m.group(2) or "", diff) == hyps[n - 1]


def test_worst_by_ter_ranks_the_highest_first():
    out = score_json("sys-b.en", "--ref", "ref.en", "--worst", "4", "--worst-by", "ter", "--metrics", "bleu")
    worst = out["systems"][0]["worst"]
    assert worst["metric"] == "ter" and worst["signature"].startswith("nrefs:1|case:lc|tok:tercom")
    scores = [w["score"] for w in worst["segments"]]
    assert len(scores) == 4 and scores == sorted(scores, reverse=True)
    assert list(out["systems"][0]["scores"]) == ["bleu"]  # ranked by TER, but only BLEU asked for
    lines = (FIX / "sys-b.en").read_text(encoding="utf-8").splitlines()
    assert all(w["hypothesis"] == lines[w["line"] - 1] for w in worst["segments"])


def test_worst_in_colour_uses_styles_not_markup_and_neutralises_control_characters(tmp_path):
    ref = tmp_path / "ref.txt"
    hyp = tmp_path / "hyp.txt"
    ref.write_text("The [bold]quick[/bold] fox jumps.\nAll good here.\n", encoding="utf-8")
    hyp.write_text("The [bold]slow[/bold] fox \x1b[31mjumps.\nAll good here.\n", encoding="utf-8")
    r = score(str(hyp), "--ref", str(ref), "--worst", "1", "--color", "always", "--metrics", "chrf")
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode()
    assert "\x1b[" in out  # coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\\x1b" in plain  # the document's ESC shown, not sent to the terminal
    assert "[bold]" in plain and "[/bold]" in plain  # literal, not rich markup
    assert "[-" not in plain and "{+" not in plain  # colour, not markers
    assert re.search(r"\x1b\[[0-9;]*9[;m][^\x1b]*quick", out)  # struck through (SGR 9)
    never = score(str(hyp), "--ref", str(ref), "--worst", "1", "--color", "never", "--metrics", "chrf").stdout.decode()
    assert "\x1b" not in never.replace("\\x1b", "") and "[-quick-]{+slow+}" in never


def test_no_color_environment_and_pipes_get_no_colour():
    env = dict(os.environ, NO_COLOR="1")
    r = subprocess.run([sys.executable, "-m", "tqcheck", "score", "sys-b.en", "--ref", "ref.en", "--worst", "1"],
                       capture_output=True, cwd=FIX, env=env, check=False)
    assert r.returncode == 0 and b"\x1b" not in r.stdout and b"[-" in r.stdout


# --- JSON ----------------------------------------------------------------------------------------


def test_json_structure():
    out = score_json("sys-a.en", "sys-b.en", "--ref", "ref.en", "--metrics", "ter,bleu", "--segments",
                     "--worst", "2", "--compare", "--resamples", "100")
    assert set(out) == {"tool", "references", "metrics", "systems", "comparison"}
    assert out["tool"]["name"] == "tqcheck" and out["tool"]["sacrebleu"] == "2.6.0"
    assert list(out["metrics"]) == ["ter", "bleu"]  # in the order asked
    assert out["metrics"]["bleu"] == {"name": "BLEU", "signature": SIGNATURES["bleu"],
                                      "segment_signature": SIGNATURES["bleu"].replace("eff:no", "eff:yes")}
    a, b = out["systems"]
    assert set(a) == {"path", "segment_count", "scores", "segments", "worst", "baseline", "comparison"}
    assert a["segment_count"] == 30 and a["baseline"] is True and b["baseline"] is False
    bleu = a["scores"]["bleu"]
    assert set(bleu) == {"name", "score", "signature", "precisions", "bp", "sys_len", "ref_len"}
    assert (bleu["sys_len"], bleu["ref_len"]) == (356, 354)  # sacrebleu's verbose line: hyp_len, ref_len
    assert set(a["segments"][0]) == {"line", "ter", "bleu"}
    assert [w["line"] for w in a["worst"]["segments"]] and len(a["worst"]["segments"]) == 2
    assert set(a["worst"]["segments"][0]) == {"line", "score", "hypothesis", "reference"}
    assert set(b["comparison"]["bleu"]) == {"score", "p_value", "mean", "ci"}
    assert all(isinstance(v, float) for v in b["comparison"]["bleu"].values())
    # full precision: the JSON score is the float sacrebleu computes, not a rounded one
    from sacrebleu.metrics import BLEU

    lines = [(FIX / n).read_text(encoding="utf-8").splitlines() for n in ("sys-a.en", "ref.en")]
    assert bleu["score"] == BLEU().corpus_score(lines[0], [lines[1]]).score


# --- reading files and errors --------------------------------------------------------------------


def test_final_line_break_and_crlf_do_not_change_the_scores(tmp_path):
    lines = (FIX / "sys-a.en").read_text(encoding="utf-8").splitlines()
    crlf = tmp_path / "crlf.en"
    crlf.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    bare = tmp_path / "bare.en"
    bare.write_bytes("\n".join(lines).encode())  # no final line break
    out = score_json(str(FIX / "sys-a.en"), str(crlf), str(bare), "--ref", "ref.en")
    first = out["systems"][0]["scores"]
    assert all(s["segment_count"] == 30 and s["scores"] == first for s in out["systems"])


def one_line_error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 2
    assert r.stdout == b""
    err = r.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("tqcheck: error: ") and "Traceback" not in err, err
    return err


def test_different_segment_counts_are_an_error_naming_both_counts_and_files(tmp_path):
    short = tmp_path / "short.en"
    short.write_text("".join(f"{ln}\n" for ln in (FIX / "sys-a.en").read_text(encoding="utf-8").splitlines()[:29]),
                     encoding="utf-8")
    err = one_line_error(score(str(short), "--ref", "ref.en"))
    assert str(short) in err and "ref.en" in err and " 29 " in err and " 30;" in err
    # between references too
    err = one_line_error(score("sys-a.en", "--ref", "ref.en", "--ref", str(short)))
    assert str(short) in err and "ref.en" in err and " 29 " in err and " 30;" in err


def test_missing_reference_is_an_error():
    err = one_line_error(score("sys-a.en", "--ref", "no-such-ref.en"))
    assert err == "tqcheck: error: no-such-ref.en: no such file\n"


def test_non_utf8_file_is_an_error_with_the_byte_offset(tmp_path):
    bad = tmp_path / "latin1.en"
    data = "Caf\u00e9 au lait.\n".encode("latin-1")
    bad.write_bytes(b"First line.\n" + data)
    err = one_line_error(score(str(bad), "--ref", str(bad)))
    assert f"{bad}: not UTF-8: byte 0xe9 at offset 15 (line 2)" in err


def test_empty_hypothesis_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.en"
    empty.write_bytes(b"")
    err = one_line_error(score(str(empty), "--ref", "ref.en"))
    assert f"{empty}: empty hypothesis file" in err


def test_blank_segments_are_scored_not_refused(tmp_path):
    blank = tmp_path / "blank.en"
    blank.write_text("\n" * 30, encoding="utf-8")
    out = score_json(str(blank), "--ref", "ref.en", "--metrics", "bleu,chrf,ter")
    s = out["systems"][0]["scores"]
    assert (s["bleu"]["score"], s["chrf"]["score"], s["ter"]["score"]) == (0.0, 0.0, 100.0)


def test_bad_metric_is_a_usage_error():
    r = score("sys-a.en", "--ref", "ref.en", "--metrics", "bleu,meteor")
    assert r.returncode == 2 and b"unknown metric 'meteor'" in r.stderr


def test_parser_does_not_import_sacrebleu():
    """``tqcheck --help`` and every other command build the score parser: it must stay light."""
    code = "import sys, tqcheck.cli; tqcheck.cli.build_parser(); print(sorted(m for m in ('sacrebleu', 'numpy', 'rich') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, check=True)
    assert r.stdout.decode().strip() == "[]"
