"""A file's real type comes from its bytes, not its name: supported types under the wrong name are read
as what they are, other types are refused saying what they are and what to do."""

from __future__ import annotations

import builtins
import io
import zipfile
from pathlib import Path

import pytest

from disclint.errors import ReadError
from disclint.model import Part
from disclint.readers import read
from disclint.readers import sniff as sniffing
from disclint.readers.sniff import SUPPORTED_TEXT, Kind, sniff, zip_directory
from tests.builders import docx, p, pdf
from tests.hostile.make_hostile import email_bytes, ole, text_pdf, zip_bytes


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def office_zip(*names: str) -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", **{name: b"<x/>" for name in names}})


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", sniffing.PDF),
        (b"\r\n\r\n junk before it %PDF-1.4\n", sniffing.PDF),
        (office_zip("word/document.xml"), sniffing.DOCX),
        (office_zip("word/styles.xml"), sniffing.DOCX),  # incomplete, but Word's: the Word reader says so
        (office_zip("xl/workbook.xml"), sniffing.XLSX),
        (office_zip("ppt/presentation.xml"), sniffing.PPTX),
        (office_zip("visio/document.xml"), sniffing.VISIO),
        (office_zip("Documents/1/FixedDocument.fdoc"), sniffing.OTHER_OOXML),
        (zip_bytes({"readme.txt": b"hi"}), sniffing.ZIP),
        (b"PK\x03\x04 cut short", sniffing.DAMAGED_ZIP),
        (ole(["EncryptionInfo", "EncryptedPackage"]), sniffing.ENCRYPTED_OFFICE),
        (ole(["__substg1.0_0037001F", "__properties_version1.0"]), sniffing.MSG),
        (ole(["WordDocument", "1Table"]), sniffing.DOC),
        (ole(["Workbook"]), sniffing.XLS),
        (ole(["PowerPoint Document"]), sniffing.PPT),
        (ole(["Something Else"]), sniffing.OLE),
        (b"{\\rtf1\\ansi Hello}", sniffing.RTF),
        (b"<!DOCTYPE html>\n<html>", sniffing.HTML),
        (b"\xef\xbb\xbf  <HTML><body>", sniffing.HTML),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', sniffing.HTML),
        ("<html><body>Hi</body></html>".encode("utf-16"), sniffing.HTML),
        (email_bytes("Hello."), sniffing.EMAIL),
        (b"Received: from mx.example.org\r\nFrom: a@example.org\r\n\r\nbody", sniffing.EMAIL),
        (
            b"From a@example.org Mon Jan 1 00:00:00 2025\nFrom: a@example.org\nTo: b@example.org\n\nx",
            sniffing.EMAIL,
        ),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n", sniffing.MHTML),
        (b"Dear Jackie,\n\nFrom: the social work team\n", sniffing.TEXT),
        (b"Subject: minutes\n\nText only.", sniffing.TEXT),  # one header is not an email
        ("Zoë O’Neill".encode("utf-16-le"), sniffing.TEXT),
        ("Zoë O’Neill".encode("cp1252"), sniffing.TEXT),
        (b"\x00\x01\x02\x03binary\x00\xff" * 20, sniffing.BINARY),
        (bytes(range(1, 32)) * 10, sniffing.BINARY),
    ],
)
def test_the_kind_comes_from_the_bytes(data: bytes, kind: Kind) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("magic", "what"),
    [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
        (b"GIF89a", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"\x1f\x8b\x08", "a gzip-compressed file"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"Rar!\x1a\x07\x00", "a RAR archive"),
    ],
)
def test_pictures_and_archives_are_named(tmp_path: Path, magic: bytes, what: str) -> None:
    with pytest.raises(ReadError, match=f"this is {what} saved with a '.docx' name"):
        read(write(tmp_path, "minutes.docx", magic + b"\x00" * 64))


def test_a_pdf_named_docx_is_read_as_a_pdf(tmp_path: Path) -> None:
    data = pdf(tmp_path / "x.pdf", [["Tyler Brown attended."]]).read_bytes()
    for name in ("minutes.docx", "minutes.txt", "minutes.eml", "minutes.msg"):
        pages = [
            (b.text.strip(), b.page) for b in read(write(tmp_path, name, data)).blocks if b.part is Part.PAGE
        ]
        assert pages == [("Tyler Brown attended.", 1)]


def test_a_docx_named_pdf_is_read_as_a_docx(tmp_path: Path) -> None:
    data = docx(tmp_path / "x.docx", [p("Kelly O'Neill said.")]).read_bytes()
    blocks = read(write(tmp_path, "minutes.pdf", data)).blocks
    assert [(b.text, b.part) for b in blocks] == [("Kelly O'Neill said.", Part.BODY)]


def test_an_email_named_docx_is_read_as_an_email(tmp_path: Path) -> None:
    blocks = read(write(tmp_path, "minutes.docx", email_bytes("Tyler Brown attended."))).blocks
    assert "Tyler Brown attended." in [b.text for b in blocks]
    assert any(b.part is Part.EMAIL_HEADER for b in blocks)


def test_a_note_with_header_lines_named_txt_keeps_every_line(tmp_path: Path) -> None:
    note = b"From: Sarah Jones\nTo: the team\nAttendees: Tyler Brown, Kelly O'Neill\n\nNotes of the visit.\n"
    text = "\n".join(b.text for b in read(write(tmp_path, "note.txt", note)).blocks)
    assert "Attendees: Tyler Brown, Kelly O'Neill" in text  # an email reader would drop that header


def test_a_mime_email_named_txt_is_decoded(tmp_path: Path) -> None:
    data = email_bytes("See attached.", [("minutes.txt", "Zoë Smith-Hart attended.".encode())])
    assert b"base64" in data
    blocks = read(write(tmp_path, "saved.txt", data)).blocks
    assert "Zoë Smith-Hart attended." in [b.text for b in blocks if b.part is Part.ATTACHMENT]


def test_an_attachment_is_read_as_what_it_is(tmp_path: Path) -> None:
    data = email_bytes("See attached.", [("minutes.dat", text_pdf("Tyler Brown attended."))])
    blocks = read(write(tmp_path, "mail.eml", data)).blocks
    assert ("Tyler Brown attended.", "minutes.dat") in [(b.text, b.source) for b in blocks]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            office_zip("xl/workbook.xml"),
            "this is an Excel workbook saved with a '.docx' name: " + SUPPORTED_TEXT,
        ),
        (office_zip("ppt/slides/slide1.xml"), "this is a PowerPoint presentation saved with a '.docx' name"),
        (
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "this is an OpenDocument file (.odt, from LibreOffice or OpenOffice) saved with a '.docx' name",
        ),
        (ole(["WordDocument"]), "this is a Word 97-2003 .doc saved with a '.docx' name: open it in Word"),
        (ole(["EncryptionInfo", "EncryptedPackage"]), "this is a password-protected (encrypted) Office file"),
        (ole(["Workbook"]), "this is an Excel 97-2003 workbook (.xls) saved with a '.docx' name"),
        (ole(["Nothing known"]), "this is a password-protected Office file or an old Word 97-2003 .doc"),
        (b"{\\rtf1 Hello}", "this is a Rich Text Format (.rtf) file saved with a '.docx' name"),
        (
            b"<html><body>x</body></html>",
            "this is a web page saved with a '.docx' name (Word's 'Save as Web Page')",
        ),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n", "(MHTML)"),
        (zip_bytes({"readme.txt": b"hi"}), "not a Word document (no main part)"),
        (b"PK\x03\x04 cut short", "the file is damaged or is not a Word .docx document"),
        (
            b"Just some typing.",
            "the file is plain text, not a Word .docx document: it is damaged or misnamed",
        ),
        (b"\x00\x01\x02\x03" * 100, "the file is damaged or is not a Word .docx document"),
    ],
)
def test_a_docx_that_is_something_else_says_what_it_is(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as caught:
        read(write(tmp_path, "minutes.docx", data))
    assert message in caught.value.message


def test_an_old_doc_says_to_save_it_as_docx(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read(write(tmp_path, "minutes.doc", ole(["WordDocument", "1Table"])))
    assert caught.value.message == (
        "this is a Word 97-2003 .doc: open it in Word and save it as .docx, then check it again"
    )


def test_a_web_page_saved_as_doc(tmp_path: Path) -> None:
    page = b'<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><p>Minutes</p></body></html>'
    with pytest.raises(ReadError, match=r"this is a web page saved with a '\.doc' name"):
        read(write(tmp_path, "minutes.doc", page))


def test_an_outlook_message_under_another_name_goes_to_the_outlook_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_extract_msg(name: str, *args: object, **kwargs: object) -> object:
        if name == "extract_msg":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_extract_msg)
    with pytest.raises(ReadError, match=r"pip install 'disclint\[outlook\]'"):
        read(write(tmp_path, "mail.docx", ole(["__substg1.0_0037001F", "__properties_version1.0"])))


@pytest.mark.parametrize("name", ["notes.txt", "notes.md", "notes.eml"])
def test_binary_data_under_a_text_name_is_an_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReadError, match="binary data, not text"):
        read(write(tmp_path, name, b"\x7fELF\x02\x01\x01" + b"\x00" * 40 + b"\x01\x02\x03" * 30))


def test_an_unknown_name_with_unknown_bytes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"disclint cannot read '\.odt' files: it reads \.docx"):
        read(write(tmp_path, "x.odt", b"data"))


def test_an_unknown_name_with_known_bytes_is_read(tmp_path: Path) -> None:
    blocks = read(write(tmp_path, "minutes.bin", text_pdf("Read all the same."))).blocks
    assert blocks[0].text == "Read all the same."


def test_the_zip_end_record_is_read_with_zip64() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        with zf.open("big.bin", "w", force_zip64=True) as part:
            part.write(b"x")
        zf.writestr("small.txt", "y")
    data = buffer.getvalue()
    found = zip_directory(data)
    assert found is not None and found[0] == 2
    assert zip_directory(b"not a zip") is None
