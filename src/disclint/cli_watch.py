"""``disclint watch OUTBOX``: check documents as they land in a folder and move them on.

The command builds the check (a :class:`~disclint.runner.Run`, reloaded when the manifests change)
and, with ``--require-signoff``, the sign-off test, and hands both to :class:`disclint.watch.Watcher`.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from disclint.cli_common import (
    CasesOption,
    ConfigOption,
    FailOn,
    IndexOption,
    ManifestOption,
    fail,
)
from disclint.errors import ConfigError, DisclintError

if TYPE_CHECKING:
    from disclint.config import Config
    from disclint.model import DocumentResult, Severity
    from disclint.runner import RunSpec

RELOAD_EVERY = 10.0  # seconds between looks at the cases folder for added or changed manifests


class ReloadingCheck:
    """``check(path)`` in an isolated worker process, with a run rebuilt when a manifest changes.

    A watch runs for weeks and reads whatever lands on a shared drive: each document is read and
    checked in a worker (time limit, memory cap), so a file made to hang or crash a reader is
    quarantined as an error and the watch goes on. A new family's manifest must reach the register
    without a restart; if the new manifests are broken, the last good register is kept and the
    problem is logged once.
    """

    def __init__(self, spec: RunSpec, log: Callable[[str], None], threads: bool = True) -> None:
        from disclint.runner import build_run
        from disclint.workers import WorkerPool

        self._spec = spec
        self._log = log
        self._threads = threads  # the watch's observer thread runs beside the workers' parent
        self._run = build_run(spec)
        self._pool = WorkerPool(spec, self._run.config.limits, jobs=1, threads=threads)
        self._key = self._fingerprint()
        self._looked = time.monotonic()

    @property
    def severities(self) -> dict[str, str]:
        return self._run.severities()

    @property
    def config(self) -> Config:
        return self._run.config

    @property
    def fail_on(self) -> Severity | None:
        return self._run.settings.fail_on

    def _fingerprint(self) -> str | None:
        from disclint.store import fingerprint

        if self._run.cases_dir is None:
            return None
        try:
            return fingerprint(self._run.cases_dir)
        except OSError:
            return None

    def _reload(self) -> None:
        from disclint.runner import build_run
        from disclint.workers import WorkerPool

        try:
            run = build_run(self._spec)
        except DisclintError as exc:
            self._log(
                f"disclint: the case manifests changed but cannot be loaded ({exc}): "
                "checking with the register as it was"
            )
            return
        self._pool.close()
        self._run = run
        self._pool = WorkerPool(self._spec, run.config.limits, jobs=1, threads=self._threads)
        self._log("disclint: the case manifests changed: register reloaded")

    def __call__(self, path: Path) -> DocumentResult:
        from disclint.workers import with_case

        now = time.monotonic()
        if now - self._looked >= RELOAD_EVERY:
            self._looked = now
            key = self._fingerprint()
            if key is not None and key != self._key:
                self._key = key
                self._reload()
        return with_case(self._run, path, self._pool.check(path))

    def close(self) -> None:
        self._pool.close()


def _signoff(
    audit_log: Path | None, severities: Mapping[str, str], fail_on: str
) -> Callable[[Path], tuple[bool, str]]:
    """The sign-off test: a passing check of this exact file, running at least the watch's rules at
    their severities, by a reviewer who is not its author (named in the file's properties)."""
    from disclint.audit import verify as verified

    if audit_log is None:
        raise ConfigError("--require-signoff needs the audit log: set 'audit_log:' in disclint.yaml")

    def verify(path: Path) -> tuple[bool, str]:
        verdict = verified(
            path, audit_log, None, rules=list(severities), severities=severities, fail_on=fail_on
        )
        return verdict.ok, verdict.reason

    return verify


@contextlib.contextmanager
def _stopping_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C and SIGTERM end the watch after the document in hand, not in the middle of a move."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ["SIGINT", "SIGTERM", "SIGBREAK"]
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]
    previous = {sig: signal.getsignal(sig) for sig in signals}

    def handler(signum: int, frame: object) -> None:
        stop()

    for sig in signals:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def watch(
    outbox: Annotated[Path, typer.Argument(help="The outbox folder to watch.", show_default=False)],
    case: Annotated[str | None, typer.Option("--case", help="The case of every document.")] = None,
    manifest: ManifestOption = None,
    cases: CasesOption = None,
    index: IndexOption = None,
    config: ConfigOption = None,
    reports: Annotated[
        Path | None, typer.Option("--reports", help="Folder for the reports [default: beside each document].")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="Report format, as for disclint check.", metavar="FORMAT")
    ] = "json",
    settle: Annotated[
        float,
        typer.Option("--settle", min=0.0, help="Seconds a file must stay unchanged before it is read."),
    ] = 2.0,
    once: Annotated[
        bool, typer.Option("--once", help="Process the documents waiting now, then exit.")
    ] = False,
    require_signoff: Annotated[
        bool,
        typer.Option("--require-signoff", help="Move to Ready/ only with an independent sign-off."),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails [default: error]."),
    ] = None,
    log_file: Annotated[
        Path | None, typer.Option("--log", help="Also append each log line to this file.")
    ] = None,
    poll: Annotated[
        bool,
        typer.Option("--poll", help="Watch by listing the folder (for network shares)."),
    ] = False,
) -> None:
    """Check documents as they land in a folder; move them to Ready/ or Quarantine/."""
    from disclint.atomic import append_line
    from disclint.config import find_config
    from disclint.model import Status
    from disclint.report import FORMATTERS
    from disclint.runner import RunSpec
    from disclint.watch import Watcher

    if case is not None and manifest is not None:
        fail("give either --case or --manifest, not both")
    if output_format not in FORMATTERS:
        fail(f"unknown --format '{output_format}': use {' or '.join(sorted(FORMATTERS))}")
    if not outbox.is_dir():
        fail(ConfigError("the outbox is not a folder", outbox))

    def log(line: str) -> None:
        typer.echo(line, err=True)
        if log_file is not None:
            try:
                append_line(log_file, line)
            except OSError as exc:
                typer.echo(f"disclint: cannot write to the log {log_file} ({exc})", err=True)

    try:
        spec = RunSpec(
            config_file=config if config is not None else find_config(Path.cwd()),
            cases=cases,
            case=case,
            manifest=manifest,
            index=index,
            fail_on=fail_on.value if fail_on else None,
            keep_text=output_format == "html",  # the HTML report shows the document's text
        )
        check = ReloadingCheck(spec, log)
        threshold = check.fail_on
        level = threshold.label if threshold is not None else "never"
        verify = _signoff(check.config.audit_log, check.severities, level) if require_signoff else None
        watcher = Watcher(
            outbox,
            check,
            verify=verify,
            reports=reports,
            report_format=output_format,
            settle=settle,
            fail_on=threshold,
            log=log,
            polling=poll,
        )
        watcher.prepare()
    except DisclintError as exc:
        fail(exc)
    except (OSError, ValueError) as exc:
        fail(str(exc))

    folders = "Ready/, Quarantine/" + (", Waiting/" if verify else "")
    if once:
        log(f"disclint: checking the documents waiting in {watcher.outbox} (moved to {folders})")
    else:
        log(f"disclint: watching {watcher.outbox} (moved to {folders}); Ctrl-C to stop")
    try:
        with _stopping_on_signals(watcher.stop):
            watcher.run(once=once)
    finally:
        check.close()
    if not once:
        log("disclint: stopped")
    moved = list(watcher.outcomes)
    failed = any(o.status in (Status.FAIL, Status.ERROR) for o in moved)
    sys.stdout.flush()
    raise typer.Exit(1 if once and failed else 0)
