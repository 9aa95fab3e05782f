"""What a file really is, from its bytes: the name a user gave it decides nothing on its own.

:func:`sniff` looks at the first bytes (and, for a zip, at its list of parts) and names the format;
:func:`route` picks the reader for it. A supported format under the wrong name is read as what it is
(a PDF named ``.docx`` is read as a PDF); a format disclint cannot read is refused with a message that
says what the file is and what to do (a Word 97-2003 ``.doc``, a password-protected Office file, an
Excel workbook, a web page saved as ``.doc``). Plain text with no signature is read by the text reader
only under a text name: a ``.docx`` or ``.pdf`` that is only text is damaged or misnamed, and says so.

Only the standard library is used here, and zipfile only for zips: sniffing runs for every file.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    import zipfile

SUPPORTED_FORMATS = ".docx, .pdf, .txt, .md, .eml and .msg"
SUPPORTED_TEXT = f"disclint reads {SUPPORTED_FORMATS}"

TEXT_READER = "disclint.readers.text"
DOCX_READER = "disclint.readers.docx"
PDF_READER = "disclint.readers.pdf"
EMAIL_READER = "disclint.readers.email"
MSG_READER = "disclint.readers.msg"
_TEXT_SUFFIXES = (".txt", ".md")
_SAVE_AS_DOCX = "open it in Word and save it as .docx, then check it again"
_SAVE_AS_PDF = "save it as a PDF and check that, or check it by hand"


@dataclass(frozen=True)
class Kind:
    """A file format as disclint tells it: in words, the reader for it (``None``: it cannot read it),
    what to do about it, and the names a file of the format usually has."""

    what: str
    reader: str | None = None
    advice: str = ""
    suffixes: tuple[str, ...] = ()


PDF = Kind("a PDF", PDF_READER, suffixes=(".pdf",))
DOCX = Kind("a Word document (.docx)", DOCX_READER, suffixes=(".docx",))
MSG = Kind("an Outlook message (.msg)", MSG_READER, suffixes=(".msg",))
EMAIL = Kind("an email message", EMAIL_READER, suffixes=(".eml",))
TEXT = Kind("plain text", TEXT_READER, suffixes=_TEXT_SUFFIXES)
BINARY = Kind("binary data")

ENCRYPTED_OFFICE = Kind(
    "a password-protected (encrypted) Office file",
    advice="disclint cannot read it; remove the password (in Word: File > Info > Protect Document > "
    "Encrypt with Password, clear the password), save it, then check it again",
)
DOC = Kind("a Word 97-2003 .doc", advice=_SAVE_AS_DOCX, suffixes=(".doc", ".dot"))
XLS = Kind(
    "an Excel 97-2003 workbook (.xls)",
    advice=f"{SUPPORTED_TEXT}; {_SAVE_AS_PDF}",
    suffixes=(".xls",),
)
PPT = Kind(
    "a PowerPoint 97-2003 presentation (.ppt)",
    advice=f"{SUPPORTED_TEXT}; {_SAVE_AS_PDF}",
    suffixes=(".ppt",),
)
OLE = Kind(
    "an Office 97-2003 file or another compound document",
    advice=f"{SUPPORTED_TEXT}; open it in the program that made it and save it as .docx or PDF",
)
# An OLE file under a Word name: Word writes one when it encrypts a .docx or saves a .doc.
OLE_AS_WORD = Kind(
    "a password-protected Office file or an old Word 97-2003 .doc",
    advice="remove the password or save it as .docx, then check it again",
)
XLSX = Kind("an Excel workbook", advice=f"{SUPPORTED_TEXT}; {_SAVE_AS_PDF}", suffixes=(".xlsx", ".xlsm"))
PPTX = Kind(
    "a PowerPoint presentation", advice=f"{SUPPORTED_TEXT}; {_SAVE_AS_PDF}", suffixes=(".pptx", ".pptm")
)
VISIO = Kind("a Visio drawing", advice=f"{SUPPORTED_TEXT}; {_SAVE_AS_PDF}", suffixes=(".vsdx",))
OTHER_OOXML = Kind(
    "an Office file of a kind disclint cannot read", advice=f"{SUPPORTED_TEXT}; {_SAVE_AS_PDF}"
)
ODF_TEXT = Kind(
    "an OpenDocument file (.odt, from LibreOffice or OpenOffice)",
    advice=f"{SUPPORTED_TEXT}; save it as .docx or PDF and check that",
    suffixes=(".odt",),
)
ODF = Kind(
    "an OpenDocument file (LibreOffice or OpenOffice)",
    advice=f"{SUPPORTED_TEXT}; save it as .docx or PDF and check that",
    suffixes=(".ods", ".odp", ".odg"),
)
ZIP = Kind("a zip archive", advice="unzip it and check the documents inside", suffixes=(".zip",))
DAMAGED_ZIP = Kind(
    "a damaged zip archive (a .docx, .xlsx or .pptx file is one)",
    advice="it may have been copied or saved only in part: open the original and save it again",
)
RTF = Kind("a Rich Text Format (.rtf) file", advice=_SAVE_AS_DOCX, suffixes=(".rtf",))
HTML = Kind(
    "a web page (HTML)",
    advice="open it in Word or a web browser and save it as .docx or PDF, then check that",
    suffixes=(".html", ".htm"),
)
MHTML = Kind(
    "a single-file web page (MHTML)",
    advice="open it in Word or a web browser and save it as .docx or PDF, then check that",
    suffixes=(".mht", ".mhtml"),
)
_PICTURE = (
    "disclint cannot read the words in a picture: run OCR to make a PDF with a text layer, or check it "
    "by hand"
)
_ARCHIVE = "extract it and check the documents inside"

# Signatures at the start of the file, after the text formats' own (checked first).
_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"\x89PNG", Kind("a PNG image", advice=_PICTURE, suffixes=(".png",))),
    (b"\xff\xd8\xff", Kind("a JPEG image", advice=_PICTURE, suffixes=(".jpg", ".jpeg"))),
    (b"GIF87a", Kind("a GIF image", advice=_PICTURE, suffixes=(".gif",))),
    (b"GIF89a", Kind("a GIF image", advice=_PICTURE, suffixes=(".gif",))),
    (b"II*\x00", Kind("a TIFF image", advice=_PICTURE, suffixes=(".tif", ".tiff"))),
    (b"MM\x00*", Kind("a TIFF image", advice=_PICTURE, suffixes=(".tif", ".tiff"))),
    (b"\x1f\x8b", Kind("a gzip-compressed file", advice=_ARCHIVE, suffixes=(".gz",))),
    (b"7z\xbc\xaf\x27\x1c", Kind("a 7-Zip archive", advice=_ARCHIVE, suffixes=(".7z",))),
    (b"Rar!\x1a\x07", Kind("a RAR archive", advice=_ARCHIVE, suffixes=(".rar",))),
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Stream names in an OLE directory are UTF-16LE; finding one in the raw bytes is enough to tell.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_MSG_PROPERTY = "__substg1.0_".encode("utf-16-le")
_WORD_DOCUMENT = "WordDocument".encode("utf-16-le")
_WORKBOOK = "Workbook".encode("utf-16-le")
_POWERPOINT = "PowerPoint Document".encode("utf-16-le")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 64 * 1024
# C0 control characters that do not belong in text (tab, line breaks, form feed, ESC and the old DOS
# end-of-file mark do).
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1a\x1b") + b"\x7f"
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]*)[ \t]*:")
# Headers only a mail system writes; From with any of To/Subject/Date is a message too.
_MAIL_HEADERS = frozenset(
    {"received", "mime-version", "return-path", "message-id", "delivered-to", "dkim-signature", "x-mailer"}
)
_MIME_ENCODED = re.compile(
    rb"^content-transfer-encoding:[ \t]*(?:base64|quoted-printable)|^content-type:[ \t]*multipart/",
    re.IGNORECASE | re.MULTILINE,
)


class UnsupportedType(ReadError):
    """The file is a format disclint cannot read; ``kind`` says which."""

    def __init__(self, message: str, path: Path | str | None, kind: Kind) -> None:
        super().__init__(message, path)
        self.kind = kind


# ---- zips


def zip_directory(data: bytes) -> tuple[int, int, int] | None:
    """What a zip's end record declares: its number of parts, the size of its list of parts and
    where that list ends. ``None`` when there is no end record.

    Read from the last bytes alone, so a zip listing a million parts is refused before its list is.
    """
    start = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if start < 0 or start + 22 > len(data):
        return None
    entries, size = struct.unpack_from("<HI", data, start + 10)
    end = start
    locator = start - 20
    if (
        (entries == 0xFFFF or size == 0xFFFFFFFF)
        and locator >= 0
        and data[locator : locator + 4] == b"PK\x06\x07"
    ):
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if offset + 56 <= len(data) and data[offset : offset + 4] == b"PK\x06\x06":
            entries, size = struct.unpack_from("<QQ", data, offset + 32)
            end = offset
    return entries, size, end


def _count_members(data: bytes, size: int, end: int, limit: int) -> int:
    """The entries in a zip's list of parts, counted up to one past ``limit``."""
    position = end - size
    count = 0
    while position >= 0 and position + 46 <= end and data[position : position + 4] == b"PK\x01\x02":
        count += 1
        if count > limit:
            break
        name, extra, comment = struct.unpack_from("<HHH", data, position + 28)
        position += 46 + name + extra + comment
    return count


def check_members(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a zip that lists more parts than ``max_members``, before zipfile reads its list."""
    from disclint.readers import over_limit

    directory = zip_directory(data)
    if directory is None:
        return
    entries, size, end = directory
    limit = limits.max_members
    if entries > limit:
        amount = f"the file holds {entries:,} parts"
    else:
        # The end record may understate the list: count the entries themselves, up to the limit.
        counted = _count_members(data, size, end, limit)
        if counted <= limit:
            return
        amount = f"the file holds at least {counted:,} parts"
    raise over_limit(path, amount, f"{limit:,}", "max_members", "refused as a possible zip bomb")


def _zip_kind(data: bytes, path: Path, limits: Limits) -> Kind:
    import zipfile

    check_members(path, data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except zip_errors():
        return DAMAGED_ZIP
    tops = {name.split("/", 1)[0] for name in names}
    if "mimetype" in names:
        mimetype = _small_member(archive, "mimetype")
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            return ODF_TEXT if mimetype.startswith(b"application/vnd.oasis.opendocument.text") else ODF
    if "word" in tops:
        return DOCX
    if "xl" in tops:
        return XLSX
    if "ppt" in tops:
        return PPTX
    if "visio" in tops:
        return VISIO
    if "[Content_Types].xml" in names:
        return OTHER_OOXML
    return ZIP


def zip_errors() -> tuple[type[Exception], ...]:
    """What zipfile raises on a damaged zip: its own errors, and others from deeper down (an unknown
    format version, a name that is not UTF-8, a damaged deflate stream)."""
    import zipfile
    import zlib

    return (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,  # UnicodeDecodeError too
        OSError,
        EOFError,
        IndexError,
        struct.error,
        zlib.error,
    )


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The first bytes of a small part (an OpenDocument's ``mimetype``); nothing if it is not small."""
    try:
        info = archive.getinfo(name)
        if info.file_size > 200 or info.compress_size > 1000:
            return b""
        with archive.open(info) as part:
            return part.read(200)
    except Exception:  # noqa: BLE001 - a part that cannot be read says nothing of the file's kind
        return b""


def _ole_kind(data: bytes) -> Kind:
    if _ENCRYPTED_PACKAGE in data:
        return ENCRYPTED_OFFICE
    if _MSG_PROPERTY in data:
        return MSG
    if _WORD_DOCUMENT in data:
        return DOC
    if _WORKBOOK in data:
        return XLS
    if _POWERPOINT in data:
        return PPT
    return OLE


# ---- text


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when text has no byte-order mark but the NULs of UTF-16 show it
    (every other byte is NUL in Latin text); ``None`` otherwise."""
    sample = data[: _SAMPLE & ~1]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def text_encoding(data: bytes) -> str | None:
    """The encoding the file's byte-order mark or NUL pattern shows, ``""`` for text without either
    (UTF-8 or a one-byte code page), ``None`` for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        utf16 = utf16_without_bom(data)
        if utf16 is None:
            return None
        sample = data[: _SAMPLE & ~1].decode(utf16, "replace").encode("latin-1", "replace")
        return None if _mostly_controls(sample) else utf16
    return None if _mostly_controls(data[:_SAMPLE]) else ""


def _mostly_controls(sample: bytes) -> bool:
    """More control characters than text ever holds (beside tabs, line breaks and form feeds)."""
    controls = sum(sample.count(c) for c in _CONTROLS)
    return controls > 3 and controls > 0.01 * len(sample)


def _head_text(data: bytes, encoding: str) -> str:
    head = data[:4096]
    return head.decode(encoding or "cp1252", "replace").lstrip("\ufeff")


def _looks_like_email(head: str) -> bool:
    lines = head.splitlines()
    if lines and lines[0].startswith("From "):
        lines = lines[1:]  # an mbox separator
    names: list[str] = []
    for line in lines:
        if not line.strip():
            break
        if line[0] in " \t" and names:
            continue  # a folded header
        found = _HEADER_LINE.match(line)
        if found is None:
            return False
        names.append(found.group(1).lower())
    if len(names) < 2:
        return False
    return bool(_MAIL_HEADERS.intersection(names)) or (
        "from" in names and bool({"to", "subject", "date"}.intersection(names))
    )


def _text_kind(data: bytes) -> Kind:
    encoding = text_encoding(data)
    if encoding is None:
        return BINARY
    head = _head_text(data, encoding)
    start = head.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")) or (
        start.startswith("<?xml") and "<html" in start[:1024]
    ):
        return HTML
    if _looks_like_email(head):
        lowered = head.lower()
        if "multipart/related" in lowered and "\nfrom:" not in "\n" + lowered:
            return MHTML
        return EMAIL
    return TEXT


_NO_PATH = Path("document")


def sniff(data: bytes, path: Path = _NO_PATH, limits: Limits = DEFAULT_LIMITS) -> Kind:
    """The format of ``data`` from its bytes. A zip listing more parts than ``max_members`` is a
    :class:`~disclint.errors.ReadError` here, before its list is read."""
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data, path, limits)
    if data.startswith(_OLE_MAGIC):
        return _ole_kind(data)
    if data.lstrip()[:5] == b"{\\rtf":
        return RTF
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return _text_kind(data)


# ---- routing


def unsupported(path: Path, kind: Kind) -> UnsupportedType:
    """The refusal of a file of a kind disclint cannot read: what it is and what to do."""
    suffix = path.suffix.lower()
    named = ""
    if kind.suffixes and suffix not in kind.suffixes:
        named = f" saved with a '{suffix}' name" if suffix else " with no file name extension"
    advice = kind.advice or SUPPORTED_TEXT
    return UnsupportedType(f"this is {kind.what}{named}: {advice}", path, kind)


def route(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The reader module for ``data``, by what it is rather than by its name; or a :class:`ReadError`
    that says what it is when disclint cannot read it."""
    from disclint.readers import READERS

    suffix = path.suffix.lower()
    claimed = READERS.get(suffix)
    kind = sniff(data, path, limits)
    if kind in (PDF, DOCX, MSG):
        return kind.reader or ""
    if kind is EMAIL:
        if claimed == TEXT_READER and not _MIME_ENCODED.search(data[:_SAMPLE]):
            return TEXT_READER  # a plain-text note that begins with From:/To: lines: all of it is text
        return EMAIL_READER
    if kind is TEXT:
        if claimed in (TEXT_READER, EMAIL_READER):
            return claimed
        if claimed == PDF_READER and (b"endobj" in data or b"startxref" in data):
            return claimed  # a PDF whose header is damaged: the PDF reader says so
        if claimed is not None:
            raise ReadError(
                f"the file is plain text, not {_what(claimed)}: it is damaged or misnamed; if it is a "
                "text file, rename it to .txt and check it again",
                path,
            )
        raise _unknown(path)
    if kind is BINARY:
        if claimed in (DOCX_READER, PDF_READER, MSG_READER):
            return claimed  # damaged: its own reader says how
        if claimed is not None:
            raise ReadError(
                f"the file holds binary data, not text: is it really a '{suffix}' file? It may be "
                "damaged, or a different kind of file renamed",
                path,
            )
        raise _unknown(path)
    if claimed == DOCX_READER and kind in (DAMAGED_ZIP, ZIP, OTHER_OOXML):
        return claimed  # a damaged or incomplete Word file: the Word reader says what is missing
    if claimed == MSG_READER and kind is OLE:
        return claimed
    if claimed == DOCX_READER and kind is OLE:
        kind = OLE_AS_WORD
    if kind is HTML and suffix in (".doc", ".docx"):
        raise UnsupportedType(
            f"this is a web page saved with a '{suffix}' name (Word's 'Save as Web Page'): {_SAVE_AS_DOCX}",
            path,
            kind,
        )
    raise unsupported(path, kind)


def _unknown(path: Path) -> UnsupportedType:
    """A file whose bytes are no format disclint knows, under a name it does not read."""
    kind = Kind(f"a '{path.suffix.lower()}' file" if path.suffix else "a file with no extension")
    shown = path.suffix or path.name
    return UnsupportedType(f"disclint cannot read '{shown}' files: it reads {SUPPORTED_FORMATS}", path, kind)


def _what(reader: str) -> str:
    return {
        DOCX_READER: "a Word .docx document",
        PDF_READER: "a PDF",
        MSG_READER: "an Outlook .msg message",
    }.get(reader, "the kind of file its name says")
