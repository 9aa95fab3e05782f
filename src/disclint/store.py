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
from pathlib import Path
from typing import Any, NamedTuple

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
from disclint.matching.variants import NameParts, nicknames, split_name

SCHEMA_VERSION = "12"
# A purely numeric id or reference this short is a common number in prose; it counts only after
# a word such as "case", "ref" or "no.".
SHORT_NUMBER = 6

# People are numbered in the order of their surnames, so the holders of one surname (the candidates of
# one word of a document) share a few pages of the file; ``ordinal`` keeps the order of the manifests,
# in which candidates are returned. ``forenames`` and ``surname`` are the folded parts of the written
# name, space-separated, so a check does not split names again. ``tokens`` is clustered by what a
# token is and the token: the people of one key are one range of rows, read without a second lookup,
# and the few aliases are a corner of the table that a check's hundreds of lookups share.
SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE cases(id TEXT PRIMARY KEY, title TEXT, manifest BLOB);
CREATE TABLE people(id INTEGER PRIMARY KEY, ordinal INTEGER, case_id TEXT, name TEXT, written TEXT,
                    role TEXT, kind TEXT, forenames TEXT, surname TEXT);
CREATE TABLE tokens(token TEXT, what TEXT, person INTEGER, PRIMARY KEY(what, token, person)) WITHOUT ROWID;
CREATE TABLE idents(key TEXT, seq INTEGER, kind TEXT, case_id TEXT, value TEXT, owner TEXT, needs_cue INTEGER,
                    PRIMARY KEY(key, seq)) WITHOUT ROWID;
"""
INDEXES = """
CREATE TABLE surnames AS SELECT DISTINCT token FROM tokens WHERE what IN ('surname', 'psurname');
CREATE UNIQUE INDEX surnames_token ON surnames(token);
CREATE TABLE forenames AS SELECT t.token AS token, COUNT(*) AS n FROM tokens t
    JOIN people p ON p.id = t.person WHERE t.what = 'forename' AND p.kind = 'subject' GROUP BY t.token;
CREATE UNIQUE INDEX forenames_token ON forenames(token);
"""


class Person(NamedTuple):
    """One way a register person is written: their name or one of their aliases (a named tuple: a
    check makes one for each of its thousand candidate people)."""

    id: int
    case: str
    name: str
    written: str
    role: str | None
    kind: str  # "subject", "alias" or "professional"
    parts: NameParts  # ``split_name(written)``, as stored


# The columns of a Person, in order (``_person`` reads them).
PERSON_COLUMNS = "p.id, p.case_id, p.name, p.written, p.role, p.kind, p.forenames, p.surname"


def _person(row: Any) -> Person:
    """A person from a row that starts with ``PERSON_COLUMNS``."""
    parts = NameParts(tuple(row[6].split()), tuple(row[7].split()))
    return Person(row[0], row[1], row[2], row[3], row[4], row[5], parts)


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
    longest = 1
    # (ordinal, case, name, written, role, kind, parts): every person, in the order of the manifests.
    people: list[tuple[int, str, str, str, str | None, str, NameParts]] = []
    conn.execute(
        "CREATE TEMP TABLE staged_idents(key TEXT, kind TEXT, case_id TEXT, value TEXT, owner TEXT, "
        "needs_cue INTEGER)"
    )
    with conn:
        for case, manifest in cases.items():
            conn.execute(
                "INSERT INTO cases VALUES (?, ?, ?)",
                (case, manifest.label, pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL)),
            )
            for name, written, role, kind in _people(manifest):
                people.append((len(people) + 1, case, name, written, role, kind, split_name(written)))
            idents = list(_identifiers(manifest))
            conn.executemany(
                "INSERT INTO staged_idents VALUES (?, ?, ?, ?, ?, ?)",
                [(e.key, e.kind, e.case, e.value, e.owner, int(e.needs_cue)) for e in idents],
            )
            longest = max([longest, *(reach(e) for e in idents if e.kind != "email")])
        # Numbered by surname: the holders of a surname, and of surnames that start alike, are
        # neighbours in the file, so the candidates of a document are read from few pages.
        people.sort(key=lambda p: (p[6].surname, p[6].forenames, p[0]))
        conn.executemany(
            "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (number, ordinal, case, name, written, role, kind, " ".join(parts.forenames),
                 " ".join(parts.surname))
                for number, (ordinal, case, name, written, role, kind, parts) in enumerate(people, 1)
            ),
        )  # fmt: skip
        conn.execute("CREATE TEMP TABLE staged(token TEXT, what TEXT, person INTEGER)")
        conn.executemany(
            "INSERT INTO staged VALUES (?, ?, ?)",
            (
                (token, what, number)
                for number, person in enumerate(people, 1)
                for token, what in dict.fromkeys(_token_rows(person[3], person[5] == "professional"))
            ),
        )
        # In key order: the clustered table is written front to back, its pages full.
        conn.execute("INSERT INTO tokens SELECT token, what, person FROM staged ORDER BY what, token, person")
        conn.execute("DROP TABLE staged")
        # Identifiers too are clustered by key (the two hundred holders of one shared phone number
        # are a few pages), in the order they were read within a key.
        conn.execute(
            "INSERT INTO idents SELECT key, rowid, kind, case_id, value, owner, needs_cue FROM staged_idents "
            "ORDER BY key, rowid"
        )
        conn.execute("DROP TABLE staged_idents")
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        conn.execute("INSERT INTO meta VALUES ('longest_identifier', ?)", (str(longest),))
    return conn


def fingerprint(cases_dir: Path) -> str:
    """A key that changes whenever a manifest file is added, removed or changed.

    One ``stat`` per manifest and no ``Path`` objects or per-file path arithmetic (``relpath`` cost
    twice the ``stat``): at 40,000 manifests this is the part of a warm start that grows with the
    council (about a tenth of a second).
    """
    root = str(cases_dir.resolve())
    digest = hashlib.sha256(f"{__version__}\n{SCHEMA_VERSION}\n{root}\n".encode())
    entries = []
    for folder, _, files in os.walk(root):
        # os.path.join and os.path.relpath of each file, worked out once per folder.
        where = folder if folder.endswith(os.sep) else folder + os.sep
        relative = os.path.relpath(folder, root)
        shown = "" if relative == os.curdir else relative + os.sep
        for name in files:
            if name.endswith((".yaml", ".yml")):
                stat = os.stat(where + name)
                entries.append(f"{shown}{name}\t{stat.st_size}\t{stat.st_mtime_ns}\n")
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

    def _in(self, query: str, values: Iterable[str]) -> list[Any]:
        # Sorted: the rows of a long list, asked 900 at a time, come back in one order whatever the
        # order of the set they were taken from (sets of strings change order from run to run).
        values = sorted(set(values))
        rows: list[Any] = []
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            rows += self.conn.execute(query.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def people(self, tokens: Iterable[str], what: Iterable[str]) -> list[Person]:
        """People with one of ``tokens`` indexed as one of ``what`` (surname, sound, forename, alias),
        by token and then in the order of the manifests, each once."""
        kinds = ",".join(f"'{w}'" for w in what)
        rows = self._in(
            f"SELECT {PERSON_COLUMNS} FROM tokens t JOIN people p ON p.id = t.person "
            f"WHERE t.what IN ({kinds}) AND t.token IN ({{marks}}) ORDER BY t.token, t.what, p.ordinal",
            tokens,
        )
        seen: set[int] = set()
        out = []
        for row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                out.append(_person(row))
        return out

    def surnames(self, tokens: Iterable[str]) -> set[str]:
        """Which of ``tokens`` are a surname (or part of one) of somebody in the register."""
        rows = self._in("SELECT token FROM surnames WHERE token IN ({marks})", tokens)
        return {str(row[0]) for row in rows}

    def surname_sample(self, surnames: Iterable[str], limit: int) -> list[Person]:
        """Up to ``limit`` holders of each surname, the first of each case, from as many cases as
        possible (in the order of the case ids)."""
        out: list[Person] = []
        for surname in sorted(set(surnames)):
            rows = self.conn.execute(
                f"SELECT {PERSON_COLUMNS}, MIN(p.ordinal) FROM tokens t JOIN people p ON p.id = t.person "
                "WHERE t.what = 'surname' AND t.token = ? GROUP BY p.case_id ORDER BY p.case_id LIMIT ?",
                (surname, limit),
            ).fetchall()
            out += [_person(row) for row in rows]
        return out

    def forename_counts(self, tokens: Iterable[str]) -> dict[str, int]:
        """How many subjects of the register have each of ``tokens`` as their first forename."""
        rows = self._in("SELECT token, n FROM forenames WHERE token IN ({marks})", tokens)
        return {str(token): int(count) for token, count in rows}

    def identifiers(self, keys: Iterable[str]) -> list[IdentifierEntry]:
        """The identifiers with one of ``keys``, by key and then in the order of the manifests."""
        rows = self._in(
            "SELECT key, kind, case_id, value, owner, needs_cue FROM idents WHERE key IN ({marks}) "
            "ORDER BY key, seq",
            keys,
        )
        return [IdentifierEntry(k, kind, c, v, o, bool(n)) for k, kind, c, v, o, n in rows]
