"""Character classes and token patterns several checks share."""

import re
import sys

CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
GREEK = "\u0370-\u03ff\u1f00-\u1fff"
# Letters of the Latin script (ASCII and the Latin-1/Extended-A/B blocks, where European letters live)
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"

WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")
POSSESSIVE = re.compile(r"['’](?:s)?$")

SCRIPT_CLASSES = {"Cyrillic": CYRILLIC, "Greek": GREEK, "Latin": LATIN}
# Possessive quantifiers (Python 3.11+) stop the engine from backtracking into a word it has read
# whole, which halves the time of the name patterns; on 3.10 the same patterns run without them.
P = "+" if sys.version_info >= (3, 11) else ""
_UPPER = "A-ZÀ-ÖØ-ÞΑ-ΩЀ-Я"
# a word starting with a capital letter (Latin, Latin-1, Greek, Cyrillic), hyphens and apostrophes inside
# (the capital comes first and the look-behind after it, so that re can skip ahead to capitals fast)
_CAP = rf"[{_UPPER}](?<![\w'’ʼ-].)\w*{P}(?:['’ʼ-]\w+{P})*{P}"
CAPITALISED_WORD = re.compile(_CAP)
# two or more capitalised words separated by spaces or tabs only: "Kim Jong Un", "Kim Jong-un"
NAME_RUN = re.compile(rf"{_CAP}(?:[ \t\u00a0]+{_CAP})+")
# one capitalised word with a hyphen inside: "Alfa-Bank"
HYPHENATED_NAME = re.compile(rf"[{_UPPER}](?<![\w'’ʼ-].)\w*{P}(?:['’ʼ]\w+{P})*{P}-\w+{P}(?:[-'’ʼ]\w+{P})*{P}")
