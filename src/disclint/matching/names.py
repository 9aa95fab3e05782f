"""Find names in text: a dictionary from folded token sequences to the people they name.

Every name form (full name, alias, and later issue's variants) is a key of the same dictionary, so a
block is scanned once whatever the size of the register: at each token, sequences of one to ``longest``
tokens are looked up. Variants slot in as more keys with another ``kind`` and ``score``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from disclint.matching.normalise import Token, name_key, tokens
from disclint.matching.normalise import links as links_of


class NameEntry(NamedTuple):
    """One way of writing one person's name, and who that person is (a named tuple: a check makes
    thousands)."""

    key: tuple[str, ...]
    case: str
    person: str
    role: str | None
    kind: str
    score: float = 100.0


@dataclass(frozen=True, slots=True)
class NameHit:
    """A span of a block that spells a key of the index."""

    start: int
    end: int
    key: tuple[str, ...]
    entries: tuple[NameEntry, ...]
    tokens: tuple[Token, ...]


class NameIndex:
    """A set of name keys, each mapped to the entries it stands for."""

    def __init__(self, entries: Iterable[NameEntry] = ()) -> None:
        self._keys: dict[tuple[str, ...], list[NameEntry]] = {}
        # The first words of the keys: a scan looks no further at a word that starts none.
        self._firsts: set[str] = set()
        self.longest = 0
        for entry in entries:
            self.add(entry)

    def add(self, entry: NameEntry) -> None:
        if not entry.key:
            return
        self._keys.setdefault(entry.key, []).append(entry)
        self._firsts.add(entry.key[0])
        self.longest = max(self.longest, len(entry.key))

    def extend(self, entries: Iterable[NameEntry]) -> None:
        """``add`` each of ``entries``, in order (for the thousands a check indexes)."""
        keys, firsts, longest = self._keys, self._firsts, self.longest
        for entry in entries:
            key = entry.key
            if not key:
                continue
            same = keys.get(key)
            if same is None:
                keys[key] = [entry]
            else:
                same.append(entry)
            firsts.add(key[0])
            longest = max(longest, len(key))
        self.longest = longest

    def add_phrase(self, phrase: str, case: str, kind: str, role: str | None = None) -> None:
        self.add(NameEntry(name_key(phrase), case, phrase, role, kind))

    def merged(self, other: NameIndex) -> NameIndex:
        """A new index holding the entries of both."""
        out = NameIndex()
        for index in (self, other):
            for key, entries in index._keys.items():
                out._keys.setdefault(key, []).extend(entries)
            out._firsts |= index._firsts
            out.longest = max(out.longest, index.longest)
        return out

    def all_keys(self) -> Iterable[tuple[str, ...]]:
        return self._keys.keys()

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: tuple[str, ...]) -> tuple[NameEntry, ...]:
        return tuple(self._keys.get(key, ()))

    def scan(
        self, text: str, words: list[Token] | None = None, links: Sequence[str | None] | None = None
    ) -> Iterator[NameHit]:
        """Every span of ``text`` that spells a key, longest first at each position.

        Overlapping hits are all reported (``Amy Smith-Jones`` and ``Smith-Jones``): the caller decides
        which one wins, because a shorter key can belong to a different person.
        """
        words = tokens(text) if words is None else words
        keys = self._keys
        firsts = self._firsts
        if links is None:
            links = links_of(text, words)
        for i in range(len(words)):
            if words[i].norm not in firsts:
                continue
            key: tuple[str, ...] = (words[i].norm,)
            span = [words[i]]
            windows = [(key, len(span))]
            j = i
            while len(key) < self.longest and j < len(links) and links[j] is not None:
                joint = links[j]
                key = (*key, joint, words[j + 1].norm) if joint else (*key, words[j + 1].norm)
                j += 1
                span.append(words[j])
                windows.append((key, len(span)))
            for key, n in reversed(windows):
                found = keys.get(key)
                if found:
                    yield NameHit(
                        words[i].start, words[i + n - 1].end, key, tuple(found), tuple(words[i : i + n])
                    )
