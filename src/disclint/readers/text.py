"""Plain text and Markdown: one block per paragraph (lines up to a blank line), located by line."""

from __future__ import annotations

import codecs
from pathlib import Path

from disclint.errors import ReadError
from disclint.model import Document, Part, TextBlock
from disclint.readers import sha256

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode(data: bytes, path: Path) -> str:
    """Decode text in whatever common encoding it was saved in, without losing characters."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("the file is not text in any encoding disclint recognises", path)
    return str(best)


def paragraphs(text: str) -> list[TextBlock]:
    """Blocks of consecutive non-blank lines, so that a name wrapped over two lines stays whole."""
    blocks: list[TextBlock] = []
    lines: list[str] = []
    first = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not lines:
                first = number
            lines.append(line)
        elif lines:
            blocks.append(TextBlock("\n".join(lines), Part.BODY, None, first, lines=True))
            lines = []
    return blocks


def read_bytes(path: Path, data: bytes) -> Document:
    text = decode(data, path)
    if "\x00" in text:
        raise ReadError("the file holds binary data, not text: is it really a text file?", path)
    return Document(path, sha256(data), tuple(paragraphs(text)))
