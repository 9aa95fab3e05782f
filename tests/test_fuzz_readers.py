"""Fuzzing the readers (issue 7): mutated Word files, PDFs, emails and text files (cut short, bytes
flipped, zip parts dropped or renamed) each end as a Document or a ReadError, never another exception
and never a hang.

Hypothesis runs derandomized (the same examples on every run, no example database), with a few
examples per format so that the whole file takes well under a minute. A hang is caught by an alarm,
not a timed assertion: the generous deadline only stops an example that never ends.
"""

from __future__ import annotations

import io
import signal
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from disclint.errors import ReadError
from disclint.model import Document
from disclint.readers import read
from tests.builders import cell, comments_with_initials, deleted, docx, ins, p, pdf, table
from tests.hostile.make_hostile import zip_bytes

HANG_SECONDS = 20


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=timedelta(seconds=HANG_SECONDS),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Hang(Exception):
    """A read that went on past :data:`HANG_SECONDS`."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Raise :class:`Hang` in a read that does not end (POSIX main thread; elsewhere no guard)."""
    if sys.platform == "win32" or not hasattr(signal, "SIGALRM"):
        yield
        return

    def ring(*_: object) -> None:
        raise Hang(f"the read did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="disclint-fuzz-") as name:
        yield Path(name)


def read_ends_well(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        with alarm(HANG_SECONDS):
            document = read(path)
    except ReadError as exc:
        assert exc.message.strip()
        event(f"error: {exc.message[:40]}")
        return
    assert isinstance(document, Document)
    event("read")


# ---- seeds


@cache
def seed_docx() -> bytes:
    with tempfile.TemporaryDirectory() as name:
        body = [
            p("Core group minutes for Jackson Smith."),
            p("Tyler Brown ", ins("and Kelly O'Neill "), deleted("were "), "attended."),
            table([cell(p("Name")), cell(p("Role"))], [cell(p("Sarah Jones")), cell(p("Social Worker"))]),
        ]
        path = docx(
            Path(name) / "seed.docx",
            body,
            headers={"default": [p("OFFICIAL-SENSITIVE")]},
            footnotes=[[p("A footnote naming Zoë Smith-Hart.")]],
        )
        data = path.read_bytes()
    parts = dict(_members(data))
    parts["word/comments.xml"] = comments_with_initials([("A. Reviewer", "AR", [p("Check this.")])]).encode()
    return zip_bytes(parts)


@cache
def seed_pdf() -> bytes:
    with tempfile.TemporaryDirectory() as name:
        path = pdf(
            Path(name) / "seed.pdf", [["Page one about Jackson Smith."], ["Page two names Tyler Brown."]]
        )
        return path.read_bytes()


@cache
def seed_eml() -> bytes:
    """An email with both bodies, encoded headers, a forwarded message and three attachments."""
    from email.message import EmailMessage

    forwarded = EmailMessage()
    forwarded["From"] = "=?utf-8?q?Zo=C3=AB_Smith-Hart?= <zoe@example.org>"
    forwarded["To"] = "Sarah Jones <sarah.jones@council.example.org>"
    forwarded["Subject"] = "Earlier minutes"
    forwarded.set_content("Kelly O'Neill attended.")
    message = EmailMessage()
    message["From"] = "Sarah Jones <sarah.jones@council.example.org>"
    message["To"] = "Jackie Smith <jackie.smith@example.org>, Lee Smith <lee.smith@example.org>"
    message["Subject"] = "Core group minutes for Jackson"
    message.set_content("Dear Jackie,\n\nMinutes attached.\n")
    message.add_alternative("<p>Dear Jackie,</p><!-- Tyler Brown --><p>Minutes attached.</p>", subtype="html")
    for name, data in (
        ("minutes.docx", seed_docx()),
        ("notes.txt", "Zoë’s notes: Tyler Brown.".encode("cp1252")),
        ("plan.pdf", seed_pdf()),
    ):
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    message.add_attachment(forwarded)
    message.set_boundary("=_fuzz_seed")
    return bytes(message)


SEED_TEXTS = {
    "utf8.txt": "Dear Ms Smith,\n\nZoë and Tyler\nBrown’s mother attended.\n".encode(),
    "cp1252.md": "# Notes\n\nThe “fee” was £20 for Zoë’s café.\n".encode("cp1252"),
    "utf16.txt": "Minutes\r\nKelly O’Neill\r\n".encode("utf-16"),
}


def _members(data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            yield info.filename, zf.read(info)


# ---- mutations


@st.composite
def truncated(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data) - 1))]


@st.composite
def flipped(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(out) - 1))
        out[position] = draw(st.integers(0, 255))
    return bytes(out)


@st.composite
def spliced(draw: st.DrawFn, data: bytes) -> bytes:
    """A run of bytes cut out, repeated or inserted (a half-copied or badly joined file)."""
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 4096)))
    insert = draw(st.sampled_from([b"", data[start:end], data[start:end] * 3, draw(st.binary(max_size=64))]))
    return data[:start] + insert + data[end:]


@st.composite
def zip_edited(draw: st.DrawFn, data: bytes) -> bytes:
    """Parts of a zip dropped, renamed, emptied or swapped for another's bytes."""
    parts = dict(_members(data))
    names = sorted(parts)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(names))
        action = draw(st.sampled_from(["drop", "rename", "empty", "swap", "garble"]))
        if name not in parts:
            continue
        if action == "drop":
            del parts[name]
        elif action == "rename":
            parts[name + draw(st.sampled_from([".bak", "x", "/"]))] = parts.pop(name)
        elif action == "empty":
            parts[name] = b""
        elif action == "swap":
            parts[name] = parts[draw(st.sampled_from(sorted(parts)))]
        else:
            content = parts[name]
            cut = draw(st.integers(0, len(content)))
            parts[name] = content[:cut] + draw(st.binary(max_size=16)) + content[cut:]
    return zip_bytes(parts)


def mutations(seed: Callable[[], bytes], zips: bool = False) -> st.SearchStrategy[bytes]:
    data = seed()
    options = [truncated(data), flipped(data), spliced(data)]
    if zips:
        options.append(zip_edited(data))
    return st.one_of(options)


# ---- the properties


@fuzz_settings(500)
@given(data=mutations(seed_docx, zips=True))
def test_mutated_word_files_end_as_a_document_or_a_read_error(folder: Path, data: bytes) -> None:
    read_ends_well(folder, "minutes.docx", data)


@fuzz_settings(300)
@given(data=mutations(seed_pdf))
def test_mutated_pdfs_end_as_a_document_or_a_read_error(folder: Path, data: bytes) -> None:
    read_ends_well(folder, "plan.pdf", data)


@fuzz_settings(300)
@given(data=mutations(seed_eml))
def test_mutated_emails_end_as_a_document_or_a_read_error(folder: Path, data: bytes) -> None:
    read_ends_well(folder, "mail.eml", data)


@fuzz_settings(300)
@given(name=st.sampled_from(sorted(SEED_TEXTS)), data=st.data())
def test_mutated_text_files_end_as_a_document_or_a_read_error(
    folder: Path, name: str, data: st.DataObject
) -> None:
    mutated = data.draw(mutations(lambda: SEED_TEXTS[name]))
    read_ends_well(folder, name, mutated)


@fuzz_settings(300)
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.text(max_size=512).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    name=st.sampled_from(["x.txt", "x.md", "x.docx", "x.pdf", "x.eml", "x.msg"]),
)
def test_arbitrary_bytes_under_any_name_end_as_a_document_or_a_read_error(
    folder: Path, data: bytes, name: str
) -> None:
    read_ends_well(folder, name, data or b"\n")


# ---- what fuzzing found, kept as regression tests


def test_an_email_cut_off_inside_an_address_keeps_the_header_as_written(tmp_path: Path) -> None:
    """The standard library's address parser raised IndexError on ``To: Jackie Smith <``."""
    path = tmp_path / "cut.eml"
    path.write_bytes(b"From: Sarah Jones <sarah.jones@council.example.org>\nTo: Jackie Smith <")
    texts = [block.text for block in read(path).blocks]
    assert "To: Jackie Smith <" in texts


def test_a_zip_needing_an_unknown_zip_version_is_a_read_error(tmp_path: Path) -> None:
    """zipfile raised NotImplementedError ('zip file version 6.4') for a damaged version field."""
    data = bytearray(docx(tmp_path / "ok.docx", [p("Fine.")]).read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 64  # version needed to extract: 6.4
    path = tmp_path / "version.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="damaged"):
        read(path)
