"""Isolation: every document is read and checked in a worker process with a time limit and a memory cap.

A document that hangs a parser, crashes it or exhausts memory becomes an ``error`` for that document
alone; the batch goes on. Workers are reused from one document to the next (start-up is paid once per
worker, not per document) and are replaced only after a timeout, a crash or a memory error.

Each worker builds its own :class:`~disclint.runner.Run` from the picklable :class:`RunSpec`, so no
open database handle is shared across processes. On Linux workers are forked after the parent has
imported everything, which makes a new worker cost milliseconds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from disclint.engine import error_result
from disclint.errors import DisclintError
from disclint.limits import MB, Limits
from disclint.model import DocumentResult
from disclint.runner import Run, RunSpec, build_run


class WorkerError(DisclintError):
    """A worker could not start (its run could not be built)."""


def start_method(threads: bool = False) -> str:
    """How workers are started: forked where the platform allows, so they inherit every import.

    ``threads``: the parent runs other threads for good (the outbox watch's file-system observer).
    Forking a threaded process can leave a lock held forever in the child, so such a parent starts
    workers from a fork server, a clean single-threaded process, instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" not in methods or sys.platform == "darwin":
        return "spawn"
    return "forkserver" if threads and "forkserver" in methods else "fork"


def default_jobs() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _cap_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # Windows: no address-space cap; the timeout still applies
        return
    limit = megabytes * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Connection, spec: RunSpec, debug: bool) -> None:
    """A worker's life: build the run, then check one path at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        run = build_run(spec)
        _cap_memory(run.config.limits.memory_mb)
    except DisclintError as exc:
        conn.send(("fatal", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        number, path = message
        healthy = True
        try:
            result = run.check(path)
        except MemoryError:
            healthy = False
            result = error_result(
                path,
                None,
                f"checking this document needed more than the {run.config.limits.memory_mb} MB memory "
                "limit ('memory_mb' under 'limits:' in disclint.yaml): it was not checked",
            )
        except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the batch
            detail = traceback.format_exc() if debug else f"{type(exc).__name__}: {exc}"
            result = error_result(
                path, None, f"disclint failed on this document ({detail}): please report it"
            )
        # A worker that ran out of memory may be in a bad state: it says so, stops, and the parent
        # starts a new one for the next document.
        try:
            conn.send((number, result, healthy))
        except MemoryError:
            healthy = False
            conn.send((number, error_result(path, None, "the report was too large to pass on"), False))
        except (OSError, ValueError):
            return
        if not healthy:
            return


def _entry(conn: Connection, spec: RunSpec, debug: bool) -> None:
    try:
        _serve(conn, spec, debug)
    finally:
        conn.close()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: tuple[int, Path] | None = None
    deadline: float = 0.0


class WorkerPool:
    """Up to ``jobs`` worker processes checking documents, each within ``limits.timeout_seconds``.

    Workers build their run from ``spec`` (cheap once everything is imported: a forked worker
    inherits the imports, never the parent's SQLite connections); where fork is not available
    (macOS, Windows) they are spawned and pay the imports once each.
    """

    def __init__(
        self, spec: RunSpec, limits: Limits, jobs: int, debug: bool = False, threads: bool = False
    ) -> None:
        self.spec = spec
        self.limits = limits
        self.jobs = max(1, jobs)
        self.debug = debug
        self._context: Any = multiprocessing.get_context(start_method(threads))
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_entry, args=(child, self.spec, self.debug), daemon=True, name="disclint-worker"
        )
        process.start()
        child.close()
        try:
            ready = parent.poll(max(30.0, self.limits.timeout_seconds))
            kind, detail = parent.recv() if ready else ("fatal", "the worker did not start in time")
        except (EOFError, OSError):
            kind, detail = "fatal", "the worker stopped while starting"
        if kind != "ready":
            process.kill()
            process.join()
            raise WorkerError(f"disclint could not start a worker process: {detail}")
        return _Worker(process, parent)

    def _stop(self, worker: _Worker, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                worker.process.kill()
        worker.process.join(5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def close(self) -> None:
        for worker in self._workers:
            self._stop(worker, kill=worker.job is not None)
        self._workers = []

    def check(self, path: Path) -> DocumentResult:
        """Check one document (the outbox watch, one file at a time)."""
        for _, result in self.imap([path]):
            return result
        raise AssertionError("unreachable: one path gives one result")

    def imap(
        self, paths: Iterable[Path], on_start: Callable[[Path], None] | None = None
    ) -> Iterator[tuple[int, DocumentResult]]:
        """(position, result) for each of ``paths``, in the order they finish."""
        pending = list(enumerate(paths))
        pending.reverse()
        busy: list[_Worker] = []
        timeout = self.limits.timeout_seconds
        while pending or busy:
            while pending and len(busy) < self.jobs:
                idle = [w for w in self._workers if w.job is None]
                if idle:
                    worker = idle[0]
                elif len(self._workers) < self.jobs:
                    worker = self._start()
                    self._workers.append(worker)
                else:
                    break
                number, path = pending.pop()
                if on_start is not None:
                    on_start(path)
                worker.job = (number, path)
                worker.deadline = time.monotonic() + timeout
                with contextlib.suppress(OSError, ValueError):  # a dead worker: seen below as a crash
                    worker.conn.send((number, path))
                busy.append(worker)
            now = time.monotonic()
            ready = wait([w.conn for w in busy], timeout=max(0.0, min(w.deadline for w in busy) - now))
            for worker in list(busy):
                assert worker.job is not None
                number, path = worker.job
                if worker.conn in ready:
                    try:
                        _, result, healthy = worker.conn.recv()
                    except (EOFError, OSError):
                        result = self._crashed(worker, path)
                    else:
                        worker.job = None
                        if not healthy:
                            self._replace(worker)
                    busy.remove(worker)
                    yield number, result
                elif time.monotonic() >= worker.deadline:
                    self._replace(worker, kill=True)
                    busy.remove(worker)
                    yield (
                        number,
                        error_result(
                            path,
                            None,
                            f"reading and checking this document took longer than {timeout:g} seconds "
                            "('timeout_seconds' under 'limits:' in disclint.yaml) and was stopped: it may be "
                            "damaged or made to hang a reader; it was not checked",
                        ),
                    )

    def _crashed(self, worker: _Worker, path: Path) -> DocumentResult:
        worker.process.join(5)
        code = worker.process.exitcode
        self._replace(worker, kill=True)
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            why = f"the reader crashed ({name})"
            if -code == signal.SIGKILL:
                why += ": the system may have stopped it for using too much memory"
        else:
            why = f"the worker reading it stopped unexpectedly (exit code {code})"
        return error_result(path, None, f"{why}; this document was not checked")

    def _replace(self, worker: _Worker, kill: bool = False) -> None:
        """Retire ``worker``: the next document gets a fresh one."""
        self._stop(worker, kill=kill)
        worker.job = None
        self._workers.remove(worker)


def check_all(
    spec: RunSpec,
    run: Run,
    paths: list[Path],
    jobs: int,
    debug: bool = False,
    progress: Callable[[Path, DocumentResult], None] | None = None,
) -> list[DocumentResult]:
    """Results for ``paths`` in their order, whatever order the workers finish in."""
    results: list[DocumentResult | None] = [None] * len(paths)
    spec = dataclasses.replace(spec, register_file=run.register.cache_file)
    # A progress bar redraws from a thread of its own: start workers from a fork server then.
    threads = progress is not None
    with WorkerPool(spec, run.config.limits, min(jobs, max(1, len(paths))), debug, threads) as pool:
        for number, result in pool.imap(paths):
            result = with_case(run, paths[number], result)
            results[number] = result
            if progress is not None:
                progress(paths[number], result)
    # Every position gets a result; one that somehow got none is an error, never a silent gap.
    return [
        r if r is not None else error_result(paths[n], None, "no result came back for this document")
        for n, r in enumerate(results)
    ]


def with_case(run: Run, path: Path, result: DocumentResult) -> DocumentResult:
    """An error result made by the parent (timeout, crash) still names the document's case."""
    if result.case is not None:
        return result
    try:
        case = run.manifest_for(path).case
    except DisclintError:
        return result
    return dataclasses.replace(result, case=case)
