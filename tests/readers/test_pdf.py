from __future__ import annotations

from pathlib import Path

import pytest

from disclint.errors import ReadError
from disclint.model import Part
from disclint.readers import read
from disclint.readers.pdf import join_hyphenation
from tests.builders import pdf


def test_text_per_page_with_page_numbers(tmp_path: Path) -> None:
    path = pdf(tmp_path / "a.pdf", [["Page one text about Jackson."], ["Page two names Tyler Brown."]])
    blocks = read(path).blocks
    assert [(b.page, b.part) for b in blocks if b.part is Part.PAGE] == [(1, Part.PAGE), (2, Part.PAGE)]
    assert "Tyler Brown" in [b for b in blocks if b.part is Part.PAGE][1].text


def test_hyphenated_words_are_joined(tmp_path: Path) -> None:
    path = pdf(tmp_path / "h.pdf", [["The neigh-", "bour said that Smith-", "Jones was there."]])
    text = read(path).blocks[0].text
    assert "neighbour" in text and "Smith-Jones" in text


@pytest.mark.parametrize(
    ("before", "after"),
    [("neigh-\nbour", "neighbour"), ("Smith-\nJones", "Smith-Jones"), ("2015-\n03", "2015-\n03")],
)
def test_join_hyphenation(before: str, after: str) -> None:
    assert join_hyphenation(before) == after


def test_scanned_page_is_an_error(tmp_path: Path) -> None:
    path = pdf(tmp_path / "scan.pdf", [[]], image_only=True)
    with pytest.raises(ReadError, match="scanned image with no text layer: run OCR"):
        read(path)


def test_encrypted_pdf_is_an_error(tmp_path: Path) -> None:
    path = pdf(tmp_path / "locked.pdf", [["Secret minutes"]], password="secret")
    with pytest.raises(ReadError, match="encrypted"):
        read(path)


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b"%PDF-1.7\n garbage", "damaged|no pages")])
def test_empty_and_corrupt_pdfs_are_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read(path)


def test_truncated_pdf_is_never_a_silent_pass(tmp_path: Path) -> None:
    good = pdf(tmp_path / "good.pdf", [["Tyler Brown attended."] * 30]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[: len(good) // 3])
    try:
        blocks = read(path).blocks
    except ReadError:
        return
    assert any("Tyler Brown" in b.text for b in blocks)
