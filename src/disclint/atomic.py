"""Writing disclint's own files safely: whole or not at all, and private when they hold document text.

A report, cache or log is written to a temporary file in the same folder and renamed over the old
one, so a crash mid-write leaves the old file intact. Appends to a shared log take an exclusive
lock, so concurrent writers never interleave lines.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

PRIVATE = 0o600
SHARED = 0o644


@contextlib.contextmanager
def atomic_writer(path: Path, *, private: bool = False) -> Iterator[TextIO]:
    """A text stream that replaces ``path`` only when the block ends without an exception.

    ``private``: the file is readable by its owner only (reports that quote document text).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE if private else SHARED & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, text: str, *, private: bool = False) -> None:
    with atomic_writer(path, private=private) as stream:
        stream.write(text)


def append_line(path: Path, line: str, *, private: bool = True) -> None:
    """Append one line to ``path`` under an exclusive lock, in a single write."""
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
    fd = os.open(path, flags, PRIVATE if private else SHARED)
    try:
        _lock(fd)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: O_APPEND writes of one line are atomic enough for a log
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
