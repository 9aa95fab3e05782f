"""Email ``.eml`` with the standard library: headers, every text body, and attachments read in turn.

From/To/Cc/Bcc/Subject are part ``email-header``; plain and HTML bodies are both read (they can
differ), HTML with its comments and hidden elements, since a recipient can open the source. An
attachment is read with the reader of what it is (its bytes, not its name) and its blocks carry part
``attachment`` and the file name; an attachment disclint cannot read makes the whole email a
:class:`ReadError`. Messages and attachments nested more than ``max_depth`` deep are refused.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
from collections.abc import Iterator
from email.header import decode_header, make_header
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.model import Document, Part, TextBlock
from disclint.readers import read_data, sha256, too_deep
from disclint.readers.sniff import UnsupportedType
from disclint.readers.text import paragraphs

HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Subject")


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


def header_values(message: EmailMessage, name: str) -> list[str]:
    """Every value of header ``name``, decoded. A value the standard library's parser trips over (a
    damaged address) is taken as written, its encoded words decoded: never dropped."""
    try:
        return [str(value) for value in message.get_all(name, [])]
    except Exception:  # noqa: BLE001 - the header parser raises IndexError and others on damaged values
        pass
    values = []
    for key, raw in message.raw_items():
        if key.lower() == name.lower():
            text = str(raw)
            # Undecodable encoded words are kept as written.
            with contextlib.suppress(Exception):
                text = str(make_header(decode_header(text)))
            values.append(text)
    return values


def _parts(message: EmailMessage, path: Path) -> Iterator[EmailMessage]:
    """The parts of a message in order, through its multiparts; an attached message is one part, read
    in its turn with its own headers (``walk`` would step into it and lose them)."""
    if message.get_content_maintype() != "multipart":
        yield message
        return
    payload = message.get_payload()
    if not isinstance(payload, list):
        if isinstance(payload, str) and payload.strip():
            raise ReadError("the email is damaged: a multipart section cannot be split into its parts", path)
        return
    for part in payload:
        if isinstance(part, EmailMessage):
            yield from _parts(part, path)


def _blocks(
    message: EmailMessage, path: Path, limits: Limits, depth: int, source: str | None
) -> list[TextBlock]:
    if depth > limits.max_depth:
        raise too_deep(path, limits, "emails are attached")
    part_of_body = Part.ATTACHMENT if source else Part.BODY
    blocks = []
    for number, name in enumerate(HEADERS, start=1):
        for value in header_values(message, name):
            part = Part.ATTACHMENT if source else Part.EMAIL_HEADER
            blocks.append(TextBlock(f"{name}: {value}", part, None, number, source, f"{name} header"))
    for item in _parts(message, path):
        filename = item.get_filename()
        ctype = item.get_content_type()
        if filename or item.get_content_disposition() == "attachment" or ctype == "message/rfc822":
            blocks.extend(_attachment(item, filename or "attached message", path, limits, depth, source))
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


def _attachment(
    item: EmailMessage, name: str, path: Path, limits: Limits, depth: int, parent: str | None
) -> list[TextBlock]:
    label = f"{parent} > {name}" if parent else name
    blocks = [TextBlock(f"Attachment: {name}", Part.ATTACHMENT, None, None, label, "attachment name")]
    if item.get_content_type() == "message/rfc822":
        inner = item.get_payload()
        inner_message = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(inner_message, EmailMessage):
            raise ReadError(f"the attached message '{name}' cannot be read", path)
        return blocks + _blocks(inner_message, path, limits, depth + 1, label)
    try:
        data = item.get_payload(decode=True)
    except (LookupError, ValueError, TypeError, AssertionError) as exc:
        raise ReadError(f"the attachment '{name}' cannot be decoded ({exc})", path) from None
    if not isinstance(data, bytes) or not data:
        raise ReadError(f"the attachment '{name}' is empty or cannot be decoded", path)
    try:
        inner_doc = read_data(Path(name), data, limits, depth + 1)
    except UnsupportedType as exc:
        raise ReadError(
            f"the attachment '{name}' is a type disclint cannot read ({exc.kind.what}): check it by hand "
            "or attach it as .docx, .pdf or .txt",
            path,
        ) from None
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


def _damaged(exc: Exception, path: Path) -> ReadError:
    return ReadError(f"the email is damaged and cannot be read ({type(exc).__name__}: {exc})", path)


def from_message(
    path: Path, data: bytes, message: EmailMessage, limits: Limits = DEFAULT_LIMITS, depth: int = 0
) -> Document:
    """A document from a parsed message (an .eml, or an Outlook .msg converted by its reader)."""
    try:
        if not message.keys():
            raise ReadError("the file is not an email message (no headers)", path)
        headers = {name: values[0] for name in HEADERS if (values := header_values(message, name))}
        blocks = _blocks(message, path, limits, depth, None)
    except (ReadError, RecursionError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - the standard library's email classes fail in many ways
        raise ReadError(
            f"the email is damaged and cannot be read ({type(exc).__name__}: {exc})", path
        ) from None
    return Document(Path(path), sha256(data), tuple(blocks), headers)


def read_bytes(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - the standard library's email parser fails in many ways
        raise ReadError(
            f"the email is damaged and cannot be read ({type(exc).__name__}: {exc})", path
        ) from None
    if not isinstance(message, EmailMessage):
        raise ReadError("the file is not an email message", path)
    return from_message(path, data, message, limits, depth)
