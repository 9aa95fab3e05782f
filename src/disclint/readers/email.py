"""Email ``.eml`` with the standard library: headers, every text body, and attachments read in turn.

From/To/Cc/Bcc/Subject are part ``email-header``; plain and HTML bodies are both read (they can
differ), HTML with its comments and hidden elements, since a recipient can open the source. An
attachment of a supported type is read with the same readers and its blocks carry part ``attachment``
and the file name; an attachment disclint cannot read makes the whole email a :class:`ReadError`.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path, PurePath

from disclint.errors import ReadError
from disclint.model import Document, Part, TextBlock
from disclint.readers import READERS, sha256
from disclint.readers.text import paragraphs

HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Subject")
MAX_DEPTH = 5


class _HTMLText(HTMLParser):
    """All text of an HTML body, hidden elements and comments included, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.parts.append("\n" + data + "\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "table", "blockquote"):
            self.parts.append("\n\n" if tag != "br" else "\n")
        for name, value in attrs:
            if name in ("alt", "title") and value:
                self.parts.append(f"\n{value}\n")


def html_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _blocks(message: EmailMessage, path: Path, depth: int, source: str | None) -> list[TextBlock]:
    if depth > MAX_DEPTH:
        raise ReadError(f"emails are nested more than {MAX_DEPTH} deep: refused", path)
    part_of_body = Part.ATTACHMENT if source else Part.BODY
    blocks = []
    for number, name in enumerate(HEADERS, start=1):
        for value in message.get_all(name, []):
            part = Part.ATTACHMENT if source else Part.EMAIL_HEADER
            blocks.append(TextBlock(f"{name}: {value}", part, None, number, source, f"{name} header"))
    for item in message.walk():
        if item.is_multipart():
            continue
        filename = item.get_filename()
        ctype = item.get_content_type()
        if filename or item.get_content_disposition() == "attachment" or ctype == "message/rfc822":
            blocks.extend(_attachment(item, filename or "attached message", path, depth, source))
            continue
        if ctype in ("text/plain", "text/html"):
            try:
                text = item.get_content()
            except (LookupError, UnicodeDecodeError, AssertionError) as exc:
                raise ReadError(f"an email body cannot be decoded ({exc})", path) from None
            if ctype == "text/html":
                text = html_text(text)
            for block in paragraphs(text):
                blocks.append(TextBlock(block.text, part_of_body, None, block.paragraph, source, None, True))
        elif not ctype.startswith(("multipart/", "image/")):
            raise ReadError(f"the email has a '{ctype}' part that disclint cannot read", path)
    return blocks


def _attachment(item: EmailMessage, name: str, path: Path, depth: int, parent: str | None) -> list[TextBlock]:
    label = f"{parent} > {name}" if parent else name
    blocks = [TextBlock(f"Attachment: {name}", Part.ATTACHMENT, None, None, label, "attachment name")]
    if item.get_content_type() == "message/rfc822":
        inner = item.get_payload()
        inner_message = inner[0] if isinstance(inner, list) else inner
        if not isinstance(inner_message, EmailMessage):
            raise ReadError(f"the attached message '{name}' cannot be read", path)
        return blocks + _blocks(inner_message, path, depth + 1, label)
    suffix = PurePath(name).suffix.lower()
    if suffix not in READERS:
        raise ReadError(
            f"the attachment '{name}' is a type disclint cannot read: check it by hand or attach it "
            "as .docx, .pdf or .txt",
            path,
        )
    data = item.get_payload(decode=True)
    if not isinstance(data, bytes) or not data:
        raise ReadError(f"the attachment '{name}' is empty or cannot be decoded", path)
    import importlib

    reader = importlib.import_module(READERS[suffix])
    try:
        if suffix == ".eml":
            inner_doc = _read(path, data, depth + 1, label)
        else:
            inner_doc = reader.read_bytes(PurePath(name), data)
    except ReadError as exc:
        raise ReadError(f"the attachment '{name}' cannot be read: {exc.message}", path) from None
    for block in inner_doc.blocks:
        blocks.append(
            TextBlock(
                block.text,
                Part.ATTACHMENT,
                block.page,
                block.paragraph,
                f"{label} > {block.source}" if block.source else label,
                f"{label}, {block.note or block.part.label}",
                block.lines,
            )
        )
    return blocks


def from_message(
    path: Path, data: bytes, message: EmailMessage, depth: int = 0, source: str | None = None
) -> Document:
    """A document from a parsed message (an .eml, or an Outlook .msg converted by its reader)."""
    if not message.keys():
        raise ReadError("the file is not an email message (no headers)", path)
    headers = {name: str(message.get(name)) for name in HEADERS if message.get(name) is not None}
    return Document(Path(path), sha256(data), tuple(_blocks(message, path, depth, source)), headers)


def _read(path: Path, data: bytes, depth: int, source: str | None) -> Document:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        raise ReadError("the file is not an email message", path)
    return from_message(path, data, message, depth, source)


def read_bytes(path: Path, data: bytes) -> Document:
    return _read(path, data, 0, None)
