from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

# The glossary cache of this test session (and of the commands it runs) lives in a folder of its own:
# tests never read or write the user's ~/.cache, and every session starts cold once.
os.environ["TQCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="tqcheck-test-cache-")

from tqcheck import engine, registry
from tqcheck.model import Document, Finding
from tqcheck.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SEED = CORPORA / "seed" / "mt-news-uk-en-001.txt"
SHARED = ROOT.parent / "shared"
WMT = SHARED / "data" / "wmt22-uk-en"


@pytest.fixture(scope="session")
def resources() -> Resources:
    res = Resources()
    res.load_all()
    return res


@pytest.fixture(scope="session")
def all_checks():
    return [c() for c in registry.all_checks()]


def check_text(text, resources: Resources, checks, *, path: str = "<test>", fmt: str = "text",
               source_lang: str | None = None) -> list[Finding]:
    """Findings of ``checks`` on ``text``. A ``(source, target)`` tuple is a bilingual document whose
    lines are aligned segments (how the examples of bilingual checks are written)."""
    from tqcheck.loader import ignored_regions

    if isinstance(text, tuple):
        from tqcheck.bilingual import from_aligned_texts

        source, target = text
        doc = from_aligned_texts(source, target, path=path, source_path=path + ".src",
                                 lang=resources.lang.code, source_lang=source_lang or "uk")
        doc = replace(doc, ignored=ignored_regions(doc.text, fmt))
        return list(engine.check_document(doc, checks, resources).findings)

    if any(c.scope == "corpus" for c in checks):  # a corpus: documents separated by form feeds
        docs = [Document(path=f"{path}#{i}", text=t, lang=resources.lang.code, source_lang=source_lang,
                         format=fmt, ignored=ignored_regions(t, fmt)) for i, t in enumerate(text.split("\f"))]
        return [f for r in engine.run(docs, checks, resources) for f in r.findings]
    doc = Document(path=path, text=text, lang=resources.lang.code, source_lang=source_lang, format=fmt,
                   ignored=ignored_regions(text, fmt))
    return list(engine.check_document(doc, checks, resources).findings)


@pytest.fixture
def run(resources, all_checks):
    def _run(text: str, *, only: str | None = None, **kw) -> list[Finding]:
        checks = [c for c in all_checks if only is None or c.code == only]
        return check_text(text, resources, checks, **kw)

    return _run


def tqcheck(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user would."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120")
    return subprocess.run(
        [sys.executable, "-m", "tqcheck", *args],
        input=input,
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )
