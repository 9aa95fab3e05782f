"""``--redact``: reports that travel (to a manager, a ticket, an auditor) carry no document text.

Every match and context sentence is replaced, names and identifiers are masked in messages, details
keep only what says *why* a finding fired (the other case's id, the kind of match, a score), and the
document text kept for the HTML report is dropped. Paths, case ids, rules, places and counts stay.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from disclint.model import DocumentResult, Finding, Report, fingerprint

MASK = "[redacted]"
SAFE_DETAILS = frozenset(
    {
        "case",
        "kind",
        "variant",
        "score",
        "share",
        "role",
        "escalated_by",
        "pack",
        "count",
        "total",
        "words",
        "source_case",
        "source_page",
        "source_paragraph",
        "source_part",
        "remove",
    }
)
# Messages quote what was found between curly quotes, and name comment authors as "(by …)".
_QUOTED = re.compile(r"“[^”]*”")
_BY = re.compile(r"\(by [^)]*\)")


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _masker(secrets: Iterable[str]) -> Callable[[str], str]:
    """Replace each secret, then each capitalised word or number of one, wherever it stands."""
    pieces: set[str] = set()
    for secret in secrets:
        secret = secret.strip()
        if len(secret) < 2:
            continue
        pieces.add(secret)
        for word in re.findall(r"[\w'’-]+", secret):
            if len(word) >= 2 and (word[0].isupper() or any(c.isdigit() for c in word)):
                pieces.add(word)
    if not pieces:
        return lambda text: text
    pattern = re.compile(
        "|".join(rf"(?<![\w]){re.escape(p)}(?![\w])" for p in sorted(pieces, key=len, reverse=True)),
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(MASK, text)


def _finding(finding: Finding, titles: dict[str, str], case: str | None) -> Finding:
    key = finding.key or fingerprint(finding.rule, finding.match, case)
    details = dict(finding.details)
    secrets = [finding.match, *(s for k, v in details.items() if k not in SAFE_DETAILS for s in _strings(v))]
    # A case's title ("case 1002 (Arkwright family)") names the family: mask its names, keep the id.
    named = [details.get("case"), details.get("source_case"), case]
    for title in (titles[c] for c in named if isinstance(c, str) and c in titles):
        secrets += [w for w in re.findall(r"[\w'’-]+", title) if w[:1].isupper() and not w.isdigit()]
    mask = _masker(secrets)
    kept = {k: v if k in SAFE_DETAILS else MASK for k, v in details.items()}
    message = mask(_BY.sub("(by [redacted])", _QUOTED.sub(f"“{MASK}”", finding.message)))
    location = finding.location
    if location.note and any(c.isupper() for c in location.note):
        # "comment by A. Reviewer", "document variable ClientName": the part alone is said instead.
        location = dataclasses.replace(location, note=None)
    return dataclasses.replace(
        finding, match=MASK, context=MASK, message=message, details=kept, key=key, location=location
    )


def redact(report: Report, titles: dict[str, str]) -> Report:
    """``report`` with no document text. ``titles``: case id -> title ("Brown family"), masked too."""

    def result(item: DocumentResult) -> DocumentResult:
        return dataclasses.replace(
            item,
            findings=tuple(_finding(f, titles, item.case) for f in item.findings),
            suppressed=tuple(_finding(f, titles, item.case) for f in item.suppressed),
            blocks=(),
            author=None,
        )

    return dataclasses.replace(report, results=tuple(result(r) for r in report.results))
