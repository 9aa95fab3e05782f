"""Build test documents in code: raw .docx packages (full control of the XML), PDFs, manifests."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROOT_ATTRS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def p(*runs: str) -> str:
    """A paragraph of plain runs (strings) or raw run XML (strings starting with '<')."""
    return "<w:p>" + "".join(r if r.startswith("<") else run(r) for r in runs) + "</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def ins(text: str) -> str:
    return f'<w:ins w:id="91" w:author="A. Writer" w:date="2025-01-01T00:00:00Z">{run(text)}</w:ins>'


def deleted(text: str) -> str:
    return (
        '<w:del w:id="92" w:author="A. Writer" w:date="2025-01-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def cell(*paragraphs: str, merge: str | None = None) -> str:
    props = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge == "restart" else ""
    if merge == "continue":
        props = "<w:tcPr><w:vMerge/></w:tcPr>"
    return f"<w:tc>{props}{''.join(paragraphs) or p('')}</w:tc>"


def table(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def docx(
    path: Path,
    body: list[str],
    headers: dict[str, list[str]] | None = None,
    footers: dict[str, list[str]] | None = None,
    footnotes: list[list[str]] | None = None,
    endnotes: list[list[str]] | None = None,
    comments: list[tuple[str, list[str]]] | None = None,
) -> Path:
    """Write a .docx whose parts hold exactly the given XML; ``headers``: default/first/even -> body."""
    parts: dict[str, str] = {}
    rels: list[tuple[str, str, str]] = []
    refs = []
    for kind, items in (("header", headers or {}), ("footer", footers or {})):
        for n, (htype, content) in enumerate(items.items(), start=1):
            name = f"{kind}{n}.xml"
            rid = f"rId{kind}{n}"
            tag = "hdr" if kind == "header" else "ftr"
            parts[f"word/{name}"] = f"<w:{tag} {ROOT_ATTRS}>{''.join(content)}</w:{tag}>"
            rels.append((rid, f"{REL}/{kind}", name))
            refs.append(f'<w:{kind}Reference w:type="{htype}" r:id="{rid}"/>')
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes is None:
            continue
        xml = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>']
        for n, content in enumerate(notes, start=1):
            xml.append(f'<w:{kind} w:id="{n}">{"".join(content)}</w:{kind}>')
        parts[f"word/{kind}s.xml"] = f"<w:{kind}s {ROOT_ATTRS}>{''.join(xml)}</w:{kind}s>"
        rels.append((f"rId{kind}s", f"{REL}/{kind}s", f"{kind}s.xml"))
    if comments is not None:
        xml = [
            f'<w:comment w:id="{n}" w:author="{escape(author)}">{"".join(content)}</w:comment>'
            for n, (author, content) in enumerate(comments)
        ]
        parts["word/comments.xml"] = f"<w:comments {ROOT_ATTRS}>{''.join(xml)}</w:comments>"
        rels.append(("rIdcomments", f"{REL}/comments", "comments.xml"))
    title_pg = "<w:titlePg/>" if (headers and "first" in headers) or (footers and "first" in footers) else ""
    sect = f"<w:sectPr>{''.join(refs)}{title_pg}</w:sectPr>"
    parts["word/document.xml"] = (
        f"<w:document {ROOT_ATTRS}><w:body>{''.join(body)}{sect}</w:body></w:document>"
    )
    doc_rels = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{n}"/>' for i, t, n in rels)
    parts["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{doc_rels}</Relationships>'
    )
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    path.write_bytes(buffer.getvalue())
    return path


def pdf(path: Path, pages: list[list[str]], image_only: bool = False, password: str | None = None) -> Path:
    """A PDF with one list of lines per page (reportlab), or a page that is only an image."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for lines in pages:
        if image_only:
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(io.BytesIO(_png())), 50, 400, width=400, height=300)
        else:
            y = 800
            for line in lines:
                c.drawString(60, y, line)
                y -= 16
        c.showPage()
    c.save()
    data = buffer.getvalue()
    if password is not None:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
        writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def _png() -> bytes:
    """A small grey PNG made by hand (a 'scan')."""
    import struct
    import zlib

    width = height = 40
    raw = b"".join(b"\x00" + bytes([(x * 7 + y * 3) % 256 for x in range(width)]) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


SMITH = {
    "case": "1001",
    "title": "Smith family",
    "references": ["LA-2025-1001", "BV25C01001"],
    "subjects": [
        {
            "name": "Jackson Smith",
            "role": "child",
            "aliases": ["Jack Smith", "Jacko"],
            "dob": "2015-03-02",
            "nhs_number": "943 476 5919",
            "email": "jackie.smith@example.org",
            "phone": "07700 900123",
            "address": "12 High Street, Truro TR1 2AB",
        },
        {"name": "Jackie Smith", "role": "mother", "email": "jackie.smith@example.org"},
        {"name": "Lee Smith", "role": "father (no contact)", "email": "lee.smith@example.org"},
    ],
    "professionals": [
        {
            "name": "Sarah Jones",
            "role": "Social Worker",
            "organisation": "Example Council",
            "email": "sarah.jones@council.example.org",
        },
        {"name": "Priya Shah", "role": "Independent Reviewing Officer"},
    ],
    "recipients": ["jackie.smith@example.org"],
    "allow": ["Truro", "Little Acorns Nursery"],
    "withhold": [
        {"text": "Carol Hughes", "reason": "foster carer"},
        {"text": "4 Mill Lane, Taunton TA1 4XY", "reason": "placement address"},
        {"text": "carol.hughes@example.net", "reason": "foster carer's email"},
    ],
}
BROWN = {
    "case": "1002",
    "title": "Brown family",
    "references": ["LA-2025-1002", "BV25C01002"],
    "subjects": [
        {
            "name": "Tyler Brown",
            "role": "child",
            "aliases": ["Ty Brown", "Tyler-James Brown"],
            "dob": "2016-05-14",
            "nhs_number": "401 023 2137",
            "address": "3 Mill Lane, Truro TR2 5XY",
        },
        {
            "name": "Kelly O'Neill",
            "role": "mother",
            "email": "kelly.oneill@example.org",
            "phone": "07700 900456",
        },
        {"name": "Zoë Smith-Hart", "role": "half-sibling"},
    ],
    "professionals": [{"name": "Priya Shah", "role": "Independent Reviewing Officer"}],
}
PATEL = {
    "case": "1003",
    "title": "Patel family",
    "references": ["LA-2025-1003"],
    "subjects": [
        {"name": "Sarah Jones", "role": "grandmother"},
        {"name": "Ravi Patel", "role": "child", "dob": "2019-11-30"},
        {"name": "Amy Patel", "role": "mother", "email": "amy.patel@example.com"},
    ],
    "professionals": [{"name": "Tom Baker", "role": "Health Visitor"}],
}
HUGHES = {
    "case": "1004",
    "title": "Hughes family",
    "subjects": [{"name": "Mason Hughes", "role": "child", "aliases": ["Mase"]}],
    "professionals": [{"name": "Sarah Jones", "role": "Social Worker"}],
}
ALL_CASES = [SMITH, BROWN, PATEL, HUGHES]


def write_cases(folder: Path, manifests: list[dict[str, object]] = ALL_CASES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for manifest in manifests:
        (folder / f"{manifest['case']}.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), "utf-8")
    return folder


# Hidden places of a Word document (issue 3): raw XML for each, and extra parts for a package.

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
VML_NS = "urn:schemas-microsoft-com:vml"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def hidden_run(text: str, val: str | None = None) -> str:
    """A run hidden by direct formatting; ``val`` is written as ``w:val`` ("0" shows it again)."""
    attr = f' w:val="{val}"' if val is not None else ""
    return f"<w:r><w:rPr><w:vanish{attr}/></w:rPr>{_t(text)}</w:r>"


def spec_hidden_run(text: str) -> str:
    return f"<w:r><w:rPr><w:specVanish/></w:rPr>{_t(text)}</w:r>"


def styled_run(text: str, style: str) -> str:
    """A run in character style ``style``."""
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr>{_t(text)}</w:r>'


def styled_p(style: str | None, *runs: str, mark_hidden: bool = False) -> str:
    """A paragraph in paragraph style ``style``; ``mark_hidden`` hides only its paragraph mark."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if mark_hidden:
        props += "<w:rPr><w:vanish/></w:rPr>"
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p><w:pPr>{props}</w:pPr>{body}</w:p>"


def deleted_by(text: str, author: str) -> str:
    return (
        f'<w:del w:id="93" w:author="{escape(author)}" w:date="2025-01-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def moved_from(text: str, author: str = "A. Writer") -> str:
    """Text moved away by a tracked move (its new place is a ``w:moveTo`` elsewhere)."""
    return (
        f'<w:moveFrom w:id="94" w:author="{escape(author)}" w:date="2025-01-01T00:00:00Z">'
        f"<w:r>{_t(text)}</w:r></w:moveFrom>"
    )


def field(instruction: str, result: str) -> str:
    """A complex field: its instruction (hidden) and the result Word shows."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def simple_field(instruction: str, result: str) -> str:
    return f'<w:fldSimple w:instr="{escape(instruction, {chr(34): "&quot;"})}">{run(result)}</w:fldSimple>'


def picture(descr: str = "", title: str = "") -> str:
    """An inline picture whose ``wp:docPr`` (and ``pic:cNvPr``) carry a description and a title."""
    attrs = f'descr="{escape(descr)}" title="{escape(title)}"'
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}"><wp:extent cx="1" cy="1"/>'
        f'<wp:docPr id="1" name="Picture 1" {attrs}/>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
        f'<pic:nvPicPr><pic:cNvPr id="0" name="photo.png" {attrs}/></pic:nvPicPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def vml_shape(alt: str) -> str:
    """A legacy VML picture (``w:pict``/``v:shape``) with alternative text."""
    return f'<w:r><w:pict><v:shape xmlns:v="{VML_NS}" id="s1" alt="{escape(alt)}"/></w:pict></w:r>'


def control(content: str, alias: str = "", tag: str = "", choices: tuple[str, ...] = ()) -> str:
    """A block-level content control around ``content`` (paragraphs), with title, tag and choices."""
    props = f'<w:alias w:val="{escape(alias)}"/>' if alias else ""
    props += f'<w:tag w:val="{escape(tag)}"/>' if tag else ""
    if choices:
        items = "".join(f'<w:listItem w:displayText="{escape(c)}" w:value="{escape(c)}"/>' for c in choices)
        props += f"<w:dropDownList>{items}</w:dropDownList>"
    return f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def hyperlink(rel_id: str, text: str) -> str:
    """A link whose target is relationship ``rel_id`` of the part (see :class:`Rel`)."""
    return f'<w:hyperlink r:id="{rel_id}">{run(text)}</w:hyperlink>'


def style(
    style_id: str, kind: str = "paragraph", based_on: str | None = None, vanish: str | None = None
) -> str:
    """A ``w:style``; ``vanish`` is "" for ``<w:vanish/>`` or the ``w:val`` to write."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    hide = "" if vanish is None else ("<w:vanish/>" if vanish == "" else f'<w:vanish w:val="{vanish}"/>')
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{style_id}"/>{based}'
        f"<w:rPr>{hide}</w:rPr></w:style>"
    )


def styles_part(*styles: str, hidden_by_default: bool = False) -> str:
    defaults = "<w:vanish/>" if hidden_by_default else ""
    return (
        f"<w:styles {ROOT_ATTRS}><w:docDefaults><w:rPrDefault><w:rPr>{defaults}</w:rPr></w:rPrDefault>"
        f"</w:docDefaults>{''.join(styles)}</w:styles>"
    )


_CORE_PREFIX = {"creator": "dc", "title": "dc", "subject": "dc", "description": "dc", "identifier": "dc"}


def core_part(**values: str) -> str:
    """``docProps/core.xml`` with the given elements (``creator``, ``lastModifiedBy``, ``keywords``…)."""
    items = "".join(
        f"<{_CORE_PREFIX.get(k, 'cp')}:{k}>{escape(v)}</{_CORE_PREFIX.get(k, 'cp')}:{k}>"
        for k, v in values.items()
    )
    return (
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'{items}<dcterms:created xsi:type="dcterms:W3CDTF">2016-05-14T00:00:00Z</dcterms:created>'
        "</cp:coreProperties>"
    )


def app_part(**values: str) -> str:
    """``docProps/app.xml`` with the given elements (``Company``, ``Manager``, ``Template``…)."""
    items = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in values.items())
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>Microsoft Office Word</Application>{items}</Properties>"
    )


def custom_part(values: dict[str, str]) -> str:
    """``docProps/custom.xml`` with one text property per item."""
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{n}" name="{escape(k)}">'
        f"<vt:lpwstr>{escape(v)}</vt:lpwstr></property>"
        for n, (k, v) in enumerate(values.items(), start=2)
    )
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>'
    )


def settings_part(variables: dict[str, str]) -> str:
    """``word/settings.xml`` with document variables."""
    items = "".join(f'<w:docVar w:name="{escape(k)}" w:val="{escape(v)}"/>' for k, v in variables.items())
    return f"<w:settings {ROOT_ATTRS}><w:docVars>{items}</w:docVars></w:settings>"


@dataclass(frozen=True)
class Rel:
    """A relationship to add: from part ``source`` ("" for the package), of ``type`` (the last word of
    an officeDocument relationship type, or a full URI), to ``target`` as written in the .rels."""

    source: str
    type: str
    target: str
    id: str = ""
    external: bool = False


def with_parts(path: Path, parts: Mapping[str, str | bytes], rels: Iterable[Rel] = ()) -> Path:
    """Add (or replace) parts of a package made by :func:`docx`, and add relationships.

    A ``str`` part is XML and gets the XML declaration; ``bytes`` are stored as given.
    """
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    for name, content in parts.items():
        if isinstance(content, str):
            content = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + content).encode("utf-8")
        members[name] = content
    for n, rel in enumerate(rels, start=1):
        folder, base = posixpath.split(rel.source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        xml = members.get(
            rels_name, f'<Relationships xmlns="{PACKAGE_REL}"></Relationships>'.encode()
        ).decode()
        rel_type = rel.type if "://" in rel.type else f"{REL}/{rel.type}"
        mode = ' TargetMode="External"' if rel.external else ""
        entry = (
            f'<Relationship Id="{rel.id or f"rIdAdded{n}"}" Type="{rel_type}" '
            f'Target="{escape(rel.target, {chr(34): "&quot;"})}"{mode}/>'
        )
        members[rels_name] = xml.replace("</Relationships>", entry + "</Relationships>").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def comments_with_initials(comments: list[tuple[str, str, list[str]]]) -> str:
    """``word/comments.xml`` with comments ``(author, initials, paragraphs)``."""
    xml = "".join(
        f'<w:comment w:id="{n}" w:author="{escape(author)}" w:initials="{escape(initials)}">'
        f"{''.join(content)}</w:comment>"
        for n, (author, initials, content) in enumerate(comments)
    )
    return f"<w:comments {ROOT_ATTRS}>{xml}</w:comments>"
