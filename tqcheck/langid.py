"""Language identification for untranslated-sentence detection, with langdetect.

langdetect is slow (about 2.5 ms a sentence) and random unless seeded, and it is wrong on short strings,
so: it is imported only when a check first asks; it loads only a dozen language profiles (European
languages that machine-translated news leaves behind, plus the targets) instead of all 55, which cuts
both loading and detection time; and the factory is seeded, so the same text always gets the same answer.
A detector is an object of the run, never module state.
"""

from __future__ import annotations

from pathlib import Path

PROFILES = ("en", "uk", "ru", "bg", "mk", "de", "fr", "es", "it", "pl", "pt", "nl", "cs", "sk", "hr", "tr")


class LanguageDetector:
    def __init__(self, languages: tuple[str, ...] = PROFILES) -> None:
        import langdetect
        from langdetect.detector_factory import DetectorFactory

        folder = Path(langdetect.__file__).parent / "profiles"
        factory = DetectorFactory()
        factory.load_json_profile([(folder / code).read_text(encoding="utf-8") for code in languages])
        factory.seed = 0
        self._factory = factory

    def detect(self, text: str) -> tuple[str, float] | None:
        """The most probable language and its probability, or None for text without letters."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None
        return best.lang, best.prob
