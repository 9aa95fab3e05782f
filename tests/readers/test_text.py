from __future__ import annotations

from pathlib import Path

import pytest

from disclint.errors import ReadError
from disclint.readers import read

TEXT = "Dear Ms Smith,\n\nZoë and Tyler\nBrown’s mother attended.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_common_encodings_are_read_without_loss(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(TEXT.encode(encoding))
    blocks = read(path).blocks
    assert [b.text for b in blocks] == ["Dear Ms Smith,", "Zoë and Tyler\nBrown’s mother attended."]


def test_paragraph_is_the_line_of_the_match(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nline three\nline four Tyler\n", encoding="utf-8")
    block = read(path).blocks[1]
    start = block.text.index("Tyler")
    assert block.locate(start, start + 5).paragraph == 4


def test_binary_junk_named_txt_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 20)
    with pytest.raises(ReadError):
        read(path)


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "x.odt"
    path.write_bytes(b"data")
    with pytest.raises(ReadError, match="cannot read"):
        read(path)


WINDOWS = "Dear Ms O’Neill,\n\nThe “fee” was £20 – for Zoë’s café trip…\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32", b""),  # Python writes the byte-order mark itself
        ("cp1252", b""),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16-le BOM", "utf-16-be BOM", "utf-16-le", "utf-16-be", "utf-32", "1252"],
)
def test_every_common_encoding_is_read_without_loss(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(prefix + WINDOWS.encode(encoding))
    expected = ["Dear Ms O’Neill,", "The “fee” was £20 – for Zoë’s café trip…"]
    assert [b.text for b in read(path).blocks] == expected


@pytest.mark.parametrize("text", ["£5", "Zoë", "Renée — “x”", "O’Neill’s", "café au lait", "naïve façade"])
def test_short_windows_1252_text_is_not_mistaken_for_another_code_page(tmp_path: Path, text: str) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read(path).blocks[0].text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это проверка кодировки для письма.", "cp1251"),
        ("Dzień dobry, żółć gęślą jaźń. Łukasz Wójcik przyszedł.", "cp1250"),
    ],
)
def test_other_code_pages_are_still_found(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "other.txt"
    path.write_bytes(text.encode(encoding))
    assert read(path).blocks[0].text == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00\xff" * 20,  # NULs, not in a UTF-16 pattern
        b"\x00\x01\x00\x02\x00\x03\x00\x04" * 40,  # a UTF-16 pattern of control characters
        bytes(range(1, 32)) * 10,  # control characters without NULs
        b"\xff\xfe" + b"\x00\xd8" * 10,  # a UTF-16 mark and broken surrogates
    ],
    ids=["nul bytes", "utf-16 controls", "controls", "broken utf-16"],
)
def test_binary_data_with_a_text_name_is_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="binary data, not text"):
        read(path)


def test_a_form_feed_and_a_dos_end_of_file_mark_are_still_text(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"Page one.\r\n\x0cPage two.\r\n\x1a")
    assert "Page two." in "\n".join(b.text for b in read(path).blocks)
