"""Placeholder mismatch: placeholders and tags of the source not kept in the translation.

What it does: compares the placeholders and inline tags of a source segment with those of its
target segment as multisets: format fields (``{0}``, ``{name}``, ``{0:d}``), template tags (``{{ x
}}``, ``{% x %}``, ``${x}``), printf directives (``%s``, ``%1$s``, ``%(name)s``, Qt's ``%1``), HTML
and XLIFF inline tags (``<b>``, ``</b>``, ``<br/>``, ``<a href=...>``, compared by name and kind
so that a translated ``title`` attribute is no difference) and character entities (``&nbsp;``).
Each placeholder the translation lacks, or has more often than the source, is an error. Percent
signs of percentages are not placeholders ("50% of").

Why: a dropped ``{0}`` loses the value the program inserts there; a dropped ``</b>`` bolds the rest of
the page; a placeholder the translation invents breaks formatting at run time.

Example: "Видалити {count} файлів?" translated "Delete files?" (``{count}`` dropped).
"""

from __future__ import annotations

from collections import Counter

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")


class PlaceholderMismatch(Check):
    code = "TQ516"
    name = "placeholder-mismatch"
    severity = Severity.ERROR
    category = Category.MARKUP
    layer = Layer.WORD
    flags = (
        ("Видалити {count} файлів?", "Delete files?"),
        ("Натисніть <b>Зберегти</b>.", "Click <b>Save."),
        ("Файл %s збережено.", "File %s saved %s."),
        ("Привіт, {{ name }}!", "Hello, name!"),
    )
    passes = (
        ("Видалити {count} файлів?", "Delete {count} files?"),
        ("Натисніть <b>Зберегти</b>.", "Click <b>Save</b>."),
        ("Файл %s збережено в %s.", "File %s saved to %s."),
        ("Привіт, {{ name }}!", "Hello, {{name}}!"),
        ("Знижка 50% на все.", "50% off everything."),
        ('<a href="/uk" title="Головна">Головна</a>', '<a href="/uk" title="Home">Home</a>'),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments(ctx):
            src = bi.placeholders(seg.source)
            tgt = bi.placeholders(seg.target)
            if not src and not tgt:
                continue
            if not seg.target.strip():
                continue  # an empty translation is TQ530's
            src_count = Counter(bi.placeholder_key(m.group(0)) for m in src)
            tgt_count = Counter(bi.placeholder_key(m.group(0)) for m in tgt)
            if src_count == tgt_count:
                continue
            lost = src_count - tgt_count
            extra = tgt_count - src_count
            if lost:
                s, e = bi.segment_span(ctx, seg.pair)
                shown = ", ".join(f"{k!r}" + (f" ×{n}" if n > 1 else "") for k, n in lost.items())
                yield ctx.finding(
                    self, s, e, f"placeholder or tag of the source missing from the translation: {shown}",
                    suggestions=tuple(lost),
                )
            if extra:
                seen: Counter[str] = Counter()
                for m in tgt:
                    key = bi.placeholder_key(m.group(0))
                    seen[key] += 1
                    if seen[key] > src_count[key]:
                        yield ctx.finding(
                            self, seg.pair.start + m.start(), seg.pair.start + m.end(),
                            f"placeholder or tag {m.group(0)!r} is not in the source"
                            + (f" (the source has it {src_count[key]}×)" if src_count[key] else ""),
                            category=Category.ADDITION,
                        )


CHECK = PlaceholderMismatch
