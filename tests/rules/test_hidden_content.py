from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from disclint.engine import Settings, check_document
from disclint.model import Document, Part, Severity, TextBlock
from disclint.rules import RuleContext
from disclint.rules.foreign_name import rule as foreign_name
from disclint.rules.hidden_content import rule

Context = Callable[[str], RuleContext]


def doc(*blocks: TextBlock, name: str = "plan.docx") -> Document:
    return Document(Path(name), "0" * 64, (TextBlock("Visible text.", Part.BODY, None, 1), *blocks))


def summary(context: Context, document: Document) -> list[tuple[str, Severity, object]]:
    result = check_document(document, [rule, foreign_name], context("1001"), Settings())
    return [(f.message, f.severity, f.details.get("kind")) for f in result.findings if f.rule == rule.id]


def test_comments_and_deletions_remain(context: Context) -> None:
    found = summary(
        context,
        doc(
            TextBlock("Check dates", Part.COMMENT, None, None, None, "comment by A. Writer"),
            TextBlock("Is this right?", Part.COMMENT, None, None, None, "comment by B. Reviewer"),
            TextBlock("old wording", Part.DELETED, None, 3, None, "tracked deletion by A. Writer"),
        ),
    )
    assert found == [
        (
            "2 comments (by A. Writer, B. Reviewer) remain in the file: a recipient can find them. "
            "In Word: Review > Delete > Delete All Comments in Document.",
            Severity.ERROR,
            "comment",
        ),
        (
            "1 tracked deletion (by A. Writer) remains in the file: a recipient can find it. "
            "In Word: Review > Accept > Accept All Changes (or Reject), then save.",
            Severity.ERROR,
            "deletion",
        ),
    ]


def test_text_under_a_black_box_is_an_error_per_page(context: Context) -> None:
    boxed = [TextBlock("Kelly", Part.HIDDEN, p, None, None, "text under a black box") for p in (3, 3, 5)]
    found = summary(context, doc(*boxed, name="letter.pdf"))
    assert [m.split(":")[0] for m, _, _ in found] == [
        "2 texts under black boxes on page 3 are still in the file",
        "1 text under a black box on page 5 is still in the file",
    ]
    assert all(s is Severity.ERROR for _, s, _ in found)
    assert "Tools > Redact > Apply" in found[0][0]


@pytest.mark.parametrize(
    ("part", "note", "severity"),
    [
        (Part.METADATA, "file property: author", Severity.INFO),
        (Part.HIDDEN, "field code", Severity.INFO),
        (Part.HIDDEN, "alt text", Severity.INFO),
        (Part.HIDDEN, "hidden text", Severity.WARNING),
        (Part.HIDDEN, "embedded object", Severity.ERROR),
        (Part.HIDDEN, "white text", Severity.ERROR),
        (Part.DELETED, "earlier revision 1 of the PDF", Severity.ERROR),
    ],
)
def test_severity_on_its_own(context: Context, part: Part, note: str, severity: Severity) -> None:
    found = summary(context, doc(TextBlock("Sarah Jones", part, 1, None, None, note)))
    assert [s for _, s, _ in found] == [severity]


def test_a_hidden_place_holding_another_family_is_an_error(context: Context) -> None:
    found = summary(
        context,
        doc(TextBlock("Tyler Brown", Part.METADATA, None, None, None, "file property: author")),
    )
    assert [s for _, s, _ in found] == [Severity.ERROR]


def test_a_clean_document_has_nothing_to_say(context: Context) -> None:
    assert summary(context, doc()) == []
