"""The audit log of sign-off checks, and ``verify``: did this exact file pass an independent check?

``disclint check … --reviewer NAME`` appends one JSON line per document to the log (config
``audit_log:``). A line records the file's sha256 and case, the verdict and the counts by rule, the
fingerprints of accepted findings, who checked it and with which versions of disclint and its rule
packs. It holds no document text and no file name (a file name often holds a family's name): the
sha256 identifies the exact file, and that is all ``verify`` needs.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from disclint import __version__
from disclint.atomic import append_line
from disclint.errors import ConfigError, DisclintError
from disclint.model import DocumentResult, Part, Severity, Status, TextBlock

LOG_VERSION = 1
# The file properties that name a document's author: Word's creator and last editor, a PDF's /Author.
AUTHOR_NOTES = (
    "file property: author",
    "file property: last modified by",
    "file property: Author",
)


def packs_version(sources: Iterable[object] = ()) -> str:
    """A short hash of the rule packs in use.

    ``sources`` are the run's rules (a pack rule's ``path`` is its file; every rule's id and
    ``version`` count) or folders and files of packs. The shipped packs and matching data always count,
    and so do the name and version of every rule plugin that is not disclint itself.
    """
    from importlib.metadata import entry_points

    from disclint.resources import shipped_dir
    from disclint.rules import ENTRY_POINT_GROUP

    shipped = shipped_dir()
    files: dict[str, Path] = {}
    for path in shipped.rglob("*"):
        if path.suffix in (".yaml", ".yml") and path.is_file():
            files[f"shipped/{path.relative_to(shipped).as_posix()}"] = path
    ids: list[str] = []
    for source in sources:
        found = source if isinstance(source, Path) else getattr(source, "path", None)
        if not isinstance(source, Path):
            ids.append(f"{getattr(source, 'id', '?')} {getattr(source, 'version', '')}")
        if found is None:
            continue
        found = Path(str(found))
        items = sorted(found.glob("*.y*ml")) if found.is_dir() else [found]
        for item in items:
            if item.is_file() and not item.resolve().is_relative_to(shipped.resolve()):
                files[f"pack/{item.name}/{hashlib.sha256(str(item.resolve()).encode()).hexdigest()[:8]}"] = (
                    item
                )
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0".encode())
        digest.update(files[name].read_bytes())
        digest.update(b"\0")
    for rule_id in sorted(ids):
        digest.update(f"rule {rule_id}\0".encode())
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = ep.dist
        if dist is not None and dist.metadata["Name"] != "disclint":
            digest.update(f"plugin {ep.name} {dist.metadata['Name']} {dist.version}\0".encode())
    return digest.hexdigest()[:12]


def authors_of(blocks: Iterable[TextBlock]) -> tuple[str, ...]:
    """The people a document's file properties name as its author or last editor, once each."""
    found: list[str] = []
    for block in blocks:
        if block.part is Part.METADATA and block.note in AUTHOR_NOTES and block.source is None:
            name = " ".join(block.text.split())
            if name and not any(same_person(name, other) for other in found):
                found.append(name)
    return tuple(found)


def author_of(blocks: Iterable[TextBlock]) -> str | None:
    """The author for ``DocumentResult.author``: the names from :func:`authors_of`, joined by "; "."""
    return "; ".join(authors_of(blocks)) or None


def file_authors(path: Path) -> tuple[str, ...]:
    """The authors named in ``path``'s properties; none when it cannot be read."""
    from disclint.readers import read

    try:
        return authors_of(read(path).blocks)
    except DisclintError:
        return ()
    except Exception:  # noqa: BLE001 - a reader bug means "author unknown", which fails closed
        return ()


class _NotGiven:
    """The default of :func:`entry`'s ``fail_on``: the run's threshold was not recorded."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = _NotGiven()


def entry(
    result: DocumentResult,
    reviewer: str,
    *,
    packs_version: str,
    fail_on: Severity | _NotGiven | None = NOT_GIVEN,
    rules: Iterable[str] | None = None,
    severities: Mapping[str, str] | None = None,
    when: datetime | None = None,
) -> dict[str, Any]:
    """The audit-log record of one checked document (see the module docstring for what it holds).

    ``fail_on`` and ``rules`` are the run's threshold (``None``: ``--fail-on never``) and the ids of
    the rules it ran. ``verify`` counts a passing check only if it could fail the document and ran
    every rule, so a record without them never signs a document off.
    """
    if isinstance(fail_on, _NotGiven):
        fail_label: str | None = None
    else:
        fail_label = fail_on.label if fail_on is not None else "never"
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    accepted = [
        {
            "fingerprint": result.fingerprint(f),
            "rule": f.rule,
            "accepted_by": f.accepted.reviewer if f.accepted else None,
        }
        for f in result.suppressed
    ]
    moment = (when or datetime.now(UTC)).astimezone(UTC)
    return {
        "version": LOG_VERSION,
        "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sha256": result.sha256 or _sha256_of(result.path),
        "case": result.case,
        "status": result.status.value,
        "fail_on": fail_label,
        "findings": dict(sorted(counts.items())),
        "accepted": accepted,
        "stale": len(result.stale),
        "reviewer": " ".join(reviewer.split()),
        "author": result.author,
        "disclint": __version__,
        "packs": packs_version,
        "rules": None if rules is None else sorted(set(rules)),
        "severity": None if severities is None else dict(sorted(severities.items())),
    }


def append(log: Path, record: Mapping[str, Any]) -> None:
    """Append ``record`` to ``log`` as one JSON line: locked, in a single write, never interleaved.

    The log is readable by others (it holds no document text), so that whoever verifies can read it.
    ``OSError`` if it cannot be written.
    """
    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    append_line(log, line, private=False)


@dataclass(frozen=True)
class Verdict:
    """The answer of :func:`verify`: ``ok`` and the reason in plain English."""

    ok: bool
    reason: str


def verify(
    path: Path,
    log: Path,
    author: str | None,
    *,
    rules: Collection[str] = (),
    severities: Mapping[str, str] | None = None,
    fail_on: str | None = None,
) -> Verdict:
    """Whether this exact file has a passing check by a reviewer who is not its author.

    The author is ``author`` (``--author``) together with whoever the file's properties name (a
    reviewer must be neither). The newest check of the file decides when it failed; otherwise the
    newest passing check by someone else than the author does. A check counts only if it could fail
    the document (not ``--fail-on never``), ran every rule in ``rules`` at least as strictly as
    ``severities`` (rule id -> error/warning/info) and ``fail_on`` ask, and, where findings were
    accepted, none of them was accepted by the author.
    """
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ConfigError(f"the document cannot be read ({exc.strerror or exc})", path) from None
    if not log.is_file():
        return Verdict(False, f"no check of this exact file is recorded (there is no audit log at {log} yet)")
    checks: list[dict[str, Any]] = []
    with log.open(encoding="utf-8", errors="replace") as stream:
        for number, line in enumerate(stream, start=1):
            if digest not in line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                return Verdict(False, f"the audit log has a damaged line about this file (line {number})")
            if isinstance(record, dict) and record.get("sha256") == digest:
                checks.append(record)
    if not checks:
        return Verdict(
            False, "no check of this exact file is recorded (it may have changed since it was checked)"
        )

    # A failed check always counts (even one that ran only some rules); a pass only when complete.
    def gap(check: Mapping[str, Any]) -> str | None:
        return _incomplete(check, rules, severities, fail_on)

    complete = [c for c in checks if c.get("status") != Status.PASS.value or gap(c) is None]
    if not complete:
        return Verdict(False, f"no complete check of this file is recorded: {gap(checks[-1])}")
    latest = complete[-1]
    if latest.get("status") != Status.PASS.value:
        what = "could not read it" if latest.get("status") == Status.ERROR.value else "failed"
        return Verdict(False, f"the latest check of this file {what} ({_by(latest)})")
    authors = _unique([*([author] if author and author.strip() else []), *file_authors(path)])
    if not authors:
        return Verdict(False, "the author is not known: give --author")
    passes = [c for c in complete if c.get("status") == Status.PASS.value]
    independent = [c for c in passes if not _is_author(str(c.get("reviewer", "")), authors)]
    the_author = _authors_phrase(authors)
    if not independent:
        which = "the only passing check was" if len(passes) == 1 else "every passing check was"
        return Verdict(False, f"{which} by its author ({_by(passes[-1])}); {the_author}")
    for check in reversed(independent):
        own = [a for a in check.get("accepted") or [] if _is_author(str(a.get("accepted_by") or ""), authors)]
        if not own:
            return Verdict(True, f"passed a check by {_by(check, reviewer_first=True)}; {the_author}")
    check = independent[-1]
    return Verdict(
        False,
        f"the check by {_by(check, reviewer_first=True)} passed only because its author accepted findings; "
        f"{the_author}",
    )


_RANK = {"info": 0, "warning": 1, "error": 2}


def _incomplete(
    check: Mapping[str, Any],
    rules: Collection[str],
    severities: Mapping[str, str] | None = None,
    fail_on: str | None = None,
) -> str | None:
    """Why ``check`` does not count as a sign-off check, or ``None`` when it does.

    A check counts only if it could fail the document as the sign-off asks: every required rule ran,
    none at a lower severity than the sign-off's configuration gives it, and its --fail-on is no
    more lenient. A check run with every rule turned down to ``info`` never signs a file off.
    """
    recorded_fail = check.get("fail_on")
    when = _when(check)
    if recorded_fail == "never":
        return f"the check on {when} ran with --fail-on never, so it could not fail"
    if recorded_fail not in _RANK:
        return f"the check on {when} did not record the severity that fails a document"
    if fail_on in _RANK and _RANK[recorded_fail] > _RANK[fail_on]:
        return f"the check on {when} failed documents only on {recorded_fail}, not on {fail_on}"
    if check.get("rules") is None:
        return f"the check on {when} did not record which rules it ran"
    missing = sorted(set(rules) - set(check.get("rules") or ()))
    if missing:
        return f"the check on {when} left out the rules {', '.join(missing)}"
    if severities:
        recorded = check.get("severity")
        if not isinstance(recorded, dict):
            return f"the check on {when} did not record the severity of each rule"
        weaker = sorted(
            rule
            for rule in rules
            if rule in severities and _RANK.get(str(recorded.get(rule)), -1) < _RANK.get(severities[rule], 0)
        )
        if weaker:
            return f"the check on {when} ran {', '.join(weaker)} at a lower severity than this configuration"
    return None


def _when(check: Mapping[str, Any]) -> str:
    text = str(check.get("time", ""))
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return text or "an unknown date"
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _by(check: Mapping[str, Any], *, reviewer_first: bool = False) -> str:
    reviewer = str(check.get("reviewer") or "an unnamed reviewer")
    if reviewer_first:
        return f"{reviewer} on {_when(check)}"
    return f"{_when(check)}, by {reviewer}"


def _authors_phrase(authors: Sequence[str]) -> str:
    if len(authors) == 1:
        return f"the author is {authors[0]}"
    return f"the authors are {', '.join(authors[:-1])} and {authors[-1]}"


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and not any(same_person(name, other) for other in out):
            out.append(name)
    return out


def _is_author(reviewer: str, authors: Sequence[str]) -> bool:
    # A check with no reviewer named cannot show that someone other than the author did it.
    return not reviewer.strip() or any(same_person(reviewer, a) for a in authors)


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})


def _tokens(name: str) -> tuple[list[str], bool]:
    """The words of a name, folded, and whether it was written as one word (a login or an email)."""
    text = name.strip()
    text = text.rsplit("\\", 1)[-1]  # DOMAIN\login
    login = not any(c.isspace() for c in text) and "," not in text
    if "@" in text:
        text, login = text.split("@", 1)[0], True
    text = re.sub(r"\([^)]*\)", " ", text)  # "Sample, Alex (Children's Services)"
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", folded)
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return words, login


def same_person(a: str, b: str) -> bool:
    """Whether two ways of writing a person's name may be the same person.

    Capitals, spacing, accents, punctuation, a title and "Surname, Forename" do not matter; a login
    or email name (``asample``, ``alex.sample@council.example``) is the same person as a full name
    it is commonly made from. When in doubt the answer is yes: a reviewer who may be the author does
    not count as independent.
    """
    words_a, login_a = _tokens(a)
    words_b, login_b = _tokens(b)
    if not words_a or not words_b:
        return False
    if words_a == words_b or "".join(words_a) == "".join(words_b):
        return True
    for login_words, is_login, full in ((words_a, login_a, words_b), (words_b, login_b, words_a)):
        if is_login and len(full) >= 2 and "".join(login_words) in _login_forms(full):
            return True
    return False


def _login_forms(words: Sequence[str]) -> set[str]:
    first, last, rest = words[0], words[-1], "".join(words[1:])
    forms = set()
    for surname in {last, rest}:
        forms |= {
            first + surname,
            first[0] + surname,
            surname + first,
            surname + first[0],
            first[0] + surname[:7],
        }
    forms.add(first)
    return forms


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
