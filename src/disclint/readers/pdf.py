"""PDF with pypdf: the text layer of every page, one block per page, with page numbers.

Fails closed: a PDF that cannot be opened (damaged, zero bytes, password-protected) or a page that
carries images but no text layer (a scan) is a :class:`ReadError`, never an empty pass. Words split by
a hyphen at a line end are joined (``neigh-\\nbour`` -> ``neighbour``) before matching.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from disclint.errors import ReadError
from disclint.model import Document, Part, TextBlock
from disclint.readers import sha256

# A page with images and fewer letters than this is a scan with, at most, a stamped page number.
MIN_LETTERS_WITH_IMAGES = 25

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])[-‐‑]\s*\n\s*(?=[^\W\d_])")


def join_hyphenation(text: str) -> str:
    """Join a word broken by a hyphen at a line end; keep the hyphen before a capital (Smith-Jones)."""

    def fix(match: re.Match[str]) -> str:
        following = text[match.end()]
        return "-" if following.isupper() else ""

    return _HYPHEN_BREAK.sub(fix, text)


def _has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                obj = ref.get_object()
                subtype = obj.get("/Subtype")
                if subtype == "/Image":
                    return True
                if subtype == "/Form" and _has_images(obj):
                    return True
        contents = page.get_contents() if hasattr(page, "get_contents") else None
        return contents is not None and b"BI" in contents.get_data() and b"ID" in contents.get_data()
    except Exception:  # noqa: BLE001 - a page we cannot inspect is treated as possibly scanned
        return True


def read_bytes(path: Path, data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if b"%PDF-" not in data[:1024]:
        raise ReadError("the file is not a PDF (no PDF header): is it damaged or misnamed?", path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - any failure to open is the same answer for the user
                opened = False
            if not opened:
                raise ReadError(
                    "the PDF is encrypted (password-protected): disclint cannot read it; remove the "
                    "password and check it again",
                    path,
                )
        pages = list(reader.pages)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ReadError(f"the PDF is damaged and cannot be read ({exc})", path) from None
    if not pages:
        raise ReadError("the PDF has no pages", path)
    blocks = []
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged content streams
            raise ReadError(f"page {number} is damaged and its text cannot be read ({exc})", path) from None
        letters = sum(c.isalpha() for c in text)
        if letters < MIN_LETTERS_WITH_IMAGES and _has_images(page):
            raise ReadError(
                f"page {number} is a scanned image with no text layer: run OCR on the PDF before "
                "disclint can check it",
                path,
            )
        text = join_hyphenation(text)
        if text.strip():
            blocks.append(TextBlock(text, Part.PAGE, number, None))
    return Document(path, sha256(data), tuple(blocks))
