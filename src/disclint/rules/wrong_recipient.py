"""wrong-recipient: an email going to someone this case does not list.

Emails go wrong by a typo, an address the mail program completed from another family, or a Cc left
over from a forwarded thread. For an email (.eml), every To, Cc and Bcc address must be on the case
manifest's ``recipients`` list or be the email of one of the case's professionals (when the manifest
has no ``recipients`` list, its subjects' emails are allowed too). Otherwise it is an error that says
why: the address belongs to a person of another case (named), it is one or two characters away from a
permitted address ("did you mean …?"), it is a subject of this case deliberately left off the
recipients list (for example a parent who must not receive documents), or it is simply not listed.

Fails (case 1001 lists jackie.smith@example.org):
    To: jackie.smiht@example.org
Passes:
    To: Jackie Smith <jackie.smith@example.org>

What to do: correct the address, or remove it, before sending.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from email.utils import getaddresses

from rapidfuzz.distance import Levenshtein

from disclint.model import Document, Finding, Part, Severity
from disclint.rules import RuleContext, finding

ADDRESS_HEADERS = ("To", "Cc", "Bcc")


class WrongRecipient:
    """wrong-recipient: an email recipient the manifest does not list."""

    id = "wrong-recipient"
    severity = Severity.ERROR
    summary = "an email recipient the manifest does not list"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        if not document.headers:
            return
        manifest = context.manifest
        professionals = {p.email for p in manifest.professionals if p.email}
        subjects = {s.email: s for s in manifest.subjects if s.email}
        permitted = set(manifest.recipients) | professionals
        if not manifest.recipients:
            permitted |= set(subjects)
        seen: set[str] = set()
        for block in document.blocks:
            if block.part is not Part.EMAIL_HEADER or block.source is not None:
                continue
            name, _, value = block.text.partition(": ")
            if name not in ADDRESS_HEADERS:
                continue
            for _, address in getaddresses([value]):
                address = address.strip().lower()
                if not address or address in permitted or address in seen:
                    continue
                seen.add(address)
                start = block.text.lower().find(address)
                if start < 0:
                    continue
                message, details = self._explain(address, name, context, permitted, subjects)
                yield finding(self, block, start, start + len(address), message, details)

    def _explain(
        self,
        address: str,
        header: str,
        context: RuleContext,
        permitted: set[str],
        subjects: Mapping[str, object],
    ) -> tuple[str, dict[str, object]]:
        own = context.manifest.label
        details: dict[str, object] = {"header": header, "address": address}
        owners = [
            e
            for e in context.register.store.identifiers([address])
            if e.kind == "email" and e.case != context.manifest.case
        ]
        if owners:
            first = owners[0]
            details.update(case=first.case, subject=first.owner, reason="another case")
            return (
                f"{header}: {address} is the email of {first.owner} in "
                f"{context.register.title(first.case)}, not of anyone in {own}. Remove this "
                "recipient: the email would go to another family.",
                details,
            )
        if address in subjects:
            details["reason"] = "subject not a recipient"
            return (
                f"{header}: {address} belongs to a subject of {own} who is not on its recipients "
                "list (for example a parent who must not receive documents). Remove this recipient "
                "unless a manager has agreed it.",
                details,
            )
        close = sorted(
            (Levenshtein.distance(address, p), p) for p in permitted if Levenshtein.distance(address, p) <= 2
        )
        if close:
            details.update(reason="typo", suggestion=close[0][1])
            return (
                f"{header}: {address} is not listed for {own}; did you mean {close[0][1]}? Correct "
                "the address before sending.",
                details,
            )
        details["reason"] = "not listed"
        return (
            f"{header}: {address} is not listed for {own}. Check the address, or add it to the "
            "case's recipients if it is right.",
            details,
        )


rule = WrongRecipient()
