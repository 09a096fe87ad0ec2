"""Project configuration: ``[tool.tqcheck]`` in ``pyproject.toml``, or a ``tqcheck.toml``.

Where the file is found (``find_config``)
    From the directory being checked upwards, the first directory holding one of, in this order,
    ``tqcheck.toml``, ``.tqcheck.toml``, ``pyproject.toml`` with a ``[tool.tqcheck]`` table. A
    ``pyproject.toml`` without that table does not count (it belongs to some other tool), so the search
    goes on past it, as ruff's does. The search stops after the directory that holds ``.git`` (a
    directory, or the file of a worktree or submodule): a configuration above the repository root
    belongs to another project. In ``tqcheck.toml`` the keys are at the top level; a ``[tool.tqcheck]``
    table there is accepted too, so a section can be moved between the two files unchanged.

What it holds (``load_config``)
    Keys are kebab-case, as ruff's are::

        select = ["TQ1", "TQ2", "TQ301"]      # codes or prefixes; "ALL"
        ignore = ["TQ401"]
        per-path-ignores = {"archive/**" = ["TQ401"], "feeds/*.jsonl" = ["TQ104"]}
        severity = {TQ401 = "info", TQ3 = "error"}   # longest matching prefix wins
        fail-on = "error"                     # error, warning, info or never
        glossaries = ["terms/newsroom.tsv"]   # relative to this file's directory
        rules = ["rules/site.toml"]
        default-glossary = true
        lang = "en"
        source-lang = "uk"
        fields = {text = "body", title = "headline"}   # JSON Lines feeds: logical name = JSON key
        baseline = ".tqcheck-baseline.json"
        exclude = ["drafts", "archive/2019/**"]
        jobs = 4

    Every relative path in the file is relative to the file's directory (``Config.root``), never to the
    current directory: the same file means the same thing wherever tqcheck is started.

    Everything is validated when the file is loaded, and the first problem ends the run with one line,
    ``path: key: what is wrong`` (``ConfigError``): TOML syntax (with tomllib's line and column), an
    unknown key (with a "did you mean" from difflib), a wrong type, an unknown severity, ``fail-on``
    value, language or JSON field name, a code that is neither a code nor a prefix of any check (a
    check *name* gets a hint with its code), a glossary or rule file that does not exist, ``jobs`` < 1.
    Strict on purpose: a typo in a configuration that silently turned a check off, or kept it on, is
    found months later, when it has cost something.

How the command line combines with it (``merge``)
    Scalars given on the command line win (``--lang``, ``--fail-on``, ``--jobs``, ...). For the check
    selection tqcheck follows ruff's layering, in which each layer's ``select`` starts over:

    - ``--select`` on the command line *replaces* the file's ``select`` and the file's ``ignore`` no
      longer applies either: what is named on the command line is what runs (``--select TQ401`` runs
      TQ401 even when the file ignores it; with the file's ignores kept, the tie would go to ignore and
      nothing at all would run). ``--ignore`` given with it applies within that selection.
    - ``--ignore`` alone is *added* to the file's selection, as a layer on top that always wins (like
      ruff's ``--extend-ignore``): ``select = ["TQ401"]`` in the file and ``--ignore TQ4`` runs nothing.
      Replacing the file's ``ignore`` instead would silently turn back on the checks a project
      switched off, the moment someone ignores one more for a quick look; and merging it into the
      file's list under the longest-prefix rule would let the file's more specific ``select`` beat
      the command line. It is kept apart as ``Settings.extend_ignore``; ``selected_checks`` applies
      all three.
    - ``--glossary`` and ``--rules`` files come after the file's (later layers win, so the command
      line's glossary forms beat the project's, which beat the default glossary); ``--exclude``
      patterns are added to the file's.

    ``Settings`` is what the rest of tqcheck reads; with no configuration file, ``merge(None, ...)``
    gives the command line's values over the built-in defaults.

Paths (``path_ignores``, ``excluded``)
    A path is matched relative to the root (the configuration's directory, else the current
    directory), in POSIX form, against globs with ``**``: ``*`` and ``?`` stay within one path segment,
    ``**`` as a whole segment matches any number of segments (``a/**/b`` matches ``a/b``; ``a/**``
    matches everything under ``a``, not ``a`` itself). A pattern without a slash matches any single
    segment (``drafts`` excludes every folder or file named drafts, ``*.bak`` every such file, as in
    .gitignore), and a pattern that matches a folder matches everything under it. A feed item's path
    (``feeds/daily.jsonl#12``) also matches by its part before the first ``#``. On Python 3.13+ globs
    are matched with ``PurePosixPath.full_match``; before, by our own translation of the glob to a
    regular expression with the same meaning (a test compares the two on a table of cases with a
    3.13 interpreter when one is installed): ``fnmatch`` lets ``*`` cross ``/`` and has no ``**``.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import ConfigError
from .model import Severity
from .tomlcompat import tomllib

CONFIG_NAMES = ("tqcheck.toml", ".tqcheck.toml")
FAIL_ON = ("error", "warning", "info", "never")
FIELDS = ("title", "text", "url", "source", "target", "id", "site", "html")
KEYS = (
    "select", "ignore", "per-path-ignores", "severity", "fail-on", "glossaries", "rules", "default-glossary",
    "lang", "source-lang", "fields", "baseline", "exclude", "jobs",
)


# --------------------------------------------------------------------------- finding the file


def find_config(start: Path) -> Path | None:
    """The configuration file that governs ``start`` (a directory; a file's own directory is used),
    or None. See the module docstring for the order and where the search stops."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tqcheck_table(pyproject):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def _has_tqcheck_table(path: Path) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"tqcheck" not in raw:  # most pyproject.toml files: no parse at all
        return False
    tool = _parse(path, raw).get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("tqcheck"), dict)


def _parse(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
        if m:
            where = f"line {m.group(1)}, column {m.group(2)}"
            message = message[: m.start()]
        else:
            m = re.search(r"\s*\(at end of document\)\s*$", message)
            where = "end of file"
            if m:
                message = message[: m.start()]
        raise ConfigError(f"{path}: {where}: not valid TOML: {message}") from None


# --------------------------------------------------------------------------- the file's values


@dataclass(frozen=True)
class Config:
    """One configuration file, validated. Codes are upper-cased; paths are resolved against ``root``."""

    path: Path
    root: Path
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: str | None = None
    glossaries: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()
    default_glossary: bool | None = None
    lang: str | None = None
    source_lang: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    baseline: Path | None = None
    exclude: tuple[str, ...] = ()
    jobs: int | None = None


@functools.lru_cache(maxsize=1)
def _check_names() -> tuple[frozenset[str], dict[str, str]]:
    """Codes and name -> code of the registered checks (imported once: the set is fixed per process)."""
    from .registry import all_checks

    checks = all_checks()
    return frozenset(c.code for c in checks), {c.name: c.code for c in checks}


def _language_codes() -> list[str]:
    from .resources import languages

    return sorted(languages())


class _Reader:
    """Validates one table; every error names the file and the key."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root

    def fail(self, key: str, what: str) -> ConfigError:
        return ConfigError(f"{self.path}: {key}: {what}")

    def string(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"expected a string, got {_type(value)}")
        if not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def strings(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of strings, got {_type(value)}")
        return tuple(self.string(f"{key}[{i}]", v) for i, v in enumerate(value))

    def table(self, key: str, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a table, got {_type(value)}")
        return value

    def code(self, key: str, value: object) -> str:
        code = self.string(key, value).strip().upper()
        problem = code_problem(code)
        if problem:
            raise self.fail(key, problem)
        return code

    def codes(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of check codes, got {_type(value)}")
        return tuple(dict.fromkeys(self.code(f"{key}[{i}]", v) for i, v in enumerate(value)))

    def file(self, key: str, value: object) -> Path:
        raw = self.string(key, value)
        path = (self.root / Path(raw).expanduser()).resolve()
        if not path.is_file():
            raise self.fail(key, f"no such file {raw!r} ({path})")
        return path

    def files(self, key: str, value: object) -> tuple[Path, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of file names, got {_type(value)}")
        return tuple(self.file(f"{key}[{i}]", v) for i, v in enumerate(value))

    def language(self, key: str, value: object) -> str:
        lang = self.string(key, value).strip()
        known = _language_codes()
        if lang not in known:
            raise self.fail(key, f"unknown language {lang!r}{_did_you_mean(lang, known)} (known: {', '.join(known)})")
        return lang


def _type(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def code_problem(code: str) -> str | None:
    """Why ``code`` (upper-cased) is not a check code or prefix, or None when it is one (or ``ALL``)."""
    codes, names = _check_names()
    if code == "ALL" or any(c.startswith(code) for c in codes):
        return None
    by_name = names.get(code.lower())
    if by_name:
        return f"{code.lower()!r} is a check name; use its code {by_name!r}"
    return f"unknown check code or prefix {code!r}{_did_you_mean(code, codes)} (see 'tqcheck rules')"


def load_config(path: Path) -> Config:
    """Read and validate one configuration file (``pyproject.toml`` or ``tqcheck.toml``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    data = _parse(path, raw)
    tool = data.get("tool")
    nested = isinstance(tool, dict) and isinstance(tool.get("tqcheck"), dict)
    if path.name == "pyproject.toml":
        if not nested:
            raise ConfigError(f"{path}: tool.tqcheck: no [tool.tqcheck] table")
        table = tool["tqcheck"]
    elif nested and set(data) == {"tool"}:
        table = tool["tqcheck"]
    else:
        table = data
    root = path.resolve().parent
    r = _Reader(path, root)

    for key in table:
        if key not in KEYS:
            hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in KEYS else _did_you_mean(key, KEYS)
            if key == "tool" and table is data:
                hint = " (in tqcheck.toml the keys are at the top level, or all inside [tool.tqcheck])"
            raise r.fail(key, f"unknown key{hint}")

    values: dict[str, Any] = {}
    if "select" in table:
        values["select"] = r.codes("select", table["select"])
    if "ignore" in table:
        values["ignore"] = r.codes("ignore", table["ignore"])
    if "per-path-ignores" in table:
        values["per_path_ignores"] = tuple(
            (r.string("per-path-ignores", glob), r.codes(f"per-path-ignores.{_quote(glob)}", codes))
            for glob, codes in r.table("per-path-ignores", table["per-path-ignores"]).items()
        )
    if "severity" in table:
        pairs = []
        for code, level in r.table("severity", table["severity"]).items():
            key = f"severity.{_quote(code)}"
            code = r.code(key, code)
            try:
                pairs.append((code, Severity.parse(r.string(key, level))))
            except ValueError:
                raise r.fail(key, f"unknown severity {level!r} (use error, warning or info)") from None
        values["severity"] = tuple(pairs)
    if "fail-on" in table:
        fail_on = r.string("fail-on", table["fail-on"]).strip().lower()
        if fail_on not in FAIL_ON:
            raise r.fail("fail-on", f"unknown value {table['fail-on']!r} (use {', '.join(FAIL_ON)})")
        values["fail_on"] = fail_on
    if "glossaries" in table:
        values["glossaries"] = r.files("glossaries", table["glossaries"])
    if "rules" in table:
        values["rules"] = r.files("rules", table["rules"])
    if "default-glossary" in table:
        if not isinstance(table["default-glossary"], bool):
            raise r.fail("default-glossary", f"expected true or false, got {_type(table['default-glossary'])}")
        values["default_glossary"] = table["default-glossary"]
    if "lang" in table:
        values["lang"] = r.language("lang", table["lang"])
    if "source-lang" in table:
        values["source_lang"] = r.language("source-lang", table["source-lang"])
    if "fields" in table:
        pairs = []
        for logical, key in r.table("fields", table["fields"]).items():
            if logical not in FIELDS:
                raise r.fail(f"fields.{_quote(logical)}",
                             f"unknown field{_did_you_mean(logical, FIELDS)} (known: {', '.join(FIELDS)})")
            pairs.append((logical, r.string(f"fields.{logical}", key)))
        values["fields"] = tuple(pairs)
    if "baseline" in table:  # need not exist yet: it may be about to be written
        values["baseline"] = (root / Path(r.string("baseline", table["baseline"])).expanduser()).resolve()
    if "exclude" in table:
        values["exclude"] = r.strings("exclude", table["exclude"])
    if "jobs" in table:
        jobs = table["jobs"]
        if not isinstance(jobs, int) or isinstance(jobs, bool):
            raise r.fail("jobs", f"expected an integer, got {_type(jobs)}")
        if jobs < 1:
            raise r.fail("jobs", f"must be at least 1, got {jobs}")
        values["jobs"] = jobs
    return Config(path=path, root=root, **values)


def _quote(key: str) -> str:
    """A TOML key as it would be written: bare when it can be, else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


# --------------------------------------------------------------------------- effective settings


@dataclass(frozen=True)
class Settings:
    """What a run uses: the configuration file's values under the command line's, over the defaults.

    ``select``/``ignore`` are one layer, resolved by the longest matching prefix (``registry.select``);
    ``extend_ignore`` (the command line's ``--ignore`` when it gave no ``--select``) is applied after
    it and always wins. ``selected_checks`` applies all three. ``root`` is the directory paths are
    matched relative to: the configuration's, else None (the current directory).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: str = "warning"
    glossaries: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()
    default_glossary: bool = True
    lang: str = "en"
    source_lang: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    baseline: Path | None = None
    exclude: tuple[str, ...] = ()
    jobs: int | None = None
    root: Path | None = None
    config_path: Path | None = None


def merge(
    config: Config | None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fail_on: str | None = None,
    glossaries: Sequence[str | Path] = (),
    rules: Sequence[str | Path] = (),
    default_glossary: bool | None = None,
    lang: str | None = None,
    source_lang: str | None = None,
    fields: Sequence[tuple[str, str]] | None = None,
    baseline: str | Path | None = None,
    exclude: Sequence[str] = (),
    jobs: int | None = None,
) -> Settings:
    """The effective settings. A command-line value that was not given is None (or empty): the
    file's value then stands. Lists follow the module docstring: ``select`` replaces (and drops the
    file's ``ignore``), ``ignore`` alone is layered on top, ``glossaries``/``rules``/``exclude`` are
    appended. Command-line files are relative to the current directory; their existence is checked
    when they are loaded, as before. ``fields`` override the file's per logical name. Codes are
    validated here too (``ConfigError``)."""
    c = config or Config(path=Path(), root=Path.cwd())
    cli_select = _cli_codes("--select", select)
    cli_ignore = _cli_codes("--ignore", ignore)
    if cli_select:
        sel, ign, extend = cli_select, cli_ignore, ()
    else:
        sel, ign, extend = c.select, c.ignore, cli_ignore
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(f"--fail-on: unknown value {fail_on!r} (use {', '.join(FAIL_ON)})")
    if jobs is not None and jobs < 1:
        raise ConfigError(f"--jobs: must be at least 1, got {jobs}")
    return Settings(
        select=sel,
        ignore=ign,
        extend_ignore=extend,
        per_path_ignores=c.per_path_ignores,
        severity=c.severity,
        fail_on=fail_on or c.fail_on or "warning",
        glossaries=(*c.glossaries, *(Path(p) for p in glossaries)),
        rules=(*c.rules, *(Path(p) for p in rules)),
        default_glossary=default_glossary if default_glossary is not None
        else (c.default_glossary if c.default_glossary is not None else True),
        lang=lang or c.lang or "en",
        source_lang=source_lang or c.source_lang,
        fields=tuple({**dict(c.fields), **dict(fields or ())}.items()),
        baseline=Path(baseline) if baseline is not None else c.baseline,
        exclude=(*c.exclude, *exclude),
        jobs=jobs if jobs is not None else c.jobs,
        root=config.root if config else None,
        config_path=config.path if config else None,
    )


def _cli_codes(option: str, codes: Sequence[str] | None) -> tuple[str, ...]:
    out = []
    for code in codes or ():
        code = code.strip().upper()
        problem = code_problem(code)
        if problem:
            raise ConfigError(f"{option}: {problem}")
        out.append(code)
    return tuple(dict.fromkeys(out))


def selected_checks(settings: Settings, checks: Sequence[Any]) -> list[Any]:
    """The checks (classes or instances with a ``code``) the settings run: ``registry.select`` on
    ``select``/``ignore``, then minus any matched by ``extend_ignore``."""
    from .registry import select as registry_select

    chosen = registry_select(checks, select=settings.select, ignore=settings.ignore)
    extend = ["" if p == "ALL" else p for p in settings.extend_ignore]
    return [c for c in chosen if not any(c.code.startswith(p) for p in extend)]


# --------------------------------------------------------------------------- per-path and per-code lookups


def severity_for(settings: Config | Settings, code: str) -> Severity | None:
    """The severity the configuration gives ``code``: the longest matching prefix wins (``ALL``
    matches every code, as the shortest prefix); None when no entry matches."""
    best: tuple[int, Severity] | None = None
    for prefix, level in settings.severity:
        p = "" if prefix == "ALL" else prefix
        if code.startswith(p) and (best is None or len(p) > best[0]):
            best = (len(p), level)
    return best[1] if best else None


def path_ignores(settings: Config | Settings, path: str) -> tuple[str, ...]:
    """Codes (and prefixes) ignored for ``path`` by ``per-path-ignores``: every matching glob's, in
    file order, without repeats."""
    if not settings.per_path_ignores:
        return ()
    rel = relative_path(path, settings.root)
    found: list[str] = []
    for glob, codes in settings.per_path_ignores:
        if _path_matches(glob, rel):
            found.extend(codes)
    return tuple(dict.fromkeys(found))


def excluded(settings: Config | Settings, path: str) -> bool:
    """Whether ``path`` (or a folder above it) matches one of the ``exclude`` patterns."""
    if not settings.exclude:
        return False
    rel = relative_path(path, settings.root)
    return any(_path_matches(glob, rel) for glob in settings.exclude)


def relative_path(path: str, root: Path | None) -> str:
    """``path`` relative to ``root`` (else the current directory) in POSIX form; a path outside it is
    returned absolute. Symbolic links are tried both ways (as written, then resolved)."""
    base = Path(root) if root is not None else Path.cwd()
    if path.startswith("<"):  # <stdin>
        return path
    p = Path(path)
    absolute = Path(os.path.abspath(p if p.is_absolute() else Path.cwd() / p))
    for candidate, anchor in ((absolute, Path(os.path.abspath(base))), (Path(os.path.realpath(absolute)),
                                                                          Path(os.path.realpath(base)))):
        try:
            return candidate.relative_to(anchor).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


def _path_matches(glob: str, rel: str) -> bool:
    """``rel`` (POSIX, relative) or a folder above it matches ``glob``; a feed item's path also by its
    part before ``#``. See the module docstring."""
    candidates = [rel]
    if "#" in rel:
        candidates.append(rel.split("#", 1)[0])
    glob = glob.strip()
    glob = glob.removeprefix("./")
    glob = glob.rstrip("/") or glob
    for candidate in candidates:
        parts = candidate.split("/")
        if "/" not in glob:  # any single segment, as in .gitignore
            if any(glob_match(glob, part) for part in parts):
                return True
            continue
        for i in range(len(parts), 0, -1):  # the path itself, then each folder above it
            if glob_match(glob, "/".join(parts[:i])):
                return True
    return False


def glob_match(glob: str, path: str) -> bool:
    """Whether the whole POSIX ``path`` matches ``glob`` (``**`` as a segment: any number of segments).
    ``PurePosixPath.full_match`` on Python 3.13+, ``glob_regex`` before."""
    full_match = getattr(PurePosixPath, "full_match", None)
    if full_match is not None:
        return full_match(PurePosixPath(path), glob)
    return glob_regex(glob).fullmatch(path) is not None


@functools.lru_cache(maxsize=512)
def glob_regex(glob: str) -> re.Pattern[str]:
    """A glob as a regular expression over whole POSIX paths: ``*`` and ``?`` within one segment,
    ``[...]`` a character class (``[!...]`` negated), ``**`` as a whole segment zero or more segments
    (elsewhere it is a ``*``)."""
    segments = glob.split("/")
    out: list[str] = []
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == "**":
            # zero or more whole segments, each with its slash; at the end: the rest of the path
            out.append(r"(?:[^/]*(?:/[^/]*)*)?" if last else r"(?:[^/]*/)*")
            continue
        out.append(_segment_regex(seg) + ("" if last else "/"))
    # "a/**" does not match "a" itself, as with full_match; a folder's contents match it
    return re.compile("".join(out), re.DOTALL)


def _segment_regex(seg: str) -> str:
    out = []
    i = 0
    while i < len(seg):
        ch = seg[i]
        if ch == "*":
            while i + 1 < len(seg) and seg[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            j = seg.find("]", i + 2 if seg[i + 1:i + 2] in ("!", "]") else i + 1)
            if j == -1:
                out.append(re.escape(ch))
            else:
                body = seg[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                body = body.replace("\\", "\\\\")
                out.append(f"[{body}]")
                i = j
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)
