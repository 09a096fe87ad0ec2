"""Timing a command as users run it, shared by the benchmarks that compare tqcheck with a peer."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every tool runs as installed packages run: with its bytecode cached. (pip compiles a peer's at install
# time; tqcheck's checkout gets its __pycache__ on the first run. PYTHONDONTWRITEBYTECODE, set on some
# machines, would otherwise make only tqcheck recompile its sources on every run.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cpu: list[float] | None = None, *, env: dict[str, str] | None = None,
          ok: tuple[int, ...] = (0, 1)) -> float:
    """Wall time of one run of ``cmd``; its CPU time (user + system, from the kernel's accounting of
    the child) is appended to ``cpu``: less sensitive than wall time to a busy machine. An exit
    status outside ``ok`` stops the benchmark with the command's last words."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env or ENV, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()[-500:]}")
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed
