"""The outbox watch on a real folder, with a real watchdog observer running in a thread.

Settle times are short and every wait polls with a generous deadline, returning as soon as the
condition holds, so the tests are quick on an idle machine and still pass on a loaded one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from disclint.config import Config
from disclint.engine import Settings, select_rules
from disclint.model import DocumentResult, Status
from disclint.rules import discover
from disclint.runner import Run
from disclint.watch import Watcher, is_temporary, numbered

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
DOCUMENTS = EXAMPLES / "documents"
CASES = EXAMPLES / "cases"
DEADLINE = 20.0
SETTLE = 0.2


def wait_for(condition: Callable[[], object], what: str, deadline: float = DEADLINE) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()


class ExampleCheck:
    """The real check of the examples' case 1001, built in the thread that uses it (SQLite wants that),
    recording what each call saw."""

    def __init__(self) -> None:
        self._run: Run | None = None
        self.seen: list[tuple[str, str]] = []  # (file name, sha256 of the bytes when it was checked)

    def __call__(self, path: Path) -> DocumentResult:
        if self._run is None:
            self._run = Run.load(Config(), select_rules(discover(())), Settings(), CASES, "1001")
        result = self._run.check(path)
        self.seen.append((path.name, result.sha256 or ""))
        return result


class Harness:
    """A watcher running in a thread; stopped (and its thread joined) at the end of the test."""

    def __init__(self, outbox: Path) -> None:
        self.outbox = outbox
        self.lines: list[str] = []
        self.errors: list[BaseException] = []
        self.watcher: Watcher | None = None
        self.thread: threading.Thread | None = None
        self.check = ExampleCheck()

    def start(self, **options: Any) -> Watcher:
        options.setdefault("settle", SETTLE)
        options.setdefault("log", self.lines.append)
        check = options.pop("check", self.check)
        watcher = self.watcher = Watcher(self.outbox, check, **options)

        def run() -> None:
            try:
                watcher.run()
            except BaseException as exc:
                self.errors.append(exc)
                raise

        self.thread = threading.Thread(target=run, name="watcher", daemon=True)
        self.thread.start()
        return watcher

    def stop(self) -> None:
        if self.watcher is not None and self.thread is not None:
            self.watcher.stop()
            self.thread.join(timeout=DEADLINE)
            assert not self.thread.is_alive(), "the watcher did not stop"
        assert not self.errors, self.errors

    def landed(self, name: str, folder: str) -> Path:
        """Wait until ``name`` is in ``folder`` with its report, gone from the outbox, and its move
        logged (the log line is written just after the move)."""
        target = self.outbox / folder / name
        report = self.outbox / folder / f"{name}.disclint.json"
        source = self.outbox / name
        wait_for(
            lambda: (
                target.is_file()
                and report.is_file()
                and report.stat().st_size
                and not source.exists()
                and self.logged(f"-> {folder}/{name}")
            ),
            f"{name} in {folder}/",
        )
        return target

    def logged(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def report(self, path: Path) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(path.with_name(path.name + ".disclint.json").read_text("utf-8"))
        return data


@pytest.fixture()
def outbox(tmp_path: Path) -> Path:
    folder = tmp_path / "outbox"
    folder.mkdir()
    return folder


@pytest.fixture()
def harness(outbox: Path) -> Iterator[Harness]:
    h = Harness(outbox)
    yield h
    h.stop()


def drop(name: str, outbox: Path, as_name: str | None = None) -> Path:
    """Copy an example document in the way a file manager does: written elsewhere, renamed in."""
    staging = outbox.parent / "staging"
    staging.mkdir(exist_ok=True)
    temporary = staging / (as_name or name)
    shutil.copyfile(DOCUMENTS / name, temporary)
    target = outbox / (as_name or name)
    os.rename(temporary, target)
    return target


# Dropping documents ----------------------------------------------------------------------------


def test_leaky_documents_go_to_quarantine_and_clean_ones_to_ready(harness: Harness, outbox: Path) -> None:
    harness.start()
    for name in ["clean_letter.txt", "leaky_minutes.docx", "clean_plan.docx", "leaky_plan.pdf"]:
        shutil.copyfile(DOCUMENTS / name, outbox / name)  # written in place
    clean = harness.landed("clean_letter.txt", "Ready")
    harness.landed("clean_plan.docx", "Ready")
    leaky = harness.landed("leaky_minutes.docx", "Quarantine")
    harness.landed("leaky_plan.pdf", "Quarantine")

    report = harness.report(leaky)
    (document,) = report["documents"]
    assert document["status"] == "fail" and document["case"] == "1001"
    assert document["path"] == str(leaky)
    assert document["sha256"] == sha256(DOCUMENTS / "leaky_minutes.docx") == sha256(leaky)
    assert {f["match"] for f in document["findings"]} >= {"Shannon Arkwright", "BV25C01002"}
    assert harness.report(clean)["documents"][0]["status"] == "pass"
    # reports quote the document: owner-only
    assert stat.S_IMODE(leaky.with_name(leaky.name + ".disclint.json").stat().st_mode) == 0o600
    assert files(outbox) == set()
    lines = [line for line in harness.lines if "leaky_minutes.docx" in line]
    assert len(lines) == 1 and "FAIL (6 errors" in lines[0] and "-> Quarantine/leaky_minutes.docx" in lines[0]


def test_a_document_written_in_pieces_is_checked_once_and_whole(harness: Harness, outbox: Path) -> None:
    harness.start(settle=1.0)
    data = (DOCUMENTS / "leaky_email_notes.txt").read_bytes()
    pieces = [data[i : i + len(data) // 4 + 1] for i in range(0, len(data), len(data) // 4 + 1)]
    with (outbox / "notes.txt").open("wb") as stream:
        for piece in pieces:  # longer than the settle time in all, never paused that long
            stream.write(piece)
            stream.flush()
            time.sleep(0.3)
    moved = harness.landed("notes.txt", "Quarantine")
    whole = hashlib.sha256(data).hexdigest()
    assert harness.check.seen == [("notes.txt", whole)]
    assert harness.report(moved)["documents"][0]["sha256"] == whole
    assert moved.read_bytes() == data


def test_a_document_saved_by_renaming_a_temporary_file_is_checked(harness: Harness, outbox: Path) -> None:
    harness.start()
    temporary = outbox / "~WRD0001.tmp"  # how Word saves: a temporary name, then a rename
    temporary.write_bytes((DOCUMENTS / "clean_letter.txt").read_bytes())
    time.sleep(SETTLE * 2)
    assert temporary.exists(), "a temporary name must be left alone"
    os.rename(temporary, outbox / "letter.txt")
    drop("leaky_email_notes.txt", outbox)  # moved in from another folder
    harness.landed("letter.txt", "Ready")
    harness.landed("leaky_email_notes.txt", "Quarantine")
    assert [name for name, _ in harness.check.seen] == ["letter.txt", "leaky_email_notes.txt"]


def test_a_document_deleted_before_it_settles_is_dropped_quietly(harness: Harness, outbox: Path) -> None:
    harness.start(settle=1.0)
    doomed = outbox / "doomed.txt"
    doomed.write_bytes((DOCUMENTS / "leaky_email_notes.txt").read_bytes())
    time.sleep(0.2)
    doomed.unlink()
    drop("clean_letter.txt", outbox)
    harness.landed("clean_letter.txt", "Ready")
    assert [name for name, _ in harness.check.seen] == ["clean_letter.txt"]
    assert not any("doomed" in line for line in harness.lines)
    assert files(outbox / "Quarantine") == set()


def test_a_document_deleted_while_it_is_checked_leaves_no_report(harness: Harness, outbox: Path) -> None:
    inner = ExampleCheck()

    def check(path: Path) -> DocumentResult:
        result = inner(path)
        if path.name == "vanishing.txt":
            path.unlink()
        return result

    harness.start(check=check)
    drop("clean_letter.txt", outbox, as_name="vanishing.txt")
    wait_for(lambda: harness.logged("vanishing.txt: deleted while it was checked"), "the log line")
    drop("clean_letter.txt", outbox)
    harness.landed("clean_letter.txt", "Ready")
    assert files(outbox / "Ready") == {"clean_letter.txt", "clean_letter.txt.disclint.json"}
    assert files(outbox / "Quarantine") == set()


def test_lock_files_temporary_names_and_other_types_are_left_alone(harness: Harness, outbox: Path) -> None:
    ignored = ["~$minutes.docx", ".minutes.docx.swp", "letter.txt~", "upload.pdf.part", "x.tmp", "case.yaml"]
    for name in ignored:
        (outbox / name).write_text("Shannon Arkwright", encoding="utf-8")
    (outbox / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (outbox / "drafts").mkdir()
    harness.start()
    drop("clean_letter.txt", outbox)
    harness.landed("clean_letter.txt", "Ready")
    assert files(outbox) == {*ignored, "budget.xlsx"}
    assert [name for name, _ in harness.check.seen] == ["clean_letter.txt"]
    notes = [line for line in harness.lines if "left alone" in line]
    assert len(notes) == 2
    assert any("budget.xlsx: left alone: not a document type" in line for line in notes)
    assert any("drafts: left alone: a folder" in line for line in notes)


@pytest.mark.parametrize(
    ("name", "temporary"),
    [
        ("~$minutes.docx", True),
        (".~lock.minutes.docx#", True),
        ("~WRL0001.tmp", True),
        (".DS_Store", True),
        ("minutes.docx.disclint.json", True),
        ("minutes.docx.disclint.txt", True),
        ("Thumbs.db", True),
        ("minutes.docx", False),
        ("Minutes v2.final.PDF", False),
    ],
)
def test_temporary_names(name: str, temporary: bool) -> None:
    assert is_temporary(name) is temporary


def test_numbered_names() -> None:
    assert [numbered("minutes.v2.docx", n) for n in (1, 2, 10)] == [
        "minutes.v2.docx",
        "minutes.v2 (2).docx",
        "minutes.v2 (10).docx",
    ]


# Moves -----------------------------------------------------------------------------------------


def test_a_name_clash_gets_a_suffix_and_nothing_is_overwritten(harness: Harness, outbox: Path) -> None:
    ready = outbox / "Ready"
    ready.mkdir()
    (ready / "clean_letter.txt").write_text("an earlier letter", encoding="utf-8")
    (ready / "clean_letter (2).txt.disclint.json").write_text("{}", encoding="utf-8")  # a stray report
    harness.start()
    drop("clean_letter.txt", outbox)
    moved = harness.landed("clean_letter (3).txt", "Ready")
    drop("clean_letter.txt", outbox)
    again = harness.landed("clean_letter (4).txt", "Ready")
    assert (ready / "clean_letter.txt").read_text(encoding="utf-8") == "an earlier letter"
    assert (ready / "clean_letter (2).txt.disclint.json").read_text(encoding="utf-8") == "{}"
    assert not (ready / "clean_letter (2).txt").exists()
    assert harness.report(moved)["documents"][0]["path"] == str(moved)
    assert moved.read_bytes() == again.read_bytes() == (DOCUMENTS / "clean_letter.txt").read_bytes()
    assert any("-> Ready/clean_letter (3).txt" in line for line in harness.lines)


@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "no-hard-links"])
def test_concurrent_moves_of_one_name_never_collide(
    outbox: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:

        def no_link(src: object, dst: object) -> None:
            raise PermissionError(1, "Operation not permitted")  # a share without hard links

        monkeypatch.setattr(os, "link", no_link)
    watcher = Watcher(outbox, ExampleCheck(), log=lambda line: None)
    watcher.prepare()
    sources = []
    for n in range(8):
        folder = outbox / f"drafts{n}"
        folder.mkdir()
        source = folder / "minutes.txt"
        source.write_text(f"version {n}", encoding="utf-8")
        sources.append(source)
    result = DocumentResult(Path("minutes.txt"), None, "1001", Status.PASS, None)
    barrier = threading.Barrier(len(sources))
    moved: list[Path] = []

    def move(source: Path) -> None:
        barrier.wait()
        document, _ = watcher._move(source, watcher.ready, result)
        moved.append(document)

    threads = [threading.Thread(target=move, args=(source,)) for source in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = {numbered("minutes.txt", n) for n in range(1, 9)}
    assert {p.name for p in moved} == names
    assert files(outbox / "Ready") == names | {f"{name}.disclint.json" for name in names}
    contents = sorted(p.read_text(encoding="utf-8") for p in moved)
    assert contents == sorted(f"version {n}" for n in range(8))
    assert not any(source.exists() for source in sources)


def test_a_move_that_fails_leaves_the_document_in_place(
    harness: Harness, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if "Quarantine" in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, mode, **kwargs)

    def no_link(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(os, "link", no_link)
    harness.start()
    drop("leaky_email_notes.txt", outbox)
    moving = "leaky_email_notes.txt: could not move it to Quarantine/ (PermissionError: [Errno 13]"
    wait_for(lambda: harness.logged(moving), "the log line")
    drop("clean_letter.txt", outbox)
    harness.landed("clean_letter.txt", "Ready")  # the watch goes on
    assert files(outbox) == {"leaky_email_notes.txt"}
    assert files(outbox / "Quarantine") == set()


# Unreadable documents and failures ----------------------------------------------------------------


def test_unreadable_documents_go_to_quarantine_with_the_reason(harness: Harness, outbox: Path) -> None:
    harness.start()
    (outbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    drop("encrypted_minutes.pdf", outbox)
    drop("scanned_letter.pdf", outbox)
    for name in ["broken.docx", "encrypted_minutes.pdf", "scanned_letter.pdf"]:
        moved = harness.landed(name, "Quarantine")
        (document,) = harness.report(moved)["documents"]
        assert document["status"] == "error" and document["error"], name
        line = next(x for x in harness.lines if f"{name}:" in x)
        assert f"{name}: ERROR ({document['error'][:40]}" in line


def test_a_crashing_check_quarantines_the_document_and_the_watch_goes_on(
    harness: Harness, outbox: Path
) -> None:
    inner = ExampleCheck()

    def check(path: Path) -> DocumentResult:
        if path.name == "boom.txt":
            raise RuntimeError("simulated crash")
        return inner(path)

    harness.start(check=check)
    drop("clean_letter.txt", outbox, as_name="boom.txt")
    moved = harness.landed("boom.txt", "Quarantine")
    (document,) = harness.report(moved)["documents"]
    assert document["status"] == "error" and "RuntimeError: simulated crash" in document["error"]
    drop("clean_letter.txt", outbox)
    harness.landed("clean_letter.txt", "Ready")


def test_a_document_changed_while_it_is_checked_is_checked_again(harness: Harness, outbox: Path) -> None:
    inner = ExampleCheck()
    calls: list[str] = []

    def check(path: Path) -> DocumentResult:
        result = inner(path)
        calls.append(path.name)
        if len(calls) == 1:  # the author saves again while the first check runs
            path.write_bytes((DOCUMENTS / "leaky_email_notes.txt").read_bytes())
        return result

    harness.start(check=check)
    drop("clean_letter.txt", outbox, as_name="letter.txt")
    moved = harness.landed("letter.txt", "Quarantine")
    assert calls == ["letter.txt", "letter.txt"]
    assert harness.report(moved)["documents"][0]["sha256"] == sha256(moved)
    assert moved.read_bytes() == (DOCUMENTS / "leaky_email_notes.txt").read_bytes()


def test_a_document_saved_again_just_before_its_move_is_checked_again(
    harness: Harness, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last look found it unchanged, then the author saved once more before the link: the file
    that would land in Ready/ is not the one that was checked, so it is checked again instead."""
    real_link = os.link
    saved: list[str] = []

    def link(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if not saved:
            saved.append(str(source))
            Path(source).write_bytes((DOCUMENTS / "leaky_email_notes.txt").read_bytes())
        real_link(source, target)

    monkeypatch.setattr(os, "link", link)
    harness.start()
    drop("clean_letter.txt", outbox, as_name="letter.txt")
    moved = harness.landed("letter.txt", "Quarantine")  # the leaky content, checked, not Ready/
    assert moved.read_bytes() == (DOCUMENTS / "leaky_email_notes.txt").read_bytes()
    assert harness.report(moved)["documents"][0]["sha256"] == sha256(moved)
    assert not (outbox / "Ready").exists() or files(outbox / "Ready") == set()


def test_an_empty_file_waits_until_it_has_content(harness: Harness, outbox: Path) -> None:
    harness.start()
    (outbox / "new.txt").touch()
    wait_for(lambda: harness.logged("new.txt: left in place: the file is empty"), "the log line")
    assert files(outbox) == {"new.txt"}
    (outbox / "new.txt").write_bytes((DOCUMENTS / "clean_letter.txt").read_bytes())
    harness.landed("new.txt", "Ready")


# Sign-off ------------------------------------------------------------------------------------------


def test_a_passing_document_without_sign_off_waits_until_it_has_one(harness: Harness, outbox: Path) -> None:
    signed: set[str] = set()

    def verify(path: Path) -> tuple[bool, str]:
        digest = sha256(path)
        return (
            (True, "passed a check by A. Reviewer")
            if digest in signed
            else (False, "no check by a reviewer other than its author")
        )

    harness.start(verify=verify, rescan=0.2)
    drop("clean_letter.txt", outbox)
    drop("leaky_email_notes.txt", outbox)
    waiting = harness.landed("clean_letter.txt", "Waiting")
    harness.landed("leaky_email_notes.txt", "Quarantine")  # a failing document never waits
    line = next(x for x in harness.lines if "clean_letter.txt:" in x)
    assert (
        "waiting for sign-off: no check by a reviewer other than its author -> Waiting/clean_letter.txt"
        in line
    )
    signed.add(sha256(waiting))
    harness.landed("clean_letter.txt", "Ready")
    assert files(outbox / "Waiting") == set()  # its earlier report went with it
    assert harness.logged("signed off: passed a check by A. Reviewer -> Ready/clean_letter.txt")


# Restarts and --once -------------------------------------------------------------------------------


def test_documents_waiting_at_start_are_processed_first(harness: Harness, outbox: Path) -> None:
    for name in ["leaky_plan.pdf", "clean_letter.txt"]:
        shutil.copyfile(DOCUMENTS / name, outbox / name)
    # An earlier run stopped after linking a document into Ready/ but before removing it here.
    shutil.copyfile(DOCUMENTS / "clean_plan.docx", outbox / "clean_plan.docx")
    (outbox / "Ready").mkdir()
    os.link(outbox / "clean_plan.docx", outbox / "Ready" / "clean_plan.docx")
    harness.start()
    wait_for(lambda: harness.check.seen, "the first check")
    drop("leaky_email_notes.txt", outbox)  # arrives after the start
    harness.landed("leaky_plan.pdf", "Quarantine")
    harness.landed("clean_letter.txt", "Ready")
    harness.landed("clean_plan.docx", "Ready")  # finished, not duplicated as "clean_plan (2).docx"
    harness.landed("leaky_email_notes.txt", "Quarantine")
    order = [name for name, _ in harness.check.seen]
    assert order[-1] == "leaky_email_notes.txt" and len(order) == 4
    assert files(outbox / "Ready") == {
        "clean_letter.txt",
        "clean_letter.txt.disclint.json",
        "clean_plan.docx",
        "clean_plan.docx.disclint.json",
    }


def test_once_processes_what_is_waiting_and_returns(outbox: Path, tmp_path: Path) -> None:
    for name in ["clean_letter.txt", "leaky_minutes.docx"]:
        shutil.copyfile(DOCUMENTS / name, outbox / name)
    reports = tmp_path / "reports"
    lines: list[str] = []
    watcher = Watcher(
        outbox, ExampleCheck(), reports=reports, report_format="text", settle=SETTLE, log=lines.append
    )
    start = time.monotonic()
    watcher.run(once=True)
    assert time.monotonic() - start < DEADLINE
    assert files(outbox / "Ready") == {"clean_letter.txt"}
    assert files(outbox / "Quarantine") == {"leaky_minutes.docx"}
    assert files(reports) == {"clean_letter.txt.disclint.txt", "leaky_minutes.docx.disclint.txt"}
    assert "Shannon Arkwright" in (reports / "leaky_minutes.docx.disclint.txt").read_text(encoding="utf-8")
    assert [o.status for o in watcher.outcomes] == [Status.PASS, Status.FAIL]
    assert len(lines) == 2


def test_the_reports_folder_cannot_be_the_outbox(outbox: Path) -> None:
    with pytest.raises(ValueError, match="must not be the outbox"):
        Watcher(outbox, ExampleCheck(), reports=outbox)


# The command ---------------------------------------------------------------------------------------


def disclint(*args: object, **kwargs: Any) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "disclint", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kwargs,
    )


def test_watch_once_command(outbox: Path, tmp_path: Path) -> None:
    for name in ["clean_letter.txt", "leaky_plan.pdf"]:
        shutil.copyfile(DOCUMENTS / name, outbox / name)
    log = tmp_path / "watch.log"
    log.write_text("an earlier line\n", encoding="utf-8")
    process = disclint(
        "watch", outbox, "--case", "1001", "--cases", CASES, "--once", "--settle", SETTLE, "--log", log
    )
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1, err  # a document went to Quarantine
    assert files(outbox / "Ready") == {"clean_letter.txt", "clean_letter.txt.disclint.json"}
    assert files(outbox / "Quarantine") == {"leaky_plan.pdf", "leaky_plan.pdf.disclint.json"}
    logged = log.read_text(encoding="utf-8").splitlines()
    assert logged[0] == "an earlier line"
    assert any("leaky_plan.pdf: FAIL (" in x and "-> Quarantine/leaky_plan.pdf" in x for x in logged)
    assert any("leaky_plan.pdf: FAIL" in x for x in err.splitlines())


def test_watch_command_usage_errors(outbox: Path, tmp_path: Path) -> None:
    for args, message in [
        ((tmp_path / "nowhere",), "the outbox is not a folder"),
        ((outbox, "--format", "yaml"), "unknown --format 'yaml'"),
        ((outbox, "--case", "9999"), "no manifest for case '9999'"),
    ]:
        process = disclint("watch", *args, "--cases", CASES, "--once")
        _, err = process.communicate(timeout=60)
        assert process.returncode == 2 and message in err, err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_watch_command_checks_dropped_files_and_stops_on_a_signal(outbox: Path, sig: signal.Signals) -> None:
    process = disclint("watch", outbox, "--case", "1001", "--cases", CASES, "--settle", SETTLE)
    try:
        wait_for(lambda: (outbox / "Ready").is_dir(), "the watch to start")
        drop("leaky_email_notes.txt", outbox)
        drop("clean_letter.txt", outbox)
        wait_for(
            lambda: (outbox / "Quarantine" / "leaky_email_notes.txt.disclint.json").is_file(), "quarantine"
        )
        wait_for(lambda: (outbox / "Ready" / "clean_letter.txt.disclint.json").is_file(), "ready")
        process.send_signal(sig)
        _, err = process.communicate(timeout=DEADLINE)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "disclint: stopped" in err
    assert files(outbox) == set()


def test_once_gives_up_on_a_document_it_cannot_move_and_leaves_it_in_place(
    outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if "Quarantine" in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(os, "open", refuse)
    shutil.copyfile(DOCUMENTS / "leaky_email_notes.txt", outbox / "notes.txt")
    lines: list[str] = []
    Watcher(outbox, ExampleCheck(), settle=0.02, log=lines.append).run(once=True)
    assert files(outbox) == {"notes.txt"} and files(outbox / "Quarantine") == set()
    assert "could not move it to Quarantine/" in lines[0] and lines[0].endswith("trying again")
    assert "notes.txt: left in place: could not move it to Quarantine/ (PermissionError" in lines[-1]
    assert len(lines) == 2


@pytest.mark.parametrize("how", ["--poll", "no-notifications"])
def test_watching_by_listing_the_folder(
    harness: Harness, outbox: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "no-notifications":

        class Broken:
            def schedule(self, *args: object, **kwargs: object) -> None:
                raise OSError(28, "inotify watch limit reached")

        monkeypatch.setattr("disclint.watch.Observer", Broken)
    harness.start(polling=how == "--poll")
    drop("leaky_email_notes.txt", outbox)
    harness.landed("leaky_email_notes.txt", "Quarantine")
    assert harness.logged("listing it instead") is (how == "no-notifications")


def test_a_document_that_cannot_be_opened_is_retried_then_quarantined(
    harness: Harness, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    denied = outbox / "locked.txt"  # as a file another account owns, or one locked by Word on Windows
    real_open, real_os_open = Path.open, os.open

    def locked(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def os_locked(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        if Path(os.fspath(path)) == denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_os_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    monkeypatch.setattr(os, "open", os_locked)
    harness.start(settle=0.02)
    drop("clean_letter.txt", outbox, as_name="locked.txt")
    moved = harness.landed("locked.txt", "Quarantine")
    (document,) = harness.report(moved)["documents"]
    assert document["status"] == "error" and "Permission denied" in document["error"]
    assert moved.read_bytes() == (DOCUMENTS / "clean_letter.txt").read_bytes()


def test_watch_command_with_sign_off_from_the_audit_log(tmp_path: Path, outbox: Path) -> None:
    """The real sign-off: clean_plan.docx is by Fiona Marchbank (its properties); her own check is not
    enough, a check by Anita Sahota is."""
    (tmp_path / "disclint.yaml").write_text(f"cases: {CASES}\naudit_log: audit.jsonl\n", encoding="utf-8")
    shutil.copyfile(DOCUMENTS / "clean_plan.docx", outbox / "plan.docx")

    def run(*args: object) -> str:
        process = disclint(*args, cwd=tmp_path)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        return err

    watch = ("watch", outbox, "--case", "1001", "--once", "--require-signoff", "--settle", SETTLE)
    assert "waiting for sign-off: no check of this exact file is recorded" in run(*watch)
    waiting = outbox / "Waiting" / "plan.docx"
    assert files(outbox / "Waiting") == {"plan.docx", "plan.docx.disclint.json"}
    run("check", waiting, "--case", "1001", "--reviewer", "Fiona Marchbank", "--quiet")
    run(*watch)
    assert files(outbox / "Waiting") == {"plan.docx", "plan.docx.disclint.json"}  # the author's own check
    run("check", waiting, "--case", "1001", "--reviewer", "Anita Sahota", "--quiet")
    assert "signed off: passed a check by Anita Sahota" in run(*watch)
    assert files(outbox / "Ready") == {"plan.docx", "plan.docx.disclint.json"}
    assert files(outbox / "Waiting") == set()
