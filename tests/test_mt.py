"""Offline machine translation (the extra ``tqcheck[mt]``): ``tqcheck models``, ``tqcheck.mt.argos``,
the re-translation check TQ501 and back-translation.

Every package here is real: one built at test time with random weights (tests/argos_fixture.py, no
torch), and the committed toy model trained by tests/fixtures/argos/build_trained_model.py. No test
touches the network or writes outside its temporary folder: argostranslate's data, config, cache and
packages folders are pointed there before anything imports it (in this process and in the commands
it starts), and the package index used is a closed port on the loopback interface.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tqcheck import registry
from tqcheck.mt import argos

from . import argos_fixture as af
from .conftest import ROOT, check_text, tqcheck

needs_extra = pytest.mark.skipif(not argos.extra_installed(), reason="the extra tqcheck[mt] is not installed")

# Sentences of the toy language the trained model never saw (checked in test_held_out_sentences_are_unseen).
HELD_OUT = af.held_out_pairs()[:40]


@pytest.fixture
def argos_home(tmp_path, monkeypatch) -> Path:
    """argostranslate's folders and tqcheck's packages folder, all under ``tmp_path``."""
    for key, value in af.argos_env(tmp_path / "argos").items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ARGOS_CHUNK_TYPE", raising=False)
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    return Path(os.environ["TQCHECK_ARGOS_DIR"])


@pytest.fixture(scope="module")
def random_package(tmp_path_factory) -> Path:
    return af.build_random_package(tmp_path_factory.mktemp("random-package"))


@pytest.fixture
def toy_uk(argos_home) -> Path:
    """The trained toy model unpacked as uk→en (tqcheck knows the languages it checks by code; the toy
    language "xx" is not one of them). Installing through the command line is tested on its own."""
    af.install_toy(argos_home, from_code="uk")
    return argos_home


def _stderr_lines(r: subprocess.CompletedProcess) -> list[str]:
    return [line for line in r.stderr.decode().splitlines() if line.strip()]


# ------------------------------------------------------------------------------- a package made here


@needs_extra
def test_random_package_installs_lists_and_translates(argos_home, random_package):
    r = tqcheck("models", "install", "--from", str(random_package))
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().startswith("installed xx→en (Toy → English, version 1.0) in ")
    assert (argos_home / "translate-xx_en-1_0" / "model" / "model.bin").is_file()

    r = tqcheck("models", "list")
    assert r.returncode == 0, r.stderr.decode()
    lines = r.stdout.decode().splitlines()
    assert lines[0] == f"argostranslate packages in {argos_home}:"
    assert lines[1].split() == ["xx→en", "1.0", "Toy", "→", "English", str(argos_home / "translate-xx_en-1_0")]

    # argostranslate's own public API, end to end, in a process of its own: it loads the package,
    # splits with the package's blank spaCy pipeline and translates (random weights: nonsense)
    script = (
        "import json, argostranslate.translate as t\n"
        "langs = sorted(l.code for l in t.get_installed_languages())\n"
        "out = t.translate('Hierau la prezan dikis. La armak atakis.', 'xx', 'en')\n"
        "print(json.dumps([langs, out]))\n"
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300, check=False,
                       env=dict(os.environ, ARGOS_CHUNK_TYPE="SPACY"))
    assert r.returncode == 0, r.stderr.decode()
    langs, out = json.loads(r.stdout)
    assert langs == ["en", "xx"]
    assert isinstance(out, str)

    # and through tqcheck, in this process
    assert argos.available("xx", "en") is None
    got = argos.translate_segments(["Hierau la prezan dikis.", "", "  La armak.\nLa urbo.  "], "xx", "en")
    assert len(got) == 3 and got[1] == ""
    assert got[2].startswith("  ") and "\n" in got[2] and got[2].endswith("  ")


@needs_extra
def test_flat_zip_is_refused_before_argostranslate_sees_it(argos_home, tmp_path):
    flat = af.build_random_package(tmp_path / "flat", flat=True)
    r = tqcheck("models", "install", "--from", str(flat))
    assert r.returncode == 2
    assert _stderr_lines(r) == [(f"tqcheck: {flat}: not an argostranslate package: the zip must hold one folder "
                                 "(with metadata.json, model/ and sentencepiece.model), not 4 top-level entries")]
    assert list(argos_home.iterdir()) == []  # nothing extracted


@needs_extra
@pytest.mark.parametrize(("files", "expected"), [
    ({"pkg/metadata.json": "{}", "pkg/model/model.bin": ""}, "pkg/ lacks sentencepiece.model"),
    ({"pkg/metadata.json": "{}", "pkg/sentencepiece.model": ""}, "pkg/ lacks model/"),
    ({"pkg/model/model.bin": "", "pkg/sentencepiece.model": ""}, "pkg/ lacks metadata.json"),
    ({"pkg/metadata.json": "not json", "pkg/model/model.bin": "", "pkg/sentencepiece.model": ""}, "is not JSON"),
    ({"pkg/metadata.json": '{"from_code": "uk"}', "pkg/model/model.bin": "", "pkg/sentencepiece.model": ""},
     "lacks from_code or to_code"),
    ({"pkg/../evil.txt": "", "pkg/metadata.json": "{}"}, "unsafe path"),
])
def test_broken_package_files_are_one_line_errors(argos_home, tmp_path, files, expected):
    path = tmp_path / "broken.argosmodel"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    r = tqcheck("models", "install", "--from", str(path))
    assert r.returncode == 2
    lines = _stderr_lines(r)
    assert len(lines) == 1 and expected in lines[0] and lines[0].startswith(f"tqcheck: {path}: ")
    assert list(argos_home.iterdir()) == []


@needs_extra
def test_not_a_zip_and_missing_file(argos_home, tmp_path):
    text = tmp_path / "model.argosmodel"
    text.write_text("hello")
    r = tqcheck("models", "install", "--from", str(text))
    assert (r.returncode, _stderr_lines(r)) == (2, [f"tqcheck: {text}: not an argostranslate package (not a zip archive)"])
    r = tqcheck("models", "install", "--from", str(tmp_path / "none.argosmodel"))
    assert (r.returncode, _stderr_lines(r)) == (2, [f"tqcheck: {tmp_path / 'none.argosmodel'}: no such file"])
    r = tqcheck("models", "install")
    assert r.returncode == 2 and "give --from FILE.argosmodel, or the languages" in r.stderr.decode()


@needs_extra
def test_list_with_no_package_and_with_a_stray_folder(argos_home):
    r = tqcheck("models", "list")
    assert r.returncode == 0
    assert r.stdout.decode().startswith(f"no argostranslate packages in {argos_home}: install one with ")
    (argos_home / "model").mkdir()  # what a flat zip extracted by argostranslate leaves behind
    r = tqcheck("models", "list")
    assert r.returncode == 1
    assert f"not a package: {argos_home / 'model'} (no metadata.json)" in r.stdout.decode()


@needs_extra
def test_packages_dir_option(argos_home, tmp_path, random_package):
    other = tmp_path / "elsewhere"
    r = tqcheck("models", "install", "--from", str(random_package), "--packages-dir", str(other))
    assert r.returncode == 0, r.stderr.decode()
    assert (other / "translate-xx_en-1_0" / "metadata.json").is_file()
    assert list(argos_home.iterdir()) == []
    r = tqcheck("models", "list", "--packages-dir", str(other))
    assert "xx→en" in r.stdout.decode()


@needs_extra
def test_reinstall_needs_replace(argos_home, random_package):
    assert tqcheck("models", "install", "--from", str(random_package)).returncode == 0
    r = tqcheck("models", "install", "--from", str(random_package))
    assert r.returncode == 2 and "already installed" in r.stderr.decode() and "--replace" in r.stderr.decode()
    r = tqcheck("models", "install", "--from", str(random_package), "--replace")
    assert r.returncode == 0, r.stderr.decode()


@needs_extra
def test_install_from_the_index_offline_is_one_line(argos_home, monkeypatch):
    # a closed port on the loopback interface: refused at once, nothing leaves the machine
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    r = tqcheck("models", "install", "uk", "en")
    assert r.returncode == 2
    assert _stderr_lines(r) == [("tqcheck: offline: cannot reach the package index (http://127.0.0.1:9/index.json); "
                                 "install a downloaded file with tqcheck models install --from FILE.argosmodel")]


# ------------------------------------------------------------------------------- without the extra


HIDE_ARGOS = "import sys; sys.modules['argostranslate'] = None\nfrom tqcheck.cli import main\nsys.exit(main({args!r}))\n"


def _without_argos(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", HIDE_ARGOS.format(args=list(args))], capture_output=True,
                          cwd=ROOT, timeout=300, check=False, env=dict(os.environ, NO_COLOR="1"))


@pytest.mark.parametrize("args", [("models", "list"), ("models", "install", "--from", "x.argosmodel"),
                                  ("models", "install", "uk", "en")])
def test_models_without_the_extra(args, argos_home):
    r = _without_argos(*args)
    assert r.returncode == 2
    assert _stderr_lines(r) == ["tqcheck: install the extra: pip install 'tqcheck[mt]'"]


def test_check_without_the_extra_says_so_once(argos_home, tmp_path):
    (tmp_path / "a.uk").write_text("\n".join(x for x, _ in HELD_OUT[:6]) + "\n")
    (tmp_path / "a.en").write_text("\n".join(e for _, e in HELD_OUT[:6]) + "\n")
    r = _without_argos("check", str(tmp_path / "a.en"), "--source", str(tmp_path / "a.uk"), "--source-lang", "uk",
                       "--select", "TQ501", "--format", "text")
    assert r.returncode == 0, r.stderr.decode()
    assert _stderr_lines(r) == [("tqcheck: TQ501 (retranslation-divergence) skipped: "
                                 "install the extra: pip install 'tqcheck[mt]'")]
    assert r.stdout.decode() == ""


@needs_extra
def test_available_without_a_package(argos_home):
    assert argos.available("uk", "en") == ("no argostranslate package uk→en: tqcheck models install uk en "
                                           "(downloads it), or tqcheck models install --from FILE.argosmodel")
    assert argos.available(None, "en") == "the source language is unknown: pass --source-lang"
    assert argos.available("en-GB", "en") is None  # nothing to translate
    with pytest.raises(argos.MTUnavailable, match="^no argostranslate package uk→en: "):
        argos.translate_segments(["Привіт"], "uk", "en")


def test_available_without_the_extra(argos_home, monkeypatch):
    monkeypatch.setitem(sys.modules, "argostranslate", None)
    assert not argos.extra_installed()
    assert argos.available("uk", "en") == "install the extra: pip install 'tqcheck[mt]'"
    with pytest.raises(argos.MTUnavailable, match=r"^install the extra: pip install 'tqcheck\[mt\]'$"):
        argos.translate_segments(["Привіт"], "uk", "en")


def test_retranslation_without_a_package_finds_nothing_and_notes_why(argos_home, resources):
    check = registry.find("TQ501")()
    pairs = HELD_OUT[:8]
    source = "\n".join(x for x, _ in pairs)
    target = "\n".join(e for _, e in pairs[:-1]) + "\nSomething else entirely happened somewhere."
    assert check_text((source, target), resources, [check], source_lang="uk") == []
    from dataclasses import replace

    from tqcheck import engine
    from tqcheck.bilingual import from_aligned_texts

    doc = replace(from_aligned_texts(source, target, path="a.en", source_path="a.uk"), source_lang="uk")
    result = engine.check_document(doc, [check], resources)
    assert result.findings == ()
    assert [n.split(": ", 1)[0] for n in result.notes] == ["TQ501 (retranslation-divergence) skipped"]


# ------------------------------------------------------------------------------- the trained toy model


def test_committed_model_is_small_and_well_formed():
    assert af.TRAINED.is_file(), "run tests/fixtures/argos/build_trained_model.py"
    assert af.TRAINED.stat().st_size < 1_000_000
    from tqcheck.mt.cli import validate_package_file

    meta = validate_package_file(af.TRAINED)
    assert (meta["from_code"], meta["to_code"], meta["_folder"]) == ("xx", "en", "translate-xx_en-toy")


def test_held_out_sentences_are_unseen():
    seen = {x for x, _ in af.training_pairs()}
    assert not [x for x, _ in HELD_OUT if x in seen]
    assert all(af.translate_words(x) == e for x, e in HELD_OUT)


@needs_extra
def test_trained_model_translates_unseen_sentences_exactly(argos_home, tmp_path):
    r = tqcheck("models", "install", "--from", str(af.TRAINED))
    assert r.returncode == 0, r.stderr.decode()
    # tqcheck's path: its own sentence splitting, the package's tokenizer and CTranslate2 model
    two = [f"{HELD_OUT[0][0]} {HELD_OUT[1][0]}"]  # two sentences in one segment
    got = argos.translate_segments([x for x, _ in HELD_OUT] + two, "xx", "en")
    assert got == [e for _, e in HELD_OUT] + [f"{HELD_OUT[0][1]} {HELD_OUT[1][1]}"]
    # argostranslate's public API gives the same
    script = (
        "import json, sys, argostranslate.translate as t\n"
        "print(json.dumps([t.translate(x, 'xx', 'en') for x in json.loads(sys.argv[1])]))\n"
    )
    r = subprocess.run([sys.executable, "-c", script, json.dumps([x for x, _ in HELD_OUT[:10]])],
                       capture_output=True, timeout=300, check=False, env=dict(os.environ, ARGOS_CHUNK_TYPE="SPACY"))
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout) == [e for _, e in HELD_OUT[:10]]


def _document(wrong_at: int, n: int = 16) -> tuple[str, str, str]:
    """``n`` unseen toy sentences and their translations, the one at ``wrong_at`` replaced by the
    translation of another sentence: a fluent, wrong segment."""
    pairs = HELD_OUT[:n]
    wrong = "The local police blocked the northern airport and the old village."
    assert wrong not in [e for _, e in pairs]
    source = "\n".join(x for x, _ in pairs) + "\n"
    target = "\n".join(wrong if i == wrong_at else e for i, (_, e) in enumerate(pairs)) + "\n"
    return source, target, wrong


@needs_extra
def test_retranslation_flags_exactly_the_mistranslated_segment(toy_uk, resources):
    source, target, wrong = _document(wrong_at=9)
    check = registry.find("TQ501")()
    found = check_text((source, target), resources, [check], source_lang="uk")
    assert [(f.code, f.line, f.text) for f in found] == [("TQ501", 10, wrong)]
    assert f"The re-translation reads {HELD_OUT[9][1]!r}" in found[0].message
    # the good document: nothing
    good = "\n".join(e for _, e in HELD_OUT[:16]) + "\n"
    assert check_text((source, good), resources, [check], source_lang="uk") == []


@needs_extra
def test_check_command_flags_the_mistranslated_segment(toy_uk, tmp_path):
    source, target, wrong = _document(wrong_at=4)
    (tmp_path / "news.uk").write_text(source)
    (tmp_path / "news.en").write_text(target)
    r = tqcheck("check", str(tmp_path / "news.en"), "--source", str(tmp_path / "news.uk"), "--source-lang", "uk",
                "--select", "TQ501", "--format", "json", "--fail-on", "info")
    assert r.returncode == 1, r.stderr.decode()
    report = json.loads(r.stdout)
    findings = [f for doc in report["documents"] for f in doc["findings"]]
    assert [(f["code"], f["line"], f["text"], f["severity"]) for f in findings] == [("TQ501", 5, wrong, "info")]


@needs_extra
def test_examples_hold_with_the_toy_model(toy_uk, resources):
    """What the registry meta-test checks, with the toy model installed (it runs without one)."""
    check = registry.find("TQ501")
    for example in check.flags:
        assert [f.code for f in check_text(example, resources, [check()])] == ["TQ501"]
    for example in check.passes:
        assert check_text(example, resources, [check()]) == []


# ------------------------------------------------------------------------------- back-translation


@needs_extra
def test_back_translation_and_side_by_side(toy_uk):
    """Back-translation goes target→source; the installed toy package goes "uk"→en, so the document
    here is one translated from English into the toy language."""
    from io import StringIO

    from rich.console import Console

    from tqcheck.bilingual import from_aligned_texts
    from tqcheck.model import Category, Finding, Severity
    from tqcheck.mt.backtranslate import back_translate, render_side_by_side, side_by_side_rows

    pairs = HELD_OUT[:3]
    target = "\n".join(x for x, _ in pairs[:2]) + "\n[b]Hierau\x1b"
    doc = from_aligned_texts("\n".join(e for _, e in pairs), target, path="doc.uk", source_path="doc.en",
                             lang="uk", source_lang="en")
    back = back_translate(doc)
    assert len(back) == 3 and back[:2] == [e for _, e in pairs[:2]]

    third = doc.pairs[2]
    finding = Finding(code="TQ501", name="retranslation-divergence", severity=Severity.INFO,
                      category=Category.MISTRANSLATION, message="m", start=third.start, end=third.start + 3,
                      line=3, column=1, end_line=3, end_column=4, text="[b]")
    rows = side_by_side_rows(doc, [finding], back)
    assert [[cell.plain for cell in row] for row in rows] == [
        ["1", pairs[0][1], pairs[0][0], back[0]],
        ["2", pairs[1][1], pairs[1][0], back[1]],
        ["3\nTQ501", pairs[2][1], "[b]Hierau\\x1b", back[2]],  # the ESC byte shown as an escape
    ]
    _, src, tgt, _ = rows[2]
    assert [(s.start, s.end, str(s.style)) for s in tgt.spans] == [(0, 3, "black on cyan")]  # the finding's span
    assert [str(s.style) for s in src.spans] == ["underline"]  # no word alignment: the whole source unit
    assert [s.style for s in rows[0][1].spans] == []  # units without findings are not marked

    out = StringIO()
    render_side_by_side(doc, [finding], back, Console(file=out, width=200, color_system=None))
    text = out.getvalue()
    assert "back-translation (en)" in text and pairs[0][0] in text and "[b]Hierau" in text and "\x1b" not in text


def test_back_translation_without_the_extra(argos_home, monkeypatch):
    from tqcheck.bilingual import from_aligned_texts
    from tqcheck.mt.backtranslate import back_translate

    monkeypatch.setitem(sys.modules, "argostranslate", None)
    doc = from_aligned_texts("Привіт", "Hello", path="a.en", source_path="a.uk", source_lang="uk")
    with pytest.raises(argos.MTUnavailable, match=r"^install the extra: pip install 'tqcheck\[mt\]'$"):
        back_translate(doc)
