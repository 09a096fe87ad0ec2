"""Real argostranslate packages built at test time, without torch and without the network.

An argostranslate package is a zip holding one folder with ``metadata.json``, a CTranslate2 model in
``model/`` and a ``sentencepiece.model``. Here every part is made for real: a sentencepiece model
trained on a toy language, a CTranslate2 Transformer whose weights are numpy arrays (random here;
trained by ``tests/fixtures/argos/build_trained_model.py``, which reuses these helpers), and a blank
spaCy pipeline so that argostranslate's own sentence splitter works offline (``ARGOS_CHUNK_TYPE=SPACY``).

The toy language "xx" is a word-for-word code of a 40-word English news vocabulary with two
reorderings (a time word comes first; an adjective follows its noun), so a model must learn more
than a lookup table, yet a 2-layer Transformer learns it exactly in a few thousand steps.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argos"
TRAINED = FIXTURES / "toy-xx-en.argosmodel"

# ---------------------------------------------------------------------------------------------
# The toy language: 40 English words and their "xx" forms.

NOUNS = {
    "president": "prezan", "minister": "ministo", "army": "armak", "government": "guvero",
    "parliament": "parlo", "agency": "agenzu", "city": "urbo", "police": "polko",
    "bridge": "ponto", "border": "limes", "port": "portu", "school": "skolo",
    "hospital": "medizo", "station": "stazu", "office": "ofiko", "airport": "avioport",
    "village": "vilago",
}
VERBS = {
    "said": "dikis", "visited": "vizitis", "attacked": "atakis", "supported": "subtenis",
    "criticised": "kritikis", "protected": "protektis", "closed": "fermis", "opened": "malfermis",
    "built": "konstruis", "blocked": "blokis",
}
ADJECTIVES = {
    "new": "nova", "old": "malnova", "northern": "norda", "southern": "suda", "large": "granda",
    "small": "eta", "local": "loka", "central": "centra",
}
TIMES = {"today": "hodiau", "yesterday": "hierau", "again": "denove"}
FUNCTION = {"the": "la", "and": "kaj"}
LEXICON = {**NOUNS, **VERBS, **ADJECTIVES, **TIMES, **FUNCTION}
assert len(LEXICON) == 40


def _np(rng: random.Random) -> tuple[list[str], list[str]]:
    """A noun phrase: English "the [adj] noun", xx "la noun [adj]"."""
    noun = rng.choice(list(NOUNS))
    en, xx = ["the"], ["la", NOUNS[noun]]
    if rng.random() < 0.5:
        adj = rng.choice(list(ADJECTIVES))
        en.append(adj)
        xx.append(ADJECTIVES[adj])
    en.append(noun)
    return en, xx


def toy_pair(rng: random.Random) -> tuple[str, str]:
    """One sentence pair ``(xx, en)``: "[Time] la N1 [adj] V la N2 [adj] [kaj la N3 [adj]]." for
    "The [adj] N1 V the [adj] N2 [and the [adj] N3] [time].\""""
    s_en, s_xx = _np(rng)
    verb = rng.choice(list(VERBS))
    o_en, o_xx = _np(rng)
    en, xx = [*s_en, verb, *o_en], [*s_xx, VERBS[verb], *o_xx]
    if rng.random() < 0.3:
        c_en, c_xx = _np(rng)
        en += ["and", *c_en]
        xx += ["kaj", *c_xx]
    if rng.random() < 0.6:
        time = rng.choice(list(TIMES))
        en.append(time)
        xx.insert(0, TIMES[time])
    return _sentence(xx), _sentence(en)


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def toy_corpus(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [toy_pair(rng) for _ in range(n)]


# The committed model was trained on ``training_pairs()`` less the ``held_out_pairs()``
# (build_trained_model.py), and translates every held-out sentence exactly.
TRAIN_SEED = 20240101
TRAIN_SIZE = 60_000
HELD_OUT_SIZE = 300


def held_out_pairs() -> list[tuple[str, str]]:
    return toy_corpus(HELD_OUT_SIZE, seed=TRAIN_SEED + 1)


def training_pairs() -> list[tuple[str, str]]:
    held = {x for x, _ in held_out_pairs()}
    return [p for p in toy_corpus(TRAIN_SIZE, seed=TRAIN_SEED) if p[0] not in held]


def translate_words(xx: str) -> str:
    """The reference English of a toy sentence, by rule (to check a model's output)."""
    words = xx.rstrip(".").lower().split()
    time = None
    if words[0] in TIMES.values():
        time = words.pop(0)
    back = {v: k for k, v in LEXICON.items()}
    out: list[str] = []
    for w in words:
        if w in ADJECTIVES.values():  # xx puts the adjective after its noun
            out.insert(len(out) - 1, back[w])
        else:
            out.append(back[w])
    if time:
        out.append(back[time])
    return _sentence(out)


# ---------------------------------------------------------------------------------------------
# Building a package.


def train_sentencepiece(lines: list[str], prefix: Path, vocab_size: int = 350) -> Path:
    """A BPE sentencepiece model over both languages (one shared vocabulary, as argostranslate's
    packages have); ids 0, 1, 2 are <unk>, <s>, </s>, the tokens CTranslate2 expects. 350 pieces make
    every toy word one piece and the full stop a piece of its own: with word fragments ("▁H", "i",
    "er", "a", "u") or words glued to their full stop ("office."), the small model got 1 held-out
    sentence in 20 to 60 wrong."""
    import sentencepiece as spm

    prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="bpe",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def param_shapes(vocab_size: int, d_model: int, ffn: int, layers: tuple[int, int]) -> dict[str, tuple[int, ...]]:
    """Every weight of a pre-norm Transformer as CTranslate2 wants it, by a flat name. The training
    script's torch model uses the same names, so its weights go into the spec unchanged."""
    d, v = d_model, vocab_size
    shapes: dict[str, tuple[int, ...]] = {"enc.emb": (v, d), "dec.emb": (v, d), "proj.w": (v, d), "proj.b": (v,)}

    def ln(name: str) -> None:
        shapes[f"{name}.g"] = (d,)
        shapes[f"{name}.b"] = (d,)

    def lin(name: str, out: int, inp: int) -> None:
        shapes[f"{name}.w"] = (out, inp)
        shapes[f"{name}.b"] = (out,)

    for i in range(layers[0]):
        p = f"enc{i}"
        ln(f"{p}.sa_ln")
        lin(f"{p}.sa_qkv", 3 * d, d)
        lin(f"{p}.sa_out", d, d)
        ln(f"{p}.ff_ln")
        lin(f"{p}.ff1", ffn, d)
        lin(f"{p}.ff2", d, ffn)
    ln("enc.ln")
    for i in range(layers[1]):
        p = f"dec{i}"
        ln(f"{p}.sa_ln")
        lin(f"{p}.sa_qkv", 3 * d, d)
        lin(f"{p}.sa_out", d, d)
        ln(f"{p}.ca_ln")
        lin(f"{p}.ca_q", d, d)
        lin(f"{p}.ca_kv", 2 * d, d)
        lin(f"{p}.ca_out", d, d)
        ln(f"{p}.ff_ln")
        lin(f"{p}.ff1", ffn, d)
        lin(f"{p}.ff2", d, ffn)
    ln("dec.ln")
    return shapes


def sinusoids(length: int, d_model: int) -> np.ndarray:
    """The position encodings CTranslate2 computes itself when a spec leaves them out: sines then
    cosines (not interleaved), timescales log(10000)/(d/2 - 1) apart, positions counted from 1.
    Training uses these, so the model file need not carry them (checked: identical scores)."""
    pos = np.arange(1, length + 1, dtype=np.float32)[:, None]
    inv = np.exp(-np.log(10000.0) / (d_model // 2 - 1) * np.arange(d_model // 2, dtype=np.float32))
    return np.concatenate([np.sin(pos * inv), np.cos(pos * inv)], axis=1).astype(np.float32)


def random_weights(shapes: dict[str, tuple[int, ...]], seed: int, eos_id: int = 2, eos_bias: float = 4.0) -> dict[str, np.ndarray]:
    """Small random weights; layer norms at gain 1. The end-of-sentence logit is raised a little:
    otherwise a random model never stops and every output runs to the maximum length."""
    rng = np.random.default_rng(seed)
    out: dict[str, np.ndarray] = {}
    for name, shape in shapes.items():
        if name.endswith(".g"):
            out[name] = np.ones(shape, np.float32)
        elif len(shape) == 1:
            out[name] = np.zeros(shape, np.float32)
        else:
            out[name] = (rng.standard_normal(shape) * 0.1).astype(np.float32)
    out["proj.b"][eos_id] = eos_bias
    return out


def build_spec(weights: dict[str, np.ndarray], vocab: list[str], layers: tuple[int, int], heads: int):
    """A CTranslate2 ``TransformerSpec`` (pre-norm, ReLU, shared vocabulary, built-in sinusoidal
    positions, embeddings scaled by sqrt(d_model)) filled from ``weights``."""
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(layers, heads)

    def ln(s, name: str) -> None:
        s.gamma, s.beta = weights[f"{name}.g"], weights[f"{name}.b"]

    def lin(s, name: str) -> None:
        s.weight, s.bias = weights[f"{name}.w"], weights[f"{name}.b"]

    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = weights["enc.emb"]
    ln(enc.layer_norm, "enc.ln")
    for i, layer in enumerate(enc.layer):
        p = f"enc{i}"
        ln(layer.self_attention.layer_norm, f"{p}.sa_ln")
        lin(layer.self_attention.linear[0], f"{p}.sa_qkv")
        lin(layer.self_attention.linear[1], f"{p}.sa_out")
        ln(layer.ffn.layer_norm, f"{p}.ff_ln")
        lin(layer.ffn.linear_0, f"{p}.ff1")
        lin(layer.ffn.linear_1, f"{p}.ff2")
    dec.embeddings.weight = weights["dec.emb"]
    ln(dec.layer_norm, "dec.ln")
    for i, layer in enumerate(dec.layer):
        p = f"dec{i}"
        ln(layer.self_attention.layer_norm, f"{p}.sa_ln")
        lin(layer.self_attention.linear[0], f"{p}.sa_qkv")
        lin(layer.self_attention.linear[1], f"{p}.sa_out")
        ln(layer.attention.layer_norm, f"{p}.ca_ln")
        lin(layer.attention.linear[0], f"{p}.ca_q")
        lin(layer.attention.linear[1], f"{p}.ca_kv")
        lin(layer.attention.linear[2], f"{p}.ca_out")
        ln(layer.ffn.layer_norm, f"{p}.ff_ln")
        lin(layer.ffn.linear_0, f"{p}.ff1")
        lin(layer.ffn.linear_1, f"{p}.ff2")
    spec.decoder.projection.weight = weights["proj.w"]
    spec.decoder.projection.bias = weights["proj.b"]
    spec.config.layer_norm_epsilon = 1e-6
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def save_model(spec, model_dir: Path, quantization: str | None = None) -> Path:
    """``validate``, ``optimize`` (exactly once: a second call fails on already-converted weights)
    and ``save`` to ``model_dir`` (model.bin, config.json, shared_vocabulary.json)."""
    spec.validate()
    spec.optimize(quantization=quantization)
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))
    return model_dir


def write_package(dest: Path, *, model_dir: Path, sp_model: Path, from_code: str, to_code: str,
                  from_name: str, to_name: str, version: str = "1.0", folder: str | None = None,
                  flat: bool = False, readme: str = "") -> Path:
    """Zip a package as argostranslate expects it: one top-level folder (``flat`` leaves it out, the
    broken layout ``tqcheck models install`` must refuse) with metadata.json, model/,
    sentencepiece.model and a blank spaCy pipeline in spacy/ for offline sentence splitting."""
    import spacy

    folder = folder or f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    prefix = "" if flat else folder + "/"
    metadata = {
        "package_version": version, "argos_version": "1.9", "from_code": from_code, "from_name": from_name,
        "to_code": to_code, "to_name": to_name, "type": "translate", "links": [],
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        spacy_dir = Path(tmp) / "spacy"
        spacy.blank("xx").to_disk(spacy_dir)

        # fixed timestamps: the same inputs give the same bytes
        def add(arc: str, data: bytes) -> None:
            z.writestr(zipfile.ZipInfo(arc, date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

        add(prefix + "metadata.json", json.dumps(metadata, indent=2).encode())
        if readme:
            add(prefix + "README.md", readme.encode())
        add(prefix + "sentencepiece.model", sp_model.read_bytes())
        for f in sorted(model_dir.iterdir()):
            add(f"{prefix}model/{f.name}", f.read_bytes())
        for f in sorted(p for p in spacy_dir.rglob("*") if p.is_file()):
            add(f"{prefix}spacy/{f.relative_to(spacy_dir).as_posix()}", f.read_bytes())
    return dest


def build_random_package(workdir: Path, *, from_code: str = "xx", to_code: str = "en", flat: bool = False,
                         seed: int = 0) -> Path:
    """A tiny real package with random weights (d_model 64, 2+2 layers, 4 heads): it loads and
    translates through argostranslate for real, into nonsense. Well under a second."""
    workdir.mkdir(parents=True, exist_ok=True)
    lines = [s for pair in toy_corpus(400, seed=seed) for s in pair]
    sp_model = train_sentencepiece(lines, workdir / "sp" / "sentencepiece")
    vocab = vocabulary(sp_model)
    layers = (2, 2)
    weights = random_weights(param_shapes(len(vocab), 64, 128, layers), seed=seed)
    model_dir = save_model(build_spec(weights, vocab, layers, heads=4), workdir / "model")
    name = f"random-{from_code}-{to_code}{'-flat' if flat else ''}.argosmodel"
    return write_package(workdir / name, model_dir=model_dir, sp_model=sp_model, from_code=from_code,
                         to_code=to_code, from_name="Toy", to_name="English", flat=flat)


def relabel(argosmodel: Path, dest: Path, *, from_code: str, from_name: str | None = None) -> Path:
    """A copy of a package that claims another source language: the toy model labelled "uk", for
    tests whose bilingual documents default to Ukrainian sources (``conftest.check_text``)."""
    with zipfile.ZipFile(argosmodel) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("/metadata.json") and info.filename.count("/") == 1:
                meta = json.loads(data)
                meta["from_code"] = from_code
                meta["from_name"] = from_name or f"{meta['from_name']} (as {from_code})"
                data = json.dumps(meta, indent=2).encode()
            out.writestr(info, data)
    return dest


def argos_env(base: Path) -> dict[str, str]:
    """Environment for a process that may import argostranslate: its data, config and cache folders
    and its packages folder all under ``base`` (argostranslate creates them at import), and the
    cached-spaCy marker present, so that ``ARGOS_CHUNK_TYPE=SPACY`` never downloads a model."""
    env = {
        "XDG_DATA_HOME": str(base / "data"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "ARGOS_PACKAGES_DIR": str(base / "packages"),
        "TQCHECK_ARGOS_DIR": str(base / "packages"),
    }
    # argostranslate.sbd, imported with ARGOS_CHUNK_TYPE=SPACY, downloads xx_sent_ud_sm unless this
    # folder exists; packages that carry their own spacy/ pipeline never use the cached one.
    os.makedirs(base / "cache" / "argos-translate" / "spacy" / "senter" / "model", exist_ok=True)
    os.makedirs(base / "packages", exist_ok=True)
    return env


def install_toy(directory: Path, *, from_code: str = "xx") -> Path:
    """Unpack the committed toy model into a packages folder, optionally relabelled (``from_code="uk"``
    for documents that default to Ukrainian sources), without argostranslate or a subprocess: for
    tests that only need a package in place, such as the registry meta-test of checks that declare
    ``requires = ("argos",)``. Returns the package's folder."""
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = TRAINED if from_code == "xx" else relabel(TRAINED, Path(tmp) / "toy.argosmodel", from_code=from_code)
        with zipfile.ZipFile(src) as z:
            z.extractall(directory)
            top = z.namelist()[0].split("/", 1)[0]
    return directory / top
