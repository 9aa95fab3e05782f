"""Bad configuration: exit 2 and one line naming the file (and line), never a traceback; --debug shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import disclint.cli
import disclint.runner

from .builders import write_cases

PACK_OK = "examples:\n  fail: []\n  pass: []\n"

CASES = [
    # (config file text, extra files {name: text}, expected in the one line)
    ("cases: [unclosed\n", {}, "disclint.yaml:2: is not valid YAML"),
    ("cases: nowhere\n", {}, "nowhere: the cases directory does not exist"),
    (
        "cases: cases\nsevertiy:\n  allegation: error\n",
        {},
        "disclint.yaml:2: unknown key 'severtiy' (did you mean",
    ),
    ("cases: cases\nfail_on: sometimes\n", {}, "disclint.yaml:2: 'fail_on' must be error, warning or never"),
    ("cases: 12\n", {}, "disclint.yaml:1: 'cases' must be a folder path"),
    (
        "cases: cases\nlimits:\n  timeout_seconds: fast\n",
        {},
        "disclint.yaml:3: limit 'timeout_seconds' must be",
    ),
    ("cases: cases\nlimits:\n  max_pagez: 5\n", {}, "disclint.yaml:3: unknown limit 'max_pagez'"),
    ("cases: cases\nlimits: 5\n", {}, "disclint.yaml:2: 'limits' must map limit names"),
    (
        "cases: cases\nseverity:\n  no-such-rule: error\n",
        {},
        "'severity' names an unknown rule 'no-such-rule'",
    ),
    ("cases: cases\ncase_from_path: '(unclosed'\n", {}, "'case_from_path' is not a valid regex"),
    ("cases: cases\n", {"cases/9001.yaml": "case: '1001'\n"}, "9001.yaml:1: case id '1001' is also used by"),
    (
        "cases: cases\n",
        {"cases/9002.yaml": "case: '9002'\nsubjets: []\n"},
        "9002.yaml:2: unknown key 'subjets'",
    ),
    (
        "cases: cases\n",
        {"cases/9003.yaml": "case: '9003'\nsubjects: {a: 1\n"},
        "9003.yaml:3: is not valid YAML",
    ),
    ("cases: cases\n", {"cases/9004.yaml": "- just\n- a list\n"}, "9004.yaml:1:"),
    ("cases: cases\nrules: packs\n", {"packs/p.yaml": "id: x\n"}, "p.yaml:1: unknown key 'id'"),
    (
        "cases: cases\naudit_log: 7\n",
        {},
        "disclint.yaml:2: 'audit_log' must be the path of the audit log file",
    ),
]


@pytest.mark.parametrize(("config", "files", "expected"), CASES)
def test_bad_configuration_is_one_line_and_exit_2(
    tmp_path: Path, config: str, files: dict[str, str], expected: str
) -> None:
    write_cases(tmp_path / "cases")
    (tmp_path / "disclint.yaml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "letter.txt").write_text("A letter.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "disclint", "check", "letter.txt", "--case", "1001"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[0].startswith("disclint: ")
    assert expected in lines[0]
    assert done.stdout == ""  # nothing was checked, so nothing is reported


def _boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("something nobody expected")


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["disclint", *args])
    with pytest.raises(SystemExit) as exited:
        disclint.cli.main()
    code = exited.value.code
    return code if isinstance(code, int) else 1


def test_an_unexpected_error_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = write_cases(tmp_path / "cases")
    (tmp_path / "letter.txt").write_text("A letter.\n", encoding="utf-8")
    monkeypatch.setattr(disclint.runner, "build_run", _boom)
    monkeypatch.setattr(disclint.cli, "DEBUG", False)
    code = _main(monkeypatch, "check", str(tmp_path / "letter.txt"), "--case", "1001", "--cases", str(cases))
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        "disclint: internal error (RuntimeError: something nobody expected); nothing was passed. "
        "Run again with --debug for the details to report."
    ]


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = write_cases(tmp_path / "cases")
    (tmp_path / "letter.txt").write_text("A letter.\n", encoding="utf-8")
    monkeypatch.setattr(disclint.runner, "build_run", _boom)
    monkeypatch.setattr(
        sys, "argv", ["disclint", "check", str(tmp_path / "letter.txt"), "--debug", "--case", "1001"]
    )
    monkeypatch.setattr(disclint.cli, "DEBUG", False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "disclint.yaml").write_text(f"cases: {cases}\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="something nobody expected"):
        disclint.cli.main()


def test_an_unreadable_manifest_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = write_cases(tmp_path / "cases")
    (tmp_path / "letter.txt").write_text("A letter.\n", encoding="utf-8")
    real = Path.read_text

    def locked(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "1002.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", locked)
    monkeypatch.setenv("DISCLINT_NO_CACHE", "1")
    code = _main(monkeypatch, "check", str(tmp_path / "letter.txt"), "--case", "1001", "--cases", str(cases))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1
    assert err[0].endswith("1002.yaml: cannot be read (Permission denied)")
