"""Configuration files: discovery, validation (one-line errors), merging with the command line, paths."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tqcheck import config as cfg
from tqcheck.config import (
    Config,
    Settings,
    excluded,
    find_config,
    load_config,
    merge,
    path_ignores,
    selected_checks,
    severity_for,
)
from tqcheck.errors import ConfigError, TqcheckError
from tqcheck.model import Severity
from tqcheck.registry import all_checks

FULL = """\
select = ["TQ1", "TQ2", "tq301"]
ignore = ["TQ102"]
per-path-ignores = {"archive/**" = ["TQ401"], "feeds/*.jsonl" = ["TQ104", "TQ4"]}
severity = {TQ401 = "info", TQ3 = "ERROR"}
fail-on = "error"
glossaries = ["terms/newsroom.tsv"]
rules = ["rules/site.toml"]
default-glossary = false
lang = "en"
source-lang = "uk"
fields = {text = "body", title = "headline"}
baseline = ".tqcheck-baseline.json"
exclude = ["drafts", "archive/2019/**"]
jobs = 4
"""


def project(tmp_path: Path, files: dict[str, str], *, git: bool = True) -> Path:
    root = tmp_path / "proj"
    root.mkdir(parents=True)
    if git:
        (root / ".git").mkdir()
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def write(tmp_path: Path, text: str, name: str = "tqcheck.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def error_of(path: Path) -> str:
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert isinstance(err.value, TqcheckError)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message[len(f"{path}: "):]


# --------------------------------------------------------------------------- discovery


def test_tqcheck_toml_wins_over_pyproject_in_the_same_directory(tmp_path):
    root = project(tmp_path, {"pyproject.toml": "[tool.tqcheck]\nlang = 'en'\n", "tqcheck.toml": "", "a/b/x.txt": ""})
    assert find_config(root / "a" / "b") == root / "tqcheck.toml"
    (root / "tqcheck.toml").unlink()
    assert find_config(root / "a" / "b") == root / "pyproject.toml"
    (root / ".tqcheck.toml").write_text("")
    assert find_config(root / "a") == root / ".tqcheck.toml"
    (root / "tqcheck.toml").write_text("")
    assert find_config(root) == root / "tqcheck.toml"


def test_a_pyproject_without_the_table_does_not_count(tmp_path):
    root = project(tmp_path, {
        "tqcheck.toml": "",
        "sub/pyproject.toml": "[project]\nname = 'x'\n[tool.ruff]\nline-length = 99  # tqcheck is mentioned\n",
        "sub/deeper/x.txt": "",
    })
    assert find_config(root / "sub" / "deeper") == root / "tqcheck.toml"
    (root / "sub" / "pyproject.toml").write_text("[tool.tqcheck]\n")
    assert find_config(root / "sub" / "deeper") == root / "sub" / "pyproject.toml"


def test_the_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path, "")  # above the repository: another project's
    root = project(tmp_path, {"a/x.txt": ""})
    assert find_config(root / "a") is None
    shutil.rmtree(root / ".git")
    (root / ".git").write_text("gitdir: elsewhere\n")  # a worktree or submodule: .git is a file
    assert find_config(root / "a") is None
    (root / ".git").unlink()
    assert find_config(root / "a") == tmp_path / "tqcheck.toml"


def test_a_file_as_start_and_nothing_found(tmp_path):
    root = project(tmp_path, {"tqcheck.toml": "", "x.txt": "text"})
    assert find_config(root / "x.txt") == root / "tqcheck.toml"
    assert find_config(project(tmp_path / "other", {})) is None


def test_a_broken_pyproject_that_mentions_tqcheck_is_an_error(tmp_path):
    root = project(tmp_path, {"pyproject.toml": "[tool.tqcheck\nlang = 'en'\n"})
    with pytest.raises(ConfigError, match="not valid TOML"):
        find_config(root)
    (root / "pyproject.toml").write_text("[tool.black\n")  # not ours: skipped without parsing
    assert find_config(root) is None


# --------------------------------------------------------------------------- loading


def test_every_key(tmp_path):
    root = project(tmp_path, {"tqcheck.toml": FULL, "terms/newsroom.tsv": "", "rules/site.toml": ""})
    c = load_config(root / "tqcheck.toml")
    assert c.path == root / "tqcheck.toml" and c.root == root.resolve()
    assert c.select == ("TQ1", "TQ2", "TQ301")
    assert c.ignore == ("TQ102",)
    assert c.per_path_ignores == (("archive/**", ("TQ401",)), ("feeds/*.jsonl", ("TQ104", "TQ4")))
    assert c.severity == (("TQ401", Severity.INFO), ("TQ3", Severity.ERROR))
    assert c.fail_on == "error"
    assert c.glossaries == (root.resolve() / "terms" / "newsroom.tsv",)
    assert c.rules == (root.resolve() / "rules" / "site.toml",)
    assert c.default_glossary is False
    assert (c.lang, c.source_lang) == ("en", "uk")
    assert c.fields == (("text", "body"), ("title", "headline"))
    assert c.baseline == root.resolve() / ".tqcheck-baseline.json"
    assert c.exclude == ("drafts", "archive/2019/**")
    assert c.jobs == 4
    with pytest.raises(AttributeError):
        c.jobs = 2  # type: ignore[misc]


def test_the_same_keys_in_pyproject_and_in_a_tool_table_of_tqcheck_toml(tmp_path):
    files = {"terms/newsroom.tsv": "", "rules/site.toml": ""}
    a = load_config(project(tmp_path / "a", {**files, "tqcheck.toml": FULL}) / "tqcheck.toml")
    b = load_config(project(tmp_path / "b", {**files, "pyproject.toml": "[project]\nname = 'x'\n\n[tool.tqcheck]\n" + FULL})
                    / "pyproject.toml")
    c = load_config(project(tmp_path / "c", {**files, "tqcheck.toml": "[tool.tqcheck]\n" + FULL}) / "tqcheck.toml")
    for other in (b, c):
        assert (other.select, other.severity, other.per_path_ignores, other.jobs, other.fields) == \
               (a.select, a.severity, a.per_path_ignores, a.jobs, a.fields)


def test_an_empty_file_is_all_defaults(tmp_path):
    c = load_config(write(tmp_path, ""))
    assert c == Config(path=tmp_path / "tqcheck.toml", root=tmp_path.resolve())


def test_relative_paths_are_relative_to_the_file_not_the_current_directory(tmp_path, monkeypatch):
    root = project(tmp_path, {"tqcheck.toml": 'glossaries = ["g.tsv"]\n', "g.tsv": ""})
    monkeypatch.chdir(tmp_path)
    assert load_config(Path("proj/tqcheck.toml")).glossaries == (root.resolve() / "g.tsv",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select = [\"TQ1\"\n", r"^end of file: not valid TOML: Unclosed array$"),
        ("select = [\"TQ1\" \"TQ2\"]\n", r"^line 1, column 17: not valid TOML: Unclosed array$"),
        ("lang = 'en'\nfail-on = \n", r"^line 2, column 11: not valid TOML: Invalid value$"),
        ("selct = []\n", r"^selct: unknown key \(did you mean 'select'\?\)$"),
        ("fail_on = 'error'\n", r"^fail_on: unknown key \(did you mean 'fail-on'\?\)$"),
        ("wibble = 1\n", r"^wibble: unknown key$"),
        ("select = \"TQ1\"\n", r"^select: expected a list of check codes, got a string$"),
        ("select = [1]\n", r"^select\[0\]: expected a string, got an integer$"),
        ("ignore = [\"TQ999\"]\n", r"^ignore\[0\]: unknown check code or prefix 'TQ999'"),
        ("ignore = [\"leftover-script\"]\n", r"^ignore\[0\]: 'leftover-script' is a check name; use its code 'TQ201'$"),
        ("severity = {TQ401 = \"loud\"}\n", r"^severity\.TQ401: unknown severity 'loud' \(use error, warning or info\)$"),
        ("severity = {TQ8 = \"info\"}\n", r"^severity\.TQ8: unknown check code or prefix 'TQ8'"),
        ("severity = [\"TQ401\"]\n", r"^severity: expected a table, got a list$"),
        ("fail-on = \"sometimes\"\n", r"^fail-on: unknown value 'sometimes' \(use error, warning, info, never\)$"),
        ("per-path-ignores = {\"a/**\" = [\"XX1\"]}\n", r'^per-path-ignores\."a/\*\*"\[0\]: unknown check code'),
        ("per-path-ignores = {\"a/**\" = \"TQ401\"}\n", r'^per-path-ignores\."a/\*\*": expected a list'),
        ("glossaries = [\"missing.tsv\"]\n", r"^glossaries\[0\]: no such file 'missing.tsv' \(/"),
        ("rules = \"r.toml\"\n", r"^rules: expected a list of file names, got a string$"),
        ("default-glossary = \"no\"\n", r"^default-glossary: expected true or false, got a string$"),
        ("lang = \"english\"\n", r"^lang: unknown language 'english'"),
        ("source-lang = \"ukr\"\n", r"^source-lang: unknown language 'ukr' \(did you mean 'uk'\?\)"),
        ("fields = {body = \"text\"}\n", r"^fields\.body: unknown field"),
        ("fields = {text = 3}\n", r"^fields\.text: expected a string, got an integer$"),
        ("baseline = 3\n", r"^baseline: expected a string, got an integer$"),
        ("exclude = [\"\"]\n", r"^exclude\[0\]: must not be empty$"),
        ("jobs = 0\n", r"^jobs: must be at least 1, got 0$"),
        ("jobs = true\n", r"^jobs: expected an integer, got a boolean$"),
        ("jobs = 1.5\n", r"^jobs: expected an integer, got a number$"),
        ("lang = 'en'\n[tool.tqcheck]\n", r"^tool: unknown key \(in tqcheck.toml the keys are at the top level"),
    ],
)
def test_errors_are_one_line_naming_file_and_key(tmp_path, text, expected):
    assert re.search(expected, error_of(write(tmp_path, text)))


def test_pyproject_errors(tmp_path):
    assert error_of(write(tmp_path, "[tool.ruff]\n", "pyproject.toml")) == "tool.tqcheck: no [tool.tqcheck] table"
    assert error_of(write(tmp_path, "[tool.tqcheck]\njobs = -1\n", "pyproject.toml")) == "jobs: must be at least 1, got -1"
    (tmp_path / "bad.toml").write_bytes(b"lang = '\xff'\n")
    assert error_of(tmp_path / "bad.toml").startswith("not UTF-8")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "absent.toml")


def test_prefixes_and_all_are_codes():
    for code in ("TQ", "TQ3", "TQ30", "TQ301", "ALL"):
        assert cfg.code_problem(code) is None
    assert cfg.code_problem("TQ3010") is not None


# --------------------------------------------------------------------------- merging


def test_merge_without_a_file_is_the_command_line_over_defaults():
    s = merge(None)
    assert s == Settings()
    assert (s.fail_on, s.lang, s.default_glossary, s.root) == ("warning", "en", True, None)
    s = merge(None, select=["tq2"], fail_on="never", glossaries=["g.tsv"], default_glossary=False, jobs=2)
    assert (s.select, s.fail_on, s.glossaries, s.default_glossary, s.jobs) == (
        ("TQ2",), "never", (Path("g.tsv"),), False, 2)


def test_scalars_on_the_command_line_win(tmp_path):
    root = project(tmp_path, {"tqcheck.toml": FULL, "terms/newsroom.tsv": "", "rules/site.toml": ""})
    c = load_config(root / "tqcheck.toml")
    s = merge(c)
    assert (s.fail_on, s.lang, s.source_lang, s.default_glossary, s.jobs, s.baseline) == (
        "error", "en", "uk", False, 4, c.baseline)
    assert s.root == c.root and s.config_path == c.path and s.fields == c.fields
    s = merge(c, fail_on="info", lang="de", source_lang="ru", default_glossary=True, jobs=1,
              baseline="b.json", fields=[("text", "content")])
    assert (s.fail_on, s.lang, s.source_lang, s.default_glossary, s.jobs, s.baseline, s.fields) == (
        "info", "de", "ru", True, 1, Path("b.json"), (("text", "content"), ("title", "headline")))


def test_files_from_the_command_line_come_after_the_files(tmp_path):
    root = project(tmp_path, {"tqcheck.toml": FULL, "terms/newsroom.tsv": "", "rules/site.toml": ""})
    c = load_config(root / "tqcheck.toml")
    s = merge(c, glossaries=["mine.tsv"], rules=["mine.toml"], exclude=["tmp/**"])
    assert s.glossaries == (*c.glossaries, Path("mine.tsv"))
    assert s.rules == (*c.rules, Path("mine.toml"))
    assert s.exclude == ("drafts", "archive/2019/**", "tmp/**")


def codes(settings: Settings) -> list[str]:
    return [c.code for c in selected_checks(settings, all_checks())]


def test_select_replaces_and_ignore_adds(tmp_path):
    c = load_config(write(tmp_path, 'select = ["TQ2", "TQ4"]\nignore = ["TQ401"]\n'))
    assert codes(merge(c)) == ["TQ201", "TQ202", "TQ203"]
    # --ignore alone: added on top of the file's selection
    s = merge(c, ignore=["TQ202"])
    assert (s.select, s.ignore, s.extend_ignore) == (("TQ2", "TQ4"), ("TQ401",), ("TQ202",))
    assert codes(s) == ["TQ201", "TQ203"]
    # --select: the file's select and ignore are both replaced; what is named runs
    s = merge(c, select=["TQ401"])
    assert (s.select, s.ignore, s.extend_ignore) == (("TQ401",), (), ())
    assert codes(s) == ["TQ401"]
    s = merge(c, select=["TQ2"], ignore=["TQ203"])
    assert codes(s) == ["TQ201", "TQ202"]


def test_an_extra_ignore_beats_a_more_specific_select_of_the_file(tmp_path):
    c = load_config(write(tmp_path, 'select = ["TQ401"]\n'))
    assert codes(merge(c, ignore=["TQ4"])) == []
    # within one layer the longest prefix still wins, as in ruff
    assert codes(merge(c, select=["TQ401"], ignore=["TQ4"])) == ["TQ401"]


def test_bad_command_line_values_are_config_errors():
    with pytest.raises(ConfigError, match=r"^--select: unknown check code or prefix 'TQ999'"):
        merge(None, select=["TQ999"])
    with pytest.raises(ConfigError, match=r"^--ignore: 'mixed-script' is a check name; use its code 'TQ203'$"):
        merge(None, ignore=["mixed-script"])
    with pytest.raises(ConfigError, match="^--fail-on"):
        merge(None, fail_on="loud")
    with pytest.raises(ConfigError, match="^--jobs"):
        merge(None, jobs=0)


# --------------------------------------------------------------------------- per-code and per-path lookups


def test_severity_longest_prefix_wins():
    s = Settings(severity=(("TQ3", Severity.ERROR), ("TQ401", Severity.INFO), ("TQ30", Severity.WARNING),
                           ("ALL", Severity.INFO)))
    assert severity_for(s, "TQ301") is Severity.WARNING
    assert severity_for(s, "TQ310") is Severity.ERROR
    assert severity_for(s, "TQ401") is Severity.INFO
    assert severity_for(s, "TQ201") is Severity.INFO
    assert severity_for(Settings(), "TQ201") is None


def test_path_ignores_and_exclude(tmp_path, monkeypatch):
    root = project(tmp_path, {"tqcheck.toml": FULL, "terms/newsroom.tsv": "", "rules/site.toml": ""})
    c = load_config(root / "tqcheck.toml")
    s = merge(c)
    monkeypatch.chdir(root)
    assert path_ignores(s, "archive/2020/a.txt") == ("TQ401",)
    assert path_ignores(c, str(root / "archive" / "a.txt")) == ("TQ401",)
    assert path_ignores(s, "archive.txt") == ()
    assert path_ignores(s, "news/archive/a.txt") == ()  # anchored at the root
    assert path_ignores(s, "feeds/daily.jsonl") == ("TQ104", "TQ4")
    assert path_ignores(s, "feeds/daily.jsonl#12") == ("TQ104", "TQ4")
    assert path_ignores(s, "feeds/daily.jsonl#https://example.org/a#b") == ("TQ104", "TQ4")
    assert path_ignores(s, "feeds/old/daily.jsonl") == ()  # * does not cross /
    assert path_ignores(s, "<stdin>") == ()
    # from a subdirectory, paths are still matched relative to the configuration's root
    monkeypatch.chdir(root / "terms")
    assert path_ignores(s, "../archive/x.md") == ("TQ401",)
    assert excluded(s, "../drafts/x.md") and excluded(s, "../news/drafts/x.md")
    monkeypatch.chdir(root)
    assert excluded(s, "drafts") and excluded(s, "a/drafts/b/c.md")
    assert excluded(s, "archive/2019/jan/x.txt") and not excluded(s, "archive/2020/x.txt")
    assert not excluded(s, "drafts2/x.md")
    assert not excluded(Settings(), "drafts/x.md")
    assert not excluded(s, str(tmp_path / "elsewhere" / "drafts.md"))


def test_exclude_without_a_file_is_relative_to_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = merge(None, exclude=["build/**", "*.bak"])
    assert excluded(s, "build/x/y.txt") and excluded(s, str(tmp_path / "build" / "a.md"))
    assert excluded(s, "notes/old.bak") and not excluded(s, "notes/old.txt")


GLOBS = [
    ("a/**", "a/b/c", True), ("a/**", "a", False), ("a/**", "ab/c", False),
    ("**/x.txt", "x.txt", True), ("**/x.txt", "d/e/x.txt", True), ("**/x.txt", "d/ex.txt", False),
    ("a/**/b", "a/b", True), ("a/**/b", "a/x/y/b", True), ("a/**/b", "a/x/y/bb", False),
    ("a/*.txt", "a/c.txt", True), ("a/*.txt", "a/b/c.txt", False), ("a/?.txt", "a/c.txt", True),
    ("a/?.txt", "a/cc.txt", False), ("a/[!x]*", "a/yz", True), ("a/[!x]*", "a/xz", False),
    ("a/[xy]z", "a/yz", True), ("a**b/c", "axxb/c", True), ("a**b/c", "ax/xb/c", False),
    ("A/b", "a/b", False), ("a/*", "a/.hidden", True), ("a.b/c+d", "a.b/c+d", True), ("a.b/c", "axb/c", False),
]


@pytest.mark.parametrize(("glob", "path", "expected"), GLOBS)
def test_glob_translation(glob, path, expected):
    assert bool(cfg.glob_regex(glob).fullmatch(path)) is expected
    assert cfg.glob_match(glob, path) is expected


def test_the_translation_agrees_with_full_match_where_it_exists():
    """Our regular expressions mean what ``PurePosixPath.full_match`` (3.13+) means; checked here with
    a 3.13 interpreter when one is installed, so both branches of ``glob_match`` agree."""
    if sys.version_info >= (3, 13):
        python = sys.executable
    else:
        python = next((str(p) for p in Path(os.path.expanduser("~/.pyenv/versions")).glob("3.1[3-9]*/bin/python3")),
                      shutil.which("python3.13"))
    if python is None or subprocess.run([python, "-c", "import pathlib; pathlib.PurePath.full_match"],
                                        check=False, capture_output=True, timeout=60).returncode:
        pytest.skip("no Python 3.13+ to compare with")
    code = (
        "import sys, json; from pathlib import PurePosixPath as P; "
        "print(json.dumps([P(p).full_match(g) for g, p in json.loads(sys.argv[1])]))"
    )
    import json

    out = subprocess.run([python, "-c", code, json.dumps([(g, p) for g, p, _ in GLOBS])], capture_output=True,
                         text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == [bool(cfg.glob_regex(g).fullmatch(p)) for g, p, _ in GLOBS]

