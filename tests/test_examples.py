"""The shipped examples: each document's JSON report equals its golden file, and the README's run
gives the exit statuses it promises. Regenerate the golden files after an intended change with
``DISCLINT_UPDATE_GOLDEN=1 pytest tests/test_examples.py`` and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from disclint.cli import app

ROOT = Path(__file__).parents[1]
DOCUMENTS = sorted((ROOT / "examples" / "documents").iterdir())
GOLDEN = Path(__file__).parent / "golden"


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.stdout


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_golden_report(document: Path) -> None:
    relative = document.relative_to(ROOT).as_posix()
    _, out = check(relative, "--case", "1001", "--cases", "examples/cases", "--format", "json")
    report = json.loads(out)
    golden = GOLDEN / f"{document.name}.json"
    if os.environ.get("DISCLINT_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert report == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "code", "status"),
    [
        ("clean_letter.txt", 0, "pass"),
        ("clean_plan.docx", 0, "pass"),
        ("leaky_minutes.docx", 1, "fail"),
        ("leaky_plan.pdf", 1, "fail"),
        ("leaky_email_notes.txt", 1, "fail"),
        ("scanned_letter.pdf", 1, "error"),
        ("encrypted_minutes.pdf", 1, "error"),
    ],
)
def test_examples_exit_as_the_readme_says(name: str, code: int, status: str) -> None:
    got, out = check(
        f"examples/documents/{name}", "--case", "1001", "--cases", "examples/cases", "--format", "json"
    )
    assert got == code
    assert json.loads(out)["documents"][0]["status"] == status


def test_planted_leaks_are_all_found() -> None:
    """Every leak listed in examples/EXPECTED.md, in its part, with the other case named."""
    expected = {
        ("leaky_minutes.docx", "foreign-name", "Shannon Arkwright", "header", "1002"),
        ("leaky_minutes.docx", "foreign-name", "Ruby Arkwright", "table", "1002"),
        ("leaky_minutes.docx", "foreign-identifier", "468 912 3071", "footnote", "1002"),
        ("leaky_minutes.docx", "foreign-name", "Craig Arkwright", "body", "1002"),
        ("leaky_minutes.docx", "foreign-identifier", "BV25C01002", "body", "1002"),
        ("leaky_plan.pdf", "foreign-name", "Shannon Arkwright", "page", "1002"),
        ("leaky_plan.pdf", "foreign-identifier", "07700 900214", "page", "1002"),
        ("leaky_plan.pdf", "foreign-identifier", "BA20 3RL", "page", "1002"),
        ("leaky_plan.pdf", "foreign-name", "Ruby Arkwright's", "page", "1002"),
        ("leaky_plan.pdf", "foreign-name", "Ruby Arkwright", "page", "1002"),
        ("leaky_email_notes.txt", "foreign-identifier", "shannon.arkwright@example.org", "body", "1002"),
        ("leaky_email_notes.txt", "foreign-identifier", "LA-2025-1002", "body", "1002"),
        ("leaky_email_notes.txt", "foreign-identifier", "2 March 2015", "body", "1003"),
    }
    _, out = check("examples/documents", "--case", "1001", "--cases", "examples/cases", "--format", "json")
    found = {
        (
            Path(d["path"]).name,
            f["rule"],
            " ".join(f["match"].split()),
            f["location"]["part"],
            f["details"].get("case"),
        )
        for d in json.loads(out)["documents"]
        for f in d["findings"]
    }
    assert expected <= found, expected - found


def test_broken_manifest_example_exits_2() -> None:
    result = CliRunner().invoke(app, ["manifest", "validate", "examples/broken-cases"])
    assert result.exit_code == 2
    assert "9999.yaml:27: unknown key 'subjcts'" in result.stderr
