"""unknown-person: a person-like name that no case manifest mentions.

disclint knows the people of every case and every professional. A name it does not know may be a
person of another family who is on no manifest yet (a new partner, a neighbour, a relative named in
another family's minutes). It looks for a title and a capitalised surname ("Mrs Dunmore") or a known
forename followed by a capitalised surname ("Kyle Dunmore"), where neither this case, nor any other
case, nor any professional has that name; place and organisation words ("Grace Street", "Rose
Primary", "Hope House") are not people. It is a warning: a reviewer decides.

Fails (nobody called Dunmore is on any manifest):
    "Kyle Dunmore was at the house when the social worker visited."
Passes (Sarah Jones is this case's social worker):
    "Sarah Jones visited the house."

What to do: check who the person is. If they belong to this family, add them to the case manifest;
if they belong to another family, remove them from the document.
"""

from __future__ import annotations

from collections.abc import Iterator

from disclint.model import Document, Finding, Part, Severity
from disclint.rules import RuleContext, finding


class UnknownPerson:
    """unknown-person: a person-like name that no manifest permits."""

    id = "unknown-person"
    severity = Severity.WARNING
    summary = "a person-like name that no manifest permits"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        for block, found in zip(document.blocks, context.view.matches(document), strict=True):
            if block.part is Part.METADATA:
                continue  # authors and editors in file properties are staff, and hidden-content lists them
            for start, end in found.unknown:
                shown = " ".join(block.text[start:end].split())
                message = (
                    f"“{shown}” is a person disclint does not know: is this someone from another "
                    f"family? If they belong to {context.manifest.label}, add them to its manifest; "
                    "if not, remove them."
                )
                yield finding(self, block, start, end, message, {"name": shown})


rule = UnknownPerson()
