from __future__ import annotations

from collections.abc import Callable

import pytest

from disclint.rules import RuleContext
from disclint.rules.withheld import rule
from tests.conftest import document

Context = Callable[[str], RuleContext]


@pytest.mark.parametrize(
    ("text", "match", "reason"),
    [
        ("Jackson has settled with Carol Hughes.", "Carol Hughes", "foster carer"),
        ("Jackson has settled with CAROL\nHUGHES.", "CAROL\nHUGHES", "foster carer"),
        ("Carol Hughes's home is lovely.", "Carol Hughes's", "foster carer"),
        ("He lives at 4 Mill Lane now.", "4 Mill Lane", "placement address"),
        ("Postcode ta1 4xy.", "ta1 4xy", "placement address"),
        ("Write to Carol.Hughes@example.net.", "Carol.Hughes@example.net", "foster carer's email"),
    ],
)
def test_withheld_details_are_found(context: Context, text: str, match: str, reason: str) -> None:
    (found,) = rule.check(document(text), context("1001"))
    assert found.match == match
    assert found.details["reason"] == reason
    assert "must be withheld from this family" in found.message


@pytest.mark.parametrize(
    "text",
    [
        "Jackson has settled with his foster carer.",
        "Carol attended.",
        "He lives at 4 Mill Road.",
        "Hughes Street",
    ],
)
def test_near_misses_are_not_withheld(context: Context, text: str) -> None:
    assert list(rule.check(document(text), context("1001"))) == []


def test_only_this_case_withholds(context: Context) -> None:
    assert list(rule.check(document("Carol Hughes visited."), context("1002"))) == []
