"""The register: every case's people and identifiers, and what counts as foreign for one case.

The indexes are built once for all cases; :meth:`Register.view` gives the view of one case, which
filters out that case's own entries and anything that fits a person or phrase permitted in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from disclint.manifest import Manifest
from disclint.matching.identifiers import (
    IdentifierEntry,
    IdentifierIndex,
    chunk_key,
    phone_key,
    postcodes,
    street_line,
)
from disclint.matching.names import NameEntry, NameHit, NameIndex
from disclint.matching.normalise import Token, name_key, tokens

# A purely numeric id or reference this short is a common number in prose; it counts only after
# a word such as "case", "ref" or "no.".
_SHORT_NUMBER = 6


def _identifiers(manifest: Manifest) -> Iterable[IdentifierEntry]:
    case = manifest.case
    for ident, kind in [(case, "case id")] + [(r, "reference") for r in manifest.references]:
        key = chunk_key(ident)
        yield IdentifierEntry(key, kind, case, ident, None, key.isdigit() and len(key) < _SHORT_NUMBER)
    for subject in manifest.subjects:
        owner = subject.name
        if subject.nhs_number:
            yield IdentifierEntry(subject.nhs_number, "NHS number", case, subject.nhs_number, owner)
        if subject.dob:
            yield IdentifierEntry(
                subject.dob.isoformat(), "date of birth", case, subject.dob.isoformat(), owner
            )
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


def _names(manifest: Manifest) -> Iterable[NameEntry]:
    for subject in manifest.subjects:
        yield NameEntry(name_key(subject.name), manifest.case, subject.name, subject.role, "full name")
        for alias in subject.aliases:
            yield NameEntry(name_key(alias), manifest.case, subject.name, subject.role, "alias")


def _permitted_names(manifest: Manifest) -> NameIndex:
    index = NameIndex()
    for subject in manifest.subjects:
        for name in (subject.name, *subject.aliases):
            index.add_phrase(name, manifest.case, "subject", subject.role)
    for professional in manifest.professionals:
        index.add_phrase(professional.name, manifest.case, "professional", professional.role)
    for phrase in manifest.allow:
        index.add_phrase(phrase, manifest.case, "allow")
    return index


@dataclass(frozen=True)
class NameMatch:
    """A foreign name found in a block: the span, and the register entries it fits."""

    start: int
    end: int
    entries: tuple[NameEntry, ...]
    tokens: tuple[Token, ...]
    also_professional: tuple[str, ...] = ()


@dataclass(frozen=True)
class IdentifierMatch:
    start: int
    end: int
    entries: tuple[IdentifierEntry, ...]


class Register:
    """People and identifiers of all cases of a cases directory."""

    def __init__(self, cases: Mapping[str, Manifest]) -> None:
        self.cases = dict(cases)
        self.names = NameIndex(e for m in self.cases.values() for e in _names(m))
        self.identifiers = IdentifierIndex(e for m in self.cases.values() for e in _identifiers(m))
        self.professionals: dict[tuple[str, ...], list[str]] = {}
        for manifest in self.cases.values():
            for professional in manifest.professionals:
                self.professionals.setdefault(name_key(professional.name), []).append(manifest.case)
        self._views: dict[str, CaseView] = {}

    def view(self, manifest: Manifest) -> CaseView:
        """What is foreign to ``manifest``'s case, cached per case."""
        view = self._views.get(manifest.case)
        if view is None or view.manifest is not manifest:
            view = self._views[manifest.case] = CaseView(self, manifest)
        return view

    def title(self, case: str) -> str:
        manifest = self.cases.get(case)
        return manifest.label if manifest else f"case {case}"


class CaseView:
    """The register as seen from one case: its own people, professionals and ``allow`` are not foreign."""

    def __init__(self, register: Register, manifest: Manifest) -> None:
        self.register = register
        self.manifest = manifest
        self.permitted = _permitted_names(manifest)

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
                names.add(NameEntry(name_key(item.text), case, item.text, reason, "withheld"))
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

    @cached_property
    def own_identifiers(self) -> frozenset[str]:
        """Keys of this case's own identifiers: never flagged, even where another case shares them."""
        return frozenset(e.key for e in _identifiers(self.manifest))

    def names(self, text: str) -> list[NameMatch]:
        """Foreign names in ``text``: register hits of other cases not covered by a permitted name."""
        words = tokens(text)
        allowed = [(h.start, h.end) for h in self.permitted.scan(text, words)]
        matches = []
        for hit in self.register.names.scan(text, words):
            entries = tuple(e for e in hit.entries if e.case != self.manifest.case)
            if not entries or hit.key in self.permitted:
                continue
            if any(s <= hit.start and hit.end <= e for s, e in allowed):
                continue
            matches.append(self._match(hit, entries))
        return _outermost(matches)

    def _match(self, hit: NameHit, entries: tuple[NameEntry, ...]) -> NameMatch:
        elsewhere = tuple(self.register.professionals.get(hit.key, ()))
        return NameMatch(hit.start, hit.end, entries, hit.tokens, elsewhere)

    def identifiers(self, text: str) -> list[IdentifierMatch]:
        """Other cases' identifiers in ``text``; this case's own never count."""
        own = self.own_identifiers
        out = []
        for hit in self.register.identifiers.scan(text):
            if any(e.key in own for e in hit.entries):
                continue
            entries = tuple(e for e in hit.entries if e.case != self.manifest.case)
            if entries:
                out.append(IdentifierMatch(hit.start, hit.end, entries))
        return out


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
