"""Each limit of :class:`~disclint.limits.Limits` is applied by the readers, refuses with a message that
names it and says how to change it, and lets through what is within it."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.readers import read, size_text
from tests.builders import docx, p, pdf
from tests.hostile.make_hostile import bomb_docx, embedding_docx, nested_email
from tests.hostile.make_hostile import docx as plain_docx


def limits(**values: int) -> Limits:
    return dataclasses.replace(DEFAULT_LIMITS, **values)


def refused(path: Path, chosen: Limits, name: str) -> str:
    with pytest.raises(ReadError) as caught:
        read(path, chosen)
    message = caught.value.message
    assert f"'{name}'" in message
    assert f"raise '{name}' under 'limits:' in disclint.yaml" in message
    return message


def test_read_takes_the_default_limits(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hello.\n", encoding="utf-8")
    assert read(path) == read(path, DEFAULT_LIMITS)


def test_max_file_mb_is_checked_before_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)  # 1.4 MB
    message = refused(path, limits(max_file_mb=1), "max_file_mb")
    assert message.startswith("the file is 1.4 MB (more than the 1 MB limit, 'max_file_mb')")
    assert read(path, limits(max_file_mb=2)).blocks


def test_max_members(tmp_path: Path) -> None:
    path = docx(tmp_path / "d.docx", [p("Five parts.")])
    message = refused(path, limits(max_members=3), "max_members")
    assert "the file holds 4 parts (more than the 3 limit, 'max_members')" in message
    assert read(path, limits(max_members=4)).blocks


def test_max_unpacked_mb(tmp_path: Path) -> None:
    paragraphs = [p(f"Paragraph {n} of a long plan about nothing much.") for n in range(40_000)]
    path = docx(tmp_path / "d.docx", paragraphs)
    message = refused(path, limits(max_unpacked_mb=1), "max_unpacked_mb")
    assert "(more than the 1 MB limit, 'max_unpacked_mb'): refused as a possible zip bomb" in message
    assert len(read(path, limits(max_unpacked_mb=100)).blocks) == 40_000


def test_max_ratio_is_judged_above_ten_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb_docx(20))  # 20 MB of NULs from 20 KB
    message = refused(path, DEFAULT_LIMITS, "max_ratio")
    assert "times over, to 20 MB (more than the 200-times limit, 'max_ratio')" in message
    # Allowed a higher ratio it is inflated, and found not to be XML at all.
    with pytest.raises(ReadError, match="damaged XML"):
        read(path, limits(max_ratio=5_000))


def test_a_small_part_compressing_well_is_no_bomb(tmp_path: Path) -> None:
    path = docx(tmp_path / "d.docx", [p("Same words again. " * 50) for _ in range(2_000)])
    assert read(path).blocks


def test_max_depth_counts_every_kind_of_nesting(tmp_path: Path) -> None:
    inner = plain_docx("Tyler Brown at the bottom.")
    two_deep = embedding_docx(embedding_docx(inner, "level2.docx"), "level1.docx")
    path = tmp_path / "nested.docx"
    path.write_bytes(two_deep)
    refused(path, limits(max_depth=1), "max_depth")
    assert any("bottom" in b.text for b in read(path, limits(max_depth=2)).blocks)

    mail = tmp_path / "nested.eml"
    mail.write_bytes(nested_email(2))
    refused(mail, limits(max_depth=1), "max_depth")
    assert any("innermost" in b.text for b in read(mail, limits(max_depth=2)).blocks)


def test_a_word_file_attached_to_an_email_counts_as_one_level(tmp_path: Path) -> None:
    from tests.hostile.make_hostile import email_bytes

    mail = tmp_path / "mail.eml"
    attached = embedding_docx(plain_docx("Deep."), "in.docx")
    mail.write_bytes(email_bytes("Attached.", [("minutes.docx", attached)]))
    refused(mail, limits(max_depth=1), "max_depth")
    assert any("Deep." in b.text for b in read(mail, limits(max_depth=2)).blocks)


def test_max_pages_is_checked_before_text_is_extracted(tmp_path: Path) -> None:
    path = pdf(tmp_path / "three.pdf", [["One."], ["Two."], ["Three."]])
    message = refused(path, limits(max_pages=2), "max_pages")
    assert "3 pages (more than the 2-page limit, 'max_pages'): refused before reading them" in message
    assert len(read(path, limits(max_pages=3)).blocks) >= 3


def test_max_pages_counts_the_pages_of_earlier_revisions(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    original = pdf(tmp_path / "two.pdf", [["One."], ["Two."]]).read_bytes()
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    writer.add_outline_item(title="Added later", page_number=0)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "revised.pdf"
    path.write_bytes(out.getvalue())
    message = refused(path, limits(max_pages=3), "max_pages")
    assert "earlier revisions" in message
    assert read(path, limits(max_pages=4)).blocks


def test_max_chars_for_text_and_for_every_other_reader(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("x" * 150, encoding="utf-8")
    assert "the file holds 150 characters of text" in refused(text, limits(max_chars=100), "max_chars")
    word = docx(tmp_path / "a.docx", [p("y" * 150)])
    assert "the document holds 150 characters" in refused(word, limits(max_chars=100), "max_chars")
    assert read(word, limits(max_chars=150)).blocks


def test_a_stored_zip_within_the_limits_is_read(tmp_path: Path) -> None:
    source = docx(tmp_path / "d.docx", [p("Stored, not deflated.")]).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    path = tmp_path / "stored.docx"
    path.write_bytes(buffer.getvalue())
    assert [b.text for b in read(path).blocks] == ["Stored, not deflated."]


@pytest.mark.parametrize(
    ("size", "text"),
    [(512, "512 bytes"), (730 * 1024, "730 KB"), (512 * 1024**2, "512 MB"), (int(2.1 * 1024**3), "2.1 GB")],
)
def test_sizes_are_written_as_people_write_them(size: int, text: str) -> None:
    assert size_text(size) == text


def test_a_zip_that_understates_its_parts_is_counted(tmp_path: Path) -> None:
    import struct

    parts = {f"word/media/part{n}.bin": b"" for n in range(20)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    data = bytearray(buffer.getvalue())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 2, 2)  # the end record says 2 parts
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    message = refused(path, limits(max_members=5), "max_members")
    assert "the file holds at least 6 parts (more than the 5 limit, 'max_members')" in message
