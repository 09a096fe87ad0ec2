"""URL mismatch: a URL, e-mail address, @handle or #hashtag of the source not kept as written.

What it does: finds the URLs, e-mail addresses, @handles and Latin-script #hashtags of a source
segment and requires each in the target segment unchanged: URLs compare with a case-insensitive
scheme and host and a trailing slash aside, the others case-insensitively. One that is missing (or
broken up: "https: / / www.example.com / page") is an error; an address in the translation that
the source does not have is a warning (the source may simply lack it); a new handle or hashtag is
not reported (a translated Cyrillic hashtag becomes a Latin one). Cyrillic hashtags are words a
translator may translate and are not required.

Why: addresses are not words to translate: machine translation splits them at punctuation
("@ belzhd _ live"), translates their words or drops them, and a reader can no longer follow them.

Example: "Пишіть на info@example.com." translated "Write to info @ example.com." (the address is
broken).
"""

from __future__ import annotations

from collections import Counter

from ..model import Category, Layer, Severity
from ._lazy import lazy_module
from .base import Check, Context

# loaded on first use: target-only runs never compile its patterns (see _lazy.py)
bi = lazy_module("tqcheck.checks._bilingual")


class UrlMismatch(Check):
    code = "TQ515"
    name = "url-mismatch"
    severity = Severity.ERROR
    category = Category.MISTRANSLATION
    layer = Layer.WORD
    flags = (
        ("Пишіть на info@example.com.", "Write to info @ example.com."),
        ("Деталі на https://example.com/uk/news.", "Details at https://example.com/en/news."),
        ("Повідомляє @belzhd_live.", "Reports @ belzhd _ live."),
        ("Дивіться сайт.", "See https://spam.example.org."),
    )
    passes = (
        ("Пишіть на info@example.com.", "Write to info@example.com."),
        ("Деталі на https://Example.com/news/.", "Details at https://example.com/news"),
        ("Повідомляє @belzhd_live.", "@belzhd_live reports."),
        ("#СлаваУкраїні #StandWithUkraine", "#GloryToUkraine #StandWithUkraine"),
    )

    def run(self, ctx: Context):
        if not ctx.pairs:  # target-only input: do not even load the bilingual helper
            return
        for seg in bi.segments(ctx):
            src = bi.addresses(seg.source)
            tgt = bi.addresses(seg.target) if src or "@" in seg.target or "#" in seg.target or "/" in seg.target else []
            if not src and not tgt:
                continue
            if not seg.target.strip():
                continue  # an empty translation is TQ530's
            tgt_keys = Counter(bi.address_key(a) for a in tgt)
            src_keys = Counter(bi.address_key(a) for a in src)
            lost = [a for a in src if tgt_keys[bi.address_key(a)] == 0]
            added = [a for a in tgt if src_keys[bi.address_key(a)] == 0]
            # a translated Cyrillic hashtag is a new Latin one; only new URLs and e-mail addresses count
            reported = [b for b in added if b.kind in ("URL", "e-mail address")]
            for a in lost:
                s, e = bi.segment_span(ctx, seg.pair)
                instead = next((b for b in added if b.kind == a.kind), None)
                how = f": the translation has {instead.text!r}" if instead else " (missing, or broken up)"
                yield ctx.finding(
                    self, s, e, f"the source's {a.kind} {a.text!r} is not in the translation as written{how}",
                    suggestions=(a.text,),
                    category=Category.MISTRANSLATION if instead else Category.OMISSION,
                )
            lost_kinds = {a.kind for a in lost}
            for b in reported:
                if b.kind in lost_kinds:
                    continue  # reported above as the changed address
                s, e = bi.segment_span(ctx, seg.pair)
                yield ctx.finding(
                    self, s, e, f"{b.kind} {b.text!r} is not in the source",
                    severity=Severity.WARNING, category=Category.ADDITION,
                )


CHECK = UrlMismatch
