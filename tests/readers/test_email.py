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


def test_outlook_msg_without_the_extra_is_an_error_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_extract_msg(name: str, *args: object, **kwargs: object) -> object:
        if name == "extract_msg":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_extract_msg)
    path = tmp_path / "mail.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    with pytest.raises(ReadError, match=r"pip install 'disclint\[outlook\]'"):
        read(path)


def test_damaged_outlook_msg_is_an_error(tmp_path: Path) -> None:
    pytest.importorskip("extract_msg")
    path = tmp_path / "mail.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really an outlook file")
    with pytest.raises(ReadError, match="Outlook message cannot be read"):
        read(path)


def test_outlook_msg_is_read_like_an_eml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """extract-msg cannot write .msg files, so its reader is stood in for by one that returns the
    message it would convert; the rest of the path (headers, bodies, attachments) is the real one."""
    extract_msg = pytest.importorskip("extract_msg")
    eml = message(tmp_path)
    from email import message_from_bytes, policy

    converted = message_from_bytes(eml.read_bytes(), policy=policy.default)

    class FakeMessage(extract_msg.Message):  # type: ignore[misc]
        def __init__(self) -> None:
            pass

        def asEmailMessage(self) -> object:
            return converted

        def close(self) -> None:
            pass

    monkeypatch.setattr(extract_msg, "openMsg", lambda data, **kw: FakeMessage())
    path = tmp_path / "mail.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    blocks = read(path).blocks
    assert "Cc: Kelly O'Neill <kelly.oneill@example.org>" in [b.text for b in blocks]
