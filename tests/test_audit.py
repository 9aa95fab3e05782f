"""The audit log: what one record holds (and never holds), concurrent appends, pack versions, authors."""

from __future__ import annotations

import io
import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from disclint import __version__
from disclint.accept import AcceptanceBook
from disclint.audit import (
    append,
    author_of,
    authors_of,
    entry,
    file_authors,
    packs_version,
    same_person,
)
from disclint.model import Acceptance, Part, Severity, TextBlock
from disclint.readers import read
from disclint.runner import Run, RunSpec, build_run
from tests.builders import core_part, docx, p, pdf, with_parts

LEAKY = "Dear Ms Smith,\n\nWe met Tyler Brown today. His file is LA-2025-1002.\n"
NOW = datetime(2026, 11, 22, 10, 4, 5, tzinfo=UTC)


def make_run(cases_dir: Path) -> Run:
    return build_run(RunSpec(cases=cases_dir, case="1001"))


def pdf_with_author(path: Path, author: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    pdf(path, [["Dear Ms Smith,"]])
    writer = PdfWriter()
    for page in PdfReader(path).pages:
        writer.add_page(page)
    writer.add_metadata({"/Author": author, "/Creator": "Word processor"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_an_entry_records_the_check_but_no_text_no_file_name_and_no_family_names(
    tmp_path: Path, cases_dir: Path
) -> None:
    run = make_run(cases_dir)
    path = tmp_path / "Brown_Tyler_letter.docx"
    docx(path, [p("Dear Ms Smith,"), p("We met Tyler Brown today. His file is LA-2025-1002. Tyler Brown.")])
    with_parts(path, {"docProps/core.xml": core_part(creator="Alex Sample")})
    raw = run.check(path)
    fingerprint = raw.fingerprint(raw.findings[0])
    acceptance = Acceptance(
        fingerprint, "Dana Example", "2026-11-21T09:00:00Z", "reviewed", "foreign-name", path.name
    )
    result = AcceptanceBook("1001", (acceptance,)).apply(raw, Severity.ERROR)
    record = entry(
        result,
        "  Sam   Other ",
        packs_version="abc123def456",
        fail_on=Severity.ERROR,
        rules=["foreign-name", "allegation", "foreign-name"],
        severities={"foreign-name": "error", "allegation": "warning"},
        when=NOW,
    )
    assert record == {
        "version": 1,
        "time": "2026-11-22T10:04:05Z",
        "sha256": raw.sha256,
        "case": "1001",
        "status": "fail",
        "fail_on": "error",
        "findings": {"foreign-identifier": 1, "hidden-content": 1},
        "accepted": [
            {"fingerprint": fingerprint, "rule": "foreign-name", "accepted_by": "Dana Example"},
            {"fingerprint": fingerprint, "rule": "foreign-name", "accepted_by": "Dana Example"},
        ],
        "stale": 0,
        "reviewer": "Sam Other",
        "author": result.author,
        "disclint": __version__,
        "packs": "abc123def456",
        "rules": ["allegation", "foreign-name"],
        "severity": {"allegation": "warning", "foreign-name": "error"},
    }
    line = json.dumps(record)
    for secret in ("Tyler", "Brown", "LA-2025-1002", "1002", "Smith", "letter"):
        assert secret.casefold() not in line.casefold()


@pytest.mark.parametrize(
    ("fail_on", "rules", "expected_fail_on", "expected_rules"),
    [
        (Severity.WARNING, ["b", "a"], "warning", ["a", "b"]),
        (None, [], "never", []),
    ],
)
def test_an_entry_records_the_threshold_and_rules(
    tmp_path: Path,
    cases_dir: Path,
    fail_on: Severity | None,
    rules: list[str],
    expected_fail_on: str,
    expected_rules: list[str],
) -> None:
    result = make_run(cases_dir).check(_write(tmp_path, LEAKY))
    record = entry(result, "Dana", packs_version="x", fail_on=fail_on, rules=rules)
    assert record["fail_on"] == expected_fail_on and record["rules"] == expected_rules
    assert datetime.fromisoformat(record["time"].replace("Z", "+00:00")).tzinfo is not None


def test_an_entry_without_threshold_or_rules_records_them_as_unknown(tmp_path: Path, cases_dir: Path) -> None:
    result = make_run(cases_dir).check(_write(tmp_path, LEAKY))
    record = entry(result, "Dana", packs_version="x")
    assert record["fail_on"] is None and record["rules"] is None


def test_an_entry_for_a_document_whose_case_is_unknown_still_has_its_sha256(
    tmp_path: Path, cases_dir: Path
) -> None:
    run = build_run(RunSpec(cases=cases_dir))  # no --case and no case.yaml: an error result without sha256
    path = _write(tmp_path, LEAKY)
    result = run.check(path)
    assert result.sha256 is None
    record = entry(result, "Dana", packs_version="x", fail_on=Severity.ERROR, rules=[])
    assert record["status"] == "error" and record["case"] is None
    assert record["sha256"] == read(path).sha256


def _write(folder: Path, text: str, name: str = "letter.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _append_many(log: str, worker: int, count: int) -> None:
    padding = "x" * 9000  # longer than a pipe buffer: a torn write would show
    for n in range(count):
        append(Path(log), {"worker": worker, "n": n, "padding": padding, "name": "Zoë"})


def test_concurrent_appends_lose_nothing_and_never_interleave(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    context = multiprocessing.get_context("spawn")
    workers, count = 6, 40
    processes = [context.Process(target=_append_many, args=(str(log), w, count)) for w in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == workers * count
    records = [json.loads(line) for line in lines]
    assert {(r["worker"], r["n"]) for r in records} == {(w, n) for w in range(workers) for n in range(count)}
    assert all(r["name"] == "Zoë" for r in records)


def test_the_log_is_readable_by_whoever_verifies(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    append(log, {"a": 1})
    append(log, {"a": 2})
    assert log.stat().st_mode & 0o044 == 0o044
    assert [json.loads(line) for line in log.read_text().splitlines()] == [{"a": 1}, {"a": 2}]


def test_append_to_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        append(tmp_path / "missing" / "audit.jsonl", {"a": 1})


def test_packs_version_is_short_stable_and_follows_the_packs(tmp_path: Path) -> None:
    from disclint.rules import discover

    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "jargon.yaml"
    pack.write_text(
        "rule: council-jargon\nseverity: warning\nsummary: jargon\nmessage: '{match} is jargon'\n"
        "terms: [LAC]\nexamples: {fail: ['The LAC review.'], pass: ['A lack of sleep.']}\n",
        encoding="utf-8",
    )
    shipped = packs_version()
    assert len(shipped) == 12 and shipped == packs_version()
    with_folder = packs_version([folder])
    assert with_folder != shipped
    rules = list(discover([folder]).values())
    assert packs_version(rules) == packs_version(rules)
    assert packs_version(rules) != packs_version(r for r in rules if r.id != "council-jargon")
    before = packs_version(rules)
    pack.write_text(pack.read_text(encoding="utf-8").replace("[LAC]", "[LAC, CIN]"), encoding="utf-8")
    assert packs_version(rules) != before
    assert packs_version([folder]) != with_folder


def test_authors_of_a_word_document_are_its_creator_and_last_editor(tmp_path: Path) -> None:
    path = docx(tmp_path / "plan.docx", [p("Dear Ms Smith,")])
    with_parts(
        path,
        {"docProps/core.xml": core_part(creator="Alex Sample", lastModifiedBy="Sam Other", title="Plan")},
    )
    assert file_authors(path) == ("Alex Sample", "Sam Other")
    assert author_of(read(path).blocks) == "Alex Sample; Sam Other"
    with_parts(path, {"docProps/core.xml": core_part(creator="Alex Sample", lastModifiedBy="ALEX  SAMPLE")})
    assert file_authors(path) == ("Alex Sample",)


def test_the_author_of_a_pdf_is_its_author_property_not_the_program(tmp_path: Path) -> None:
    path = pdf_with_author(tmp_path / "plan.pdf", "Alex Sample")
    assert file_authors(path) == ("Alex Sample",)


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: _write(folder, "Dear Ms Smith,\n"),
        lambda folder: docx(folder / "plan.docx", [p("Dear Ms Smith,")]),
        lambda folder: pdf(folder / "locked.pdf", [["x"]], password="pw"),
    ],
    ids=["text", "word-without-properties", "unreadable"],
)
def test_no_author_is_known(tmp_path: Path, make: object) -> None:
    assert callable(make)
    assert file_authors(make(tmp_path)) == ()


def test_authors_only_from_the_files_own_properties() -> None:
    blocks = [
        TextBlock("Alex Sample", Part.METADATA, note="file property: author"),
        TextBlock("Attachment Author", Part.METADATA, note="file property: author", source="scan.docx"),
        TextBlock("A. Commenter", Part.METADATA, note="comment author"),
        TextBlock("Alex Sample", Part.BODY),
    ]
    assert authors_of(blocks) == ("Alex Sample",)
    assert author_of([]) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dana Example", "dana example", True),
        ("Dana  Example", " Dana\tExample ", True),
        ("Zoë Sample", "Zoe Sample", True),
        ("Sample, Alex", "Alex Sample", True),
        ("Mrs Alex Sample", "Alex Sample", True),
        ("Alex Sample (Children's Services)", "alex sample", True),
        ("asample", "Alex Sample", True),
        ("alex.sample@council.example.gov.uk", "Alex Sample", True),
        ("COUNCIL\\samplea", "Alex Sample", True),
        ("alexsample", "Alex Sample", True),
        ("lloyd-pryce.bethan", "Bethan Lloyd-Pryce", True),
        ("bethan.jones", "Bethan Lloyd-Pryce", False),
        ("blloydpryce", "Bethan Lloyd-Pryce", True),
        ("alex", "Alex Sample", True),
        ("Dana Example", "Alex Sample", False),
        ("dexample", "Alex Sample", False),
        ("Alex Samples", "Alex Sample", False),
        ("", "Alex Sample", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same
