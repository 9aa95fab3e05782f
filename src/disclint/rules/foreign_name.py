"""foreign-name: the name of a person from another case.

disclint knows the children, parents and household members of every case (the ``subjects`` of each
manifest in the cases directory). When a document for one case names a subject of another case, the
document is probably about the wrong family, or has another family's text pasted into it. Names are
matched in every part of the document, whatever the capitals, spacing, line breaks, apostrophes
(O'Neill, O’Neill) or a possessive ('s). A name that equally fits someone permitted in this case (a
subject, an alias, a professional, or a phrase in ``allow``) is never foreign. A registered alias of
a single word (a nickname) counts only when written with a capital, and as a warning.

Fails (checking case 1001, where Tyler Brown is a child of case 1002):
    "Tyler Brown's mother attended the core group."
Passes (Jackson Smith is this case's own child):
    "Jackson Smith's mother attended the core group."

What to do: remove the name, or stop and check that the document is for the right family.
"""

from __future__ import annotations

from collections.abc import Iterator

from disclint.model import Document, Finding, Severity
from disclint.rules import RuleContext, finding


class ForeignName:
    """foreign-name: the name of a person from another case."""

    id = "foreign-name"
    severity = Severity.ERROR
    summary = "a person of another case (register), by full name or alias"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        own = context.manifest.label
        for block, found in zip(document.blocks, context.view.matches(document), strict=True):
            for match in found.names:
                entries = match.entries
                first = entries[0]
                who = f"{first.person}" + (f" ({first.role})" if first.role else "")
                cases = sorted({e.case for e in entries})
                where = ", ".join(context.register.title(c) for c in cases)
                shown = " ".join(block.text[match.start : match.end].split())
                severity = WARNING_KINDS.get(first.kind, self.severity)
                how = (
                    ""
                    if first.kind in ("full name", "alias")
                    else f" ({VARIANT_WORDS.get(first.kind, first.kind)})"
                )
                if severity is Severity.WARNING:
                    message = (
                        f"“{shown}” may be {who} of {where}{how}. Check whether it refers to that "
                        "person; if so, remove it."
                    )
                else:
                    message = (
                        f"“{shown}” is the name of {who} in {where}{how}, not in {own}. Remove it, or "
                        "check that this document is for the right family before it is sent."
                    )
                if match.across_pages:
                    message += " The name goes on at the top of the next page."
                if match.also_professional:
                    severity = Severity.WARNING
                    message += (
                        " The same name belongs to a professional on "
                        + ", ".join(f"case {c}" for c in match.also_professional)
                        + ": if it is that professional, add the name to this case's professionals."
                    )
                details: dict[str, object] = {
                    "case": first.case,
                    "subject": first.person,
                    "role": first.role,
                    "variant": first.kind,
                    "score": first.score,
                }
                if len(cases) > 1:
                    details["cases"] = cases
                yield finding(self, block, match.start, match.end, message, details, severity)


# Variant kinds that are too weak alone to stop a document: a reviewer decides.
WARNING_KINDS = {
    "forename only": Severity.WARNING,
    "alias only": Severity.WARNING,
    "title and common surname": Severity.WARNING,
}
VARIANT_WORDS = {
    "without middle name": "written without the middle name",
    "one half of the surname": "with one half of the surname",
    "surname, forename": "written surname first",
    "surname, forenames": "written surname first",
    "surname first": "written surname first",
    "initial and surname": "an initial and the surname",
    "initials and surname": "initials and the surname",
    "surname, initial": "the surname and an initial",
    "nickname": "a nickname of the forename",
    "surname, nickname": "surname first with a nickname",
    "title and surname": "a title and the surname, which nobody in this case has",
    "title and common surname": "a title and a surname shared by several cases",
    "misspelling": "spelt differently",
    "forename only": "the forename alone",
    "alias only": "a registered nickname alone",
}


rule = ForeignName()
