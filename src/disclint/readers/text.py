"""Plain text and Markdown: one block per paragraph (lines up to a blank line), located by line.

Decoded without loss from UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 with a mark,
UTF-16 without one (told by its NUL bytes), Windows-1252 (what Notepad and Word save as "ANSI" in the
UK: smart quotes, £, é) and, failing those, the encoding charset-normalizer finds. Binary data is a
:class:`~disclint.errors.ReadError`, never text.
"""

from __future__ import annotations

from pathlib import Path

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.model import Document, Part, TextBlock
from disclint.readers import over_limit, sha256
from disclint.readers.sniff import text_encoding, utf16_without_bom

BINARY = "the file holds binary data, not text: is it really a text file?"
# Bytes that Windows-1252 leaves undefined: text holding them is in another code page.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode(data: bytes, path: Path) -> str:
    """Decode text in whatever common encoding it was saved in, without losing characters."""
    encoding = text_encoding(data)
    if encoding is None:
        raise ReadError(BINARY, path)
    if not encoding and b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if not _CP1252_UNDEFINED.intersection(data) and _cp1252_likely(data):
            return data.decode("cp1252")
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ReadError("the file is not text in any encoding disclint recognises", path)
        return str(best)
    try:
        return data.decode(encoding or utf16_without_bom(data) or "utf-8")
    except UnicodeDecodeError:
        raise ReadError(f"{BINARY} (it is not valid {encoding or 'UTF-16'})", path) from None


# What the bytes beyond ASCII of English (and French, Welsh, Irish…) text are in Windows-1252: accented
# letters, quotes and dashes, currency and a few signs. The rest (superscripts, œ, Ÿ, ¤…) stand for
# letters of other alphabets when another code page is read as this one.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ‘’‚“”„–—…£€•·©®°±½¼¾«»§¶¢¥™\xa0ŠšŽž"
)


def _cp1252_likely(data: bytes) -> bool:
    """True when the bytes beyond ASCII read as Windows-1252 are what Western European text holds,
    and few beside its plain letters (another alphabet read as Windows-1252 is mostly such bytes)."""
    high = bytes(b for b in data if b >= 0x80).decode("cp1252")
    if any(c not in _WESTERN for c in high):
        return False
    plain = sum(1 for b in data if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    accented = sum(1 for c in high if c.isalpha())
    return accented <= 0.3 * plain + 2


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


def read_bytes(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    text = decode(data, path)
    if "\x00" in text:
        raise ReadError(BINARY, path)
    if len(text) > limits.max_chars:
        raise over_limit(
            path,
            f"the file holds {len(text):,} characters of text",
            f"{limits.max_chars:,}",
            "max_chars",
            "refused",
        )
    return Document(path, sha256(data), tuple(paragraphs(text)))
