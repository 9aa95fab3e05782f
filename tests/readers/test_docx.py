from __future__ import annotations

from pathlib import Path

import pytest

from disclint.errors import ReadError
from disclint.model import Part
from disclint.readers import read
from tests.builders import cell, deleted, docx, ins, p, run, table


def texts(path: Path, part: Part | None = None) -> list[str]:
    return [b.text for b in read(path).blocks if part is None or b.part is part]


def test_body_paragraphs_in_reading_order_with_numbers(tmp_path: Path) -> None:
    path = docx(tmp_path / "a.docx", [p("First."), p(""), p("Second ", "part.")])
    blocks = read(path).blocks
    assert [(b.text, b.paragraph, b.part) for b in blocks] == [
        ("First.", 1, Part.BODY),
        ("Second part.", 3, Part.BODY),
    ]


def test_tracked_insertions_are_read_and_deletions_are_not_body_text(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "a.docx", [p("Present: ", ins("Tyler Brown"), deleted("Mason Hughes"), " (child)")]
    )
    assert texts(path, Part.BODY) == ["Present: Tyler Brown (child)"]


def test_tables_nested_and_merged_cells_once(tmp_path: Path) -> None:
    inner = table([cell(p("Inner Ravi Patel"))])
    body = [
        table(
            [cell(p("Name")), cell(p("Role"))],
            [cell(p("Tyler"), p("Brown"), merge="restart"), cell(p("child"), inner)],
            [cell(merge="continue"), cell(p("sibling"))],
        )
    ]
    blocks = read(docx(tmp_path / "t.docx", body)).blocks
    found = [b.text for b in blocks]
    assert found.count("Tyler\nBrown") == 1  # one cell, both lines, read once
    assert "Inner Ravi Patel" in found
    assert all(b.part is Part.TABLE for b in blocks)


def test_headers_and_footers_of_every_kind(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "h.docx",
        [p("Body")],
        headers={"default": [p("Default header")], "first": [p("First-page header Kelly O'Neill")]},
        footers={"even": [p("Even footer")]},
    )
    blocks = read(path).blocks
    found = {(b.part, b.text, b.note) for b in blocks}
    assert (Part.HEADER, "Default header", "header") in found
    assert (Part.HEADER, "First-page header Kelly O'Neill", "first-page header") in found
    assert (Part.FOOTER, "Even footer", "even-page footer") in found


def test_footnotes_endnotes_and_comments(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "f.docx",
        [p("Body")],
        footnotes=[[p("NHS 401 023 2137")]],
        endnotes=[[p("Endnote text")]],
        comments=[("A. Reviewer", [p("Is this Tyler?")])],
    )
    blocks = read(path).blocks
    assert [(b.part, b.text) for b in blocks if b.part not in (Part.BODY, Part.METADATA)] == [
        (Part.FOOTNOTE, "NHS 401 023 2137"),
        (Part.FOOTNOTE, "Endnote text"),
        (Part.COMMENT, "Is this Tyler?"),
    ]
    assert blocks[1].note == "footnote 1" and blocks[3].note == "comment by A. Reviewer"


def test_text_box_read_once_not_again_from_the_fallback_copy(tmp_path: Path) -> None:
    box = "<w:txbxContent>" + p("Boxed Tyler Brown") + "</w:txbxContent>"
    shape = (
        "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        f"{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    found = texts(docx(tmp_path / "b.docx", [p("Before ", shape, "after")]))
    assert found == ["Before after", "Boxed Tyler Brown"]


def test_content_controls_and_tabs_and_breaks(tmp_path: Path) -> None:
    sdt = f"<w:sdt><w:sdtContent>{p('In a control')}</w:sdtContent></w:sdt>"
    tabbed = "<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r></w:p>"
    assert texts(docx(tmp_path / "c.docx", [sdt, tabbed])) == ["In a control", "A\tB\nC"]


def test_a_document_written_by_python_docx(tmp_path: Path) -> None:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Core group minutes")
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text = "Tyler Brown"
    grid.cell(1, 0).merge(grid.cell(1, 1)).text = "merged"
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "First header"
    section.footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    path = tmp_path / "real.docx"
    document.save(str(path))
    found = texts(path)
    assert found.count("merged") == 1
    assert {"Core group minutes", "Tyler Brown", "First header", "OFFICIAL-SENSITIVE"} <= set(found)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 truncated", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "password-protected"),
        (b"plain text pretending", "damaged"),
    ],
)
def test_unreadable_word_files_are_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read(path)


def test_truncated_docx_is_an_error(tmp_path: Path) -> None:
    good = docx(tmp_path / "good.docx", [p("Some text " * 50)]).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError):
        read(path)


def test_missing_main_part_is_an_error(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="not a Word document"):
        read(path)


def test_raw_run_helper_escapes(tmp_path: Path) -> None:
    assert texts(docx(tmp_path / "e.docx", [p(run("A & B <c>"))])) == ["A & B <c>"]
