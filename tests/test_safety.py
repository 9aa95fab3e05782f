"""Nothing lost, nothing changed: disclint never writes to what it checks; its own files are private
and written whole or not at all; --redact leaves no document text in any report."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from disclint.atomic import append_line, atomic_writer

from .builders import docx, p
from .conftest import Runner

EXAMPLES = Path(__file__).parent.parent / "examples"
LEAKY = EXAMPLES / "documents" / "leaky_minutes.docx"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_batch_never_changes_the_documents_or_the_manifests(cli: Runner, tmp_path: Path) -> None:
    docs = shutil.copytree(EXAMPLES / "documents", tmp_path / "docs")
    cases = shutil.copytree(EXAMPLES / "cases", tmp_path / "cases")
    (docs / "case.yaml").write_text("case: '1001'\n", encoding="utf-8")  # discovery reads it
    before_docs, before_cases = _snapshot(docs), _snapshot(cases)
    out = tmp_path / "out"
    out.mkdir()
    code, _, _ = cli(
        "check", docs, "--cases", cases, "--jobs", "2",
        "--json-output", out / "r.json", "--sarif-output", out / "r.sarif", "--html-output", out / "r.html",
    )  # fmt: skip
    assert code == 1
    assert _snapshot(docs) == before_docs
    assert _snapshot(cases) == before_cases
    assert sorted(p.name for p in docs.iterdir()) == sorted(before_docs)  # no stray files beside them


def test_report_files_are_readable_by_their_owner_only(cli: Runner, tmp_path: Path) -> None:
    reports = {fmt: tmp_path / f"report.{fmt}" for fmt in ("json", "sarif", "html")}
    code, _, _ = cli(
        "check", LEAKY, "--case", "1001", "--cases", EXAMPLES / "cases",
        "--output", tmp_path / "report.txt", "--json-output", reports["json"],
        "--sarif-output", reports["sarif"], "--html-output", reports["html"],
    )  # fmt: skip
    assert code == 1
    for path in [tmp_path / "report.txt", *reports.values()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert path.stat().st_size > 0


def test_a_crash_mid_write_leaves_the_old_report_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text('{"old": true}\n', encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(report, private=True) as stream:
        stream.write('{"new": ')
        raise RuntimeError("the machine lost power")
    assert report.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_appends_are_whole_lines(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    for n in range(3):
        append_line(log, json.dumps({"n": n}))
    assert [json.loads(line)["n"] for line in log.read_text().splitlines()] == [0, 1, 2]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


SECRETS = [
    "Craig Arkwright",
    "Arkwright",
    "Ruby",
    "Shannon",
    "Tillotson",
    "BV25C01002",
    "468 912 3071",
    "4689123071",
    "Larkspur",
    "BA20",
    "arrested",
    "Penrose",
    "Fairbrother",  # an author in the file properties
    "Marchbank",
    "Pat Commenter",  # a comment's author
    "check the dates",  # a comment's text
]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_redact_leaves_no_document_text_or_names_in_any_format(cli: Runner, tmp_path: Path, fmt: str) -> None:
    docs = shutil.copytree(EXAMPLES / "documents", tmp_path / "docs")
    docx(
        docs / "commented.docx",
        [p("Notes of the visit.")],
        comments=[("Pat Commenter", [p("Please check the dates")])],
    )
    target = tmp_path / f"report.{fmt}"
    code, _, _ = cli(
        "check", docs, "--case", "1001", "--cases", EXAMPLES / "cases",
        "--format", fmt, "--output", target, "--redact",
    )  # fmt: skip
    assert code == 1
    text = target.read_text(encoding="utf-8")
    assert "[redacted]" in text
    assert "1002" in text  # which other case it belongs to still shows
    for secret in SECRETS:
        assert secret.casefold() not in text.casefold(), (fmt, secret)


def test_redacted_findings_keep_their_fingerprints(cli: Runner, tmp_path: Path) -> None:
    args = ["check", EXAMPLES / "documents" / "leaky_minutes.docx", "--case", "1001"]
    args += ["--cases", EXAMPLES / "cases", "--format", "json"]
    _, plain, _ = cli(*args)
    _, redacted, _ = cli(*args, "--redact")
    prints = [[f["fingerprint"] for f in d["findings"]] for d in json.loads(plain)["documents"]]
    assert prints == [[f["fingerprint"] for f in d["findings"]] for d in json.loads(redacted)["documents"]]
