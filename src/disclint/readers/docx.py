"""Word ``.docx``: every story a reader of the document sees, read from the XML itself.

python-docx's ``Paragraph.text`` drops tracked insertions (``w:ins``), which Word shows, and repeats
merged table cells; so the story parts are read directly: the body in reading order (paragraphs,
tables with nested tables, content controls, text boxes once), headers and footers of every section
(default, first-page, even-page), footnotes, endnotes and comments. Word has no page numbers in the
file: blocks carry paragraph numbers counted through each story.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from disclint.errors import ReadError
from disclint.model import Document, Part, TextBlock
from disclint.readers import sha256
from disclint.readers.ooxml import Package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_TEXT = {w("t")}
_CHARS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
# Subtrees whose text a reader of the printed document does not see in the flow of the paragraph:
# deleted and moved-away text, field instructions, and the compatibility copy of a shape (read once,
# from its modern form). Text boxes are read as blocks of their own.
_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), f"{{{MC}}}Fallback"}
_TEXTBOX = w("txbxContent")
_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}
_NOTE_SKIP_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


@dataclass
class _Story:
    """Collects the blocks of one story (body, a header, the footnotes…) with its paragraph count."""

    part: Part
    note: str | None = None
    count: int = 0
    blocks: list[TextBlock] = field(default_factory=list)

    def add(self, text: str, paragraph: int, part: Part | None = None, note: str | None = None) -> None:
        if text.strip():
            self.blocks.append(TextBlock(text, part or self.part, None, paragraph, None, note or self.note))


def paragraph_text(p: etree._Element, boxes: list[etree._Element]) -> str:
    """The visible text of paragraph ``p``; text boxes inside it are appended to ``boxes``."""
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _TEXTBOX:
                boxes.append(child)
                continue
            if tag in _TEXT:
                out.append(child.text or "")
            elif tag in _CHARS:
                out.append(_CHARS[tag])
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _story(story: _Story, container: etree._Element, table: bool = False) -> None:
    """Read block-level content (paragraphs, tables, content controls) of ``container`` in order."""
    for child in container:
        tag = child.tag
        if tag == w("p"):
            story.count += 1
            boxes: list[etree._Element] = []
            in_table = table and story.part is Part.BODY
            story.add(paragraph_text(child, boxes), story.count, Part.TABLE if in_table else None)
            for box in boxes:
                _story(story, box, table)
        elif tag == w("tbl"):
            _table(story, child)
        elif tag in _CONTAINERS:
            _story(story, child, table)
        elif tag == w("altChunk"):
            raise ReadError(
                "the document embeds another file (altChunk) whose text disclint cannot read yet; "
                "open it in Word and save it again, then check it again",
                None,
            )


def _table(story: _Story, tbl: etree._Element) -> None:
    """One block per cell (all its paragraphs), so that a name over two cell lines stays whole.

    A cell merged over several rows is stored once, in its first row, so it is read once.
    """
    for cell in _cells(tbl):
        first = story.count + 1
        lines = []
        for child in cell:
            if child.tag == w("p"):
                story.count += 1
                boxes: list[etree._Element] = []
                lines.append(paragraph_text(child, boxes))
                for box in boxes:
                    _story(story, box, table=True)
            elif child.tag == w("tbl"):
                _table(story, child)
            elif child.tag in _CONTAINERS:
                _story(story, child, table=True)
        story.add("\n".join(lines), first, Part.TABLE if story.part is Part.BODY else None)


def _cells(tbl: etree._Element) -> Iterator[etree._Element]:
    for element in tbl.iter(w("tc")):
        # Cells of nested tables are reached through their own table.
        if _owning_table(element) is tbl:
            yield element


def _owning_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent


_KINDS = {"default": "", "first": "first-page ", "even": "even-page "}


def _headers_footers(package: Package, main: str, body: etree._Element) -> list[TextBlock]:
    rels = package.rels(main)
    seen: set[str] = set()
    blocks: list[TextBlock] = []
    sections = list(body.iter(w("sectPr")))
    for number, sect in enumerate(sections, start=1):
        for ref in sect:
            if ref.tag not in (w("headerReference"), w("footerReference")):
                continue
            rel = rels.get(ref.get(f"{{{R}}}id", ""))
            if rel is None or rel[1] in seen:
                continue
            target = rel[1]
            seen.add(target)
            kind = "header" if ref.tag == w("headerReference") else "footer"
            label = f"{_KINDS.get(ref.get(w('type'), 'default'), '')}{kind}"
            if len(sections) > 1:
                label += f", section {number}"
            story = _Story(Part.HEADER if kind == "header" else Part.FOOTER, label)
            _story(story, package.xml(target))
            blocks.extend(story.blocks)
    # Headers no section points at are not printed, but a recipient who opens the file has them.
    for rel_type, target in rels.values():
        kind = rel_type.rsplit("/", 1)[-1]
        if kind in ("header", "footer") and target not in seen:
            seen.add(target)
            story = _Story(Part.HEADER if kind == "header" else Part.FOOTER, f"unused {kind}")
            _story(story, package.xml(target))
            blocks.extend(story.blocks)
    return blocks


def _notes(package: Package, main: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    for rel_type, target in package.rels(main).values():
        kind = rel_type.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes", "comments"):
            continue
        root = package.xml(target)
        tag = {"footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}[kind]
        for number, note in enumerate(root.iter(w(tag)), start=1):
            if note.get(w("type")) in _NOTE_SKIP_TYPES:
                continue
            label = f"{tag} {note.get(w('id'), number)}"
            part = Part.FOOTNOTE
            if tag == "comment":
                part = Part.COMMENT
                label = f"comment by {note.get(w('author')) or 'unknown author'}"
            story = _Story(part, label)
            _story(story, note)
            lines = [b.text for b in story.blocks]
            if lines:
                # The note's own number says where it is better than a paragraph count would.
                blocks.append(TextBlock("\n".join(lines), part, None, None, None, label))
    return blocks


def read_bytes(path: Path, data: bytes) -> Document:
    package = Package(path, data)
    main = package.main_part()
    root = package.xml(main)
    body = root.find(w("body"))
    if body is None:
        raise ReadError("the document has no body: it is damaged or not a Word document", path)
    story = _Story(Part.BODY)
    try:
        _story(story, body)
    except ReadError as exc:
        raise ReadError(exc.message, path) from None
    blocks = story.blocks + _headers_footers(package, main, body) + _notes(package, main)
    return Document(path, sha256(data), tuple(blocks))
