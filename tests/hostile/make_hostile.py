"""Write a corpus of hostile and broken files: every one must end as ``error`` with a plain reason.

    python tests/hostile/make_hostile.py OUT_DIR

or, from the tests, ``make_hostile(folder)``: it writes the files and returns a mapping of each file
name to a piece of the message its :class:`~disclint.errors.ReadError` must carry. ``make_readable``
writes the files that look hostile but are fine (a PDF named ``.docx``, an email nested as deep as
allowed, UTF-16 text without a byte-order mark) and returns each name with a piece of the text that
must be read from it.

Zip bombs, forged zip directories, XML entity bombs and external entities, DTDs, truncated and
bit-flipped files, missing parts, old and encrypted Office files, web pages saved as ``.doc``, PDFs that
are encrypted, cut short, scans, that loop, nest deeply, declare huge streams or pages, emails nested
deep or carrying bombs, binary data named ``.txt``, empty files, links that loop, pipes and folders.

Everything is built in code from a fixed seed, with the standard library and pypdf (a disclint
dependency): the same bytes every time, but for the salt pypdf draws to encrypt ``encrypted.pdf``.
Sizes are declared, not written: the biggest file on disk is a sparse one, and a bomb that declares
5 GB takes 5 MB.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from pathlib import Path

SEED = 20250107
MB = 1024 * 1024


def noise(size: int, seed: int = SEED) -> bytes:
    """``size`` random bytes, the same every time."""
    return random.Random(seed).randbytes(size)


# ---- zips


def zip_bytes(
    parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED, stored: Sequence[str] = ()
) -> bytes:
    """A zip of ``parts`` dated 1 January 1980, so that the same parts make the same bytes; the parts
    named in ``stored`` are not compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            zf.writestr(info, data, zipfile.ZIP_STORED if name in stored else method)
    return buffer.getvalue()


def raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand, so that it can say what it likes: each member is (name, the stored
    bytes, method, CRC-32, declared size once inflated). Zip64 fields where sizes need them."""
    out = bytearray()
    central = bytearray()
    for name, data, method, crc, size in members:
        offset = len(out)
        raw_name = name.encode()
        zip64 = size >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if zip64 else b""
        csize, usize = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (len(data), size)
        version = 45 if zip64 else 20
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            version,
            0,
            method,
            0,
            0x21,
            crc,
            csize,
            usize,
            len(raw_name),
            len(extra),
        )
        out += raw_name + extra + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            version,
            version,
            0,
            method,
            0,
            0x21,
            crc,
            csize,
            usize,
            len(raw_name),
            len(extra),
            0,
            0,
            0,
            0,
            offset,
        )
        central += raw_name + extra
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


@functools.cache
def zeros_deflated(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream that really inflates to ``megabytes`` MB of NUL bytes, about 1 KB a MB,
    and the CRC-32 of what it inflates to (one compressed megabyte, repeated: each copy stands alone)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = compressor.compress(b"\0" * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    block = b"\0" * MB
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    return chunk * megabytes + b"\x03\x00", crc


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
).encode()


def document_xml(*paragraphs: str, doctype: str = "") -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in paragraphs)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx_parts(*paragraphs: str, doctype: str = "") -> dict[str, bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": document_xml(*paragraphs, doctype=doctype),
    }


def docx(*paragraphs: str) -> bytes:
    return zip_bytes(docx_parts(*paragraphs))


def embedding_docx(inner: bytes, name: str) -> bytes:
    """A .docx with ``inner`` embedded as a Word package (an OLE package part)."""
    parts = docx_parts("The outer document.")
    parts[f"word/embeddings/{name}"] = inner
    parts["word/_rels/document.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId9" Type="{REL}/package" Target="embeddings/{name}"/></Relationships>'
    ).encode()
    return zip_bytes(parts)


def bomb_docx(megabytes: int) -> bytes:
    data, crc = zeros_deflated(megabytes)
    members = [
        (name, zlib.compress(part)[2:-4], zipfile.ZIP_DEFLATED, zlib.crc32(part), len(part))
        for name, part in docx_parts().items()
        if name != "word/document.xml"
    ]
    members.append(("word/document.xml", data, zipfile.ZIP_DEFLATED, crc, megabytes * MB))
    return raw_zip(members)


# ---- OLE compound files (Word 97-2003, Outlook, encrypted Office)


def ole(names: list[str]) -> bytes:
    """A compound file whose root holds empty streams of these names: enough structure for tools to
    open, and the directory names are what tells the formats apart."""
    end, free, fat_sector, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    entries = ["Root Entry", *names]
    dir_sectors = (len(entries) + 3) // 4
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)
    struct.pack_into("<IIII", header, 60, end, 0, end, 0)
    difat = [0] + [free] * 108
    struct.pack_into("<109I", header, 76, *difat)
    fat = [fat_sector] + [i + 2 for i in range(dir_sectors - 1)] + [end]
    fat += [free] * (128 - len(fat))
    directory = bytearray()
    for index, name in enumerate(entries):
        raw = name.encode("utf-16-le") + b"\0\0"
        kind = 5 if index == 0 else 2
        right = index + 1 if 0 < index < len(entries) - 1 else nostream
        child = 1 if index == 0 and len(entries) > 1 else nostream
        entry = raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, nostream, right, child)
        entry += b"\0" * 16 + struct.pack("<IQQIQ", 0, 0, 0, end, 0)
        directory += entry
    directory = directory.ljust(dir_sectors * 512, b"\0")
    return bytes(header) + struct.pack("<128I", *fat) + bytes(directory)


# ---- PDFs written by hand (pypdf only to encrypt)


def raw_pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", length: int | None = None) -> bytes:
    declared = len(data) if length is None else length
    return b"<< /Length %d %s>>\nstream\n" % (declared, extra) + data + b"\nendstream"


def text_content(*lines: str) -> bytes:
    ops = [b"BT /F1 12 Tf 72 760 Td 16 TL"]
    ops += [b"(" + line.encode("latin-1") + b") '" for line in lines]
    return b"\n".join([*ops, b"ET"])


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(*lines: str) -> bytes:
    """One page of text: 1 catalog, 2 pages, 3 page, 4 content, 5 font."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            stream(text_content(*lines)),
            FONT,
        ]
    )


def outline_pdf(levels: int, loop: bool = False) -> bytes:
    """Bookmarks nested ``levels`` deep (objects 6…), or one whose /Next points back at itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        stream(text_content("Minutes of the core group meeting.")),
        FONT,
        b"<< /Type /Outlines /First 7 0 R /Last 7 0 R >>",
    ]
    if loop:
        objects.append(b"<< /Title (Looping bookmark) /Parent 6 0 R /Next 7 0 R /First 7 0 R >>")
    else:
        for level in range(levels):
            number = 7 + level
            child = b"/First %d 0 R /Last %d 0 R " % (number + 1, number + 1) if level < levels - 1 else b""
            objects.append(b"<< /Title (Level %d) /Parent %d 0 R %s>>" % (level, number - 1, child))
    return raw_pdf(objects)


def image_pdf() -> bytes:
    """A page that is only a picture: a scan with no text layer."""
    pixels = noise(64 * 64)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            stream(b"q 400 0 0 400 90 300 cm /Im1 Do Q"),
            stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 ",
            ),
        ]
    )


def flate_bomb_pdf(megabytes: int) -> bytes:
    data, _ = zeros_deflated(megabytes)
    wrapped = b"\x78\x9c" + data  # a zlib header; the checksum is never reached
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            stream(wrapped, b"/Filter /FlateDecode "),
            FONT,
        ]
    )


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf("Secret minutes about Tyler Brown."))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="open-sesame", owner_password="owner-sesame", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---- emails


def email_bytes(body: str, attachments: Sequence[tuple[str, bytes]] = ()) -> bytes:
    return bytes(_message(body, attachments))


def _message(
    body: str, attachments: Sequence[tuple[str, bytes]] = (), nested: EmailMessage | None = None
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Sarah Jones <sarah.jones@council.example.org>"
    msg["To"] = "Jackie Smith <jackie.smith@example.org>"
    msg["Subject"] = "Core group minutes"
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    if nested is not None:
        msg.add_attachment(nested)
    if msg.is_multipart():  # a boundary from the content, not a random one
        names = "".join(name for name, _ in attachments)
        msg.set_boundary(f"=_hostile_{zlib.crc32((body + names).encode()):08x}")
    return msg


def nested_email(levels: int) -> bytes:
    inner = _message("The innermost message names Tyler Brown.")
    for level in range(levels):
        inner = _message(f"Forwarded, level {level + 1}.", nested=inner)
    return bytes(inner)


# ---- the corpus

Maker = Callable[[Path], None]
HOSTILE: dict[str, tuple[Maker, str]] = {}
READABLE: dict[str, tuple[Maker, str]] = {}


def hostile(name: str, expected: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    """Register a file whose bytes the function returns, and a piece of its error message."""

    def register(make: Callable[[], bytes]) -> Callable[[], bytes]:
        HOSTILE[name] = (lambda path: path.write_bytes(make()) and None, expected)
        return make

    return register


def readable(name: str, expected: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    """Register a file that looks hostile but must be read, and a piece of the text read from it."""

    def register(make: Callable[[], bytes]) -> Callable[[], bytes]:
        READABLE[name] = (lambda path: path.write_bytes(make()) and None, expected)
        return make

    return register


def special(name: str, expected: str) -> Callable[[Maker], Maker]:
    """Register a file made by a function that writes it (links, pipes, sparse files, folders)."""

    def register(make: Maker) -> Maker:
        HOSTILE[name] = (make, expected)
        return make

    return register


# Zip bombs and forged zips


@hostile("zip_bomb_declared.docx", "'max_unpacked_mb'): refused as a possible zip bomb")
def _() -> bytes:
    return bomb_docx(5 * 1024)  # word/document.xml inflates to 5 GB (zip64), in 5 MB


@hostile("zip_bomb_ratio.docx", "'max_ratio'): refused as a possible zip bomb")
def _() -> bytes:
    return bomb_docx(100)  # 100 MB from 100 KB: within the size limit, not the ratio


@hostile("zip_bomb_lying.docx", "damaged")
def _() -> bytes:
    data, crc = zeros_deflated(1024)  # inflates to 1 GB but declares 1,000 bytes
    parts = docx_parts()
    members = [
        (name, zlib.compress(part)[2:-4], zipfile.ZIP_DEFLATED, zlib.crc32(part), len(part))
        for name, part in parts.items()
        if name != "word/document.xml"
    ]
    members.append(("word/document.xml", data, zipfile.ZIP_DEFLATED, crc, 1000))
    return raw_zip(members)


@hostile("too_many_members.docx", "'max_members'): refused as a possible zip bomb")
def _() -> bytes:
    parts = docx_parts("Many parts.")
    parts.update({f"word/media/part{n}.bin": b"" for n in range(10_001)})
    return zip_bytes(parts, zipfile.ZIP_STORED)


@hostile("forged_member_count.docx", "'max_members'")
def _() -> bytes:
    data = bytearray(docx("A zip whose end record claims 65,000 parts."))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 65_000, 65_000)
    return bytes(data)


@hostile("bzip2_member.docx", "compressed in a way Word never uses")
def _() -> bytes:
    return zip_bytes(docx_parts("Compressed with bzip2."), zipfile.ZIP_BZIP2)


@hostile("nested_zip_bomb.docx", "'max_ratio'")
def _() -> bytes:
    return embedding_docx(bomb_docx(100), "minutes.docx")


@hostile("embedded_5_deep.docx", "more than 3 deep")
def _() -> bytes:
    data = docx("Tyler Brown at the bottom.")
    for level in range(5, 0, -1):
        data = embedding_docx(data, f"level{level}.docx")
    return data


# XML


@hostile("billion_laughs.docx", "declares a DTD")
def _() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10)
    )
    parts = docx_parts("&lol9;", doctype=f"<!DOCTYPE w:document [{entities}]>")
    return zip_bytes(parts)


@hostile("xxe_passwd.docx", "declares a DTD")
def _() -> bytes:
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return zip_bytes(docx_parts("Leak: &xxe;", doctype=doctype))


@hostile("external_dtd.docx", "declares a DTD")
def _() -> bytes:
    doctype = '<!DOCTYPE w:document SYSTEM "http://example.org/evil.dtd">'
    return zip_bytes(docx_parts("A document with an external DTD.", doctype=doctype))


@hostile("deep_xml.docx", "damaged XML")
def _() -> bytes:
    parts = docx_parts()
    nest = 5_000
    parts["word/document.xml"] = (
        f'<w:document xmlns:w="{W_NS}"><w:body>'
        + "<w:sdt><w:sdtContent>" * nest
        + "</w:sdtContent></w:sdt>" * nest
        + "</w:body></w:document>"
    ).encode()
    return zip_bytes(parts)


# Broken Word files


@hostile("truncated.docx", "damaged")
def _() -> bytes:
    data = docx(*(f"Paragraph {n} of the core group minutes." for n in range(200)))
    return data[: len(data) // 2]


@hostile("missing_document_part.docx", "part 'word/document.xml' is missing")
def _() -> bytes:
    parts = docx_parts("Gone.")
    parts["word/styles.xml"] = b'<?xml version="1.0"?><w:styles xmlns:w="' + W_NS.encode() + b'"/>'
    del parts["word/document.xml"]
    return zip_bytes(parts)


@hostile("bytes_flipped.docx", "damaged")
def _() -> bytes:
    data = bytearray(docx(*(f"Paragraph {n} names nobody in particular." for n in range(300))))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    rng = random.Random(SEED)
    for offset in rng.sample(range(start + 10, start + info.compress_size - 10), 8):
        data[offset] ^= 0xFF
    return bytes(data)


@hostile("zip_no_word.docx", "not a Word document")
def _() -> bytes:
    return zip_bytes({"notes/readme.txt": b"Just a zip archive."})


@hostile("workbook.docx", "this is an Excel workbook saved with a '.docx' name")
def _() -> bytes:
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})


@hostile("slides.pdf", "this is a PowerPoint presentation saved with a '.pdf' name")
def _() -> bytes:
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<presentation/>"})


@hostile("letter.odt.docx", "this is an OpenDocument file")
def _() -> bytes:
    parts = {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content/>",
    }
    return zip_bytes(parts, stored=("mimetype",))


# Old, encrypted and other Office files


@hostile("old_word.doc", "this is a Word 97-2003 .doc: open it in Word and save it as .docx")
def _() -> bytes:
    return ole(["WordDocument", "1Table", "\x05SummaryInformation"])


@hostile("old_word_renamed.docx", "this is a Word 97-2003 .doc saved with a '.docx' name")
def _() -> bytes:
    return ole(["WordDocument", "1Table"])


@hostile("encrypted.docx", "password-protected (encrypted) Office file")
def _() -> bytes:
    return ole(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


@hostile("old_excel.docx", "Excel 97-2003 workbook")
def _() -> bytes:
    return ole(["Workbook"])


@hostile("outlook_renamed.docx", "Outlook")
def _() -> bytes:
    return ole(["__substg1.0_0037001F", "__substg1.0_1000001F", "__properties_version1.0"])


@hostile("web_page.doc", "this is a web page saved with a '.doc' name")
def _() -> bytes:
    return (
        b'<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:'
        b'office:word"><head><meta name=ProgId content=Word.Document></head>'
        b"<body><p>Minutes</p></body></html>"
    )


@hostile("web_page.docx", "this is a web page saved with a '.docx' name")
def _() -> bytes:
    return b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><p>Tyler Brown</p></body></html>"


@hostile("rich_text.docx", "Rich Text Format")
def _() -> bytes:
    return b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Minutes of the meeting.}"


@hostile("scan.pdf", "this is a PNG image saved with a '.pdf' name")
def _() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + noise(200)


# PDFs


@hostile("encrypted.pdf", "encrypted (password-protected)")
def _() -> bytes:
    return encrypted_pdf()


@hostile("truncated.pdf", "incomplete")
def _() -> bytes:
    data = text_pdf(*(f"Line {n} of the plan." for n in range(40)))
    return data[: len(data) * 2 // 3]


@hostile("image_only.pdf", "scanned image with no text layer")
def _() -> bytes:
    return image_pdf()


@hostile("deep_outline.pdf", "bookmarks are nested more than 64 deep")
def _() -> bytes:
    return outline_pdf(300)


@hostile("page_tree_loop.pdf", "cyclic page references")
def _() -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


@hostile("huge_declared_stream.pdf", "'maximum_declared_stream_length'")
def _() -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(text_content("A stream that claims to be 9 GB."), length=9_000_000_000),
        ]
    )


@hostile("flate_bomb.pdf", "'zlib_maximum_output_length'")
def _() -> bytes:
    return flate_bomb_pdf(200)


@hostile("too_many_pages.pdf", "has 5,001 pages (more than the 5,000-page limit, 'max_pages')")
def _() -> bytes:
    pages = 5_001  # every page the same small one: 5,001 pages in 300 KB
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        stream(text_content("One of many pages.")),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>" for _ in range(pages)
    ]
    return raw_pdf(objects)


@readable("lying_page_count.pdf", "The only page")
def _() -> bytes:
    return text_pdf("The only page.").replace(b"/Count 1 ", b"/Count 999999999 ")


@hostile("not_a_pdf.pdf", "not a PDF")
def _() -> bytes:
    return noise(4096, SEED + 1)


# Emails


@hostile("nested_10_deep.eml", "more than 3 deep")
def _() -> bytes:
    return nested_email(10)


@hostile("attached_zip_bomb.eml", "'max_ratio'")
def _() -> bytes:
    return email_bytes("Minutes attached.", [("minutes.docx", bomb_docx(100))])


@hostile("attached_doc.eml", "Word 97-2003 .doc")
def _() -> bytes:
    return email_bytes("Old minutes attached.", [("minutes.doc", ole(["WordDocument"]))])


@special("giant_attachment.eml", "'max_file_mb'")
def _(path: Path) -> None:
    # A 300 MB email whose attachment is base64 of nothing: sparse, so it takes no room on disk.
    head = email_bytes("A very large attachment follows.", [("scan.pdf", b"%PDF-1.7\n" * 2000)])
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(300 * MB)


# Text and not text


@hostile("binary.txt", "binary data, not text")
def _() -> bytes:
    return noise(8192, SEED + 2)


@hostile("elf_program.md", "binary data, not text")
def _() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"program code"


@hostile("empty.docx", "empty (0 bytes)")
def _() -> bytes:
    return b""


@hostile("empty.txt", "empty (0 bytes)")
def _() -> bytes:
    return b""


@hostile("text_named.pdf", "plain text, not a PDF")
def _() -> bytes:
    return b"Notes typed into a file and given a .pdf name by hand.\n"


@special("symlink_loop.txt", "cannot be opened")
def _(path: Path) -> None:
    # Without symlinks (Windows without the right) nothing is made: a missing file cannot be opened either.
    with contextlib.suppress(OSError, NotImplementedError):
        path.symlink_to(path.name)


@special("folder.docx", "folder")
def _(path: Path) -> None:
    path.mkdir()


@special("pipe.txt", "not an ordinary file")
def _(path: Path) -> None:
    if hasattr(os, "mkfifo"):
        os.mkfifo(path)
    else:  # no named pipes here: a device stands in
        path.write_bytes(b"")


# Fine, though they look odd


@readable("pdf_named.docx", "Tyler Brown attended")
def _() -> bytes:
    return text_pdf("Tyler Brown attended the meeting.")


@readable("docx_named.pdf", "Kelly O'Neill said")
def _() -> bytes:
    return docx("Kelly O'Neill said hello.")


@readable("eml_named.txt", "Tyler Brown")
def _() -> bytes:
    return email_bytes("Minutes attached.", [("minutes.txt", b"Tyler Brown attended.")])


@readable("nested_3_deep.eml", "innermost message names Tyler Brown")
def _() -> bytes:
    return nested_email(3)


@readable("outline_loop.pdf", "Looping bookmark")
def _() -> bytes:
    return outline_pdf(1, loop=True)


@readable("utf16_no_bom.txt", "Zoë O’Neill")
def _() -> bytes:
    return "Minutes\r\n\r\nZoë O’Neill attended.\r\n".encode("utf-16-le")


@readable("windows_1252.txt", "£20 for Zoë’s café")
def _() -> bytes:
    return "The “fee” was £20 for Zoë’s café trip.\n".encode("cp1252")


@readable("attachment_pdf_named_dat.eml", "Tyler Brown attended")
def _() -> bytes:
    return email_bytes("See attached.", [("minutes.dat", text_pdf("Tyler Brown attended."))])


def make_hostile(folder: Path) -> dict[str, str]:
    """Write every hostile file into ``folder``; each name with a piece of its expected error."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (make, _) in HOSTILE.items():
        make(folder / name)
    return {name: expected for name, (_, expected) in HOSTILE.items()}


def make_readable(folder: Path) -> dict[str, str]:
    """Write the odd files that must be read; each name with a piece of the text read from it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (make, _) in READABLE.items():
        make(folder / name)
    return {name: expected for name, (_, expected) in READABLE.items()}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    folder = Path(argv[0])
    errors = make_hostile(folder)
    fine = make_readable(folder)
    for name, expected in errors.items():
        print(f"error  {name}: …{expected}…")
    for name, expected in fine.items():
        print(f"reads  {name}: …{expected}…")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
