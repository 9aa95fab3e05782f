"""``verify``: whether this exact file passed a check by someone other than its author."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from disclint.accept import AcceptanceBook
from disclint.audit import append, entry, packs_version, verify
from disclint.errors import ConfigError
from disclint.model import Severity
from disclint.runner import Run, RunSpec, build_run
from tests.builders import core_part, docx, p, with_parts
from tests.conftest import Runner

EXAMPLES = Path(__file__).parents[1] / "examples"
CLEAN = "Dear Ms Smith,\n\nJackson Smith is doing well at Little Acorns Nursery. Ref LA-2025-1001.\n"
LEAKY = "Dear Ms Smith,\n\nWe met Tyler Brown today. His file is LA-2025-1002.\n"
RULES = ("allegation", "foreign-identifier", "foreign-name")
OK = "passed a check by Dana Example on 2026-11-22 10:04 UTC; the author is Alex Sample"


def rec(
    sha: str,
    status: str = "pass",
    reviewer: str = "Dana Example",
    *,
    time: str = "2026-11-22T10:04:05Z",
    fail_on: str | None = "error",
    rules: tuple[str, ...] | None = RULES,
    accepted_by: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "version": 1,
        "time": time,
        "sha256": sha,
        "case": "1001",
        "status": status,
        "fail_on": fail_on,
        "findings": {},
        "accepted": [
            {"fingerprint": "0" * 16, "rule": "foreign-name", "accepted_by": a} for a in accepted_by
        ],
        "stale": 0,
        "reviewer": reviewer,
        "author": None,
        "disclint": "0.1.0",
        "packs": "x",
        "rules": None if rules is None else list(rules),
    }


THIS = "this"  # stands for the sha256 of the document under test
LATER = "2026-11-23T08:30:00Z"

SCENARIOS: list[tuple[str, list[dict[str, Any]], bool, str]] = [
    ("no-entry", [rec("0" * 64)], False, "no check of this exact file is recorded (it may have changed"),
    ("independent-pass", [rec(THIS)], True, OK),
    (
        "only-by-author",
        [rec(THIS, reviewer="Alex Sample")],
        False,
        "the only passing check was by its author",
    ),
    (
        "every-by-author",
        [rec(THIS, reviewer="alex  SAMPLE"), rec(THIS, reviewer="asample")],
        False,
        "every passing check was by its author",
    ),
    ("no-reviewer", [rec(THIS, reviewer=" ")], False, "the only passing check was by its author"),
    (
        "latest-failed",
        [rec(THIS), rec(THIS, "fail", "Sam Other", time=LATER)],
        False,
        "the latest check of this file failed (2026-11-23 08:30 UTC, by Sam Other)",
    ),
    (
        "latest-error",
        [rec(THIS), rec(THIS, "error", time=LATER)],
        False,
        "the latest check of this file could not",
    ),
    ("failed-then-passed", [rec(THIS, "fail", time="2026-11-21T09:00:00Z"), rec(THIS)], True, OK),
    ("pass-then-author-pass", [rec(THIS), rec(THIS, reviewer="Alex Sample", time=LATER)], True, OK),
    ("fail-on-never", [rec(THIS, fail_on="never")], False, "ran with --fail-on never, so it could not fail"),
    ("never-after-a-pass", [rec(THIS), rec(THIS, reviewer="Sam", fail_on="never", time=LATER)], True, OK),
    ("threshold-unrecorded", [rec(THIS, fail_on=None)], False, "did not record the severity that fails"),
    ("rules-unrecorded", [rec(THIS, rules=None)], False, "did not record which rules it ran"),
    (
        "rules-left-out",
        [rec(THIS, rules=("foreign-name",))],
        False,
        "left out the rules allegation, foreign-identifier",
    ),
    (
        "partial-failure-counts",
        [rec(THIS), rec(THIS, "fail", rules=("foreign-name",), time=LATER)],
        False,
        "the latest check of this file failed",
    ),
    (
        "author-accepted",
        [rec(THIS, accepted_by=("Sam Other", "Alex Sample"))],
        False,
        "the check by Dana Example on 2026-11-22 10:04 UTC passed only because its author accepted findings",
    ),
    ("other-accepted", [rec(THIS, accepted_by=("Sam Other",))], True, OK),
    (
        "older-clean-pass-counts",
        [
            rec(THIS, time="2026-11-22T10:04:00Z"),
            rec(THIS, "pass", "Sam Other", time=LATER, accepted_by=("asample",)),
        ],
        True,
        OK,
    ),
]


@pytest.mark.parametrize(
    ("history", "ok", "reason"), [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_verify_reads_the_history_of_this_exact_file(
    tmp_path: Path, history: list[dict[str, Any]], ok: bool, reason: str
) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    log = tmp_path / "audit.jsonl"
    append(log, rec("f" * 64))  # another file's check
    for record in history:
        append(log, {**record, "sha256": sha if record["sha256"] == THIS else record["sha256"]})
    verdict = verify(path, log, "Alex Sample", rules=RULES)
    assert verdict.ok is ok
    assert reason in verdict.reason


def test_no_audit_log_yet(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    verdict = verify(path, tmp_path / "audit.jsonl", "Alex Sample")
    assert not verdict.ok and "no check of this exact file is recorded" in verdict.reason


def test_a_damaged_line_about_this_file_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    log = tmp_path / "audit.jsonl"
    append(log, rec(sha))
    with log.open("a", encoding="utf-8") as stream:
        stream.write('{"broken": "not json\n')  # about another file: ignored
        stream.write(f'{{"sha256": "{sha}", "status": "fa\n')
    verdict = verify(path, log, "Alex Sample")
    assert not verdict.ok and verdict.reason == "the audit log has a damaged line about this file (line 3)"


def test_an_unreadable_document_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        verify(tmp_path / "missing.txt", tmp_path / "audit.jsonl", None)


# With real checks


def make_run(cases_dir: Path, case: str = "1001") -> Run:
    return build_run(RunSpec(cases=cases_dir, case=case))


def sign(run: Run, path: Path, log: Path, reviewer: str) -> None:
    """What ``disclint check PATH --reviewer NAME`` records."""
    book = AcceptanceBook.load(run.config.accepted_dir(run.cases_dir), run.case or "")
    result = book.apply(run.check(path), run.settings.fail_on)
    record = entry(
        result,
        reviewer,
        packs_version=packs_version(run.rules),
        fail_on=run.settings.fail_on,
        rules=[r.id for r in run.rules],
        severities=run.severities(),
    )
    append(log, record)


def all_rules(run: Run) -> list[str]:
    return [r.id for r in run.rules]


def test_a_changed_document_is_no_longer_verified(tmp_path: Path, cases_dir: Path) -> None:
    run = make_run(cases_dir)
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    sign(run, path, log, "Dana Example")
    assert verify(path, log, "Alex Sample", rules=all_rules(run)).ok
    path.write_text(CLEAN + "\nKind regards,\nAlex\n", encoding="utf-8")
    verdict = verify(path, log, "Alex Sample", rules=all_rules(run))
    assert not verdict.ok
    assert (
        verdict.reason == "no check of this exact file is recorded (it may have changed since it was checked)"
    )


def test_a_failing_document_is_not_verified(tmp_path: Path, cases_dir: Path) -> None:
    run = make_run(cases_dir)
    path = tmp_path / "letter.txt"
    path.write_text(LEAKY, encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    sign(run, path, log, "Dana Example")
    verdict = verify(path, log, "Alex Sample", rules=all_rules(run))
    assert not verdict.ok and verdict.reason.startswith("the latest check of this file failed")


@pytest.mark.parametrize(
    ("creator", "last", "reviewer", "ok", "reason"),
    [
        ("Alex Sample", "Alex Sample", "Dana Example", True, "; the author is Alex Sample"),
        ("Alex Sample", "Alex Sample", "ALEX SAMPLE", False, "the only passing check was by its author"),
        (
            "Alex Sample",
            "Dana Example",
            "Dana Example",
            False,
            "the authors are Alex Sample and Dana Example",
        ),
        ("Sample, Alex", "", "asample", False, "the only passing check was by its author"),
    ],
)
def test_the_author_comes_from_the_word_documents_properties(
    tmp_path: Path, cases_dir: Path, creator: str, last: str, reviewer: str, ok: bool, reason: str
) -> None:
    run = make_run(cases_dir)
    path = docx(tmp_path / "plan.docx", [p("Dear Ms Smith,"), p("Jackson Smith is doing well.")])
    with_parts(path, {"docProps/core.xml": core_part(creator=creator, lastModifiedBy=last)})
    log = tmp_path / "audit.jsonl"
    sign(run, path, log, reviewer)
    verdict = verify(path, log, None, rules=all_rules(run))
    assert verdict.ok is ok
    assert reason in verdict.reason


def test_given_author_and_file_author_both_count(tmp_path: Path, cases_dir: Path) -> None:
    run = make_run(cases_dir)
    path = docx(tmp_path / "plan.docx", [p("Dear Ms Smith,")])
    with_parts(path, {"docProps/core.xml": core_part(creator="Alex Sample")})
    log = tmp_path / "audit.jsonl"
    sign(run, path, log, "Dana Example")
    assert verify(path, log, "Sam Other").reason.endswith("the authors are Sam Other and Alex Sample")
    assert not verify(path, log, "Dana Example").ok


def test_without_a_known_author_verify_fails_closed(tmp_path: Path, cases_dir: Path) -> None:
    run = make_run(cases_dir)
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    sign(run, path, log, "Dana Example")
    verdict = verify(path, log, None, rules=all_rules(run))
    assert not verdict.ok and verdict.reason == "the author is not known: give --author"
    assert verify(path, log, "  ", rules=all_rules(run)).reason == "the author is not known: give --author"
    assert verify(path, log, "Alex Sample", rules=all_rules(run)).ok


def test_a_document_that_passes_after_an_independent_acceptance_is_verified(
    tmp_path: Path, cases_dir: Path
) -> None:
    from disclint.accept import record
    from disclint.model import Acceptance

    run = make_run(cases_dir)
    path = tmp_path / "letter.txt"
    path.write_text(LEAKY, encoding="utf-8")
    log = tmp_path / "audit.jsonl"
    raw = run.check(path)
    folder = run.config.accepted_dir(run.cases_dir)
    assert folder is not None
    for acceptor, finding in zip(("Sam Other", "Sam Other"), raw.findings, strict=True):
        entry_ = Acceptance(
            raw.fingerprint(finding), acceptor, "2026-11-22T09:00:00Z", "reviewed", finding.rule, path.name
        )
        record(folder, "1001", entry_, raw.sha256)
    sign(run, path, log, "Dana Example")
    verdict = verify(path, log, "Alex Sample", rules=all_rules(run))
    assert verdict.ok, verdict.reason
    # The author accepting a finding is no independent review (a fresh log: the earlier check stands).
    log = tmp_path / "second.jsonl"
    record(
        folder,
        "1001",
        Acceptance(
            raw.fingerprint(raw.findings[0]), "Alex Sample", "2026-11-22T11:00:00Z", "mine", None, path.name
        ),
    )
    sign(run, path, log, "Dana Example")
    verdict = verify(path, log, "Alex Sample", rules=all_rules(run))
    assert not verdict.ok and "passed only because its author accepted findings" in verdict.reason


def test_the_example_plan_is_verified_against_its_authors_name(tmp_path: Path) -> None:
    path = tmp_path / "clean_plan.docx"
    shutil.copy(EXAMPLES / "documents" / "clean_plan.docx", path)
    run = make_run(EXAMPLES / "cases")
    log = tmp_path / "audit.jsonl"
    sign(run, path, log, "Fiona Marchbank")
    verdict = verify(path, log, None, rules=all_rules(run))
    assert not verdict.ok
    assert verdict.reason.startswith("the only passing check was by its author (")
    assert verdict.reason.endswith("; the author is Fiona Marchbank")
    sign(run, path, log, "Anita Sahota")
    verdict = verify(path, log, None, rules=all_rules(run))
    assert verdict.ok and verdict.reason.startswith("passed a check by Anita Sahota on ")


# disclint verify


def test_verify_command_exit_codes(tmp_path: Path, cases_dir: Path, cli: Runner) -> None:
    run = make_run(cases_dir)
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    log = tmp_path / "logs" / "audit.jsonl"
    log.parent.mkdir()
    code, out, _ = cli("verify", path, "--author", "Alex Sample", "--audit-log", log)
    assert code == 1 and "letter.txt: NOT verified: no check of this exact file is recorded" in out
    sign(run, path, log, "Dana Example")
    code, out, _ = cli("verify", path, "--author", "Alex Sample", "--audit-log", log)
    assert code == 0 and out.startswith("letter.txt: verified: passed a check by Dana Example on ")
    code, out, _ = cli("verify", path, "--audit-log", log)
    assert code == 1 and "the author is not known: give --author" in out
    code, out, _ = cli("verify", path, "--author", "D. Example", "--audit-log", log)
    assert code == 0  # "D. Example" is not written like "Dana Example": only forms of one name count
    code, out, _ = cli("verify", path, "--author", "dana.example@council.example.gov.uk", "--audit-log", log)
    assert code == 1 and "by its author" in out


def test_verify_command_reads_the_config(tmp_path: Path, cases_dir: Path, cli: Runner) -> None:
    run = make_run(cases_dir)
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    sign(run, path, tmp_path / "checks.jsonl", "Dana Example")
    (tmp_path / "disclint.yaml").write_text("cases: cases\naudit_log: checks.jsonl\n", encoding="utf-8")
    code, out, err = cli("verify", path, "--author", "Alex Sample")
    assert code == 0, err
    # A council that runs more rules (a pack folder) needs a check that ran them too.
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "jargon.yaml").write_text(
        "rule: council-jargon\nseverity: warning\nsummary: jargon\nmessage: '{match} is jargon'\n"
        "terms: [LAC]\nexamples: {fail: ['The LAC review.'], pass: ['A lack of sleep.']}\n",
        encoding="utf-8",
    )
    (tmp_path / "strict.yaml").write_text("audit_log: checks.jsonl\nrules: packs\n", encoding="utf-8")
    code, out, _ = cli("verify", path, "--author", "Alex Sample", "--config", tmp_path / "strict.yaml")
    assert code == 1 and "left out the rules council-jargon" in out
    (tmp_path / "relaxed.yaml").write_text(
        "audit_log: checks.jsonl\nrules: packs\nignore: [council-jargon]\n", encoding="utf-8"
    )
    code, out, _ = cli("verify", path, "--author", "Alex Sample", "--config", tmp_path / "relaxed.yaml")
    assert code == 0


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        (None, [], "give --audit-log FILE or set 'audit_log:'"),
        ("cases: cases\n", [], "give --audit-log FILE or set 'audit_log:'"),
        ("audit_log: [a, b]\n", [], "'audit_log' must be the path of the audit log file"),
        (None, ["--config", "nowhere.yaml"], "the config file does not exist"),
    ],
)
def test_verify_command_configuration_problems_exit_2(
    tmp_path: Path, cli: Runner, config: str | None, args: list[str], message: str
) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(CLEAN, encoding="utf-8")
    if config is not None:
        (tmp_path / "disclint.yaml").write_text(config, encoding="utf-8")
    code, _, err = cli("verify", path, "--author", "Alex Sample", *args)
    assert code == 2 and message in err


def test_verify_command_missing_document_exits_2(tmp_path: Path, cli: Runner) -> None:
    code, _, err = cli("verify", tmp_path / "nope.docx", "--audit-log", tmp_path / "audit.jsonl")
    assert code == 2 and "no such file" in err


# The whole flow through the command line


def test_end_to_end_accept_check_with_reviewer_and_verify(
    tmp_path: Path, cases_dir: Path, cli: Runner
) -> None:
    (tmp_path / "disclint.yaml").write_text(f"cases: {cases_dir}\naudit_log: audit.jsonl\n", encoding="utf-8")
    path = tmp_path / "letter.txt"
    path.write_text(LEAKY, encoding="utf-8")
    code, _, _ = cli("check", path, "--case", "1001", "--reviewer", "Dana Example")
    assert code == 1
    code, out, _ = cli("verify", path, "--author", "Alex Sample")
    assert code == 1 and "the latest check of this file failed" in out
    for fingerprint in ("d82b66747d85fe0b", "510b9bf2e557b9aa"):
        code, _, err = cli(
            "accept", path, "--case", "1001", "--finding", fingerprint,
            "--reason", "reviewed with the manager", "--reviewer", "Sam Other",
        )  # fmt: skip
        assert code == 0, err
    code, out, _ = cli("check", path, "--case", "1001", "--format", "json", "--reviewer", "Dana Example")
    assert code == 0
    document = json.loads(out)["documents"][0]
    assert document["status"] == "pass" and len(document["suppressed"]) == 2
    code, out, _ = cli("verify", path, "--author", "Alex Sample")
    assert code == 0, out
    lines = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert [line["status"] for line in lines] == ["fail", "pass"]
    assert lines[-1]["fail_on"] == "error" and "foreign-name" in lines[-1]["rules"]
    assert Severity.ERROR.label == lines[-1]["fail_on"]


def test_a_check_with_every_rule_turned_down_never_signs_a_file_off(
    tmp_path: Path, cases_dir: Path, cli: Runner
) -> None:
    """A reviewer cannot sign off a leaky file by running a config that makes every rule 'info'."""
    path = tmp_path / "letter.txt"
    path.write_text(LEAKY, encoding="utf-8")
    rules = [r for r in all_rules(make_run(cases_dir))]
    weak = tmp_path / "weak.yaml"
    weak.write_text(
        f"cases: {cases_dir}\naudit_log: audit.jsonl\nseverity:\n" + "".join(f"  {r}: info\n" for r in rules),
        encoding="utf-8",
    )
    normal = tmp_path / "disclint.yaml"
    normal.write_text(f"cases: {cases_dir}\naudit_log: audit.jsonl\n", encoding="utf-8")
    code, _, _ = cli("check", path, "--case", "1001", "--config", weak, "--reviewer", "Bob Smith")
    assert code == 0  # the weakened check passes the leaky letter...
    code, out, _ = cli("verify", path, "--author", "Alice Jones", "--config", normal)
    assert code == 1  # ...but does not count as a sign-off under the real configuration
    assert "at a lower severity than this configuration" in out
