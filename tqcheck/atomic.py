"""Atomic file writes: a temporary file in the same folder, flushed to disk, then renamed over the
target, so a crash or a full disk leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:  # a new file gets what open() would give it, not mkstemp's 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class AtomicWriter:
    """A text file written as it goes and put in place only by ``commit``: a long report streams to
    disk instead of memory, and an interrupted run leaves the old file. A target that is not a
    regular file (``/dev/null``, a pipe) is written directly: it cannot be replaced by a rename."""

    def __init__(self, path: str | Path, *, encoding: str = "utf-8") -> None:
        self.path = Path(path)
        self.tmp: str | None = None
        if self.path.exists() and not self.path.is_file():
            self.fh = open(self.path, "w", encoding=encoding, newline="")  # noqa: SIM115 - closed in commit/abort
            return
        try:
            self.mode = self.path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent or ".")
        self.fh = os.fdopen(fd, "w", encoding=encoding, newline="")

    def write(self, text: str) -> int:
        return self.fh.write(text)

    def flush(self) -> None:
        self.fh.flush()

    def commit(self) -> None:
        self.fh.flush()
        if self.tmp is None:
            self.fh.close()
            return
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.chmod(self.tmp, self.mode)
        os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self) -> None:
        """Drop what was written (the target keeps its old content). Safe to call after commit."""
        if not self.fh.closed:
            self.fh.close()
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.tmp = None
