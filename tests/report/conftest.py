"""Reports to format: the shipped examples checked against case 1001 (with their text kept, as the
runner keeps it for the HTML report), and small hand-built ones."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from disclint.config import Config
from disclint.engine import Settings, select_rules
from disclint.model import (
    Acceptance,
    DocumentResult,
    Finding,
    Part,
    Report,
    Severity,
    Status,
    TextBlock,
)
from disclint.readers import read
from disclint.report import rule_texts
from disclint.rules import discover
from disclint.runner import Run, expand

ROOT = Path(__file__).parents[2]
RULES = discover(())


def check_examples(*names: str, keep_text: bool = True) -> Report:
    """The examples (all, or those named) checked against case 1001, with relative paths."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setenv("DISCLINT_NO_CACHE", "1")
        run = Run.load(Config(), select_rules(RULES), Settings(), Path("examples/cases"), "1001")
        paths = [Path("examples/documents") / n for n in names] or [Path("examples/documents")]
        documents, skipped = expand(paths)
        report = Report(tuple(run.check(d) for d in documents), run.settings.fail_on, tuple(skipped))
        if keep_text:
            report = dataclasses.replace(report, results=tuple(_keep_text(r) for r in report.results))
    return report


def _keep_text(result: DocumentResult) -> DocumentResult:
    if result.status is Status.ERROR:
        return result
    return dataclasses.replace(result, blocks=read(ROOT / result.path).blocks)


def accept(result: DocumentResult, index: int, reason: str = "the nurse's name, checked") -> DocumentResult:
    """``result`` with its ``index``-th finding accepted by a reviewer (as the runner records it)."""
    finding = result.findings[index]
    acceptance = Acceptance(result.fingerprint(finding), "Priya Okafor", "2025-06-20", reason, finding.rule)
    accepted = dataclasses.replace(finding, accepted=acceptance)
    findings = result.findings[:index] + result.findings[index + 1 :]
    return dataclasses.replace(result, findings=findings, suppressed=(*result.suppressed, accepted))


STALE = Acceptance("0123456789abcdef", "Tom Adeyemi", "2025-05-02", "old footer, agreed with the manager")


def with_stale(result: DocumentResult) -> DocumentResult:
    return dataclasses.replace(result, stale=(*result.stale, STALE))


def located(block: TextBlock, match: str, rule: str, severity: Severity, **details: object) -> Finding:
    """A finding of ``match`` in ``block``, located as a rule would locate it."""
    start = block.text.index(match)
    end = start + len(match)
    return Finding(
        rule,
        severity,
        f"“{match}” is in case {details.get('case')}.",
        match,
        block.locate(start, end),
        block.text,
        details,
    )


def hand_result(
    path: str = "letter.txt",
    blocks: tuple[TextBlock, ...] = (),
    findings: tuple[Finding, ...] = (),
    status: Status | None = None,
    error: str | None = None,
) -> DocumentResult:
    if status is None:
        status = Status.FAIL if any(f.severity is Severity.ERROR for f in findings) else Status.PASS
    sha = None if status is Status.ERROR else "0" * 64
    return DocumentResult(Path(path), sha, "1001", status, error, findings, blocks=blocks)


BODY = Part.BODY


@pytest.fixture(scope="module")
def examples() -> Report:
    return check_examples()


@pytest.fixture(scope="module")
def rule_help() -> dict[str, tuple[str, str]]:
    return rule_texts(RULES)


@pytest.fixture()
def tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def named(report: Report, name: str) -> DocumentResult:
    """The result of the document called ``name``."""
    (result,) = [r for r in report.results if r.path.name == name]
    return result
