from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.builders import BROWN, SMITH, docx, p, pdf, write_cases
from tests.conftest import Runner

SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "report-v1.schema.json").read_text())
CheckJson = Callable[..., tuple[int, dict[str, Any]]]

LEAKY = "Dear Ms Smith,\n\nTyler Brown's father was arrested. Ref LA-2025-1002.\n"
CLEAN = "Dear Ms Smith,\n\nJackson Smith is doing well at Little Acorns Nursery. Ref LA-2025-1001.\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_leaky_document_fails_with_exit_1_and_a_valid_report(tmp_path: Path, check_json: CheckJson) -> None:
    code, report = check_json(write(tmp_path, "letter.txt", LEAKY))
    jsonschema.validate(report, SCHEMA)
    assert code == 1
    (doc,) = report["documents"]
    assert doc["status"] == "fail" and doc["case"] == "1001" and len(doc["sha256"]) == 64
    rules = [(f["rule"], f["match"], f["severity"]) for f in doc["findings"]]
    assert rules == [
        ("foreign-name", "Tyler Brown's", "error"),
        ("allegation", "arrested", "error"),
        ("foreign-identifier", "LA-2025-1002", "error"),
    ]
    assert report["summary"] == {
        "documents": 1,
        "passed": 0,
        "failed": 1,
        "errors": 0,
        "findings": {"error": 3, "warning": 0, "info": 0},
    }


def test_clean_document_passes_with_exit_0(tmp_path: Path, check_json: CheckJson) -> None:
    code, report = check_json(write(tmp_path, "letter.txt", CLEAN))
    jsonschema.validate(report, SCHEMA)
    assert code == 0
    assert report["documents"][0]["status"] == "pass"
    assert report["documents"][0]["findings"] == []


@pytest.mark.parametrize("kind", ["scanned", "encrypted", "empty", "corrupt-docx"])
def test_unreadable_documents_are_errors_with_exit_1(
    tmp_path: Path, check_json: CheckJson, kind: str
) -> None:
    if kind == "scanned":
        path = pdf(tmp_path / "scan.pdf", [[]], image_only=True)
    elif kind == "encrypted":
        path = pdf(tmp_path / "locked.pdf", [["Tyler Brown"]], password="pw")
    elif kind == "empty":
        path = write(tmp_path, "empty.pdf", "")
    else:
        path = tmp_path / "bad.docx"
        path.write_bytes(b"PK\x03\x04broken")
    code, report = check_json(path)
    jsonschema.validate(report, SCHEMA)
    assert code == 1
    (doc,) = report["documents"]
    assert doc["status"] == "error" and doc["error"]
    assert report["summary"]["errors"] == 1


def test_folder_of_documents_with_skipped_files(tmp_path: Path, check_json: CheckJson) -> None:
    folder = tmp_path / "out"
    write(folder, "a.txt", CLEAN)
    write(folder / "sub", "b.md", LEAKY)
    write(folder, "photo.jpg", "not a document")
    write(folder, "~$a.docx", "lock file")
    docx(folder / "c.docx", [p("Minutes for Jackson Smith")])
    code, report = check_json(folder)
    statuses = {Path(d["path"]).name: d["status"] for d in report["documents"]}
    assert statuses == {"a.txt": "pass", "b.md": "fail", "c.docx": "pass"}
    assert [Path(s).name for s in report["summary"]["skipped"]] == ["photo.jpg"]
    assert code == 1


def test_text_report_says_status_in_words_and_where(tmp_path: Path, cli: Runner, cases_dir: Path) -> None:
    code, out, _ = cli("check", write(tmp_path, "letter.txt", LEAKY), "--case", "1001", "--cases", cases_dir)
    assert code == 1
    assert "FAIL" in out and "letter.txt" in out
    assert "ERROR   foreign-name  paragraph 3 (main text)" in out
    assert "case 1002 (Brown family)" in out
    assert "“Tyler Brown's father was arrested.”" in out
    assert "1 document checked: 0 passed, 1 failed" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_quiet_shows_only_failing_documents(tmp_path: Path, cli: Runner, cases_dir: Path) -> None:
    write(tmp_path / "docs", "clean.txt", CLEAN)
    write(tmp_path / "docs", "leaky.txt", LEAKY)
    _, out, _ = cli("check", tmp_path / "docs", "--case", "1001", "--cases", cases_dir, "--quiet")
    assert "leaky.txt" in out and "clean.txt" not in out
    assert "2 documents checked: 1 passed, 1 failed" in out


def test_colour_only_on_a_terminal_and_never_with_no_color(
    tmp_path: Path, cases_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    from disclint.cli import app

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    args = ["check", str(write(tmp_path, "l.txt", LEAKY)), "--case", "1001", "--cases", str(cases_dir)]
    for env, flag, coloured in [({}, [], True), ({"NO_COLOR": "1"}, [], False), ({}, ["--no-color"], False)]:
        out = Terminal()
        monkeypatch.setattr(sys, "stdout", out)
        for key in ("NO_COLOR",):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        with pytest.raises(SystemExit):
            app(args + flag)
        assert ("\x1b[" in out.getvalue()) is coloured, (env, flag)
        assert "FAIL" in out.getvalue()


def test_output_file(tmp_path: Path, cli: Runner, cases_dir: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = cli(
        "check", write(tmp_path, "l.txt", LEAKY), "--case", "1001", "--cases", cases_dir,
        "--format", "json", "--output", target,
    )  # fmt: skip
    assert code == 1 and out == ""
    jsonschema.validate(json.loads(target.read_text()), SCHEMA)


def test_fail_on_warning_and_never(tmp_path: Path, check_json: CheckJson) -> None:
    path = write(tmp_path, "l.txt", "Jackson's uncle was arrested on suspicion of theft.")
    assert check_json(path)[0] == 0
    assert check_json(path, extra=("--fail-on", "warning"))[0] == 1
    leaky = write(tmp_path, "m.txt", LEAKY)
    code, report = check_json(leaky, extra=("--fail-on", "never"))
    assert code == 0 and report["documents"][0]["status"] == "pass"


def test_select_and_ignore_rules(tmp_path: Path, check_json: CheckJson) -> None:
    path = write(tmp_path, "l.txt", LEAKY)
    _, report = check_json(path, extra=("--select", "foreign-name"))
    assert {f["rule"] for f in report["documents"][0]["findings"]} == {"foreign-name"}
    _, report = check_json(path, extra=("--ignore", "foreign-name,allegation"))
    assert {f["rule"] for f in report["documents"][0]["findings"]} == {"foreign-identifier"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--select", "foriegn-name"], "unknown rule id 'foriegn-name'"),
        (["--case", "9999"], "no manifest for case '9999'"),
        (["--cases", "nowhere"], "cases directory does not exist"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, cli: Runner, cases_dir: Path, args: list[str], words: str
) -> None:
    base = ["--case", "1001", "--cases", str(cases_dir)]
    for i in range(0, len(args), 2):
        if args[i] in base:
            at = base.index(args[i])
            base[at + 1] = args[i + 1]
        else:
            base += args[i : i + 2]
    code, _, err = cli("check", write(tmp_path, "l.txt", CLEAN), *base)
    assert code == 2
    assert words in err


def test_broken_manifest_exits_2_with_file_and_line(tmp_path: Path, cli: Runner) -> None:
    cases = write_cases(tmp_path / "cases", [SMITH, BROWN])
    (cases / "9999.yaml").write_text('case: "9999"\nsubjects:\n  - name: A B\n    dob: 2015-13-45\n')
    code, _, err = cli("check", write(tmp_path, "l.txt", CLEAN), "--case", "1001", "--cases", cases)
    assert code == 2
    assert "9999.yaml:4:" in err and "not a date" in err


def test_manifest_validate(tmp_path: Path, cli: Runner, cases_dir: Path) -> None:
    code, out, _ = cli("manifest", "validate", cases_dir)
    assert code == 0 and "4 manifest(s) OK" in out
    bad = write(
        tmp_path, "bad.yaml", 'case: "1"\nsubjects:\n  - name: X Y\n    nhs_number: "123"\nextra: 1\n'
    )
    code, _, err = cli("manifest", "validate", bad)
    assert code == 2
    assert "bad.yaml:4:" in err and "bad.yaml:5: unknown key 'extra'" in err


def test_case_from_case_yaml_in_a_parent_folder(tmp_path: Path, cli: Runner, cases_dir: Path) -> None:
    folder = tmp_path / "outbox" / "smith"
    write(tmp_path / "outbox", "case.yaml", 'case: "1001"\n')
    doc = write(folder, "letter.txt", LEAKY)
    code, out, _ = cli("check", doc, "--cases", cases_dir, "--format", "json")
    assert code == 1 and json.loads(out)["documents"][0]["case"] == "1001"


def test_case_from_path_and_config_file(tmp_path: Path, cli: Runner, cases_dir: Path) -> None:
    write(tmp_path, "disclint.yaml", f"cases: {cases_dir.name}\ncase_from_path: 'case-(?P<case>\\d+)/'\n")
    good = write(tmp_path / "case-1002", "letter.txt", "Tyler Brown is well.")
    leak = write(tmp_path / "case-1001", "letter.txt", "Tyler Brown is well.")
    nowhere = write(tmp_path / "misc", "letter.txt", "Hello.")
    code, out, _ = cli("check", good, leak, nowhere, "--format", "json")
    docs = json.loads(out)["documents"]
    assert [(d["case"], d["status"]) for d in docs] == [("1002", "pass"), ("1001", "fail"), (None, "error")]
    assert "cannot tell which case" in docs[2]["error"]
    assert code == 1


def test_bad_config_exits_2(tmp_path: Path, cli: Runner) -> None:
    write(tmp_path, "disclint.yaml", "cases: cases\nfail_onn: warning\n")
    code, _, err = cli("check", write(tmp_path, "l.txt", CLEAN), "--case", "1001")
    assert code == 2 and "disclint.yaml:2: unknown key 'fail_onn'" in err


def test_rules_lists_and_explains(cli: Runner) -> None:
    code, out, _ = cli("rules")
    assert code == 0
    for rule_id in ("foreign-name", "foreign-identifier", "allegation", "minutes-boilerplate"):
        assert rule_id in out
    code, out, _ = cli("rules", "foreign-name")
    assert code == 0 and "Fails" in out and "Passes" in out and "What to do" in out
    code, out, _ = cli("rules", "allegation")
    assert "Fails, for example:" in out
    assert cli("rules", "nope")[0] == 2


def test_version(cli: Runner) -> None:
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("disclint 0.1.0")
