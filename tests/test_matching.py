"""The matching building blocks (issue 4 at scale): the fast paths give what the slow ones give."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from disclint.matching.identifiers import IdentifierEntry, IdentifierIndex, candidate_keys
from disclint.matching.names import NameEntry, NameIndex
from disclint.matching.normalise import _APOSTROPHE, _POSSESSIVE, fold, link, links, name_key, tokens
from disclint.matching.variants import split_name, variants, variants_of, variants_within

NAMES = [
    "Tyler James Brown",
    "Zoë Smith-Hart",
    "Leanne de Souza",
    "Pieter van der Berg",
    "Elizabeth Anne O'Neill",
    "William Henry Macdonald",
    "Daz",
    "Mary-Jane",
    "T J Brown",
    "Anne-Marie de la Cruz Smith",
    "Will Grace",
    "123 Smith",
]


@pytest.mark.parametrize("name", NAMES)
def test_variants_within_are_the_variants_a_text_can_hold(name: str) -> None:
    parts = split_name(name)
    every = variants_of(parts)
    assert every == variants(name)
    assert every[0].key == name_key(name)  # the full name: forenames then surname
    pool = sorted({t for v in every for t in v.key if t != ","} | {"x"})
    subsets = [set(c) for r in range(4) for c in itertools.combinations(pool, r)]
    subsets += [set(pool) - set(c) for r in range(4) for c in itertools.combinations(pool, r)]
    for words in subsets:
        wanted = [v for v in every if all(t in words or t == "," for t in v.key)]
        assert variants_within(parts, words) == wanted, words


def _slow_fold(word: str) -> str:
    word = _APOSTROPHE.sub("", _POSSESSIVE.sub("", word))
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


WORDS = ["Brown", "BROWN", "brown", "Brown's", "O'Neill", "O’Neill", "Zoë", "Straße", "ǅemal", "x`s", "ĲSSEL"]


@pytest.mark.parametrize("word", WORDS)
def test_fold_fast_path_folds_as_the_slow_one(word: str) -> None:
    assert fold(word) == _slow_fold(word)


def test_tokens_know_their_capitals() -> None:
    assert [(t.norm, t.capital) for t in tokens("Tyler brown ÉLODIE")] == [
        ("tyler", True),
        ("brown", False),
        ("elodie", True),
    ]


def test_a_block_without_digits_still_gives_its_emails() -> None:
    text = "Write to jo.brown@example.org about the plan."
    assert candidate_keys(text, 5) == {"jo.brown@example.org"}
    email = "jo.brown@example.org"
    index = IdentifierIndex([IdentifierEntry(email, "email", "1002", email)], 5)
    assert [(h.start, h.end) for h in index.scan(text)] == [(9, 29)]


def test_letters_only_identifiers_are_still_found_without_digits() -> None:
    index = IdentifierIndex([IdentifierEntry("ABCREF", "reference", "1002", "ABC-REF")])
    assert [(h.start, h.end) for h in index.scan("Our file ABC REF, and nothing else.")] == [(9, 16)]


def test_a_scan_starts_only_at_first_words_of_keys() -> None:
    index = NameIndex([NameEntry(("tyler", "brown"), "1002", "Tyler Brown", "child", "full name")])
    other = NameIndex([NameEntry(("mrs", "brown"), "1003", "Amy Brown", "mother", "title and surname")])
    merged = index.merged(other)
    text = "Brown, then Tyler Brown and Mrs Brown."
    assert [(h.start, h.end, h.key) for h in merged.scan(text)] == [
        (12, 23, ("tyler", "brown")),
        (28, 37, ("mrs", "brown")),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tyler Brown met T. Brown, then BROWN, Tyler and Mrs. Brown.",
        "Smith-\nHart  Zoe\n\nO'Neill; told Tyler. Brown said  ,Amy",
        "a  b\tc - d — e . f , g",
    ],
)
def test_links_of_a_block_are_the_links_of_each_pair(text: str) -> None:
    words = tokens(text)
    assert links(text, words) == [link(text, a, b) for a, b in itertools.pairwise(words)]


def test_extend_adds_as_add_does() -> None:
    entries = [
        NameEntry(("tyler", "brown"), "1002", "Tyler Brown", "child", "full name"),
        NameEntry((), "1002", "nobody", None, "full name"),
        NameEntry(("t", "brown"), "1002", "Tyler Brown", "child", "initial and surname", 75.0),
        NameEntry(("tyler", "brown"), "1003", "Tyler Brown", "child", "full name"),
    ]
    one, many = NameIndex(), NameIndex()
    for entry in entries:
        one.add(entry)
    many.extend(entries)
    assert list(one.all_keys()) == list(many.all_keys())
    assert [one.get(k) for k in one.all_keys()] == [many.get(k) for k in many.all_keys()]
    assert one.longest == many.longest == 2
    text = "T Brown and Tyler Brown"
    assert list(one.scan(text)) == list(many.scan(text))
