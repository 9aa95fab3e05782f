"""Readers turn a file into a :class:`~disclint.model.Document`; one module per format.

A reader either reads *all* of a file or raises :class:`~disclint.errors.ReadError`: a document that
was only partly read must never pass. The reader is chosen by what the file is (its bytes, see
:mod:`disclint.readers.sniff`), not by its name. Heavy libraries are imported only for the formats in
use. :class:`~disclint.limits.Limits` bound what is read before anything is parsed: the file's size,
a zip's parts and unpacked size, how deep documents are attached inside each other, a PDF's pages and
the characters read; each refusal names its limit and how to change it.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import stat
from pathlib import Path

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.model import Document

READERS = {
    ".txt": "disclint.readers.text",
    ".md": "disclint.readers.text",
    ".docx": "disclint.readers.docx",
    ".pdf": "disclint.readers.pdf",
    ".eml": "disclint.readers.email",
    ".msg": "disclint.readers.msg",
}
SUPPORTED = frozenset(READERS)
EMPTY = "the file is empty (0 bytes): it may not have been saved or copied fully"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def size_text(size: float) -> str:
    """A size in bytes as people write it: ``2.1 GB``, ``512 MB``, ``730 KB``."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 and value != int(value) else f"{value:.0f} {unit}"
    return f"{size:.0f} bytes"


def over_limit(path: Path | None, amount: str, limit: str, name: str, verdict: str) -> ReadError:
    """A refusal naming the limit: ``AMOUNT (more than the LIMIT limit, 'NAME'): VERDICT; …how to
    change it``."""
    return ReadError(
        f"{amount} (more than the {limit} limit, '{name}'): {verdict}; if the file is genuine, raise "
        f"'{name}' under 'limits:' in disclint.yaml and check it again",
        path,
    )


def too_deep(
    path: Path | None, limits: Limits, what: str = "documents are attached or embedded"
) -> ReadError:
    """A refusal of a document nested deeper than ``max_depth``."""
    return ReadError(
        f"{what} inside each other more than {limits.max_depth} deep (the 'max_depth' limit): refused; "
        "check the inner documents by hand, or raise 'max_depth' under 'limits:' in disclint.yaml",
        path,
    )


def read(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read every part of ``path`` that a recipient could see, within ``limits``."""
    data = _load(path, limits)
    document = read_data(path, data, limits)
    chars = sum(len(block.text) for block in document.blocks)
    if chars > limits.max_chars:
        raise over_limit(
            path,
            f"the document holds {chars:,} characters of text",
            f"{limits.max_chars:,}",
            "max_chars",
            "refused",
        )
    return document


def _load(path: Path, limits: Limits) -> bytes:
    """The bytes of ``path``: an ordinary file within ``max_file_mb``, checked before it is read.

    Opened without blocking, so a named pipe is refused rather than waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ReadError(f"the file cannot be opened ({exc.strerror or exc})", path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("this is a folder, not a document", path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(
                "this is not an ordinary file (a device, pipe or socket): it cannot be checked", path
            )
        if info.st_size > limits.max_file_bytes:
            raise _too_large(path, info.st_size, limits)
        if info.st_size == 0:
            raise ReadError(EMPTY, path)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise ReadError(f"the file cannot be read ({exc.strerror or exc})", path) from None
    finally:
        os.close(fd)
    if len(data) > limits.max_file_bytes:  # it grew while it was read
        raise _too_large(path, len(data), limits)
    if not data:
        raise ReadError(EMPTY, path)
    return data


def _too_large(path: Path, size: int, limits: Limits, what: str = "the file is") -> ReadError:
    return over_limit(
        path,
        f"{what} {size_text(size)}",
        f"{limits.max_file_mb} MB",
        "max_file_mb",
        "refused without reading it",
    )


def read_data(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    """Read the bytes of a file named ``path``: a file checked, or one attached or embedded in it
    ``depth`` levels down. The reader is chosen by what the bytes are."""
    from disclint.readers.sniff import route

    if depth > limits.max_depth:
        raise too_deep(path, limits)
    if len(data) > limits.max_file_bytes:
        raise _too_large(path, len(data), limits)
    if not data:
        raise ReadError(EMPTY, path)
    try:
        reader = importlib.import_module(route(path, data, limits))
        document: Document = reader.read_bytes(Path(path), data, limits, depth)
    except RecursionError:
        raise ReadError(
            "the file is nested too deeply to read: it is damaged or made to break document readers", path
        ) from None
    except ReadError as exc:
        if exc.path is None:  # every refusal names its file
            raise ReadError(exc.message, path) from None
        raise
    return document
