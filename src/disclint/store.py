"""The register on disk: every case's people and identifiers in SQLite, cached between runs.

A council has thousands of manifests and tens of thousands of people. Parsing them all on every run
(a pre-commit hook runs disclint per commit) and holding every name variant in memory would cost
seconds and gigabytes; instead the manifests are read once into an SQLite file in the user's cache
folder, keyed by a fingerprint of the manifest files (path, size and modification time of each, and
disclint's version), and rebuilt when any of them changes. A check then asks the store only for the
people whose surname, alias, forename or sound is among the document's words, and the identifiers
among its candidate keys: work proportional to the document, not to the register.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jellyfish

from disclint import __version__
from disclint.manifest import Manifest, load_cases
from disclint.matching.identifiers import (
    IdentifierEntry,
    chunk_key,
    phone_key,
    postcodes,
    reach,
    street_line,
)
from disclint.matching.normalise import name_key
from disclint.matching.variants import nicknames, split_name

SCHEMA_VERSION = "9"
# A purely numeric id or reference this short is a common number in prose; it counts only after
# a word such as "case", "ref" or "no.".
SHORT_NUMBER = 6

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE cases(id TEXT PRIMARY KEY, title TEXT, manifest BLOB);
CREATE TABLE people(id INTEGER PRIMARY KEY, case_id TEXT, name TEXT, written TEXT, role TEXT,
                    kind TEXT);
CREATE TABLE tokens(token TEXT, person INTEGER, what TEXT);
CREATE TABLE idents(key TEXT, kind TEXT, case_id TEXT, value TEXT, owner TEXT, needs_cue INTEGER);
"""
INDEXES = """
CREATE INDEX tokens_token ON tokens(token, what);
CREATE INDEX idents_key ON idents(key);
CREATE TABLE surnames AS SELECT DISTINCT token FROM tokens WHERE what IN ('surname', 'psurname');
CREATE UNIQUE INDEX surnames_token ON surnames(token);
CREATE TABLE forenames AS SELECT t.token AS token, COUNT(*) AS n FROM tokens t
    JOIN people p ON p.id = t.person WHERE t.what = 'forename' AND p.kind = 'subject' GROUP BY t.token;
CREATE UNIQUE INDEX forenames_token ON forenames(token);
"""


@dataclass(frozen=True, slots=True)
class Person:
    """One way a register person is written: their name or one of their aliases."""

    id: int
    case: str
    name: str
    written: str
    role: str | None
    kind: str  # "subject", "alias" or "professional"


def sound(token: str) -> str:
    """The phonetic key used to find misspelt surnames (Browne ~ Brown, Macdonald ~ McDonald)."""
    return "~" + jellyfish.metaphone(token)


def deletion_keys(initial: str, surname: str) -> set[str]:
    """The second net for misspellings: the surname with any one letter left out, and the
    forename's initial. Two spellings one or two slips apart (Smiht, Brwon, Macdonal, Smith) share
    a key (a symmetric-deletion index), so slips that change the sound are found without scanning
    the register; the initial keeps the nets small at council scale."""
    return {f"{surname}/{initial}"} | {
        f"{surname[:i]}{surname[i + 1 :]}/{initial}" for i in range(len(surname))
    }


def pair_key(initial: str, surname: str) -> str:
    """Candidates for a misspelt name: how the surname starts to sound (its first four metaphone
    letters, so Pettiford ~ Pettifer) and the forename's initial (a slip rarely changes a forename's
    first letter): "Tylar Browne" asks the register for the few people whose surname sounds like
    Browne and whose forename starts with T."""
    return f"{sound(surname)[:5]}/{initial}"


def _identifiers(manifest: Manifest) -> Iterable[IdentifierEntry]:
    case = manifest.case
    for ident, kind in [(case, "case id")] + [(r, "reference") for r in manifest.references]:
        key = chunk_key(ident)
        yield IdentifierEntry(key, kind, case, ident, None, key.isdigit() and len(key) < SHORT_NUMBER)
    for subject in manifest.subjects:
        owner = subject.name
        if subject.nhs_number:
            yield IdentifierEntry(subject.nhs_number, "NHS number", case, subject.nhs_number, owner)
        if subject.dob:
            iso = subject.dob.isoformat()
            yield IdentifierEntry(iso, "date of birth", case, iso, owner)
        if subject.email:
            yield IdentifierEntry(subject.email.lower(), "email", case, subject.email, owner)
        if subject.phone:
            yield IdentifierEntry(phone_key(subject.phone), "phone", case, subject.phone, owner)
        if subject.address:
            for code in postcodes(subject.address):
                yield IdentifierEntry(code, "postcode", case, code, owner)
            street = street_line(subject.address)
            if street:
                yield IdentifierEntry(chunk_key(street), "address", case, street, owner)


def case_identifiers(manifest: Manifest) -> list[IdentifierEntry]:
    """Every identifier of one case, as the store keys them."""
    return list(_identifiers(manifest))


def _people(manifest: Manifest) -> Iterable[tuple[str, str, str | None, str]]:
    """(name, written, role, kind) rows of one case."""
    for subject in manifest.subjects:
        yield subject.name, subject.name, subject.role, "subject"
        for alias in subject.aliases:
            yield subject.name, alias, subject.role, "alias"
    for professional in manifest.professionals:
        yield professional.name, professional.name, professional.role, "professional"


def _token_rows(written: str, professional: bool = False) -> Iterable[tuple[str, str]]:
    """Index rows of a written name: its surname parts (and their sounds), its first forename; a
    one-word alias is indexed as such. A professional's surname is kept apart ("psurname"): one
    social worker on every case must not make her surname a crowd to sample after "Mrs"."""
    parts = split_name(written)
    if not parts.surname:
        for token in name_key(written):
            yield token, "alias"
        return
    initial = parts.first[:1]
    for part in {*parts.surname, "".join(parts.surname)}:
        if part in parts.surname:
            yield part, "psurname" if professional else "surname"
        if initial:
            yield f"{part}/{initial}", "pair"
        if len(part) >= 3 and initial:
            yield pair_key(initial, part), "pair"
            for key in deletion_keys(initial, part):
                yield key, "pair"
    yield parts.first, "forename"
    # Nicknames and middle names beside the surname: "Bill Macdonald", "James Brown" of Tyler
    # James Brown are fetched by their own initials too.
    others = {f[0] for f in parts.forenames[1:]} | {n[0] for n in nicknames(parts.first)}
    for part in parts.surname:
        for letter in others - {initial}:
            yield f"{part}/{letter}", "pair"


def build(cases: Mapping[str, Manifest], path: Path | str = ":memory:") -> sqlite3.Connection:
    """Write the register of ``cases`` to an SQLite database at ``path``."""
    conn = sqlite3.connect(str(path))
    conn.executescript(SCHEMA)
    person_id = 0
    longest = 1
    with conn:
        for case, manifest in cases.items():
            conn.execute(
                "INSERT INTO cases VALUES (?, ?, ?)",
                (case, manifest.label, pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL)),
            )
            for name, written, role, kind in _people(manifest):
                person_id += 1
                conn.execute(
                    "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)",
                    (person_id, case, name, written, role, kind),
                )
                conn.executemany(
                    "INSERT INTO tokens VALUES (?, ?, ?)",
                    [
                        (token, person_id, what)
                        for token, what in dict.fromkeys(_token_rows(written, kind == "professional"))
                    ],
                )
            idents = list(_identifiers(manifest))
            conn.executemany(
                "INSERT INTO idents VALUES (?, ?, ?, ?, ?, ?)",
                [(e.key, e.kind, e.case, e.value, e.owner, int(e.needs_cue)) for e in idents],
            )
            longest = max([longest, *(reach(e) for e in idents if e.kind != "email")])
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        conn.execute("INSERT INTO meta VALUES ('longest_identifier', ?)", (str(longest),))
    return conn


def fingerprint(cases_dir: Path) -> str:
    """A key that changes whenever a manifest file is added, removed or changed.

    One ``stat`` per manifest and no ``Path`` objects: at 40,000 manifests this is the part of a warm
    start that grows with the council (about a tenth of a second).
    """
    root = str(cases_dir.resolve())
    digest = hashlib.sha256(f"{__version__}\n{SCHEMA_VERSION}\n{root}\n".encode())
    entries = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith((".yaml", ".yml")):
                full = os.path.join(folder, name)
                stat = os.stat(full)
                entries.append(f"{os.path.relpath(full, root)}\t{stat.st_size}\t{stat.st_mtime_ns}\n")
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    """``DISCLINT_CACHE_DIR``, else the platform's user cache folder for disclint."""
    override = os.environ.get("DISCLINT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("disclint", appauthor=False))


def open_cached(cases_dir: Path) -> sqlite3.Connection:
    """The register of a cases directory, from the cache or built now (and cached atomically).

    Manifests are validated when the cache is built; a manifest problem raises ManifestError then.
    ``DISCLINT_NO_CACHE=1`` builds in memory and writes nothing.
    """
    if os.environ.get("DISCLINT_NO_CACHE"):
        return build(load_cases(cases_dir))
    folder = cache_dir() / "register"
    target = folder / f"{fingerprint(cases_dir)}.sqlite"
    if target.is_file():
        try:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
            if conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (SCHEMA_VERSION,):
                return conn
            conn.close()
        except sqlite3.DatabaseError:
            pass  # a damaged cache file is rebuilt below
    cases = load_cases(cases_dir)
    temporary = folder / f"{target.stem}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        build(cases, temporary).close()
        os.replace(temporary, target)  # atomic: a reader never sees a half-built register
    except (OSError, sqlite3.Error):
        # No writable cache folder: check anyway, from memory.
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return build(cases)
    return sqlite3.connect(f"file:{target}?mode=ro", uri=True)


class Store:
    """Questions the register answers for one document at a time."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._manifests: dict[str, Manifest | None] = {}

    @property
    def longest_identifier(self) -> int:
        """The most chunks an identifier of the register can be written in."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'longest_identifier'").fetchone()
        return int(row[0]) if row else 8

    def case_ids(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT id FROM cases ORDER BY id")]

    def manifest(self, case: str) -> Manifest | None:
        if case not in self._manifests:
            row = self.conn.execute("SELECT manifest FROM cases WHERE id = ?", (case,)).fetchone()
            self._manifests[case] = pickle.loads(row[0]) if row else None
        return self._manifests[case]

    def title(self, case: str) -> str:
        row = self.conn.execute("SELECT title FROM cases WHERE id = ?", (case,)).fetchone()
        return str(row[0]) if row else f"case {case}"

    def _in(self, query: str, values: Iterable[str]) -> list[tuple[object, ...]]:
        values = list(dict.fromkeys(values))
        rows: list[tuple[object, ...]] = []
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            rows += self.conn.execute(query.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def people(self, tokens: Iterable[str], what: Iterable[str]) -> list[Person]:
        """People with one of ``tokens`` indexed as one of ``what`` (surname, sound, forename, alias)."""
        kinds = ",".join(f"'{w}'" for w in what)
        rows = self._in(
            "SELECT DISTINCT p.id, p.case_id, p.name, p.written, p.role, p.kind FROM tokens t "
            f"JOIN people p ON p.id = t.person WHERE t.what IN ({kinds}) AND t.token IN ({{marks}})",
            tokens,
        )
        return [Person(*row) for row in rows]  # type: ignore[arg-type]

    def surnames(self, tokens: Iterable[str]) -> set[str]:
        """Which of ``tokens`` are a surname (or part of one) of somebody in the register."""
        rows = self._in("SELECT token FROM surnames WHERE token IN ({marks})", tokens)
        return {str(row[0]) for row in rows}

    def surname_sample(self, surnames: Iterable[str], limit: int) -> list[Person]:
        """Up to ``limit`` holders of each surname, from as many cases as possible."""
        out: list[Person] = []
        for surname in dict.fromkeys(surnames):
            rows = self.conn.execute(
                "SELECT p.id, p.case_id, p.name, p.written, p.role, p.kind FROM tokens t "
                "JOIN people p ON p.id = t.person WHERE t.what = 'surname' AND t.token = ? "
                "GROUP BY p.case_id LIMIT ?",
                (surname, limit),
            ).fetchall()
            out += [Person(*row) for row in rows]
        return out

    def forename_counts(self, tokens: Iterable[str]) -> dict[str, int]:
        """How many subjects of the register have each of ``tokens`` as their first forename."""
        rows = self._in("SELECT token, n FROM forenames WHERE token IN ({marks})", tokens)
        return {str(token): int(count) for token, count in rows}  # type: ignore[call-overload]

    def identifiers(self, keys: Iterable[str]) -> list[IdentifierEntry]:
        rows = self._in(
            "SELECT key, kind, case_id, value, owner, needs_cue FROM idents WHERE key IN ({marks})", keys
        )
        return [
            IdentifierEntry(str(k), str(kind), str(c), str(v), None if o is None else str(o), bool(n))
            for k, kind, c, v, o, n in rows
        ]
