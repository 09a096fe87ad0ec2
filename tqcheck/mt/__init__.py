"""Offline machine translation with argostranslate (the optional extra ``tqcheck[mt]``)."""
