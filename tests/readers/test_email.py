from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from disclint.errors import ReadError
from disclint.model import Part
from disclint.readers import read
from tests.builders import docx, p


def message(tmp_path: Path, attachments: list[tuple[str, bytes, str]] = (), html: str | None = None) -> Path:
    msg = EmailMessage()
    msg["From"] = "Sarah Jones <sarah.jones@council.example.org>"
    msg["To"] = "Jackie Smith <jackie.smith@example.org>"
    msg["Cc"] = "Kelly O'Neill <kelly.oneill@example.org>"
    msg["Subject"] = "Core group minutes"
    msg.set_content("Dear Jackie,\n\nPlease find the minutes attached.\n")
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(msg))
    return path


def test_headers_bodies_and_html_comments(tmp_path: Path) -> None:
    html = (
        "<p>Dear Jackie,</p><!-- copied from Tyler Brown's minutes --><div style='display:none'>hidden</div>"
    )
    blocks = read(message(tmp_path, html=html)).blocks
    headers = [b.text for b in blocks if b.part is Part.EMAIL_HEADER]
    assert "Cc: Kelly O'Neill <kelly.oneill@example.org>" in headers
    assert "Subject: Core group minutes" in headers
    body = "\n".join(b.text for b in blocks if b.part is Part.BODY)
    assert "Please find the minutes attached." in body
    assert "copied from Tyler Brown's minutes" in body and "hidden" in body


def test_attachments_are_read_with_their_names(tmp_path: Path) -> None:
    minutes = docx(tmp_path / "m.docx", [p("Tyler Brown attended.")]).read_bytes()
    path = message(
        tmp_path,
        [
            (
                "minutes.docx",
                minutes,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        ],
    )
    attached = [b for b in read(path).blocks if b.part is Part.ATTACHMENT]
    assert [(b.text, b.source) for b in attached] == [
        ("Attachment: minutes.docx", "minutes.docx"),
        ("Tyler Brown attended.", "minutes.docx"),
    ]


def test_an_attachment_disclint_cannot_read_makes_the_email_an_error(tmp_path: Path) -> None:
    path = message(tmp_path, [("scan.tiff", b"II*\x00data", "image/tiff")])
    with pytest.raises(ReadError, match=r"'scan\.tiff' is a type disclint cannot read"):
        read(path)


def test_a_damaged_attachment_makes_the_email_an_error(tmp_path: Path) -> None:
    path = message(tmp_path, [("minutes.pdf", b"%PDF-1.4 broken", "application/pdf")])
    with pytest.raises(ReadError, match=r"'minutes\.pdf' cannot be read"):
        read(path)
