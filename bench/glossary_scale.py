"""Glossary size against check time: the same text checked with glossaries of 100, 10,000 and 100,000
entries, fresh processes, interleaved.

    python bench/glossary_scale.py [--repeat 3] [--keep DIR]

The text is the ten WMT22 uk-en system outputs concatenated (1.6 MB, from ../shared; the benchmark
stops when it is absent). The 100-entry glossary is the first 100 entries of the default one; the
larger ones add synthetic entries shaped like real ones (a Latin name, its Ukrainian and Russian
source forms, a transliterated wrong form), so every stage of glossary matching (the Aho-Corasick
automaton, the transliteration index, near-miss names) grows with the glossary. Target (issue 3):
the 100,000-entry run takes at most 2x the 100-entry run.

A glossary is compiled once per content into a cache (tqcheck/glossary/compiled.py); the timed runs
use it, as every run after the first does. The first, cold run of each size is reported apart.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _timing import ENV, timed  # noqa: E402

from tqcheck.glossary import tsv  # noqa: E402
from tqcheck.glossary.model import Entry  # noqa: E402

WMT = ROOT.parent / "shared" / "data" / "wmt22-uk-en"
ENV = {**ENV, "TQCHECK_CACHE_DIR": tempfile.mkdtemp(prefix="tqcheck-bench-cache-")}

# syllables written three ways: Latin (the preferred form), Ukrainian, Russian
SYLLABLES = [
    ("ka", "ка", "ка"), ("lo", "ло", "ло"), ("vy", "ви", "вы"), ("ren", "рен", "рен"), ("shy", "ши", "ши"),
    ("dor", "дор", "дор"), ("mi", "мі", "ми"), ("tsa", "ца", "ца"), ("zhe", "же", "же"), ("pol", "пол", "пол"),
    ("bra", "бра", "бра"), ("khi", "хі", "хи"), ("nov", "нов", "нов"), ("sko", "ско", "ско"), ("yu", "ю", "ю"),
    ("grad", "град", "град"), ("tin", "тін", "тин"), ("chu", "чу", "чу"), ("lev", "лев", "лев"), ("os", "ос", "ос"),
]


def synthetic(n: int, seed: int = 0) -> list[Entry]:
    rng = random.Random(seed)
    out: dict[str, Entry] = {}
    while len(out) < n:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))]
        latin = "".join(p[0] for p in parts).capitalize()
        if latin in out:
            continue
        uk = "".join(p[1] for p in parts).capitalize()
        ru = "".join(p[2] for p in parts).capitalize()
        wrong = latin.replace("y", "i").replace("kh", "h") if ("y" in latin or "kh" in latin) else ""
        out[latin] = Entry(
            preferred=latin,
            type=rng.choice(("person", "place", "organisation")),
            forbidden=((wrong, "synthetic"),) if wrong and wrong != latin else (),
            sources=(("ru", (ru,)), ("uk", (uk,))),
        )
    return list(out.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the glossaries here and keep them")
    args = ap.parse_args()
    hyps = sorted(WMT.glob("*.hyp.*.en"))
    if not hyps:
        print(f"skipped: no WMT22 system outputs under {WMT}")
        return 0
    default = tsv.load(ROOT / "tqcheck" / "data" / "glossary" / "news.tsv")[:100]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        text = folder / "wmt22-hyps.en"
        text.write_bytes(b"".join(p.read_bytes() for p in hyps))
        megabytes = text.stat().st_size / 1e6
        sizes = (100, 10_000, 100_000)
        paths = {}
        for n in sizes:
            path = folder / f"glossary-{n}.tsv"
            entries = default + (synthetic(n - len(default)) if n > len(default) else [])
            tsv.save(path, entries)
            paths[n] = path
        times: dict[int, list[float]] = {n: [] for n in sizes}
        cold = {}
        for n in sizes:  # the first run compiles the glossary into the cache
            cold[n] = timed([sys.executable, "-m", "tqcheck", "check", str(text), "--format", "text",
                             "--no-default-glossary", "--glossary", str(paths[n])], env=ENV)
        for _ in range(args.repeat):
            for n in sizes:
                times[n].append(timed([sys.executable, "-m", "tqcheck", "check", str(text), "--format", "text",
                                       "--no-default-glossary", "--glossary", str(paths[n])], env=ENV))
    base = statistics.median(times[sizes[0]])
    print(f"input: {megabytes:.2f} MB; {args.repeat} interleaved runs per size (median)")
    for n in sizes:
        med = statistics.median(times[n])
        print(f"  {n:>7,} entries: {med:.3f} s  ({med / base:.2f}x the 100-entry run); "
              f"first run, compiling the glossary: {cold[n]:.3f} s")
    print("  target: the 100,000-entry run at most 2x the 100-entry run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
