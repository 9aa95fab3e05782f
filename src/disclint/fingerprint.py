"""Passage fingerprints: a document's words, folded and masked, cut into word k-grams, hashed, winnowed.

A copied passage survives changes of case, spacing, punctuation and line breaks because only folded
words count (:func:`disclint.matching.normalise.fold`). It survives names being swapped because every
person name known to any manifest, titles (Mr, Dr), capitalised words inside a sentence, numbers,
months and weekdays are *masked*: a run of masked words becomes one placeholder, so "Tyler Brown
said", "Jackson said" and "Mr Smith said" all read ``<mask> said``. Only words written with a capital
are masked: a name that is also a word ("Will", "Brown") stays a word in lower case, and a family added
to the register after an index was built changes few of its k-grams. A few edited words break only
the k-grams that hold them.

Of the k-grams, winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest hash of every
window of ``window`` consecutive k-grams: any run of ``window + k - 1`` words shared by two documents
shares at least one fingerprint, and the same runs select the same fingerprints in both. Hashes are
keyed with the index's own salt, so they say nothing outside that index; the text is never stored.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from disclint.matching.identifiers import MONTHS
from disclint.matching.normalise import APOSTROPHES, fold

if TYPE_CHECKING:
    from disclint.manifest import Manifest
    from disclint.model import TextBlock

MASK = "\x00"
"""The placeholder a masked run of words becomes."""

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master", "prof", "sir", "dame", "rev", "cllr"})
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
_DATE_WORDS = frozenset(MONTHS) | WEEKDAYS
_TOKEN = re.compile(rf"(?P<num>\d+(?:st|nd|rd|th)?)|(?P<word>[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*)")
_SENTENCE_END = re.compile(r"[.!?]")
_LINE = re.compile(r"[^\n]+")
_DIGITS = re.compile(r"\d+")

Method = Literal["winnow", "sample"]


@dataclass(frozen=True)
class Scheme:
    """How fingerprints are chosen; an index records its scheme and queries use the same one.

    ``k`` words per k-gram. ``method`` "winnow": the minimum hash of every ``window`` consecutive
    k-grams; "sample": every k-gram whose hash is 0 modulo ``window`` (the sampling behind MinHash
    containment estimates, kept for the benchmark's comparison). ``window`` 1 keeps every k-gram.
    ``capitalised``: mask capitalised words inside a sentence as well as the register's names.
    """

    k: int = 5
    window: int = 6
    method: Method = "winnow"
    capitalised: bool = True
    bits: int = 32


class Word(NamedTuple):
    """A word of the document's stream: folded (or :data:`MASK`), its block and offsets in the block.

    A named tuple: one is made for every word of every document indexed or checked.
    """

    norm: str
    block: int
    start: int
    end: int


class Masker:
    """Decides which words are masked: person names of every manifest, titles, dates, numbers."""

    def __init__(self, names: Iterable[str] = (), capitalised: bool = True) -> None:
        self.names = frozenset(names)
        self.capitalised = capitalised

    @classmethod
    def from_names(cls, people: Iterable[str], capitalised: bool = True) -> Masker:
        """Every word of the given names of people."""
        names = {fold(m.group()) for name in people for m in _TOKEN.finditer(name) if m.group("word")}
        return cls(names, capitalised)

    @classmethod
    def from_manifests(cls, manifests: Iterable[Manifest], capitalised: bool = True) -> Masker:
        """Every word of every subject's name and alias and every professional's name."""
        return cls.from_names(person_names(manifests), capitalised)

    def masked(self, raw: str, norm: str, sentence_start: bool) -> bool:
        """True when the word ``raw`` (folded: ``norm``) is hidden behind the placeholder."""
        if not raw[0].isupper():
            return False
        if norm in self.names or norm in TITLES or norm in _DATE_WORDS:
            return True
        return self.capitalised and not sentence_start and any(c.islower() for c in raw[1:])


def person_names(manifests: Iterable[Manifest]) -> Iterator[str]:
    """The names and aliases of every subject and the name of every professional of ``manifests``."""
    for manifest in manifests:
        for subject in manifest.subjects:
            yield subject.name
            yield from subject.aliases
        for professional in manifest.professionals:
            yield professional.name


def words(blocks: Sequence[TextBlock], masker: Masker) -> list[Word]:
    """The words of all blocks in order, as one stream; runs of masked words become one placeholder.

    A word starts a sentence after ``.``, ``!`` or ``?`` or at the start of the stream, never merely
    at a line or block start, so that the same passage reads the same from a Word file and from a PDF
    whose lines were wrapped differently.
    """
    out: list[Word] = []
    sentence_start = True
    previous = ""
    running = running_lines(blocks)
    for number, block in enumerate(blocks):
        text = block.text
        skip = running.get(number, ())
        stops = [m.start() for m in _SENTENCE_END.finditer(text)]  # sentence ends, in order
        stop = 0
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if skip and any(a <= start < b for a, b in skip):
                continue
            if stop < len(stops) and stops[stop] < start:
                while stop < len(stops) and stops[stop] < start:
                    stop += 1
                # "Mr. Brown", "T. Brown": the full stop of a title or an initial ends no sentence.
                sentence_start = sentence_start or not _abbreviation(previous)
            raw = previous = match.group()
            if match.lastgroup == "num":
                norm = MASK
            else:
                norm = fold(raw)
                if raw[0].isupper() and masker.masked(raw, norm, sentence_start):
                    norm = MASK
            sentence_start = False
            if norm == MASK and out and out[-1].norm == MASK and out[-1].block == number:
                out[-1] = Word(MASK, number, out[-1].start, end)
                continue
            out.append(Word(norm, number, start, end))
        if stop < len(stops) and not _abbreviation(previous):
            sentence_start = True
    return out


def running_lines(blocks: Sequence[TextBlock]) -> dict[int, list[tuple[int, int]]]:
    """Spans of the running header and footer lines of PDF pages, by block number.

    A PDF page's text holds its header and footer ("OFFICIAL-SENSITIVE", "Page 2 of 5"), so a passage
    that runs over a page break has them in its middle. The first and last two lines of a page that
    recur on another page (numbers aside) are left out of the stream, as they would be in a Word file.
    """
    pages: list[tuple[int, list[tuple[int, int, str]]]] = []
    for number, block in enumerate(blocks):
        if block.page is None or block.part.value != "page":
            continue
        lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(block.text) if m.group().strip()]
        pages.append((number, lines[:2] + lines[2:][-2:]))
    if len(pages) < 2:
        return {}
    seen: dict[str, set[int]] = {}
    for number, lines in pages:
        for _, _, line in lines:
            seen.setdefault(_DIGITS.sub("#", line.strip().casefold()), set()).add(number)
    out: dict[int, list[tuple[int, int]]] = {}
    for number, lines in pages:
        for start, end, line in lines:
            if len(seen[_DIGITS.sub("#", line.strip().casefold())]) > 1:
                out.setdefault(number, []).append((start, end))
    return out


def _abbreviation(word: str) -> bool:
    return len(word) == 1 or fold(word) in TITLES


def kgram_hashes(norms: Sequence[str], k: int, salt: bytes, bits: int = 32) -> list[int]:
    """The keyed hash of every run of ``k`` words, as a signed integer of ``bits`` bits."""
    shift = 64 - bits
    half = 1 << (bits - 1)
    out = []
    keyed = hashlib.blake2b(digest_size=8, key=salt)  # copied for each k-gram: the key is read once
    from_bytes = int.from_bytes
    for i in range(len(norms) - k + 1):
        blake = keyed.copy()
        blake.update("\x1f".join(norms[i : i + k]).encode())
        out.append((from_bytes(blake.digest(), "little") >> shift) - half)
    return out


def winnow(hashes: Sequence[int], window: int) -> list[tuple[int, int]]:
    """Robust winnowing: the rightmost minimum of every window, each position recorded once."""
    if window <= 1:
        return list(zip(hashes, range(len(hashes)), strict=True))
    chosen: list[tuple[int, int]] = []
    queue: deque[int] = deque()  # positions whose hashes increase from left to right
    last = -1
    for i, value in enumerate(hashes):
        while queue and hashes[queue[-1]] >= value:
            queue.pop()
        queue.append(i)
        if queue[0] <= i - window:
            queue.popleft()
        if i >= window - 1 or i == len(hashes) - 1:
            best = queue[0]
            if best != last:
                chosen.append((hashes[best], best))
                last = best
    return chosen


def sample(hashes: Sequence[int], modulus: int) -> list[tuple[int, int]]:
    """Every k-gram whose hash is 0 modulo ``modulus`` (fixed sampling)."""
    return [(h, i) for i, h in enumerate(hashes) if h % modulus == 0]


def select(hashes: Sequence[int], scheme: Scheme) -> list[tuple[int, int]]:
    """The fingerprints among the k-gram hashes of a stream: ``(hash, word position)`` in order."""
    if scheme.method == "sample":
        return sample(hashes, scheme.window)
    return winnow(hashes, scheme.window)


def fingerprints(stream: Sequence[Word], scheme: Scheme, salt: bytes) -> list[tuple[int, int]]:
    """``(hash, word position)`` of the fingerprints of a word stream, in position order."""
    return select(kgram_hashes([w.norm for w in stream], scheme.k, salt, scheme.bits), scheme)
