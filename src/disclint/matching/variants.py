"""The ways a name is written: variant keys of a register name, and fuzzy scoring of a written pair.

A name ``Tyler James Brown`` is also written ``Tyler Brown``, ``BROWN, Tyler``, ``Brown Tyler``,
``T. Brown``, ``T.J. Brown``, ``Ty Brown`` (a nickname from the maintained ``nicknames`` dataset plus
UK forms in ``rules/data/nicknames-uk.yaml``), ``Mrs Brown`` and, for ``Smith-Hart``, ``Zoe Smith``
or ``Zoe Hart``. Each variant is a key of folded tokens with a ``kind`` and a ``score`` (how sure a
match of that form is); ``","`` stands for a comma between tokens. Misspellings (``Tylar Brwon``) are
not keys: :func:`fuzzy` scores a written forename and surname against a person, forename and surname
separately, after a phonetic key has picked the candidates.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import jellyfish
from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from disclint.matching.normalise import fold, name_key
from disclint.resources import data

if TYPE_CHECKING:
    from nicknames import NickNamer

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr")
COMMA = ","
# Words that start a surname ("Leanne de Souza", "Pieter van der Berg").
PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "le", "la", "ap", "bin"}
)


class NameParts(NamedTuple):
    """A name split for variants: forenames (first and middle) and surname parts, all folded.

    A named tuple: a check makes one for each of its thousand candidate people."""

    forenames: tuple[str, ...]
    surname: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.forenames[0] if self.forenames else ""


@lru_cache(maxsize=65536)
def split_name(name: str) -> NameParts:
    """``"Zoë Smith-Hart"`` -> forenames ``("zoe",)``, surname ``("smith", "hart")``."""
    words = name.split()
    if len(words) < 2:
        return NameParts(name_key(name), ())
    start = len(words) - 1
    for index in range(1, len(words) - 1):
        if words[index].lower() in PARTICLES:
            start = index
            break
    return NameParts(name_key(" ".join(words[:start])), name_key(" ".join(words[start:])))


@lru_cache(maxsize=1)
def _nickname_sources() -> tuple[dict[str, set[str]], NickNamer]:
    """The UK table (both directions) and the maintained dataset, loaded once on first use."""
    from nicknames import NickNamer

    table: dict[str, set[str]] = {}
    for formal, shorts in (data("nicknames-uk.yaml") or {}).items():
        for short in shorts:
            a, b = fold(str(formal)), fold(str(short))
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return table, NickNamer()


@lru_cache(maxsize=65536)
def nicknames(forename: str) -> frozenset[str]:
    """Other forms of a folded forename: Tom <-> Thomas, Bill <-> William, Daz <-> Darren."""
    table, namer = _nickname_sources()
    found = set(table.get(forename, ())) | namer.nicknames_of(forename) | namer.canonicals_of(forename)
    found.discard(forename)
    return frozenset(fold(n) for n in found if n.isalpha())


@lru_cache(maxsize=1)
def common_forenames() -> frozenset[str]:
    """Common UK forenames (``rules/data/forenames-uk.yaml``)."""
    return frozenset(fold(str(w)) for w in data("forenames-uk.yaml") or ())


@lru_cache(maxsize=65536)
def is_forename(word: str) -> bool:
    """A folded word that is a forename: a common UK one, or a formal name of the nickname data
    (its nicknames alone are not: the dataset lists "duty" as a short form of Deuteronomy)."""
    if word in common_forenames():
        return True
    table, namer = _nickname_sources()
    return bool(namer.nicknames_of(word)) or (word in table and len(word) >= 4)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Names that are also everyday words: a name holding one counts only where written with a capital."""
    return frozenset(fold(str(w)) for w in data("name-words.yaml") or ())


class Variant(NamedTuple):
    key: tuple[str, ...]
    kind: str
    score: float


@lru_cache(maxsize=65536)
def variants(name: str) -> tuple[Variant, ...]:
    """Every key under which ``name`` may be written, with its kind and score."""
    return variants_of(split_name(name))


@lru_cache(maxsize=65536)
def variants_of(parts: NameParts) -> tuple[Variant, ...]:
    """Every variant of a name already split (its full key is its forenames and its surname)."""
    return tuple(_variants(parts))


def _variants(parts: NameParts) -> Iterator[Variant]:
    full = (*parts.forenames, *parts.surname)
    yield Variant(full, "full name", 100.0)
    if not parts.surname or not parts.forenames:
        return
    first, middles, surname = parts.first, parts.forenames[1:], parts.surname
    if middles:
        yield Variant((first, *surname), "without middle name", 95.0)
    if len(surname) > 1:
        for half in surname:
            if half not in PARTICLES:
                yield Variant((first, half), "one half of the surname", 85.0)
    yield Variant((*surname, COMMA, first), "surname, forename", 95.0)
    if middles:
        yield Variant((*surname, COMMA, *parts.forenames), "surname, forenames", 95.0)
    yield Variant((*surname, first), "surname first", 90.0)
    yield Variant((first[0], *surname), "initial and surname", 75.0)
    if middles:
        yield Variant((first[0], *(m[0] for m in middles), *surname), "initials and surname", 80.0)
    yield Variant((*surname, COMMA, first[0]), "surname, initial", 75.0)
    for short in sorted(nicknames(first)):
        yield Variant((short, *surname), "nickname", 85.0)
        yield Variant((*surname, COMMA, short), "surname, nickname", 85.0)
    for title in TITLES:
        yield Variant((title, *surname), "title and surname", 70.0)


def variants_within(parts: NameParts, words: Container[str]) -> list[Variant]:
    """The variants of a name that a text holding only ``words`` can spell: those whose every word
    (a comma aside) is one of ``words``, in the order of :func:`variants_of`.

    The same list as filtering ``variants_of(parts)``, without making the forms that cannot be there:
    a check builds them for a thousand candidate people, most of whose forms its document lacks.
    """
    forenames, surname = parts.forenames, parts.surname
    has_surname = all(p in words for p in surname)
    out = []
    if has_surname and all(f in words for f in forenames):
        out.append(Variant((*forenames, *surname), "full name", 100.0))
    if not surname or not forenames:
        return out
    first, middles = forenames[0], forenames[1:]
    has_first = first in words
    if middles and has_first and has_surname:
        out.append(Variant((first, *surname), "without middle name", 95.0))
    if len(surname) > 1 and has_first:
        out += [
            Variant((first, half), "one half of the surname", 85.0)
            for half in surname
            if half not in PARTICLES and half in words
        ]
    if not has_surname:
        return out
    if has_first:
        out.append(Variant((*surname, COMMA, first), "surname, forename", 95.0))
    if middles and all(f in words for f in forenames):
        out.append(Variant((*surname, COMMA, *forenames), "surname, forenames", 95.0))
    if has_first:
        out.append(Variant((*surname, first), "surname first", 90.0))
    initial = first[0]
    if initial in words:
        out.append(Variant((initial, *surname), "initial and surname", 75.0))
        if middles and all(m[0] in words for m in middles):
            out.append(Variant((initial, *(m[0] for m in middles), *surname), "initials and surname", 80.0))
        out.append(Variant((*surname, COMMA, initial), "surname, initial", 75.0))
    for short in sorted(nicknames(first)):
        if short in words:
            out.append(Variant((short, *surname), "nickname", 85.0))
            out.append(Variant((*surname, COMMA, short), "surname, nickname", 85.0))
    out += [Variant((title, *surname), "title and surname", 70.0) for title in TITLES if title in words]
    return out


def _part_score(written: str, known: str) -> float:
    """How alike one written name part is to a known one (0-100). Edits are counted with a swap of
    two neighbouring letters as one (Jhon/John, Neol/Noel), as people slip."""
    if written == known:
        return 100.0
    distance = OSA.distance(written, known)
    if distance <= (2 if min(len(written), len(known)) >= 5 else 1):
        return max(ratio(written, known), 85.0)
    return ratio(written, known)


def _forename_score(written: str, known: str) -> float:
    if written == known or written in nicknames(known):
        return 100.0
    score = _part_score(written, known)
    if score < 80 and len(written) >= 4 and jellyfish.metaphone(written) == jellyfish.metaphone(known):
        return 80.0  # sounds the same: Kathryn/Katherine, Gray/Gary
    return score


def fuzzy(forename: str, surname: str, parts: NameParts) -> tuple[str, float] | None:
    """Score a written ``forename surname`` (folded) against a person; ``None`` if it is not them.

    Forename and surname are scored separately so that a close surname cannot carry a wrong forename:
    each must reach 80, with a nickname or a forename that sounds the same counting for the forename.
    The written surname is scored against the whole surname and against each half of a
    double-barrelled one (``Ashcomb`` of ``Ashcombe-Trent``).
    """
    if not parts.surname or not parts.forenames:
        return None
    known = {"".join(parts.surname), *(p for p in parts.surname if p not in PARTICLES)}
    s_score = max(_part_score(surname, k) for k in known)
    if s_score < 80:
        return None
    f_score = _forename_score(forename, parts.first)
    if f_score < 80 or (f_score == 100.0 and s_score == 100.0):
        return None
    return "misspelling", round(min(99.0, (f_score + s_score) / 2), 1)
