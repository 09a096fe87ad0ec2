#!/usr/bin/env python3
"""Build the NewsHub UA feed corpus: 24 articles in RSS 2.0, Atom 1.0 and JSON Lines.

Run from anywhere (standard library only; the output does not depend on the date or the machine):

    python3 corpora/feed/build.py [--data DIR]

The article bodies are runs of consecutive segments of the WMT22 uk-en system outputs, read from
``../shared/data/wmt22-uk-en/`` next to the repository (``--data`` to read them elsewhere). The
frame of the fictional aggregator "NewsHub UA" (lines repeated across most items), the bylines,
captions, timestamps and the other seed-like artefacts are this project's own text, planted where
ITEMS says. The script writes ``feed.rss``, ``feed.atom``, ``feed.jsonl`` and the answer key
``expected.json`` beside itself; README.md explains them.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "wmt22-uk-en"
HYP = "generaltest2022.uk-en.hyp.{}.en"
WMT_REPO = "wmt-conference/wmt22-news-systems"
WMT_COMMIT = "20240a2e96a50e823ea8cdf37fd8af52547146e3"

KYIV = timezone(timedelta(hours=3))  # EEST, April 2022

AGGREGATOR = {
    "name": "NewsHub UA",
    "home": "https://newshub-ua.example/",
    "rss": "https://newshub-ua.example/feed.rss",
    "atom": "https://newshub-ua.example/feed.atom",
    "description": "News of Ukraine in English, gathered from Ukrainian outlets and machine-translated",
}

# The outlets the aggregator republishes (fictional; example domains). ``site`` of an item.
OUTLETS = {
    "kh": ("Kyiv Herald", "https://kyivherald.example/"),
    "dc": ("Dnipro Courier", "https://dniprocourier.example/"),
    "bsm": ("Black Sea Monitor", "https://blackseamonitor.example/"),
    "pp": ("Polissia Post", "https://polissiapost.example/"),
}

# --- the aggregator's frame: lines repeated across most items ----------------------------------
# Each has a canonical wording and variants that differ only in punctuation, case or whitespace
# (variant 0 is the canonical line), each with what it differs in: "end punctuation", "case" and
# "whitespace" vanish under a normalisation that folds case, collapses spaces and strips punctuation at
# the ends; "inner punctuation" (a typographic apostrophe, a dash for a colon) needs more. None of them is matched by tqcheck's default rule pack: a tool
# has to find them by mining the feed itself.
FRAME = {
    "header": {
        "kind": "masthead",
        "position": "start",
        "variants": [
            ("NewsHub UA: the news of Ukraine in English", []),
            ("NewsHub UA \u2014 the news of Ukraine in English", ["inner punctuation"]),
            ("NEWSHUB UA: THE NEWS OF UKRAINE IN ENGLISH", ["case"]),
        ],
    },
    "disclaimer": {
        "kind": "disclaimer",
        "position": "end",
        "variants": [
            ("The opinion of the editorial board may not coincide with the opinion of the author", []),
            ("The opinion of the editorial board may not coincide with the opinion of the author.",
             ["end punctuation"]),
            ("(The opinion of the editorial board may not coincide with the opinion of the author)",
             ["end punctuation"]),
            ("THE OPINION OF THE EDITORIAL BOARD MAY NOT COINCIDE WITH THE OPINION OF THE AUTHOR", ["case"]),
        ],
    },
    "promo": {
        "kind": "promo",
        "position": "end",
        "variants": [
            ("Subscribe to NewsHub UA on Telegram so you don't miss the main news", []),
            ("Subscribe to NewsHub UA on Telegram so you don\u2019t miss the main news!",
             ["inner punctuation", "end punctuation"]),
            ("Subscribe to NewsHub UA on Telegram so you don't miss the main news.", ["end punctuation"]),
            ("subscribe to NewsHub UA on Telegram so you don't miss the main news", ["case"]),
            ("Subscribe to NewsHub UA on Telegram  so you don't miss the main news", ["whitespace"]),
        ],
    },
    "share": {
        "kind": "share",
        "position": "end",
        "variants": [
            ("Liked the article? Share it with your friends", []),
            ("Liked the article? Share it with your friends!", ["end punctuation"]),
            ("Liked the article?  Share it with your friends", ["whitespace"]),
            ("liked the article? share it with your friends", ["case"]),
        ],
    },
    "nav": {
        "kind": "navigation",
        "position": "end",
        "variants": [
            ("All news of the day on the NewsHub UA homepage", []),
            ("All news of the day on the NewsHub UA homepage.", ["end punctuation"]),
            ("all news of the day on the NewsHub UA homepage", ["case"]),
            ("All news of the day  on the NewsHub UA homepage", ["whitespace"]),
            ("ALL NEWS OF THE DAY ON THE NEWSHUB UA HOMEPAGE", ["case"]),
        ],
    },
}
END_ORDER = ("disclaimer", "promo", "share", "nav")

# --- seed-like artefacts (what tqcheck check reports on them) ----------------------------------
RESIDUE = 'type="image/webp"> type="image/jpeg">>>'
NOTICE = "The article is in Ukrainian"
LABEL = "Photo Caption,"
ARTEFACT_CODES = {
    "relative-timestamp": "TQ104",
    "image-residue": "TQ103",
    "photo-credit-calque": "TQ102",
    "caption-label": "TQ102",
    "mt-notice": "TQ101",
    "transliterated-acronym": "TQ301",
}

# The name spelled two ways across items: Oleksandr Pavliuk (Олександр Павлюк), head of the Kyiv
# regional military administration; not in the default glossary. "Pavliuk" (the KMU 2010
# transliteration) in five items, "Pavlyuk" in two.
NAME = {
    "name": "Oleksandr Pavliuk",
    "uk": "Олександр Павлюк",
    "type": "person",
    "majority": "Pavliuk",
    "forms": ("Pavliuk", "Pavlyuk"),
}

# Found only when the items are checked together (one run): a glossary name the WMT systems spell
# differently, as they are. Zelensky (Online-G, nh-09) against the glossary's Zelenskyy (nh-07, nh-12).
RUN_FINDINGS = [
    ("nh-09", "Zelensky", "TQ305", "Zelenskyy in nh-07 and nh-12 (the glossary's preferred form)"),
]

# --- the 24 items, in feed order (newest first) --------------------------------------------------
# system, segments: WMT22 output and the 1-based, inclusive line range of the body (one paragraph a
# segment). title: written for the item, or title_line: a line of the same output just before the
# body (the source article's own headline). byline, ago, image, notice: seed-like additions. frame:
# which frame lines the item carries, as variant indexes. replace: a planted substitution in the
# machine translation (old, new, the artefact, its kind, a note). mt_findings: what tqcheck check
# reports in the machine translation as it is (not planted), recorded for the answer key: (text, code,
# note[, the words around it, where the text alone occurs more than once]).
ITEMS = [
    {
        "system": "ALMAnaCH-Inria", "segments": (1772, 1779), "site": "bsm", "date": (2022, 4, 14, 9, 40),
        "title": "General Staff: the enemy continues the partial blockade of Kharkiv",
        "frame": {"header": 0, "promo": 0, "share": 1},
        "mt_findings": [("BPLA", "TQ301", "transliterated acronym БПЛА (UAV)")],
    },
    {
        "system": "GTCOM", "segments": (1762, 1768), "site": "pp", "date": (2022, 4, 13, 21, 15), "title_line": 1761,
        "frame": {"promo": 0, "nav": 0, "disclaimer": 0},
    },
    {
        "system": "Online-B", "segments": (598, 604), "site": "kh", "date": (2022, 4, 13, 18, 5), "title_line": 597,
        "image": {"credit": "Photo author, UNIAN", "label": True,
                  "caption": "Oleksandr Pavliuk, head of the Kyiv Regional Military Administration, "
                             "urged residents not to ignore air raid alerts"},
        "frame": {"header": 0, "promo": 1, "share": 0, "nav": 0},
    },
    {
        "system": "HuaweiTSC", "segments": (1671, 1678), "site": "dc", "date": (2022, 4, 12, 16, 30),
        "title": "Marines in Mariupol: no weapons left to fight",
        "ago": "1 hour(s) ago",
        "frame": {"header": 0, "promo": 0, "nav": 1, "disclaimer": 0},
    },
    {
        "system": "Online-Y", "segments": (1294, 1300), "site": "bsm", "date": (2022, 4, 12, 11, 20), "title_line": 1293,
        "byline": "\u2022 Taras Didenko, Black Sea Monitor",
        "frame": {"header": 1, "share": 0, "nav": 0},
        "mt_findings": [("Armed", "TQ401", "a capital carried over mid-sentence", "brigade of Armed forces")],
    },
    {
        "system": "Online-G", "segments": (1383, 1390), "site": "kh", "date": (2022, 4, 11, 14, 0),
        "title": "Draft law 7176: why moving supervisory boards to Ukraine will not help",
        "notice": True,
        "frame": {"promo": 0, "share": 0, "nav": 0, "disclaimer": 1},
    },
    {
        "system": "Online-A", "segments": (1044, 1051), "site": "dc", "date": (2022, 4, 10, 20, 45),
        "title": "Zelenskyy: some Western weapons arrived too late",
        "ago": "6 hour(s) ago",
        "frame": {"header": 0, "promo": 0, "share": 0, "disclaimer": 0},
    },
    {
        "system": "Online-Y", "segments": (338, 345), "site": "pp", "date": (2022, 4, 10, 12, 10),
        "title": "Germany offered 100 Panzerhaubitze 2000 howitzers for Ukraine, Welt writes",
        "image": {"residue": True, "credit": "Photo author, Getty Images", "label": True,
                  "caption": "A Panzerhaubitze 2000 self-propelled howitzer during exercises (archive photo)"},
        "frame": {"header": 0, "promo": 2, "share": 0, "nav": 0},
    },
    {
        "system": "Online-G", "segments": (613, 619), "site": "kh", "date": (2022, 4, 9, 19, 30),
        "title": "Zelensky speaks to Europe's voters, not only to its elites",
        "byline": "\u2022 Iryna Shevchuk, Kyiv Herald",
        "frame": {"header": 0, "promo": 0, "nav": 0, "disclaimer": 0},
        "end_order": ("promo", "disclaimer", "share", "nav"),
    },
    {
        "system": "ALMAnaCH-Inria", "segments": (777, 784), "site": "dc", "date": (2022, 4, 9, 10, 5),
        "title": "Yermak warns of Russian fakes about the weapons of the allies",
        "notice": True,
        "frame": {"promo": 0, "share": 0, "nav": 2, "disclaimer": 2},
    },
    {
        "system": "HuaweiTSC", "segments": (507, 512), "site": "kh", "date": (2022, 4, 8, 17, 50), "title_line": 506,
        "byline": "\u2022 Maksym Hnatiuk, Kyiv Herald",
        "ago": "2 hour(s) ago",
        "frame": {"header": 0, "promo": 3, "nav": 0, "disclaimer": 0},
    },
    {
        "system": "PROMT", "segments": (83, 90), "site": "bsm", "date": (2022, 4, 8, 9, 15), "title_line": 82,
        "frame": {"header": 2, "share": 0, "nav": 0},
    },
    {
        "system": "Lan-Bridge", "segments": (485, 492), "site": "pp", "date": (2022, 4, 7, 13, 40),
        "title": "\"Never again\" must mean more than words, Germany is told",
        "byline": "\u2022 Oksana Levytska, Polissia Post",
        "frame": {"header": 0, "promo": 0, "share": 2, "disclaimer": 0},
    },
    {
        "system": "Online-G", "segments": (1591, 1597), "site": "dc", "date": (2022, 4, 6, 22, 10), "title_line": 1590,
        "ago": "4 hour(s) ago",
        "frame": {"promo": 0, "share": 1, "nav": 0},
    },
    {
        "system": "PROMT", "segments": (1550, 1557), "site": "pp", "date": (2022, 4, 6, 15, 25),
        "title": "Belarus detains three men over damaged railway relay cabinets near Osipovichi",
        "frame": {"header": 0, "promo": 1, "share": 0, "disclaimer": 0},
    },
    {
        "system": "GTCOM", "segments": (894, 901), "site": "kh", "date": (2022, 4, 6, 11, 0),
        "title": "\"They were told: Kyiv is gone.\" How the occupiers deported Ukrainians to Russia and Belarus",
        "byline": "\u2022 Dmytro Babenko, Kyiv Herald",
        "frame": {"header": 0, "promo": 4, "nav": 0, "disclaimer": 1},
        "end_order": ("promo", "disclaimer", "share", "nav"),
    },
    {
        "system": "Online-B", "segments": (930, 937), "site": "kh", "date": (2022, 4, 6, 10, 30),
        "title": "\"They came to Ukraine completely unprepared\": residents on the Chechen riot police",
        "frame": {"promo": 0, "share": 0, "nav": 3},
        "mt_findings": [("ZSU", "TQ301", "transliterated acronym ЗСУ (AFU)")],
    },
    {
        "system": "HuaweiTSC", "segments": (997, 1004), "site": "bsm", "date": (2022, 4, 5, 19, 0),
        "title": "Bucha and Motyzhyn: what the occupiers left behind",
        "image": {"residue": True, "credit": "Photo author, Getty Images", "label": True, "at": 4,
                  "caption": "Kyiv region governor Oleksandr Pavliuk at the site of a mass grave in Bucha"},
        "frame": {"header": 1, "promo": 0, "nav": 0, "disclaimer": 0},
        "mt_findings": [("Kiev", "TQ301", "Russian-based spelling of Kyiv"),
                     ("Kiev", "TQ301", "Russian-based spelling of Kyiv")],
    },
    {
        "system": "Online-Y", "segments": (13, 19), "site": "dc", "date": (2022, 4, 5, 12, 45), "title_line": 12,
        "ago": "4 hour(s) ago",
        "notice": True,
        "frame": {"header": 0, "promo": 2, "share": 3, "disclaimer": 0},
    },
    {
        "system": "Lan-Bridge", "segments": (872, 879), "site": "bsm", "date": (2022, 4, 4, 20, 20),
        "title": "Sanchez speaks of \"genocide\" in Bucha, Moscow calls the images a \"provocation\"",
        "byline": "\u2022 Yulia Kravets, Black Sea Monitor",
        "image": {"label": True,
                  "caption": "Oleksandr Pavliuk, head of the Kyiv Regional Military Administration, "
                             "in Bucha on April 4"},
        "frame": {"header": 0, "nav": 0, "disclaimer": 0},
    },
    {
        "system": "PROMT", "segments": (864, 871), "site": "pp", "date": (2022, 4, 4, 17, 5),
        "title": "World leaders condemn the killings of civilians in Bucha",
        "image": {"residue": True, "credit": "Photo author, Reuters", "label": True,
                  "caption": "Oleksandr Pavlyuk, head of the Kyiv Regional Military Administration, "
                             "shows journalists the streets of Bucha"},
        "frame": {"promo": 0, "share": 0, "nav": 1},
    },
    {
        "system": "Online-A", "segments": (167, 172), "site": "kh", "date": (2022, 4, 4, 9, 30),
        "title": "Irpin, Bucha and Hostomel liberated: 410 bodies of civilians found in Kyiv region",
        "image": {"residue": True, "credit": "Photo author, Getty Images", "label": True,
                  "caption": "Head of the Kyiv Regional Military Administration Oleksandr Pavliuk "
                             "in liberated Irpin"},
        "frame": {"header": 0, "promo": 0, "share": 0, "disclaimer": 2},
        "mt_findings": [("Kiev", "TQ301", "Russian-based spelling of Kyiv")],
    },
    {
        "system": "ARC-NKUA", "segments": (886, 891), "site": "dc", "date": (2022, 4, 3, 18, 40),
        "title": "Reporters see the bodies of civilians on the streets of Bucha",
        "image": {"residue": True, "label": True,
                  "caption": "Kyiv region head Oleksandr Pavlyuk: the bodies of civilians are still "
                             "being found in the liberated towns"},
        "replace": [("AP journalists", "AR journalists", "AR", "transliterated-acronym",
                  "AP written as AR (the Cyrillic АР read as Latin letters)")],
        "frame": {"promo": 0, "share": 0, "nav": 4},
    },
    {
        "system": "ARC-NKUA", "segments": (1418, 1425), "site": "bsm", "date": (2022, 4, 2, 20, 0),
        "title": "Enhanced curfew in the liberated districts of Kyiv region",
        "byline": "\u2022 Natalia Tkachuk, Black Sea Monitor",
        "frame": {"header": 0, "promo": 2, "nav": 0, "disclaimer": 3},
    },
]


def fail(message: str) -> None:
    print(f"build.py: {message}", file=sys.stderr)
    raise SystemExit(2)


def read_outputs(data: Path) -> dict[str, list[str]]:
    if not data.is_dir():
        fail(
            f"WMT22 uk-en data not found at {data}.\n"
            "This script rebuilds the corpus from the WMT22 system outputs (repository "
            f"{WMT_REPO}, folder txt/system-outputs/); put them in ../shared/data/wmt22-uk-en/ next to the "
            "repository or pass --data DIR. The generated files are committed: you only need the "
            "data to rebuild them."
        )
    outputs = {}
    for system in sorted({item["system"] for item in ITEMS}):
        path = data / HYP.format(system)
        if not path.is_file():
            fail(f"missing {path}")
        lines = path.read_text(encoding="utf-8").split("\n")
        if len(lines) < 2018:
            fail(f"{path} has {len(lines)} lines, expected 2018")
        outputs[system] = lines
    return outputs


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80].rstrip("-")


def build_items(outputs: dict[str, list[str]]) -> tuple[list[dict], dict]:
    built = []
    planted = []
    mt_text = []
    frame_use = {key: [] for key in FRAME}
    name_use = {form: [] for form in NAME["forms"]}
    for index, spec in enumerate(ITEMS, 1):
        item_id = f"nh-{index:02d}"
        lines = outputs[spec["system"]]
        first, last = spec["segments"]
        body = [lines[n - 1].strip() for n in range(first, last + 1)]
        if not 4 <= len(body) <= 8:
            fail(f"{item_id}: {len(body)} segments, want 4-8")
        if any(not line for line in body):
            fail(f"{item_id}: an empty segment in {first}-{last}")
        title = spec.get("title") or lines[spec["title_line"] - 1].strip()
        for old, new, text, kind, note in spec.get("replace", ()):
            joined = "\n".join(body)
            if joined.count(old) != 1:
                fail(f"{item_id}: {old!r} occurs {joined.count(old)} times in the body")
            body = joined.replace(old, new).split("\n")

        paragraphs: list[tuple[str, dict | None]] = []  # (text, what it is)
        add = paragraphs.append

        frame = spec.get("frame", {})
        if "header" in frame:
            add((FRAME["header"]["variants"][frame["header"]][0], {"frame": "header"}))
        if spec.get("byline"):
            add((spec["byline"], {"byline": True}))
        if spec.get("ago"):
            add((spec["ago"], {"kind": "relative-timestamp"}))
        image = spec.get("image")
        image_block = []
        if image:
            if image.get("residue"):
                image_block.append((RESIDUE, {"kind": "image-residue"}))
            if image.get("credit"):
                image_block.append((image["credit"], {"kind": "photo-credit-calque"}))
            if image.get("label"):
                image_block.append((LABEL, {"kind": "caption-label"}))
            image_block.append((image["caption"], {"caption": True}))
        at = image.get("at", 0) if image else 0
        for n, text in enumerate(body):
            if n == at:
                paragraphs.extend(image_block)
            add((text, {"body": first + n}))
        if spec.get("notice"):
            add((NOTICE, {"kind": "mt-notice"}))
        for key in spec.get("end_order", END_ORDER):
            if key in frame:
                add((FRAME[key]["variants"][frame[key]][0], {"frame": key}))

        for text, _ in paragraphs:
            if "\n" in text or text != text.strip() or not text:
                fail(f"{item_id}: a paragraph must be one non-empty line without outer spaces: {text!r}")
        text = "\n\n".join(p for p, _ in paragraphs)
        words = len(text.split())
        if not 150 <= words <= 400:
            fail(f"{item_id}: {words} words, want 150-400")

        for number, (para, record) in enumerate(paragraphs):
            line = 2 * number + 1  # paragraphs are single lines separated by one blank line
            if record and "frame" in record:
                key = record["frame"]
                frame_use[key].append((item_id, frame[key], line))
            if record and "kind" in record:
                planted.append({"item": item_id, "kind": record["kind"], "text": para, "line": line,
                                "code": ARTEFACT_CODES[record["kind"]]})
            for old, new, found, kind, note in spec.get("replace", ()):
                if new in para:
                    col = para.index(found) + 1
                    planted.append({"item": item_id, "kind": kind, "text": found, "line": line,
                                    "column": col, "code": ARTEFACT_CODES[kind], "note": note,
                                    "replaces": old.split()[0]})
            for form in NAME["forms"]:
                if re.search(rf"\b{form}\b", para):
                    where = "caption" if record and record.get("caption") else "body"
                    name_use[form].append({"item": item_id, "line": line, "where": where})
            for found, code, note, *context in spec.get("mt_findings", ()):
                where = context[0] if context else found
                if record and "body" in record:
                    for m in re.finditer(rf"\b{re.escape(where)}\b", para):
                        entry = {"item": item_id, "text": found, "line": line,
                                 "column": m.start() + where.index(found) + 1, "code": code, "note": note}
                        if entry not in mt_text:
                            mt_text.append(entry)

        for found, code, note, *context in spec.get("mt_findings", ()):
            want = sum(1 for f in spec["mt_findings"] if f[0] == found)
            got = sum(1 for e in mt_text if e["item"] == item_id and e["text"] == found)
            if want != got:
                fail(f"{item_id}: expected {want} x {found!r} in the body, found {got}")

        roles = []
        for number, (_, record) in enumerate(paragraphs):
            record = record or {}
            if "frame" in record:
                role = f"frame:{record['frame']}"
            elif "kind" in record:
                role = record["kind"]
            elif "body" in record:
                role = f"body:{record['body']}"
            else:
                role = "byline" if record.get("byline") else "caption"
            roles.append([2 * number + 1, role])

        outlet_name, outlet_home = OUTLETS[spec["site"]]
        when = datetime(*spec["date"], tzinfo=KYIV)
        url = f"{AGGREGATOR['home']}news/{when:%Y/%m/%d}/{slugify(title)}"
        built.append({
            "index": index,
            "id": item_id,
            "title": title,
            "url": url,
            "site": outlet_name,
            "site_url": outlet_home,
            "published": when,
            "paragraphs": [p for p, _ in paragraphs],
            "text": text,
            "words": words,
            "wmt": {"system": spec["system"], "segments": [first, last],
                    "title_segment": spec.get("title_line")},
            "lines": roles,
        })

    ids = [b["id"] for b in built]
    run_findings = []
    for item_id, found, code, note in RUN_FINDINGS:
        paragraphs = built[ids.index(item_id)]["paragraphs"]
        for number, para in enumerate(paragraphs):
            for m in re.finditer(rf"\b{re.escape(found)}\b", para):
                run_findings.append({"item": item_id, "text": found, "line": 2 * number + 1,
                                     "column": m.start() + 1, "code": code, "note": note})
        if not any(f["item"] == item_id for f in run_findings):
            fail(f"{item_id}: {found!r} not found")
    frame_out = []
    for key, spec in FRAME.items():
        uses = frame_use[key]
        if len(uses) < 15:
            fail(f"frame line {key!r} is in {len(uses)} items, want at least 15")
        frame_out.append({
            "key": key,
            "kind": spec["kind"],
            "position": spec["position"],
            "canonical": spec["variants"][0][0],
            "code": "TQ106",
            "count": len(uses),
            "items": [u[0] for u in uses],
            # the items whose line equals the canonical one once case, runs of white space and
            # punctuation at the ends are ignored (all but the "inner punctuation" variants)
            "count_normalised": sum(1 for u in uses if "inner punctuation" not in spec["variants"][u[1]][1]),
            "items_normalised": [u[0] for u in uses if "inner punctuation" not in spec["variants"][u[1]][1]],
            "variants": [
                {"text": variant, "differs_in": differs, "items": [u[0] for u in uses if u[1] == v]}
                for v, (variant, differs) in enumerate(spec["variants"])
            ],
            "lines": {u[0]: u[2] for u in uses},
        })
    name_items = {form: sorted({u["item"] for u in use}) for form, use in name_use.items()}
    if set(name_items[NAME["forms"][0]]) & set(name_items[NAME["forms"][1]]):
        fail("an item carries both spellings of the name")
    key = {
        "corpus": "NewsHub UA feed (corpora/feed)",
        "aggregator": AGGREGATOR["name"],
        "items": len(built),
        "ids": ids,
        "source": {"repository": WMT_REPO, "commit": WMT_COMMIT, "test_set": "generaltest2022 uk-en",
                   "files": "txt/system-outputs/generaltest2022.uk-en.hyp.SYSTEM.en",
                   "licence": "no LICENSE file; released by the WMT organisers for research purposes"},
        "index": [
            {"index": b["index"], "id": b["id"], "title": b["title"], "url": b["url"], "site": b["site"],
             "published": b["published"].isoformat(), "words": b["words"], "wmt": b["wmt"],
             "lines": b["lines"]}
            for b in built
        ],
        "frame": frame_out,
        "planted": planted,
        "in_mt_text": mt_text,
        "in_mt_text_run": run_findings,
        "name_variants": [{
            "name": NAME["name"],
            "uk": NAME["uk"],
            "type": NAME["type"],
            "in_default_glossary": False,
            "majority": NAME["majority"],
            "code": "TQ305",
            "forms": [{"form": form, "items": name_items[form], "occurrences": name_use[form]}
                      for form in NAME["forms"]],
        }],
    }
    return built, key


def html_body(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def write_rss(items: list[dict], path: Path) -> None:
    newest = max(i["published"] for i in items)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        (
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">'
        ),
        "<channel>",
        f"<title>{xml_escape(AGGREGATOR['name'])}</title>",
        f"<link>{xml_escape(AGGREGATOR['home'])}</link>",
        f"<description>{xml_escape(AGGREGATOR['description'])}</description>",
        "<language>en</language>",
        f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>",
        f'<atom:link href={quoteattr(AGGREGATOR["rss"])} rel="self" type="application/rss+xml"/>',
    ]
    for item in items:
        body = html_body(item["paragraphs"])
        if "]]>" in body:
            fail(f"{item['id']}: ']]>' in the HTML body")
        site_feed = item["site_url"] + "rss.xml"
        out += [
            "<item>",
            f"<title>{xml_escape(item['title'])}</title>",
            f"<link>{xml_escape(item['url'])}</link>",
            f'<guid isPermaLink="false">{item["id"]}</guid>',
            f"<pubDate>{format_datetime(item['published'])}</pubDate>",
            f"<source url={quoteattr(site_feed)}>{xml_escape(item['site'])}</source>",
            f"<content:encoded><![CDATA[{body}]]></content:encoded>",
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def atom_id(item_id: str) -> str:
    return f"tag:newshub-ua.example,2022:{item_id}"


def write_atom(items: list[dict], path: Path) -> None:
    newest = max(i["published"] for i in items)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"<title>{xml_escape(AGGREGATOR['name'])}</title>",
        f"<subtitle>{xml_escape(AGGREGATOR['description'])}</subtitle>",
        f"<id>{xml_escape(AGGREGATOR['home'])}</id>",
        f'<link rel="alternate" type="text/html" href={quoteattr(AGGREGATOR["home"])}/>',
        f'<link rel="self" type="application/atom+xml" href={quoteattr(AGGREGATOR["atom"])}/>',
        f"<updated>{newest.isoformat()}</updated>",
        f"<author><name>{xml_escape(AGGREGATOR['name'])}</name></author>",
    ]
    for item in items:
        out += [
            "<entry>",
            f"<title>{xml_escape(item['title'])}</title>",
            f'<link rel="alternate" type="text/html" href={quoteattr(item["url"])}/>',
            f"<id>{atom_id(item['id'])}</id>",
            f"<published>{item['published'].isoformat()}</published>",
            f"<updated>{item['published'].isoformat()}</updated>",
            "<source>",
            f"<id>{xml_escape(item['site_url'])}</id>",
            f"<title>{xml_escape(item['site'])}</title>",
            f'<link rel="alternate" href={quoteattr(item["site_url"])}/>',
            "</source>",
            f'<content type="html">{xml_escape(html_body(item["paragraphs"]))}</content>',
            "</entry>",
        ]
    out += ["</feed>", ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_jsonl(items: list[dict], path: Path) -> None:
    rows = [
        json.dumps({"id": i["id"], "title": i["title"], "url": i["url"], "site": i["site"], "text": i["text"]},
                   ensure_ascii=False)
        for i in items
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8", newline="\n")


def dumps(value: object, indent: int = 0, width: int = 100) -> str:
    """JSON, one value a line unless it fits on the rest of the line: readable and diff-friendly."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        parts = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 1, width)}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + " " * indent + "}"
    if all(not isinstance(v, (dict, list)) for v in value):  # scalars: as many a line as fit
        lines, line = [], ""
        for v in value:
            token = json.dumps(v, ensure_ascii=False)
            if line and len(pad) + len(line) + len(token) + 2 > width:
                lines.append(line + ",")
                line = ""
            line = f"{line}, {token}" if line else token
        lines.append(line)
        return "[\n" + "\n".join(pad + x for x in lines) + "\n" + " " * indent + "]"
    parts = [pad + dumps(v, indent + 1, width) for v in value]
    return "[\n" + ",\n".join(parts) + "\n" + " " * indent + "]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with the WMT22 uk-en files (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    args = parser.parse_args(argv)
    outputs = read_outputs(args.data)
    items, key = build_items(outputs)
    args.out.mkdir(parents=True, exist_ok=True)
    write_rss(items, args.out / "feed.rss")
    write_atom(items, args.out / "feed.atom")
    write_jsonl(items, args.out / "feed.jsonl")
    (args.out / "expected.json").write_text(
        dumps(key) + "\n", encoding="utf-8", newline="\n")
    words = [i["words"] for i in items]
    print(f"wrote {len(items)} items ({min(words)}-{max(words)} words) to {args.out}: "
          "feed.rss feed.atom feed.jsonl expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
