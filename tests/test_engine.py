from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from disclint.engine import Settings, check_document, select_rules
from disclint.model import Document, Finding, Severity, Status
from disclint.packs import builtin_packs
from disclint.rules import RuleContext, discover
from disclint.rules.foreign_name import rule as foreign_name
from tests.conftest import document

Context = Callable[[str], RuleContext]
ALLEGATION = next(p for p in builtin_packs() if p.id == "allegation")


def test_allegation_in_a_sentence_with_a_foreign_name_is_an_error(context: Context) -> None:
    doc = document("Tyler Brown's father was arrested last week. Jackson Smith's father was arrested too.")
    result = check_document(doc, [foreign_name, ALLEGATION], context("1001"), Settings())
    found = [(f.rule, f.match, f.severity) for f in result.findings]
    assert found == [
        ("foreign-name", "Tyler Brown's", Severity.ERROR),
        ("allegation", "arrested", Severity.ERROR),
        ("allegation", "arrested", Severity.WARNING),
    ]
    assert result.findings[1].details["escalated_by"] == "foreign-name"
    assert result.status is Status.FAIL


@pytest.mark.parametrize(
    ("fail_on", "status"),
    [(Severity.ERROR, Status.PASS), (Severity.WARNING, Status.FAIL), (None, Status.PASS)],
)
def test_fail_on_decides_the_status(context: Context, fail_on: Severity | None, status: Status) -> None:
    doc = document("Jackson's father was arrested.")
    result = check_document(doc, [ALLEGATION], context("1001"), Settings(fail_on=fail_on))
    assert result.status is status
    assert len(result.findings) == 1


def test_severity_override(context: Context) -> None:
    doc = document("Jackson's father was arrested.")
    settings = Settings(severity={"allegation": Severity.ERROR})
    result = check_document(doc, [ALLEGATION], context("1001"), settings)
    assert result.findings[0].severity is Severity.ERROR and result.status is Status.FAIL


class Broken:
    id = "broken"
    severity = Severity.ERROR
    summary = "always fails"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        raise RuntimeError("boom")


def test_a_rule_that_breaks_makes_the_document_an_error_not_a_pass(context: Context) -> None:
    result = check_document(document("text"), [Broken()], context("1001"), Settings())
    assert result.status is Status.ERROR
    assert "broken" in (result.error or "") and "not fully checked" in (result.error or "")


def test_duplicates_are_dropped_and_reading_order_kept(context: Context) -> None:
    doc = document("Ravi Patel.", "Tyler Brown and Ravi Patel.")
    result = check_document(doc, [foreign_name, foreign_name], context("1001"), Settings())
    assert [(f.location.paragraph, f.match) for f in result.findings] == [
        (1, "Ravi Patel"),
        (2, "Tyler Brown"),
        (2, "Ravi Patel"),
    ]


def test_select_and_ignore() -> None:
    rules = discover()
    assert [r.id for r in select_rules(rules, ["foreign-name"])] == ["foreign-name"]
    assert "allegation" not in [r.id for r in select_rules(rules, ignore=["allegation"])]
    with pytest.raises(KeyError):
        select_rules(rules, ["foriegn-name"])


def test_allegation_next_to_an_unknown_person_is_an_error(context: Context) -> None:
    from disclint.rules.unknown_person import rule as unknown_person

    doc = document("We heard that Kyle Dunmore was arrested last week. Jackson's uncle was arrested too.")
    result = check_document(doc, [unknown_person, ALLEGATION], context("1001"), Settings())
    found = [(f.rule, f.match, f.severity) for f in result.findings]
    assert found == [
        ("unknown-person", "Kyle Dunmore", Severity.WARNING),
        ("allegation", "arrested", Severity.ERROR),
        ("allegation", "arrested", Severity.WARNING),
    ]
