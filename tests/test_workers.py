"""Isolation: a document that hangs, crashes or eats memory is an error on its own; the batch goes on.

Workers are forked from the test process, so a reader patched here misbehaves inside the worker
exactly as a hostile file would make a real reader misbehave.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

import disclint.readers
from disclint.model import Document, Status
from disclint.runner import RunSpec, build_run
from disclint.workers import WorkerPool, check_all

from .builders import write_cases

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the patched reader reaches workers by fork")

CLEAN = "Notes of a visit to the Penrose family. Leanne Penrose was at home.\n"


def _misbehaving_read(real):  # type: ignore[no-untyped-def]
    def read(path: Path, *args: object, **kwargs: object) -> Document:
        if path.name.startswith("hang"):
            time.sleep(3600)
        if path.name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGSEGV)
        if path.name.startswith("greedy"):
            hoard = [bytes(64 * 1024 * 1024) for _ in range(64)]  # 4 GB of address space, over the cap
            del hoard
        if path.name.startswith("pid"):
            Path(path.with_suffix(".pid")).write_text(str(os.getpid()))
        return real(path, *args, **kwargs)

    return read


@pytest.fixture()
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[RunSpec, Path]:
    cases = write_cases(tmp_path / "cases")
    (tmp_path / "disclint.yaml").write_text(
        "cases: cases\nlimits:\n  timeout_seconds: 2\n  memory_mb: 1024\n", encoding="utf-8"
    )
    monkeypatch.setattr(disclint.readers, "read", _misbehaving_read(disclint.readers.read))
    docs = tmp_path / "docs"
    docs.mkdir()
    assert cases.is_dir()
    return RunSpec(config_file=tmp_path / "disclint.yaml", case="1001"), docs


def _write(folder: Path, *names: str) -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        path.write_text(CLEAN, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("hang.txt", "took longer than 2 seconds ('timeout_seconds'"),
        ("crash.txt", "the reader crashed (SIGSEGV)"),
        ("greedy.txt", "more than the 1024 MB memory limit ('memory_mb'"),
    ],
)
def test_a_misbehaving_document_is_an_error_and_the_batch_goes_on(
    batch: tuple[RunSpec, Path], name: str, reason: str
) -> None:
    spec, docs = batch
    paths = _write(docs, "a.txt", name, "b.txt", "c.txt")
    results = check_all(spec, build_run(spec), paths, jobs=2)
    assert [r.path for r in results] == paths
    statuses = {r.path.name: r.status for r in results}
    assert statuses == {"a.txt": Status.PASS, name: Status.ERROR, "b.txt": Status.PASS, "c.txt": Status.PASS}
    bad = results[1]
    assert bad.error is not None and reason in bad.error
    assert bad.case == "1001"  # the parent names the case even when the worker died


def test_workers_are_reused_across_documents(batch: tuple[RunSpec, Path]) -> None:
    spec, docs = batch
    paths = _write(docs, *(f"pid{n}.txt" for n in range(8)))
    results = check_all(spec, build_run(spec), paths, jobs=2)
    assert all(r.status is Status.PASS for r in results)
    pids = {p.with_suffix(".pid").read_text() for p in paths}
    assert 1 <= len(pids) <= 2
    assert str(os.getpid()) not in pids  # never in the parent


def test_a_timed_out_worker_is_replaced(batch: tuple[RunSpec, Path]) -> None:
    spec, docs = batch
    hang, after = _write(docs, "hang.txt", "pid-after.txt")
    with WorkerPool(spec, build_run(spec).config.limits, jobs=1) as pool:
        assert pool.check(hang).status is Status.ERROR
        assert pool.check(after).status is Status.PASS


def test_results_are_the_same_with_one_job_or_many(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    examples = Path(__file__).parent.parent / "examples"
    common = [
        "check",
        examples / "documents",
        "--case",
        "1001",
        "--cases",
        examples / "cases",
        "--format",
        "json",
    ]
    code1, out1, _ = cli(*common, "--jobs", "1")
    code8, out8, _ = cli(*common, "--jobs", "8")
    assert code1 == code8 == 1
    assert json.loads(out1) == json.loads(out8)
    assert len(json.loads(out1)["documents"]) == 7


class _Terminal:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("total", "quiet", "ci", "shown"),
    [(5, False, False, True), (1, False, False, False), (5, True, False, False), (5, False, True, False)],
)
def test_the_progress_bar_is_only_for_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, total: int, quiet: bool, ci: bool, shown: bool
) -> None:
    import sys

    from disclint.cli import _progress

    monkeypatch.setattr(sys, "stderr", _Terminal())
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    if shown:  # rich needs a real stream to draw on: check only that a bar would be made
        monkeypatch.setattr("rich.progress.Progress.__enter__", lambda self: self)
        monkeypatch.setattr("rich.progress.Progress.__exit__", lambda self, *a: None)
    with _progress(total, quiet) as advance:
        assert (advance is not None) is shown


def test_the_outbox_watch_checks_in_a_worker_and_survives_a_hanging_document(
    batch: tuple[RunSpec, Path],
) -> None:
    from disclint.cli_watch import ReloadingCheck

    spec, docs = batch
    hang, after = _write(docs, "hang.txt", "pid-after.txt")
    lines: list[str] = []
    check = ReloadingCheck(spec, lines.append, threads=False)  # forked: the patched reader reaches it
    try:
        stuck = check(hang)
        assert stuck.status is Status.ERROR and "timeout_seconds" in (stuck.error or "")
        assert stuck.case == "1001"
        assert check(after).status is Status.PASS
        assert after.with_suffix(".pid").read_text() != str(os.getpid())  # checked in a worker
    finally:
        check.close()


def test_a_worker_that_ran_out_of_memory_is_replaced(batch: tuple[RunSpec, Path]) -> None:
    spec, docs = batch
    before, greedy, after = _write(docs, "pid-before.txt", "greedy.txt", "pid-after.txt")
    with WorkerPool(spec, build_run(spec).config.limits, jobs=1) as pool:
        assert pool.check(before).status is Status.PASS
        stuck = pool.check(greedy)
        assert stuck.status is Status.ERROR and "'memory_mb'" in (stuck.error or "")
        assert pool.check(after).status is Status.PASS
    assert before.with_suffix(".pid").read_text() != after.with_suffix(".pid").read_text()


def test_with_a_progress_bar_workers_start_from_a_fork_server_and_give_the_same_results() -> None:
    from disclint.runner import expand
    from disclint.workers import start_method

    examples = Path(__file__).parent.parent / "examples"
    spec = RunSpec(cases=examples / "cases", case="1001")
    run = build_run(spec)
    documents, _ = expand([examples / "documents"])
    seen: list[str] = []
    shown = check_all(spec, run, documents, 2, progress=lambda path, result: seen.append(path.name))
    plain = check_all(spec, run, documents, 2)
    assert sorted(seen) == sorted(d.name for d in documents)
    assert [(r.path, r.status, r.findings) for r in shown] == [(r.path, r.status, r.findings) for r in plain]
    assert start_method(threads=True) in ("forkserver", "spawn")
