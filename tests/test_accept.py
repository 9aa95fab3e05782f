"""Accepted findings: the per-case YAML file, applying it to results, and ``disclint accept``."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest
import yaml

from disclint import accept as accept_module
from disclint import cli_review
from disclint.accept import AcceptanceBook, Acceptances, case_file, record
from disclint.errors import ConfigError
from disclint.model import Acceptance, DocumentResult, Finding, Location, Part, Severity, Status
from disclint.runner import Run, RunSpec, build_run
from tests.builders import docx, p, pdf, run
from tests.conftest import Runner

LEAKY = "Dear Ms Smith,\n\nWe met Tyler Brown today. His file is LA-2025-1002.\n"
CLEAN = "Dear Ms Smith,\n\nJackson Smith is doing well at Little Acorns Nursery. Ref LA-2025-1001.\n"
NAME_FP = "d82b66747d85fe0b"  # foreign-name "Tyler Brown" in case 1001
REF_FP = "510b9bf2e557b9aa"  # foreign-identifier "LA-2025-1002" in case 1001
WHEN = "2026-11-22T10:04:00Z"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def make_run(cases_dir: Path, case: str = "1001", fail_on: str | None = None) -> Run:
    return build_run(RunSpec(cases=cases_dir, case=case, fail_on=fail_on))


def accepted(fingerprint: str, document: str | None = "letter.txt", rule: str | None = None) -> Acceptance:
    return Acceptance(fingerprint, "Dana Example", WHEN, "judged harmless", rule, document)


def test_the_example_fingerprints_are_what_a_check_reports(tmp_path: Path, cases_dir: Path) -> None:
    result = make_run(cases_dir).check(write(tmp_path, "letter.txt", LEAKY))
    assert [(f.rule, result.fingerprint(f)) for f in result.findings] == [
        ("foreign-name", NAME_FP),
        ("foreign-identifier", REF_FP),
    ]


@pytest.mark.parametrize(
    ("entries", "status", "left", "suppressed"),
    [
        ([], Status.FAIL, ["foreign-name", "foreign-identifier"], []),
        ([accepted(NAME_FP)], Status.FAIL, ["foreign-identifier"], ["foreign-name"]),
        ([accepted(NAME_FP), accepted(REF_FP)], Status.PASS, [], ["foreign-name", "foreign-identifier"]),
        (
            [accepted(NAME_FP, None), accepted(REF_FP, None)],
            Status.PASS,
            [],
            ["foreign-name", "foreign-identifier"],
        ),
        (
            [accepted(NAME_FP, "other.txt"), accepted(REF_FP)],
            Status.FAIL,
            ["foreign-name"],
            ["foreign-identifier"],
        ),
        (
            [accepted(NAME_FP, rule="foreign-identifier")],
            Status.FAIL,
            ["foreign-name", "foreign-identifier"],
            [],
        ),
    ],
    ids=["none", "one", "all", "case-wide", "other-document", "rule-disagrees"],
)
def test_apply_moves_accepted_findings_to_suppressed_and_recomputes_the_status(
    tmp_path: Path,
    cases_dir: Path,
    entries: list[Acceptance],
    status: Status,
    left: list[str],
    suppressed: list[str],
) -> None:
    run = make_run(cases_dir)
    result = run.check(write(tmp_path, "letter.txt", LEAKY))
    after = AcceptanceBook("1001", tuple(entries)).apply(result, run.settings.fail_on)
    assert after.status is status
    assert [f.rule for f in after.findings] == left
    assert [f.rule for f in after.suppressed] == suppressed
    assert all(f.accepted is not None and f.accepted.reviewer == "Dana Example" for f in after.suppressed)


@pytest.mark.parametrize(
    ("name", "resaved"),
    [
        ("letter.txt", "Dear Ms Smith,\n\nWe met TYLER\n   BROWN today. His file is la-2025-1002.\n"),
        ("letter.docx", None),
    ],
    ids=["text-wrapped-and-capitals", "word-runs"],
)
def test_an_acceptance_survives_resaving_with_other_spacing_and_capitals(
    tmp_path: Path, cases_dir: Path, name: str, resaved: str | None
) -> None:
    run = make_run(cases_dir)
    folder = tmp_path / "accepted"
    if name.endswith(".txt"):
        path = write(tmp_path, name, LEAKY)
    else:
        path = docx(tmp_path / name, [p("We met Tyler Brown today. His file is LA-2025-1002.")])
    first = run.check(path)
    for finding in first.findings:
        entry = Acceptance(first.fingerprint(finding), "Dana Example", WHEN, "reviewed", finding.rule, name)
        record(folder, "1001", entry, first.sha256)
    if resaved is not None:
        path.write_text(resaved, encoding="utf-8")
    else:  # re-saved by Word: the name split over runs and capitalised differently
        docx(
            path,
            [p(run_xml("We met Tyler "), run_xml("BROWN"), run_xml(" today. His file is LA-2025-1002."))],
        )
    second = run.check(path)
    assert second.sha256 != first.sha256 and second.status is Status.FAIL
    after = AcceptanceBook.load(folder, "1001").apply(second, run.settings.fail_on)
    assert after.status is Status.PASS and after.findings == ()
    assert {f.rule for f in after.suppressed} == {"foreign-name", "foreign-identifier"}
    assert after.stale == ()


def run_xml(text: str) -> str:
    return run(text)


def test_acceptances_that_match_nothing_any_more_are_stale(tmp_path: Path, cases_dir: Path) -> None:
    run = make_run(cases_dir)
    path = write(tmp_path, "letter.txt", CLEAN)
    book = AcceptanceBook("1001", (accepted(NAME_FP), accepted(REF_FP, None), accepted(REF_FP, "other.txt")))
    after = book.apply(run.check(path), run.settings.fail_on)
    assert after.status is Status.PASS
    # Only this document's own entry is stale: a case-wide one and another document's are not about it.
    assert after.stale == (accepted(NAME_FP),)


def test_applying_a_book_twice_changes_nothing(tmp_path: Path, cases_dir: Path) -> None:
    run = make_run(cases_dir)
    book = AcceptanceBook("1001", (accepted(NAME_FP), accepted("0123456789abcdef")))
    once = book.apply(run.check(write(tmp_path, "letter.txt", LEAKY)), run.settings.fail_on)
    assert len(once.suppressed) == 1 and len(once.stale) == 1
    assert book.apply(once, run.settings.fail_on) == once


@pytest.mark.parametrize("kind", ["encrypted", "empty"])
def test_an_error_is_never_accepted_away(tmp_path: Path, cases_dir: Path, kind: str) -> None:
    run = make_run(cases_dir)
    if kind == "encrypted":
        path = pdf(tmp_path / "letter.pdf", [["We met Tyler Brown today."]], password="pw")
    else:
        path = write(tmp_path, "letter.pdf", "")
    result = run.check(path)
    assert result.status is Status.ERROR
    book = AcceptanceBook("1001", (accepted(NAME_FP, "letter.pdf"), accepted(NAME_FP, None)))
    assert book.apply(result, run.settings.fail_on) == result


def test_an_error_result_keeps_its_status_even_with_findings() -> None:
    finding = Finding(
        "foreign-name", Severity.ERROR, "m", "Tyler Brown", Location(Part.BODY, None, 1, 0, 11), ""
    )
    result = DocumentResult(Path("letter.txt"), "0" * 64, "1001", Status.ERROR, "broken", (finding,))
    after = AcceptanceBook("1001", (accepted(NAME_FP),)).apply(result, Severity.ERROR)
    assert after.status is Status.ERROR and after.findings == (finding,)


def test_warnings_below_fail_on_pass_and_accepting_them_changes_nothing_else(
    tmp_path: Path, cases_dir: Path
) -> None:
    run = make_run(cases_dir, fail_on="warning")
    path = write(tmp_path, "letter.txt", "Dear Ms Smith,\n\nPolice said he was arrested last year.\n")
    result = run.check(path)
    assert result.status is Status.FAIL and [f.severity for f in result.findings] == [Severity.WARNING]
    fp = result.fingerprint(result.findings[0])
    after = AcceptanceBook("1001", (accepted(fp),)).apply(result, run.settings.fail_on)
    assert after.status is Status.PASS


def test_a_book_refuses_a_result_of_another_case(tmp_path: Path, cases_dir: Path) -> None:
    result = make_run(cases_dir).check(write(tmp_path, "letter.txt", LEAKY))
    with pytest.raises(ValueError, match="case 1002"):
        AcceptanceBook("1002").apply(result, Severity.ERROR)


def test_acceptances_loads_each_case_once_and_skips_results_without_a_case(
    tmp_path: Path, cases_dir: Path
) -> None:
    run = make_run(cases_dir)
    folder = tmp_path / "accepted"
    record(folder, "1001", accepted(NAME_FP))
    books = Acceptances(folder)
    result = run.check(write(tmp_path, "letter.txt", LEAKY))
    assert [f.rule for f in books.apply(result, Severity.ERROR).suppressed] == ["foreign-name"]
    assert books.book("1001") is books.book("1001")
    no_case = dataclasses.replace(result, case=None)
    assert books.apply(no_case, Severity.ERROR) is no_case
    assert Acceptances(None).apply(result, Severity.ERROR) is result


# The file


def test_a_missing_folder_or_file_is_an_empty_book(tmp_path: Path) -> None:
    assert AcceptanceBook.load(None, "1001").entries == ()
    assert AcceptanceBook.load(tmp_path / "nowhere", "1001").entries == ()


def test_record_writes_who_when_why_and_the_sha256_but_never_the_text(
    tmp_path: Path, cases_dir: Path
) -> None:
    run = make_run(cases_dir)
    path = write(tmp_path, "letter.txt", LEAKY)
    result = run.check(path)
    folder = tmp_path / "accepted"
    for finding in result.findings:
        entry = Acceptance(
            result.fingerprint(finding), "Dana Example", WHEN, "reviewed", finding.rule, path.name
        )
        written = record(folder, "1001", entry, result.sha256)
    assert written == folder / "1001.yaml"
    text = written.read_text(encoding="utf-8")
    for secret in ("Tyler", "Brown", "LA-2025-1002", "1002"):
        assert secret.casefold() not in text.casefold()
    data = yaml.safe_load(text)
    assert data[0] == {
        "fingerprint": NAME_FP,
        "rule": "foreign-name",
        "document": "letter.txt",
        "sha256": result.sha256,
        "reviewer": "Dana Example",
        "when": WHEN,
        "reason": "reviewed",
    }
    assert AcceptanceBook.load(folder, "1001").entries == tuple(
        Acceptance(fp, "Dana Example", WHEN, "reviewed", rule, "letter.txt")
        for fp, rule in ((NAME_FP, "foreign-name"), (REF_FP, "foreign-identifier"))
    )


def test_accepting_the_same_finding_again_replaces_the_entry(tmp_path: Path) -> None:
    folder = tmp_path / "accepted"
    record(folder, "1001", accepted(NAME_FP), "a" * 64)
    record(folder, "1001", accepted(REF_FP))
    record(folder, "1001", dataclasses.replace(accepted(NAME_FP), reason="second look", reviewer="Sam Other"))
    record(folder, "1001", accepted(NAME_FP, None))  # case-wide: a different entry
    book = AcceptanceBook.load(folder, "1001")
    assert [(e.fingerprint, e.document, e.reason) for e in book.entries] == [
        (REF_FP, "letter.txt", "judged harmless"),
        (NAME_FP, "letter.txt", "second look"),
        (NAME_FP, None, "judged harmless"),
    ]


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("- fingerprint: [unclosed\n", "is not valid YAML", 2),
        ("fingerprint: d82b66747d85fe0b\n", "must be a list", 1),
        ("- just text\n", "must be a mapping", 1),
        (
            f"- fingerprint: {NAME_FP}\n  reviewer: A\n  when: '{WHEN}'\n  reason: r\n  matched: x\n",
            "unknown key 'matched'",
            5,
        ),
        (
            f"- fingerprint: {NAME_FP}\n  reviewer: A\n  when: '{WHEN}'\n  reasn: r\n",
            "did you mean 'reason'",
            4,
        ),
        (f"- fingerprint: {NAME_FP}\n  when: '{WHEN}'\n  reason: r\n", "'reviewer' is missing", 1),
        (
            f"- fingerprint: {NAME_FP}\n  reviewer: [A]\n  when: '{WHEN}'\n  reason: r\n",
            "'reviewer' must be text",
            2,
        ),
        (
            f"- fingerprint: {NAME_FP}\n  reviewer: A\n  when: '{WHEN}'\n  reason: ''\n",
            "'reason' must be text",
            4,
        ),
        (
            f"- fingerprint: Tyler Brown\n  reviewer: A\n  when: '{WHEN}'\n  reason: r\n",
            "not a finding fingerprint",
            1,
        ),
        (f"- fingerprint: {NAME_FP}\n  reviewer: A\n  when: last Tuesday\n  reason: r\n", "ISO 8601", 3),
        (
            f"- fingerprint: {NAME_FP}\n  reviewer: A\n  reviewer: B\n  when: '{WHEN}'\n  reason: r\n",
            "appears twice",
            3,
        ),
    ],
    ids=[
        "yaml",
        "mapping",
        "scalar",
        "unknown",
        "typo",
        "missing",
        "type",
        "empty",
        "fingerprint",
        "when",
        "dup",
    ],
)
def test_a_broken_file_is_a_config_error_with_file_and_line(
    tmp_path: Path, text: str, problem: str, line: int
) -> None:
    (tmp_path / "1001.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as caught:
        AcceptanceBook.load(tmp_path, "1001")
    assert caught.value.path == tmp_path / "1001.yaml"
    assert caught.value.line == line


def test_a_hand_written_file_with_an_unquoted_time_and_no_document(tmp_path: Path) -> None:
    (tmp_path / "1001.yaml").write_text(
        f"# case-wide\n- fingerprint: {NAME_FP}\n  reviewer: A. Reviewer\n  when: 2026-11-22 10:04:00\n"
        "  reason: the child's uncle, named with the family's agreement\n",
        encoding="utf-8",
    )
    (entry,) = AcceptanceBook.load(tmp_path, "1001").entries
    assert entry == Acceptance(
        NAME_FP, "A. Reviewer", WHEN, "the child's uncle, named with the family's agreement", None, None
    )


def test_an_empty_file_is_an_empty_book(tmp_path: Path) -> None:
    (tmp_path / "1001.yaml").write_text("# nothing accepted yet\n", encoding="utf-8")
    assert AcceptanceBook.load(tmp_path, "1001").entries == ()


@pytest.mark.parametrize(
    ("case", "name"),
    [("1001", "1001.yaml"), ("LA/2025/7", "LA%2F2025%2F7.yaml"), ("A B-1_x.2", "A B-1_x.2.yaml")],
)
def test_case_file_names(tmp_path: Path, case: str, name: str) -> None:
    assert case_file(tmp_path, case) == tmp_path / name


@pytest.mark.parametrize("case", ["", "..", "."])
def test_case_ids_that_cannot_name_a_file(tmp_path: Path, case: str) -> None:
    with pytest.raises(ConfigError):
        case_file(tmp_path, case)


@pytest.mark.parametrize(
    "entry",
    [
        Acceptance("Tyler Brown", "Dana", WHEN, "r"),
        Acceptance(NAME_FP, " ", WHEN, "r"),
        Acceptance(NAME_FP, "Dana", WHEN, "  "),
    ],
    ids=["fingerprint", "reviewer", "reason"],
)
def test_record_refuses_an_incomplete_entry(tmp_path: Path, entry: Acceptance) -> None:
    with pytest.raises(ConfigError):
        record(tmp_path, "1001", entry)


def _record_many(folder: str, worker: int, count: int) -> None:
    for n in range(count):
        fingerprint = f"{worker:04x}{n:012x}"
        record(Path(folder), "1001", Acceptance(fingerprint, f"Reviewer {worker}", WHEN, f"entry {n}"))


def test_reviewers_accepting_at_once_are_all_recorded(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers, count = 4, 15
    processes = [context.Process(target=_record_many, args=(str(tmp_path), w, count)) for w in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    entries = AcceptanceBook.load(tmp_path, "1001").entries
    assert len(entries) == workers * count
    assert len({e.fingerprint for e in entries}) == workers * count


# disclint accept


def test_accept_records_the_finding_and_says_so(tmp_path: Path, cases_dir: Path, cli: Runner) -> None:
    path = write(tmp_path / "out", "letter.txt", LEAKY)
    code, out, err = cli(
        "accept", path, "--case", "1001", "--cases", cases_dir, "--finding", NAME_FP.upper(),
        "--reason", "the child's cousin, named with the family's agreement", "--reviewer", "Dana  Example",
    )  # fmt: skip
    assert code == 0, err
    assert "Accepted in letter.txt (case 1001) by Dana Example" in out
    assert f"foreign-name “Tyler Brown” at paragraph 3 (main text), fingerprint {NAME_FP}" in out
    assert "still fails its check: 1 finding not accepted" in out
    folder = cases_dir.parent / "accepted"  # the default: beside the cases folder
    (entry,) = AcceptanceBook.load(folder, "1001").entries
    assert (
        entry.fingerprint == NAME_FP and entry.reviewer == "Dana Example" and entry.document == "letter.txt"
    )
    assert entry.rule == "foreign-name" and entry.when.endswith("Z")
    code, out, err = cli(
        "accept", path, "--case", "1001", "--cases", cases_dir, "--finding", REF_FP,
        "--reason", "the other family's file was cited with the manager's agreement", "--reviewer", "Dana",
    )  # fmt: skip
    assert code == 0, err
    assert "now passes its check" in out


def test_accept_uses_the_config_folder_and_the_login_name(
    tmp_path: Path, cases_dir: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "disclint.yaml").write_text(f"cases: {cases_dir}\naccepted: reviewed\n", encoding="utf-8")
    monkeypatch.setattr(cli_review.getpass, "getuser", lambda: "dexample")
    path = write(tmp_path, "letter.txt", LEAKY)
    code, _, err = cli("accept", path, "--case", "1001", "--finding", REF_FP, "--reason", "cited on purpose")
    assert code == 0, err
    (entry,) = AcceptanceBook.load(tmp_path / "reviewed", "1001").entries
    assert entry.reviewer == "dexample"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--finding", "0123456789abcdef", "--reason", "x"], "no finding with fingerprint 0123456789abcdef"),
        (["--reason", "x"], "give --finding FINGERPRINT"),
        (["--finding", NAME_FP], "a reason is required"),
        (["--finding", NAME_FP, "--reason", "   "], "a reason is required"),
        (
            ["--finding", NAME_FP, "--reason", "tyler   BROWN is a cousin"],
            "the reason repeats what was found",
        ),
        (["--finding", NAME_FP, "--reason", "x", "--reviewer", " "], "give your name"),
        (["--finding", NAME_FP, "--reason", "x", "--case", "7777"], "no manifest for case '7777'"),
    ],
    ids=["unknown-fingerprint", "no-finding", "no-reason", "blank-reason", "quotes-match", "no-name", "case"],
)
def test_accept_refuses_with_exit_2(
    tmp_path: Path, cases_dir: Path, cli: Runner, args: list[str], message: str
) -> None:
    path = write(tmp_path, "letter.txt", LEAKY)
    code, _, err = cli("accept", path, "--case", "1001", "--cases", cases_dir, *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert not (cases_dir.parent / "accepted" / "1001.yaml").exists()


def test_the_unknown_fingerprint_message_says_how_to_see_fingerprints(
    tmp_path: Path, cases_dir: Path, cli: Runner
) -> None:
    path = write(tmp_path, "letter.txt", LEAKY)
    _, _, err = cli(
        "accept", path, "--case", "1001", "--cases", cases_dir, "--finding", "ffff", "--reason", "x"
    )
    assert f"run disclint check {path} --case 1001 --format json to see fingerprints" in " ".join(err.split())


def test_accept_on_an_unreadable_document_exits_1(tmp_path: Path, cases_dir: Path, cli: Runner) -> None:
    path = pdf(tmp_path / "letter.pdf", [["Tyler Brown"]], password="pw")
    code, _, err = cli(
        "accept", path, "--case", "1001", "--cases", cases_dir, "--finding", NAME_FP, "--reason", "x"
    )
    assert code == 1 and "encrypted" in err and "nothing in it can be accepted" in err


def test_accept_a_missing_document_exits_2(tmp_path: Path, cases_dir: Path, cli: Runner) -> None:
    code, _, err = cli("accept", tmp_path / "nope.txt", "--case", "1001", "--cases", cases_dir)
    assert code == 2 and "no such file" in err


def test_accept_interactively_lists_findings_and_asks(
    tmp_path: Path, cases_dir: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from disclint.cli import app

    monkeypatch.setattr(cli_review, "_interactive", lambda: True)
    path = write(tmp_path, "letter.txt", LEAKY + "Tyler Brown again.\n")
    args = ["accept", str(path), "--case", "1001", "--cases", str(cases_dir), "--reviewer", "Dana Example"]
    result = CliRunner().invoke(app, args, input="2, 1\nboth were checked with the manager\n")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "  1. foreign-name (error) at paragraph 3 (main text) (and 1 more place)" in out
    assert f"fingerprint {NAME_FP}" in out and f"fingerprint {REF_FP}" in out
    assert "Accept which finding(s)?" in out and "Why is it harmless?" in out
    assert "now passes its check" in out
    entries = AcceptanceBook.load(cases_dir.parent / "accepted", "1001").entries
    assert [e.fingerprint for e in entries] == [REF_FP, NAME_FP]
    assert {e.reason for e in entries} == {"both were checked with the manager"}
    # Listed again, they are marked as accepted.
    result = CliRunner().invoke(app, args, input="9\n")
    assert result.exit_code == 2 and "[already accepted]" in result.stdout
    assert "'9' is not one of the numbers listed (1 to 2)" in result.stderr


def test_accept_interactively_on_a_clean_document_has_nothing_to_do(
    tmp_path: Path, cases_dir: Path, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_review, "_interactive", lambda: True)
    code, out, _ = cli("accept", write(tmp_path, "letter.txt", CLEAN), "--case", "1001", "--cases", cases_dir)
    assert code == 0 and "has no findings" in out


def test_accept_warns_an_author_accepting_in_their_own_document(
    tmp_path: Path, cases_dir: Path, cli: Runner
) -> None:
    from tests.builders import core_part, with_parts

    path = docx(tmp_path / "letter.docx", [p("We met Tyler Brown today.")])
    with_parts(path, {"docProps/core.xml": core_part(creator="Dana Example")})
    code, _, err = cli(
        "accept", path, "--case", "1001", "--cases", cases_dir, "--finding", NAME_FP, "--reason", "ok",
        "--reviewer", "dana example",
    )  # fmt: skip
    assert code == 0
    assert "names you (Dana Example) as its author" in " ".join(err.split())


def test_the_module_keeps_no_matched_text_in_its_records() -> None:
    assert "match" not in accept_module.KEYS


def test_an_accepted_comments_finding_lapses_when_a_comment_is_added(tmp_path: Path, cases_dir: Path) -> None:
    """One hidden-content finding stands for all the comments: accepting it must not hide one added later."""
    run_ = make_run(cases_dir)
    path = tmp_path / "minutes.docx"
    docx(path, [p("Notes of the visit.")], comments=[("A. Reviewer", [p("Please check dates")])])
    first = run_.check(path)
    book = AcceptanceBook(
        "1001", tuple(accepted(first.fingerprint(f), "minutes.docx") for f in first.findings)
    )
    assert book.apply(first, Severity.ERROR).status is Status.PASS  # the comment and its author
    docx(
        path,
        [p("Notes of the visit.")],
        comments=[
            ("A. Reviewer", [p("Please check dates")]),
            ("A. Reviewer", [p("Mum disclosed something that must not be shared with dad")]),
        ],
    )
    second = book.apply(run_.check(path), Severity.ERROR)
    assert second.status is Status.FAIL
    assert [f.details["kind"] for f in second.findings] == ["comment"]  # the two comments, shown again
    assert len(second.stale) == 1  # the old acceptance of one comment no longer matches anything
