"""The outbox watch: check each document once its writes have settled, then move it on.

A :class:`Watcher` watches the top level of one folder (the outbox). A document dropped, saved or
renamed into it is checked once its size and modification time have not changed for ``settle``
seconds and it can be opened; then its report is written (privately, whole or not at all) and the
document is moved to ``Ready/`` (pass), ``Quarantine/`` (fail or error) or, when a sign-off is
required and missing, ``Waiting/``. Moves never overwrite: a name already taken gets a suffix
(``minutes (2).docx``), claimed with a hard link (or an exclusive create where links are not
supported), so two moves cannot take the same name and the document is never lost.

The check itself is injected (``check``: path to :class:`~disclint.model.DocumentResult`), as is the
sign-off (``verify``: path to ``(ok, why)``), so the same watcher runs in-process checks, a worker
pool or a fake in tests. The watcher never prints: it hands one line per document to ``log``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import queue
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from disclint.atomic import write_atomic
from disclint.model import DocumentResult, Report, Severity, Status
from disclint.readers import SUPPORTED
from disclint.report import FORMATTERS, OutputOptions

READY = "Ready"
QUARANTINE = "Quarantine"
WAITING = "Waiting"

Check = Callable[[Path], DocumentResult]
Verify = Callable[[Path], tuple[bool, str]]
Log = Callable[[str], None]

# File name extension of a report in each format (``minutes.docx.disclint.json``).
REPORT_EXTENSIONS = {"text": "txt", "json": "json", "html": "html", "sarif": "sarif"}

# Files that are part of the outbox's set-up, not documents: never checked, never logged.
_SETUP_NAMES = frozenset({"case.yaml", "case.yml", "disclint.yaml", "thumbs.db", "desktop.ini"})
# Office lock files (~$minutes.docx), Word's ~WRL0001.tmp, LibreOffice's .~lock.x#, hidden files,
# editors' backups (x~) and temporary names used while a file is saved or downloaded.
_TEMPORARY_PREFIXES = ("~", ".")
_TEMPORARY_SUFFIXES = (
    "~",
    ".tmp",
    ".temp",
    ".bak",
    ".swp",
    ".swx",
    ".part",
    ".partial",
    ".crdownload",
    ".download",
    ".lock",
    "#",
)
_REPORT_NAME = re.compile(r"\.disclint\.[a-z]+$", re.IGNORECASE)
_MAX_ATTEMPTS = 5  # tries to open (then quarantine), to stat or to move (then leave in place) a file
_MAX_BACKOFF = 30.0
_MAX_SUFFIX = 10_000
_REASON_WIDTH = 160


def is_temporary(name: str) -> bool:
    """Whether ``name`` is a lock file, a hidden file, a temporary name or one of disclint's reports."""
    lower = name.lower()
    return (
        lower.startswith(_TEMPORARY_PREFIXES)
        or lower.endswith(_TEMPORARY_SUFFIXES)
        or lower in _SETUP_NAMES
        or _REPORT_NAME.search(lower) is not None
    )


def numbered(name: str, n: int) -> str:
    """``minutes.docx`` for 1, ``minutes (2).docx`` for 2 and so on."""
    if n == 1:
        return name
    path = Path(name)
    return f"{path.stem} ({n}){path.suffix}"


class ChangedWhileMoving(Exception):
    """The document changed between its check and its move: it is checked again, not moved."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one document: its status, where it went, its report, and the log line."""

    source: Path
    status: Status | None
    destination: Path | None
    report: Path | None
    line: str


@dataclass
class _Pending:
    """A file waiting for its writes to settle (or for a retry after a failure)."""

    path: Path
    first_seen: float
    stable_since: float
    snapshot: tuple[int, int] | None = None
    attempts: int = 0
    not_before: float = 0.0
    old_report: Path | None = None  # a signed-off document leaving Waiting/: its earlier report


class _Handler(FileSystemEventHandler):
    """Runs in the observer's thread: only hands paths over to the watcher's loop."""

    def __init__(self, events: queue.SimpleQueue[Path]) -> None:
        self._events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        target = event.dest_path if event.event_type == "moved" else event.src_path
        self._events.put(Path(os.fsdecode(target)))
        if event.event_type == "moved":
            self._events.put(Path(os.fsdecode(event.src_path)))


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _snapshot(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_size, stat.st_mtime_ns


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _reserve(path: Path) -> None:
    """Create ``path`` empty and private; ``FileExistsError`` if the name is taken (atomic)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _REASON_WIDTH else text[: _REASON_WIDTH - 1] + "…"


class Watcher:
    """Watch ``outbox`` (top level only) and move each checked document on.

    ``reports``: the folder for reports (default: beside the document where it lands);
    ``settle``: seconds a file's size and modification time must stay the same before it is read;
    ``rescan``: seconds between full listings of the outbox (events can be missed on network
    shares) and re-verifications of ``Waiting/``; ``polling``: watch by listing instead of the
    operating system's notifications (needed for some network shares).
    """

    def __init__(
        self,
        outbox: Path,
        check: Check,
        *,
        verify: Verify | None = None,
        reports: Path | None = None,
        report_format: str = "json",
        settle: float = 2.0,
        fail_on: Severity | None = Severity.ERROR,
        log: Log = _stderr,
        rescan: float = 30.0,
        polling: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.outbox = Path(os.path.abspath(outbox))
        self.ready = self.outbox / READY
        self.quarantine = self.outbox / QUARANTINE
        self.waiting = self.outbox / WAITING
        self.reports = Path(os.path.abspath(reports)) if reports is not None else None
        if self.reports is not None and self.reports == self.outbox:
            raise ValueError("the reports folder must not be the outbox itself")
        if report_format not in FORMATTERS:
            raise ValueError(f"unknown report format {report_format!r}: use {', '.join(sorted(FORMATTERS))}")
        self.report_format = report_format
        self.check = check
        self.verify = verify
        self.settle = max(0.0, settle)
        self.fail_on = fail_on
        self.log = log
        self.rescan = rescan
        self.polling = polling
        self.clock = clock
        self.outcomes: deque[Outcome] = deque(maxlen=1000)
        self._tick = min(max(self.settle / 4, 0.05), 0.5)
        self._events: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._pending: dict[Path, _Pending] = {}
        self._left_alone: dict[Path, tuple[int, int] | None] = {}
        self._stop = threading.Event()

    # The loop ---------------------------------------------------------------------------------

    def stop(self) -> None:
        """Ask the loop to end after the document in hand (safe from a signal handler or a thread)."""
        self._stop.set()

    def run(self, once: bool = False) -> None:
        """Process the documents waiting now, then (unless ``once``) those that arrive, until stopped."""
        self.prepare()
        # The observer starts before the first listing, so that nothing slips between the two.
        observer = None if once else self._observe()
        try:
            self.scan()
            self.recheck_waiting()
            next_rescan = self.clock() + self.rescan
            while not self._stop.is_set():
                self._drain()
                if once and not self._pending:
                    break
                now = self.clock()
                if not once and now >= next_rescan:
                    self.scan()
                    self.recheck_waiting()
                    next_rescan = now + self.rescan
                for entry in self._due(now):
                    if self._stop.is_set():
                        break
                    self._process(entry)
                self._stop.wait(self._tick)
        finally:
            if observer is not None:
                observer.stop()
                observer.join(timeout=5)

    def _observe(self) -> BaseObserver:
        """Start watching the outbox: the system's notifications, else (or with ``polling``) listings."""
        handler = _Handler(self._events)
        if not self.polling:
            observer: BaseObserver = Observer()
            try:
                observer.schedule(handler, str(self.outbox), recursive=False)
                observer.start()
                return observer
            except OSError as exc:  # e.g. the limit of inotify watches is reached
                self._say(f"cannot follow the outbox's notifications ({_error(exc)}): listing it instead")
        observer = PollingObserver(timeout=max(self._tick, 0.5))
        observer.schedule(handler, str(self.outbox), recursive=False)
        observer.start()
        return observer

    def prepare(self) -> None:
        """Create the destination folders (and the reports folder)."""
        if not self.outbox.is_dir():
            raise FileNotFoundError(f"the outbox {self.outbox} is not a folder")
        folders = [self.ready, self.quarantine]
        if self.verify is not None:
            folders.append(self.waiting)
        if self.reports is not None:
            folders.append(self.reports)
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)

    def scan(self) -> None:
        """Note every file now at the top level of the outbox (at start: documents already waiting)."""
        try:
            names = sorted(os.listdir(self.outbox))
        except OSError as exc:
            self._say(f"cannot list the outbox ({_error(exc)})")
            return
        for name in names:
            self._note(self.outbox / name, from_scan=True)

    def recheck_waiting(self) -> None:
        """Send the documents in ``Waiting/`` that now have their sign-off on to be checked again."""
        if self.verify is None or not self.waiting.is_dir():
            return
        for name in sorted(os.listdir(self.waiting)):
            path = self.waiting / name
            if path in self._pending or is_temporary(name) or path.suffix.lower() not in SUPPORTED:
                continue
            if not path.is_file():
                continue
            ok, _ = self._verified(path)
            if ok:
                now = self.clock()
                report_dir = self.reports or self.waiting
                self._pending[path] = _Pending(
                    path, now, now, old_report=report_dir / self._report_name(name)
                )

    # Settling --------------------------------------------------------------------------------

    def _drain(self) -> None:
        while True:
            try:
                path = self._events.get_nowait()
            except queue.Empty:
                return
            self._note(path)

    def _note(self, path: Path, from_scan: bool = False) -> None:
        """A file appeared or changed: wait for it to settle (or say once why it is left alone)."""
        if path.parent != self.outbox or is_temporary(path.name):
            return
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._left_alone.pop(path, None)
            return  # a move or delete event: the entry (if any) is dropped when it is next looked at
        except OSError:
            stat = None
        if stat is not None and os.path.isdir(path):
            if path not in self._left_alone and path not in (self.ready, self.quarantine, self.waiting):
                if path != self.reports:
                    self._say(f"{path.name}: left alone: a folder (only the outbox's top level is checked)")
                self._left_alone[path] = None
            return
        if path.suffix.lower() not in SUPPORTED:
            if path not in self._left_alone:
                self._say(f"{path.name}: left alone: not a document type disclint checks")
                self._left_alone[path] = None
            return
        if (
            from_scan
            and path in self._left_alone
            and (stat is None or self._left_alone[path] == _snapshot(stat))
        ):
            return  # given up on earlier and unchanged since
        self._left_alone.pop(path, None)
        now = self.clock()
        entry = self._pending.get(path)
        if entry is None:
            self._pending[path] = _Pending(path, now, now)
        elif not from_scan:
            entry.stable_since = now  # an event says it changed, whatever the clock granularity

    def _due(self, now: float) -> list[_Pending]:
        """The pending files whose writes have settled and that can be opened now."""
        due = []
        for path, entry in list(self._pending.items()):
            if entry.not_before > now:
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:
                del self._pending[path]  # deleted or renamed away before it settled: nothing to do
                continue
            except OSError as exc:
                if not self._retry(entry, now):
                    self._give_up(entry, f"left in place: cannot look at it ({_error(exc)})")
                continue
            snapshot = _snapshot(stat)
            if snapshot != entry.snapshot:
                entry.snapshot = snapshot
                entry.stable_since = now
                continue
            if now - entry.stable_since < self.settle:
                continue
            if stat.st_size == 0:
                self._give_up(entry, "left in place: the file is empty (it is checked once it has content)")
                continue
            try:
                with path.open("rb") as stream:
                    stream.read(1)
            except FileNotFoundError:
                del self._pending[path]
                continue
            except OSError:
                if self._retry(entry, now):
                    continue
                # It cannot be opened (permissions, a lock that never ends): the check says why.
            due.append(entry)
        due.sort(key=lambda e: (e.first_seen, e.path.name))
        return due

    def _retry(self, entry: _Pending, now: float) -> bool:
        """Try ``entry`` again a little later; ``False`` once it has been tried too often."""
        entry.attempts += 1
        if entry.attempts >= _MAX_ATTEMPTS:
            return False
        entry.not_before = now + min(max(self.settle, 0.1) * 2**entry.attempts, _MAX_BACKOFF)
        return True

    def _give_up(self, entry: _Pending, why: str) -> None:
        """Leave a file where it is until it changes (or the watch restarts)."""
        self._pending.pop(entry.path, None)
        self._left_alone[entry.path] = entry.snapshot
        self._record(Outcome(entry.path, None, None, None, self._line(entry.path.name, why)))

    # Checking and moving ---------------------------------------------------------------------

    def _process(self, entry: _Pending) -> None:
        source = entry.path
        result = self._checked(source)
        try:
            after = _snapshot(source.stat())
            changed = after != entry.snapshot or (
                result.sha256 is not None and _sha256(source) != result.sha256
            )
        except FileNotFoundError:
            self._gone(source, "deleted while it was checked")
            return
        except OSError:
            changed = False  # checked as it stood; it cannot be read now, but it can still be moved
        if changed:
            # Written to while it was read: the report would not be about this file. Settle again.
            entry.snapshot = None
            entry.stable_since = self.clock()
            return
        destination, note = self._destination(source, result)
        if destination == source.parent:
            self._pending.pop(source, None)
            self._record(Outcome(source, result.status, source, None, self._line(source.name, note)))
            return
        try:
            document, report = self._move(source, destination, result)
        except ChangedWhileMoving:
            entry.snapshot = None
            entry.stable_since = self.clock()
            return
        except FileNotFoundError:
            self._gone(source, "deleted while it was moved")
            return
        except OSError as exc:
            folder = destination.relative_to(self.outbox).as_posix()
            if self._retry(entry, self.clock()):
                if entry.attempts == 1:
                    self._say(f"{source.name}: could not move it to {folder}/ ({_error(exc)}): trying again")
            else:
                self._give_up(entry, f"left in place: could not move it to {folder}/ ({_error(exc)})")
            return
        self._pending.pop(source, None)
        if entry.old_report is not None and entry.old_report != report:
            with contextlib.suppress(OSError):
                entry.old_report.unlink()
        where = document.relative_to(self.outbox)
        line = self._line(source.name, f"{self._verdict(result)}{note} -> {where.as_posix()}")
        self._record(Outcome(source, result.status, document, report, line))

    def _gone(self, source: Path, what: str) -> None:
        self._pending.pop(source, None)
        self._record(Outcome(source, None, None, None, self._line(source.name, what)))

    def _checked(self, path: Path) -> DocumentResult:
        try:
            return self.check(path)
        except Exception as exc:  # noqa: BLE001 - a crashing check must quarantine the file, not end the watch
            return DocumentResult(
                path,
                None,
                None,
                Status.ERROR,
                f"disclint failed while checking this document ({type(exc).__name__}: {exc}); "
                "it was not checked: please report it",
            )

    def _verified(self, path: Path) -> tuple[bool, str]:
        assert self.verify is not None
        try:
            ok, why = self.verify(path)
        except Exception as exc:  # noqa: BLE001 - no verdict is no sign-off
            return False, f"the sign-off could not be verified ({_error(exc)})"
        return bool(ok), str(why)

    def _destination(self, source: Path, result: DocumentResult) -> tuple[Path, str]:
        if result.status is not Status.PASS:
            return self.quarantine, ""
        if self.verify is None:
            return self.ready, ""
        ok, why = self._verified(source)
        if ok:
            return self.ready, f", signed off: {_short(why)}"
        return self.waiting, f", waiting for sign-off: {_short(why)}"

    def _report_name(self, document_name: str) -> str:
        return f"{document_name}.disclint.{REPORT_EXTENSIONS.get(self.report_format, self.report_format)}"

    def _render(self, result: DocumentResult) -> str:
        stream = io.StringIO()
        FORMATTERS[self.report_format](Report((result,), self.fail_on), stream, OutputOptions(color=False))
        return stream.getvalue()

    def _move(self, source: Path, folder: Path, result: DocumentResult) -> tuple[Path, Path]:
        """Move ``source`` into ``folder`` under a free name and write its report; return both paths.

        The name is claimed atomically (a hard link, or an exclusive create where the file system has
        no hard links) together with the report's name, so neither ever overwrites anything. If
        anything fails the claims are undone and the document stays where it was.
        """
        report_folder = self.reports or folder
        folder.mkdir(exist_ok=True)
        for n in range(1, _MAX_SUFFIX):
            target = folder / numbered(source.name, n)
            report = report_folder / self._report_name(target.name)
            linked = resumed = False
            try:
                os.link(source, target)
                linked = True
            except FileExistsError:
                if not _same_file(source, target):
                    continue
                linked = resumed = True  # an earlier run linked it and stopped before finishing
            except FileNotFoundError:
                raise
            except OSError:
                # No hard links here (some network shares, FAT disks, protected_hardlinks when the
                # file belongs to another user): reserve the name with an exclusive create instead.
                try:
                    _reserve(target)
                except FileExistsError:
                    continue
            if linked and not resumed and result.sha256 is not None and _sha256(target) != result.sha256:
                # Saved again between the last look and the link: what would land is not what was
                # checked. Take the claim back; the caller settles and checks the file again.
                self._unclaim(source, target, linked)
                raise ChangedWhileMoving(source.name)
            try:
                _reserve(report)
            except FileExistsError:
                if not resumed:
                    self._unclaim(source, target, linked)
                    continue
            except BaseException:
                self._unclaim(source, target, linked)
                raise
            try:
                write_atomic(report, self._render(replace(result, path=target)), private=True)
                if linked:
                    with contextlib.suppress(FileNotFoundError):  # deleted meanwhile: our link keeps it
                        os.unlink(source)
                else:
                    os.replace(source, target)  # over our own empty reservation
            except BaseException:
                self._unclaim(source, target, linked)
                with contextlib.suppress(OSError):
                    report.unlink()
                raise
            return target, report
        raise OSError(f"no free name for {source.name} in {folder}")

    @staticmethod
    def _unclaim(source: Path, target: Path, linked: bool) -> None:
        """Remove a claimed name, but never the last copy of a document."""
        with contextlib.suppress(OSError):
            if not linked or (source.exists() and _same_file(source, target)):
                target.unlink()

    # Logging ---------------------------------------------------------------------------------

    @staticmethod
    def _verdict(result: DocumentResult) -> str:
        if result.status is Status.ERROR:
            return f"ERROR ({_short(result.error or 'could not be read')})"
        counts = {s: 0 for s in Severity}
        for finding in result.findings:
            counts[finding.severity] += 1
        bits = [_plural(counts[s], s.label) for s in sorted(Severity, reverse=True) if counts[s]]
        return f"{result.status.value.upper()} ({', '.join(bits) or 'no findings'})"

    @staticmethod
    def _line(name: str, what: str) -> str:
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        return f"{stamp} {name}: {what}"

    def _say(self, what: str) -> None:
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        self.log(f"{stamp} {what}")

    def _record(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.log(outcome.line)
