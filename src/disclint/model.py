"""The typed records that cross module boundaries: documents, findings, results."""

from __future__ import annotations

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


@dataclass(frozen=True)
class Finding:
    """One thing a rule found. ``details`` says why it fired (other case, register entry, score)."""

    rule: str
    severity: Severity
    message: str
    match: str
    location: Location
    context: str
    details: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentResult:
    """The outcome of checking one document."""

    path: Path
    sha256: str | None
    case: str | None
    status: Status
    error: str | None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Report:
    """The outcome of one run, handed to a formatter."""

    results: tuple[DocumentResult, ...]
    fail_on: Severity | None = Severity.ERROR
    skipped: tuple[Path, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    def findings_by_severity(self) -> dict[Severity, int]:
        counts = {s: 0 for s in Severity}
        for result in self.results:
            for finding in result.findings:
                counts[finding.severity] += 1
        return counts
