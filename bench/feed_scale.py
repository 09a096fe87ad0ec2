"""A large JSON Lines feed audited with --jobs 1 and --jobs 2: time, and peak memory of the process tree.

    python bench/feed_scale.py                 # 1 GB feed from the WMT22 outputs (needs ../shared)
    python bench/feed_scale.py --size 50M      # a quick run

The feed is generated (deterministically, seed 0) into a temporary folder from the ten WMT22 uk-en
system outputs: each item is a run of 6-18 consecutive segments of one system, grouped into
paragraphs, with a title, url, id and the system as its site. The audit writes JSON Lines findings to a
file (a streaming format, as a CI job on a feed would). Memory is sampled every 0.2 s from /proc for
the tqcheck process and its worker processes: the peak of the summed RSS and of the summed PSS
(proportional set size: pages the forked workers share with the parent counted once, split between
them — the memory the run really takes). Targets (issue 5): peak memory <= 300 MB; --jobs 2 at least
1.6x as fast as --jobs 1 on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "data" / "wmt22-uk-en"


def parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def generate(path: Path, size: int) -> int:
    systems = sorted(WMT.glob("generaltest2022.uk-en.hyp.*.en"))
    if not systems:
        sys.exit(f"no WMT22 outputs in {WMT}: this benchmark needs ../shared")
    texts = {p.name.split(".")[3]: p.read_text(encoding="utf-8").splitlines() for p in systems}
    names = sorted(texts)
    rng = random.Random(0)
    written = items = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < size:
            name = rng.choice(names)
            lines = texts[name]
            n = rng.randint(6, 18)
            start = rng.randrange(0, len(lines) - n)
            body = [line for line in lines[start : start + n] if line.strip()]
            paragraphs, i = [], 0
            while i < len(body):
                k = rng.randint(1, 3)
                paragraphs.append(" ".join(body[i : i + k]))
                i += k
            items += 1
            title = body[0][:90] if body else f"Item {items}"
            record = {"id": f"wmt-{items}", "title": title, "url": f"https://feed.example/{name}/{items}",
                      "site": name, "text": "\n\n".join(paragraphs)}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
    return items


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return out


def _mem(pid: int) -> tuple[int, int]:
    rss = pss = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss * 1024, pss * 1024


def run(feed: Path, jobs: int, out: Path) -> dict[str, float]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "tqcheck", "audit", str(feed), "--jobs", str(jobs), "--format", "jsonl",
           "-o", str(out), "--progress", "never", "--quiet"]
    peak = [0, 0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _mem(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    t.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"tqcheck failed ({proc.returncode}): {err.decode()[-2000:]}")
    findings = sum(1 for _ in open(out, encoding="utf-8"))
    return {"wall": wall, "rss": peak[0], "pss": peak[1], "findings": findings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1G", help="feed size to generate (default 1G; K, M, G suffixes)")
    ap.add_argument("--feed", type=Path, help="audit this JSON Lines file instead of generating one")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values (default 1,2)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tqcheck-feed-") as tmp:
        feed = args.feed
        if feed is None:
            feed = Path(tmp) / "feed.jsonl"
            t0 = time.perf_counter()
            items = generate(feed, parse_size(args.size))
            print(f"generated {feed.stat().st_size / 1e6:.0f} MB, {items} items in {time.perf_counter() - t0:.0f} s")
        size = feed.stat().st_size
        rows = {}
        for jobs in (int(j) for j in args.jobs.split(",")):
            r = rows[jobs] = run(feed, jobs, Path(tmp) / f"findings-{jobs}.jsonl")
            print(f"--jobs {jobs}: {r['wall']:.1f} s ({size / 1e6 / r['wall']:.2f} MB/s), peak RSS {r['rss'] / 1e6:.0f} MB "
                  f"(summed over processes), peak PSS {r['pss'] / 1e6:.0f} MB, {r['findings']} findings", flush=True)
        if 1 in rows and 2 in rows:
            print(f"speed-up --jobs 2 / --jobs 1: {rows[1]['wall'] / rows[2]['wall']:.2f}x (target >= 1.6x); "
                  f"same findings: {rows[1]['findings'] == rows[2]['findings']}")


if __name__ == "__main__":
    main()
