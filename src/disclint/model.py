"""The typed records that cross module boundaries: documents, findings, results."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from pathlib import Path


class Severity(IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


class Part(StrEnum):
    """Where in a document a block of text stands (contract: ``location.part``)."""

    BODY = "body"
    TABLE = "table"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    COMMENT = "comment"
    DELETED = "deleted"
    HIDDEN = "hidden"
    METADATA = "metadata"
    EMAIL_HEADER = "email-header"
    ATTACHMENT = "attachment"
    PAGE = "page"

    @property
    def label(self) -> str:
        """The part as a reviewer would say it."""
        return _PART_LABELS.get(self, self.value)


_PART_LABELS = {
    Part.BODY: "main text",
    Part.TABLE: "table",
    Part.HEADER: "page header",
    Part.FOOTER: "page footer",
    Part.FOOTNOTE: "footnote/endnote",
    Part.COMMENT: "comment",
    Part.DELETED: "tracked deletion",
    Part.HIDDEN: "hidden text",
    Part.METADATA: "file properties",
    Part.EMAIL_HEADER: "email header",
    Part.ATTACHMENT: "attachment",
    Part.PAGE: "page text",
}


class Status(StrEnum):
    """The verdict on one document."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"


@dataclass(frozen=True)
class TextBlock:
    """A run of text read from one place of a document.

    ``page`` and ``paragraph`` are 1-based and ``None`` where the format has none. ``source`` names the
    attachment a block came from; ``note`` says more about where it is (``"first-page header"``).
    With ``lines`` set, ``paragraph`` is the line number of the block's first line and a finding's
    paragraph is the line it stands on (plain text files). ``section`` is the Word section of a body
    block (sections are the page-like units of a .docx, where pages are unknown).
    """

    text: str
    part: Part
    page: int | None = None
    paragraph: int | None = None
    source: str | None = None
    note: str | None = None
    lines: bool = False
    section: int | None = None

    def locate(self, start: int, end: int) -> Location:
        """The location of ``text[start:end]``."""
        paragraph = self.paragraph
        if self.lines and paragraph is not None:
            paragraph += self.text.count("\n", 0, start)
        return Location(self.part, self.page, paragraph, start, end, self.note)


@dataclass(frozen=True)
class Document:
    """Everything disclint could read from one file, as text blocks with locations."""

    path: Path
    sha256: str
    blocks: tuple[TextBlock, ...]
    headers: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Location:
    """Where a finding stands: ``start``/``end`` are offsets in its block's text."""

    part: Part
    page: int | None
    paragraph: int | None
    start: int
    end: int
    note: str | None = None

    def describe(self) -> str:
        """A plain-English place: ``"page 3, paragraph 12 (table)"``."""
        bits = []
        if self.page is not None:
            bits.append(f"page {self.page}")
        if self.paragraph is not None:
            bits.append(f"paragraph {self.paragraph}")
        where = ", ".join(bits)
        label = self.note or self.part.label
        return f"{where} ({label})" if where else label


def fingerprint(rule: str, match: str, case: str | None) -> str:
    """A finding's stable name: a hash of rule, normalised match and case, never the text itself.

    Case, spacing, line breaks and accents do not change it, so a reviewer's acceptance still holds
    when the document is re-saved or the name wraps differently.
    """
    folded = unicodedata.normalize("NFKD", match.casefold())
    folded = " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())
    digest = hashlib.sha256(f"{rule}\x1f{folded}\x1f{case or ''}".encode()).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Acceptance:
    """A reviewer's judgement that a finding is harmless, recorded with who, when and why."""

    fingerprint: str
    reviewer: str
    when: str
    reason: str
    rule: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class Finding:
    """One thing a rule found. ``details`` says why it fired (other case, register entry, score).

    ``accepted`` is set on a finding a reviewer accepted: it is kept in reports (suppressed), but no
    longer fails the document.
    """

    rule: str
    severity: Severity
    message: str
    match: str
    location: Location
    context: str
    details: Mapping[str, object] = field(default_factory=dict)
    accepted: Acceptance | None = None
    key: str | None = None  # the fingerprint, kept when ``match`` no longer holds the text (redacted)


@dataclass(frozen=True)
class DocumentResult:
    """The outcome of checking one document.

    ``suppressed`` holds the findings a reviewer accepted; ``stale`` the acceptances recorded for this
    document that no longer match anything in it. ``blocks`` keeps the text that was read, only when a
    report shows the document itself (HTML). ``author`` is the author named in the file's properties.
    """

    path: Path
    sha256: str | None
    case: str | None
    status: Status
    error: str | None
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    stale: tuple[Acceptance, ...] = ()
    blocks: tuple[TextBlock, ...] = ()
    author: str | None = None

    def fingerprint(self, finding: Finding) -> str:
        """The fingerprint of ``finding`` in this document's case (what ``disclint accept`` takes)."""
        return finding.key or fingerprint(finding.rule, finding.match, self.case)


@dataclass(frozen=True)
class Report:
    """The outcome of one run, handed to a formatter."""

    results: tuple[DocumentResult, ...]
    fail_on: Severity | None = Severity.ERROR
    skipped: tuple[Path, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    def findings_by_rule(self) -> dict[str, int]:
        """Findings per rule id, most first (accepted findings not counted)."""
        counts: dict[str, int] = {}
        for result in self.results:
            for finding in result.findings:
                counts[finding.rule] = counts.get(finding.rule, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def findings_by_severity(self) -> dict[Severity, int]:
        counts = {s: 0 for s in Severity}
        for result in self.results:
            for finding in result.findings:
                counts[finding.severity] += 1
        return counts
