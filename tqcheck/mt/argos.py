"""Offline translation with argostranslate language packages, for the checks and the report.

The rest of tqcheck asks two things: ``available(from_code, to_code)`` (None, or the one line that
says why not and how to fix it) and ``translate_segments(segments, from_code, to_code)``. Nothing here
imports argostranslate until a package is really used: ``available`` only looks for the extra and
reads the packages' metadata.json, so a run without the extra, or without a package, costs nothing.

Where packages live: ``TQCHECK_ARGOS_DIR`` (``--packages-dir`` sets it), else argostranslate's own
setting ``ARGOS_PACKAGES_DIR`` (environment, then its settings.json), else its default
``$XDG_DATA_HOME/argos-translate/packages``. argostranslate reads its settings once, when it is first
imported, so ``_argos()`` exports the folder as ``ARGOS_PACKAGES_DIR`` before that import.

Why tqcheck runs the package's CTranslate2 model itself instead of ``argostranslate.translate``: that
module imports stanza and torch (4 s), and every sentence splitter it offers reaches for the network
(MiniSBD and stanza download models or their resource list on first use; with
``ARGOS_CHUNK_TYPE=SPACY`` importing it downloads a spaCy model). A checker must work offline. So
tqcheck splits segments into sentences with its own splitter (``tqcheck.segment.sentences``) and
translates them the way argostranslate does: the package's tokenizer (``Package.tokenizer``), its
``model/`` through ``ctranslate2.Translator.translate_batch`` with argostranslate's settings (beam 4,
length penalty 0.2, unknown tokens replaced), its target prefix if it has one.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import TqcheckError

EXTRA_HINT = "install the extra: pip install 'tqcheck[mt]'"
ENV_DIR = "TQCHECK_ARGOS_DIR"


class MTUnavailable(TqcheckError):
    """Translation cannot run: the extra or the language package is missing. The message is one line
    that says how to fix it."""


@dataclass(frozen=True)
class InstalledPackage:
    """An installed translation package, as its metadata.json describes it."""

    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    path: Path

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"


def extra_installed() -> bool:
    """Is argostranslate importable? Looked up without importing it (its import has side effects)."""
    try:
        return importlib.util.find_spec("argostranslate") is not None
    except (ImportError, ValueError):
        return False


def packages_dir() -> Path:
    """The folder tqcheck reads and installs packages in (see the module docstring)."""
    explicit = os.environ.get(ENV_DIR) or os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit).expanduser()
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate" / "settings.json"
    try:
        configured = json.loads(config.read_text(encoding="utf-8")).get("ARGOS_PACKAGES_DIR")
    except (OSError, ValueError, AttributeError):
        configured = None
    if configured:
        return Path(configured).expanduser()
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "argos-translate" / "packages"


def lang_code(code: str | None) -> str | None:
    """"uk", "UK", "en-GB", "en_US" -> the primary subtag argostranslate packages use."""
    if not code:
        return None
    return code.replace("_", "-").split("-", 1)[0].lower() or None


def scan(directory: Path | None = None) -> tuple[list[InstalledPackage], list[tuple[Path, str]]]:
    """The translation packages in ``directory`` and the folders there that are not packages, with
    why. argostranslate's ``get_installed_packages()`` raises on the first folder without a
    metadata.json (what a flat zip leaves behind), and then no package works: say so."""
    directory = directory or packages_dir()
    found: list[InstalledPackage] = []
    broken: list[tuple[Path, str]] = []
    try:
        entries = sorted(p for p in directory.iterdir() if p.is_dir())
    except OSError:
        return found, broken
    for path in entries:
        try:
            meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            broken.append((path, "no metadata.json"))
            continue
        except (OSError, ValueError) as exc:
            broken.append((path, f"unreadable metadata.json ({exc})"))
            continue
        if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
            broken.append((path, "metadata.json lacks from_code or to_code"))
            continue
        if meta.get("type", "translate") != "translate":
            continue
        found.append(InstalledPackage(
            from_code=str(meta["from_code"]), to_code=str(meta["to_code"]),
            from_name=str(meta.get("from_name", "")), to_name=str(meta.get("to_name", "")),
            version=str(meta.get("package_version", "")), path=path,
        ))
    return found, broken


def find_package(from_code: str, to_code: str) -> InstalledPackage | None:
    for pkg in scan()[0]:
        if pkg.from_code == from_code and pkg.to_code == to_code:
            return pkg
    return None


def install_hint(from_code: str, to_code: str) -> str:
    return (f"no argostranslate package {from_code}→{to_code}: tqcheck models install {from_code} {to_code} "
            f"(downloads it), or tqcheck models install --from FILE.argosmodel")


def available(from_code: str | None, to_code: str | None) -> str | None:
    """None when ``from_code``→``to_code`` can be translated offline, else the one-line reason with
    what to do about it. Cheap: never imports argostranslate."""
    if not extra_installed():
        return EXTRA_HINT
    f, t = lang_code(from_code), lang_code(to_code)
    if f is None:
        return "the source language is unknown: pass --source-lang"
    if t is None:
        return "the target language is unknown: pass --lang"
    if f == t or find_package(f, t) is not None:
        return None
    return install_hint(f, t)


def _argos():
    """``argostranslate.package``, imported with tqcheck's packages folder as its setting."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir())
    try:
        from argostranslate import package
    except ImportError:
        raise MTUnavailable(EXTRA_HINT) from None
    return package


@functools.lru_cache(maxsize=4)
def _model(path: str):
    """The argostranslate ``Package`` (metadata, tokenizer) and a CTranslate2 translator for it."""
    import ctranslate2

    pkg = _argos().Package(Path(path))
    if getattr(pkg, "tokenizer", None) is None:
        raise MTUnavailable(f"{path}: the package has no sentencepiece.model or bpe.model")
    translator = ctranslate2.Translator(
        str(Path(path) / "model"),
        device=os.environ.get("ARGOS_DEVICE_TYPE", "cpu"),
        compute_type=os.environ.get("ARGOS_COMPUTE_TYPE", "auto"),
        inter_threads=1,
    )
    return pkg, translator


def translate_segments(segments: Sequence[str], from_code: str, to_code: str) -> list[str]:
    """Each segment translated, sentence by sentence; white space and line breaks between sentences
    are kept, an empty segment stays empty. Raises ``MTUnavailable`` with the one-line reason when
    the extra or the package is missing."""
    from ..segment import sentences

    reason = available(from_code, to_code)
    if reason:
        raise MTUnavailable(reason)
    f, t = lang_code(from_code), lang_code(to_code)
    if f == t:
        return list(segments)
    info = find_package(f, t)  # type: ignore[arg-type]
    assert info is not None  # available() said so
    pkg, translator = _model(str(info.path))

    spans = [[(s.start, s.end) for s in sentences(seg)] for seg in segments]
    pieces = [pkg.tokenizer.encode(seg[a:b]) for seg, sp in zip(segments, spans) for a, b in sp]
    prefix = getattr(pkg, "target_prefix", "") or ""
    results = translator.translate_batch(
        pieces,
        target_prefix=[[prefix]] * len(pieces) if prefix and pieces else None,
        replace_unknowns=True,
        max_batch_size=32,
        beam_size=4,
        num_hypotheses=1,
        length_penalty=0.2,
    ) if pieces else []
    outputs = iter(_decode(pkg, r.hypotheses[0], prefix) for r in results)
    translated: list[str] = []
    for seg, sp in zip(segments, spans):
        out, last = [], 0
        for a, b in sp:
            out.append(seg[last:a])
            out.append(next(outputs))
            last = b
        out.append(seg[last:])
        translated.append("".join(out))
    return translated


def _decode(pkg, tokens: list[str], prefix: str) -> str:
    value = pkg.tokenizer.decode(tokens)
    if prefix and value.startswith(prefix):
        value = value[len(prefix):]
    return value.strip()
