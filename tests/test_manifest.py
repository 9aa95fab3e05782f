from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from disclint.manifest import check_cases, check_manifest, load_manifest, nhs_number_valid

GOOD = """\
case: "0123"
title: Smith family
references: ["LA-2025-0123"]
subjects:
  - name: Jackson Smith
    role: child
    aliases: [Jack Smith]
    dob: 2015-03-02
    nhs_number: "943 476 5919"
professionals:
  - name: Sarah Jones
    role: Social Worker
"""


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_manifest_loads_with_identifiers_as_written(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path, GOOD))
    assert manifest.case == "0123"  # not the octal number 83
    assert manifest.subjects[0].dob == dt.date(2015, 3, 2)
    assert manifest.subjects[0].nhs_number == "9434765919"
    assert manifest.subjects[0].aliases == ("Jack Smith",)
    assert manifest.professionals[0].role == "Social Worker"


def test_unquoted_case_id_keeps_leading_zeros(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path, "case: 0042\n"))
    assert manifest.case == "0042"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD + "subjcts: []\n", 13, "unknown key 'subjcts'"),
        (GOOD.replace("    role: child\n", "    role: child\n    colour: red\n"), 7, "unknown key 'colour'"),
        (GOOD.replace("dob: 2015-03-02", "dob: 2015-13-45"), 8, "not a date"),
        (GOOD.replace("dob: 2015-03-02", "dob: 02/03/2015"), 8, "YYYY-MM-DD"),
        (GOOD.replace("943 476 5919", "943 476 5918"), 9, "not a valid NHS number"),
        (GOOD.replace('case: "0123"\n', ""), 1, "'case' is missing"),
        (GOOD + "title: Again\n", 13, "appears twice"),
        (GOOD.replace("  - name: Sarah Jones\n", "  - nme: Sarah Jones\n"), 11, "did you mean 'name'"),
        ("case: [1, 2\n", 2, "not valid YAML"),
        ("- just a list\n", 1, "not a case manifest"),
    ],
)
def test_problems_name_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    _, problems = check_manifest(write(tmp_path, text))
    assert problems, "the problem was not found"
    messages = [str(p) for p in problems]
    assert any(words in m and f"case.yaml:{line}:" in m for m in messages), messages


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("dob: 2015-03-02", "dob: 2015-13-45").replace("943 476 5919", "1234567890")
    _, problems = check_manifest(write(tmp_path, text + "extra: 1\n"))
    assert len(problems) == 3


def test_duplicate_case_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD.replace("Jackson", "Mason"), "b.yaml")
    cases, problems = check_cases(tmp_path)
    assert list(cases) == ["0123"]
    assert len(problems) == 1
    assert "b.yaml:1:" in str(problems[0]) and "also used by" in str(problems[0])


def test_missing_cases_directory(tmp_path: Path) -> None:
    _, problems = check_cases(tmp_path / "nowhere")
    assert "does not exist" in str(problems[0])


@pytest.mark.parametrize(
    ("number", "valid"),
    [("9434765919", True), ("4010232137", True), ("9434765918", False), ("123", False), ("0000000000", True)],
)
def test_nhs_check_digit(number: str, valid: bool) -> None:
    assert nhs_number_valid(number) is valid
