"""Word ``.docx``: every place of the file where a recipient can find text, read from the XML itself.

python-docx's ``Paragraph.text`` drops tracked insertions (``w:ins``), which Word shows, and repeats
merged table cells; so the parts are read directly. The body is read in reading order (paragraphs,
tables with nested tables, content controls, text boxes once), then the headers and footers of every
section (default, first-page, even-page, and unused ones), footnotes, endnotes and comments.

What a reader of the printed page does not see is read too, each as blocks of its own ``part`` so
that every rule runs over it and the reviewer is told where it is:

- ``deleted``: tracked deletions and moves (``w:del``, ``w:moveFrom``), one block per paragraph and
  author, noted "tracked deletion by AUTHOR" / "tracked move by AUTHOR";
- ``hidden``: hidden text (``w:vanish``/``w:specVanish``, directly or through a character or
  paragraph style), field codes (``w:instrText``, ``w:fldSimple/@w:instr``), link targets, alt text of
  pictures and shapes, content-control list choices, and the name of every embedded object disclint
  cannot read;
- ``metadata``: file properties (core, app and custom), custom XML parts, document variables,
  content-control titles and tags, building blocks (the glossary document), and the authors of
  comments and tracked changes.

Embedded Word documents are read recursively (at most ``max_depth`` deep, see
:class:`~disclint.limits.Limits`, counting any email or PDF the file came in) and their blocks carry
``source="embedded: NAME"``. Word has no page numbers in the file: blocks carry paragraph
numbers counted through each story.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.model import Document, Part, TextBlock
from disclint.readers import sha256, too_deep
from disclint.readers.ooxml import Package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/"
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Tags and attributes looked up for every run, spelled out once.
_P, _R, _T, _TBL, _RPR, _VAL = w("p"), w("r"), w("t"), w("tbl"), w("rPr"), w("val")
_VANISH, _SPEC_VANISH, _RSTYLE, _INSTR = w("vanish"), w("specVanish"), w("rStyle"), w("instrText")


_Channel = tuple[Part, str]
"""Where text that is not in the visible flow of a paragraph goes: a block part and its note."""

_HIDDEN_TEXT: _Channel = (Part.HIDDEN, "hidden text")
_FIELD_CODE: _Channel = (Part.HIDDEN, "field code")
_LINK: _Channel = (Part.HIDDEN, "link target")
_ALT_TEXT: _Channel = (Part.HIDDEN, "alt text")
_CONTROL_TITLE: _Channel = (Part.METADATA, "content control title")
_CONTROL_CHOICES: _Channel = (Part.HIDDEN, "content control choices")
_UNATTRIBUTED_DELETION: _Channel = (Part.DELETED, "tracked deletion by unknown author")
# Pieces of one channel that stand apart in a paragraph (two deleted words with kept words between)
# are not one phrase: an ellipsis keeps the name matcher from joining them, as it joins words across
# spaces, hyphens and line breaks only.
_SEPARATOR = " … "

_CHARS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_REVISIONS = {w("del"): "tracked deletion", w("moveFrom"): "tracked move"}
_DELETED_TEXT = {w("delText"), w("delInstrText")}
# Subtrees without text of their own (properties), and the compatibility copy of a shape (read once,
# from its modern form). Text boxes are read as blocks of their own.
_NO_TEXT = {w("pPr"), w("rPr"), w("sdtEndPr"), f"{{{MC}}}Fallback"}
_TEXTBOX = w("txbxContent")
_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}
# Run containers that may stand where a paragraph would (the schema allows it): read as a paragraph.
_RUN_CONTAINERS = {w("ins"), w("moveTo"), w("del"), w("moveFrom")}
_NOTE_SKIP_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
_AUTHOR = w("author")


def _on(element: etree._Element | None) -> bool | None:
    """The value of an on/off property element (``w:val`` absent means on); ``None`` when absent."""
    if element is None:
        return None
    return element.get(_VAL, "true").strip().lower() not in ("0", "false", "off")


def _vanish(rpr: etree._Element | None) -> bool | None:
    """Whether run properties hide text: ``None`` when they say nothing about it."""
    if rpr is None:
        return None
    if _on(rpr.find(_SPEC_VANISH)):
        return True
    return _on(rpr.find(_VANISH))


class _Styles:
    """Which character and paragraph styles hide text, through ``w:basedOn`` chains and defaults.

    Word treats ``w:vanish`` in a style as a toggle (hidden character style on a hidden paragraph
    style shows again). Here a level that hides always hides: a doubled hide is reported as hidden
    text rather than trusted to be visible. Direct formatting on the run decides absolutely.
    """

    def __init__(self, root: etree._Element | None) -> None:
        self._based_on: dict[str, str] = {}
        self._own: dict[str, bool | None] = {}
        self._resolved: dict[str, bool] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self.defaults = False
        self._styles_hide = False
        if root is None:
            return
        self.defaults = bool(_vanish(root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")))
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None:
                continue
            based = style.find(w("basedOn"))
            if based is not None and based.get(w("val")):
                self._based_on[style_id] = based.get(w("val"), "")
            self._own[style_id] = _vanish(style.find(w("rPr")))
            if style.get(w("default"), "").lower() in ("1", "true", "on"):
                kind = style.get(w("type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "character":
                    self.default_character = style_id
        # Most documents hide nothing through styles: then only a run's own formatting matters.
        self._styles_hide = self.defaults or any(self._own.values())

    def hides(self, style_id: str | None) -> bool:
        """True when style ``style_id`` (or the nearest style it is based on that says) hides text."""
        if style_id is None:
            return False
        if style_id not in self._resolved:
            result = False
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in seen:
                seen.add(current)
                own = self._own.get(current)
                if own is not None:
                    result = own
                    break
                current = self._based_on.get(current)
            self._resolved[style_id] = result
        return self._resolved[style_id]

    def run_hidden(self, run: etree._Element, paragraph_style: str | None) -> bool:
        """True when run ``run`` of a paragraph in ``paragraph_style`` is hidden text."""
        rpr = run.find(_RPR)
        direct = _vanish(rpr)
        if direct is not None or not self._styles_hide:
            return bool(direct)
        rstyle = rpr.find(_RSTYLE) if rpr is not None else None
        character = rstyle.get(_VAL) if rstyle is not None else self.default_character
        if paragraph_style not in self._own:
            paragraph_style = self.default_paragraph
        return self.hides(character) or self.hides(paragraph_style) or self.defaults


@dataclass
class _Story:
    """Collects the blocks of one story (body, a header, the footnotes…) with its paragraph count."""

    part: Part
    styles: _Styles
    links: Mapping[str, str] = field(default_factory=dict)
    note: str | None = None
    count: int = 0
    blocks: list[TextBlock] = field(default_factory=list)
    # The Word section of the body being read: a section break ends with the paragraph holding it.
    section: int | None = None

    def add(self, text: str, paragraph: int | None, part: Part | None = None) -> None:
        if text.strip():
            block = TextBlock(text, part or self.part, None, paragraph, None, self.note, section=self.section)
            self.blocks.append(block)

    def add_channel(self, channel: _Channel, text: str, paragraph: int | None) -> None:
        """A block of text found off the visible flow; outside the body the note says which story."""
        if text.strip():
            part, note = channel
            if self.note:
                note = f"{note} ({self.note})"
            self.blocks.append(TextBlock(text, part, None, paragraph, None, note, section=self.section))


class _Paragraph:
    """The text of one paragraph, sorted by where a reader of the file can find it.

    ``visible`` is the flow a reader of the page sees (tracked insertions included); ``channels``
    hold the text found only by looking (deleted, hidden, field codes), each in the order written;
    ``extras`` the text of attributes (alt text, link targets, content-control titles).
    """

    def __init__(self, story: _Story, style: str | None = None) -> None:
        self.story = story
        self.style = style
        self.visible: list[str] = []
        self.channels: dict[_Channel, list[str]] = {}
        self.extras: list[tuple[_Channel, str]] = []
        self.boxes: list[etree._Element] = []
        self._last: _Channel | None = None
        self._alt_seen: set[str] = set()

    @classmethod
    def of(cls, story: _Story, p: etree._Element) -> _Paragraph:
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        paragraph = cls(story, style.get(w("val")) if style is not None else None)
        paragraph.walk(p, None)
        return paragraph

    @property
    def text(self) -> str:
        return "".join(self.visible)

    def emit(self, paragraph: int | None) -> None:
        """Add the channel and attribute blocks of this paragraph to its story."""
        for channel, pieces in self.channels.items():
            self.story.add_channel(channel, "".join(pieces), paragraph)
        for channel, text in self.extras:
            self.story.add_channel(channel, text, paragraph)

    def _write(self, channel: _Channel | None, text: str) -> None:
        if not text:
            return
        if channel is None:
            self.visible.append(text)
        else:
            pieces = self.channels.setdefault(channel, [])
            if pieces and self._last != channel:
                pieces.append(_SEPARATOR)
            pieces.append(text)
        self._last = channel

    def walk(self, element: etree._Element, channel: _Channel | None) -> None:
        for child in element:
            self.visit(child, channel)

    def visit(self, child: etree._Element, channel: _Channel | None) -> None:
        """Read one element of a paragraph, its text going to ``channel`` (``None``: visible)."""
        tag = child.tag
        if not isinstance(tag, str) or tag in _NO_TEXT:
            return
        deleting = channel is not None and channel[0] is Part.DELETED
        if tag == _R:
            hidden = channel is None and self.story.styles.run_hidden(child, self.style)
            self.walk(child, _HIDDEN_TEXT if hidden else channel)
        elif tag == _T:
            self._write(channel, child.text or "")
        elif tag in _CHARS:
            self._write(channel, _CHARS[tag])
        elif tag in _DELETED_TEXT:
            self._write(channel if deleting else _UNATTRIBUTED_DELETION, child.text or "")
        elif tag == _INSTR:
            self._write(channel if deleting else _FIELD_CODE, child.text or "")
        elif tag in _REVISIONS:
            author = child.get(_AUTHOR) or "unknown author"
            self.walk(child, (Part.DELETED, f"{_REVISIONS[tag]} by {author}"))
        elif tag == _TEXTBOX:
            self.boxes.append(child)
        elif tag == w("fldSimple"):
            # The instruction is hidden; the field's result, its children, is what the page shows.
            self._write(channel if deleting else _FIELD_CODE, child.get(w("instr"), ""))
            self.walk(child, channel)
        elif tag == w("hyperlink"):
            target = self.story.links.get(child.get(f"{{{R}}}id", ""))
            if target:
                self.extras.append((_LINK, target))
            self.walk(child, channel)
        elif tag == w("sdtPr"):
            self.extras.extend(_control_properties(child))
        else:
            self._attributes(child)
            self.walk(child, channel)

    def _attributes(self, element: etree._Element) -> None:
        """Alt text of a picture or shape (DrawingML ``docPr``/``cNvPr``, VML ``alt``/``o:title``)."""
        tag = str(element.tag)
        if tag.endswith(("}docPr", "}cNvPr")):
            values = [element.get("title"), element.get("descr")]
        elif tag.startswith(f"{{{VML}}}"):
            values = [element.get("alt"), element.get(f"{{{OFFICE}}}title")]
        else:
            return
        fresh = []
        for value in values:
            # A picture states its description twice (docPr and pic:cNvPr); report it once.
            if value and value.strip() and value not in self._alt_seen:
                self._alt_seen.add(value)
                fresh.append(value)
        if fresh:
            self.extras.append((_ALT_TEXT, "\n".join(fresh)))


def _unique(values: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value.strip() and value not in out:
            out.append(value)
    return out


def _control_properties(sdt_pr: etree._Element) -> list[tuple[_Channel, str]]:
    """A content control's title and tag, and the choices of a drop-down list or combo box."""
    out: list[tuple[_Channel, str]] = []
    title = _unique(
        element.get(w("val"))
        for element in (sdt_pr.find(w("alias")), sdt_pr.find(w("tag")))
        if element is not None
    )
    if title:
        out.append((_CONTROL_TITLE, "\n".join(title)))
    choices = _unique(
        value
        for item in sdt_pr.iter(w("listItem"))
        for value in (item.get(w("displayText")), item.get(w("val")))
    )
    if choices:
        out.append((_CONTROL_CHOICES, "\n".join(choices)))
    return out


def _story(story: _Story, container: etree._Element, table: bool = False) -> None:
    """Read block-level content (paragraphs, tables, content controls) of ``container`` in order."""
    for child in container:
        tag = child.tag
        if tag == _P:
            story.count += 1
            paragraph = _Paragraph.of(story, child)
            in_table = table and story.part is Part.BODY
            story.add(paragraph.text, story.count, Part.TABLE if in_table else None)
            paragraph.emit(story.count)
            for box in paragraph.boxes:
                _story(story, box, table)
            if story.section is not None and child.find(f"{w('pPr')}/{w('sectPr')}") is not None:
                story.section += 1
        elif tag == _TBL:
            _table(story, child)
        elif tag in _CONTAINERS:
            _story(story, child, table)
        elif tag == w("sdtPr"):
            for channel, text in _control_properties(child):
                story.add_channel(channel, text, story.count + 1)
        elif tag in _RUN_CONTAINERS:
            loose = _Paragraph(story)
            loose.visit(child, None)
            story.add(
                loose.text, story.count or None, Part.TABLE if table and story.part is Part.BODY else None
            )
            loose.emit(story.count or None)
            for box in loose.boxes:
                _story(story, box, table)
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
    # Content controls around rows or cells stand outside every cell.
    for sdt_pr in tbl.iter(w("sdtPr")):
        if _owner(sdt_pr, (w("tc"), _TBL)) is tbl:
            for channel, text in _control_properties(sdt_pr):
                story.add_channel(channel, text, story.count + 1)
    for cell in _cells(tbl):
        first = story.count + 1
        lines = []
        paragraphs: list[tuple[_Paragraph, int]] = []
        for child in cell:
            if child.tag == _P:
                story.count += 1
                paragraph = _Paragraph.of(story, child)
                lines.append(paragraph.text)
                paragraphs.append((paragraph, story.count))
                for box in paragraph.boxes:
                    _story(story, box, table=True)
            elif child.tag == _TBL:
                _table(story, child)
            elif child.tag in _CONTAINERS:
                _story(story, child, table=True)
        story.add("\n".join(lines), first, Part.TABLE if story.part is Part.BODY else None)
        for paragraph, number in paragraphs:
            paragraph.emit(number)


def _cells(tbl: etree._Element) -> Iterator[etree._Element]:
    for element in tbl.iter(w("tc")):
        # Cells of nested tables are reached through their own table.
        if _owner(element, (_TBL,)) is tbl:
            yield element


def _owner(element: etree._Element, tags: tuple[str, ...]) -> etree._Element | None:
    """The nearest ancestor of ``element`` with one of ``tags``."""
    parent = element.getparent()
    while parent is not None and parent.tag not in tags:
        parent = parent.getparent()
    return parent


_KINDS = {"default": "", "first": "first-page ", "even": "even-page "}
# Dates, counters and the language say nothing about anyone; a date could pass for a date of birth.
_CORE_SKIP = {
    f"{{{DCTERMS}}}created",
    f"{{{DCTERMS}}}modified",
    f"{{{CP}}}lastPrinted",
    f"{{{CP}}}revision",
    f"{{{DC}}}language",
}
_CORE_NAMES = {
    f"{{{DC}}}creator": "author",
    f"{{{CP}}}lastModifiedBy": "last modified by",
    f"{{{DC}}}title": "title",
    f"{{{DC}}}subject": "subject",
    f"{{{CP}}}keywords": "keywords",
    f"{{{DC}}}description": "comments",
    f"{{{CP}}}category": "category",
    f"{{{CP}}}contentStatus": "status",
    f"{{{DC}}}identifier": "identifier",
    f"{{{CP}}}version": "version",
}
_APP_NAMES = {
    "Company": "company",
    "Manager": "manager",
    "Template": "template",
    "HyperlinkBase": "hyperlink base",
}
_WORD_PACKAGES = (".docx", ".docm", ".dotx", ".dotm")
_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".ico")
_OBJECT_RELS = ("/oleObject", "/package", "/control")


def _texts(root: etree._Element) -> list[str]:
    """Every text node under ``root``, XML comments included, stripped."""
    out: list[str] = []
    for node in root.iter():
        for text in (node.text, node.tail if node is not root else None):
            if text and text.strip():
                out.append(text.strip())
    return out


class _Reader:
    """Reads one package: the document checked, or a Word document embedded in it."""

    def __init__(self, path: Path, data: bytes, depth: int, limits: Limits) -> None:
        self.path = path
        self.depth = depth
        self.limits = limits
        self.package = Package(path, data, limits)
        self.main = self.package.main_part()
        self.rels = self.package.rels(self.main)
        self.styles = _Styles(self._related_xml("styles"))
        # Every story part read, for the authors of the tracked changes in it.
        self.roots: list[etree._Element] = []
        self.comment_authors: list[str] = []

    def _related(self, kind: str) -> str | None:
        for rel_type, target in self.rels.values():
            if rel_type == REL + kind:
                return target
        return None

    def _related_xml(self, kind: str) -> etree._Element | None:
        target = self._related(kind)
        return self.package.xml(target) if target is not None else None

    def _story_root(self, name: str) -> etree._Element:
        root = self.package.xml(name)
        self.roots.append(root)
        return root

    def blocks(self) -> list[TextBlock]:
        root = self._story_root(self.main)
        body = root.find(w("body"))
        if body is None:
            raise ReadError("the document has no body: it is damaged or not a Word document", self.path)
        story = _Story(Part.BODY, self.styles, self.package.external_targets(self.main), section=1)
        _story(story, body)
        return [
            *story.blocks,
            *self._headers_footers(body),
            *self._notes(),
            *self._properties(),
            *self._custom_xml(),
            *self._document_variables(),
            *self._authors(),
            *self._glossary(),
            *self._embedded(),
        ]

    def _headers_footers(self, body: etree._Element) -> list[TextBlock]:
        seen: set[str] = set()
        blocks: list[TextBlock] = []
        sections = list(body.iter(w("sectPr")))
        for number, sect in enumerate(sections, start=1):
            for ref in sect:
                if ref.tag not in (w("headerReference"), w("footerReference")):
                    continue
                rel = self.rels.get(ref.get(f"{{{R}}}id", ""))
                if rel is None or rel[1] in seen:
                    continue
                target = rel[1]
                seen.add(target)
                kind = "header" if ref.tag == w("headerReference") else "footer"
                label = f"{_KINDS.get(ref.get(w('type'), 'default'), '')}{kind}"
                if len(sections) > 1:
                    label += f", section {number}"
                blocks.extend(
                    self._part_story(target, Part.HEADER if kind == "header" else Part.FOOTER, label)
                )
        # Headers no section points at are not printed, but a recipient who opens the file has them.
        for rel_type, target in self.rels.values():
            kind = rel_type.rsplit("/", 1)[-1]
            if kind in ("header", "footer") and target not in seen:
                seen.add(target)
                part = Part.HEADER if kind == "header" else Part.FOOTER
                blocks.extend(self._part_story(target, part, f"unused {kind}"))
        return blocks

    def _part_story(self, name: str, part: Part, label: str) -> list[TextBlock]:
        story = _Story(part, self.styles, self.package.external_targets(name), label)
        _story(story, self._story_root(name))
        return story.blocks

    def _notes(self) -> list[TextBlock]:
        blocks: list[TextBlock] = []
        for rel_type, target in self.rels.values():
            kind = rel_type.rsplit("/", 1)[-1]
            if kind not in ("footnotes", "endnotes", "comments"):
                continue
            root = self._story_root(target)
            links = self.package.external_targets(target)
            tag = {"footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}[kind]
            for number, note in enumerate(root.iter(w(tag)), start=1):
                if note.get(w("type")) in _NOTE_SKIP_TYPES:
                    continue
                label = f"{tag} {note.get(w('id'), number)}"
                part = Part.FOOTNOTE
                if tag == "comment":
                    part = Part.COMMENT
                    author = note.get(_AUTHOR) or ""
                    label = f"comment by {author or 'unknown author'}"
                    initials = note.get(w("initials"))
                    self.comment_authors.append(f"{author} ({initials})" if author and initials else author)
                story = _Story(part, self.styles, links, label)
                _story(story, note)
                lines = [b.text for b in story.blocks if b.part is part]
                if lines:
                    # The note's own number says where it is better than a paragraph count would.
                    blocks.append(TextBlock("\n".join(lines), part, None, None, None, label))
                blocks.extend(
                    dataclasses.replace(b, paragraph=None) for b in story.blocks if b.part is not part
                )
        return blocks

    def _glossary(self) -> list[TextBlock]:
        """Building blocks and content-control placeholder texts kept in the file (Quick Parts)."""
        target = self._related("glossaryDocument")
        if target is None:
            return []
        # Part metadata, not hidden: Word keeps placeholder texts here for every content control, so
        # this is ordinary in clean documents, like a template name.
        story = _Story(Part.METADATA, self.styles, self.package.external_targets(target), "building block")
        for body in self.package.xml(target).iter(w("docPartBody")):
            _story(story, body)
        return story.blocks

    def _authors(self) -> list[TextBlock]:
        """Who commented and who made tracked changes: names a recipient sees in Word's review pane."""
        revision_authors: list[str] = []
        for root in self.roots:
            # A comment's own author is a comment author; any other w:author made a tracked change.
            found = root.xpath("//*[not(self::w:comment)]/@w:author", namespaces={"w": W})
            if isinstance(found, list):
                revision_authors.extend(str(value) for value in found)
        return [
            TextBlock(name, Part.METADATA, None, None, None, note)
            for note, names in (
                ("comment author", self.comment_authors),
                ("tracked change author", revision_authors),
            )
            for name in _unique(names)
        ]

    def _property_part(self, rel_type: str, default: str) -> etree._Element | None:
        for found_type, target in self.package.rels("").values():
            if found_type == rel_type:
                return self.package.xml(target)
        return self.package.xml(default) if default in self.package.names else None

    def _properties(self) -> list[TextBlock]:
        """Core, app and custom file properties: what File > Info > Properties shows."""
        found: list[tuple[str, str]] = []
        core = self._property_part(PACKAGE_REL + "metadata/core-properties", "docProps/core.xml")
        if core is not None:
            for element in core:
                if isinstance(element.tag, str) and element.tag not in _CORE_SKIP:
                    name = _CORE_NAMES.get(element.tag, etree.QName(element).localname)
                    found.append((name, "\n".join(_texts(element))))
        app = self._property_part(REL + "extended-properties", "docProps/app.xml")
        if app is not None:
            for key, name in _APP_NAMES.items():
                found_element = app.find(f"{{{EXTENDED}}}{key}")
                if found_element is not None:
                    found.append((name, "\n".join(_texts(found_element))))
        custom = self._property_part(REL + "custom-properties", "docProps/custom.xml")
        blocks = [
            TextBlock(value, Part.METADATA, None, None, None, f"file property: {name}")
            for name, value in found
            if value.strip()
        ]
        if custom is not None:
            for prop in custom.iter(f"{{{CUSTOM}}}property"):
                name = prop.get("name", "")
                value = "\n".join(_texts(prop))
                if value.strip() or name.strip():
                    text = f"{name}: {value}"
                    blocks.append(TextBlock(text, Part.METADATA, None, None, None, f"file property: {name}"))
        return blocks

    def _custom_xml(self) -> list[TextBlock]:
        """Data stores (``customXml/item*.xml``): SharePoint columns, content-control bindings."""
        blocks = []
        for name in sorted(self.package.names):
            folder, base = posixpath.split(name)
            if folder.split("/", 1)[0] != "customXml" or "_rels" in folder or not base.endswith(".xml"):
                continue
            if base.startswith("itemProps"):
                continue
            text = "\n".join(_texts(self.package.xml(name)))
            if text:
                blocks.append(TextBlock(text, Part.METADATA, None, None, None, "custom XML"))
        return blocks

    def _document_variables(self) -> list[TextBlock]:
        """``w:docVar`` values in the settings: set by macros and templates, shown nowhere."""
        settings = self._related_xml("settings")
        if settings is None:
            return []
        return [
            TextBlock(value, Part.METADATA, None, None, None, f"document variable {var.get(w('name'), '')}")
            for var in settings.iter(w("docVar"))
            if (value := var.get(w("val"), "")).strip()
        ]

    def _embedded_names(self) -> list[str]:
        """Embedded parts: the embeddings folder, and every object, package or control relationship."""
        names = {n for n in self.package.names if "/embeddings/" in f"/{n}" and not n.endswith("/")}
        for rels_name in self.package.names:
            folder, base = posixpath.split(rels_name)
            if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
                continue
            source = posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])
            for rel_type, target in self.package.rels(source).values():
                if rel_type.endswith(_OBJECT_RELS) and target in self.package.names:
                    names.add(target)
        return sorted(n for n in names if not n.lower().endswith(_IMAGES))

    def _embedded(self) -> list[TextBlock]:
        blocks: list[TextBlock] = []
        for name in self._embedded_names():
            base = posixpath.basename(name)
            if base.lower().endswith(_WORD_PACKAGES):
                blocks.extend(self._embedded_document(name, base))
            else:
                text = f"Embedded object: {base} (disclint cannot read its content)"
                blocks.append(TextBlock(text, Part.HIDDEN, None, None, None, "embedded object"))
        return blocks

    def _embedded_document(self, name: str, base: str) -> list[TextBlock]:
        if self.depth >= self.limits.max_depth:
            raise too_deep(self.path, self.limits, f"Word documents ('{base}') are embedded")
        try:
            inner = _Reader(Path(base), self.package.data(name), self.depth + 1, self.limits).blocks()
        except ReadError as exc:
            raise ReadError(
                f"the embedded document '{base}' cannot be read: {exc.message}", self.path
            ) from None
        out = []
        for block in inner:
            source = f"embedded: {base}"
            if block.source:
                source += " > " + block.source.removeprefix("embedded: ")
            note = f"embedded {base}, {block.note or block.part.label}"
            out.append(dataclasses.replace(block, source=source, note=note))
        return out


def read_bytes(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS, depth: int = 0) -> Document:
    """Every block of the Word file ``data``; any part that cannot be read is a :class:`ReadError`."""
    try:
        blocks = _Reader(path, data, depth, limits).blocks()
    except ReadError as exc:
        if exc.path is None:
            raise ReadError(exc.message, path) from None
        raise
    return Document(path, sha256(data), tuple(blocks))
