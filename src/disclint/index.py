"""The passage index: fingerprints of every case's earlier documents, in one SQLite file.

``disclint index add DIR --case ID --index FILE`` reads each document (all parts, as ``check`` does),
turns its words into fingerprints (:mod:`disclint.fingerprint`: winnowing of 5-word k-grams, window 6)
and stores each as one integer: the keyed hash, the document and the word position. Per document it
keeps its case, path, sha256 and where each paragraph starts (part, page, paragraph number, first word).
It never stores text: the hashes are keyed with a random salt kept in the index, so they cannot be
compared with another index's, and nothing in the file spells a word of a document.

``copied-passage`` hashes every k-gram of a document under check and looks up the smallest of every
:data:`QUERY_WINDOW`. A k-gram found in a template document (``--template``) or in more than
:data:`POSTINGS_CAP` documents is template text and never counts; one found in more than
``template_cases`` cases is common phrasing, which only shows where a document lines up with the one
checked. The k-grams found in one document, in the same order and at about the same distances there
(:func:`_chains`), make a passage (:class:`Copy`) when it is long enough, most of its words stand in
that document, and enough of them stand in that document's case and in no other case (a family's
story is told in its own case; a social worker's stock sentence in each of their cases). Text that
also stands in the checked case's own documents is reuse, never reported.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import os
import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from disclint.errors import ConfigError
from disclint.fingerprint import Masker, Scheme, Word, fingerprints, kgram_hashes, winnow, words

if TYPE_CHECKING:
    from disclint.manifest import Manifest
    from disclint.model import Document, TextBlock

FORMAT = "disclint passage index"
VERSION = 2
"""The layout of the file. 2: one integer key per fingerprint (hash, segment, position); 1 (up to
disclint 0.1): hash, document and position in three columns, which must be rebuilt."""
TEMPLATE_CASE = "(templates)"
"""The case under which ``--template`` documents are indexed."""
DEFAULT_TEMPLATE_CASES = 3
"""A fingerprint found in more cases than this is common phrasing: it never counts as a shared one."""
MIN_WORDS = 20
"""The shortest passage reported, in words."""
MIN_KNOWN = 15
"""The fewest words of a passage, template text aside, that must be compared with the source."""
MIN_SHARE = 0.5
"""The share of a passage's words (template text aside) that must stand in the one source document."""
MIN_MATCHED = 3
"""The fewest shared fingerprints, common phrasing aside, that make a passage."""
MIN_UNIQUE = 10
"""The fewest words of a passage that stand in the source's case and in no other case: a family's story
stands in one case, a social worker's stock sentence in each of their cases."""
MAX_GAP_WORDS = 40
"""Words that may stand between two shared fingerprints of one passage (template text, edits)."""
MAX_DRIFT = 10
"""How far the words between two shared k-grams may differ in number from the source's (edits)."""
MAX_UNMATCHED_RUN = 15
"""Consecutive words known not to stand in the source (edited or inserted) that one passage may hold."""
QUERY_WINDOW = 4
"""A document under check looks up the smallest k-gram hash of every this many (1: every k-gram)."""
POSTINGS_CAP = 64
"""A fingerprint of more documents than this is common language: template text, whatever the cases."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE cases (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, template INTEGER NOT NULL);
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    segments INTEGER NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    words INTEGER NOT NULL,
    prints INTEGER NOT NULL,
    blocks INTEGER NOT NULL,
    layout BLOB NOT NULL,
    added TEXT NOT NULL
);
CREATE INDEX docs_by_case ON docs(case_id, path);
CREATE TABLE postings (key INTEGER PRIMARY KEY) WITHOUT ROWID;
"""
# A fingerprint is one 64-bit key: its hash in the high 32 bits, then the segment of its document (a
# document of n words has ceil(n / SEGMENT_WORDS) consecutive segment numbers, the first being its id)
# and the word position in that segment. As one integer a fingerprint takes 13 bytes on disk, as three
# columns 16: the difference pays for the denser winnowing (window 6 rather than 8) in the same space.
POSITION_BITS = 12
SEGMENT_WORDS = 1 << POSITION_BITS
SEGMENT_BITS = 32 - POSITION_BITS
MAX_SEGMENT = (1 << SEGMENT_BITS) - 1
"""The last segment number: about a million documents of up to 8 pages, fewer longer ones."""
_POSTINGS = "SELECT key FROM postings WHERE key BETWEEN ? AND ? LIMIT ?"
_LOW = (1 << 32) - 1


@dataclass(frozen=True)
class Source:
    """Where a copied passage stands in the index: case, document, and the paragraph it starts in."""

    case: str
    path: str
    part: str
    page: int | None
    paragraph: int | None


@dataclass(frozen=True)
class Copy:
    """Words ``start``..``end`` of the checked stream also stand in ``source``.

    ``share`` is the part of the passage's words (template text aside) found in the source: ``matched``
    of ``compared`` words. ``also`` lists other cases whose documents hold the same passage; ``shared``
    the stream positions of the words found in the source; ``unique`` how many of them no case but the
    source's holds.
    """

    start: int
    end: int
    share: float
    matched: int
    compared: int
    source: Source
    also: tuple[str, ...] = ()
    shared: frozenset[int] = frozenset()
    unique: int = 0


@dataclass(frozen=True)
class Stats:
    """What an index holds."""

    path: Path
    cases: int
    documents: int
    templates: int
    blocks: int
    words: int
    fingerprints: int
    size: int
    scheme: Scheme


@dataclass(frozen=True)
class Lookup:
    """The index's answer for a set of hashes.

    ``found``: postings ``(case id, document, position)`` of each hash found, in every case (the
    checked case's own too) but template documents; ``template``: hashes of template text (in a
    template document, in more than ``template_cases`` cases or more than :data:`POSTINGS_CAP`
    documents); ``spread``: the number of cases holding each hash of ``found``.
    """

    found: dict[int, list[tuple[int, int, int]]]
    template: set[int]
    spread: dict[int, int]


@dataclass
class _Candidate:
    start: int
    end: int
    matched: int  # words shared with the source
    compared: int  # words shared or known not to be (template text and unknown words aside)
    unique: int  # shared words that no other case holds
    doc: int
    case_id: int
    source_pos: int
    shared: frozenset[int] = frozenset()
    also: list[int] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.matched / self.compared if self.compared else 0.0


def _not_an_index(path: Path, why: str) -> ConfigError:
    return ConfigError(f"is not a disclint passage index ({why}): build one with 'disclint index add'", path)


class PassageIndex:
    """An open passage index: read-only for checks (:meth:`open`), writable to add (:meth:`create`)."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, template_cases: int = DEFAULT_TEMPLATE_CASES
    ) -> None:
        self.path = path
        self.template_cases = template_cases
        self._db = connection
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise _not_an_index(path, str(exc)) from None
        if meta.get("format") != FORMAT:
            connection.close()
            raise _not_an_index(path, "it has no disclint format mark")
        version = int(meta.get("version", "0"))
        if version > VERSION:
            connection.close()
            raise ConfigError(
                f"was written by a newer disclint (index version {version}): upgrade disclint", path
            )
        if version < VERSION:
            connection.close()
            raise ConfigError(
                f"was built by an older disclint (index version {version}, this one reads version "
                f"{VERSION}): rebuild the index: delete the file and add every case's documents again "
                "with 'disclint index add DIR --case ID'",
                path,
            )
        self.scheme = Scheme(
            k=int(meta["k"]),
            window=int(meta["window"]),
            method="sample" if meta["method"] == "sample" else "winnow",
            capitalised=meta["capitalised"] == "1",
            bits=int(meta["bits"]),
        )
        self.salt = bytes.fromhex(meta["salt"])
        self._segments: dict[int, tuple[int, int]] = {}  # segment -> (document, case), as read
        self._next: int | None = None  # the first free segment number
        self._load_cases()

    # ------------------------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, template_cases: int = DEFAULT_TEMPLATE_CASES) -> PassageIndex:
        """Open an existing index read-only; :class:`ConfigError` if it is missing or not an index."""
        if not path.is_file():
            raise ConfigError(
                "the passage index does not exist: build it with 'disclint index add DIR --case ID "
                "--index FILE'",
                path,
            )
        try:
            connection = sqlite3.connect(
                path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _not_an_index(path, str(exc)) from None
        return cls(connection, path, template_cases)

    @classmethod
    def create(cls, path: Path, scheme: Scheme | None = None, salt: bytes | None = None) -> PassageIndex:
        """Open an index to add to, creating it (with ``scheme``, and a random ``salt`` unless one is
        given: tests and benchmarks fix it to be repeatable) if the file does not exist."""
        fresh = not path.exists()
        if fresh and not path.parent.is_dir():
            raise ConfigError("the folder for the passage index does not exist", path.parent)
        if not fresh and not path.is_file():
            raise _not_an_index(path, "it is a folder")
        try:
            connection = sqlite3.connect(str(path))
            connection.execute("PRAGMA secure_delete = ON")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA cache_size = -200000")
            if fresh:
                _initialise(connection, scheme or Scheme(), salt or os.urandom(16))
        except sqlite3.Error as exc:
            raise _not_an_index(path, str(exc)) from None
        return cls(connection, path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PassageIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load_cases(self) -> None:
        rows = self._db.execute("SELECT id, name, template FROM cases").fetchall()
        self._case_ids = {name: cid for cid, name, _ in rows}
        self._case_names = {cid: name for cid, name, _ in rows}
        self._templates = frozenset(cid for cid, _, template in rows if template)

    # ------------------------------------------------------------------------------------ writing

    def masker(self, manifests: Iterable[Manifest]) -> Masker:
        """The masker of this index's scheme for the people of ``manifests``."""
        return Masker.from_manifests(manifests, self.scheme.capitalised)

    def fingerprint(
        self, blocks: Sequence[TextBlock], masker: Masker
    ) -> tuple[list[Word], list[tuple[int, int]]]:
        """The word stream of ``blocks`` and its fingerprints under this index's scheme."""
        stream = words(blocks, masker)
        return stream, fingerprints(stream, self.scheme, self.salt)

    def search(
        self,
        blocks: Sequence[TextBlock],
        masker: Masker,
        case: str,
        min_words: int | None = None,
        min_share: float | None = None,
    ) -> tuple[list[Word], list[Copy]]:
        """The word stream of ``blocks`` and its passages that stand in another case's documents."""
        stream = words(blocks, masker)
        hashes = kgram_hashes([w.norm for w in stream], self.scheme.k, self.salt, self.scheme.bits)
        return stream, self.find(stream, hashes, case, min_words, min_share)

    def documents(self, case: str) -> dict[str, tuple[int, str]]:
        """The documents indexed for ``case``: path -> (document id, sha256)."""
        cid = self._case_ids.get(case)
        if cid is None:
            return {}
        rows = self._db.execute("SELECT path, id, sha256 FROM docs WHERE case_id = ?", (cid,)).fetchall()
        return {path: (doc, sha) for path, doc, sha in rows}

    def _case_id(self, case: str, template: bool) -> int:
        cid = self._case_ids.get(case)
        if cid is None:
            cursor = self._db.execute(
                "INSERT INTO cases(name, template) VALUES (?, ?)", (case, 1 if template else 0)
            )
            cid = cast(int, cursor.lastrowid)
            self._load_cases()
        return cid

    def add(self, case: str, path: str, document: Document, masker: Masker, template: bool = False) -> int:
        """Index ``document`` as ``path`` of ``case``; return its number of fingerprints.

        The caller commits (:meth:`commit`) and removes any earlier version (:meth:`remove_documents`).
        """
        cid = self._case_id(case, template)
        stream, prints = self.fingerprint(document.blocks, masker)
        layout = _layout(document.blocks, stream)
        segments = max(1, -(-len(stream) // SEGMENT_WORDS))
        if self._next is None:
            row = self._db.execute("SELECT id + segments FROM docs ORDER BY id DESC LIMIT 1").fetchone()
            self._next = int(row[0]) if row else 1
        doc = self._next
        if doc + segments - 1 > MAX_SEGMENT:
            raise ConfigError(
                "the passage index is full (it numbers about a million documents of up to eight pages): "
                "remove the cases it no longer needs, or start a new index",
                self.path,
            )
        self._next = doc + segments
        self._db.execute(
            "INSERT INTO docs(id, segments, case_id, path, sha256, words, prints, blocks, layout, added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc,
                segments,
                cid,
                path,
                document.sha256,
                len(stream),
                len(prints),
                len(layout),
                zlib.compress(json.dumps(layout, separators=(",", ":")).encode(), 9),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO postings VALUES (?)",
            ((_key(h, doc + pos // SEGMENT_WORDS, pos % SEGMENT_WORDS),) for h, pos in prints),
        )
        return len(prints)

    def remove_documents(self, ids: Sequence[int]) -> None:
        """Remove documents and their fingerprints (one pass over the fingerprints)."""
        if not ids:
            return
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS gone (id INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM gone")
        self._db.executemany("INSERT OR IGNORE INTO gone VALUES (?)", ((i,) for i in ids))
        self._remove("SELECT id, segments FROM docs WHERE id IN (SELECT id FROM gone)")
        self._db.execute("DELETE FROM docs WHERE id IN (SELECT id FROM gone)")

    def _remove(self, documents: str, *args: object) -> None:
        """Remove the fingerprints of the documents (id, segments) the query selects: one pass over
        the fingerprints."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS gone_segments (segment INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM gone_segments")
        self._db.executemany(
            "INSERT OR IGNORE INTO gone_segments VALUES (?)",
            (
                (doc + n,)
                for doc, segments in self._db.execute(documents, args).fetchall()
                for n in range(segments)
            ),
        )
        self._db.execute(
            f"DELETE FROM postings WHERE (key >> {POSITION_BITS}) & {MAX_SEGMENT} "
            "IN (SELECT segment FROM gone_segments)"
        )
        self._segments = {}
        self._next = None

    def remove_case(self, case: str) -> int:
        """Remove every document of ``case``; return how many there were. Commits and compacts."""
        cid = self._case_ids.get(case)
        if cid is None:
            return 0
        (count,) = self._db.execute("SELECT count(*) FROM docs WHERE case_id = ?", (cid,)).fetchone()
        self._remove("SELECT id, segments FROM docs WHERE case_id = ?", cid)
        self._db.execute("DELETE FROM docs WHERE case_id = ?", (cid,))
        self._db.execute("DELETE FROM cases WHERE id = ?", (cid,))
        self.compact()
        self._load_cases()
        return int(count)

    def commit(self) -> None:
        self._db.commit()

    def compact(self) -> None:
        """Rewrite the file with full pages (after many additions or a removal)."""
        self._db.commit()
        self._db.execute("VACUUM")

    def cases(self) -> list[str]:
        return sorted(self._case_ids)

    def stats(self) -> Stats:
        documents, blocks, total_words, prints = self._db.execute(
            "SELECT count(*), coalesce(sum(blocks), 0), coalesce(sum(words), 0), coalesce(sum(prints), 0) "
            "FROM docs"
        ).fetchone()
        templates = 0
        if self._templates:
            marks = ",".join("?" * len(self._templates))
            (templates,) = self._db.execute(
                f"SELECT count(*) FROM docs WHERE case_id IN ({marks})",
                tuple(self._templates),
            ).fetchone()
        (pages,) = self._db.execute("PRAGMA page_count").fetchone()
        (page_size,) = self._db.execute("PRAGMA page_size").fetchone()
        return Stats(
            path=self.path,
            cases=len(self._case_ids) - len(self._templates),
            documents=documents,
            templates=templates,
            blocks=blocks,
            words=total_words,
            fingerprints=prints,
            size=pages * page_size,
            scheme=self.scheme,
        )

    # ------------------------------------------------------------------------------------ querying

    def lookup(self, hashes: Iterable[int]) -> Lookup:
        """What the index knows of each hash."""
        templates = self._templates
        cursor = self._db.cursor()
        answers: dict[int, list[int]] = {}
        for value in set(hashes):
            low, high = _key(value, 0, 0), _key(value, MAX_SEGMENT, SEGMENT_WORDS - 1)
            rows = cursor.execute(_POSTINGS, (low, high, POSTINGS_CAP + 1)).fetchall()
            if rows:
                answers[value] = [key & _LOW for (key,) in rows]
        segments = self._documents_of({low >> POSITION_BITS for lows in answers.values() for low in lows})
        found: dict[int, list[tuple[int, int, int]]] = {}
        template: set[int] = set()
        spread: dict[int, int] = {}
        for value, lows in answers.items():
            postings = []
            for low in lows:
                segment = low >> POSITION_BITS
                doc, cid = segments[segment]
                postings.append((cid, doc, (segment - doc) * SEGMENT_WORDS + (low & (SEGMENT_WORDS - 1))))
            cases = {cid for cid, _, _ in postings}
            if len(lows) > POSTINGS_CAP or cases & templates:
                template.add(value)
                continue
            if len(cases) > self.template_cases:
                template.add(value)
            found[value] = postings
            spread[value] = len(cases)
        return Lookup(found, template, spread)

    def _documents_of(self, segments: set[int]) -> dict[int, tuple[int, int]]:
        """The document and case of each of ``segments``, read once per document and remembered."""
        known = self._segments
        missing = sorted(segments - known.keys())
        for start in range(0, len(missing), 900):  # most segments are the first of their document
            chunk = missing[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, segments, case_id FROM docs WHERE id IN ({marks})", chunk)
            for doc, count, cid in rows:
                known.update((doc + n, (doc, cid)) for n in range(count))
        for segment in missing:
            if segment not in known:  # further on in a long document
                doc, count, cid = self._db.execute(
                    "SELECT id, segments, case_id FROM docs WHERE id <= ? ORDER BY id DESC LIMIT 1",
                    (segment,),
                ).fetchone()
                known.update((doc + n, (doc, cid)) for n in range(count))
        return known

    def find(
        self,
        stream: Sequence[Word],
        hashes: Sequence[int],
        case: str,
        min_words: int | None = None,
        min_share: float | None = None,
    ) -> list[Copy]:
        """Passages of ``stream`` that also stand in another case's indexed document, in stream order.

        ``hashes`` are the hashes of *every* k-gram of the stream (position = index): the index holds
        only a document's fingerprints, and any of them inside a copied passage is among the k-grams
        of the copy, whichever fingerprints the copy itself would select.

        For each indexed document, its k-grams found here are chained along the stream (in the same
        order and at about the same distances in both, :func:`_chains`). A chain with at least two
        k-grams that are not common phrasing *covers* the words under them and between two of them
        close together (:func:`_cover`): what the checked case's own documents cover is its own text,
        never reported, and each other word learns how many other cases hold it. Then, for each
        document of another case, each word of a chain is *shared* (under a k-gram found in the
        document; own text and template text aside), *different* (under only fingerprints of this
        stream that the document lacks: an edit) or unknown. A chain is cut where more than
        :data:`MAX_UNMATCHED_RUN` different words follow one another; a piece is a passage when it
        spans ``min_words`` words (default :data:`MIN_WORDS`), at least ``min_share`` (default
        :data:`MIN_SHARE`) of its known words are shared, at least :data:`MIN_MATCHED` of its
        fingerprints are not common phrasing, and at least :data:`MIN_UNIQUE` of its shared words
        stand in that one case and no other: a family's story is told in its own case, a social
        worker's stock sentence in each of their cases.
        """
        if not hashes or not self._case_ids:
            return []
        min_words = MIN_WORDS if min_words is None else min_words
        min_share = MIN_SHARE if min_share is None else min_share
        k = self.scheme.k
        looked = self._looked_up(hashes)
        known = self.lookup(hashes[pos] for pos in looked)
        if not known.found:
            return []
        template = bytearray(len(stream))  # words under a k-gram of template text
        for pos in looked:
            if hashes[pos] in known.template:
                _mark(template, pos, k, 1)
        by_doc: dict[int, list[_Hit]] = defaultdict(list)
        for pos in looked:
            value = hashes[pos]
            spread = known.spread.get(value, 0)
            for cid, doc, source_pos in known.found.get(value, ()):
                by_doc[doc].append((pos, source_pos, cid, spread))
        own = self._case_ids.get(case)
        own_text = bytearray(len(stream))
        covers: dict[int, bytearray] = {}  # case -> words its documents' chains cover
        chained: list[tuple[int, list[_Hit]]] = []
        for doc, hits in by_doc.items():
            for chain in _chains(hits):
                if sum(1 for hit in chain if hit[3] <= self.template_cases) < 2:
                    continue  # common phrasing, or one k-gram in common by chance: neither text nor passage
                cid = chain[0][2]
                if cid == own:
                    _cover(own_text, chain, k, self._gap())
                    continue
                if cid not in covers:
                    covers[cid] = bytearray(len(stream))
                _cover(covers[cid], chain, k, self._gap())
                chained.append((doc, chain))
        cases_over = [0] * len(stream)  # other cases whose documents hold each word
        for cover in covers.values():
            for pos in _marked(cover):
                cases_over[pos] += 1
        candidates: list[_Candidate] = []
        for doc, chain in chained:
            candidates.extend(
                self._pieces(doc, chain, template, own_text, cases_over, stream, min_words, min_share)
            )
        chosen: list[_Candidate] = []
        for candidate in sorted(candidates, key=lambda c: (-c.unique, -c.share, c.start, c.doc)):
            for other in chosen:
                overlap = min(other.end, candidate.end) - max(other.start, candidate.start)
                if overlap * 2 > min(other.end - other.start, candidate.end - candidate.start):
                    if candidate.case_id != other.case_id and candidate.case_id not in other.also:
                        other.also.append(candidate.case_id)
                    break
            else:
                chosen.append(candidate)
        return [self._copy(c) for c in sorted(chosen, key=lambda c: c.start)]

    def _looked_up(self, hashes: Sequence[int]) -> list[int]:
        """Positions of the k-grams to look up: the smallest hash of every :data:`QUERY_WINDOW`.

        A fingerprint of the source is the smallest hash of a window of ``window`` k-grams, so it is
        also the smallest of any narrower window inside that one: wherever the copy keeps such a
        window, the k-gram is among these. Windows no wider than ``k`` still cover every word.
        """
        width = min(QUERY_WINDOW, self.scheme.k, self.scheme.window)
        if self.scheme.method == "sample" or width <= 1:
            return list(range(len(hashes)))
        return [pos for _, pos in winnow(hashes, width)]

    def _gap(self) -> int:
        """The farthest apart two fingerprints of one shared stretch of text can be, in k-grams."""
        return 2 * self.scheme.window if self.scheme.method == "sample" else self.scheme.window

    def _pieces(
        self,
        doc: int,
        chain: list[_Hit],
        template: bytearray,
        own_text: bytearray,
        cases_over: list[int],
        stream: Sequence[Word],
        min_words: int,
        min_share: float,
    ) -> list[_Candidate]:
        """The passages of one chain of k-grams shared with ``doc``.

        A word under a k-gram found in the document is *shared* (*unique* when neither that k-gram
        nor a chain of another case's document covers it elsewhere); in this case's own text, or under
        only template k-grams, unknown. A run of other words is an edit or other text: one *different*
        word, or all of it beyond the gap the document's fingerprints may leave around one edit
        (:meth:`_slack`).
        """
        k = self.scheme.k
        rare = {pos for pos, _, _, spread in chain if spread <= self.template_cases}
        if len(rare) < MIN_MATCHED:
            return []
        positions = sorted({pos for pos, _, _, _ in chain})
        if positions[-1] + k - positions[0] < min_words:
            return []
        # Words are labelled a little beyond the chain, so that a passage can take in its first and
        # last few words, which a fingerprint of the source may not cover.
        reach = self.scheme.window + k - 1
        lo = max(0, positions[0] - reach)
        hi = min(len(stream), positions[-1] + k + reach)
        label = bytearray(hi - lo)
        spread = [0] * (hi - lo)  # the fewest cases holding a k-gram shared over each word
        for pos, _, _, cases in sorted(chain, key=lambda hit: -hit[3]):
            _mark(label, pos - lo, k, _SHARED)
            spread[pos - lo : pos - lo + k] = [cases] * len(spread[pos - lo : pos - lo + k])
        for offset in range(hi - lo):
            if own_text[lo + offset]:
                label[offset] = _OWN
            elif label[offset] == 0 and template[lo + offset]:
                label[offset] = _KNOWN
            elif label[offset] == _SHARED:
                spread[offset] = max(spread[offset], cases_over[lo + offset])
        slack = self._slack()
        run: list[int] = []
        for offset in range(hi - lo + 1):
            if offset < hi - lo and label[offset] == 0:
                run.append(offset)
                continue
            if run:  # an uncovered run is at least one different word, beyond the slack all are
                cut = min((len(run) - 1) // 2, slack // 2)
                for inside in run[cut : max(cut + 1, len(run) - (slack - slack // 2))]:
                    label[inside] = _DIFFERENT
            run = []
        source = {pos - lo: spos for pos, spos, _, _ in chain}
        out: list[_Candidate] = []
        piece: list[int] = []  # offsets of shared words in the current piece
        different = 0
        cid = chain[0][2]
        for offset in range(positions[0] - lo, min(positions[-1] + k, len(stream)) - lo):
            value = label[offset]
            if value == _DIFFERENT:
                different += 1
                if different > MAX_UNMATCHED_RUN and piece:
                    out += self._piece(
                        doc, cid, lo, piece, label, spread, source, stream, min_words, min_share
                    )
                    piece = []
            elif value == _SHARED:
                different = 0
                piece.append(offset)
        if piece:
            out += self._piece(doc, cid, lo, piece, label, spread, source, stream, min_words, min_share)
        return out

    def _slack(self) -> int:
        """Words a document's fingerprints may leave uncovered around one edited word.

        Winnowing keeps one k-gram in every ``window``; an edit removes the ``k`` k-grams that hold
        it, so the source's nearest fingerprints on either side may leave up to about ``window + k``
        words between them uncovered. Sampling leaves gaps of any length, about ``2 * window`` often.
        """
        if self.scheme.method == "sample":
            return 2 * self.scheme.window
        return self.scheme.window + self.scheme.k - 2

    def _piece(
        self,
        doc: int,
        case_id: int,
        lo: int,
        shared: list[int],
        label: bytearray,
        spread: list[int],
        source: dict[int, int],
        stream: Sequence[Word],
        min_words: int,
        min_share: float,
    ) -> list[_Candidate]:
        first, last = _densest(label, shared[0], shared[-1])
        window = label[first : last + 1]
        matched = window.count(_SHARED)
        compared = matched + window.count(_DIFFERENT)
        if last + 1 - first < min_words or compared < MIN_KNOWN or matched < min_share * compared:
            return []
        unique = sum(
            1 for offset in range(first, last + 1) if label[offset] == _SHARED and spread[offset] <= 1
        )
        if unique < MIN_UNIQUE:
            return []  # words that other cases hold as well: a professional's stock phrasing
        source_pos = min((spos for offset, spos in source.items() if first <= offset <= last), default=0)
        # Take in the unknown words at either end, in the same block, up to where a fingerprint says
        # the text differs: the source's own fingerprints may stop a few words short of the passage.
        reach = self.scheme.window + self.scheme.k - 1
        start, end = first, last
        while start > 0 and first - start < reach and label[start - 1] in (0, _KNOWN):
            if stream[lo + start - 1].block != stream[lo + first].block:
                break
            start -= 1
        while end + 1 < len(label) and end - last < reach and label[end + 1] in (0, _KNOWN):
            if stream[lo + end + 1].block != stream[lo + last].block:
                break
            end += 1
        begin, stop = _paragraph_ends(stream, lo + start, lo + end, self._slack())
        in_source = frozenset(lo + offset for offset in range(first, last + 1) if label[offset] == _SHARED)
        return [_Candidate(begin, stop + 1, matched, compared, unique, doc, case_id, source_pos, in_source)]

    def _copy(self, candidate: _Candidate) -> Copy:
        path, layout = self._db.execute(
            "SELECT path, layout FROM docs WHERE id = ?", (candidate.doc,)
        ).fetchone()
        blocks = json.loads(zlib.decompress(layout))
        firsts = [b[0] for b in blocks]
        at = max(0, bisect.bisect_right(firsts, candidate.source_pos) - 1)
        _, part, page, paragraph = blocks[at] if blocks else (0, "body", None, None)
        names = self._case_names
        also = tuple(sorted(names[c] for c in candidate.also))
        source = Source(names[candidate.case_id], path, part, page, paragraph)
        found = candidate
        return Copy(
            found.start,
            found.end,
            found.share,
            found.matched,
            found.compared,
            source,
            also,
            found.shared,
            found.unique,
        )


_DIFFERENT, _SHARED, _OWN, _KNOWN = 1, 2, 3, 4
"""Labels of the words of a chain: under a fingerprint the source lacks; shared with the source;
in the checked case's own text; template text. Unlabelled words (0) are unknown."""

_Hit = tuple[int, int, int, int]
"""A k-gram of the checked stream found in a document: stream position, position in the document,
the document's case, and the number of cases holding the k-gram (common phrasing: more than
``template_cases``)."""


def _chains(hits: list[_Hit]) -> list[list[_Hit]]:
    """Hits ``(position, source position, ...)`` in runs that follow one another in both texts.

    A copied passage is in the same order in its source: each next k-gram is further on in both, by
    about the same number of words (give or take :data:`MAX_DRIFT` for edits), and at most
    :data:`MAX_GAP_WORDS` on. Common phrases that happen to stand in one document at scattered
    places do not line up, so they make no passage.
    """
    done: list[list[_Hit]] = []
    growing: list[list[_Hit]] = []
    for hit in sorted(hits):
        pos, source_pos = hit[0], hit[1]
        best, best_drift = None, MAX_DRIFT + 1
        for chain in growing:
            step, source_step = pos - chain[-1][0], source_pos - chain[-1][1]
            drift = abs(source_step - step)
            if step <= MAX_GAP_WORDS and source_step >= 0 and drift < best_drift:
                best, best_drift = chain, drift
        if best is None:
            growing.append([hit])
        else:
            best.append(hit)
        done += [chain for chain in growing if pos - chain[-1][0] > MAX_GAP_WORDS]
        growing = [chain for chain in growing if pos - chain[-1][0] <= MAX_GAP_WORDS]
    return done + growing


def _paragraph_ends(stream: Sequence[Word], first: int, last: int, slack: int) -> tuple[int, int]:
    """``first``/``last`` moved to the start/end of their block when it is at most ``slack`` words away.

    A pasted paragraph is the commonest copy; its first and last few words may lie under no
    fingerprint of the source, and the reviewer should see the whole paragraph.
    """
    start = first
    while start > 0 and stream[start - 1].block == stream[first].block and first - start < slack:
        start -= 1
    if start > 0 and stream[start - 1].block == stream[first].block:
        start = first
    end = last
    while end + 1 < len(stream) and stream[end + 1].block == stream[last].block and end - last < slack:
        end += 1
    if end + 1 < len(stream) and stream[end + 1].block == stream[last].block:
        end = last
    return start, end


def _densest(label: bytearray, first: int, last: int) -> tuple[int, int]:
    """The stretch of ``label[first:last + 1]`` with the most shared words less different ones.

    Trims a few words shared by chance at either end of a passage (a common phrase in the paragraph
    before a pasted one) that are further from it than they are long.
    """
    best, best_span = 0, (first, last)
    score, start = 0, first
    for offset in range(first, last + 1):
        value = label[offset]
        if score <= 0 and value == _SHARED:
            score, start = 0, offset
        score += 1 if value == _SHARED else -1 if value == _DIFFERENT else 0
        if value == _SHARED and score > best:
            best, best_span = score, (start, offset)
    return best_span


def _key(value: int, segment: int, position: int) -> int:
    """The posting of a fingerprint: hash ``value`` at ``position`` of document segment ``segment``."""
    return (value << 32) | (segment << POSITION_BITS) | position


def _cover(cover: bytearray, chain: list[_Hit], k: int, gap: int) -> None:
    """Mark the words a chain shows to stand in its document: under its k-grams and between two of
    them at most ``gap`` apart."""
    positions = sorted({hit[0] for hit in chain})
    for here, after in zip(positions, [*positions[1:], None], strict=True):
        stop = here + k if after is None or after - here > gap else after
        cover[here : min(stop, len(cover))] = b"\x01" * (min(stop, len(cover)) - here)


def _marked(cover: bytearray) -> Iterable[int]:
    """The positions of the marked words of ``cover``."""
    start = cover.find(1)
    while start >= 0:
        stop = cover.find(0, start)
        if stop < 0:
            stop = len(cover)
        yield from range(start, stop)
        start = cover.find(1, stop)


def _mark(label: bytearray, offset: int, k: int, value: int) -> None:
    """Label the ``k`` words of the k-gram at ``offset``."""
    stop = min(offset + k, len(label))
    label[offset:stop] = bytes([value]) * (stop - offset)


def _initialise(connection: sqlite3.Connection, scheme: Scheme, salt: bytes) -> None:
    if not 16 <= scheme.bits <= 32:
        raise ValueError(f"fingerprints of {scheme.bits} bits: an index holds hashes of 16 to 32 bits")
    connection.executescript(_SCHEMA)
    meta = {
        "format": FORMAT,
        "version": str(VERSION),
        "k": str(scheme.k),
        "window": str(scheme.window),
        "method": scheme.method,
        "capitalised": "1" if scheme.capitalised else "0",
        "bits": str(scheme.bits),
        "salt": salt.hex(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()


def _layout(blocks: Sequence[TextBlock], stream: Sequence[Word]) -> list[list[object]]:
    """Where each block that has words starts: [first word, part, page, paragraph]."""
    out: list[list[object]] = []
    seen = -1
    for pos, word in enumerate(stream):
        if word.block != seen:
            seen = word.block
            block = blocks[seen]
            out.append([pos, block.part.value, block.page, block.paragraph])
    return out
