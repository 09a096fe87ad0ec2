"""Reporters: document text is shown literally and cannot drive the terminal."""

from __future__ import annotations

import io
import json

from tqcheck import report
from tqcheck.model import Document, DocumentResult, Report

from .conftest import check_text, tqcheck


def _render(fmt, text, resources, checks, color=False):
    doc = Document(path="evil\x1b[31m.txt", text=text)
    rep = Report((DocumentResult(doc, tuple(check_text(text, resources, checks))),))
    out = io.StringIO()
    report.get(fmt)(rep, out, report.Options(color=color, width=200))
    return out.getvalue()


HOSTILE = "[bold]Уряд[/bold] said tag soup [/] and [link=https://evil.example]click[/link] in Kiev\x1b[2J.\n"


def test_rich_shows_markup_literally(resources, all_checks):
    for color in (False, True):
        out = _render("rich", HOSTILE, resources, all_checks, color=color)
        assert "[bold]Уряд[/bold]" in out or "[bold]" in out
        assert "[link=https://evil.example]" in out
        assert "\x1b[2J" not in out and "\\x1b[2J" in out
        assert "evil\\x1b[31m.txt" in out


def test_text_and_json_neutralise_controls(resources, all_checks):
    out = _render("text", HOSTILE, resources, all_checks)
    assert "\x1b" not in out
    doc = json.loads(_render("json", HOSTILE, resources, all_checks))
    assert doc["documents"][0]["path"] == "evil\x1b[31m.txt"  # JSON escapes it; the data stay exact


def test_rich_word_diff_and_summary_table(resources, all_checks):
    out = _render("rich", "Officials in Kiev said so.\n", resources, all_checks)
    assert "Officials in [-Kiev-]{+Kyiv+} said so." in out
    assert "Findings by code" in out and "TQ301" in out


def test_rich_color_output_uses_strike(resources, all_checks):
    out = _render("rich", "Officials in Kiev said so.\n", resources, all_checks, color=True)
    assert "\x1b[" in out and "Kiev" in out and "Kyiv" in out


def test_cli_color_always():
    r = tqcheck("check", "-", "--color", "always", input=b"Officials in Kiev said so.\n")
    assert b"\x1b[" in r.stdout
