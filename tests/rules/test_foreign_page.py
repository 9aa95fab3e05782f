from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from disclint.model import Document, Part, TextBlock
from disclint.rules import RuleContext
from disclint.rules.foreign_page import rule
from tests.builders import docx, p, pdf

Context = Callable[[str], RuleContext]
CheckJson = Callable[..., tuple[int, dict[str, Any]]]

OWN = ["Jackson Smith is settled at school.", "Jackie Smith attended the core group.", "Ref LA-2025-1001."]
FOREIGN = [
    "Tyler Brown's attendance has fallen.",
    "Kelly O'Neill said she would call on 07700 900456.",
    "The family live at 3 Mill Lane, TR2 5XY.",
    "Court number BV25C01002.",
]


def pages(*texts: list[str]) -> Document:
    blocks = tuple(TextBlock("\n".join(t), Part.PAGE, n, None) for n, t in enumerate(texts, 1))
    return Document(Path("pack.pdf"), "0" * 64, blocks)


def test_a_page_of_another_family_is_reported_once(context: Context) -> None:
    found = list(rule.check(pages(OWN, FOREIGN, OWN), context("1001")))
    assert len(found) == 1
    (f,) = found
    assert f.location.page == 2 and f.details["case"] == "1002"
    assert f.message.startswith("Page 2 appears to belong to case 1002 (Brown family)")
    assert f.details["share"] == 1.0


def test_one_foreign_name_among_own_people_is_not_a_foreign_page(context: Context) -> None:
    mixed = [*OWN, FOREIGN[0]]
    assert list(rule.check(pages(OWN, mixed), context("1001"))) == []


def test_a_page_that_mixes_both_families_evenly_is_not_reported(context: Context) -> None:
    assert list(rule.check(pages([*OWN, *OWN, *FOREIGN[:3]]), context("1001"))) == []


def test_a_word_section_of_another_family(tmp_path: Path, check_json: CheckJson) -> None:
    own = [p(t) for t in OWN]
    section_break = "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>"
    path = docx(tmp_path / "pack.docx", [*own, section_break, *[p(t) for t in FOREIGN]])
    _, report = check_json(path)
    pages_found = [f for f in report["documents"][0]["findings"] if f["rule"] == "foreign-page"]
    assert [(f["details"]["section"], f["details"]["case"]) for f in pages_found] == [(2, "1002")]


def test_a_pdf_page_end_to_end(tmp_path: Path, check_json: CheckJson) -> None:
    path = pdf(tmp_path / "pack.pdf", [OWN, FOREIGN])
    code, report = check_json(path)
    assert code == 1
    pages_found = [f for f in report["documents"][0]["findings"] if f["rule"] == "foreign-page"]
    assert [f["location"]["page"] for f in pages_found] == [2]
    assert json.dumps(report)  # serialisable


def test_a_name_broken_across_a_page_break_is_found(tmp_path: Path, check_json: CheckJson) -> None:
    path = pdf(
        tmp_path / "two.pdf",
        [["Jackson Smith is well.", "At school we saw Tyler"], ["Brown with his mother."]],
    )
    _, report = check_json(path)
    names = [f for f in report["documents"][0]["findings"] if f["rule"] == "foreign-name"]
    assert [(f["match"], f["location"]["page"]) for f in names] == [("Tyler", 1)]
    assert "goes on at the top of the next page" in names[0]["message"]
    assert names[0]["details"]["subject"] == "Tyler Brown"


def test_a_name_broken_by_a_page_break_and_running_lines_is_found(
    tmp_path: Path, check_json: CheckJson
) -> None:
    path = pdf(
        tmp_path / "three.pdf",
        [
            ["OFFICIAL-SENSITIVE", "Jackson Smith is well.", "At school we saw Tyler", "Page 1 of 3"],
            ["OFFICIAL-SENSITIVE", "Brown with his mother.", "Page 2 of 3"],
            ["OFFICIAL-SENSITIVE", "Nothing else.", "Page 3 of 3"],
        ],
    )
    _, report = check_json(path)
    names = [f for f in report["documents"][0]["findings"] if f["rule"] == "foreign-name"]
    assert [(f["match"], f["location"]["page"], f["severity"]) for f in names] == [("Tyler", 1, "error")]
