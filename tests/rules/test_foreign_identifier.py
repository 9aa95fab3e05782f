from __future__ import annotations

from collections.abc import Callable

import pytest

from disclint.model import Severity
from disclint.rules import RuleContext
from disclint.rules.foreign_identifier import rule
from tests.conftest import document

Context = Callable[[str], RuleContext]


def found(context: Context, text: str, case: str = "1001") -> list[tuple[str, str, str, Severity]]:
    return [
        (f.match, str(f.details["kind"]), str(f.details["case"]), f.severity)
        for f in rule.check(document(text), context(case))
    ]


E = Severity.ERROR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our ref: LA-2025-1002.", ("LA-2025-1002", "reference")),
        ("Our ref: LA 2025 1002.", ("LA 2025 1002", "reference")),
        ("Our ref: la/2025/1002.", ("la/2025/1002", "reference")),
        ("Court number BV25C01002 listed.", ("BV25C01002", "reference")),
        ("Court number BV25 C 01002 listed.", ("BV25 C 01002", "reference")),
        ("Case no. 1002 was closed.", ("1002", "case id")),
        ("NHS number 401 023 2137.", ("401 023 2137", "NHS number")),
        ("NHS number 4010232137.", ("4010232137", "NHS number")),
        ("NHS number 401-023-2137.", ("401-023-2137", "NHS number")),
        ("DOB 14/05/2016.", ("14/05/2016", "date of birth")),
        ("born on 14 May 2016.", ("14 May 2016", "date of birth")),
        ("D.O.B. 14.5.16", ("14.5.16", "date of birth")),
        ("date of birth: 14th of May, 2016", ("14th of May, 2016", "date of birth")),
        ("Lives at TR2 5XY.", ("TR2 5XY", "postcode")),
        ("Lives at tr25xy.", ("tr25xy", "postcode")),
        ("Lives at 3 Mill Lane.", ("3 Mill Lane", "address")),
        ("Email Kelly.ONeill@Example.org today", ("Kelly.ONeill@Example.org", "email")),
        ("Call 07700 900456.", ("07700 900456", "phone")),
        ("Call +44 7700 900456.", ("+44 7700 900456", "phone")),
        ("Call +44 (0)7700 900-456.", ("+44 (0)7700 900-456", "phone")),
        ("Call 07700-900-456.", ("07700-900-456", "phone")),
    ],
)
def test_other_cases_identifiers_are_found_in_any_spelling(
    context: Context, text: str, expected: tuple[str, str]
) -> None:
    assert found(context, text) == [(*expected, "1002", E)]


@pytest.mark.parametrize(
    "text",
    [
        "Our ref: LA-2025-1001.",  # own reference
        "NHS number 943 476 5919.",  # own NHS number
        "DOB 02/03/2015.",  # own date of birth
        "Lives at TR1 2AB.",  # own postcode
        "Call 07700 900123.",  # own phone
        "We counted 1002 leaflets.",  # a bare short number without a cue
        "Ref LA-2025-10021 is another file.",  # longer number, not the reference
        "Invoice 4010232138.",  # one digit off
        "Email kelly.oneill@example.org.uk",  # another domain
        "Meeting on 15/05/2016.",  # an ordinary date
    ],
)
def test_own_and_near_miss_identifiers_are_not_flagged(context: Context, text: str) -> None:
    assert found(context, text) == []


def test_a_date_that_is_a_foreign_birthday_without_a_birth_cue_is_a_warning(context: Context) -> None:
    (hit,) = found(context, "The review was held on 14/05/2016.")
    assert hit[3] is Severity.WARNING


def test_message_names_whose_identifier_it_is(context: Context) -> None:
    (f,) = rule.check(document("Ring Kelly on 07700 900456."), context("1001"))
    assert "phone of Kelly O'Neill in case 1002 (Brown family)" in f.message
    assert f.details["subject"] == "Kelly O'Neill"
