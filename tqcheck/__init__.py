"""tqcheck: finds machine-translation artefacts, untranslated leftovers and wrong names in translated
news text. See README.md; the pipeline is load -> segment -> checks -> findings -> fixes -> reporters."""

__version__ = "0.1.0"
