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
