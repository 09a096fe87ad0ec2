"""Baselines: findings known by what and where-in-words they are, so old ones stay old across edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tqcheck.baseline import Baseline, BaselineError, fingerprints, key_for, render, write_baseline
from tqcheck.errors import TqcheckError
from tqcheck.model import Document, Item

from .conftest import SEED, check_text

PATH = "news/seed.txt"


@pytest.fixture
def findings_of(resources, all_checks):
    def run(text: str, path: str = PATH):
        doc = Document(path=path, text=text)
        return doc, check_text(text, resources, all_checks, path=path)

    return run


@pytest.fixture
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def baseline_of(tmp_path: Path, *results) -> Baseline:
    target = tmp_path / "baseline.json"
    write_baseline(target, results)
    return Baseline.load(target)


def test_a_baseline_matches_every_finding_it_was_written_from(tmp_path, findings_of, seed):
    doc, found = findings_of(seed)
    assert len(found) > 10
    base = baseline_of(tmp_path, (doc, found))
    assert len(base) == len(found)
    new, known = base.split(doc, found)
    assert new == [] and known == found


def test_lines_inserted_above_change_nothing(tmp_path, findings_of, seed):
    base = baseline_of(tmp_path, findings_of(seed))
    edited = "An editor's note.\n\nAnother line.\nA third.\n\n" + seed  # five lines at the top
    doc, found = findings_of(edited)
    new, known = base.split(doc, found)
    assert new == [] and len(known) == len(found) == len(base)


def test_a_paragraph_deleted_above_changes_nothing(tmp_path, findings_of, seed):
    base = baseline_of(tmp_path, findings_of(seed))
    paragraph = "The statement came amid US reports that Moscow had asked Pyongyang to replenish its military stockpiles.\n\n"
    assert paragraph in seed and seed.index(paragraph) < seed.index("CTAK")
    doc, found = findings_of(seed.replace(paragraph, "", 1))
    new, known = base.split(doc, found)
    assert new == [] and len(known) == len(found)


def test_a_new_problem_is_one_new_finding(tmp_path, findings_of, seed):
    base = baseline_of(tmp_path, findings_of(seed))
    doc, found = findings_of(seed.replace("Moscow then denied this information.",
                                          "Moscow then denied this information, Kiev said.", 1))
    new, known = base.split(doc, found)
    assert [(f.code, f.text) for f in new] == [("TQ301", "Kiev")]
    assert len(known) == len(base)


def test_identical_findings_count_as_a_multiset(tmp_path, findings_of):
    # two CTAK on one line: one hash, occurrence indexes 0 and 1
    doc, found = findings_of("It said CTAK twice: CTAK.\n")
    fps = fingerprints(doc, found)
    assert [f.text for f in found] == ["CTAK", "CTAK"]
    assert fps[0].rsplit("-", 1)[0] == fps[1].rsplit("-", 1)[0]
    assert [fp.rsplit("-", 1)[1] for fp in fps] == ["0", "1"]
    # the same line twice in the baseline excuses it twice, not three times
    repeated = "CTAK said so.\n\nCTAK said so.\n"
    base = baseline_of(tmp_path, findings_of(repeated))
    assert len(base) == 2
    doc3, found3 = findings_of(repeated + "\nCTAK said so.\n")
    new, known = base.split(doc3, found3)
    assert len(new) == 1 and len(known) == 2
    # and with one of them gone, the other is still known
    doc4, found4 = findings_of("CTAK said so.\n")
    assert base.split(doc4, found4) == ([], found4)


def test_repeated_boilerplate_lines_in_the_seed_are_two_entries(tmp_path, findings_of, seed):
    doc, found = findings_of(seed)
    captions = [f for f in found if f.text == "Photo Caption,"]
    assert len(captions) == 2
    base = baseline_of(tmp_path, (doc, found))
    # the second caption deleted: both entries were recorded, one finding is left and is known
    doc2, found2 = findings_of(seed[::-1].replace(",noitpaC otohP", "", 1)[::-1])
    new, known = base.split(doc2, found2)
    assert new == [] and len([f for f in known if f.text == "Photo Caption,"]) == 1


def test_a_finding_whose_line_is_edited_becomes_new(tmp_path, findings_of, seed):
    # the documented trade-off: the line is the finding's context, so an edit to it makes it new
    base = baseline_of(tmp_path, findings_of(seed))
    doc, found = findings_of(seed.replace("the North Korean news agency CTAK published",
                                          "the North Korean state news agency CTAK published", 1))
    new, _ = base.split(doc, found)
    assert [(f.code, f.text) for f in new] == [("TQ301", "CTAK")]


def test_other_documents_and_the_empty_baseline(tmp_path, findings_of, seed):
    doc, found = findings_of(seed)
    base = baseline_of(tmp_path, (doc, found))
    other, found_other = findings_of(seed, path="news/other.txt")
    assert base.split(other, found_other) == (found_other, [])
    assert Baseline.empty().split(doc, found) == (found, [])
    assert len(Baseline.empty()) == 0


def test_the_file_is_sorted_stable_and_one_finding_a_line(tmp_path, findings_of, seed):
    doc, found = findings_of(seed)
    target = tmp_path / "b.json"
    assert write_baseline(target, [(doc, found)]) == len(found)
    text = target.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["tool"] == "tqcheck" and data["version"] == 1
    entries = data["findings"]
    assert len(entries) == len(found)
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["text"], e["fingerprint"]))
    assert all(set(e) == {"path", "code", "text", "fingerprint"} for e in entries)  # no line, no offset
    assert all(e["path"] == PATH for e in entries)
    assert len(text.splitlines()) == len(found) + 6
    # same findings in another order: the same bytes
    assert render([(doc, list(reversed(found)))]) == text


def test_fingerprints_ignore_position_but_not_content(findings_of):
    doc, found = findings_of("The agency CTAK said so.\n")
    doc2, found2 = findings_of("\n\n\nThe   agency CTAK said so.\n")
    assert fingerprints(doc, found) == fingerprints(doc2, found2)
    doc3, found3 = findings_of("The agency CTAK said no.\n")
    assert fingerprints(doc, found) != fingerprints(doc3, found3)
    fp = fingerprints(doc, found)[0]
    h, n = fp.rsplit("-", 1)
    assert len(h) == 16 and int(h, 16) >= 0 and n == "0"


def test_without_text_the_finding_alone_identifies_it(findings_of):
    doc, found = findings_of("The agency CTAK said so.\n")
    empty = Document(path=PATH, text="")
    assert fingerprints(empty, found) != fingerprints(doc, found)
    moved = [f for f in findings_of("Elsewhere, CTAK spoke.\n")[1]]
    assert fingerprints(empty, found) == fingerprints(empty, moved)


def test_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert key_for(Document(path="./news//a.txt", text="x")) == "news/a.txt"
    assert key_for(Document(path=str(tmp_path / "news" / "a.txt"), text="x")) == "news/a.txt"
    assert key_for(Document(path="<stdin>", text="x")) == "<stdin>"
    outside = os.path.abspath(os.path.join(os.sep, "elsewhere", "a.txt"))
    assert key_for(Document(path=outside, text="x")) == Path(outside).as_posix()
    feed = "feeds/daily.jsonl"
    item = Item(feed=feed, index=12, id="urn:42", url="https://example.org/a")
    assert key_for(Document(path=f"{feed}#12", text="x", item=item)) == "feeds/daily.jsonl#urn:42"
    item = Item(feed=str(tmp_path / feed), index=12, url="https://example.org/a")
    assert key_for(Document(path=f"{feed}#12", text="x", item=item)) == "feeds/daily.jsonl#https://example.org/a"
    assert key_for(Document(path=f"{feed}#12", text="x", item=Item(feed=feed, index=12))) == "feeds/daily.jsonl#12"


def test_a_feed_item_keeps_its_findings_when_items_are_added(tmp_path, resources, all_checks):
    text = "The agency CTAK said so.\n"
    found = check_text(text, resources, all_checks)
    first = Document(path="feed.jsonl#1", text=text, item=Item(feed="feed.jsonl", index=1, id="a1"))
    base = baseline_of(tmp_path, (first, found))
    moved = Document(path="feed.jsonl#5", text=text, item=Item(feed="feed.jsonl", index=5, id="a1"))
    assert base.split(moved, found) == ([], found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "not a tqcheck baseline"),
        (b'{"tool": "ruff", "version": 1, "findings": []}', "not a tqcheck baseline"),
        (b'{"tool": "tqcheck", "version": 2, "findings": []}', "version 2 is not supported"),
        (b'{"tool": "tqcheck", "findings": []}', "version None is not supported"),
        (b'{"tool": "tqcheck", "version": 1, "findings": {}}', '"findings" must be a list'),
        (b'{"tool": "tqcheck", "version": 1, "findings": [{"path": "a"}]}', "findings[0]"),
    ],
)
def test_bad_baseline_files_are_one_line_errors(tmp_path, content, message):
    target = tmp_path / "baseline.json"
    if content is not None:
        target.write_bytes(content)
    with pytest.raises(BaselineError) as err:
        Baseline.load(target)
    assert isinstance(err.value, TqcheckError)
    assert message in str(err.value) and str(target) in str(err.value)
    assert "\n" not in str(err.value)


def test_an_empty_baseline_file_round_trips(tmp_path):
    target = tmp_path / "b.json"
    assert write_baseline(target, []) == 0
    assert json.loads(target.read_text()) == {"tool": "tqcheck", "version": 1, "findings": []}
    assert len(Baseline.load(target)) == 0


def test_writing_into_a_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(BaselineError, match="cannot write"):
        write_baseline(tmp_path / "no" / "such" / "b.json", [])
