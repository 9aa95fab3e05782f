"""Readers turn a file into a :class:`~disclint.model.Document`; one module per format.

A reader either reads *all* of a file or raises :class:`~disclint.errors.ReadError`: a document that
was only partly read must never pass. Heavy libraries are imported only for the formats in use.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from disclint.errors import ReadError
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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: Path) -> Document:
    """Read every part of ``path`` that a recipient could see."""
    module = READERS.get(path.suffix.lower())
    if module is None:
        raise ReadError(f"disclint cannot read '{path.suffix or path.name}' files", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"the file cannot be opened ({exc.strerror or exc})", path) from None
    if not data:
        raise ReadError("the file is empty (0 bytes): it may not have been saved or copied fully", path)
    reader = importlib.import_module(module)
    document: Document = reader.read_bytes(path, data)
    return document
