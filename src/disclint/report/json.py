"""The JSON report, version 1 of the contract: the one place findings become dicts."""

from __future__ import annotations

import json
from typing import Any, TextIO

from disclint import __version__
from disclint.model import DocumentResult, Finding, Report, Severity, Status

VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "match": finding.match,
        "location": {
            "part": loc.part.value,
            "page": loc.page,
            "paragraph": loc.paragraph,
            "start": loc.start,
            "end": loc.end,
        }
        | ({"note": loc.note} if loc.note else {}),
        "context": finding.context,
        "details": dict(finding.details),
    }


def document_dict(result: DocumentResult) -> dict[str, Any]:
    return {
        "path": str(result.path),
        "sha256": result.sha256,
        "case": result.case,
        "status": result.status.value,
        "error": result.error,
        "findings": [finding_dict(f) for f in result.findings],
    }


def report_dict(report: Report) -> dict[str, Any]:
    counts = report.findings_by_severity()
    return {
        "version": VERSION,
        "tool": {"name": "disclint", "version": __version__},
        "documents": [document_dict(r) for r in report.results],
        "summary": {
            "documents": len(report.results),
            "passed": report.count(Status.PASS),
            "failed": report.count(Status.FAIL),
            "errors": report.count(Status.ERROR),
            "findings": {s.label: counts[s] for s in sorted(Severity, reverse=True)},
        }
        | ({"skipped": [str(p) for p in report.skipped]} if report.skipped else {}),
    }


def write(report: Report, stream: TextIO) -> None:
    json.dump(report_dict(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
