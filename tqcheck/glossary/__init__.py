"""Glossaries: concepts with preferred, accepted, forbidden and source-language forms.

``model`` holds the frozen entries, ``tsv`` the primary file format, ``matcher`` finds forms in text.
"""

from .model import Entry, Glossary

__all__ = ["Entry", "Glossary"]
