"""Tokens with offsets, normalised so that spelling noise does not hide a name.

Case, diacritics (Zoë/Zoe), apostrophes (O'Neill, O’Neill, ONeill) and possessives (Brown's) are folded
away; a token keeps the offsets of its text in the block, so a finding can point at what was written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

APOSTROPHES = "'’‘`´ʼ"
_WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
_POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$", re.IGNORECASE)
_APOSTROPHE = re.compile(rf"[{APOSTROPHES}]")


class Token(NamedTuple):
    """A word of a text block: ``norm`` is its folded form, ``start``/``end`` its offsets.

    A named tuple: a check makes one for every word of a document, and a tuple is made fastest.
    """

    norm: str
    start: int
    end: int
    text: str
    capital: bool  # written with a capital first letter

    @property
    def capitalised(self) -> bool:
        return self.capital


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Fold one word: strip a possessive and apostrophes, drop diacritics, casefold."""
    if word.isascii() and "'" not in word and "`" not in word:
        return word.lower()  # the common case: nothing to strip or decompose
    word = _POSSESSIVE.sub("", word)
    word = _APOSTROPHE.sub("", word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with offsets; hyphens, digits and punctuation separate words."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        out.append(Token(fold(word), m.start(), m.end(), word, word[0].isupper()))
    return out


def name_key(name: str) -> tuple[str, ...]:
    """The folded token sequence of a name or phrase, as the indexes store it."""
    return tuple(t.norm for t in tokens(name))


_GAP_OK = re.compile(r"[\s\-‐‑–—]*")
_GAP_COMMA = re.compile(r"[ \t]*,\s*")
# Titles written with a full stop ("Mrs. Brown"), like initials ("T. Brown").
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "mx", "dr", "miss"})


def link(text: str, left: Token, right: Token) -> str | None:
    """How two neighbouring tokens are linked: ``""`` as parts of one name, ``","`` by a comma
    (``BROWN, Tyler``), ``None`` not at all."""
    if joined(text, left, right):
        return ""
    if _GAP_COMMA.fullmatch(text, left.end, right.start):
        return ","
    return None


def links(text: str, words: list[Token]) -> list[str | None]:
    """:func:`link` of each word of ``text`` and the next (a single space, the usual gap, joins)."""
    out: list[str | None] = []
    for left, right in itertools.pairwise(words):
        if right.start - left.end == 1 and text[left.end] == " ":
            out.append("")
        else:
            out.append(link(text, left, right))
    return out


def joined(text: str, left: Token, right: Token) -> bool:
    """True when two tokens are parts of one name: only spaces, line breaks or hyphens between them.

    A full stop is allowed after an initial or a title (``T. Brown``, ``Mrs. Brown``) but not after a
    word, so that a sentence end (``…told Tyler. Brown said…``) does not join two names.
    """
    gap = text[left.end : right.start]
    if _GAP_OK.fullmatch(gap):
        return True
    if (len(left.text) == 1 or left.norm in _ABBREVIATIONS) and gap.startswith("."):
        return _GAP_OK.fullmatch(gap[1:]) is not None
    return False


_SENTENCE_END = re.compile(
    r"(?<=[.!?;])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)])\s)"
)
CONTEXT_LIMIT = 240


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``[start, end)``, at most about ``CONTEXT_LIMIT`` characters."""
    left = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            break
        left = match.end()
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    if right - left > CONTEXT_LIMIT:
        half = (CONTEXT_LIMIT - (end - start)) // 2
        left = max(left, start - max(half, 40))
        right = min(right, end + max(half, 40))
    return left, right


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around a match, on one line."""
    left, right = sentence_span(text, start, end)
    return " ".join(text[left:right].split())
