#!/usr/bin/env python3
"""Write disclint's synthetic example cases and documents.

Everything here is invented: the families, the professionals, the addresses and the
identifiers.  Phone numbers come from Ofcom's drama ranges, e-mail addresses are at
example.org / example.com and NHS numbers carry a valid Modulus 11 check digit but
were made up here.

    python examples/make_examples.py            # writes into examples/
    python examples/make_examples.py --out DIR  # writes elsewhere (for tests)

The output is deterministic: running the script twice gives byte-identical files
(fixed document properties, fixed zip timestamps, reportlab ``invariant=1``, fixed
PDF file identifiers).  Before it finishes the script re-reads what it wrote and
checks that the clean documents hold nothing from another case and that each leaky
document holds exactly the leaks listed in EXPECTED.md (it exits non-zero if not).

Needs: python-docx, reportlab (with Pillow, which reportlab uses to decode the
hand-made PNG of the scanned letter), pypdf, PyYAML, lxml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import shutil
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FIXED_TIME = dt.datetime(2025, 6, 18, 9, 30, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2025, 6, 18, 9, 30, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------- identifiers

def nhs_number(stem: str) -> str:
    """Return stem + Modulus 11 check digit, written '999 999 9999'."""
    assert len(stem) == 9 and stem.isdigit(), stem
    total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        raise ValueError(f"NHS stem {stem} gives check digit 10: choose another")
    digits = stem + str(check)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def nhs_valid(number: str) -> bool:
    digits = number.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    try:
        return nhs_number(digits[:9]) == number if " " in number else \
            nhs_number(digits[:9]).replace(" ", "") == digits
    except ValueError:
        return False


POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\b")


# --------------------------------------------------------------------------- the cases

ORG_COUNCIL = "South Wessex Council"
ORG_HEALTH = "Wessex Community Health NHS Trust"
ORG_SCHOOL = "Larkfield Primary School"

# Professionals, shared between cases as they would be in one local authority.
P = {
    "marchbank": dict(name="Fiona Marchbank", role="Social Worker", organisation=ORG_COUNCIL,
                      email="fiona.marchbank@example.com"),
    "sahota": dict(name="Anita Sahota", role="Independent Reviewing Officer", organisation=ORG_COUNCIL,
                   email="anita.sahota@example.com"),
    "lloyd-pryce": dict(name="Bethan Lloyd-Pryce", role="Health Visitor", organisation=ORG_HEALTH,
                        email="bethan.lloyd-pryce@example.com"),
    "pettifer": dict(name="Graham Pettifer", role="Designated Safeguarding Lead", organisation=ORG_SCHOOL,
                     email="g.pettifer@example.com"),
    "fairbrother": dict(name="Nadia Fairbrother", role="Family Support Worker", organisation=ORG_COUNCIL,
                        email="nadia.fairbrother@example.com"),
    "pickersgill": dict(name="Joanne Pickersgill", role="Independent Reviewing Officer",
                        organisation=ORG_COUNCIL, email="joanne.pickersgill@example.com"),
    "threlfall": dict(name="Owen Threlfall", role="Detective Constable, Public Protection Unit",
                      organisation="Wessex Police", email="owen.threlfall@example.com"),
    "ramsden": dict(name="Priya Ramsden", role="Social Worker", organisation=ORG_COUNCIL,
                    email="priya.ramsden@example.com"),
    "hibbert": dict(name="Lorraine Hibbert", role="School Nurse", organisation=ORG_HEALTH,
                    email="lorraine.hibbert@example.com"),
    "okafor": dict(name="Samuel Okafor", role="GP", organisation="Brook Lane Surgery",
                   email="samuel.okafor@example.com"),
    "entwistle": dict(name="Mark Entwistle", role="Independent Domestic Violence Advocate",
                      organisation="Wessex Domestic Abuse Service", email="mark.entwistle@example.com"),
    "doyle": dict(name="Kieran Doyle", role="Social Worker", organisation=ORG_COUNCIL,
                  email="kieran.doyle@example.com"),
    "carver": dict(name="Wendy Carver", role="Drug and Alcohol Worker", organisation="Wessex Recovery Service",
                   email="wendy.carver@example.com"),
}

ADDR_1001 = "14 Rosewood Close, Yeovil BA20 3QT"
ADDR_1002 = "6 Larkspur Way, Yeovil BA20 3RL"          # the neighbouring family, same estate
ADDR_1003 = "3 Meadow View, Sherborne DT9 4QE"
ADDR_1004 = "52 Wyndham Street, Yeovil BA20 1JN"
ADDR_1005 = "11 Foxglove Road, Chard TA20 2DZ"

CASES = [
    {
        "case": "1001",
        "title": "Penrose family",
        "references": ["LA-2025-1001", "BV25C01001"],
        "subjects": [
            dict(name="Kayden Penrose", role="child", aliases=["Kayde", "Kayde Penrose"],
                 dob=dt.date(2016, 5, 14), nhs_number=nhs_number("401223718"), address=ADDR_1001),
            dict(name="Maisie Penrose", role="child", dob=dt.date(2022, 11, 3),
                 nhs_number=nhs_number("401339265"), address=ADDR_1001),
            dict(name="Leanne Penrose", role="mother", dob=dt.date(1991, 8, 22),
                 nhs_number=nhs_number("472605193"), email="leanne.penrose@example.org",
                 phone="07700 900131", address=ADDR_1001),
            dict(name="Darren Colbeck", role="father", aliases=["Daz", "Daz Colbeck"],
                 dob=dt.date(1988, 1, 30), email="darren.colbeck@example.com", phone="07700 900147",
                 address="Flat 2, 41 Coldharbour Road, Yeovil BA21 4LX"),
        ],
        "professionals": [P["marchbank"], P["sahota"], P["lloyd-pryce"], P["pettifer"], P["fairbrother"]],
        "recipients": ["leanne.penrose@example.org", "darren.colbeck@example.com"],
        "allow": ["Yeovil", "Rosewood Close", ORG_SCHOOL, ORG_COUNCIL, ORG_HEALTH,
                  "Little Sparrows Nursery", "Microsoft Teams", "Civic Centre"],
        "withhold": [
            dict(text="Marion Fellowes", reason="respite foster carer"),
            dict(text="22 Orchard Rise, Chard TA20 1PN", reason="respite carer's address"),
        ],
    },
    {
        "case": "1002",
        "title": "Arkwright family",
        "references": ["LA-2025-1002", "BV25C01002"],
        "subjects": [
            dict(name="Ruby Arkwright", role="child", aliases=["Rubes"], dob=dt.date(2017, 6, 9),
                 nhs_number=nhs_number("468912307"), address=ADDR_1002),
            dict(name="Alfie Arkwright", role="child", dob=dt.date(2020, 4, 12),
                 nhs_number=nhs_number("468930215"), address=ADDR_1002),
            dict(name="Shannon Arkwright", role="mother", aliases=["Shan Arkwright"], dob=dt.date(1993, 2, 17),
                 email="shannon.arkwright@example.org", phone="07700 900214", address=ADDR_1002),
            dict(name="Craig Arkwright", role="father", dob=dt.date(1990, 10, 5), phone="07700 900226",
                 address=ADDR_1002),
        ],
        "professionals": [P["marchbank"], P["pettifer"], P["pickersgill"], P["threlfall"]],
        "recipients": ["shannon.arkwright@example.org"],
        "allow": ["Yeovil", "Larkspur Way", ORG_SCHOOL, ORG_COUNCIL],
        "withhold": [],
    },
    {
        "case": "1003",
        "title": "Tillotson family",
        "references": ["LA-2025-1003"],
        "subjects": [
            dict(name="Harvey Tillotson", role="child", aliases=["Harv"], dob=dt.date(2015, 3, 2),
                 nhs_number=nhs_number("425087136"), address=ADDR_1003),
            dict(name="Isla Tillotson", role="child", dob=dt.date(2023, 8, 15),
                 nhs_number=nhs_number("425114890"), address=ADDR_1003),
            dict(name="Jodie Tillotson", role="mother", dob=dt.date(1995, 7, 19),
                 email="jodie.tillotson@example.com", phone="07700 900352", address=ADDR_1003),
            dict(name="Ryan Colley", role="mother's partner, Isla's father", dob=dt.date(1992, 12, 1),
                 phone="07700 900367", address=ADDR_1003),
            dict(name="Pauline Tillotson", role="maternal grandmother", aliases=["Nanna Pauline"],
                 dob=dt.date(1968, 4, 25), phone="01632 960355",
                 address="27 Acreman Close, Sherborne DT9 3NS"),
        ],
        "professionals": [P["sahota"], P["lloyd-pryce"], P["ramsden"], P["hibbert"]],
        "recipients": ["jodie.tillotson@example.com"],
        "allow": ["Sherborne"],
        "withhold": [dict(text="Foxhill Academy", reason="Harvey's new school")],
    },
    {
        "case": "1004",
        "title": "Pettifer family",
        "references": ["LA-2025-1004", "BV25C01004"],
        "subjects": [
            # Same surname as Graham Pettifer, the DSL on 1001 and 1002 (no relation).
            dict(name="Connor Pettifer", role="child", aliases=["Con", "Con Pettifer"], dob=dt.date(2014, 9, 21),
                 nhs_number=nhs_number("436271954"), address=ADDR_1004),
            dict(name="Stacey Pettifer", role="mother", dob=dt.date(1989, 3, 11),
                 email="stacey.pettifer@example.org", phone="07700 900468", address=ADDR_1004),
            dict(name="Lee Dunmore", role="father", dob=dt.date(1987, 6, 2), phone="07700 900471",
                 address="Flat 9, Kingfisher Court, Taunton TA1 2HW"),
        ],
        "professionals": [P["ramsden"], P["pickersgill"], P["okafor"], P["entwistle"]],
        "recipients": ["stacey.pettifer@example.org"],
        "allow": ["Yeovil", "Taunton"],
        "withhold": [dict(text="Flat 9, Kingfisher Court, Taunton TA1 2HW",
                          reason="father's address; not to be shared with mother's household")],
    },
    {
        "case": "1005",
        "title": "Quarrie family",
        "references": ["LA-2025-1005"],
        "subjects": [
            dict(name="Lacey-Mae Quarrie", role="child", aliases=["Lacey", "Lacey Quarrie"],
                 dob=dt.date(2018, 1, 27), nhs_number=nhs_number("451806327"), address=ADDR_1005),
            dict(name="Tasha Quarrie", role="mother", aliases=["Natasha Quarrie"], dob=dt.date(1998, 9, 8),
                 email="tasha.quarrie@example.com", phone="07700 900583", address=ADDR_1005),
            dict(name="Dean Hollowell", role="mother's partner", dob=dt.date(1996, 5, 3), phone="07700 900590",
                 address=ADDR_1005),
            dict(name="Maureen Quarrie", role="maternal grandmother", dob=dt.date(1966, 11, 14),
                 phone="01632 960584", address="4 Holyrood Street, Chard TA20 1JJ"),
        ],
        "professionals": [P["doyle"], P["pickersgill"], P["hibbert"], P["carver"]],
        "recipients": ["tasha.quarrie@example.com"],
        "allow": ["Chard"],
        "withhold": [],
    },
]
BY_ID = {c["case"]: c for c in CASES}


def subj(case_id: str, role_or_name: str) -> dict:
    for s in BY_ID[case_id]["subjects"]:
        if s["name"] == role_or_name or s["role"] == role_or_name:
            return s
    raise KeyError(role_or_name)


# --------------------------------------------------------------------------- YAML output

YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()@&-]*")


def yq(value: str, force: bool = False) -> str:
    """A YAML scalar: plain where that is unambiguous, else double-quoted."""
    if (not force and PLAIN_RE.fullmatch(value) and value.lower() not in YAML_WORDS
            and ": " not in value and " #" not in value and not value.endswith(" ")):
        return value
    return json.dumps(value, ensure_ascii=False)


def yflow(values: list[str]) -> str:
    return "[" + ", ".join(yq(v, force=True) for v in values) + "]"


def manifest_yaml(c: dict) -> str:
    out = [f"# Case manifest for disclint: synthetic example, every detail invented.",
           f"case: {yq(c['case'], force=True)}",
           f"title: {yq(c['title'])}",
           f"references: {yflow(c['references'])}",
           "subjects:"]
    for s in c["subjects"]:
        out.append(f"  - name: {yq(s['name'])}")
        out.append(f"    role: {yq(s['role'])}")
        if s.get("aliases"):
            out.append(f"    aliases: {yflow(s['aliases'])}")
        if s.get("dob"):
            out.append(f"    dob: {s['dob'].isoformat()}")
        if s.get("nhs_number"):
            out.append(f"    nhs_number: {yq(s['nhs_number'], force=True)}")
        if s.get("email"):
            out.append(f"    email: {yq(s['email'])}")
        if s.get("phone"):
            out.append(f"    phone: {yq(s['phone'], force=True)}")
        if s.get("address"):
            out.append(f"    address: {yq(s['address'], force=True)}")
    out.append("professionals:")
    for p in c["professionals"]:
        out.append(f"  - name: {yq(p['name'])}")
        out.append(f"    role: {yq(p['role'])}")
        out.append(f"    organisation: {yq(p['organisation'])}")
        out.append(f"    email: {yq(p['email'])}")
    out.append(f"recipients: {yflow(c['recipients'])}")
    out.append(f"allow: {yflow(c['allow'])}")
    if c["withhold"]:
        out.append("withhold:")
        for w in c["withhold"]:
            out.append(f"  - text: {yq(w['text'], force=True)}")
            out.append(f"    reason: {yq(w['reason'])}")
    else:
        out.append("withhold: []")
    return "\n".join(out) + "\n"


BROKEN_9999 = """\
# Deliberately broken manifest, for `disclint manifest validate`. Three problems:
#   line 12: dob 2015-13-45 is not a date (month 13, day 45)
#   line 17: NHS number 443 601 2153 has a wrong check digit (the valid one ends in 8)
#   line 27: unknown key `subjcts` (a typo of `subjects`)
case: "9999"
title: Whitlock family
references: ["LA-2025-9999"]
subjects:
  - name: Jayden Whitlock
    role: child
    aliases: ["Jay"]
    dob: 2015-13-45
    nhs_number: "443 601 2174"
    address: "8 Beech Grove, Crewkerne TA18 7QA"
  - name: Kerry Whitlock
    role: mother
    nhs_number: "443 601 2153"
    dob: 1990-07-04
    email: kerry.whitlock@example.org
    phone: "07700 900912"
    address: "8 Beech Grove, Crewkerne TA18 7QA"
professionals:
  - name: Fiona Marchbank
    role: Social Worker
    organisation: South Wessex Council
    email: fiona.marchbank@example.com
subjcts:
  - name: Brian Whitlock
    role: paternal grandfather
recipients: ["kerry.whitlock@example.org"]
allow: ["Crewkerne"]
withhold: []
"""


# --------------------------------------------------------------------------- zip / docx helpers

def normalise_zip(path: Path) -> None:
    """Rewrite a zip (docx) with fixed timestamps so the bytes are reproducible."""
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())


def new_document(title: str, author: str) -> Document:
    doc = Document()
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    for section in doc.sections:                 # A4 with 2.54 cm margins, as in a UK council template
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.54)
        section.top_margin = section.bottom_margin = Cm(2.54)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    return doc


def save_docx(doc: Document, path: Path) -> None:
    doc.save(str(path))
    normalise_zip(path)


def heading(doc, text, level=1):
    h = doc.add_heading(text, level=level)
    return h


def para(doc, text, bold_prefix: str | None = None):
    p = doc.add_paragraph()
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    p.add_run(text)
    return p


def table(doc, header: list[str] | None, rows: list[list[str]], widths=None):
    n = len(header or rows[0])
    t = doc.add_table(rows=0, cols=n)
    t.style = "Table Grid"
    if header:
        cells = t.add_row().cells
        for c, h in zip(cells, header):
            c.text = ""
            c.paragraphs[0].add_run(h).bold = True
    for r in rows:
        cells = t.add_row().cells
        for c, v in zip(cells, r):
            c.text = v
    doc.add_paragraph()
    return t


def set_header_text(hf, text, align=WD_ALIGN_PARAGRAPH.LEFT, size=9):
    hf.is_linked_to_previous = False
    p = hf.paragraphs[0]
    p.text = ""
    run = p.add_run(text)
    run.font.size = Pt(size)
    p.alignment = align


def add_tracked_insertion(paragraph, text: str, author: str, when: str, rev_id: int) -> None:
    """Append <w:ins> wrapping a run to the paragraph: an unaccepted tracked change."""
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), str(rev_id))
    ins.set(qn("w:author"), author)
    ins.set(qn("w:date"), when)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    ins.append(r)
    paragraph._p.append(ins)


def add_footnotes_part(doc, notes: dict[int, str]) -> None:
    """Add word/footnotes.xml (separator, continuation separator, then the notes)."""
    styles = doc.styles
    if "Footnote Text" not in [s.name for s in styles]:
        ft = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        ft.base_style = styles["Normal"]
        ft.font.size = Pt(9)
        ft.paragraph_format.space_after = Pt(0)
        fr = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        fr.font.superscript = True
    W = "{%s}" % W_NS
    root = etree.Element(W + "footnotes", nsmap={"w": W_NS})

    def sep(fid: int, kind: str, tag: str):
        fn = etree.SubElement(root, W + "footnote")
        fn.set(W + "type", kind)
        fn.set(W + "id", str(fid))
        p = etree.SubElement(fn, W + "p")
        ppr = etree.SubElement(p, W + "pPr")
        sp = etree.SubElement(ppr, W + "spacing")
        sp.set(W + "after", "0")
        sp.set(W + "line", "240")
        sp.set(W + "lineRule", "auto")
        r = etree.SubElement(p, W + "r")
        etree.SubElement(r, W + tag)

    sep(-1, "separator", "separator")
    sep(0, "continuationSeparator", "continuationSeparator")
    for fid, text in notes.items():
        fn = etree.SubElement(root, W + "footnote")
        fn.set(W + "id", str(fid))
        p = etree.SubElement(fn, W + "p")
        ppr = etree.SubElement(p, W + "pPr")
        etree.SubElement(ppr, W + "pStyle").set(W + "val", "FootnoteText")
        r = etree.SubElement(p, W + "r")
        rpr = etree.SubElement(r, W + "rPr")
        etree.SubElement(rpr, W + "rStyle").set(W + "val", "FootnoteReference")
        etree.SubElement(r, W + "footnoteRef")
        r2 = etree.SubElement(p, W + "r")
        t = etree.SubElement(r2, W + "t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = " " + text
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_reference(paragraph, fid: int) -> None:
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rs = OxmlElement("w:rStyle")
    rs.set(qn("w:val"), "FootnoteReference")
    rpr.append(rs)
    r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(fid))
    r.append(ref)
    paragraph._p.append(r)


# --------------------------------------------------------------------------- documents

def clean_letter() -> str:
    return """\
South Wessex Council
Children's Services - Safeguarding and Quality Assurance Service
Civic Centre, Yeovil

PRIVATE AND CONFIDENTIAL

Ms Leanne Penrose
14 Rosewood Close
Yeovil
BA20 3QT

Our ref: LA-2025-1001
Date: 5 June 2025

Dear Ms Penrose,

Review Child Protection Conference: Kayden Penrose and Maisie Penrose

Thank you for coming to the Review Child Protection Conference for Kayden and Maisie on
Tuesday 3 June 2025 at the Civic Centre, Yeovil. I chaired the conference as the
Independent Reviewing Officer, and I am writing to confirm what was decided and what will
happen next. A copy of the full conference report will follow within 20 working days.

Who attended

  Leanne Penrose            Mother
  Darren Colbeck            Father
  Fiona Marchbank           Social Worker, South Wessex Council
  Bethan Lloyd-Pryce        Health Visitor, Wessex Community Health NHS Trust
  Graham Pettifer           Designated Safeguarding Lead, Larkfield Primary School
  Nadia Fairbrother         Family Support Worker, South Wessex Council
  Anita Sahota              Independent Reviewing Officer (chair)

What the conference decided

Everyone agreed that there has been real progress since the Initial Child Protection
Conference on 4 March 2025. The conference also agreed that the changes are recent and
need more time to become part of everyday life at home. The decision of the conference
was that Kayden and Maisie should remain subject to a child protection plan under the
category of neglect. Fiona Marchbank remains the lead social worker.

What is going well

- Kayden (Kayde, as he likes to be called) has been in school every day since the Easter
  holidays. Mr Pettifer told the conference that his attendance this term is 97% and that
  he has been arriving on time, in clean uniform and with a packed lunch.
- Maisie's health review was completed by Mrs Lloyd-Pryce on 20 May 2025. Her weight is
  now following her centile line and her immunisations are up to date.
- You have attended seven of the eight parenting sessions with Nadia Fairbrother, and you
  told the conference that the bedtime routine is "working most nights".
- Darren has kept to the agreed arrangements for seeing the children on Saturdays.

What the conference is still worried about

- The kitchen and the children's bedroom were found in a poor state on two of the last
  six home visits, and the gas supply was cut off for four days in April.
- Maisie's speech is behind what would be expected for her age, and the referral to the
  speech and language therapy service has not yet been followed up.
- Kayden has told his teacher that he sometimes makes breakfast for Maisie because
  "Mum is too tired". The conference would like to understand this better.

What happens next

- The child protection plan has been updated. Fiona Marchbank will go through it with
  you and with Darren before the next core group meeting.
- The next core group meeting is on Tuesday 17 June 2025 at 10:00 on Microsoft Teams.
  Fiona will send you the link.
- The next Review Child Protection Conference will be held on Tuesday 2 December 2025
  at 10:00 at the Civic Centre, Yeovil.

If you do not agree with the decision of the conference, or with how the conference was
run, you can ask for the decision to be reviewed under the council's child protection
conference complaints procedure. A leaflet explaining how to do this is enclosed. Please
contact me within 20 working days of the date of this letter if you wish to do so.

If you have any questions about this letter, please contact Fiona Marchbank at
fiona.marchbank@example.com, or me on 01632 960417 or at anita.sahota@example.com.

Yours sincerely,

Anita Sahota
Independent Reviewing Officer
South Wessex Council

cc: Darren Colbeck (father)
    Fiona Marchbank, Social Worker
"""


def build_clean_plan(path: Path) -> None:
    doc = new_document("Child Protection Plan", "Fiona Marchbank")
    sec = doc.sections[0]
    set_header_text(sec.header, "South Wessex Council - Child Protection Plan - LA-2025-1001")
    set_header_text(sec.footer, "OFFICIAL-SENSITIVE", align=WD_ALIGN_PARAGRAPH.CENTER)

    doc.add_heading("Child Protection Plan", level=0)
    table(doc, None, [
        ["Children", "Kayden Penrose (known as Kayde), date of birth 14/05/2016\n"
                     "Maisie Penrose, date of birth 03/11/2022"],
        ["Parents", "Leanne Penrose (mother)\nDarren Colbeck (father, lives separately)"],
        ["Address", "14 Rosewood Close, Yeovil BA20 3QT"],
        ["Case reference", "LA-2025-1001"],
        ["Category", "Neglect"],
        ["Initial Child Protection Conference", "Tuesday 4 March 2025"],
        ["Plan reviewed", "Review Child Protection Conference, Tuesday 3 June 2025"],
        ["Next review conference", "Tuesday 2 December 2025"],
        ["Lead social worker", "Fiona Marchbank, South Wessex Council"],
        ["Chair", "Anita Sahota, Independent Reviewing Officer"],
    ])

    heading(doc, "1. Why Kayden and Maisie need a plan")
    doc.add_paragraph(
        "Larkfield Primary School raised concerns on Friday 28 February 2025 that Kayden had come to "
        "school hungry on several days and had not been collected on time. On Sunday 2 March 2025 the "
        "out-of-hours service was contacted after Kayden was found at the local shop at 9pm without an "
        "adult; Maisie was at home with Leanne, who was asleep. The home visit that followed found very "
        "little food in the house and no working heating in the children's bedroom.")
    doc.add_paragraph(
        "The Initial Child Protection Conference on 4 March 2025 agreed that Kayden and Maisie were "
        "likely to suffer significant harm through neglect. The Review Child Protection Conference on "
        "3 June 2025 heard that there has been progress, especially with Kayden's school attendance, "
        "but agreed that the plan should continue.")

    heading(doc, "2. What we want to achieve")
    for item in [
        "Kayden and Maisie live in a home that is warm, clean and safe, with enough food every day.",
        "Kayden goes to school every day, on time, and is collected or met by an adult he knows.",
        "Maisie's health and development needs are met, including her speech and language.",
        "Leanne and Darren agree safe arrangements for the children's time with their father.",
        "Leanne has support for her own health and knows who to ask when things become difficult.",
    ]:
        doc.add_paragraph(item, style="List Number")

    heading(doc, "3. Actions")
    table(doc, ["#", "Action", "Owner", "By when"], [
        ["1", "Attend the weekly parenting programme at the family centre and practise the bedtime "
              "routine at home.", "Leanne Penrose, supported by Nadia Fairbrother", "Weekly from 10 June 2025"],
        ["2", "Follow up Maisie's referral to speech and language therapy and confirm the first "
              "appointment.", "Bethan Lloyd-Pryce", "30 June 2025"],
        ["3", "Share weekly attendance, punctuality and presentation information for Kayden.",
              "Graham Pettifer", "Every Friday"],
        ["4", "Take Kayden to his rebooked dental check-up (two appointments missed).",
              "Leanne Penrose", "9 June 2025"],
        ["5", "Visit the home at least every ten working days, announced and unannounced, and see "
              "Kayden and Maisie on their own.", "Fiona Marchbank", "Ongoing"],
        ["6", "Agree a written plan for Darren's time with the children, including handover "
              "arrangements.", "Fiona Marchbank with Leanne Penrose and Darren Colbeck", "24 June 2025"],
        ["7", "Fit working smoke alarms and repair the heater in the children's bedroom.",
              "Leanne Penrose; Fiona Marchbank to check", "1 July 2025"],
        ["8", "Register Maisie for her funded nursery place at Little Sparrows Nursery.",
              "Leanne Penrose with Nadia Fairbrother", "18 July 2025"],
        ["9", "Chair the next Review Child Protection Conference.", "Anita Sahota", "2 December 2025"],
    ])

    heading(doc, "4. Contingency plan")
    doc.add_paragraph(
        "If the home conditions fall back to those seen in March, if Kayden's attendance drops below "
        "90% without a good reason, or if Maisie misses further health appointments, Fiona Marchbank "
        "will arrange an early core group meeting and discuss the case with her team manager. The local "
        "authority may then consider a legal planning meeting. Leanne and Darren will be told about this "
        "straight away and will be invited to any meeting about their children.")

    heading(doc, "5. Core group")
    doc.add_paragraph(
        "Members: Leanne Penrose, Darren Colbeck, Fiona Marchbank (chair), Bethan Lloyd-Pryce, "
        "Graham Pettifer and Nadia Fairbrother. The core group meets every four weeks; the next "
        "meeting is on Tuesday 17 June 2025 at 10:00 on Microsoft Teams.")

    heading(doc, "6. Views")
    doc.add_paragraph(
        "Leanne said that the plan is \"hard but fair\" and that the help with the parenting course and "
        "with the electricity and gas bills has made a difference. Darren said he wants to do more of the "
        "school runs. Kayden told Fiona Marchbank that he likes breakfast club and that home is \"better "
        "now\". Maisie is too young to give her views; she was seen at home on 27 May 2025 and was "
        "playing happily with her mother.")

    doc.add_paragraph()
    table(doc, None, [
        ["Plan agreed by", "Fiona Marchbank, Social Worker, South Wessex Council"],
        ["Date", "5 June 2025"],
    ])
    save_docx(doc, path)


def build_leaky_minutes(path: Path, leaks: dict) -> None:
    doc = new_document("Core Group Minutes", "Nadia Fairbrother")
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    # LEAK: first-page header carried over from the Arkwright family's minutes (case 1002).
    set_header_text(sec.first_page_header,
                    f"South Wessex Council - Core Group Minutes - Family: {leaks['header_name']}")
    set_header_text(sec.header, "Core Group Minutes - Penrose family - LA-2025-1001")
    set_header_text(sec.first_page_footer, "OFFICIAL-SENSITIVE", align=WD_ALIGN_PARAGRAPH.CENTER)
    set_header_text(sec.footer, "OFFICIAL-SENSITIVE", align=WD_ALIGN_PARAGRAPH.CENTER)

    doc.add_heading("Core Group Meeting - Minutes", level=0)
    table(doc, None, [
        ["Children", "Kayden Penrose (9), Maisie Penrose (2)"],
        ["Case reference", "LA-2025-1001"],
        ["Date and time", "Tuesday 17 June 2025, 10:00 to 11:15"],
        ["Venue", "Microsoft Teams"],
        ["Chair", "Fiona Marchbank, Social Worker"],
        ["Minutes", "Nadia Fairbrother, Family Support Worker"],
    ])

    heading(doc, "Attendance")
    table(doc, ["Name", "Role", "Agency"], [
        ["Leanne Penrose", "Mother", "-"],
        ["Darren Colbeck", "Father", "-"],
        ["Fiona Marchbank", "Social Worker (chair)", ORG_COUNCIL],
        ["Bethan Lloyd-Pryce", "Health Visitor", ORG_HEALTH],
        ["Graham Pettifer", "Designated Safeguarding Lead", ORG_SCHOOL],
        ["Nadia Fairbrother", "Family Support Worker (minutes)", ORG_COUNCIL],
    ])
    para(doc, "Anita Sahota, Independent Reviewing Officer (copy of the minutes for information).",
         bold_prefix="Apologies: ")

    heading(doc, "1. Welcome, introductions and confidentiality")
    doc.add_paragraph(
        "Fiona Marchbank welcomed everyone and reminded the group that the information shared in the "
        "meeting is confidential. It will be used only to help keep Kayden and Maisie safe and will not "
        "be passed on without the agreement of the group unless a child is at risk of harm.")

    heading(doc, "2. Actions from the last core group (27 May 2025)")
    doc.add_paragraph(
        "Smoke alarms have been fitted (completed). The heater in the children's bedroom has been "
        "reported to the landlord and is still waiting for repair (outstanding). Kayden's dental "
        "check-up took place on 9 June 2025 (completed). The written plan for Darren's time with the "
        "children is in draft (outstanding, see below).")

    heading(doc, "3. Updates from agencies")
    para(doc, "Graham Pettifer reported that Kayden's attendance remains at 97% this term. He is arriving "
              "on time and is eating at breakfast club most days. His class teacher has noticed he is "
              "more settled and has made friends in his reading group.", bold_prefix="School: ")
    p = para(doc, "Bethan Lloyd-Pryce visited on 10 June 2025. Maisie's weight is stable on her centile "
                  "and her immunisations are up to date. The speech and language therapy appointment has "
                  "been booked for 30 June 2025.", bold_prefix="Health: ")
    # LEAK: footnote holding case 1002's child's NHS number.
    add_footnote_reference(p, 1)
    para(doc, "Leanne has attended all of the parenting sessions since the review conference. Nadia "
              "Fairbrother saw a calm bedtime routine on 12 June 2025 and has helped Leanne to set up a "
              "weekly meal plan and a budget for the gas and electricity meters.",
         bold_prefix="Family support: ")
    p = para(doc, "Fiona Marchbank completed an unannounced visit on 13 June 2025. The kitchen was clean and "
                  "there was food in the cupboards and fridge. Kayden and Maisie were seen together and "
                  "Kayden was spoken to on his own in his bedroom; he said that things are \"better\". ",
             bold_prefix="Social care: ")
    # LEAK: tracked (unaccepted) insertion naming case 1002's father with an allegation.
    add_tracked_insertion(p, leaks["tracked_text"], author="Nadia Fairbrother",
                          when="2025-06-17T14:05:00Z", rev_id=101)
    # LEAK: case 1002's court number in the body.
    para(doc, f"The local authority's solicitor has confirmed that the next hearing under court number "
              f"{leaks['court_number']} is listed for 15 July 2025. The chair will update the group "
              f"after the hearing.", bold_prefix="Legal update: ")

    heading(doc, "4. Parents' views")
    doc.add_paragraph(
        "Leanne said that she is proud of the changes at home and that she feels less on her own since "
        "starting the parenting course. She asked whether the plan could end at the next conference. "
        "Darren said that he has kept to every Saturday and would like to have the children for one "
        "overnight stay each fortnight; he agreed to wait until the written plan is finished.")

    heading(doc, "5. Children's views")
    doc.add_paragraph(
        "Kayden told Fiona Marchbank that he likes breakfast club and wants to go to football club on "
        "Wednesdays. Maisie is too young to share her views; she was seen playing happily and was "
        "chatty with Bethan Lloyd-Pryce.")

    heading(doc, "6. Analysis")
    doc.add_paragraph(
        "The group agreed that the plan is working and that the children's day-to-day care has improved. "
        "The outstanding worries are the bedroom heater, Maisie's speech and the arrangements for "
        "overnight stays with Darren. The group agreed that it is too early to recommend that the plan "
        "ends; this will be considered at the Review Child Protection Conference on 2 December 2025.")

    heading(doc, "7. Actions")
    table(doc, ["Action", "Owner", "By when"], [
        ["Chase the landlord about the bedroom heater and confirm the repair date.",
         "Fiona Marchbank", "24 June 2025"],
        ["Attend Maisie's speech and language appointment.", "Leanne Penrose with Bethan Lloyd-Pryce",
         "30 June 2025"],
        # LEAK: case 1002's child's full name in a table cell.
        [f"Send the autumn term attendance summary for {leaks['table_name']} to the social worker.",
         "Graham Pettifer", "1 July 2025"],
        ["Finish the written plan for Darren's time with the children and share it with both parents.",
         "Fiona Marchbank", "1 July 2025"],
        ["Help Leanne to apply for a funded nursery place for Maisie.", "Nadia Fairbrother", "18 July 2025"],
    ])

    heading(doc, "8. Date of next meeting")
    doc.add_paragraph("Tuesday 8 July 2025, 10:00, Microsoft Teams. Fiona Marchbank will send the link.")

    add_footnotes_part(doc, {1: leaks["footnote_text"]})
    save_docx(doc, path)


# ---- PDFs

def new_canvas(buf_or_path, title: str, author: str = "South Wessex Council"):
    c = canvas.Canvas(buf_or_path, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("disclint examples")
    c.setSubject("")
    return c


def draw_page(c, header: str, lines: list[tuple[str, str]], page_no: int, pages: int) -> None:
    """Draw one page of pre-broken lines. Each line is (style, text): style h1 / h2 / p / blank."""
    width, height = A4
    left, top = 56, height - 56
    c.setFont("Helvetica", 8.5)
    c.drawString(left, height - 36, header)
    c.line(left, height - 40, width - left, height - 40)
    y = top - 14
    for style, text in lines:
        if style == "h1":
            c.setFont("Helvetica-Bold", 15)
            y -= 6
            c.drawString(left, y, text)
            y -= 24
        elif style == "h2":
            c.setFont("Helvetica-Bold", 11)
            y -= 6
            c.drawString(left, y, text)
            y -= 17
        elif style == "blank":
            y -= 8
        else:
            c.setFont("Helvetica", 10.5)
            c.drawString(left, y, text)
            y -= 14.5
        assert y > 70, f"page {page_no} overflows"
    c.setFont("Helvetica", 8.5)
    c.drawCentredString(width / 2, 36, f"OFFICIAL-SENSITIVE    Page {page_no} of {pages}")
    c.showPage()


def build_leaky_plan(path: Path, leaks: dict) -> None:
    c = new_canvas(str(path), "Child Protection Plan - Penrose family")
    header = "South Wessex Council - Child Protection Plan - Kayden and Maisie Penrose - LA-2025-1001"
    page1 = [
        ("h1", "Child Protection Plan"),
        ("p", "Children:  Kayden Penrose (known as Kayde), born 14/05/2016; Maisie Penrose, born 03/11/2022"),
        ("p", "Parents:  Leanne Penrose (mother); Darren Colbeck (father, lives separately)"),
        ("p", "Address:  14 Rosewood Close, Yeovil BA20 3QT"),
        ("p", "Category:  Neglect        Initial conference: 4 March 2025        Reviewed: 3 June 2025"),
        ("p", "Lead social worker:  Fiona Marchbank        Chair:  Anita Sahota, Independent Reviewing Officer"),
        ("blank", ""),
        ("h2", "1. Why Kayden and Maisie need a plan"),
        ("p", "Larkfield Primary School raised concerns in February 2025 that Kayden had come to school"),
        ("p", "hungry on several days and had not been collected on time. The out-of-hours service was"),
        ("p", "contacted in early March after Kayden was found at the local shop late in the evening without"),
        ("p", "an adult. The home visit that followed found very little food in the house and no working"),
        ("p", "heating in the children's bedroom."),
        ("blank", ""),
        ("h2", "2. What we want to achieve"),
        ("p", "1. Kayden and Maisie live in a home that is warm, clean and safe, with enough food every day."),
        ("p", "2. Kayden goes to school every day, on time, and is met by an adult he knows."),
        ("p", "3. Maisie's health and development needs are met, including her speech and language."),
        ("p", "4. Leanne and Darren agree safe arrangements for the children's time with their father."),
        ("blank", ""),
        ("h2", "3. Actions"),
        ("p", "Leanne Penrose: attend the weekly parenting programme with Nadia Fairbrother (from 10 June 2025)."),
        ("p", "Bethan Lloyd-Pryce: follow up Maisie's speech and language therapy referral (by 30 June 2025)."),
        ("p", "Graham Pettifer: share Kayden's attendance and presentation every Friday."),
        ("p", "Fiona Marchbank: visit at least every ten working days and see the children alone (ongoing)."),
        ("p", "Fiona Marchbank, Leanne Penrose and Darren Colbeck: agree a written plan for Darren's time"),
        ("p", "with the children, including handover arrangements (by 24 June 2025)."),
        ("blank", ""),
        ("h2", "4. Contingency plan"),
        ("p", "If home conditions fall back, if Kayden's attendance drops below 90% without a good reason, or"),
        ("p", "if Maisie misses further health appointments, an early core group meeting will be called and"),
        ("p", "the local authority may consider a legal planning meeting. Leanne and Darren will be told."),
    ]
    # Page 2: a section pasted from the neighbouring family's plan (case 1002).
    page2 = [
        ("h2", "5. Information shared by partner agencies"),
        ("p", "Graham Pettifer, Designated Safeguarding Lead at Larkfield Primary School, reported that"),
        ("p", f"{leaks['child_full']}'s attendance has fallen to 81% this term and that she has arrived hungry"),
        ("p", "on several occasions. The school has offered a free place at breakfast club from Monday."),
        ("blank", ""),
        ("p", "Fiona Marchbank completed an unannounced home visit on 12 June 2025 with Shannon"),
        ("p", "Arkwright present. Home conditions had improved, but the children's bedroom still had no"),
        ("p", f"working light. Contact for the family is {leaks['phone']} and the family's address is"),
        ("p", f"6 Larkspur Way, Yeovil {leaks['postcode']}."),
        ("blank", ""),
        ("p", "The school also noted that, in a welfare conversation on Tuesday morning, Ruby Ark-"),
        ("p", "wright told her teacher she had been looking after her younger brother in the evenings."),
        ("p", "The group discussed the school's concerns at some length and accepted all of its recom-"),
        ("p", "mendations, asking for a further update from the school before the next core group."),
        ("blank", ""),
        ("h2", "6. Views of the parents and children"),
        ("p", "Leanne said that the plan is hard but fair and that the help with the parenting course and"),
        ("p", "with the bills has made a difference. Darren said he wants to do more of the school runs."),
        ("p", "Kayden told Fiona Marchbank that he likes breakfast club and that home is better now."),
        ("p", "Maisie is too young to give her views; she was seen at home playing happily with her mother."),
        ("blank", ""),
        ("h2", "7. Review"),
        ("p", "The next core group meeting is on Tuesday 17 June 2025 at 10:00 on Microsoft Teams."),
        ("p", "The next Review Child Protection Conference is on Tuesday 2 December 2025."),
        ("blank", ""),
        ("p", "Plan agreed by: Fiona Marchbank, Social Worker, South Wessex Council        Date: 5 June 2025"),
    ]
    draw_page(c, header, page1, 1, 2)
    draw_page(c, header, page2, 2, 2)
    c.save()


# Scanned letter: a raster made by hand (5x7 bitmap font, zlib + struct PNG), no text layer.
FONT_5X7 = {
    "A": "01110 10001 10001 11111 10001 10001 10001", "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110", "D": "11110 10001 10001 10001 10001 10001 11110",
    "E": "11111 10000 10000 11110 10000 10000 11111", "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111", "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110", "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001", "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001", "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110", "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101", "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110", "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110", "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010", "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 01010 00100 00100 00100 00100", "Z": "11111 00001 00010 00100 01000 10000 11111",
    "0": "01110 10001 10011 10101 11001 10001 01110", "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111", "3": "11111 00010 00100 00010 00001 10001 01110",
    "4": "00010 00110 01010 10010 11111 00010 00010", "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110", "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110", "9": "01110 10001 10001 01111 00001 00010 01100",
    ".": "00000 00000 00000 00000 00000 01100 01100", ",": "00000 00000 00000 00000 01100 00100 01000",
    ":": "00000 01100 01100 00000 01100 01100 00000", "-": "00000 00000 00000 11111 00000 00000 00000",
    "/": "00001 00001 00010 00100 01000 10000 10000", "'": "00100 00100 01000 00000 00000 00000 00000",
    "(": "00010 00100 01000 01000 01000 00100 00010", ")": "01000 00100 00010 00010 00010 00100 01000",
    "@": "01110 10001 10111 10101 10111 10000 01110", "&": "01100 10010 10100 01000 10101 10010 01101",
    " ": "00000 00000 00000 00000 00000 00000 00000",
}

SCANNED_LINES = [
    "SOUTH WESSEX COUNCIL - CHILDREN'S SERVICES",
    "CIVIC CENTRE, YEOVIL",
    "",
    "MS LEANNE PENROSE",
    "14 ROSEWOOD CLOSE",
    "YEOVIL BA20 3QT",
    "",
    "OUR REF: LA-2025-1001          DATE: 20 JUNE 2025",
    "",
    "DEAR MS PENROSE,",
    "",
    "HOME VISIT - KAYDEN AND MAISIE",
    "",
    "THANK YOU FOR SEEING ME ON 13 JUNE 2025. AS WE",
    "AGREED, I WILL VISIT AGAIN ON TUESDAY 1 JULY 2025",
    "AT 3:30PM, AFTER KAYDEN IS HOME FROM SCHOOL.",
    "",
    "NADIA FAIRBROTHER WILL CALL YOU ABOUT MAISIE'S",
    "NURSERY PLACE. BETHAN LLOYD-PRYCE WILL COME TO",
    "MAISIE'S SPEECH AND LANGUAGE APPOINTMENT ON",
    "30 JUNE 2025 IF YOU WOULD LIKE HER TO.",
    "",
    "YOURS SINCERELY,",
    "",
    "FIONA MARCHBANK",
    "SOCIAL WORKER",
]


def png_bytes(width: int, height: int, pixels: bytearray) -> bytes:
    """Grayscale 8-bit PNG from raw pixel rows (no filter)."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        raw += pixels[y * width:(y + 1) * width]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def scanned_page_png() -> bytes:
    width, height = 827, 1169                    # A4 at 100 dpi
    rng = random.Random(1001)
    pix = bytearray(width * height)
    for i in range(len(pix)):                    # off-white paper
        pix[i] = 244
    for _ in range(1500):                        # scanner dust and speckle
        x, y = rng.randrange(width), rng.randrange(height)
        pix[y * width + x] = rng.randrange(60, 200)
    for y in range(height):                      # a grey shadow down the left edge, as from a scanner lid
        for x in range(14):
            pix[y * width + x] = 150 + 6 * x
    scale, left, top, line_h = 2, 70, 80, 26
    for row, line in enumerate(SCANNED_LINES):
        y0 = top + row * line_h
        x = left
        for ch in line:
            glyph = FONT_5X7.get(ch, FONT_5X7[" "]).split()
            for gy, bits in enumerate(glyph):
                for gx, bit in enumerate(bits):
                    if bit == "1":
                        for dy in range(scale):
                            for dx in range(scale):
                                pix[(y0 + gy * scale + dy) * width + x + gx * scale + dx] = 35
            x += 6 * scale
    # a signature-like scribble under "YOURS SINCERELY,"
    sig_y = top + SCANNED_LINES.index("FIONA MARCHBANK") * line_h - 10
    for sx in range(0, 150):
        sy = sig_y + int(6 * ((sx % 23) / 23.0 - 0.5) * (1 if (sx // 23) % 2 else -1))
        pix[sy * width + left + sx] = 40
        pix[(sy + 1) * width + left + sx] = 60
    return png_bytes(width, height, pix)


def build_scanned_letter(path: Path) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setCreator("disclint examples (scanner simulation)")
    c._preamble = "1 0 0 1 0 0 cm"               # drop reportlab's empty BT /F1 12 Tf ... ET block
    img = ImageReader(io.BytesIO(scanned_page_png()))
    c.drawImage(img, 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    # reportlab still lists Helvetica in the page resources; remove it so the page holds no font,
    # no text operators, only the image.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    res = writer.pages[0]["/Resources"].get_object()
    del res[NameObject("/Font")]
    res[NameObject("/ProcSet")] = ArrayObject([NameObject("/PDF"), NameObject("/ImageB")])
    with open(path, "wb") as fh:
        writer.write(fh)


def build_encrypted_minutes(path: Path) -> None:
    buf = io.BytesIO()
    c = new_canvas(buf, "Strategy discussion - Penrose family")
    draw_page(c, "South Wessex Council - Strategy Discussion - LA-2025-1001", [
        ("h1", "Strategy Discussion - Minutes"),
        ("p", "Children: Kayden Penrose and Maisie Penrose        Case reference: LA-2025-1001"),
        ("p", "Date: Monday 3 March 2025, 11:00, Microsoft Teams"),
        ("p", "Chair: Fiona Marchbank, Social Worker        Minutes: Nadia Fairbrother"),
        ("p", "Present: Bethan Lloyd-Pryce (Health Visitor), Graham Pettifer (Larkfield Primary School)"),
        ("blank", ""),
        ("h2", "1. Reason for the discussion"),
        ("p", "On Sunday evening the out-of-hours service was contacted after Kayden was found at the local"),
        ("p", "shop without an adult. A visit found very little food in the house and no working heating in"),
        ("p", "the children's bedroom. Maisie was at home with Leanne Penrose, who had been asleep."),
        ("blank", ""),
        ("h2", "2. Information shared"),
        ("p", "School: Kayden has come to school hungry on several days and has twice not been collected."),
        ("p", "Health: Maisie has missed two health reviews; her weight has dropped below her centile line."),
        ("p", "Social care: no previous child protection plans. Darren Colbeck lives separately and sees"),
        ("p", "the children at weekends."),
        ("blank", ""),
        ("h2", "3. Decision"),
        ("p", "The threshold for enquiries under section 47 of the Children Act 1989 is met (single agency,"),
        ("p", "social care led). An Initial Child Protection Conference will be requested for 4 March 2025."),
    ], 1, 1)
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="disclint-owner", algorithm="RC4-128")
    # pypdf gives the second file identifier random bytes; the RC4 key depends only on the
    # first one, so pin the second to the first for a reproducible file.
    writer._ID = ArrayObject((writer._ID[0], writer._ID[0]))
    with open(path, "wb") as fh:
        writer.write(fh)


def leaky_email_notes(leaks: dict) -> str:
    return f"""\
CASE NOTES - Penrose family - LA-2025-1001
Children: Kayden Penrose, Maisie Penrose
Recorded by: Fiona Marchbank, Social Worker, South Wessex Council
Type: e-mail and telephone contacts, June 2025

10/06/2025 09:12  Telephone call from Leanne Penrose (07700 900131)
Leanne rang to say that the landlord has still not repaired the heater in the children's
bedroom. I agreed to chase the letting agent and to raise it at the core group. Leanne said
Kayden ("Kayde") has been picked for the school football team and is "over the moon".

10/06/2025 14:40  E-mail from Graham Pettifer, Larkfield Primary School
Weekly update: Kayden's attendance is 97% this term; on time every day this week; ate at
breakfast club on four days. No concerns about his presentation.

11/06/2025 11:05  E-mail sent: revised written agreement
Sent the revised written agreement about Darren's Saturday contact to leanne.penrose@example.org
and {leaks['email']}; Darren Colbeck to be sent his copy by post at his request.

12/06/2025 16:20  Attendance figures
Copied the school's attendance note across from {leaks['reference']} for comparison before the
core group; Bethan Lloyd-Pryce has asked for the same figures for Maisie's nursery sessions.

13/06/2025 10:30  Letter from the GP surgery about Kayden's asthma review
DOB on the surgery's letter is given as {leaks['dob_text']}, which does not match Kayden's
record. Rang the surgery and asked them to check the record and re-issue the letter.

16/06/2025 09:45  Telephone call to Darren Colbeck (07700 900147)
Darren confirmed he will join the core group on Microsoft Teams and asked to talk about
overnight stays. Advised that this will be discussed once the written plan is finished.
"""


# --------------------------------------------------------------------------- self-check

def docx_parts_text(path: Path) -> dict[str, str]:
    """Text of each word/*.xml part, one line per paragraph (tracked insertions included)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name:
                root = etree.fromstring(z.read(name))
                paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]
                out[name] = "\n".join(paras)
    return out


def docx_texts_in(path: Path, part: str, xpath: str) -> str:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read(part))
    return "\n".join("".join(t.text or "" for t in el.iter(qn("w:t")))
                     for el in root.xpath(xpath, namespaces={"w": W_NS}))


def first_page_header_part(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    ref = doc.xpath("//w:sectPr/w:headerReference[@w:type='first']", namespaces={"w": W_NS})[0]
    rid = ref.get(qn("r:id"))
    for rel in rels:
        if rel.get("Id") == rid:
            return "word/" + rel.get("Target")
    raise KeyError(rid)


def date_forms(d: dt.date) -> list[str]:
    return [f"{d.day} {d:%B %Y}", f"{d:%d/%m/%Y}", f"{d.day}/{d.month}/{d:%Y}",
            f"{d.day}.{d.month}.{d:%y}", d.isoformat()]


def foreign_items(case_id: str) -> list[tuple[str, str, re.Pattern]]:
    """(owner case, label, pattern) for everything of other cases' that must not appear."""
    me = BY_ID[case_id]
    permitted = {s["name"] for s in me["subjects"]} | {p["name"] for p in me["professionals"]}
    for s in me["subjects"]:
        permitted |= set(s.get("aliases", []))
    items = []

    def add(owner, label, text, flex_space=False):
        pat = re.escape(text)
        if flex_space:
            pat = pat.replace(r"\ ", r"\s*")
        items.append((owner, label, re.compile(r"(?<![\w@.-])" + pat + r"(?![\w@-])")))

    for c in CASES:
        if c["case"] == case_id:
            continue
        o = c["case"]
        add(o, f"case id {o}", o)
        for r in c["references"]:
            add(o, f"reference {r}", r)
        for s in c["subjects"]:
            for n in [s["name"], *s.get("aliases", [])]:
                if n not in permitted:
                    add(o, f"name {n}", n)
            first, last = s["name"].split()[0], s["name"].split()[-1]
            if first not in permitted and all(first not in x.split() for x in permitted):
                add(o, f"first name {first}", first)
            if all(last != p.split()[-1] for p in permitted):
                add(o, f"surname {last}", last)
            if s.get("nhs_number"):
                add(o, f"NHS number {s['nhs_number']}", s["nhs_number"], flex_space=True)
            if s.get("dob"):
                for form in date_forms(s["dob"]):
                    add(o, f"DOB {s['dob']}", form)
            if s.get("email"):
                add(o, f"email {s['email']}", s["email"])
            if s.get("phone"):
                add(o, f"phone {s['phone']}", s["phone"], flex_space=True)
            if s.get("address"):
                add(o, f"postcode {POSTCODE_RE.search(s['address']).group(1)}",
                    POSTCODE_RE.search(s["address"]).group(1))
    return items


def scan(text: str, case_id: str = "1001") -> set[tuple[str, str]]:
    found = set()
    flat = re.sub(r"-\n", "", text)           # undo end-of-line hyphenation
    flat = re.sub(r"\s+", " ", flat)
    for owner, label, pat in foreign_items(case_id):
        if pat.search(text) or pat.search(flat):
            found.add((owner, label))
    return found


def self_check(out: Path, expected: dict[str, set[tuple[str, str]]]) -> list[str]:
    problems = []
    docs = out / "documents"
    # manifests
    for c in CASES:
        data = yaml.safe_load((out / "cases" / f"{c['case']}.yaml").read_text())
        if data != c:
            problems.append(f"cases/{c['case']}.yaml does not round-trip")
        for s in c["subjects"]:
            if s.get("nhs_number") and not nhs_valid(s["nhs_number"]):
                problems.append(f"{c['case']}: bad NHS number {s['nhs_number']}")
        if not 2 <= len(c["subjects"]) <= 5 or not 3 <= len(c["professionals"]) <= 5:
            problems.append(f"{c['case']}: wrong number of subjects or professionals")
    allvals = {}
    for c in CASES:
        for s in c["subjects"]:
            for key in ("nhs_number", "email", "phone", "name"):
                if s.get(key):
                    if s[key] in allvals and allvals[s[key]] != c["case"]:
                        problems.append(f"{s[key]} appears in two cases")
                    allvals[s[key]] = c["case"]
    shared = {p["name"] for p in BY_ID["1001"]["professionals"]} & {p["name"] for p in BY_ID["1003"]["professionals"]}
    if len(shared) < 2:
        problems.append("1001 and 1003 should share two professionals")
    broken = (out / "broken-cases" / "9999.yaml").read_text().splitlines()
    if "subjcts:" not in broken[26] or "2015-13-45" not in broken[11] or "443 601 2153" not in broken[16]:
        problems.append("9999.yaml line numbers in its header comment are stale")
    if nhs_valid("443 601 2153") or not nhs_valid("443 601 2174") or not nhs_valid("443 601 2158"):
        problems.append("9999.yaml NHS numbers are not as described")

    # documents: what each one holds from other cases
    texts: dict[str, str] = {}
    for name in ("clean_letter.txt", "leaky_email_notes.txt"):
        texts[name] = (docs / name).read_text()
    for name in ("clean_plan.docx", "leaky_minutes.docx"):
        texts[name] = "\n".join(docx_parts_text(docs / name).values())
    for name in ("leaky_plan.pdf", "scanned_letter.pdf"):
        texts[name] = "\n".join(pg.extract_text() or "" for pg in PdfReader(docs / name).pages)
    for name, text in texts.items():
        found = scan(text)
        if found != expected[name]:
            problems.append(f"{name}: found {sorted(found)}, expected {sorted(expected[name])}")

    # where the leaks sit
    lm = docs / "leaky_minutes.docx"
    parts = docx_parts_text(lm)
    if "Ruby Arkwright" not in docx_texts_in(lm, "word/document.xml", "//w:tbl//w:tc"):
        problems.append("leaky_minutes: child's name not in a table cell")
    if "Shannon Arkwright" not in parts[first_page_header_part(lm)]:
        problems.append("leaky_minutes: mother's name not in the first-page header")
    if any("Shannon" in t for n, t in parts.items() if n != first_page_header_part(lm)):
        problems.append("leaky_minutes: mother's name outside the first-page header")
    if subj("1002", "Ruby Arkwright")["nhs_number"] not in parts.get("word/footnotes.xml", ""):
        problems.append("leaky_minutes: NHS number not in footnotes.xml")
    ins = docx_texts_in(lm, "word/document.xml", "//w:ins")
    if "Craig Arkwright" not in ins or "arrested on suspicion of assault" not in ins:
        problems.append("leaky_minutes: tracked insertion missing")
    body_paras = docx_texts_in(lm, "word/document.xml", "/w:document/w:body/w:p")
    if "BV25C01002" not in body_paras:
        problems.append("leaky_minutes: court number not in a body paragraph")
    pages = [pg.extract_text() for pg in PdfReader(docs / "leaky_plan.pdf").pages]
    if len(pages) != 2 or scan(pages[0]) or not all(
            w in pages[1] for w in ("Ruby Arkwright", "BA20 3RL", "07700 900214")):
        problems.append("leaky_plan.pdf: page 2 should hold the leaks and page 1 none")
    if "Ruby Ark-\nwright" not in pages[1] or "Shannon\nArkwright" not in pages[1]:
        problems.append("leaky_plan.pdf: line-break / hyphenation plants not extracted as expected")
    scanned = PdfReader(docs / "scanned_letter.pdf")
    pg = scanned.pages[0]
    if (len(scanned.pages) != 1 or (pg.extract_text() or "").strip() or "/Font" in pg["/Resources"]
            or re.search(rb"\bBT\b", pg.get_contents().get_data())):
        problems.append("scanned_letter.pdf has a text layer")
    enc = PdfReader(docs / "encrypted_minutes.pdf")
    if not enc.is_encrypted:
        problems.append("encrypted_minutes.pdf is not encrypted")
    else:
        try:
            enc.pages[0].extract_text()
            problems.append("encrypted_minutes.pdf was readable without a password")
        except Exception:
            pass
        probe = PdfReader(docs / "encrypted_minutes.pdf")
        probe.decrypt("secret")
        text = probe.pages[0].extract_text()
        if "LA-2025-1001" not in text or scan(text):
            problems.append("encrypted_minutes.pdf: decrypted text is not the clean 1001 minutes")
    return problems


def expected_md() -> str:
    ruby, alfie = subj("1002", "Ruby Arkwright"), subj("1002", "Alfie Arkwright")
    shannon, craig = subj("1002", "mother"), subj("1002", "father")
    harvey = subj("1003", "Harvey Tillotson")
    rows = []
    for c in CASES:
        kids = ", ".join(f"{s['name']} ({s['dob']})" for s in c["subjects"] if s["role"] == "child")
        adults = ", ".join(f"{s['name']} ({s['role']})" for s in c["subjects"] if s["role"] != "child")
        profs = ", ".join(f"{p['name']} ({p['role']})" for p in c["professionals"])
        rows.append(f"| {c['case']} | {c['title']} | {kids} | {adults} | {', '.join(c['references'])} | {profs} |")
    cases_table = "\n".join(rows)
    return f"""\
# disclint examples: what to expect

Generated by `examples/make_examples.py` (do not edit by hand; change the script and re-run it).
Every person, address and identifier here is invented. Check them with

    disclint check examples/documents --case 1001 --cases examples/cases

(or, from inside `examples/`, `disclint check documents --case 1001`, which finds `disclint.yaml`).
Expected exit status for the whole folder: **1** (three documents fail, two cannot be read).

## Cases (`examples/cases/`)

| Case | Title | Children | Adults | References | Professionals |
|---|---|---|---|---|---|
{cases_table}

Case 1002 is the neighbouring family (same estate in Yeovil: {ADDR_1001} vs {ADDR_1002}).
Shared professionals: Anita Sahota (IRO) and Bethan Lloyd-Pryce (HV) on 1001 and 1003; Fiona Marchbank
and Graham Pettifer on 1001 and 1002; Joanne Pickersgill on 1002, 1004 and 1005; Priya Ramsden on 1003
and 1004; Lorraine Hibbert on 1003 and 1005. The 1004 family's surname, Pettifer, is also the surname of
Graham Pettifer, the school's DSL on 1001 and 1002 (no relation).

## Documents (`examples/documents/`, all about case 1001)

| Document | Expected status | Why |
|---|---|---|
| clean_letter.txt | pass | RCPC outcome letter to Leanne Penrose; only 1001's people, alias "Kayde", professionals, LA-2025-1001 |
| clean_plan.docx | pass | child protection plan; header LA-2025-1001, footer OFFICIAL-SENSITIVE; near misses below |
| leaky_minutes.docx | fail | five planted 1002 leaks (header, table, footnote, tracked insertion, body) |
| leaky_plan.pdf | fail | page 2 pasted from the 1002 plan |
| leaky_email_notes.txt | fail | 1002 e-mail and reference, 1003 child's date of birth |
| scanned_letter.pdf | error | one page that is only an image (no fonts, no text operators): nothing to check, so fail closed. Its picture shows a clean 1001 letter, so with OCR it would pass. |
| encrypted_minutes.pdf | error | encrypted (RC4-128, user password `secret`): cannot be read, so fail closed. Decrypted, it holds clean 1001 strategy-discussion minutes. |

## Planted leaks

| Document | What | Where | Belongs to | Rule |
|---|---|---|---|---|
| leaky_minutes.docx | `{shannon['name']}` (mother) | first-page header (`different_first_page_header_footer`), `word/header1.xml`; part `header`, page 1 | 1002 | foreign-name |
| leaky_minutes.docx | `{ruby['name']}` (child) | section 7 actions table, third action (row 4 counting the heading row), column 1; part `table` | 1002 | foreign-name |
| leaky_minutes.docx | NHS number `{ruby['nhs_number']}` (Ruby Arkwright) | footnote 1 (`word/footnotes.xml`), referenced from the "Health:" paragraph; part `footnote` | 1002 | foreign-identifier |
| leaky_minutes.docx | `{craig['name']} was arrested on suspicion of assault on 12 June 2025 ...` (father + allegation) | unaccepted tracked insertion `<w:ins w:author="Nadia Fairbrother">` at the end of the "Social care:" paragraph; part `body` | 1002 | foreign-name, allegation, hidden-content (tracked change) |
| leaky_minutes.docx | court number `BV25C01002` | body paragraph "Legal update:"; part `body` | 1002 | foreign-identifier |
| leaky_plan.pdf | `{ruby['name']}'s attendance ...` (child, full name) | page 2, line 3; part `page` | 1002 | foreign-name |
| leaky_plan.pdf | `Shannon` / `Arkwright` (mother) broken across a line break | page 2, lines 5-6; part `page` | 1002 | foreign-name |
| leaky_plan.pdf | phone `{shannon['phone']}` | page 2, line 7; part `page` | 1002 | foreign-identifier |
| leaky_plan.pdf | postcode `{POSTCODE_RE.search(ADDR_1002).group(1)}` (in "6 Larkspur Way, Yeovil ...") | page 2, line 8; part `page` | 1002 | foreign-identifier |
| leaky_plan.pdf | `Ruby Ark-` / `wright` (child, surname hyphenated across lines) | page 2, lines 9-10; part `page` | 1002 | foreign-name |
| leaky_email_notes.txt | `{shannon['email']}` | entry 11/06/2025 11:05; part `body` | 1002 | foreign-identifier |
| leaky_email_notes.txt | `LA-2025-1002` | entry 12/06/2025 16:20; part `body` | 1002 | foreign-identifier |
| leaky_email_notes.txt | `DOB ... {harvey['dob'].day} {harvey['dob']:%B %Y}` (Harvey Tillotson, dob {harvey['dob']}) | entry 13/06/2025 10:30, sentence starting "DOB"; part `body` | 1003 | foreign-identifier |

Line numbers on leaky_plan.pdf page 2 count from its section heading "5. Information shared by partner
agencies" (line 1; the running header is not counted). Page 2 also hyphenates an ordinary word (`recom-` / `mendations`, lines 11-12): it must
not produce a finding, and de-hyphenation must not glue it to anything. Page 1 of leaky_plan.pdf is clean.
leaky_minutes.docx may also raise `minutes-boilerplate` (attendance, apologies, actions) at warning level.

## Near misses (must not be flagged for case 1001)

- Professionals shared with other cases: Anita Sahota and Bethan Lloyd-Pryce (also on 1003), Fiona
  Marchbank and Graham Pettifer (also on 1002), throughout the 1001 documents.
- `Graham Pettifer` / `Mr Pettifer` and `Mrs Lloyd-Pryce` (clean_letter.txt) (1001's DSL and HV) while `Pettifer` is the surname of the 1004 family.
- clean_plan.docx: Sunday 2 March 2025 (1003's Harvey was born 2 March 2015) and 9 June 2025 (1002's Ruby
  was born 9 June 2017): same day and month as another case's date of birth, different year.
- 1001's own identifiers: dates of birth 14/05/2016 and 03/11/2022, phone 07700 900131 and 07700 900147,
  postcode BA20 3QT, alias "Kayde".
- Phone 01632 960417 (the IRO's office line) and the council's own address are in no manifest.

## Broken manifests (`examples/broken-cases/`)

`disclint manifest validate examples/broken-cases` should exit **2**. 1001.yaml and 1002.yaml are copies of
the good manifests; 9999.yaml has three problems:

| Line | Problem |
|---|---|
| 12 | `dob: 2015-13-45` is not a date. Note: PyYAML's `safe_load` raises a plain `ValueError` ("month must be in 1..12", no line) for it, not a `YAMLError`; load dates as strings to report the line. |
| 17 | `nhs_number: "443 601 2153"`: wrong Modulus 11 check digit (should end in 8) |
| 27 | unknown key `subjcts` (typo of `subjects`) |
"""


# --------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="folder to write into (default: the folder of this script)")
    ap.add_argument("--no-check", action="store_true", help="skip the self-check")
    args = ap.parse_args(argv)
    out: Path = args.out
    cases_dir, broken_dir, docs = out / "cases", out / "broken-cases", out / "documents"
    for d in (cases_dir, broken_dir, docs):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)

    for c in CASES:
        (cases_dir / f"{c['case']}.yaml").write_text(manifest_yaml(c), encoding="utf-8")
    for cid in ("1001", "1002"):
        shutil.copyfile(cases_dir / f"{cid}.yaml", broken_dir / f"{cid}.yaml")
    (broken_dir / "9999.yaml").write_text(BROKEN_9999, encoding="utf-8")
    (out / "EXPECTED.md").write_text(expected_md(), encoding="utf-8")
    (out / "disclint.yaml").write_text(
        "# disclint configuration for the examples; paths are relative to this file.\ncases: cases\n",
        encoding="utf-8")

    ruby, shannon, craig = subj("1002", "Ruby Arkwright"), subj("1002", "mother"), subj("1002", "father")
    harvey = subj("1003", "Harvey Tillotson")

    (docs / "clean_letter.txt").write_text(clean_letter(), encoding="utf-8")
    build_clean_plan(docs / "clean_plan.docx")
    build_leaky_minutes(docs / "leaky_minutes.docx", {
        "header_name": shannon["name"],
        "table_name": ruby["name"],
        "footnote_text": f"Immunisation history checked against the child health record "
                         f"(NHS number {ruby['nhs_number']}).",
        "tracked_text": f"{craig['name']} was arrested on suspicion of assault on 12 June 2025 after an "
                        f"incident at the family home and has been released on police bail with "
                        f"conditions not to contact the children.",
        "court_number": "BV25C01002",
    })
    build_leaky_plan(docs / "leaky_plan.pdf", {
        "child_full": ruby["name"], "phone": shannon["phone"],
        "postcode": POSTCODE_RE.search(ruby["address"]).group(1),
    })
    build_scanned_letter(docs / "scanned_letter.pdf")
    build_encrypted_minutes(docs / "encrypted_minutes.pdf")
    (docs / "leaky_email_notes.txt").write_text(leaky_email_notes({
        "email": shannon["email"], "reference": "LA-2025-1002",
        "dob_text": f"{harvey['dob'].day} {harvey['dob']:%B %Y}",
    }), encoding="utf-8")

    if args.no_check:
        return 0
    a = "1002"
    expected = {
        "clean_letter.txt": set(),
        "clean_plan.docx": set(),
        "scanned_letter.pdf": set(),
        "leaky_minutes.docx": {(a, "name Shannon Arkwright"), (a, "name Ruby Arkwright"),
                               (a, "name Craig Arkwright"), (a, "first name Shannon"), (a, "first name Ruby"),
                               (a, "first name Craig"), (a, "surname Arkwright"),
                               (a, f"NHS number {ruby['nhs_number']}"), (a, "reference BV25C01002")},
        "leaky_plan.pdf": {(a, "name Ruby Arkwright"), (a, "name Shannon Arkwright"), (a, "first name Ruby"),
                           (a, "first name Shannon"), (a, "surname Arkwright"), (a, "postcode BA20 3RL"),
                           (a, "phone 07700 900214")},
        "leaky_email_notes.txt": {(a, "email shannon.arkwright@example.org"), (a, "reference LA-2025-1002"),
                                  ("1003", "DOB 2015-03-02")},
    }
    problems = self_check(out, expected)
    for p in problems:
        print("SELF-CHECK:", p, file=sys.stderr)
    if not problems:
        print(f"wrote examples to {out} (self-check passed)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
