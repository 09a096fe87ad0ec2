"""Publisher or aggregator boilerplate: captions labels, navigation, tags, promotion.

What it does: matches each line against the ``TQ102`` rules of the rule packs (the default pack in
``tqcheck/data/rules/default.toml``, plus ``--rules FILE``): caption labels ("Photo Caption,", and
"Photo author, Getty Images", a calque of the Ukrainian "Автор фото"), navigation ("PREV ...",
"NEXT ...", "Read also: ..."), tag lists ("Tags: ..."), promotion ("Follow us on Google News",
"subscribe to our Telegram or Viber").

Why: a scraper copies the page furniture along with the article; translated and republished, it reads
as part of the story.

Example: "For Latest Updates Follow us on Google News". Fix: delete the line.
"""

from __future__ import annotations

from ..model import Category, Layer, Severity
from ._linerules import run_rules
from .base import Check, Context


class Boilerplate(Check):
    code = "TQ102"
    name = "boilerplate"
    severity = Severity.WARNING
    category = Category.ADDITION
    layer = Layer.ARTEFACT
    # names inside a navigation line ("NEXT ... for the ZSU") are still worth reporting: mask style only
    masks = frozenset({Layer.STYLE})
    flags = ("Photo Caption,", "Tags: war, sanctions", "For Latest Updates Follow us on Google News")
    passes = ("Next week the talks resume.", "The photo caption was changed after complaints.")

    def run(self, ctx: Context):
        return run_rules(self, ctx)


CHECK = Boilerplate
