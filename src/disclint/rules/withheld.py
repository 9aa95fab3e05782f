"""withheld: a detail of this case that must never reach this family.

A case manifest's ``withhold`` list names people and details that belong to the case but must be kept
from the family: a foster carer's name and address, a placement or refuge address, a new school, an
adopter. They are matched like names and identifiers (any capitals, spacing, line breaks, apostrophes;
an address by its street line, its postcode, or the whole). Every match is an error.

Fails (case 1001 withholds the foster carer "Carol Hughes"):
    "Jackson has settled well with Carol Hughes."
Passes:
    "Jackson has settled well with his foster carer."

What to do: remove the detail before sending; if the family may now know it, take it off the
manifest's withhold list.
"""

from __future__ import annotations

from collections.abc import Iterator

from disclint.model import Document, Finding, Severity
from disclint.rules import RuleContext, finding


class Withheld:
    """withheld: a detail this case's manifest keeps from the family."""

    id = "withheld"
    severity = Severity.ERROR
    summary = "a detail the manifest's withhold list keeps from this case's family"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        if not context.manifest.withhold:
            return
        for block in document.blocks:
            for start, end, entry, reason in context.view.withheld(block.text):
                shown = " ".join(block.text[start:end].split())
                why = f" ({reason})" if reason else ""
                message = (
                    f"“{shown}” must be withheld from this family{why}: "
                    f"{context.manifest.label} lists “{entry}” as never to be disclosed. Remove it "
                    "before sending."
                )
                yield finding(self, block, start, end, message, {"withheld": entry, "reason": reason})


rule = Withheld()
