"""Bad input: one clear line each, and nothing else lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT, tqcheck

GOOD = "Officials in Kiev said so.\n"


def _json(r):
    return json.loads(r.stdout)


def test_not_utf8_names_file_and_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Hello, world: " + b"\xff\xfe broken\n")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    r = tqcheck("check", str(bad), str(good), "--format", "json")
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert err == [f"tqcheck: {bad}: not valid UTF-8 at byte offset 14 (invalid start byte), not checked"]
    docs = _json(r)["documents"]
    assert [d["path"] for d in docs] == [str(good)] and docs[0]["findings"]
    assert _json(r)["summary"]["errors"] == [f"{bad}: not valid UTF-8 at byte offset 14 (invalid start byte), not checked"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x00\x01\x02binary\x00", "binary file"), (b"", "empty file"), (b"  \n\n", "only white space")],
)
def test_binary_and_empty(tmp_path, content, message):
    p = tmp_path / "x.txt"
    p.write_bytes(content)
    r = tqcheck("check", str(p), "--format", "json")
    assert r.returncode == 2
    assert message in r.stderr.decode() and "Traceback" not in r.stderr.decode()
    assert r.stderr.decode().count("\n") == 1


def test_missing_file_and_other_still_checked(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    r = tqcheck("check", str(tmp_path / "nope.txt"), str(good), "--format", "json")
    assert r.returncode == 2 and "no such file or directory" in r.stderr.decode()
    assert len(_json(r)["documents"]) == 1


def test_directory_with_unreadable_entries(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    r = tqcheck("check", str(tmp_path), "--format", "json")
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err
    assert f"{tmp_path / 'dangling.txt'}: cannot read: No such file or directory" in err
    if os.geteuid() != 0:  # root reads mode-000 files
        assert f"{locked}: cannot read: Permission denied" in err
    assert str(tmp_path / "good.txt") in [d["path"] for d in _json(r)["documents"]]


def test_50mb_single_line(tmp_path):
    """No crash and bounded memory on a 50 MB file with no line break."""
    sentence = "Officials said the CTAK agency reported 4 hour(s) ago that Kyiv and Moscow talked. "
    p = tmp_path / "big.txt"
    with open(p, "w", encoding="utf-8") as fh:
        n = 50 * 1024 * 1024 // len(sentence)
        for _ in range(n // 1000):
            fh.write(sentence * 1000)
    assert p.stat().st_size > 49 * 1024 * 1024
    code = (
        "import resource, sys; from tqcheck.cli import main; rc = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"
    )
    r = subprocess.run([sys.executable, "-c", code, "check", str(p), "--format", "json", "-o", str(tmp_path / "r.json")],
                       capture_output=True, cwd=ROOT, timeout=600)
    assert r.returncode == 1, r.stderr.decode()[-2000:]
    peak_kb = int(r.stderr.decode().strip().splitlines()[-1])
    assert peak_kb < 1_500_000, f"peak memory {peak_kb} kB"
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"][0]
    assert doc["findings"] and any("more than" in n for n in doc["notes"])


def test_unknown_source_lang():
    r = tqcheck("check", "-", "--source-lang", "zz", input=GOOD.encode())
    assert r.returncode == 2 and "unknown --source-lang 'zz'" in r.stderr.decode()

