"""Inline suppressions: syntax, scopes, unused and malformed directives."""

from __future__ import annotations

import re

import pytest

from tqcheck import suppress
from tqcheck.model import Category, Finding, Severity
from tqcheck.registry import all_checks
from tqcheck.suppress import EMPTY, Directive, apply, parse, spans

from .conftest import check_text

ALL_CODES = {c.code for c in all_checks()}


def everything(code: str) -> bool:
    return True


def nothing(code: str) -> bool:
    return False


def finding_at(text: str, needle: str, code: str, nth: int = 0) -> Finding:
    """A finding of ``code`` on the ``nth`` occurrence of ``needle`` in ``text``."""
    start = [m.start() for m in re.finditer(re.escape(needle), text)][nth]
    return Finding(code=code, name="x", severity=Severity.WARNING, category=Category.STYLE, message="m",
                   start=start, end=start + len(needle), line=text.count("\n", 0, start) + 1, column=1,
                   end_line=1, end_column=1, text=needle)


def covered(text: str, d: Directive) -> str:
    return text[d.applies_start:d.applies_end]


# --------------------------------------------------------------------------- syntax and scope


def test_fast_path_without_the_marker():
    assert parse("Nothing to see here. <!-- a comment -->\n", "text") is EMPTY
    assert not EMPTY
    assert apply([], EMPTY, ran=everything) == ([], [])
    f = finding_at("x Київ", "Київ", "TQ201")
    assert apply([f], EMPTY, ran=everything) == ([f], [])
    assert spans(EMPTY) == ()


def test_a_directive_sharing_its_line_covers_that_line():
    text = "First line.\nThe word Київ stays. <!-- tqcheck: ignore TQ201 -->\nNext line Київ.\n"
    (d,) = parse(text, "markdown").directives
    assert d.kind == "ignore" and d.codes == ("TQ201",) and d.line == 2
    assert covered(text, d) == "The word Київ stays. <!-- tqcheck: ignore TQ201 -->"
    assert text[d.start:d.end] == "<!-- tqcheck: ignore TQ201 -->"
    kept, unused = apply([finding_at(text, "Київ", "TQ201", 0), finding_at(text, "Київ", "TQ201", 1)],
                         parse(text, "markdown"), ran=everything)
    assert [f.line for f in kept] == [3] and unused == []


def test_a_directive_alone_covers_the_next_non_blank_line():
    text = "<!-- tqcheck: ignore TQ201 -->\n\n   \n<!-- tqcheck: ignore TQ401 -->\nThe Source said Київ.\nКиїв.\n"
    first, second = parse(text, "text").directives
    assert covered(text, first) == covered(text, second) == "The Source said Київ."
    found = [finding_at(text, "Source", "TQ401"), finding_at(text, "Київ", "TQ201", 0),
             finding_at(text, "Київ", "TQ201", 1)]
    kept, unused = apply(found, parse(text, "text"), ran=everything)
    assert [f.line for f in kept] == [6] and unused == []


def test_a_directive_alone_at_the_end_covers_nothing_and_is_unused():
    text = "Text.\n<!-- tqcheck: ignore TQ201 -->\n\n"
    (d,) = parse(text, "text").directives
    assert d.applies_start == d.applies_end == len(text)
    _, unused = apply([], parse(text, "text"), ran=everything)
    assert [u.codes for u in unused] == [("TQ201",)]


def test_several_codes_names_prefixes_and_case():
    text = "A line. <!-- TQCHECK: nothing -->\nX <!-- tqcheck: IGNORE tq201,  Capitalised-Word TQ3 -->\n"
    (d,) = parse(text, "text").directives  # the marker must be lower case: the first is prose
    assert d.codes == ("TQ201", "TQ401", "TQ3")
    kept, _ = apply([finding_at(text, "X", c) for c in ("TQ201", "TQ401", "TQ301", "TQ304", "TQ203")],
                    parse(text, "text"), ran=everything)
    assert [f.code for f in kept] == ["TQ203"]


def test_no_codes_means_every_code():
    text = "All of it <!-- tqcheck: ignore -->\nnot this\n"
    found = [finding_at(text, "All", "TQ401"), finding_at(text, "it", "TQ103"), finding_at(text, "this", "TQ401")]
    kept, unused = apply(found, parse(text, "text"), ran=everything)
    assert [f.text for f in kept] == ["this"] and unused == []


def test_ignore_file_covers_the_whole_document_wherever_it_stands():
    text = "Київ at the top.\n\nMore.\n\n<!-- tqcheck: ignore-file leftover-script -->\nКиїв at the end. Source.\n"
    (d,) = parse(text, "markdown").directives
    assert (d.kind, d.applies_start, d.applies_end) == ("ignore-file", 0, len(text))
    found = [finding_at(text, "Київ", "TQ201", 0), finding_at(text, "Київ", "TQ201", 1),
             finding_at(text, "Source", "TQ401")]
    kept, unused = apply(found, parse(text, "markdown"), ran=everything)
    assert [f.code for f in kept] == ["TQ401"] and unused == []


def test_disable_enable_regions():
    text = ("Київ before.\n<!-- tqcheck: disable TQ201 TQ401 -->\nКиїв inside, Source.\n"
            "<!-- tqcheck: enable TQ401 -->\nКиїв still, Source again.\n<!-- tqcheck: enable -->\nКиїв after.\n")
    found = [finding_at(text, "Київ", "TQ201", i) for i in range(4)]
    found += [finding_at(text, "Source", "TQ401", i) for i in range(2)]
    parsed = parse(text, "text")
    assert {d.kind for d in parsed.directives} == {"disable"}
    assert parsed.problems == ()
    kept, unused = apply(found, parsed, ran=everything)
    assert sorted((f.code, f.line) for f in kept) == [("TQ201", 1), ("TQ201", 7), ("TQ401", 5)]
    assert unused == []


def test_disable_without_enable_runs_to_the_end_and_blanket_disable():
    text = "Київ.\n<!-- tqcheck: disable -->\nКиїв, Source.\n\nКиїв.\n"
    (d,) = parse(text, "text").directives
    assert d.codes == () and d.applies_end == len(text)
    found = [finding_at(text, "Київ", "TQ201", i) for i in range(3)] + [finding_at(text, "Source", "TQ401")]
    kept, _ = apply(found, parse(text, "text"), ran=everything)
    assert [f.line for f in kept] == [1]


def test_plain_text_hash_form_alone_or_at_the_end_of_a_line():
    text = "# tqcheck: ignore TQ201\nКиїв here.\nКиїв there.   # tqcheck: ignore TQ201\nКиїв#tqcheck: no\n"
    parsed = parse(text, "text")
    assert [covered(text, d) for d in parsed.directives] == ["Київ here.", "Київ there.   # tqcheck: ignore TQ201"]
    assert parsed.problems == ()  # '#' glued to a word is not a directive
    assert [text[a:b] for a, b in spans(parsed)] == ["# tqcheck: ignore TQ201"] * 2
    found = [finding_at(text, "Київ", "TQ201", i) for i in range(3)]
    kept, _ = apply(found, parsed, ran=everything)
    assert [f.line for f in kept] == [4]


def test_hash_form_is_plain_text_only():
    text = "# tqcheck: ignore TQ201\nКиїв here.\n"
    for fmt in ("markdown", "html"):
        assert parse(text, fmt).directives == () and parse(text, fmt).problems == ()


def test_html_comment_works_in_every_format():
    text = "Київ <!-- tqcheck: ignore TQ201 -->\n"
    for fmt in ("text", "markdown", "html", "jsonl"):
        assert len(parse(text, fmt).directives) == 1


def test_directives_in_markdown_code_are_examples():
    text = ("Write `<!-- tqcheck: ignore TQ201 -->` after the line.\n\n```\n<!-- tqcheck: ignore -->\n"
            "<!-- tqcheck: bogus -->\n```\nКиїв.\n")
    assert parse(text, "markdown").directives == () and parse(text, "markdown").problems == ()
    assert len(parse(text, "text").directives) == 2  # in plain text there is no code


def test_spans_are_the_directives_own_text_sorted_once():
    text = "<!-- tqcheck: disable TQ201 TQ401 -->\nx\n<!-- tqcheck: enable TQ201 -->\ny <!-- tqcheck: frob -->\n"
    parsed = parse(text, "text")
    assert len(parsed.directives) == 2  # the disable, ended code by code, is two parts
    assert [text[a:b] for a, b in spans(parsed)] == ["<!-- tqcheck: disable TQ201 TQ401 -->",
                                                    "<!-- tqcheck: frob -->"]


# --------------------------------------------------------------------------- unused and malformed


def test_unused_codes_are_reported_per_code():
    text = "Київ <!-- tqcheck: ignore TQ201, TQ401 -->\n"
    kept, unused = apply([finding_at(text, "Київ", "TQ201")], parse(text, "text"), ran=everything)
    assert kept == []
    (u,) = unused
    assert u.codes == ("TQ401",) and u.line == 1 and text[u.start:u.end].startswith("<!--")
    assert "TQ401" in u.message and not u.removable  # TQ201 is still needed
    _, unused = apply([], parse(text, "text"), ran=everything)
    assert [(u.codes, u.removable) for u in unused] == [(("TQ201", "TQ401"), True)]


def test_a_directive_for_a_check_that_did_not_run_is_never_unused():
    text = "Kyiv <!-- tqcheck: ignore TQ201 -->\nKyiv <!-- tqcheck: ignore TQ2 -->\n"
    assert apply([], parse(text, "text"), ran=lambda code: code != "TQ201") == ([], [])
    # a prefix counts only when every check under it ran
    _, unused = apply([], parse(text, "text"), ran=lambda code: code != "TQ202")
    assert [u.codes for u in unused] == [("TQ201",)]
    _, unused = apply([], parse(text, "text"), ran=everything)
    assert [u.codes for u in unused] == [("TQ201",), ("TQ2",)]


def test_a_blanket_directive_is_judged_by_the_checks_that_ran():
    text = "Kyiv <!-- tqcheck: ignore -->\n"
    (u,) = apply([], parse(text, "text"), ran=everything)[1]
    assert u.codes == () and u.removable and "'ignore'" in u.message
    (u,) = apply([], parse(text, "text"), ran=lambda code: code == "TQ201")[1]
    assert not u.removable  # other checks might have needed it: reported, but not deleted by a fix
    assert apply([], parse(text, "text"), ran=nothing) == ([], [])


def test_every_code_matching_counts_as_used():
    text = "<!-- tqcheck: ignore-file TQ201 -->\nКиїв <!-- tqcheck: ignore TQ2 -->\n"
    _, unused = apply([finding_at(text, "Київ", "TQ201")], parse(text, "text"), ran=everything)
    assert unused == []


def test_malformed_directives():
    text = ("a <!-- tqcheck: frob TQ201 -->\nb <!-- tqcheck: ignore TQ999, TQ401 -->\n"
            "c <!-- tqcheck: ignore nonsense -->\nd <!-- tqcheck: -->\ne <!-- tqcheck: enable TQ201 -->\n"
            "f <!-- tqcheck: ignore TQ201\n")
    parsed = parse(text, "text")
    messages = [(p.line, p.message) for p in parsed.problems]
    assert [line for line, _ in messages] == [1, 2, 3, 4, 5, 6]
    assert "unknown directive 'frob'" in messages[0][1]
    assert "'TQ999'" in messages[1][1] and "'nonsense'" in messages[2][1]
    assert "no verb" in messages[3][1] and "without an earlier 'disable'" in messages[4][1]
    assert "unclosed comment" in messages[5][1]
    # the known code of line 2 still applies; line 3's directive (no known code) suppresses nothing
    assert [d.codes for d in parsed.directives] == [("TQ401",)]
    found = [finding_at(text, "b <", "TQ401"), finding_at(text, "c <", "TQ401")]
    kept, unused = apply(found, parsed, ran=everything)
    assert [f.text for f in kept] == ["c <"]
    assert [u.line for u in unused] == [1, 2, 3, 4, 5, 6]
    assert all(u.message.startswith("malformed suppression: ") and not u.removable for u in unused)
    # malformed directives are reported whatever ran
    assert len(apply([], parsed, ran=nothing)[1]) == 6


def test_enable_of_a_code_never_disabled():
    text = "<!-- tqcheck: disable TQ201 -->\nx\n<!-- tqcheck: enable TQ401 -->\ny\n"
    parsed = parse(text, "text")
    (p,) = parsed.problems
    assert "'enable TQ401' without an earlier 'disable TQ401'" in p.message
    (d,) = parsed.directives
    assert d.codes == ("TQ201",) and d.applies_end == len(text)


def test_unused_disable_parts_are_one_report():
    text = "<!-- tqcheck: disable TQ201 TQ401 -->\nx\n<!-- tqcheck: enable TQ201 -->\ny\n<!-- tqcheck: enable -->\n"
    _, unused = apply([], parse(text, "text"), ran=everything)
    (u,) = unused
    assert u.codes == ("TQ201", "TQ401") and u.removable


# --------------------------------------------------------------------------- through the engine


def test_through_the_engine(resources, all_checks):
    text = ("The agency CTAK said. <!-- tqcheck: ignore glossary-term -->\n"
            "<!-- tqcheck: ignore TQ201 -->\nKyiv was calm.\n"
            "A major Source of arms.\n")
    found = check_text(text, resources, all_checks, fmt="markdown")
    assert sorted((f.code, f.line) for f in found) == [("TQ401", 4), ("TQ901", 2)]
    (unused,) = [f for f in found if f.code == "TQ901"]
    assert unused.text == "<!-- tqcheck: ignore TQ201 -->" and unused.fix is not None
    # no check reads the comments: not markup residue, and no capitalised "TQ" words
    assert not [f for f in found if f.code == "TQ103"]


def test_names_and_codes_resolve_against_the_registry():
    for check in all_checks():
        assert suppress._resolve(check.name) == check.code
        assert suppress._resolve(check.code.lower()) == check.code
    assert suppress._resolve("TQ") == "TQ"
    assert suppress._resolve("TQ999") is None and suppress._resolve("ruff") is None
    assert "TQ901" in ALL_CODES


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_marker_in_prose_is_not_a_directive(fmt):
    text = "The tool prints tqcheck: ignore at the end.\n"
    parsed = parse(text, fmt)
    assert parsed.directives == () and parsed.problems == ()
