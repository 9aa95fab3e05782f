"""The screen report: the summary table of a run, accepted findings (dimmed, not counted) and stale
acceptances with what to do about them."""

from __future__ import annotations

import io

from disclint.model import Report, Status
from disclint.report import FORMATTERS, OutputOptions
from tests.report.conftest import STALE, accept, named, with_stale


def as_text(report: Report, **options: object) -> str:
    out = io.StringIO()
    FORMATTERS["text"](report, out, OutputOptions(**options))  # type: ignore[arg-type]
    return out.getvalue()


def test_a_run_of_several_documents_ends_with_a_summary_table(
    examples: Report, rule_help: dict[str, tuple[str, str]]
) -> None:
    out = as_text(examples, rules=rule_help)
    table = out[out.index("Documents\n") :]
    assert "PASS  passed" in table and "FAIL  failed" in table and "ERROR could not be read" in table
    for line in table.splitlines():
        if "PASS  passed" in line:
            assert line.split()[-1] == str(examples.count(Status.PASS))
        if "ERROR could not be read" in line:
            assert line.split()[-1] == str(examples.count(Status.ERROR))
    assert "Findings by rule" in table
    for rule, count in examples.findings_by_rule().items():
        (row,) = [line for line in table.splitlines() if line.split()[:1] == [rule]]
        assert row.split()[1] == str(count)
        assert rule_help[rule][0].split()[0] in row  # the rule's summary says what it finds
    assert "7 documents checked: 2 passed, 3 failed, 2 could not be read." in out
    assert "\x1b[" not in out


def test_one_document_has_no_summary_table(examples: Report) -> None:
    out = as_text(Report(examples.results[:1]))
    assert "Findings by rule" not in out and "1 document checked" in out


def test_quiet_keeps_the_summary_table(examples: Report) -> None:
    out = as_text(examples, quiet=True)
    assert "clean_letter.txt" not in out and "Findings by rule" in out


def test_accepted_findings_are_shown_dimmed_and_not_counted(examples: Report) -> None:
    result = named(examples, "leaky_email_notes.txt")
    accepted = accept(result, 0, "the family's own address book entry")
    out = as_text(Report((accepted,)))
    assert "ACCEPTED foreign-identifier  paragraph 17 (main text)  “shannon.arkwright@example.org”" in out
    assert "accepted by Priya Okafor on 2025-06-20: the family's own address book entry" in out
    assert "2 errors, 1 accepted" in out
    assert "Findings: 2 errors" in out
    assert "1 finding accepted by a reviewer (shown dimmed, not counted)." in out
    coloured = as_text(Report((accepted,)), color=True)
    dim = "\x1b[2m"
    line = next(x for x in coloured.splitlines() if "ACCEPTED" in x)
    assert dim in line and "\x1b[1;31m" not in line  # dimmed, not in the error colour


def test_stale_acceptances_say_to_remove_them(examples: Report) -> None:
    out = as_text(Report((with_stale(examples.results[0]), with_stale(examples.results[1]))))
    assert f"STALE    accepted by {STALE.reviewer} on {STALE.when}: {STALE.reason}" in out
    assert (
        f"this acceptance no longer matches anything in the document: remove it (finding {STALE.fingerprint})"
        in out
    )
    assert "2 acceptances no longer match anything: remove them." in out
