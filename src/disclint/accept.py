"""Reviewers' accepted findings: one YAML file per case, ``<accepted dir>/<case>.yaml``.

Each entry names a finding by its fingerprint (a hash of rule, normalised match and case) and says
who accepted it, when and why::

    - fingerprint: e0ab262b29dfee68
      rule: foreign-identifier
      document: leaky_email_notes.txt      # left out: accepted in every document of the case
      sha256: 9c1f…                        # the document as it was accepted, for the record
      reviewer: Dana Example
      when: '2026-11-22T10:04:05Z'
      reason: the GP's wrong date of birth for Kayden, not the Tillotson family's

The matched text is never stored, so the file does not repeat what it lets through. An accepted
finding is still reported (suppressed, with the acceptance) but no longer fails the document; an
entry for a document that matches nothing in it any more is reported as stale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from disclint.atomic import write_atomic
from disclint.engine import status_of
from disclint.errors import ConfigError
from disclint.model import Acceptance, DocumentResult, Finding, Severity, Status
from disclint.yamlsource import YValue, load_yaml, suggest

KEYS = frozenset({"fingerprint", "rule", "document", "sha256", "reviewer", "when", "reason"})
REQUIRED = ("fingerprint", "reviewer", "when", "reason")
_HEX = re.compile(r"[0-9a-f]{16}")  # a finding fingerprint (model.fingerprint)
_HEADER = (
    "# Findings that reviewers judged harmless, written by 'disclint accept'.\n"
    "# Each names a finding by its fingerprint: never the text that was found.\n"
)


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second: ``2026-11-22T10:04:05Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def case_file(folder: Path, case: str) -> Path:
    """The file of ``case``'s acceptances; a case id that is not a plain file name is %-encoded."""
    if case.strip() in ("", ".", ".."):
        raise ConfigError(f"the case id {case!r} cannot name a file of accepted findings")
    return folder / f"{urllib.parse.quote(case, safe=' -_.')}.yaml"


@dataclass(frozen=True)
class AcceptanceBook:
    """The acceptances recorded for one case."""

    case: str
    entries: tuple[Acceptance, ...] = ()
    path: Path | None = None

    @classmethod
    def load(cls, folder: Path | None, case: str) -> AcceptanceBook:
        """Read ``case``'s file in ``folder``; no folder or no file is an empty book."""
        if folder is None:
            return cls(case)
        path = case_file(folder, case)
        if not path.is_file():
            return cls(case, (), path)
        return cls(case, tuple(_acceptance(r) for r in _read_records(path)), path)

    def for_document(self, name: str) -> tuple[Acceptance, ...]:
        """The entries that apply to the document named ``name``: its own and the case-wide ones."""
        return tuple(e for e in self.entries if e.document is None or e.document == name)

    def apply(self, result: DocumentResult, fail_on: Severity | None) -> DocumentResult:
        """``result`` with its accepted findings moved to ``suppressed`` and its status recomputed.

        An ``error`` result is returned unchanged: acceptances never make an unreadable document
        pass, and nothing can be said to be stale in a document that was not read.
        """
        if result.case != self.case:
            raise ValueError(f"the acceptances of case {self.case} cannot apply to case {result.case}")
        if result.status is Status.ERROR:
            return result
        entries = self.for_document(result.path.name)
        if not entries:
            return result
        by_fingerprint: dict[str, Acceptance] = {}
        for entry in entries:
            # The document's own entry wins over a case-wide one (it is the more specific judgement).
            if entry.fingerprint not in by_fingerprint or entry.document is not None:
                by_fingerprint[entry.fingerprint] = entry
        kept: list[Finding] = []
        suppressed = list(result.suppressed)
        used = {result.fingerprint(f) for f in result.suppressed}
        for finding in result.findings:
            fingerprint = result.fingerprint(finding)
            accepted = by_fingerprint.get(fingerprint)
            if accepted is None or (accepted.rule is not None and accepted.rule != finding.rule):
                kept.append(finding)
                continue
            used.add(fingerprint)
            suppressed.append(dataclasses.replace(finding, accepted=accepted))
        stale = tuple(e for e in entries if e.document is not None and e.fingerprint not in used)
        return dataclasses.replace(
            result,
            status=status_of(kept, fail_on),
            findings=tuple(kept),
            suppressed=tuple(suppressed),
            stale=tuple(dict.fromkeys((*result.stale, *stale))),  # applying twice changes nothing
        )


class Acceptances:
    """The books of every case a run meets, each read once (documents of several cases in a batch)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._books: dict[str, AcceptanceBook] = {}

    def book(self, case: str) -> AcceptanceBook:
        if case not in self._books:
            self._books[case] = AcceptanceBook.load(self.folder, case)
        return self._books[case]

    def apply(self, result: DocumentResult, fail_on: Severity | None) -> DocumentResult:
        """``result`` after its case's acceptances (unchanged when its case is unknown)."""
        if result.case is None or self.folder is None:
            return result
        return self.book(result.case).apply(result, fail_on)


def record(folder: Path, case: str, entry: Acceptance, sha256: str | None = None) -> Path:
    """Add ``entry`` to ``case``'s file (replacing an earlier entry for the same finding and document).

    The read-modify-write holds an exclusive lock on ``<case>.yaml.lock``, so two reviewers accepting
    at once both get recorded; the file is replaced atomically, so a reader never sees half of it.
    """
    _validate_entry(entry)
    folder.mkdir(parents=True, exist_ok=True)
    path = case_file(folder, case)
    with _locked(path.with_name(path.name + ".lock")):
        records = _read_records(path) if path.is_file() else []
        records = [
            r
            for r in records
            if not (r["fingerprint"] == entry.fingerprint and r.get("document") == entry.document)
        ]
        new: dict[str, Any] = {"fingerprint": entry.fingerprint}
        if entry.rule is not None:
            new["rule"] = entry.rule
        if entry.document is not None:
            new["document"] = entry.document
        if sha256 is not None:
            new["sha256"] = sha256
        new.update(reviewer=entry.reviewer, when=entry.when, reason=entry.reason)
        records.append(new)
        text = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100)
        write_atomic(path, _HEADER + text)
    return path


def _validate_entry(entry: Acceptance) -> None:
    if not _HEX.fullmatch(entry.fingerprint):
        raise ConfigError(f"'{entry.fingerprint}' is not a finding fingerprint (16 letters and digits)")
    for name in ("reviewer", "reason"):
        if not str(getattr(entry, name)).strip():
            raise ConfigError(f"an accepted finding needs a {name}")


@contextlib.contextmanager
def _locked(lock: Path) -> Iterator[None]:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; the atomic replace still keeps the file whole
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read_records(path: Path) -> list[dict[str, Any]]:
    """The validated entries of ``path`` as plain dicts (what :func:`record` writes back)."""
    root = load_yaml(path, ConfigError)
    if root is None:
        return []
    if not root.is_sequence:
        raise ConfigError("must be a list of accepted findings ('- fingerprint: …')", path, root.line)
    return [_check_record(item, path) for item in root.value]


def _check_record(item: YValue, path: Path) -> dict[str, Any]:
    if not item.is_mapping:
        raise ConfigError(
            "each accepted finding must be a mapping of fingerprint, reviewer, …", path, item.line
        )
    fields: dict[str, YValue] = item.value
    for key, node in fields.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key '{key}'{suggest(key, KEYS)}", path, node.line)
    for key in REQUIRED:
        if key not in fields:
            raise ConfigError(f"'{key}' is missing from this accepted finding", path, item.line)
    out: dict[str, Any] = {}
    for key, node in fields.items():
        value = node.value
        if key == "when" and isinstance(value, datetime):
            # YAML reads an unquoted time as a datetime (naive when it is UTC): keep it as text
            moment = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
            value = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{key}' must be text", path, node.line)
        if key == "fingerprint" and not _HEX.fullmatch(value):
            raise ConfigError(f"'{value}' is not a finding fingerprint", path, node.line)
        if key == "when":
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                raise ConfigError(
                    f"'when' must be an ISO 8601 time, not '{value}'", path, node.line
                ) from None
        out[key] = value
    return out


def _acceptance(record: dict[str, Any]) -> Acceptance:
    return Acceptance(
        fingerprint=record["fingerprint"],
        reviewer=record["reviewer"],
        when=record["when"],
        reason=record["reason"],
        rule=record.get("rule"),
        document=record.get("document"),
    )
