"""Find identifiers in text whatever their spacing: references, NHS numbers, postcodes, phones,
emails and dates of birth.

References, NHS numbers, postcodes, street lines and phone numbers are matched the same way: the text
is cut into alphanumeric chunks (``LA``, ``2024``, ``1042``), runs of chunks separated by at most a few
spaces, dashes, slashes, dots or brackets are joined and upper-cased (``LA20241042``), and looked up in
one dictionary. So ``943 476 5919``, ``943-476-5919`` and ``9434765919`` are one key, and so are
``TR1 2AB`` and ``tr12ab``. Phone numbers are folded to their national form (``+44 (0)7700 900123`` ->
``07700900123``). Emails are matched case-insensitively; dates are parsed from common UK forms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

_CHUNK = re.compile(r"[A-Za-z0-9]+")
# Every identifier but an email address holds a digit, and so does every date: a block without one
# (most paragraphs of prose) holds none of them.
_DIGIT = re.compile(r"\d")
_CHUNK_GAP = re.compile(r"[ \t\r\n\-‐‑–/.()]{0,3}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'’-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CUE = re.compile(
    r"(?:\bcase|\bref(?:erence)?|\bfile|\bid|\bno|\bnumber|#)\s*(?:no\.?|number|id)?[\s.:#-]*$",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
_STREET = re.compile(r"\b(\d+[A-Za-z]?(?:-\d+)?\s+[A-Za-z][A-Za-z' .-]*?)\s*$")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATES = [
    re.compile(r"\b(?P<day>[0-3]?\d)[/.\-](?P<mon>[01]?\d)[/.\-](?P<year>\d{4}|\d{2})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
]


class IdentifierEntry(NamedTuple):
    """One identifier of one case: ``kind`` is what it is, ``owner`` whose it is (or ``None``). A named
    tuple: a shared phone number brings hundreds."""

    key: str
    kind: str
    case: str
    value: str
    owner: str | None = None
    needs_cue: bool = False


@dataclass(frozen=True, slots=True)
class IdentifierHit:
    start: int
    end: int
    entries: tuple[IdentifierEntry, ...]


def chunk_key(text: str) -> str:
    """The lookup key of an identifier as written: its alphanumerics, upper-cased."""
    return "".join(_CHUNK.findall(text)).upper()


def phone_key(text: str) -> str:
    """A phone number in national form: ``+44 (0)7700 900123`` -> ``07700900123``."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("440") and len(digits) == 13:
        return digits[2:]
    if digits.startswith("44") and len(digits) == 12:
        return "0" + digits[2:]
    return digits


def postcodes(text: str) -> list[str]:
    """The UK postcodes in an address, as keys (``TR12AB``)."""
    return [(a + b).upper() for a, b in _POSTCODE.findall(text)]


def street_line(address: str) -> str | None:
    """The house number and street of an address (``12 High Street``), wherever it stands in the
    first parts: ``Flat 4, 19 Westfield Grove, Crewkerne`` gives ``19 Westfield Grove``."""
    for part in address.split(",")[:3]:
        match = _STREET.search(part)
        if match and not _POSTCODE.search(part):
            return match.group(1).strip()
    return None


def parse_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    try:
        day = int(groups["day"])
        month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mon"])
        year = int(groups["year"])
        if year < 100:
            year += 2000 if year <= dt.date.today().year % 100 else 1900
        return dt.date(year, month, day)
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> Iterator[tuple[int, int, dt.date]]:
    """Dates written in common UK forms, with their spans; overlapping forms are reported once."""
    taken: list[tuple[int, int]] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            date = parse_date(match)
            if date is not None:
                taken.append(match.span())
                yield match.start(), match.end(), date


def reach(entry: IdentifierEntry) -> int:
    """How many alphanumeric chunks an identifier may be written in: as stored (``LA-2025-1002``: 3)
    and a few more, since ``07700 900456`` is also ``+44 (0)7700 900 456``."""
    return _reach(entry.value, entry.kind == "phone")


@lru_cache(maxsize=4096)
def _reach(value: str, phone: bool) -> int:
    # Cached: the two hundred holders of one shared phone number are one value.
    return len(_CHUNK.findall(value)) + (3 if phone else 2)


def candidate_keys(text: str, longest: int) -> set[str]:
    """Every key an identifier in ``text`` could have: runs of up to ``longest`` chunks that hold a
    digit (and their phone forms), email addresses, and the ISO forms of dates. A store of millions
    of identifiers is asked only for these."""
    keys: set[str] = set()
    if "@" in text:
        keys.update(m.group().lower().rstrip(".") for m in _EMAIL.finditer(text))
    if not _DIGIT.search(text):
        return keys
    chunks = list(_CHUNK.finditer(text))
    count = len(chunks)
    # Prose is skipped quickly: a run can only spell a key if a chunk with a digit is within reach.
    next_digit = [count] * (count + 1)
    for k in range(count - 1, -1, -1):
        next_digit[k] = next_digit[k + 1] if chunks[k].group().isalpha() else k
    for i in range(count):
        if next_digit[i] - i >= longest:
            continue
        joined = ""
        for n in range(longest):
            if i + n >= count:
                break
            if n and not _CHUNK_GAP.fullmatch(text, chunks[i + n - 1].end(), chunks[i + n].start()):
                break
            joined += chunks[i + n].group().upper()
            if i + n >= next_digit[i]:
                keys.add(joined)
                if joined.isdigit():
                    keys.add(phone_key(joined))
    keys.update(date.isoformat() for _, _, date in find_dates(text))
    return keys


class IdentifierIndex:
    """Identifiers of many cases, found in text in one pass whatever the register's size."""

    def __init__(self, entries: Iterable[IdentifierEntry] = (), longest: int = 1) -> None:
        self._chunks: dict[str, list[IdentifierEntry]] = {}
        self._emails: dict[str, list[IdentifierEntry]] = {}
        self._dates: dict[dt.date, list[IdentifierEntry]] = {}
        self._letters_only = False
        self.longest = longest
        for entry in entries:
            self.add(entry)

    def add(self, entry: IdentifierEntry) -> None:
        if entry.kind == "email":
            self._emails.setdefault(entry.key, []).append(entry)
        elif entry.kind == "date of birth":
            self._dates.setdefault(dt.date.fromisoformat(entry.key), []).append(entry)
        elif entry.key:
            same = self._chunks.get(entry.key)
            if same is None:
                same = self._chunks[entry.key] = []
                self._letters_only = self._letters_only or not any(c.isdigit() for c in entry.key)
            same.append(entry)
            self.longest = max(self.longest, reach(entry))

    def scan(self, text: str) -> Iterator[IdentifierHit]:
        yield from self._scan_emails(text)
        digits = _DIGIT.search(text) is not None
        if digits or self._letters_only:
            yield from self._scan_chunks(text)
        if digits and self._dates:
            for start, end, date in find_dates(text):
                if date in self._dates:
                    yield IdentifierHit(start, end, tuple(self._dates[date]))

    def _scan_emails(self, text: str) -> Iterator[IdentifierHit]:
        if not self._emails or "@" not in text:
            return
        for match in _EMAIL.finditer(text):
            address = match.group().lower().rstrip(".")
            found = self._emails.get(address)
            if found:
                yield IdentifierHit(match.start(), match.start() + len(address), tuple(found))

    def _scan_chunks(self, text: str) -> Iterator[IdentifierHit]:
        if not self._chunks:
            return
        chunks = list(_CHUNK.finditer(text))
        # Index of the first chunk at or after each position that holds a digit: a window of words
        # alone cannot spell a key unless some key is all letters, so prose is skipped quickly.
        next_digit = [len(chunks)] * (len(chunks) + 1)
        for k in range(len(chunks) - 1, -1, -1):
            has_digit = any(c.isdigit() for c in chunks[k].group())
            next_digit[k] = k if has_digit else next_digit[k + 1]
        i = 0
        while i < len(chunks):
            hit = self._longest_at(text, chunks, i, next_digit[i])
            if hit is None:
                i += 1
                continue
            n, candidates = hit
            start, end = chunks[i].start(), chunks[i + n - 1].end()
            if start > 0 and text[start - 1] == "+":
                start -= 1
            before = text[max(0, start - 30) : start]
            entries = tuple(e for e in candidates if not e.needs_cue or _CUE.search(before))
            if entries:
                yield IdentifierHit(start, end, entries)
                i += n
            else:
                i += 1

    def _longest_at(
        self, text: str, chunks: list[re.Match[str]], i: int, digit_at: int
    ) -> tuple[int, list[IdentifierEntry]] | None:
        shortest = 1 if self._letters_only else digit_at - i + 1
        if shortest > self.longest:
            return None
        reach = 1
        while (
            reach < self.longest
            and i + reach < len(chunks)
            and _CHUNK_GAP.fullmatch(text, chunks[i + reach - 1].end(), chunks[i + reach].start())
        ):
            reach += 1
        for n in range(reach, shortest - 1, -1):
            joined = "".join(m.group() for m in chunks[i : i + n]).upper()
            found = self._chunks.get(joined)
            if found is None and joined.isdigit():
                found = self._chunks.get(phone_key(joined))
            if found:
                return n, found
        return None
