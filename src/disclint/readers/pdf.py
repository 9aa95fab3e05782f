"""PDF: every place of the file where a recipient can find text, as blocks with pages and notes.

- The text layer of every page (pypdf), one block per page, part ``page``. Words split by a hyphen at
  a line end are joined (``neigh-\\nbour`` -> ``neighbour``) before matching.
- Text on a page that a viewer does not show (under a box, white, invisible, off the page, clipped,
  too small, under an unapplied redaction mark): part ``hidden``, found with PDFium
  (:mod:`disclint.readers.pdf_hidden`). It stays in the page text too: a recipient can copy it out.
- Annotations: sticky notes, free text, highlights, shapes, their rich text and authors: part
  ``comment``; link targets (``mailto:`` addresses): part ``hidden``.
- Form fields, their names and values (hidden fields too) and XFA form data: part ``hidden``.
- The document information dictionary, XMP metadata and bookmarks: part ``metadata``.
- Attached files (the embedded-files name tree and file-attachment annotations), read with the
  reader of what they are, up to ``max_depth`` deep: part ``attachment``. A type disclint cannot
  read makes the PDF a :class:`ReadError`.
- Earlier revisions kept by incremental saves: text they hold that the final file does not, part
  ``deleted``.

Fails closed: a PDF that cannot be opened (damaged, zero bytes, password-protected) or a page that
carries images but no text layer (a scan) is a :class:`ReadError`, never an empty pass. A PDF with
more pages than ``max_pages`` (its own, or with its earlier revisions) is refused before any text is
extracted. pypdf's own limits stay as they are (75 MB a stream, declared or inflated; page, outline
and field trees 100 deep; loops refused): a PDF beyond them is a :class:`ReadError` naming the limit.
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree
from pypdf.errors import LimitReachedError

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.model import Document, Part, TextBlock
from disclint.readers import over_limit, read_data, sha256
from disclint.readers.pdf_hidden import DARK, Cover, HiddenTextError, find_hidden
from disclint.readers.sniff import UnsupportedType

# A page with images and fewer letters than this is a scan with, at most, a stamped page number.
MIN_LETTERS_WITH_IMAGES = 25
# Name trees, field trees and outlines deeper than this are damaged or hostile.
MAX_TREE_DEPTH = 64

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])[-‐‑]\s*\n\s*(?=[^\W\d_])")
# Timestamps and machine identifiers say nothing about people, and a creation date that happens to
# equal another family's date of birth would be a false alarm.
_MACHINE_KEYS = frozenset({"/CreationDate", "/ModDate", "/Trapped"})
# XMP timestamps (with a time of day) and document ids; a bare date may be typed-in data (a birth date).
_MACHINE_VALUE = re.compile(
    r"^(?:D:\d{14}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2})|^(?:uuid|xmp\.did|xmp\.iid|adobe:docid):", re.I
)
# Block tags separate words; inline tags (<b>, <span>) may stand inside a word ("<b>Tyler</b>'s").
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|tr|td|th|h\d|body|html|table)\b[^>]*>", re.I)
_MARKUP = re.compile(r"<[^>]*>")
_XMP_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML = "http://www.w3.org/XML/1998/namespace"
_XMP_CONTAINERS = frozenset({f"{{{_RDF}}}Description", f"{{{_RDF}}}RDF"})
# "startxref <offset> %%EOF" closes each revision; an incremental save appends another.
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s*%%EOF")
_XREF_AT = re.compile(rb"xref|\d+\s+\d+\s+obj")

# The subjects Acrobat gives comments by itself say nothing a person wrote.
_DEFAULT_SUBJECTS = frozenset(
    "|sticky note|note|comment|comment on text|highlight|underline|strikethrough|strikeout|squiggly"
    "|text box|typewriter|callout|rectangle|square|oval|circle|line|arrow|polygon|polygon line|cloud"
    "|pencil|ink|stamp|inserted text|replace text|cross-out|file attachment|sound|redact|redaction"
    "|text correction".split("|")
)
# Annotation flags (PDF 32000-1 12.5.3): hidden and no-view annotations are not shown.
_HIDDEN_FLAGS = 2 | 32


def join_hyphenation(text: str) -> str:
    """Join a word broken by a hyphen at a line end; keep the hyphen before a capital (Smith-Jones)."""

    def fix(match: re.Match[str]) -> str:
        following = text[match.end()]
        return "-" if following.isupper() else ""

    return _HYPHEN_BREAK.sub(fix, text)


@dataclass(frozen=True)
class _Attachment:
    """A file carried inside the PDF, with where it was found."""

    name: str
    data: bytes | None
    page: int | None
    description: str


@dataclass
class _Leftovers:
    """What pypdf reads besides the page text: per-page blocks, document blocks, attachments, covers."""

    pages: dict[int, list[TextBlock]] = field(default_factory=dict)
    document: list[TextBlock] = field(default_factory=list)
    attachments: list[_Attachment] = field(default_factory=list)
    covers: dict[int, list[Cover]] = field(default_factory=dict)
    comment_authors: list[str] = field(default_factory=list)

    def add(self, block: TextBlock) -> None:
        if not block.text.strip():
            return
        if block.page is None:
            self.document.append(block)
        else:
            self.pages.setdefault(block.page, []).append(block)


def read_bytes(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return _read(path, data, limits, depth)
    except ReadError:
        raise
    except LimitReachedError as exc:
        raise ReadError(_limit_message(exc), path) from None
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files: never a crash
        raise ReadError(
            f"the PDF is damaged and cannot be read ({type(exc).__name__}: {exc})", path
        ) from None


def _pypdf_limit(name: str, legacy: str) -> int:
    """One of pypdf's own limits, in bytes (its ``Configuration``, or the constant older pypdf had)."""
    try:
        from pypdf import get_configuration

        return int(getattr(get_configuration(), name))
    except (ImportError, AttributeError):
        import pypdf.filters

        return int(getattr(pypdf.filters, legacy, 75_000_000))


def _limit_message(exc: Exception) -> str:
    """A refusal by one of pypdf's limits, in words, naming the limit."""
    text = str(exc)
    if "declared stream length" in text.lower():
        size = _pypdf_limit("maximum_declared_stream_length", "MAX_DECLARED_STREAM_LENGTH")
        what = (
            f"a stream in the PDF declares a length of more than {size / 1e6:,.0f} MB (pypdf's limit, "
            "'maximum_declared_stream_length')"
        )
    elif "decompress" in text.lower():
        size = _pypdf_limit("zlib_maximum_output_length", "ZLIB_MAX_OUTPUT_LENGTH")
        what = (
            f"a compressed stream in the PDF would expand to more than {size / 1e6:,.0f} MB (pypdf's limit, "
            "'zlib_maximum_output_length')"
        )
    elif "cycle" in text.lower() or "loop" in text.lower():
        what = "the PDF's page tree or objects loop back on themselves (pypdf refuses loops)"
    else:
        what = "the PDF goes beyond one of the safety limits of pypdf, the PDF library"
    return (
        f"{what}: refused as a possible decompression bomb or damaged file ({text}); this limit is "
        "pypdf's own and is not changed in disclint.yaml"
    )


def _read(path: Path, data: bytes, limits: Limits, depth: int) -> Document:
    reader, pages = _open(path, data, limits)
    page_text = _page_texts(path, pages)
    leftovers = _leftovers(path, reader, pages)
    try:
        hidden = find_hidden(data, leftovers.covers, len(pages))
    except HiddenTextError as exc:
        raise ReadError(f"the PDF cannot be checked for hidden text ({exc})", path) from None
    for run in hidden:
        leftovers.add(TextBlock(run.text, Part.HIDDEN, run.page, None, None, run.note))
    blocks: list[TextBlock] = []
    for number, text in enumerate(page_text, start=1):
        if text.strip():
            blocks.append(TextBlock(text, Part.PAGE, number, None))
        # Hidden text first: it is the same text as the page's, seen from the reviewer's side.
        blocks.extend(sorted(leftovers.pages.get(number, ()), key=lambda b: b.part is not Part.HIDDEN))
    blocks.extend(leftovers.document)
    for attachment in leftovers.attachments:
        blocks.extend(_attachment_blocks(path, attachment, limits, depth))
    blocks.extend(_revision_blocks(path, data, blocks, leftovers.attachments, limits, depth, len(pages)))
    return Document(path, sha256(data), tuple(blocks))


def _open(path: Path, data: bytes, limits: Limits, revision: str = "") -> tuple[Any, list[Any]]:
    """Open ``data`` with pypdf, decrypting an empty user password; fail closed on anything else."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    what = f"{revision} of the PDF" if revision else "the PDF"
    if b"%PDF-" not in data[:1024]:
        raise ReadError("the file is not a PDF (no PDF header): is it damaged or misnamed?", path)
    if b"%%EOF" not in data[-1024:]:
        raise ReadError(
            f"{what} is incomplete or damaged (it has no end-of-file mark): it may have been copied or "
            "saved only in part; open the original and save it again",
            path,
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - any failure to open is the same answer for the user
                opened = False
            if not opened:
                raise ReadError(
                    f"{what} is encrypted (password-protected): disclint cannot read it; remove the "
                    "password and check it again",
                    path,
                )
        # The page tree is walked (pypdf bounds it) rather than its /Count trusted, which can be wrong.
        pages = list(reader.pages)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ReadError(f"{what} is damaged and cannot be read ({exc})", path) from None
    if not pages:
        raise ReadError(f"{what} has no pages", path)
    if len(pages) > limits.max_pages:
        raise _too_many_pages(path, f"{what} has {len(pages):,} pages", limits)
    return reader, pages


def _too_many_pages(path: Path, amount: str, limits: Limits) -> ReadError:
    return over_limit(path, amount, f"{limits.max_pages:,}-page", "max_pages", "refused before reading them")


def _page_texts(path: Path, pages: list[Any], scans_fail: bool = True) -> list[str]:
    texts = []
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except LimitReachedError:
            raise
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged content streams
            raise ReadError(f"page {number} is damaged and its text cannot be read ({exc})", path) from None
        letters = sum(c.isalpha() for c in text)
        if scans_fail and letters < MIN_LETTERS_WITH_IMAGES and _has_images(page):
            raise ReadError(
                f"page {number} is a scanned image with no text layer: run OCR on the PDF before "
                "disclint can check it",
                path,
            )
        # Standard fonts map the bullet to DEL (0x7F) in pypdf's extraction: show it as a bullet.
        texts.append(join_hyphenation(text.replace("\x7f", "•")))
    return texts


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
    except LimitReachedError:
        raise
    except Exception:  # noqa: BLE001 - a page we cannot inspect is treated as possibly scanned
        return True


# ---- leftovers read with pypdf


def _leftovers(path: Path, reader: Any, pages: list[Any]) -> _Leftovers:
    """Metadata, annotations, form fields, bookmarks and attachments of an opened PDF."""
    out = _Leftovers()
    try:
        root = reader.trailer["/Root"].get_object()
        for block in _info_blocks(reader):
            out.add(block)
        for block in _xmp_blocks(root):
            out.add(block)
        widgets: set[int] = set()
        for block in _field_blocks(root, widgets):
            out.add(block)
        for number, page in enumerate(pages, start=1):
            _annotations(page, number, widgets, out)
        # One block per author, as the Word reader does: who commented is not another comment.
        for author in dict.fromkeys(out.comment_authors):
            out.add(TextBlock(author, Part.METADATA, None, None, None, "comment author"))
        for title in _outline_titles(root.get("/Outlines"), set(), 0):
            out.add(TextBlock(title, Part.METADATA, None, None, None, "bookmark"))
        out.attachments.extend(_embedded_files(root))
    except ReadError as exc:
        raise ReadError(exc.message, path) from None
    except LimitReachedError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged object tree must not be half read
        raise ReadError(
            f"the PDF's comments, properties or attachments cannot be read ({exc})", path
        ) from None
    return out


def _resolve(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def _text(value: Any) -> str:
    """A PDF string (or array of strings) as text; anything else as an empty string."""
    from pypdf.generic import NameObject

    value = _resolve(value)
    if isinstance(value, NameObject):
        return ""  # a name (/Yes, /Off) is a token of the format, not text anyone typed
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes):
        if value[:2] in (b"\xfe\xff", b"\xff\xfe"):
            return value.decode("utf-16", "replace")
        return value.decode("latin-1")
    if isinstance(value, list):
        return "\n".join(t for t in (_text(v) for v in value) if t)
    return ""


def _markup_text(markup: str) -> str:
    """The text of rich text (XHTML) in a comment or field; robust to markup that is not XML."""
    return " ".join(html.unescape(_MARKUP.sub("", _BLOCK_TAG.sub(" ", markup))).split())


def _between_tags(data: bytes) -> list[str]:
    """The text between the tags of XML, well-formed or not, one item per text node."""
    return [html.unescape(t) for t in re.findall(r">([^<]+)<", ">" + data.decode("utf-8", "replace") + "<")]


def _info_blocks(reader: Any) -> Iterator[TextBlock]:
    info = reader.trailer.get("/Info")
    info = _resolve(info) if info is not None else None
    if not isinstance(info, dict):
        return
    for key, value in info.items():
        if key in _MACHINE_KEYS:
            continue
        text = _text(value).strip()
        if text:
            yield TextBlock(text, Part.METADATA, None, None, None, f"file property: {key.lstrip('/')}")


def _xmp_block(text: str, name: str) -> TextBlock:
    return TextBlock(text, Part.METADATA, None, None, None, f"XMP metadata: {name}")


def _xmp_blocks(root: Any) -> Iterator[TextBlock]:
    """Every text value of the XMP packet, one block per property (standard and custom namespaces)."""
    stream = root.get("/Metadata")
    if stream is None:
        return
    data = _resolve(stream).get_data()
    if not data.strip():
        return
    try:
        tree = etree.fromstring(data.strip(), _XMP_PARSER)
        if tree.getroottree().docinfo.internalDTD is not None:
            raise ValueError("a DTD: entities are not expanded, so the text is read as written")
    except (etree.XMLSyntaxError, ValueError):
        # Unparseable XMP is still text a recipient can read: take it between the tags.
        text = "\n".join(_values(_between_tags(data)))
        if text:
            yield TextBlock(text, Part.METADATA, None, None, None, "XMP metadata")
        return
    for description in tree.iter(f"{{{_RDF}}}Description"):
        for name, value in description.attrib.items():
            qname = etree.QName(name)
            if _is_value(name):
                text = "\n".join(_values([str(value)]))
                if text:
                    yield _xmp_block(text, _prefixed(description, qname))
        for prop in description:
            if not isinstance(prop.tag, str) or prop.tag in _XMP_CONTAINERS:
                continue
            texts = list(prop.itertext())
            texts += [v for e in prop.iter() for k, v in e.attrib.items() if _is_value(k)]
            text = "\n".join(_values(texts))
            if text:
                yield _xmp_block(text, _prefixed(prop, etree.QName(prop)))


def _is_value(attribute: str | bytes) -> bool:
    """Whether an XMP attribute is a property (not RDF syntax or ``xml:lang``)."""
    return etree.QName(attribute).namespace not in (_RDF, _XML)


def _values(texts: list[str]) -> list[str]:
    return [t.strip() for t in texts if t.strip() and not _MACHINE_VALUE.match(t.strip())]


def _prefixed(element: etree._Element, qname: etree.QName) -> str:
    prefixes = {uri: prefix for prefix, uri in element.nsmap.items() if prefix}
    prefix = prefixes.get(qname.namespace or "")
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _field_blocks(root: Any, widgets: set[int]) -> Iterator[TextBlock]:
    """Form field values (hidden fields too), one block each; and all field names as one block."""
    form = root.get("/AcroForm")
    form = _resolve(form) if form is not None else None
    if not isinstance(form, dict):
        return
    names: list[str] = []
    for name, node in _fields(form.get("/Fields"), "", set(), 0):
        if node.get("/Subtype") == "/Widget":
            widgets.add(id(node))
        names.extend(t for t in (name, _text(node.get("/TU"))) if t)
        yield from _field_values(node, name)
    if names:
        yield TextBlock("\n".join(dict.fromkeys(names)), Part.HIDDEN, None, None, None, "form field names")
    xfa = form.get("/XFA")
    if xfa is not None:
        yield from _xfa_blocks(_resolve(xfa))


def _fields(kids: Any, parent: str, seen: set[int], depth: int) -> Iterator[tuple[str, Any]]:
    kids = _resolve(kids)
    if not isinstance(kids, list):
        return
    _check_tree_depth(depth, "form fields")
    for kid in kids:
        node = _resolve(kid)
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        partial = _text(node.get("/T"))
        name = f"{parent}.{partial}" if parent and partial else partial or parent
        yield name, node
        yield from _fields(node.get("/Kids"), name, seen, depth + 1)


def _field_values(node: Any, name: str) -> Iterator[TextBlock]:
    label = f"form field {name or 'without a name'}"
    for key in ("/V", "/DV"):
        value = node.get(key)
        text = _text(value).strip() if value is not None else ""
        if text and (key == "/V" or text != _text(node.get("/V")).strip()):
            yield TextBlock(
                text, Part.HIDDEN, None, None, None, label if key == "/V" else f"{label} (default)"
            )
    rich = node.get("/RV")
    if rich is not None:
        rich_value = _resolve(rich)
        markup = (
            rich_value.get_data().decode("utf-8", "replace")
            if hasattr(rich_value, "get_data")
            else _text(rich)
        )
        text = _markup_text(markup)
        if text and text != _text(node.get("/V")).strip():
            yield TextBlock(text, Part.HIDDEN, None, None, None, f"{label} (rich text)")


def _xfa_blocks(xfa: Any) -> Iterator[TextBlock]:
    """The data packet of an XFA form: what was typed into it."""
    packets: list[tuple[str, Any]] = []
    if isinstance(xfa, list):
        packets = [(_text(xfa[i]), xfa[i + 1]) for i in range(0, len(xfa) - 1, 2)]
    else:
        packets = [("xdp", xfa)]
    for name, packet in packets:
        if name not in ("datasets", "xdp"):
            continue
        data = _resolve(packet).get_data()
        # Typed-in dates are data (a date of birth), not timestamps: keep every value.
        text = "\n".join(t.strip() for t in _between_tags(data) if t.strip())
        if text:
            yield TextBlock(text, Part.HIDDEN, None, None, None, "XFA form data")


def _annotations(page: Any, number: int, widgets: set[int], out: _Leftovers) -> None:
    """Comments, link targets, orphan form widgets, attached files and box-shaped covers of a page."""
    annots = _resolve(page.get("/Annots"))
    if not isinstance(annots, list):
        return
    for ref in annots:
        annot = _resolve(ref)
        if not isinstance(annot, dict):
            continue
        subtype = annot.get("/Subtype")
        if subtype == "/Link":
            for target in _link_targets(annot):
                out.add(TextBlock(target, Part.HIDDEN, number, None, None, "link target"))
            continue
        if subtype == "/Widget":
            if id(annot) not in widgets:  # a field the form's field tree does not list: still in the file
                name = _text(annot.get("/T"))
                for block in _field_values(annot, name):
                    out.add(block)
                out.add(TextBlock(name, Part.HIDDEN, None, None, None, "form field names"))
            continue
        if subtype == "/FileAttachment":
            spec = annot.get("/FS")
            if spec is not None:
                out.attachments.append(_attachment(spec, number, _text(annot.get("/Contents"))))
            continue
        covers = _covers(annot, subtype)
        if covers:
            out.covers.setdefault(number, []).extend(covers)
        author = _text(annot.get("/T")).strip()
        lines = [_text(annot.get("/Contents")).strip()]
        rich = annot.get("/RC")
        if rich is not None:
            rich_value = _resolve(rich)
            markup = (
                rich_value.get_data().decode("utf-8", "replace")
                if hasattr(rich_value, "get_data")
                else _text(rich)
            )
            lines.append(_markup_text(markup))
        subject = _text(annot.get("/Subj")).strip()
        if subject.casefold() not in _DEFAULT_SUBJECTS:
            lines.append(subject)
        lines.append(_text(annot.get("/OverlayText")).strip())
        normalised = [" ".join(line.split()) for line in lines]
        text = "\n".join(dict.fromkeys(line for line in normalised if line))
        if text and not (subtype == "/Popup" and text == _parent_text(annot)):
            note = f"PDF comment by {author}" if author else "PDF comment"
            out.add(TextBlock(text, Part.COMMENT, number, None, None, note))
        if author:
            out.comment_authors.append(author)


def _parent_text(popup: Any) -> str:
    """The text of the comment a popup belongs to (a popup shows its parent's text)."""
    parent = _resolve(popup.get("/Parent"))
    return " ".join(_text(parent.get("/Contents")).split()) if isinstance(parent, dict) else ""


def _link_targets(annot: Any) -> Iterator[str]:
    """Where a link goes: a web or ``mailto:`` address, or another file."""
    action = _resolve(annot.get("/A"))
    if not isinstance(action, dict):
        return
    uri = _text(action.get("/URI")).strip()
    if uri:
        yield unquote(uri)
    target = action.get("/F")
    if target is not None:
        name = _file_name(_resolve(target))
        if name:
            yield name


def _covers(annot: Any, subtype: Any) -> list[Cover]:
    """The boxes a comment paints opaquely over the page, or marks for a redaction not applied."""
    flags = _resolve(annot.get("/F"))
    if isinstance(flags, int) and flags & _HIDDEN_FLAGS and subtype != "/Redact":
        return []
    # One box per quadrilateral: the union of a two-line mark would cover the text beside it.
    boxes = _quad_boxes(annot.get("/QuadPoints")) or _quad_boxes(annot.get("/Rect"), rect=True)
    if subtype == "/Redact":
        return [Cover(box, 0, None, "redact") for box in boxes]
    opacity = _resolve(annot.get("/CA"))
    if isinstance(opacity, (int, float)) and float(opacity) < 1:
        return []
    colour = None
    if subtype == "/Square":
        colour = _colour(annot.get("/IC"))
    elif subtype == "/Highlight":
        # Highlights multiply with the page: only a dark one hides the text beneath.
        colour = _colour(annot.get("/C"))
        colour = colour if colour is not None and max(colour) < DARK else None
    return [Cover(box, 0, colour) for box in boxes] if colour is not None else []


def _quad_boxes(value: Any, rect: bool = False) -> list[tuple[float, float, float, float]]:
    numbers = _resolve(value)
    if not isinstance(numbers, list):
        return []
    try:
        floats = [float(_resolve(n)) for n in numbers]
    except (TypeError, ValueError):
        return []
    step = 4 if rect else 8
    boxes = []
    for i in range(0, len(floats) - step + 1, step):
        xs, ys = floats[i : i + step : 2], floats[i + 1 : i + step : 2]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes[:1] if rect else boxes


def _colour(value: Any) -> tuple[int, int, int] | None:
    components = _resolve(value)
    if not isinstance(components, list):
        return None
    try:
        c = [min(1.0, max(0.0, float(_resolve(v)))) for v in components]
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        rgb = (c[0], c[0], c[0])
    elif len(c) == 3:
        rgb = (c[0], c[1], c[2])
    elif len(c) == 4:
        rgb = tuple((1 - x) * (1 - c[3]) for x in c[:3])  # type: ignore[assignment]
    else:
        return None
    return (round(rgb[0] * 255), round(rgb[1] * 255), round(rgb[2] * 255))


def _check_tree_depth(depth: int, what: str) -> None:
    """Trees nested deeper than :data:`MAX_TREE_DEPTH` are refused, not read in part."""
    if depth > MAX_TREE_DEPTH:
        raise ReadError(
            f"the PDF's {what} are nested more than {MAX_TREE_DEPTH} deep: refused as damaged or made to "
            "break PDF readers"
        )


def _outline_titles(node: Any, seen: set[int], depth: int) -> Iterator[str]:
    """Bookmark titles, walked through /First and /Next with a guard against loops."""
    node = _resolve(node) if node is not None else None
    if not isinstance(node, dict):
        return
    _check_tree_depth(depth, "bookmarks")
    child = _resolve(node.get("/First")) if node.get("/First") is not None else None
    while isinstance(child, dict) and id(child) not in seen:
        seen.add(id(child))
        title = _text(child.get("/Title")).strip()
        if title:
            yield title
        yield from _outline_titles(child, seen, depth + 1)
        following = child.get("/Next")
        child = _resolve(following) if following is not None else None


def _embedded_files(root: Any) -> Iterator[_Attachment]:
    names = _resolve(root.get("/Names"))
    tree = _resolve(names.get("/EmbeddedFiles")) if isinstance(names, dict) else None
    yield from _name_tree(tree, set(), 0)


def _name_tree(node: Any, seen: set[int], depth: int) -> Iterator[_Attachment]:
    if not isinstance(node, dict) or id(node) in seen:
        return
    _check_tree_depth(depth, "attached files")
    seen.add(id(node))
    pairs = _resolve(node.get("/Names"))
    if isinstance(pairs, list):
        for i in range(0, len(pairs) - 1, 2):
            yield _attachment(pairs[i + 1], None, "", fallback=_text(pairs[i]))
    kids = _resolve(node.get("/Kids"))
    if isinstance(kids, list):
        for kid in kids:
            yield from _name_tree(_resolve(kid), seen, depth + 1)


def _file_name(spec: Any) -> str:
    if isinstance(spec, str):
        return spec
    if isinstance(spec, dict):
        for key in ("/UF", "/F", "/Unix", "/DOS", "/Mac"):
            name = _text(spec.get(key)).strip()
            if name:
                return name
    return ""


def _attachment(spec: Any, page: int | None, description: str, fallback: str = "") -> _Attachment:
    spec = _resolve(spec)
    name = _file_name(spec) or fallback or "unnamed attachment"
    data = None
    if isinstance(spec, dict):
        description = "\n".join(t for t in (description.strip(), _text(spec.get("/Desc")).strip()) if t)
        files = _resolve(spec.get("/EF"))
        if isinstance(files, dict):
            stream = files.get("/UF") if files.get("/UF") is not None else files.get("/F")
            if stream is not None:
                data = _resolve(stream).get_data()
    return _Attachment(name, data, page, description)


def _attachment_blocks(path: Path, attachment: _Attachment, limits: Limits, depth: int) -> list[TextBlock]:
    """The attachment's name and description, and everything its own reader finds in it."""
    name = attachment.name
    label = " ".join(filter(None, [f"Attachment: {name}", attachment.description]))
    blocks = [TextBlock(label, Part.ATTACHMENT, attachment.page, None, name, "attachment name")]
    if attachment.data is None:
        return blocks  # a reference to a file outside the PDF: only its name travels with it
    if not attachment.data:
        raise ReadError(f"the attached file '{name}' is empty or cannot be decoded", path)
    try:
        inner = read_data(Path(name), attachment.data, limits, depth + 1)
    except UnsupportedType as exc:
        raise ReadError(
            f"the attached file '{name}' is a type disclint cannot read ({exc.kind.what}): check it by "
            "hand or remove it",
            path,
        ) from None
    except ReadError as exc:
        raise ReadError(f"the attached file '{name}' cannot be read: {exc.message}", path) from None
    for block in inner.blocks:
        source = f"{name} > {block.source}" if block.source else name
        note = f"attached {name}, {block.note or block.part.label}"
        blocks.append(
            TextBlock(block.text, Part.ATTACHMENT, block.page, block.paragraph, source, note, block.lines)
        )
    return blocks


# ---- earlier revisions


def revision_ends(data: bytes) -> list[int]:
    """Where each revision of the file ends: after each ``%%EOF`` whose ``startxref`` is real.

    A ``startxref`` that does not point at a cross-reference section is not a revision: the first
    trailer of a linearized file (``startxref 0``) or a PDF stored uncompressed inside this one.
    """
    ends = []
    for match in _STARTXREF.finditer(data):
        offset = int(match.group(1))
        if 0 < offset < len(data) and _XREF_AT.match(data, offset):
            ends.append(match.end())
    return ends


def _revision_blocks(
    path: Path,
    data: bytes,
    final: list[TextBlock],
    attachments: list[_Attachment],
    limits: Limits,
    depth: int,
    pages_read: int,
) -> list[TextBlock]:
    """Text of earlier revisions that the final revision no longer holds, as part ``deleted``.

    Each revision's pages are read again: all of them together count against ``max_pages``.
    """
    ends = revision_ends(data)
    if len(ends) < 2:
        return []
    known = {_line_key(line) for block in final for line in block.text.splitlines()}
    known_files = {(a.name, a.data) for a in attachments}
    blocks: list[TextBlock] = []
    for number, end in enumerate(ends[:-1], start=1):
        label = f"earlier revision {number}"
        reader, pages = _open(path, data[:end], limits, label)
        pages_read += len(pages)
        if pages_read > limits.max_pages:
            amount = f"the PDF and its {len(ends) - 1} earlier revisions hold {pages_read:,} pages or more"
            raise _too_many_pages(path, amount, limits)
        try:
            earlier = _revision_text(path, reader, pages, known_files, limits, depth)
        except ReadError as exc:
            raise ReadError(
                f"{label} of the PDF (kept by an incremental save): {exc.message}", path
            ) from None
        for block in earlier:
            gone = [
                line for line in block.text.splitlines() if _line_key(line) and _line_key(line) not in known
            ]
            if gone:
                note = f"{label} of the PDF, {block.note or block.part.label}"
                blocks.append(TextBlock("\n".join(gone), Part.DELETED, block.page, None, block.source, note))
                known.update(_line_key(line) for line in gone)
    return blocks


def _revision_text(
    path: Path,
    reader: Any,
    pages: list[Any],
    known_files: set[tuple[str, bytes | None]],
    limits: Limits,
    depth: int,
) -> list[TextBlock]:
    """Everything pypdf reads from one earlier revision: pages, leftovers and new attachments."""
    blocks = [
        TextBlock(text, Part.PAGE, n, None) for n, text in enumerate(_page_texts(path, pages, False), 1)
    ]
    leftovers = _leftovers(path, reader, pages)
    for page_blocks in leftovers.pages.values():
        blocks.extend(page_blocks)
    blocks.extend(leftovers.document)
    for attachment in leftovers.attachments:
        # An attachment the final revision still carries was read with it.
        if (attachment.name, attachment.data) not in known_files:
            known_files.add((attachment.name, attachment.data))
            blocks.extend(_attachment_blocks(path, attachment, limits, depth))
    return blocks


def _line_key(line: str) -> str:
    return " ".join(line.split()).casefold()
