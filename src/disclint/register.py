"""The register: every case's people and identifiers, and what is foreign to one case.

The register lives in a :mod:`disclint.store` (SQLite, cached between runs). Checking a document, a
:class:`CaseView` asks the store only for the people and identifiers the document could mention, builds
small indexes of their name variants and identifiers, and scans each block once. A name that fits a
person permitted in the case (a subject, an alias, a professional, an ``allow`` phrase) at least as well
is never foreign.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from disclint.manifest import Manifest
from disclint.matching.identifiers import (
    IdentifierEntry,
    IdentifierIndex,
    candidate_keys,
    chunk_key,
    postcodes,
    street_line,
)
from disclint.matching.names import NameEntry, NameHit, NameIndex
from disclint.matching.normalise import Token, sentence_span, tokens
from disclint.matching.normalise import links as links_of
from disclint.matching.variants import (
    NameParts,
    fuzzy,
    is_forename,
    name_words,
    nicknames,
    split_name,
    variants,
    variants_within,
)
from disclint.model import Document, Part, TextBlock
from disclint.store import Person, Store, build, case_identifiers, deletion_keys, open_cached, pair_key

# Kinds of name that count whatever the capitals ("tyler brown"); every other kind (initials, a
# title, surname first, a nickname, a misspelling) must be written as a name, with capitals.
ANY_CASE = frozenset({"full name", "without middle name", "surname, forename", "surname, forenames", "alias"})
TITLE_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
# Capitalised words after a forename that make a place or an organisation, not a person.
NOT_SURNAMES = frozenset(
    """street road lane close avenue way drive court house school primary academy nursery centre
    center hospital council team service services surgery practice police station park grove
    crescent place square trust college university church hall unit clinic health board group
    family families children care foundation project programme partnership limited ltd road
    gardens terrace mews row walk view rise green meadow fields estate ward office department
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december conference review meeting plan""".split()
)
# Kinds of entry of the permitted index (this case's own people and allow phrases).
PERMITTED = frozenset({"subject", "professional", "allow"})
# How many holders of a surname after a title are fetched: enough to tell one case from several.
TITLE_SAMPLE = 40
# A lone forename counts only if at most this many people of the register have it.
DISTINCT_FORENAME = 3
# A title and surname is an error only if the surname belongs to fewer other cases than this: when two
# families share it, "Mrs Brown" could be either, and a reviewer decides.
COMMON_SURNAME = 2


@dataclass(frozen=True)
class NameMatch:
    """A foreign name found in a block: the span, and the register entries it fits."""

    start: int
    end: int
    entries: tuple[NameEntry, ...]
    tokens: tuple[Token, ...]
    also_professional: tuple[str, ...] = ()
    # The name goes on at the top of the next page: the span is its part on this page.
    across_pages: bool = False

    @property
    def best(self) -> NameEntry:
        return max(self.entries, key=lambda e: e.score)


@dataclass(frozen=True)
class IdentifierMatch:
    start: int
    end: int
    entries: tuple[IdentifierEntry, ...]


@dataclass
class BlockMatches:
    """What one block holds: foreign names and identifiers, and how much of this case it names."""

    names: list[NameMatch] = field(default_factory=list)
    identifiers: list[IdentifierMatch] = field(default_factory=list)
    unknown: list[tuple[int, int]] = field(default_factory=list)
    own: int = 0


@dataclass(frozen=True)
class _Candidates:
    """What the store returned for a document, and the word sets the rest of the check reuses."""

    people: list[Person]
    lone: set[int]  # ids of the people fetched by a distinctive forename
    fuzzy: set[int]  # ids of the people fetched as a possible misspelling
    norms: set[str]  # every word of the document, folded
    capitals: set[str]  # its capitalised words of two letters or more
    forename_counts: dict[str, int]  # those that are forenames of register subjects, and how many
    lookups: set[str]  # every key a misspelling of the document looks up


class Register:
    """People and identifiers of all cases of a cases directory."""

    def __init__(
        self, cases: Mapping[str, Manifest] | None = None, conn: sqlite3.Connection | None = None
    ) -> None:
        self.store = Store(conn if conn is not None else build(cases or {}))
        self._views: dict[str, CaseView] = {}

    @classmethod
    def open(cls, cases_dir: Path, cache_file: Path | None = None) -> Register:
        """The register of a cases directory, from the on-disk cache when it is current.

        ``cache_file``: the cache file the parent process found current a moment ago (a worker uses
        it as it is rather than fingerprinting every manifest again).
        """
        if cache_file is not None and cache_file.is_file():
            with contextlib.suppress(sqlite3.Error):
                return cls(conn=sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True))
        return cls(conn=open_cached(cases_dir))

    @property
    def cache_file(self) -> Path | None:
        """The on-disk cache this register reads (``None``: built in memory)."""
        row = self.store.conn.execute("PRAGMA database_list").fetchone()
        return Path(row[2]) if row and row[2] else None

    @cached_property
    def cases(self) -> dict[str, Manifest]:
        """Every manifest (loads them all: for small registers and tests)."""
        out = {}
        for case in self.store.case_ids():
            manifest = self.store.manifest(case)
            if manifest is not None:
                out[case] = manifest
        return out

    def manifest(self, case: str) -> Manifest | None:
        return self.store.manifest(case)

    def title(self, case: str) -> str:
        return self.store.title(case)

    def view(self, manifest: Manifest) -> CaseView:
        """What is foreign to ``manifest``'s case, cached per case."""
        view = self._views.get(manifest.case)
        if view is None or view.manifest is not manifest:
            view = self._views[manifest.case] = CaseView(self, manifest)
        return view


def _permitted_index(manifest: Manifest) -> NameIndex:
    """Every way this case's people may be written, and its ``allow`` phrases."""
    index = NameIndex()
    case = manifest.case
    for subject in manifest.subjects:
        for name in (subject.name, *subject.aliases):
            for v in variants(name):
                index.add(NameEntry(v.key, case, subject.name, subject.role, "subject", v.score))
            first = split_name(name).first
            for short in {first, *nicknames(first)} if first else ():
                index.add(NameEntry((short,), case, subject.name, subject.role, "subject", 50.0))
    for professional in manifest.professionals:
        for v in variants(professional.name):
            index.add(NameEntry(v.key, case, professional.name, professional.role, "professional", v.score))
    for phrase in manifest.allow:
        index.add_phrase(phrase, case, "allow")
    return index


def _capitalised(token: Token) -> bool:
    return token.capital


def _sentence_start(text: str, token: Token) -> bool:
    left, _ = sentence_span(text, token.start, token.end)
    before = text[left : token.start]
    return not any(c.isalnum() for c in before)


class CaseView:
    """The register as seen from one case."""

    def __init__(self, register: Register, manifest: Manifest) -> None:
        self.register = register
        self.manifest = manifest
        self.permitted = _permitted_index(manifest)
        self._last: tuple[int, Document, list[BlockMatches]] | None = None

    @cached_property
    def own_identifiers(self) -> frozenset[str]:
        """Keys of this case's own identifiers: never flagged, even where another case shares them."""
        return frozenset(e.key for e in case_identifiers(self.manifest))

    @cached_property
    def _permitted_parts(self) -> list[NameParts]:
        names = [n for s in self.manifest.subjects for n in (s.name, *s.aliases)]
        names += [p.name for p in self.manifest.professionals]
        return [split_name(n) for n in names]

    # --- whole documents -------------------------------------------------------------------------

    def matches(self, document: Document) -> list[BlockMatches]:
        """Foreign names and identifiers of every block of ``document`` (cached for the last one)."""
        if self._last is not None and self._last[0] == id(document) and self._last[1] is document:
            return self._last[2]
        blocks = list(document.blocks)
        seams = _page_seams(blocks)
        found = self._match([*blocks, *(seam for _, seam, _, _ in seams)])
        joined: set[tuple[int, int]] = set()
        for (index, _, offset, tail), result in zip(seams, found[len(blocks) :], strict=True):
            for name in result.names:
                if name.start < tail < name.end and (index, offset + name.start) not in joined:
                    joined.add((index, offset + name.start))
                    on_page = tuple(t for t in name.tokens if t.start < tail)
                    found[index].names.append(
                        NameMatch(
                            offset + name.start,
                            offset + on_page[-1].end,
                            name.entries,
                            on_page,
                            name.also_professional,
                            across_pages=True,
                        )
                    )
        found = found[: len(blocks)]
        self._last = (id(document), document, found)
        return found

    def names(self, text: str) -> list[NameMatch]:
        """Foreign names in one text (for tests and callers without a document)."""
        return self._match([TextBlock(text, Part.BODY)])[0].names

    def identifiers(self, text: str) -> list[IdentifierMatch]:
        return self._match([TextBlock(text, Part.BODY)])[0].identifiers

    def _match(self, blocks: Iterable[TextBlock]) -> list[BlockMatches]:
        blocks = list(blocks)
        words = [tokens(b.text) for b in blocks]
        fetched = self._candidates(words)
        people, norms = fetched.people, fetched.norms
        foreign, professionals = self._foreign_index(people, fetched.lone, norms)
        known = {key for key in foreign.all_keys() if len(key) == 2} | self._known_pairs(
            [p for p in people if p.kind == "professional" or p.case == self.manifest.case], norms
        )
        misspelt = self._misspelling_index(people, fetched.fuzzy, fetched.lookups)
        combined = foreign.merged(self.permitted)
        forenames = self._forename_list(fetched.capitals, fetched.forename_counts)
        surname_cases = self._surname_cases(people)
        idents = self._identifier_index(blocks)
        # What each written pair scores as a misspelling: the same wherever the pair stands.
        scored: dict[tuple[str, str], NameEntry | None] = {}
        out = []
        for block, block_words in zip(blocks, words, strict=True):
            result = BlockMatches()
            links = links_of(block.text, block_words)
            # One pass over the block finds this case's own names and the foreign ones together.
            allowed = []
            foreign_hits = []
            for hit in combined.scan(block.text, block_words, links):
                own = tuple(e for e in hit.entries if e.case == self.manifest.case and e.kind in PERMITTED)
                if own:
                    allowed.append((hit.start, hit.end, own))
                if len(own) < len(hit.entries):
                    foreign_hits.append(hit)
            result.own = sum(
                1 for _, _, e in allowed if any(x.kind == "subject" and len(x.key) > 1 for x in e)
            )
            names = [
                m
                for hit in foreign_hits
                if (m := self._judge(block.text, hit, allowed, professionals, surname_cases)) is not None
            ]
            pairs = _name_pairs(block_words, links)
            names += self._misspellings(block.text, block_words, pairs, misspelt, names, allowed, scored)
            result.names = _outermost(names)
            result.unknown = self._unknown(
                block.text, block_words, pairs, result.names, allowed, known, forenames
            )
            for found in idents.scan(block.text):
                if any(e.key in self.own_identifiers for e in found.entries):
                    result.own += 1
                    continue
                entries = tuple(e for e in found.entries if e.case != self.manifest.case)
                if entries:
                    result.identifiers.append(IdentifierMatch(found.start, found.end, entries))
            out.append(result)
        return out

    # --- candidates ------------------------------------------------------------------------------

    def _candidates(self, words: list[list[Token]]) -> _Candidates:
        """Register people this document could name, asked of the store in a few queries.

        A name is a surname with a forename, initial or nickname near it, so people are fetched by
        their surname *and* the initial of a word within three words of it: a common surname such as
        Smith, with thousands of holders in a council, fetches only the few whose initial stands
        beside it. A surname after a title (``Mrs Smith``) fetches a sample of its holders; one-word
        aliases, misspelt pairs (by sound or by one left-out letter, with the initial) and
        distinctive lone forenames are fetched as such.
        """
        store = self.register.store
        norms = {t.norm for ws in words for t in ws}
        surnames = store.surnames(n for n in norms if len(n) >= 2)
        near: set[str] = set()
        titled: set[str] = set()
        for ws in words:
            for i, token in enumerate(ws):
                if token.norm not in surnames:
                    continue
                # A capitalised surname goes with capitalised forenames and initials; a lower-case one
                # ("tyler brown") only with the words right beside it.
                capital = token.capital
                span = ws[max(0, i - 3) : i + 4] if capital else ws[max(0, i - 1) : i + 2]
                for other in span:
                    if other is not token and (other.capital or not capital):
                        near.add(f"{token.norm}/{other.norm[0]}")
                if i and ws[i - 1].norm in TITLE_WORDS:
                    titled.add(token.norm)
        capitals = {t.norm for ws in words for t in ws if t.capital and len(t.norm) >= 2}
        # Capitalised pairs not of a known surname fetch the people they could misspell; every
        # capitalised pair (``lookups``) may look among them and the people of its surname.
        misspelt: set[str] = set()
        lookups: set[str] = set()
        for ws in words:
            for a, b in itertools.pairwise(ws):
                if len(b.norm) < 3 or not (a.capital and b.capital):
                    continue
                keys = _misspelling_keys(a.norm[0], b.norm)
                if b.norm not in surnames:
                    misspelt.update(keys)
                if len(a.norm) >= 2:
                    lookups.add(b.norm)
                    lookups.update(keys)
        people = store.people(near, ("pair",))
        fuzzy_people = store.people(misspelt, ("pair",))
        people += fuzzy_people
        people += store.people(norms, ("alias",))
        people += store.surname_sample(titled, TITLE_SAMPLE)
        counts = store.forename_counts(capitals)
        distinct = {n for n, c in counts.items() if c <= DISTINCT_FORENAME}
        lone = [p for p in store.people(distinct, ("forename",)) if p.kind == "subject"]
        seen: set[int] = set()
        out = []
        for person in [*people, *lone]:
            if person.id not in seen:
                seen.add(person.id)
                out.append(person)
        return _Candidates(
            out, {p.id for p in lone}, {p.id for p in fuzzy_people}, norms, capitals, counts, lookups
        )

    def _foreign_index(
        self, people: list[Person], lone: set[int], norms: set[str]
    ) -> tuple[NameIndex, dict[tuple[str, ...], list[str]]]:
        index = NameIndex()
        entries: list[NameEntry] = []
        professionals: dict[tuple[str, ...], list[str]] = {}
        for person in people:
            if person.kind == "professional":
                professionals.setdefault((*person.parts.forenames, *person.parts.surname), []).append(
                    person.case
                )
                continue
            if person.case == self.manifest.case:
                continue
            kind_of_name = "full name" if person.kind == "subject" else "alias"
            parts = person.parts
            # Every exact form holds a part of the surname (or is a one-word alias): a person whose
            # surname the document never writes can only be misspelt, which is scored elsewhere.
            written = not parts.surname or any(p in norms for p in parts.surname)
            # Only the forms the document can hold: the rest are not worth making or indexing.
            for v in variants_within(parts, norms) if written else ():
                kind = v.kind
                if kind == "full name":
                    kind = "alias only" if kind_of_name == "alias" and len(v.key) == 1 else kind_of_name
                entries.append(NameEntry(v.key, person.case, person.name, person.role, kind, v.score))
            if person.id in lone and parts.first:
                entries.append(
                    NameEntry((parts.first,), person.case, person.name, person.role, "forename only", 50.0)
                )
        index.extend(entries)
        return index, professionals

    def _known_pairs(self, people: list[Person], norms: set[str]) -> set[tuple[str, ...]]:
        """Every two-word way any candidate person of any case (professionals too) may be written."""
        return {v.key for person in people for v in variants_within(person.parts, norms) if len(v.key) == 2}

    def _forename_list(self, capitals: set[str], counts: Mapping[str, int]) -> frozenset[str]:
        """Capitalised words of the document that are forenames: in the nickname dataset or the
        register (``counts``: the register's forenames among ``capitals``)."""
        known = {n for n in capitals if is_forename(n)}
        known |= {n for n in capitals - known if n in counts}
        return frozenset(known)

    def _unknown(
        self,
        text: str,
        words: list[Token],
        pairs: list[int],
        foreign: list[NameMatch],
        allowed: list[tuple[int, int, tuple[NameEntry, ...]]],
        known: set[tuple[str, ...]],
        forenames: frozenset[str],
    ) -> list[tuple[int, int]]:
        """Person-like names no manifest mentions: ``Mrs Dunmore``, or a forename and a surname
        (``pairs``: where two capitalised words of the block are joined, see :func:`_name_pairs`)."""
        out: list[tuple[int, int]] = []
        for i in pairs:
            a, b = words[i], words[i + 1]
            if "\n" in text[a.end : b.start]:
                continue  # a name of an unknown person is written on one line; this is two cells
            if i > 0 and (words[i - 1].norm, a.norm) in known:
                continue  # "Patricia Odell Reference": Odell ends a known name
            if not b.text[1:2].islower() or b.norm in NOT_SURNAMES or b.norm in TITLE_WORDS:
                continue
            if a.norm in TITLE_WORDS:
                pass
            elif a.norm not in forenames or (a.norm in name_words() and _sentence_start(text, a)):
                continue
            if any(m.start < b.end and a.start < m.end for m in foreign):
                continue
            if any(s < b.end and a.start < e for s, e, _ in allowed):
                continue
            if (a.norm, b.norm) in known:
                continue
            if out and out[-1][1] > a.start:
                continue
            out.append((a.start, b.end))
        return out

    def _surname_cases(self, people: list[Person]) -> dict[tuple[str, ...], set[str]]:
        out: dict[tuple[str, ...], set[str]] = {}
        for person in people:
            if person.kind != "professional":
                out.setdefault(person.parts.surname, set()).add(person.case)
        return out

    def _identifier_index(self, blocks: list[TextBlock]) -> IdentifierIndex:
        store = self.register.store
        longest = store.longest_identifier
        keys: set[str] = set()
        for block in blocks:
            keys |= candidate_keys(block.text, longest)
        return IdentifierIndex(store.identifiers(keys), longest)

    # --- judging a hit ---------------------------------------------------------------------------

    def _judge(
        self,
        text: str,
        hit: NameHit,
        allowed: list[tuple[int, int, tuple[NameEntry, ...]]],
        professionals: Mapping[tuple[str, ...], list[str]],
        surname_cases: Mapping[tuple[str, ...], set[str]],
    ) -> NameMatch | None:
        entries = tuple(e for e in hit.entries if e.case != self.manifest.case)
        if not entries or hit.key in self.permitted:
            return None
        best = max(entries, key=lambda e: e.score)
        # A span that a permitted name covers, at least as well, is this case's own.
        for start, end, permitted in allowed:
            if start <= hit.start and hit.end <= end and max(e.score for e in permitted) >= best.score:
                return None
        words = list(hit.tokens)
        kinds = {e.kind for e in entries}
        if not kinds & ANY_CASE and not all(_capitalised(t) for t in words):
            return None
        # "summer field", "will brown": a name made only of everyday words must be written as one.
        if all(t.norm in name_words() or len(t.norm) == 1 for t in words) and not all(
            _capitalised(t) for t in words
        ):
            return None
        if any(len(t.norm) == 1 and not t.text.isupper() for t in words):
            return None
        if len(words) == 1:
            token = words[0]
            if (
                not _capitalised(token)
                or _beside_a_name(text, token)
                or token.norm in name_words()
                or (_sentence_start(text, token) and not _name_like_alias(token, kinds))
                or _next_to_number(text, token)
            ):
                return None
        if best.kind == "surname first" and _CAPITALISED_BEFORE.search(text, 0, hit.start):
            return None  # "Jordan Snook Thomas": a surname that ends another name, not one starting
        if best.kind == "title and surname":
            surname = hit.key[1:]
            if len(surname_cases.get(surname, ())) >= COMMON_SURNAME:
                best = NameEntry(
                    best.key, best.case, best.person, best.role, "title and common surname", 50.0
                )
                entries = (best, *(e for e in entries if e is not best))
        ordered = (best, *(e for e in entries if e is not best))
        return NameMatch(hit.start, hit.end, ordered, hit.tokens, tuple(professionals.get(hit.key, ())))

    def _misspelling_index(
        self, people: list[Person], fuzzy: set[int], lookups: set[str]
    ) -> dict[str, list[tuple[Person, NameParts]]]:
        """Foreign people by the sound and the spelling of each surname part: a written pair is only
        scored against people whose surname sounds or is spelt like its second word. Only the keys
        the document's pairs look up (``lookups``) are kept."""
        index: dict[str, list[tuple[Person, NameParts]]] = {}
        for person in people:
            if person.kind == "professional" or person.case == self.manifest.case:
                continue
            parts = person.parts
            if not parts.surname or not parts.forenames:
                continue
            keys = set(parts.surname)
            if person.id in fuzzy:
                # Sound and spelling nets only for the people the store found by them: everyone
                # else is reached through the surname as written.
                initial = parts.first[:1]
                for net in {"".join(parts.surname), *parts.surname}:
                    keys.update(_misspelling_keys(initial, net))
            for key in keys & lookups:
                index.setdefault(key, []).append((person, parts))
        return index

    def _misspellings(
        self,
        text: str,
        words: list[Token],
        pairs: list[int],
        candidates: Mapping[str, list[tuple[Person, NameParts]]],
        exact: list[NameMatch],
        allowed: list[tuple[int, int, tuple[NameEntry, ...]]],
        scored: dict[tuple[str, str], NameEntry | None],
    ) -> list[NameMatch]:
        """``Tylar Brown``, ``Tyler Browne``: capitalised pairs close to a foreign person's name.

        ``scored`` remembers what each written pair scored as, for the rest of the document."""
        if not candidates:
            return []
        out = []
        for i in pairs:
            a, b = words[i], words[i + 1]
            if len(a.norm) < 2 or len(b.norm) < 3:
                continue
            if any(m.start <= a.start and b.end <= m.end for m in exact):
                continue
            if any(s <= a.start and b.end <= e for s, e, _ in allowed):
                continue
            pair = (a.norm, b.norm)
            if pair not in scored:
                scored[pair] = self._misspelt_as(a.norm, b.norm, candidates)
            entry = scored[pair]
            if entry is not None:
                out.append(NameMatch(a.start, b.end, (entry,), (a, b)))
        return out

    def _misspelt_as(
        self, forename: str, surname: str, candidates: Mapping[str, list[tuple[Person, NameParts]]]
    ) -> NameEntry | None:
        """The foreign person a written forename and surname misspell, if any fits better than anyone
        of this case."""
        keys = (surname, *_misspelling_keys(forename[0], surname))
        pool = {p.id: (p, parts) for key in keys for p, parts in candidates.get(key, ())}
        best: tuple[float, str, Person] | None = None
        for person, parts in pool.values():
            found = fuzzy(forename, surname, parts)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], found[0], person)
        if best is None:
            return None
        score, kind, person = best
        mine = [fuzzy(forename, surname, parts) for parts in self._permitted_parts]
        if any(m is not None and m[1] >= score for m in mine):
            return None
        return NameEntry((forename, surname), person.case, person.name, person.role, kind, score)

    # --- withheld details ------------------------------------------------------------------------

    @cached_property
    def _withheld(self) -> tuple[NameIndex, IdentifierIndex]:
        """This case's ``withhold`` entries, as names/phrases and as identifiers."""
        names = NameIndex()
        idents = IdentifierIndex()
        case = self.manifest.case
        for item in self.manifest.withhold:
            reason = item.reason
            if "@" in item.text:
                idents.add(IdentifierEntry(item.text.lower(), "email", case, item.text, reason))
            elif any(c.isdigit() for c in item.text):
                keys = {chunk_key(item.text), *postcodes(item.text)}
                street = street_line(item.text)
                if street:
                    keys.add(chunk_key(street))
                for key in keys:
                    idents.add(IdentifierEntry(key, "withheld", case, item.text, reason))
            else:
                for v in variants(item.text):
                    if v.kind in (
                        "full name",
                        "without middle name",
                        "surname, forename",
                        "title and surname",
                    ):
                        names.add(NameEntry(v.key, case, item.text, reason, "withheld", v.score))
        return names, idents

    def withheld(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """Spans of ``text`` that spell a detail this case withholds: (start, end, entry, reason)."""
        names, idents = self._withheld
        found = [(h.start, h.end, h.entries[0].person, h.entries[0].role) for h in names.scan(text)]
        found += [(h.start, h.end, h.entries[0].value, h.entries[0].owner) for h in idents.scan(text)]
        found.sort()
        return [
            f
            for f in found
            if not any(
                o is not f and o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0] for o in found
            )
        ]


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z](?:[a-z]|['’][A-Z])")


def _beside_a_name(text: str, token: Token) -> bool:
    """``Tyler Smith``: a forename joined to another capitalised word is part of another name."""
    if _CAPITALISED_AFTER.match(text, token.end):
        return True
    before = _CAPITALISED_BEFORE.search(text, 0, token.start)
    if before is None:
        return False
    # "Later Tyler arrived": a capital that only starts the sentence is no name.
    left, _ = sentence_span(text, before.start(), before.start() + 1)
    return any(c.isalnum() for c in text[left : before.start()])


SEAM = 60
HEAD_LINES = 12


_PAGE_NUMBER = re.compile(r"^(?:page\s*)?-?\s*#+\s*-?(?:\s*of\s*#+)?$")


def _shape(line: str) -> str:
    return " ".join(re.sub(r"\d+", "#", line).casefold().split())


def _running_lines(blocks: list[TextBlock]) -> set[str]:
    """Shapes of the lines that head or foot several pages (running headers and footers, page
    numbers): a name broken by a page break has them between its halves."""
    seen: dict[str, int] = {}
    for block in blocks:
        lines = [line for line in block.text.splitlines() if line.strip()]
        for shape in {_shape(line) for line in lines}:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, count in seen.items() if count >= 2 or _PAGE_NUMBER.match(shape)}


def _page_seams(blocks: list[TextBlock]) -> list[tuple[int, TextBlock, int, int]]:
    """The end of each PDF page joined to the start of the next, running headers, footers and page
    numbers left out, where a name can be broken: (index of the page's block, the joined text, where
    the tail starts in the page, the tail's length)."""
    pages = [b for b in blocks if b.part is Part.PAGE]
    if len(pages) < 2:
        return []
    running = _running_lines(pages)
    seams = []
    for index, (a, b) in enumerate(itertools.pairwise(blocks)):
        if a.part is not Part.PAGE or b.part is not Part.PAGE or a.page is None or b.page != a.page + 1:
            continue
        end = len(a.text)
        for line in reversed(a.text.splitlines(keepends=True)):
            if line.strip() and _shape(line) not in running:
                break
            end -= len(line)
        end = len(a.text[:end].rstrip())
        start = max(0, end - SEAM)
        while start > 0 and not a.text[start - 1].isspace():
            start -= 1
        tail = a.text[start:end]
        # The body may go on below headers the extraction puts first: each of the first lines of
        # the next page that is not a running line is tried as the continuation.
        heads = [line for line in b.text.splitlines() if line.strip() and _shape(line) not in running]
        for head in heads[:HEAD_LINES]:
            seams.append((index, TextBlock(tail + "\n" + head[:SEAM], Part.PAGE, a.page), start, len(tail)))
    return seams


@lru_cache(maxsize=65536)
def _misspelling_keys(initial: str, surname: str) -> tuple[str, ...]:
    """The keys under which a written surname and a forename's initial look for people they could
    misspell: the surname's sound, and the surname with any one letter left out (sorted: people found
    under several keys are then scored in the same order in every run)."""
    return (pair_key(initial, surname), *sorted(deletion_keys(initial, surname)))


def _name_pairs(words: list[Token], links: Sequence[str | None]) -> list[int]:
    """Where two capitalised words stand joined as parts of one name (``words[i]``, ``words[i + 1]``):
    the only places a misspelt or an unknown name can be."""
    return [
        i for i, (a, b) in enumerate(itertools.pairwise(words)) if a.capital and b.capital and links[i] == ""
    ]


def _name_like_alias(token: Token, kinds: set[str]) -> bool:
    """A registered one-word nickname that is itself a forename or nickname ("Daz", "Gem") counts even
    at the start of a sentence; a lone forename, or an alias such as "Bear", does not."""
    return "alias only" in kinds and (is_forename(token.norm) or bool(nicknames(token.norm)))


def _next_to_number(text: str, token: Token) -> bool:
    """``16 May 2025``: a word beside a number is a date or an amount, not a name."""
    before = text[max(0, token.start - 4) : token.start]
    after = text[token.end : token.end + 4]
    return any(c.isdigit() for c in before) or any(c.isdigit() for c in after)


def _outermost(matches: list[NameMatch]) -> list[NameMatch]:
    """Drop a match that lies inside a longer one (``Smith`` inside ``Amy Smith``)."""
    keep = []
    for m in matches:
        inside = (
            o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in matches
        )
        if not any(inside):
            keep.append(m)
    return keep
