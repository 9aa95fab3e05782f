"""The JSON report, version 1 of the contract: the one place findings become dicts.

Additions to the contract's fields: each finding's ``fingerprint`` (what ``disclint accept --finding``
takes); each document's ``suppressed`` findings (accepted by a reviewer, with an ``accepted`` object
saying who, when and why) and ``stale`` acceptances (recorded for the document, matching nothing in
it now). Both lists are always present, empty when there is nothing to say.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from disclint import __version__
from disclint.model import Acceptance, DocumentResult, Finding, Report, Severity, Status

VERSION = 1


def finding_dict(finding: Finding, fingerprint: str | None = None) -> dict[str, Any]:
    loc = finding.location
    out: dict[str, Any] = {
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
    if fingerprint is not None:
        out["fingerprint"] = fingerprint
    if finding.accepted is not None:
        accepted = finding.accepted
        out["accepted"] = {"reviewer": accepted.reviewer, "when": accepted.when, "reason": accepted.reason}
    return out


def stale_dict(acceptance: Acceptance) -> dict[str, Any]:
    return {
        "fingerprint": acceptance.fingerprint,
        "reviewer": acceptance.reviewer,
        "when": acceptance.when,
        "reason": acceptance.reason,
    } | ({"rule": acceptance.rule} if acceptance.rule else {})


def document_dict(result: DocumentResult) -> dict[str, Any]:
    return {
        "path": str(result.path),
        "sha256": result.sha256,
        "case": result.case,
        "status": result.status.value,
        "error": result.error,
        "findings": [finding_dict(f, result.fingerprint(f)) for f in result.findings],
        "suppressed": [finding_dict(f, result.fingerprint(f)) for f in result.suppressed],
        "stale": [stale_dict(a) for a in result.stale],
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
