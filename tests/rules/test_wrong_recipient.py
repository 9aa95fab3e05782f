from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from disclint.model import Document, Part, TextBlock
from disclint.rules import RuleContext
from disclint.rules.wrong_recipient import rule

Context = Callable[[str], RuleContext]


def email(**headers: str) -> Document:
    blocks = tuple(
        TextBlock(f"{name}: {value}", Part.EMAIL_HEADER, None, n, None, f"{name} header")
        for n, (name, value) in enumerate(headers.items(), 1)
    )
    return Document(Path("mail.eml"), "0" * 64, blocks, dict(headers))


def reasons(context: Context, **headers: str) -> list[tuple[str, object]]:
    return [(f.match, f.details["reason"]) for f in rule.check(email(**headers), context("1001"))]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"To": "Jackie Smith <jackie.smith@example.org>"}, []),
        ({"To": "jackie.smith@example.org", "Cc": "Sarah Jones <sarah.jones@council.example.org>"}, []),
        ({"To": "jackie.smiht@example.org"}, [("jackie.smiht@example.org", "typo")]),
        ({"To": "jackie.smith@example.org", "Cc": "Kelly <kelly.oneill@example.org>"},
         [("kelly.oneill@example.org", "another case")]),
        ({"Bcc": "lee.smith@example.org"}, [("lee.smith@example.org", "subject not a recipient")]),
        ({"To": "someone@example.com"}, [("someone@example.com", "not listed")]),
        ({"To": "A <a@example.com>, B <b@example.com>"},
         [("a@example.com", "not listed"), ("b@example.com", "not listed")]),
        ({"From": "stranger@example.com", "Subject": "kelly.oneill@example.org"}, []),
    ],
)  # fmt: skip
def test_recipients(context: Context, headers: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert reasons(context, **headers) == expected


def test_messages_name_the_other_case_and_suggest(context: Context) -> None:
    found = list(rule.check(email(To="jackie.smiht@example.org, kelly.oneill@example.org"), context("1001")))
    assert "did you mean jackie.smith@example.org?" in found[0].message
    assert "Kelly O'Neill in case 1002 (Brown family)" in found[1].message
    assert found[1].details["case"] == "1002"


def test_documents_that_are_not_emails_are_ignored(context: Context) -> None:
    doc = Document(Path("a.txt"), "0" * 64, (TextBlock("To: x@example.com", Part.BODY),))
    assert list(rule.check(doc, context("1001"))) == []
