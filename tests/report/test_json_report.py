"""The JSON report's additions to contract v1: fingerprints, accepted (suppressed) findings and stale
acceptances; the golden files and the schema agree."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from disclint.model import Report
from disclint.report import FORMATTERS, OutputOptions
from tests.report.conftest import ROOT, STALE, accept, named, with_stale

SCHEMA = json.loads((ROOT / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


def as_json(report: Report) -> dict[str, Any]:
    out = io.StringIO()
    FORMATTERS["json"](report, out, OutputOptions())
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_every_finding_carries_the_fingerprint_accept_takes(examples: Report) -> None:
    data = as_json(examples)
    jsonschema.validate(data, SCHEMA)
    for result, document in zip(examples.results, data["documents"], strict=True):
        assert [f["fingerprint"] for f in document["findings"]] == [
            result.fingerprint(f) for f in result.findings
        ]
        assert document["suppressed"] == [] and document["stale"] == []


def test_accepted_findings_and_stale_acceptances_are_reported(examples: Report) -> None:
    notes = named(examples, "leaky_email_notes.txt")
    first = with_stale(accept(notes, 0, "sent to the right family, checked with the manager"))
    data = as_json(Report((first,), examples.fail_on))
    jsonschema.validate(data, SCHEMA)
    document = data["documents"][0]
    (suppressed,) = document["suppressed"]
    assert suppressed["accepted"] == {
        "reviewer": "Priya Okafor",
        "when": "2025-06-20",
        "reason": "sent to the right family, checked with the manager",
    }
    assert suppressed["fingerprint"] == first.fingerprint(first.suppressed[0])
    assert len(document["findings"]) == len(notes.findings) - 1
    assert document["stale"] == [
        {
            "fingerprint": STALE.fingerprint,
            "reviewer": STALE.reviewer,
            "when": STALE.when,
            "reason": STALE.reason,
        }
    ]
    # the summary counts what still fails, as before
    assert data["summary"]["findings"]["error"] == len(notes.findings) - 1


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("finding", lambda f: f.pop("fingerprint")),
        ("finding", lambda f: f.update(accepted={"reviewer": "A", "when": "B", "reason": "C"})),
        ("suppressed", lambda f: f.pop("accepted")),
        ("stale", lambda s: s.pop("reason")),
    ],
)
def test_the_schema_holds_the_new_fields_to_their_shape(examples: Report, where: str, change: Any) -> None:
    notes = named(examples, "leaky_email_notes.txt")
    data = as_json(Report((with_stale(accept(notes, 0)),), examples.fail_on))
    document = data["documents"][0]
    target = {
        "finding": document["findings"],
        "suppressed": document["suppressed"],
        "stale": document["stale"],
    }
    change(target[where][0])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.name)
def test_golden_files_follow_the_schema(golden: Path) -> None:
    jsonschema.validate(json.loads(golden.read_text(encoding="utf-8")), SCHEMA)
