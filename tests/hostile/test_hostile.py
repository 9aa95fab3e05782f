"""The hostile corpus (issue 7): every nasty file ends as a ReadError with a plain reason, quickly;
the odd-but-fine ones are read; nothing a hostile file points at leaks into what is reported."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from disclint.errors import ReadError
from disclint.readers import read
from disclint.readers.ooxml import _PARSER
from tests.hostile.make_hostile import HOSTILE, READABLE, make_hostile, make_readable

CheckJson = Callable[..., tuple[int, dict[str, Any]]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    make_hostile(folder)
    make_readable(folder)
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_an_error_that_says_why(corpus: Path, name: str) -> None:
    expected = HOSTILE[name][1]
    path = corpus / name
    with pytest.raises(ReadError) as caught:
        read(path)
    assert expected in caught.value.message
    assert caught.value.path == path
    assert "Traceback" not in caught.value.message


@pytest.mark.parametrize("name", sorted(READABLE))
def test_odd_but_sound_files_are_read(corpus: Path, name: str) -> None:
    text = "\n".join(block.text for block in read(corpus / name).blocks)
    assert READABLE[name][1] in text


def test_make_hostile_returns_every_file_it_writes(tmp_path: Path) -> None:
    expected = make_hostile(tmp_path / "a")
    assert set(expected) == set(HOSTILE)
    written = {p.name for p in (tmp_path / "a").iterdir()}
    # Without symlinks a looping link is not made: reading the missing name fails the same way.
    assert written | {"symlink_loop.txt"} == set(HOSTILE) | {"symlink_loop.txt"}
    assert not set(expected) & set(READABLE)


def test_the_corpus_is_the_same_every_time(tmp_path: Path) -> None:
    make_hostile(tmp_path / "a")
    make_hostile(tmp_path / "b")
    make_readable(tmp_path / "a")
    make_readable(tmp_path / "b")
    for first in sorted((tmp_path / "a").iterdir()):
        if first.name == "encrypted.pdf":  # pypdf draws a fresh salt to encrypt
            continue
        if first.is_file() and not first.is_symlink() and first.stat().st_size < 50_000_000:
            assert first.read_bytes() == (tmp_path / "b" / first.name).read_bytes(), first.name


def test_the_generator_runs_as_a_script(tmp_path: Path) -> None:
    script = Path(__file__).with_name("make_hostile.py")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "out")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "error  zip_bomb_declared.docx" in done.stdout
    assert "reads  pdf_named.docx" in done.stdout
    assert (tmp_path / "out" / "zip_bomb_declared.docx").stat().st_size < 10_000_000


@pytest.mark.parametrize("name", ["zip_bomb_declared.docx", "zip_bomb_ratio.docx", "too_many_members.docx"])
def test_a_zip_bomb_is_refused_in_milliseconds(corpus: Path, name: str) -> None:
    path = corpus / name
    with pytest.raises(ReadError):
        read(path)  # the Word reader's imports, once
    started = time.perf_counter()
    with pytest.raises(ReadError, match="refused as a possible zip bomb"):
        read(path)
    elapsed = time.perf_counter() - started
    print(f"\n{name}: refused in {elapsed * 1000:.1f} ms")
    assert elapsed < 1.0  # generous: it takes a few milliseconds; inflating it would take minutes


def test_an_external_entity_never_reaches_the_output(corpus: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read(corpus / "xxe_passwd.docx")
    assert "root:" not in str(caught.value)
    # Even past the DTD check, the parser neither resolves the entity nor reads the file.
    from lxml import etree

    xml = b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>'
    root = etree.fromstring(xml, _PARSER)
    assert b"root:" not in etree.tostring(root)
    assert "root:" not in "".join(root.itertext())


def test_an_entity_bomb_is_not_expanded_by_the_parser() -> None:
    from lxml import etree

    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    xml = f"<!DOCTYPE r [{entities}]><r>&i;</r>".encode()
    started = time.perf_counter()
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return  # libxml2 refused the amplification itself
    assert len(etree.tostring(root)) < 1000
    assert time.perf_counter() - started < 1.0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    started = time.perf_counter()
    with pytest.raises(ReadError, match="not an ordinary file"):
        read(path)
    assert time.perf_counter() - started < 5


def test_a_batch_reports_exactly_the_hostile_files_as_errors(
    tmp_path: Path, check_json: CheckJson, corpus: Path
) -> None:
    """Good letters and hostile files in one folder: every hostile file the folder search takes is an
    error with its reason, every good letter is checked and passes, and the run goes on."""
    folder = tmp_path / "outbox"
    folder.mkdir()
    for number in range(30):
        (folder / f"letter{number:02}.txt").write_text(
            f"Dear Jackie,\n\nThis is letter {number} about Jackson Smith's plan.\n", encoding="utf-8"
        )
    hostile = {}
    for name, (make, expected) in HOSTILE.items():
        path = folder / name
        make(path)
        if path.is_file() and path.suffix in (".txt", ".md", ".docx", ".pdf", ".eml"):
            hostile[name] = expected
    code, report = check_json(folder)
    assert code == 1
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    errors = {name for name, d in by_name.items() if d["status"] == "error"}
    assert errors == set(hostile)
    for name, expected in hostile.items():
        assert expected in by_name[name]["error"], name
    assert all(by_name[f"letter{n:02}.txt"]["status"] == "pass" for n in range(30))
