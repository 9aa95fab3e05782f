"""Text that is in a PDF but that a viewer does not show, found from the page's objects with PDFium.

A recipient can still copy, search or extract such text: a name under a black box drawn over it (a
"redaction" that removed nothing), white text on a white page, text in the same colour as the box
behind it, invisible text (render mode 3), text outside the page or clipped away, and text too small
to see. The PDF's painting order decides: a box painted *after* the text covers it; text painted
after a box (a grey table header with black text on it) is visible. Invisible text over a picture is
the OCR layer of a scanned page, not concealment: the picture shows the same words.

PDFium gives every character its glyph box and the page object that drew it, and every object its
painting order, fill colour, render mode and clip path, so a covered character is located exactly.
pypdf's text callbacks give a text matrix per chunk but no glyph widths (and lose the form
XObject's position), so they can only guess which characters of a line a box covers.
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# A character box is in the PDF's user space: left, bottom, right, top.
Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
RGB = tuple[int, int, int]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

NOTE_INVISIBLE = "invisible text (render mode {mode})"
NOTE_TRANSPARENT = "invisible text (fully transparent)"
NOTE_OUTSIDE = "text outside the page"
NOTE_CLIPPED = "text clipped away"
NOTE_BLACK_BOX = "text under a black box"
NOTE_FILLED_BOX = "text under a filled box"
NOTE_IMAGE = "text under an image"
NOTE_REDACT_MARK = "text under a redaction mark that was never applied"
NOTE_WHITE = "white text"
NOTE_SAME_COLOUR = "text the same colour as its background"
NOTE_TINY = "invisible text (too small to see)"

# A character counts as covered when a box hides this much of its glyph box, and as outside the page
# or clipped away when less than half of it shows: a glyph cut in two is still partly readable.
COVERED_FRACTION = 0.75
SHOWN_FRACTION = 0.5
# Channels (0-255) this close count as the same colour: the eye cannot tell them apart on screen.
SAME_COLOUR = 16
# Darker than this in every channel is a "black" box.
DARK = 64
# Text smaller than this (points, after scaling) cannot be read on screen or paper.
TINY_POINTS = 1.0
# Forms nested deeper than this are refused rather than half-checked.
MAX_FORM_DEPTH = 32

_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_*; shadings (4) are not covers
_SEGMENT_BEZIER, _SEGMENT_MOVE = 1, 2
_FILL_MODES = frozenset({0, 4})  # render modes that paint glyphs with the fill colour only
_INVISIBLE_MODES = frozenset({3, 7})
# PDFium is not thread-safe: one document at a time, whatever thread reads it.
_PDFIUM = threading.Lock()


class HiddenTextError(Exception):
    """The page objects could not be read, so hidden text cannot be ruled out."""


@dataclass(frozen=True)
class Cover:
    """An opaque area painted over a page: a filled box, an image or a box-shaped annotation.

    ``order`` is its place in the painting order (annotations paint after all page content);
    ``colour`` is ``None`` where it is not one colour (an image).
    """

    box: Box
    order: int
    colour: RGB | None
    kind: str = "box"


@dataclass(frozen=True)
class HiddenRun:
    """A run of characters on one page that a viewer does not show, and why."""

    page: int
    note: str
    text: str


@dataclass
class _TextObject:
    """What decides whether a text object's characters show."""

    order: int
    bounds: Box
    mode: int
    colour: RGB
    alpha: int
    clip: Box | None


@dataclass
class _Page:
    texts: dict[int, _TextObject] = field(default_factory=dict)
    covers: list[Cover] = field(default_factory=list)
    order: int = 0


def find_hidden(data: bytes, annotation_covers: Mapping[int, Sequence[Cover]], pages: int) -> list[HiddenRun]:
    """Every run of hidden text in the PDF ``data``; ``annotation_covers`` by 1-based page number.

    Raises :class:`HiddenTextError` if PDFium cannot open the file, sees another number of pages than
    ``pages`` (what pypdf read), or cannot read a page's objects: hidden text is then not ruled out.
    """
    with _PDFIUM:
        return _find_hidden(data, annotation_covers, pages)


def _find_hidden(
    data: bytes, annotation_covers: Mapping[int, Sequence[Cover]], pages: int
) -> list[HiddenRun]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    if not hasattr(raw, "FPDFText_GetTextObject"):  # PDFium from 2024 on; pypdfium2 5 bundles it
        raise HiddenTextError("the installed pypdfium2 is too old: install pypdfium2 5 or later")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise HiddenTextError(str(exc)) from None
    try:
        if len(document) != pages:
            raise HiddenTextError(f"PDFium reads {len(document)} pages where pypdf reads {pages}")
        runs: list[HiddenRun] = []
        for index in range(len(document)):
            page = document[index]
            try:
                runs.extend(_page_hidden(page, index + 1, annotation_covers.get(index + 1, ())))
            finally:
                page.close()
        return runs
    except pdfium.PdfiumError as exc:
        raise HiddenTextError(str(exc)) from None
    finally:
        document.close()


def _page_hidden(page: Any, number: int, extra: Sequence[Cover]) -> list[HiddenRun]:
    import pypdfium2.raw as raw

    collected = _Page()
    _walk(raw, page.raw, None, IDENTITY, False, collected, 0)
    covers = collected.covers + [
        Cover(c.box, collected.order + 1 + n, c.colour, c.kind) for n, c in enumerate(extra)
    ]
    left, bottom, right, top = page.get_cropbox()
    pagebox = (min(left, right), min(bottom, top), max(left, right), max(bottom, top))
    suspects = {handle: text for handle, text in collected.texts.items() if _suspect(text, covers, pagebox)}
    if not suspects:
        return []
    textpage = page.get_textpage()
    try:
        return _runs(raw, textpage, number, suspects, covers, pagebox)
    finally:
        textpage.close()


def _walk(
    raw: Any, parent: Any, form: Any, matrix: Matrix, translucent: bool, out: _Page, depth: int
) -> None:
    """Collect text objects and opaque covers in painting order, in page space."""
    if depth > MAX_FORM_DEPTH:
        raise HiddenTextError(f"form objects are nested more than {MAX_FORM_DEPTH} deep")
    count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(parent)
    if count < 0:
        raise HiddenTextError("the page objects cannot be counted")
    for index in range(count):
        obj = (
            raw.FPDFFormObj_GetObject(form, index)
            if form is not None
            else raw.FPDFPage_GetObject(parent, index)
        )
        if not obj:
            raise HiddenTextError("a page object cannot be read")
        out.order += 1
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _FORM:
            inner = _multiply(_object_matrix(raw, obj), matrix)
            see_through = translucent or bool(raw.FPDFPageObj_HasTransparency(obj))
            _walk(raw, parent, obj, inner, see_through, out, depth + 1)
        elif kind == _TEXT:
            colour, alpha = _fill(raw, obj)
            out.texts[_address(obj)] = _TextObject(
                out.order,
                _transform_box(_bounds(raw, obj), matrix),
                raw.FPDFTextObj_GetTextRenderMode(obj),
                colour,
                alpha,
                _clip_box(raw, obj, matrix),
            )
        elif not translucent and not raw.FPDFPageObj_HasTransparency(obj):
            if kind == _PATH:
                out.covers.extend(_path_covers(raw, obj, matrix, out.order))
            elif kind == _IMAGE and _axis_aligned(_multiply(_object_matrix(raw, obj), matrix)):
                box = _clipped(_transform_box(_bounds(raw, obj), matrix), _clip_box(raw, obj, matrix))
                if box is not None:
                    out.covers.append(Cover(box, out.order, None, "image"))


def _path_covers(raw: Any, obj: Any, matrix: Matrix, order: int) -> Iterator[Cover]:
    """The filled, opaque, axis-aligned rectangles of a path object (other shapes are not covers)."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke) or fill_mode.value == 0:
        return
    colour, alpha = _fill(raw, obj)
    if alpha < 255:
        return
    full = _multiply(_object_matrix(raw, obj), matrix)
    if not _axis_aligned(full):
        return
    subpaths = _subpaths(raw, obj)
    # With the even-odd rule, one rectangle inside another is a hole: do not guess which is which.
    if fill_mode.value == 1 and len(subpaths) > 1:
        return
    clip = _clip_box(raw, obj, matrix)
    for points in subpaths:
        rectangle = _rectangle(points)
        if rectangle is None:
            continue
        box = _clipped(_transform_box(rectangle, full), clip)
        if box is not None:
            yield Cover(box, order, colour, "box")


def _subpaths(raw: Any, obj: Any) -> list[list[tuple[float, float]] | None]:
    """The points of each subpath; ``None`` for a subpath with curves."""
    subpaths: list[list[tuple[float, float]] | None] = []
    current: list[tuple[float, float]] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        if kind == _SEGMENT_BEZIER:
            if subpaths:
                subpaths[-1] = None
            current = None
        elif kind == _SEGMENT_MOVE or not subpaths:
            current = [(x.value, y.value)]
            subpaths.append(current)
        elif current is not None:
            current.append((x.value, y.value))
    return subpaths


def _rectangle(points: list[tuple[float, float]] | None) -> Box | None:
    """The box of an axis-aligned rectangle given by its corner points, else ``None``."""
    if points is None or not 4 <= len(points) <= 6:
        return None
    xs = sorted({round(x, 2) for x, _ in points})
    ys = sorted({round(y, 2) for _, y in points})
    if len(xs) != 2 or len(ys) != 2:
        return None
    return (xs[0], ys[0], xs[1], ys[1])


def _suspect(text: _TextObject, covers: Sequence[Cover], pagebox: Box) -> bool:
    """Whether any character of the object could be hidden: a cheap test that skips most objects."""
    if text.mode in _INVISIBLE_MODES or (text.alpha == 0 and text.mode in _FILL_MODES):
        return True
    bounds = text.bounds
    if not _contains(pagebox, bounds) or (text.clip is not None and not _contains(text.clip, bounds)):
        return True
    if bounds[3] - bounds[1] < TINY_POINTS:
        return True
    for cover in covers:
        if _overlap(cover.box, bounds) <= 0:
            continue
        if cover.order > text.order:
            return True
        if cover.colour is not None and _same_colour(cover.colour, text.colour):
            return True
    return text.mode in _FILL_MODES and _same_colour(text.colour, (255, 255, 255))


def _runs(
    raw: Any,
    textpage: Any,
    number: int,
    suspects: Mapping[int, _TextObject],
    covers: Sequence[Cover],
    pagebox: Box,
) -> list[HiddenRun]:
    """Group the hidden characters of a page into runs of one reason each."""
    runs: list[HiddenRun] = []
    current: tuple[str, int, int] | None = None  # note, first index, last index

    def close() -> None:
        if current is not None:
            note, first, last = current
            text = textpage.get_text_range(first, last - first + 1).replace("\r\n", "\n").strip()
            # Stray punctuation past a margin (an overfull line) can carry no name or number.
            if any(c.isalnum() for c in text):
                runs.append(HiddenRun(number, note, text))

    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage, index))
        obj = raw.FPDFText_GetTextObject(textpage, index)
        text = suspects.get(_address(obj)) if obj else None
        if char.isspace() or not obj:
            continue  # spaces and generated line breaks join the characters either side
        note = _reason(raw, textpage, index, text, covers, pagebox) if text is not None else None
        if note is None:
            close()
            current = None
        elif current is not None and current[0] == note:
            current = (note, current[1], index)
        else:
            close()
            current = (note, index, index)
    close()
    return runs


def _reason(
    raw: Any, textpage: Any, index: int, text: _TextObject, covers: Sequence[Cover], pagebox: Box
) -> str | None:
    """Why character ``index`` does not show, or ``None`` if it does."""
    box = textpage.get_charbox(index)
    if box[2] - box[0] <= 0 or box[3] - box[1] <= 0:
        return None  # a glyph with no ink (a space drawn as a character)
    if text.mode in _INVISIBLE_MODES or (text.alpha == 0 and text.mode in _FILL_MODES):
        # Invisible text on a picture is the OCR layer of a scan: the picture shows the same words.
        if any(c.kind == "image" and _shown(box, c.box) >= COVERED_FRACTION for c in covers):
            return None
        return (
            NOTE_TRANSPARENT if text.mode not in _INVISIBLE_MODES else NOTE_INVISIBLE.format(mode=text.mode)
        )
    if _shown(box, pagebox) < SHOWN_FRACTION:
        return NOTE_OUTSIDE
    if text.clip is not None and _shown(box, text.clip) < SHOWN_FRACTION:
        return NOTE_CLIPPED
    background: Cover | None = None
    for cover in covers:
        if cover.order > text.order and _shown(box, cover.box) >= COVERED_FRACTION:
            if cover.kind == "redact":
                return NOTE_REDACT_MARK
            if cover.colour is None:
                return NOTE_IMAGE
            return NOTE_BLACK_BOX if max(cover.colour) < DARK else NOTE_FILLED_BOX
        if cover.order < text.order and _shown(box, cover.box) >= SHOWN_FRACTION:
            background = cover  # the last box painted before the text is the one behind it
    if text.mode in _FILL_MODES:
        behind = (255, 255, 255) if background is None else background.colour
        if behind is not None and _same_colour(text.colour, behind):
            return NOTE_WHITE if min(text.colour) > 255 - SAME_COLOUR else NOTE_SAME_COLOUR
    if _font_points(raw, textpage, index) < TINY_POINTS:
        return NOTE_TINY
    return None


def _font_points(raw: Any, textpage: Any, index: int) -> float:
    """The size a character is drawn at, in points, after every scaling."""
    size = float(raw.FPDFText_GetFontSize(textpage, index))
    m = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(textpage, index, m):
        return size
    return size * math.sqrt(abs(float(m.a * m.d - m.b * m.c)))


# ---- geometry and PDFium access


def _address(obj: Any) -> int:
    return int(ctypes.cast(obj, ctypes.c_void_p).value or 0)


def _bounds(raw: Any, obj: Any) -> Box:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        raise HiddenTextError("a page object has no bounds")
    return (left.value, bottom.value, right.value, top.value)


def _fill(raw: Any, obj: Any) -> tuple[RGB, int]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return (0, 0, 0), 255  # no colour set: PDF's default fill is opaque black
    return (r.value, g.value, b.value), a.value


def _object_matrix(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _clip_box(raw: Any, obj: Any, matrix: Matrix) -> Box | None:
    """The bounding box of an object's clip path in page space; ``None`` when it is not clipped."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    xs: list[float] = []
    ys: list[float] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and raw.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
    if not xs:
        return None
    return _transform_box((min(xs), min(ys), max(xs), max(ys)), matrix)


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then`` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _axis_aligned(m: Matrix) -> bool:
    return (abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6) or (abs(m[0]) < 1e-6 and abs(m[3]) < 1e-6)


def _transform_box(box: Box, m: Matrix) -> Box:
    if m == IDENTITY:
        return box
    a, b, c, d, e, f = m
    corners = [(x * a + y * c + e, x * b + y * d + f) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _shown(box: Box, area: Box) -> float:
    """The fraction of ``box`` that lies inside ``area``."""
    size = (box[2] - box[0]) * (box[3] - box[1])
    return _overlap(box, area) / size if size > 0 else 1.0


def _contains(outer: Box, inner: Box, slack: float = 0.5) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def _clipped(box: Box, clip: Box | None) -> Box | None:
    if clip is None:
        return box
    clipped = (max(box[0], clip[0]), max(box[1], clip[1]), min(box[2], clip[2]), min(box[3], clip[3]))
    return clipped if clipped[0] < clipped[2] and clipped[1] < clipped[3] else None


def _same_colour(a: RGB, b: RGB) -> bool:
    return all(abs(x - y) <= SAME_COLOUR for x, y in zip(a, b, strict=True))
