"""Machine-translation notice left in the text.

What it does: finds lines such as "The article is in Ukrainian", "Translated by Google" or "This article
was machine translated", with the patterns of ``check = "TQ101"`` rules in the rule packs.

Why: the notice belongs to the source page or the translation pipeline, not to the article; published,
it tells every reader the text is an unedited machine translation.

Example: "The article is in Ukrainian" on a line of its own after the last paragraph. Fix: delete the line.
"""

from __future__ import annotations

from ..model import Category, Layer, Severity
from ._linerules import run_rules
from .base import Check, Context


class MtNotice(Check):
    code = "TQ101"
    name = "mt-notice"
    severity = Severity.ERROR
    category = Category.ADDITION
    layer = Layer.ARTEFACT
    masks = frozenset({Layer.WORD, Layer.STYLE})
    flags = ("The article is in Ukrainian", "Translated by Google", "This article was machine translated")
    passes = ("The article is based on Ukrainian court records.", "She translated the book from Russian.")

    def run(self, ctx: Context):
        return run_rules(self, ctx)


CHECK = MtNotice
