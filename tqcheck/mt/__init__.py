"""Offline machine translation with argostranslate (the optional extra ``tqcheck[mt]``).

- ``argos``: is a language pair available (and if not, the one-line reason), and translating
  segments offline with an installed argostranslate package;
- ``backtranslate``: a bilingual document's target translated back, and the side-by-side view;
- ``cli``: ``tqcheck models list|install``.

Nothing here imports argostranslate at import time: without the extra, tqcheck works as before and
the checks that need it are skipped with one line saying what to install.
"""
