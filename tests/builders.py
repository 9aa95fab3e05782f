"""Build test documents in code: raw .docx packages (full control of the XML), PDFs, manifests."""

from __future__ import annotations

import io
import zipfile
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
