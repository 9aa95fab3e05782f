"""foreign-identifier: a reference number or personal identifier of another case.

disclint knows every case's id and references (file references such as LA-2024-1042, court numbers
such as BV24C01042) and its subjects' NHS numbers, dates of birth, postcodes and street addresses,
email addresses and phone numbers. Any of them in a document for another case is a leak. They are
matched whatever the spacing, dashes or capitals (``943 476 5919`` = ``9434765919``; ``tr1 2ab`` =
``TR1 2AB``; ``+44 7700 900123`` = ``07700 900123``); dates of birth in the common UK forms
(02/03/2015, 2 March 2015, 2.3.15). This case's own identifiers are never flagged. A short bare
number (a case id such as 1002) counts only after a word such as "case", "ref" or "no.". A date that
is another case's date of birth is an error where the sentence says it is a birth date (DOB, born,
date of birth) and a warning otherwise, since any date can coincide with a birthday.

Fails (checking case 1001; LA-2025-1002 is case 1002's reference):
    "Our reference: LA 2025 1002"
Passes (case 1001's own reference):
    "Our reference: LA-2025-1001"

What to do: remove the identifier, or check that this document is for the right family.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from disclint.matching.normalise import sentence
from disclint.model import Document, Finding, Severity
from disclint.rules import RuleContext, finding

_BIRTH_CUE = re.compile(r"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born|birthday)\b", re.IGNORECASE)


class ForeignIdentifier:
    """foreign-identifier: a reference number or personal identifier of another case."""

    id = "foreign-identifier"
    severity = Severity.ERROR
    summary = "another case's id or reference, NHS number, DOB, postcode/address, email or phone"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        for block, found in zip(document.blocks, context.view.matches(document), strict=True):
            for match in found.identifiers:
                first = match.entries[0]
                cases = sorted({e.case for e in match.entries})
                where = ", ".join(context.register.title(c) for c in cases)
                whose = f" of {first.owner}" if first.owner else ""
                shown = " ".join(block.text[match.start : match.end].split())
                severity = self.severity
                message = (
                    f"“{shown}” is the {first.kind}{whose} in {where}, not in "
                    f"{context.manifest.label}. Remove it, or check that this document is for the "
                    "right family before it is sent."
                )
                # The cue may end the previous "sentence": "D.O.B. 14.5.16".
                nearby = block.text[max(0, match.start - 30) : match.start]
                around = sentence(block.text, match.start, match.end) + " " + nearby
                if first.kind == "date of birth" and not _BIRTH_CUE.search(around):
                    severity = Severity.WARNING
                    message = (
                        f"“{shown}” is the date of birth{whose} in {where}. If it is used here as a "
                        "date of birth, remove it; if it is an ordinary date, no action is needed."
                    )
                details: dict[str, object] = {
                    "case": first.case,
                    "kind": first.kind,
                    "identifier": first.value,
                    "score": 100.0,
                }
                if first.owner:
                    details["subject"] = first.owner
                if len(cases) > 1:
                    details["cases"] = cases
                yield finding(self, block, match.start, match.end, message, details, severity)


rule = ForeignIdentifier()
