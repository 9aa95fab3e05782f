"""Outlook ``.msg`` through extract-msg, an optional extra (``pip install 'disclint[outlook]'``).

extract-msg is GPL-3.0 licensed, so it is not installed with disclint; without it a ``.msg`` file is
an ``error`` that says how to install it (fail closed), never a pass. The message is converted to a
standard-library email and read exactly as an ``.eml`` is: headers, both bodies, attachments.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.model import Document
from disclint.readers.email import from_message

INSTALL_HINT = (
    "Outlook .msg files need the optional extra: pip install 'disclint[outlook]' (extract-msg, "
    "GPL-3.0); or save the email as .eml and check that"
)


def read_bytes(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    try:
        import extract_msg
    except ImportError:
        raise ReadError(INSTALL_HINT, path) from None
    try:
        opened = extract_msg.openMsg(data, delayAttachments=False)
        try:
            if not isinstance(opened, extract_msg.Message):
                raise ReadError(
                    f"the Outlook file is a {type(opened).__name__}, not an email: disclint reads "
                    "emails only",
                    path,
                )
            message = opened.asEmailMessage()
        finally:
            opened.close()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - extract-msg raises many types on damaged files
        raise ReadError(f"the Outlook message cannot be read ({type(exc).__name__}: {exc})", path) from None
    if not isinstance(message, EmailMessage):
        raise ReadError("the Outlook message could not be converted to an email", path)
    return from_message(path, data, message, limits, depth)
