"""foreign-page: a page that belongs to another case.

Another family's report bound into a conference or court pack shows as one page (or one Word section)
where most of the people and identifiers disclint finds belong to a single other case. For each page
of a PDF (and each section of a Word document), disclint counts the foreign names and identifiers of
each other case against this case's own subjects and identifiers; when one other case has at least
three of them and at least 60% of all, the page is reported once, as an error.

Fails (checking case 1001): a page naming Tyler Brown, his mother, their address and court number,
and nobody of case 1001.
Passes: a page of case 1001's plan that mentions one person of another case among many of its own
(that one name is still a foreign-name finding).

What to do: take the page out of the pack and check where the rest of that document went.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from disclint.model import Document, Finding, Part, Severity, TextBlock
from disclint.register import BlockMatches
from disclint.rules import RuleContext, finding

MIN_FINDINGS = 3
SHARE = 0.6
# Weak variants do not count as evidence that a page belongs to a case.
WEAK = frozenset({"forename only", "alias only", "title and common surname"})
PAGE_PARTS = frozenset({Part.PAGE, Part.BODY, Part.TABLE, Part.FOOTNOTE})


def _unit(block: TextBlock) -> tuple[str, int] | None:
    """The page or section a block is on, or ``None`` where the format has neither."""
    if block.page is not None:
        return ("page", block.page)
    return ("section", block.section) if block.section is not None else None


class ForeignPage:
    """foreign-page: a page or section whose people and identifiers mostly belong to another case."""

    id = "foreign-page"
    severity = Severity.ERROR
    summary = "a page or section whose people and identifiers mostly belong to another case"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        units: dict[tuple[str, int], list[tuple[TextBlock, BlockMatches]]] = {}
        for block, found in zip(document.blocks, context.view.matches(document), strict=True):
            unit = _unit(block)
            if unit is not None and block.part in PAGE_PARTS:
                units.setdefault(unit, []).append((block, found))
        if len(units) < 2 and not any(kind == "page" for kind, _ in units):
            return
        for (kind, number), items in units.items():
            evidence: Counter[str] = Counter()
            own = 0
            first: dict[str, tuple[TextBlock, int, int]] = {}
            for block, found in items:
                own += found.own
                for name in found.names:
                    if name.best.kind in WEAK or name.best.score < 70:
                        continue
                    evidence[name.best.case] += 1
                    first.setdefault(name.best.case, (block, name.start, name.end))
                for ident in found.identifiers:
                    entry = ident.entries[0]
                    if entry.kind == "date of birth":
                        continue
                    evidence[entry.case] += 1
                    first.setdefault(entry.case, (block, ident.start, ident.end))
            if not evidence:
                continue
            case, count = evidence.most_common(1)[0]
            total = own + sum(evidence.values())
            if count < MIN_FINDINGS or count / total < SHARE:
                continue
            block, start, end = first[case]
            title = context.register.title(case)
            message = (
                f"{kind.capitalize()} {number} appears to belong to {title}: {count} of the {total} "
                f"people and identifiers disclint found on it are theirs. Take the {kind} out and check "
                "where the rest of that document went."
            )
            yield finding(
                self,
                block,
                start,
                end,
                message,
                {
                    "case": case,
                    kind: number,
                    "found": count,
                    "total": total,
                    "share": round(count / total, 2),
                },
            )


rule = ForeignPage()
