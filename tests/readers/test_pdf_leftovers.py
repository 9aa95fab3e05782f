"""PDF leftovers (issue 3, item 3): every place of a PDF where a recipient can find text.

Each PDF is built in code (reportlab draws the page, pypdf adds properties, comments, fields,
bookmarks, attachments and incremental updates) and holds another family's name: Tyler Brown of case
1002. The tables say where the name must be found: part, page and note.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS
from disclint.model import Part, TextBlock
from disclint.readers import read
from disclint.readers.pdf import read_bytes, revision_ends
from disclint.readers.pdf_hidden import HiddenTextError
from tests.builders import _png

MAX_DEPTH = DEFAULT_LIMITS.max_depth

NAME = "Tyler Brown"
FONT, SIZE = "Helvetica", 12
VISIBLE = "Review of Jackson Smith's care plan, written for the family."
Draw = Callable[[Canvas], None]
Edit = Callable[[PdfWriter], None]


# ---- building PDFs


def page_pdf(*draws: Draw, pages: int = 1) -> bytes:
    """A PDF whose pages carry one visible line each, then whatever ``draws`` paint on page 1."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(pages):
        c.setFont(FONT, SIZE)
        c.drawString(60, 800, VISIBLE)
        if number == 0:
            for draw in draws:
                draw(c)
        c.showPage()
    c.save()
    return buffer.getvalue()


def edited(data: bytes, *edits: Edit) -> bytes:
    """``data`` rewritten by pypdf after ``edits``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for edit in edits:
        edit(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def incremental(data: bytes, *edits: Edit) -> bytes:
    """``data`` with an incremental update appended (the earlier revision stays in the file)."""
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    for edit in edits:
        edit(writer)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(data)
    return out.getvalue()


def obj(value: Any) -> PdfObject:
    """A pypdf object from plain Python: ``"/Name"``, text, numbers, lists and dicts."""
    if isinstance(value, PdfObject):
        return value
    if isinstance(value, str):
        return NameObject(value) if value.startswith("/") else TextStringObject(value)
    if isinstance(value, bool | int):
        return NumberObject(int(value))
    if isinstance(value, float):
        return FloatObject(value)
    if isinstance(value, list):
        return ArrayObject(obj(v) for v in value)
    if isinstance(value, dict):
        return DictionaryObject({NameObject(k): obj(v) for k, v in value.items()})
    raise TypeError(value)


def stream(data: bytes, **entries: Any) -> DecodedStreamObject:
    s = DecodedStreamObject()
    s.set_data(data)
    for key, value in entries.items():
        s[NameObject(f"/{key}")] = obj(value)
    return s


def annotate(*annotations: dict[str, Any], page: int = 0) -> Edit:
    def edit(writer: PdfWriter) -> None:
        target = writer.pages[page]
        annots = target.get("/Annots")
        array = annots.get_object() if annots is not None else ArrayObject()
        for entries in annotations:
            array.append(writer._add_object(obj({"/Type": "/Annot", "/Rect": [50, 500, 250, 560]} | entries)))
        target[NameObject("/Annots")] = array

    return edit


def set_root(key: str, value: Callable[[PdfWriter], PdfObject]) -> Edit:
    def edit(writer: PdfWriter) -> None:
        writer._root_object[NameObject(key)] = value(writer)

    return edit


def xmp(description: str) -> Edit:
    packet = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{description}</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()
    return set_root("/Metadata", lambda w: w._add_object(stream(packet, Type="/Metadata", Subtype="/XML")))


DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'


def form_field(name: str, value: str, hidden: bool = False) -> Edit:
    def edit(writer: PdfWriter) -> None:
        field = {"/Type": "/Annot", "/Subtype": "/Widget", "/FT": "/Tx", "/T": name, "/V": value}
        field |= {"/Rect": [60, 600, 260, 620], "/F": 2 if hidden else 4}
        ref = writer._add_object(obj(field))
        writer.pages[0][NameObject("/Annots")] = ArrayObject([ref])
        writer._root_object[NameObject("/AcroForm")] = obj({"/Fields": [ref]})

    return edit


def orphan_widget(name: str, value: str) -> Edit:
    """A field widget on the page that the form's field tree does not list."""
    widget = {"/Subtype": "/Widget", "/FT": "/Tx", "/T": name, "/V": value, "/Rect": [60, 600, 260, 620]}
    return annotate(widget)


def xfa_form(data: str) -> Edit:
    def edit(writer: PdfWriter) -> None:
        datasets = writer._add_object(stream(data.encode()))
        writer._root_object[NameObject("/AcroForm")] = obj({"/Fields": [], "/XFA": ["datasets", datasets]})

    return edit


def embedded_file_spec(writer: PdfWriter, name: str, data: bytes) -> PdfObject:
    content = writer._add_object(stream(data, Type="/EmbeddedFile"))
    return writer._add_object(obj({"/Type": "/Filespec", "/F": name, "/UF": name, "/EF": {"/F": content}}))


def attach(name: str, data: bytes) -> Edit:
    return lambda writer: writer.add_attachment(name, data)


def attach_by_annotation(name: str, data: bytes) -> Edit:
    def edit(writer: PdfWriter) -> None:
        spec = embedded_file_spec(writer, name, data)
        annotate({"/Subtype": "/FileAttachment", "/FS": spec, "/Contents": "Notes from the visit"})(writer)

    return edit


def bookmark(title: str) -> Edit:
    return lambda writer: writer.add_outline_item(title=title, page_number=0)


def text_at(x: float, y: float, text: str = NAME) -> Draw:
    return lambda c: c.drawString(x, y, text)


def box(x: float, y: float, width: float, height: float, rgb: tuple[float, float, float] = (0, 0, 0)) -> Draw:
    def draw(c: Canvas) -> None:
        c.setFillColorRGB(*rgb)
        c.rect(x, y, width, height, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)

    return draw


def coloured(x: float, y: float, rgb: tuple[float, float, float], text: str = NAME) -> Draw:
    def draw(c: Canvas) -> None:
        c.setFillColorRGB(*rgb)
        c.drawString(x, y, text)
        c.setFillColorRGB(0, 0, 0)

    return draw


def render_mode(mode: int) -> Draw:
    def draw(c: Canvas) -> None:
        t = c.beginText(60, 700)
        t.setTextRenderMode(mode)
        t.textLine(NAME)
        c.drawText(t)

    return draw


def clipped(c: Canvas) -> None:
    c.saveState()
    path = c.beginPath()
    path.rect(50, 600, 100, 30)
    c.clipPath(path, stroke=0, fill=0)
    c.drawString(60, 700, NAME)
    c.restoreState()


def image_over(c: Canvas) -> None:
    from reportlab.lib.utils import ImageReader

    c.drawString(60, 700, NAME)
    c.drawImage(ImageReader(io.BytesIO(_png())), 55, 695, width=WIDTH + 10, height=16)


def boxed_in_form(c: Canvas) -> None:
    """A box drawn through a form XObject placed with a translation, as flattening tools do."""
    c.drawString(60, 700, NAME)
    c.beginForm("box")
    c.rect(0, 0, WIDTH + 4, 14, stroke=0, fill=1)
    c.endForm()
    c.saveState()
    c.translate(58, 696)
    c.doForm("box")
    c.restoreState()


def ocr_layer(c: Canvas) -> None:
    """A scanned page made searchable: the picture, then the recognised words in render mode 3."""
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(io.BytesIO(_png())), 50, 600, width=400, height=150)
    render_mode(3)(c)


def tiny(c: Canvas) -> None:
    c.setFont(FONT, 0.5)
    c.drawString(60, 700, NAME)
    c.setFont(FONT, SIZE)


def translucent(c: Canvas) -> None:
    c.drawString(60, 700, NAME)
    c.setFillColorRGB(1, 0.9, 0)
    c.setFillAlpha(0.35)
    c.rect(58, 696, WIDTH + 4, 14, stroke=0, fill=1)
    c.setFillAlpha(1)
    c.setFillColorRGB(0, 0, 0)


def border(c: Canvas) -> None:
    c.drawString(60, 700, NAME)
    c.rect(58, 696, WIDTH + 4, 14, stroke=1, fill=0)


def grey_table_header(c: Canvas) -> None:
    box(50, 690, 400, 20, (0.85, 0.85, 0.85))(c)
    c.drawString(60, 696, "Child")
    c.drawString(200, 696, NAME)
    c.drawString(60, 676, "School")
    c.drawString(200, 676, "Hillside Primary")
    c.grid([50, 190, 450], [670, 690, 710])


WIDTH = stringWidth(NAME, FONT, SIZE)
WHITE = (1.0, 1.0, 1.0)
GREY = (0.8, 0.8, 0.8)
PREFIX = "Present: "
AFTER_PREFIX = 60 + stringWidth(PREFIX, FONT, SIZE)
LINE = f"{PREFIX}{NAME} and Sarah Jones at the meeting."


# ---- hidden text on the page


BLACK_BOX = "text under a black box"
HIDDEN_CASES = [
    pytest.param(
        [text_at(60, 700, LINE), box(AFTER_PREFIX - 1, 696, WIDTH + 2, 14)], BLACK_BOX, id="name only"
    ),
    pytest.param([text_at(60, 700), box(55, 695, 150, 16)], BLACK_BOX, id="whole line"),
    pytest.param(
        [text_at(60, 700, "First column"), text_at(300, 700), box(295, 696, 90, 14)],
        BLACK_BOX,
        id="one column",
    ),
    pytest.param([boxed_in_form], BLACK_BOX, id="box from a form XObject"),
    pytest.param([text_at(60, 700), box(55, 695, 150, 16, WHITE)], "text under a filled box", id="white box"),
    pytest.param([image_over], "text under an image", id="image over text"),
    pytest.param([coloured(60, 700, WHITE)], "white text", id="white text"),
    pytest.param(
        [box(50, 690, 300, 20, GREY), coloured(60, 700, GREY)],
        "text the same colour as its background",
        id="grey on grey",
    ),
    pytest.param([render_mode(3)], "invisible text (render mode 3)", id="render mode 3"),
    pytest.param([render_mode(7)], "invisible text (render mode 7)", id="render mode 7"),
    pytest.param([text_at(-400, 700)], "text outside the page", id="left of the page"),
    pytest.param([text_at(60, 900)], "text outside the page", id="above the page"),
    pytest.param([clipped], "text clipped away", id="clipped away"),
    pytest.param([tiny], "invisible text (too small to see)", id="half a point high"),
]

NEAR_MISSES = [
    pytest.param(
        [text_at(60, 700), box(60 + WIDTH + 2, 696, 80, 14), box(60, 712, 80, 14)], id="text next to boxes"
    ),
    pytest.param([grey_table_header], id="black text on a light grey table header"),
    pytest.param([box(55, 695, 120, 16, (1, 1, 0.6)), text_at(60, 700)], id="yellow box before black text"),
    pytest.param([box(55, 695, 120, 16), coloured(60, 700, WHITE)], id="black box before white text"),
    pytest.param([translucent], id="translucent highlight over text"),
    pytest.param([border], id="a border round the text"),
    pytest.param([ocr_layer], id="OCR text layer over a scanned picture"),
]


def blocks_of(data: bytes, tmp_path: Path, name: str = "doc.pdf") -> tuple[TextBlock, ...]:
    path = tmp_path / name
    path.write_bytes(data)
    return read(path).blocks


def hidden(blocks: tuple[TextBlock, ...]) -> list[tuple[int | None, str | None, str]]:
    return [(b.page, b.note, b.text) for b in blocks if b.part is Part.HIDDEN]


@pytest.mark.parametrize(("draws", "note"), HIDDEN_CASES)
def test_hidden_text_is_found_exactly(tmp_path: Path, draws: list[Draw], note: str) -> None:
    blocks = blocks_of(page_pdf(*draws), tmp_path)
    assert hidden(blocks) == [(1, note, NAME)]
    # The page text keeps it too: a recipient can copy it out of the page.
    assert NAME in next(b.text for b in blocks if b.part is Part.PAGE)


@pytest.mark.parametrize("draws", NEAR_MISSES)
def test_visible_text_is_not_hidden(tmp_path: Path, draws: list[Draw]) -> None:
    assert hidden(blocks_of(page_pdf(*draws), tmp_path)) == []


def test_only_the_covered_line_of_three_is_hidden(tmp_path: Path) -> None:
    lines = ["Line one about Jackson.", f"{NAME} lives nearby.", "Line three about school."]
    draws = [text_at(60, 700 - 14 * i, line) for i, line in enumerate(lines)]
    draws.append(box(58, 683, stringWidth(lines[1], FONT, SIZE) + 4, 13))
    assert hidden(blocks_of(page_pdf(*draws), tmp_path)) == [
        (1, "text under a black box", f"{NAME} lives nearby.")
    ]


def test_hidden_text_on_a_later_page_has_that_page(tmp_path: Path) -> None:
    overlay = PdfReader(io.BytesIO(page_pdf(coloured(60, 700, WHITE)))).pages[0]
    data = edited(page_pdf(pages=2), lambda w: w.pages[1].merge_page(overlay))
    assert [(page, note) for page, note, _ in hidden(blocks_of(data, tmp_path))] == [(2, "white text")]


# ---- comments, links, forms, properties, bookmarks


SQUARE = {"/Subtype": "/Square", "/Rect": [55, 695, 60 + WIDTH + 3, 711]}
STICKY = annotate({"/Subtype": "/Text", "/Contents": f"Is this {NAME}?", "/T": "Sarah Jones"})
RICH = annotate(
    {
        "/Subtype": "/FreeText",
        "/DA": "/Helv 12 Tf 0 g",
        "/RC": f"<body><p>Call <b>{NAME}</b>&apos;s school</p></body>",
    }
)
MAILTO = annotate({"/Subtype": "/Link", "/A": {"/S": "/URI", "/URI": "mailto:kelly.oneill@example.org"}})
LINK = annotate(
    {"/Subtype": "/Link", "/A": {"/S": "/URI", "/URI": "https://example.org/f?child=Tyler%20Brown"}}
)
XMP_CREATOR = xmp(
    f"<rdf:Description {DC}><dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>"
    "</rdf:Description>"
)
XMP_DESCRIPTION = xmp(
    f'<rdf:Description {DC}><dc:description><rdf:Alt><rdf:li xml:lang="x-default">About {NAME}</rdf:li>'
    "</rdf:Alt></dc:description></rdf:Description>"
)
XMP_KEYWORDS = xmp(
    f'<rdf:Description xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Keywords="{NAME}, visit"/>'
)
XMP_CUSTOM = xmp(
    f'<rdf:Description xmlns:cs="http://example.org/case/"><cs:child>{NAME}</cs:child></rdf:Description>'
)
XMP_BROKEN = xmp(f"<rdf:Description>{NAME} <broken></rdf:Description>")


def info(key: str, value: str = NAME) -> Edit:
    return lambda writer: writer.add_metadata({key: value})


META, COMMENT, HIDDEN = Part.METADATA, Part.COMMENT, Part.HIDDEN
LEFTOVER_CASES = [
    pytest.param(info("/Author"), META, None, "file property: Author", NAME, id="Author"),
    pytest.param(
        info("/Title", f"Plan for {NAME}"), META, None, "file property: Title", f"Plan for {NAME}", id="Title"
    ),
    pytest.param(info("/CaseChild"), META, None, "file property: CaseChild", NAME, id="custom property"),
    pytest.param(XMP_CREATOR, META, None, "XMP metadata: dc:creator", NAME, id="XMP dc:creator"),
    pytest.param(
        XMP_DESCRIPTION, META, None, "XMP metadata: dc:description", f"About {NAME}", id="XMP dc:description"
    ),
    pytest.param(
        XMP_KEYWORDS, META, None, "XMP metadata: pdf:Keywords", f"{NAME}, visit", id="XMP attribute"
    ),
    pytest.param(XMP_CUSTOM, META, None, "XMP metadata: cs:child", NAME, id="XMP custom namespace"),
    pytest.param(XMP_BROKEN, META, None, "XMP metadata", NAME, id="XMP that is not XML"),
    pytest.param(STICKY, COMMENT, 1, "PDF comment by Sarah Jones", f"Is this {NAME}?", id="sticky note"),
    pytest.param(
        annotate({"/Subtype": "/Text", "/Contents": "Check dates", "/T": NAME}),
        META,
        None,
        "comment author",
        NAME,
        id="comment author",
    ),
    pytest.param(RICH, COMMENT, 1, "PDF comment", f"Call {NAME}'s school", id="free text, rich text only"),
    pytest.param(
        annotate({"/Subtype": "/Highlight", "/Contents": NAME, "/C": [1, 1, 0]}),
        COMMENT,
        1,
        "PDF comment",
        NAME,
        id="highlight",
    ),
    pytest.param(annotate(SQUARE | {"/Contents": NAME}), COMMENT, 1, "PDF comment", NAME, id="square"),
    pytest.param(
        annotate({"/Subtype": "/Popup", "/Contents": NAME}), COMMENT, 1, "PDF comment", NAME, id="popup"
    ),
    pytest.param(
        annotate({"/Subtype": "/Text", "/Contents": "Call back", "/Subj": f"Re {NAME}"}),
        COMMENT,
        1,
        "PDF comment",
        f"Call back\nRe {NAME}",
        id="comment subject",
    ),
    pytest.param(
        annotate({"/Subtype": "/Redact", "/OverlayText": NAME, "/Rect": [300, 300, 400, 320]}),
        COMMENT,
        1,
        "PDF comment",
        NAME,
        id="redaction mark overlay text",
    ),
    pytest.param(MAILTO, HIDDEN, 1, "link target", "mailto:kelly.oneill@example.org", id="mailto link"),
    pytest.param(LINK, HIDDEN, 1, "link target", f"https://example.org/f?child={NAME}", id="link"),
    pytest.param(form_field("child_name", NAME), HIDDEN, None, "form field child_name", NAME, id="field"),
    pytest.param(
        form_field("old_child", NAME, hidden=True),
        HIDDEN,
        None,
        "form field old_child",
        NAME,
        id="hidden field",
    ),
    pytest.param(form_field(NAME, "yes"), HIDDEN, None, "form field names", NAME, id="field name"),
    pytest.param(
        orphan_widget("carer", NAME), HIDDEN, None, "form field carer", NAME, id="field not in the form"
    ),
    pytest.param(
        xfa_form(
            f'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><f><child>{NAME}'
            "</child><dob>2016-05-14</dob></f></xfa:data></xfa:datasets>"
        ),
        HIDDEN,
        None,
        "XFA form data",
        f"{NAME}\n2016-05-14",
        id="XFA form data",
    ),
    pytest.param(bookmark(f"{NAME} notes"), META, None, "bookmark", f"{NAME} notes", id="bookmark"),
]


@pytest.mark.parametrize(("edit", "part", "page", "note", "text"), LEFTOVER_CASES)
def test_leftover_is_read_with_part_page_and_note(
    tmp_path: Path, edit: Edit, part: Part, page: int | None, note: str, text: str
) -> None:
    blocks = blocks_of(edited(page_pdf(), edit), tmp_path)
    assert (part, page, note, text) in [(b.part, b.page, b.note, b.text) for b in blocks]


def test_timestamps_and_machine_ids_are_not_text_but_typed_dates_are(tmp_path: Path) -> None:
    dates = {"/CreationDate": "D:20160514000000Z", "/ModDate": "D:20160514000000Z", "/ChildDOB": "2016-05-14"}
    data = edited(
        page_pdf(),
        lambda w: w.add_metadata(dates),
        xmp(
            '<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:mm="http://ns.adobe.com/xap/1.0/mm/"'
            ' xmp:CreateDate="2016-05-14T00:00:00Z" mm:DocumentID="uuid:0f1e2d3c"/>'
        ),
    )
    dated = [(b.note, b.text) for b in blocks_of(data, tmp_path) if "2016" in b.text or "uuid" in b.text]
    assert dated == [("file property: ChildDOB", "2016-05-14")]


def test_a_popup_and_default_subjects_do_not_repeat_the_comment(tmp_path: Path) -> None:
    def note_with_popup(writer: PdfWriter) -> None:
        note = {"/Subtype": "/Text", "/Contents": f"Ask {NAME}", "/Subj": "Sticky Note", "/T": "SJ"}
        annotate(note)(writer)
        parent = writer.pages[0]["/Annots"][0]
        annotate({"/Subtype": "/Popup", "/Parent": parent, "/Contents": f"Ask {NAME}"})(writer)

    blocks = blocks_of(edited(page_pdf(), note_with_popup), tmp_path)
    assert [(b.note, b.text) for b in blocks if b.part is Part.COMMENT] == [
        ("PDF comment by SJ", f"Ask {NAME}")
    ]


def test_a_black_comment_box_and_a_redaction_mark_hide_text(tmp_path: Path) -> None:
    square = SQUARE | {"/IC": [0, 0, 0]}
    redact = {"/Subtype": "/Redact", "/Rect": [55, 655, 60 + WIDTH + 3, 671]}
    data = edited(page_pdf(text_at(60, 700), text_at(60, 660)), annotate(square, redact))
    assert hidden(blocks_of(data, tmp_path)) == [
        (1, "text under a black box", NAME),
        (1, "text under a redaction mark that was never applied", NAME),
    ]


def test_a_two_line_redaction_mark_covers_its_lines_not_the_text_between(tmp_path: Path) -> None:
    end = 60 + WIDTH
    quads = [60, 711, end, 711, 60, 696, end, 696, 60, 671, end, 671, 60, 656, end, 656]  # two lines
    redact = {"/Subtype": "/Redact", "/Rect": [55, 655, 400, 711], "/QuadPoints": quads}
    lines = [text_at(60, 700), text_at(60, 680, "Spare words"), text_at(60, 660)]
    blocks = blocks_of(edited(page_pdf(*lines), annotate(redact)), tmp_path)
    assert [text for _, _, text in hidden(blocks)] == [NAME, NAME]


@pytest.mark.parametrize(
    "annotation",
    [
        pytest.param(SQUARE, id="square without fill"),
        pytest.param(SQUARE | {"/IC": [1, 1, 0], "/CA": 0.5}, id="translucent square"),
        pytest.param(SQUARE | {"/IC": [0, 0, 0], "/F": 2}, id="hidden square"),
        pytest.param(
            {"/Subtype": "/Highlight", "/C": [1, 1, 0], "/Rect": SQUARE["/Rect"]}, id="yellow highlight"
        ),
    ],
)
def test_comment_shapes_that_do_not_hide_text(tmp_path: Path, annotation: dict[str, Any]) -> None:
    assert hidden(blocks_of(edited(page_pdf(text_at(60, 700)), annotate(annotation)), tmp_path)) == []


# ---- attached files


def txt_attachment_blocks(blocks: tuple[TextBlock, ...]) -> list[tuple[str | None, str | None, str]]:
    return [(b.source, b.note, b.text) for b in blocks if b.part is Part.ATTACHMENT]


@pytest.mark.parametrize(
    "how", [attach, attach_by_annotation], ids=["embedded files", "file attachment comment"]
)
def test_attached_text_file_is_read(tmp_path: Path, how: Callable[[str, bytes], Edit]) -> None:
    data = edited(page_pdf(), how("visit notes.txt", f"{NAME} attended.\n".encode()))
    found = txt_attachment_blocks(blocks_of(data, tmp_path))
    assert ("visit notes.txt", "attached visit notes.txt, main text", f"{NAME} attended.") in found
    assert any(text.startswith("Attachment: visit notes.txt") for _, _, text in found)


def test_attached_pdf_is_read_with_its_pages_and_leftovers(tmp_path: Path) -> None:
    inner = edited(page_pdf(text_at(60, 700), coloured(60, 680, WHITE, "Kelly O'Neill")), info("/Author"))
    blocks = blocks_of(edited(page_pdf(), attach("old plan.pdf", inner)), tmp_path)
    found = [
        (b.page, b.note, b.text) for b in blocks if b.part is Part.ATTACHMENT and b.source == "old plan.pdf"
    ]
    assert (None, "attached old plan.pdf, file property: Author", NAME) in found
    assert (1, "attached old plan.pdf, white text", "Kelly O'Neill") in found
    assert any(
        page == 1 and note == "attached old plan.pdf, page text" and NAME in text
        for page, note, text in found
    )


def nested(levels: int) -> bytes:
    data = page_pdf(text_at(60, 700))
    for level in range(levels, 0, -1):
        data = edited(page_pdf(), attach(f"level{level}.pdf", data))
    return data


def test_attachments_are_read_three_deep(tmp_path: Path) -> None:
    blocks = blocks_of(nested(MAX_DEPTH), tmp_path)
    deepest = [b for b in blocks if b.part is Part.ATTACHMENT and NAME in b.text]
    assert deepest[0].source == "level1.pdf > level2.pdf > level3.pdf"
    assert deepest[0].note == "attached level1.pdf, attached level2.pdf, attached level3.pdf, page text"


def test_attachments_deeper_than_the_limit_fail(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="more than 3 deep"):
        blocks_of(nested(MAX_DEPTH + 1), tmp_path)


@pytest.mark.parametrize(
    "how", [attach, attach_by_annotation], ids=["embedded files", "file attachment comment"]
)
@pytest.mark.parametrize("name", ["scan.png", "budget.xlsx", "no extension"])
def test_an_attachment_disclint_cannot_read_fails_naming_it(
    tmp_path: Path, how: Callable[[str, bytes], Edit], name: str
) -> None:
    with pytest.raises(
        ReadError, match=re.escape(f"the attached file '{name}' is a type disclint cannot read")
    ):
        blocks_of(edited(page_pdf(), how(name, b"\x89PNG data")), tmp_path)


def test_an_unreadable_attached_document_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"the attached file 'minutes\.docx' cannot be read"):
        blocks_of(edited(page_pdf(), attach("minutes.docx", b"not a zip")), tmp_path)


# ---- earlier revisions


def drop_comments(writer: PdfWriter) -> None:
    del writer.pages[0][NameObject("/Annots")]


def replace_page_text(writer: PdfWriter) -> None:
    """Keep the visible line; put another in place of the name's."""
    text = f"BT /F1 12 Tf 60 800 Td ({VISIBLE}) Tj 0 -100 Td (Jackson attended the review.) Tj ET"
    writer.pages[0].replace_contents(stream(text.encode()))


def drop_attachments(writer: PdfWriter) -> None:
    del writer._root_object[NameObject("/Names")]


def rename_author(writer: PdfWriter) -> None:
    writer.add_metadata({"/Author": "Sarah Jones"})


DELETED = "earlier revision 1 of the PDF, "
ATTENDED = f"{NAME} attended the review."
REVISION_CASES = [
    pytest.param(
        page_pdf(text_at(60, 700, ATTENDED)),
        replace_page_text,
        [(1, DELETED + "page text", ATTENDED)],
        id="page text",
    ),
    pytest.param(
        edited(page_pdf(), annotate({"/Subtype": "/Text", "/Contents": f"Ask {NAME}", "/T": "SJ"})),
        drop_comments,
        [(1, DELETED + "PDF comment by SJ", f"Ask {NAME}"), (None, DELETED + "comment author", "SJ")],
        id="comment deleted",
    ),
    pytest.param(
        edited(page_pdf(), attach("notes.txt", f"{ATTENDED}\n".encode())),
        drop_attachments,
        [
            (None, DELETED + "attachment name", "Attachment: notes.txt"),
            (None, DELETED + "attached notes.txt, main text", ATTENDED),
        ],
        id="attachment removed",
    ),
    pytest.param(
        edited(page_pdf(), info("/Author")),
        rename_author,
        [(None, DELETED + "file property: Author", NAME)],
        id="author",
    ),
]


@pytest.mark.parametrize(("original", "edit", "expected"), REVISION_CASES)
def test_text_of_an_earlier_revision_is_read_as_deleted(
    tmp_path: Path, original: bytes, edit: Edit, expected: list[tuple[int | None, str, str]]
) -> None:
    data = incremental(original, edit)
    assert len(revision_ends(data)) == 2
    blocks = blocks_of(data, tmp_path)
    assert [(b.page, b.note, b.text) for b in blocks if b.part is Part.DELETED] == expected
    assert not [b for b in blocks if b.part is not Part.DELETED and NAME in b.text]


def test_revisions_are_numbered_and_unchanged_text_is_not_repeated(tmp_path: Path) -> None:
    first = edited(page_pdf(text_at(60, 700, ATTENDED)), info("/Author", "Kelly O'Neill"))
    second = incremental(first, rename_author)
    third = incremental(second, replace_page_text)
    blocks = blocks_of(third, tmp_path)
    assert [(b.note, b.text) for b in blocks if b.part is Part.DELETED] == [
        (DELETED + "page text", ATTENDED),
        (DELETED + "file property: Author", "Kelly O'Neill"),
    ]


def test_a_single_revision_has_no_deleted_text(tmp_path: Path) -> None:
    data = page_pdf(text_at(60, 700))
    assert len(revision_ends(data)) == 1
    assert not [b for b in blocks_of(data, tmp_path) if b.part is Part.DELETED]


@pytest.mark.parametrize(
    "trailer",
    [b"startxref\n0\n%%EOF\n", b"startxref\n99999999\n%%EOF\n", b"startxref\n3\n%%EOF\n"],
    ids=["linearized first trailer", "offset past the end", "offset not at a cross-reference"],
)
def test_only_real_cross_references_end_a_revision(trailer: bytes) -> None:
    data = page_pdf()
    at = data.index(b"%%EOF") + 6
    assert revision_ends(data[:at] + b"1 0 obj\n" + trailer) == revision_ends(data)


# ---- failing closed


def test_a_pdf_encrypted_without_a_user_password_is_read_in_full(tmp_path: Path) -> None:
    def encrypt(writer: PdfWriter) -> None:
        writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")

    data = edited(page_pdf(coloured(60, 700, WHITE)), info("/Author"), encrypt)
    blocks = [(b.part, b.note, b.text) for b in blocks_of(data, tmp_path)]
    assert (Part.HIDDEN, "white text", NAME) in blocks
    assert (Part.METADATA, "file property: Author", NAME) in blocks


def test_a_pdf_pdfium_cannot_check_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*_: object) -> None:
        raise HiddenTextError("damaged page tree")

    monkeypatch.setattr("disclint.readers.pdf.find_hidden", refuse)
    with pytest.raises(ReadError, match=r"cannot be checked for hidden text \(damaged page tree\)"):
        read_bytes(Path("x.pdf"), page_pdf())


def test_pdfium_and_pypdf_must_see_the_same_pages() -> None:
    from disclint.readers.pdf_hidden import find_hidden

    with pytest.raises(HiddenTextError, match="PDFium reads 1 pages where pypdf reads 2"):
        find_hidden(page_pdf(), {}, 2)


# ---- end to end: the foreign-name rule finds the name in each place


NOTES = f"{NAME} attended.".encode()
E2E_CASES = [
    pytest.param(page_pdf(*HIDDEN_CASES[0].values[0]), "foreign-name", "hidden", id="under a black box"),
    pytest.param(page_pdf(coloured(60, 700, WHITE)), "foreign-name", "hidden", id="white text"),
    pytest.param(page_pdf(render_mode(3)), "foreign-name", "hidden", id="render mode 3"),
    pytest.param(page_pdf(text_at(-400, 700)), "foreign-name", "hidden", id="outside the page"),
    pytest.param(edited(page_pdf(), info("/Author")), "foreign-name", "metadata", id="file property"),
    pytest.param(edited(page_pdf(), XMP_CREATOR), "foreign-name", "metadata", id="XMP"),
    pytest.param(edited(page_pdf(), STICKY), "foreign-name", "comment", id="sticky note"),
    pytest.param(edited(page_pdf(), RICH), "foreign-name", "comment", id="rich-text comment"),
    pytest.param(edited(page_pdf(), MAILTO), "foreign-identifier", "hidden", id="mailto link"),
    pytest.param(edited(page_pdf(), LINK), "foreign-name", "hidden", id="link"),
    pytest.param(
        edited(page_pdf(), form_field("child_name", NAME)), "foreign-name", "hidden", id="form field"
    ),
    pytest.param(edited(page_pdf(), bookmark(NAME)), "foreign-name", "metadata", id="bookmark"),
    pytest.param(
        edited(page_pdf(), attach("n.txt", NOTES)), "foreign-name", "attachment", id="attached file"
    ),
    pytest.param(
        edited(page_pdf(), attach_by_annotation("n.txt", NOTES)),
        "foreign-name",
        "attachment",
        id="attached by comment",
    ),
    pytest.param(
        incremental(page_pdf(text_at(60, 700, ATTENDED)), replace_page_text),
        "foreign-name",
        "deleted",
        id="earlier revision",
    ),
]


@pytest.mark.parametrize(("data", "rule", "part"), E2E_CASES)
def test_a_foreign_name_in_each_place_fails_the_check(
    tmp_path: Path, check_json: Callable[..., tuple[int, dict[str, Any]]], data: bytes, rule: str, part: str
) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    code, report = check_json(path)
    document = report["documents"][0]
    assert (code, document["status"]) == (1, "fail"), document["error"]
    found = [(f["rule"], f["location"]["part"]) for f in document["findings"]]
    assert (rule, part) in found
    assert any(f["details"].get("case") == "1002" for f in document["findings"] if f["rule"] == rule)


def test_a_clean_pdf_with_leftovers_of_its_own_case_passes(
    tmp_path: Path, check_json: Callable[..., tuple[int, dict[str, Any]]]
) -> None:
    data = edited(
        page_pdf(coloured(60, 700, (1, 1, 1), "Jackson Smith")),
        annotate({"/Subtype": "/Text", "/Contents": "Jackson Smith's plan", "/T": "Sarah Jones"}),
        bookmark("Jackson Smith"),
    )
    path = tmp_path / "clean.pdf"
    path.write_bytes(data)
    _, report = check_json(path, extra=("--select", "foreign-name,foreign-identifier"))
    assert report["documents"][0]["status"] == "pass"
