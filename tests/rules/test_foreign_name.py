from __future__ import annotations

from collections.abc import Callable

import pytest

from disclint.model import Part, Severity
from disclint.rules import RuleContext
from disclint.rules.foreign_name import rule
from tests.conftest import document

Context = Callable[[str], RuleContext]


def names(context: Context, text: str, case: str = "1001", part: Part = Part.BODY) -> list[tuple[str, str]]:
    found = rule.check(document(text, part=part), context(case))
    return [(f.match, str(f.details["case"])) for f in found]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Tyler Brown attended the meeting.", "Tyler Brown"),
        ("TYLER BROWN attended.", "TYLER BROWN"),
        ("tyler brown attended.", "tyler brown"),
        ("We met Tyler Brown's mother.", "Tyler Brown's"),
        ("We met Tyler Brown’s mother.", "Tyler Brown’s"),
        ("We met Tyler\nBrown at home.", "Tyler\nBrown"),
        ("We met Tyler    Brown at home.", "Tyler    Brown"),
        ("Kelly O'Neill said so.", "Kelly O'Neill"),
        ("Kelly O’Neill said so.", "Kelly O’Neill"),
        ("Kelly ONeill said so.", "Kelly ONeill"),
        ("Zoe Smith-Hart was at school.", "Zoe Smith-Hart"),
        ("Zoë Smith Hart was at school.", "Zoë Smith Hart"),
        ("Ty Brown was seen.", "Ty Brown"),
        ("Tyler-James Brown was seen.", "Tyler-James Brown"),
    ],
)
def test_full_names_and_aliases_of_other_cases_are_found(context: Context, text: str, match: str) -> None:
    assert names(context, text) == [(match, "1002")]


@pytest.mark.parametrize(
    "text",
    [
        "Jackson Smith attended with his mother Jackie Smith.",  # this case's own subjects
        "Jack Smith's school reported good progress.",  # this case's alias
        "Sarah Jones, social worker, chaired.",  # this case's professional, a subject of case 1003
        "Priya Shah chaired the review.",  # a professional on two cases
        "Tyler attended Brown Street nursery.",  # words apart in another order
        "We told him. Brown was the colour. Tyler is a surname here.",  # a sentence end between
        "Tyler, Brown and Co. are solicitors.",  # a comma: a list, not a name
        "The Smith-Hart report",  # a surname alone is a later issue's variant
    ],
)
def test_permitted_or_partial_names_are_not_foreign(context: Context, text: str) -> None:
    assert names(context, text) == []


def test_a_subject_of_another_case_who_is_this_case_professional_is_not_foreign(context: Context) -> None:
    # Sarah Jones is a grandmother in case 1003 but the social worker on 1001.
    assert names(context, "Sarah Jones visited.", case="1001") == []
    # Checking case 1002, where she is neither, she is foreign and also a professional elsewhere.
    found = list(rule.check(document("Sarah Jones visited."), context("1002")))
    assert [f.details["case"] for f in found] == ["1003"]
    assert found[0].severity is Severity.WARNING
    assert "professional on case 1001" in found[0].message


def test_allow_list_wins(context: Context, register: object) -> None:
    assert names(context, "Little Acorns Nursery") == []


def test_single_word_alias_is_a_capitalised_warning_mid_sentence(context: Context) -> None:
    found = list(
        rule.check(document("We saw Mase at school.", "the mase is", "Mase was upset."), context("1001"))
    )
    assert [(f.match, f.severity) for f in found] == [("Mase", Severity.WARNING)]


@pytest.mark.parametrize("part", list(Part))
def test_every_part_is_checked(context: Context, part: Part) -> None:
    found = list(rule.check(document("Note: Tyler Brown.", part=part), context("1001")))
    assert [f.location.part for f in found] == [part]


def test_details_and_message_name_the_other_case_and_what_to_do(context: Context) -> None:
    (found,) = rule.check(document("Ravi Patel is at nursery."), context("1001"))
    assert found.details == {
        "case": "1003",
        "subject": "Ravi Patel",
        "role": "child",
        "variant": "full name",
        "score": 100.0,
    }
    assert "case 1003 (Patel family)" in found.message and "Remove it" in found.message
    assert found.context == "Ravi Patel is at nursery."
    assert (found.location.start, found.location.end) == (0, 10)


def test_own_case_names_are_foreign_from_another_case(context: Context) -> None:
    assert names(context, "Jackson Smith attended.", case="1002") == [("Jackson Smith", "1001")]


def test_longest_name_wins(context: Context) -> None:
    # "Tyler-James Brown" is an alias; the shorter "James Brown" is nobody, "Tyler" alone is nothing.
    assert names(context, "Tyler-James Brown") == [("Tyler-James Brown", "1002")]
