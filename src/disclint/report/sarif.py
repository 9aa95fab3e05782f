"""The SARIF 2.1.0 report (``--format sarif``), for code-scanning dashboards and review tools.

One run. Each finding is a result at its document (``artifactLocation.uri``, the path as given) and
its place: ``region.charOffset``/``charLength`` are offsets in the text of the block it stands in, and
the block (part, page, paragraph, note) is in the location's ``properties``, with the place in words
as the location's message. Accepted findings are results with an external, accepted suppression;
``partialFingerprints`` carries the fingerprint ``disclint accept --finding`` takes. A document that
could not be read is an error notification of the invocation and makes ``executionSuccessful``
false, so an unreadable document never looks like a clean one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from disclint import __version__
from disclint.model import Acceptance, DocumentResult, Finding, Report, Severity, Status

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "disclintFingerprint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: Path) -> str:
    """``path`` as a URI reference: relative paths stay relative (forward slashes, escaped)."""
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _description(rule_id: str, help_text: str) -> str:
    """The help's first paragraph in one line, past a title line that only names the rule."""
    paragraphs = [" ".join(p.split()) for p in help_text.split("\n\n") if p.strip()]
    if len(paragraphs) > 1 and paragraphs[0].startswith(f"{rule_id}:"):
        return paragraphs[1]
    return paragraphs[0] if paragraphs else rule_id


def _rule(rule_id: str, texts: tuple[str, str] | None) -> dict[str, Any]:
    if texts is None:
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    summary, help_text = texts
    return {
        "id": rule_id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _description(rule_id, help_text)},
        "help": {"text": help_text},
    }


def _artifact(result: DocumentResult) -> dict[str, Any]:
    artifact: dict[str, Any] = {
        "location": {"uri": uri(result.path)},
        "roles": ["analysisTarget"],
        "properties": {"status": result.status.value, "case": result.case},
    }
    if result.sha256:
        artifact["hashes"] = {"sha-256": result.sha256}
    if result.error:
        artifact["properties"]["error"] = result.error
    return artifact


def _location(result: DocumentResult, index: int, finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(result.path), "index": index},
            "region": {
                "charOffset": loc.start,
                "charLength": loc.end - loc.start,
                "snippet": {"text": finding.match},
            },
        },
        "message": {"text": loc.describe()},
        "properties": {
            "part": loc.part.value,
            "page": loc.page,
            "paragraph": loc.paragraph,
            "note": loc.note,
        },
    }


def _result(
    result: DocumentResult, index: int, finding: Finding, rule_index: Mapping[str, int]
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(result, index, finding)],
        "partialFingerprints": {FINGERPRINT_KEY: result.fingerprint(finding)},
        "properties": {"case": result.case, "context": finding.context, "details": dict(finding.details)},
    }
    accepted = finding.accepted
    if accepted is None:
        out["suppressions"] = []
    else:
        out["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": accepted.reason,
                "properties": {"reviewer": accepted.reviewer, "when": accepted.when},
            }
        ]
    return out


def _artifact_ref(result: DocumentResult, index: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri(result.path), "index": index}}}


def _unreadable(result: DocumentResult, index: int) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {
            "text": f"{result.path} could not be checked: {result.error}. "
            "It has not been checked and must not be sent."
        },
        "locations": [_artifact_ref(result, index)],
        "properties": {"case": result.case, "status": result.status.value},
    }


def _stale(result: DocumentResult, index: int, acceptance: Acceptance) -> dict[str, Any]:
    return {
        "level": "warning",
        "message": {
            "text": f"The acceptance recorded by {acceptance.reviewer} on {acceptance.when} "
            f"({acceptance.reason}) no longer matches anything in {result.path}: remove it."
        },
        "locations": [_artifact_ref(result, index)],
        "properties": {
            "fingerprint": acceptance.fingerprint,
            "reviewer": acceptance.reviewer,
            "when": acceptance.when,
            "reason": acceptance.reason,
            "rule": acceptance.rule,
        },
    }


def sarif_dict(report: Report, rules: Mapping[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """The SARIF log of ``report``; ``rules`` maps rule ids to (summary, help) for the rule list."""
    rules = rules or {}
    used = {f.rule for r in report.results for f in (*r.findings, *r.suppressed)}
    rule_ids = sorted(set(rules) | used)
    rule_index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for index, result in enumerate(report.results):
        if result.status is Status.ERROR:
            notifications.append(_unreadable(result, index))
        for finding in (*result.findings, *result.suppressed):
            results.append(_result(result, index, finding, rule_index))
        notifications.extend(_stale(result, index, a) for a in result.stale)
    for path in report.skipped:
        notifications.append(
            {
                "level": "note",
                "message": {"text": f"{path} was skipped: it is not a document type disclint reads."},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(path)}}}],
            }
        )
    invocation: dict[str, Any] = {
        "executionSuccessful": report.count(Status.ERROR) == 0,
        "toolExecutionNotifications": notifications,
    }
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "disclint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule_id, rules.get(rule_id)) for rule_id in rule_ids],
            }
        },
        "invocations": [invocation],
        "artifacts": [_artifact(r) for r in report.results],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "documents": len(report.results),
            "passed": report.count(Status.PASS),
            "failed": report.count(Status.FAIL),
            "errors": report.count(Status.ERROR),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def write(report: Report, stream: TextIO, rules: Mapping[str, tuple[str, str]] | None = None) -> None:
    json.dump(sarif_dict(report, rules), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
