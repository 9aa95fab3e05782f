#!/usr/bin/env python3
"""Generate a deterministic synthetic corpus for measuring name-variant recall and precision (issue 4).

    python benchmarks/variant_corpus.py [OUT_DIR] [--seed N] [--leaky N] [--clean N]
                                                     (default OUT_DIR: /tmp/disclint-variants)

Reuses benchmarks/corpus.py (its families, prose writer and .docx/.txt writers) and adds designed
families: register subjects with middle names (Tyler James Brown, William Henry Macdonald, ...),
nickname-registered subjects (Danny Okoro, Billy Hebditch, Sam Tozer), hyphenated surnames
(Ashcombe-Trent, Ferris-Doyle), apostrophes and diacritics (O'Neill, Zoë, Chloë, Renee), families
whose names are everyday words (Faith, Mark, Hope and May Wells; Bill and Will Street; Grace
Pettifer; Rose Hollis; Summer Field), two unrelated Brown families, and a Designated Safeguarding Lead
(Graham Pettifer) who shares a surname with a family.

Writes, under OUT_DIR (emptied first):
    cases/<id>.yaml          the manifests (contract schema)
    docs/<id>/<name>.<ext>   leaky documents (name variants of other families' subjects planted in
                             body, table, header, footer, footnote and PDF page text, across lines,
                             table-cell lines and PDF page breaks) and clean documents full of near
                             misses (names that are words, shared surnames, a professional's surname,
                             this case's own nicknames and initials, places and organisations)
    truth.json               per document: its case, state, and every planted leak (variant kind,
                             text, part, place, leak case, subject, expected severity) or near miss
                             (kind, risky texts, sentence)

Measure with benchmarks/variant_recall.py. Everything is invented (see corpus.py).
"""

# ruff: noqa: E501  (data tables are long literals)

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from random import Random

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as C  # the sibling script, found through the path above

# ------------------------------------------------------------------------------------ designed world

# Index of a case in World.cases -> (family surname, {slot: name or (name, sex, aliases)}).
# Slots: mother, father, child0, child1. Indices 3, 9, 15, 19 keep corpus.py's designs (Brown, Brown,
# O'Neill, Brennan with Zoë); 32.. are new families.
DESIGN: dict[int, tuple[str, dict]] = {
    3: ("Brown", {"child0": ("Tyler James Brown", "m", [])}),
    9: ("Brown", {}),  # the other, unrelated Brown family (a checked case: "Mrs Brown" must pass)
    15: ("O'Neill", {"mother": "Elizabeth Anne O'Neill"}),
    19: ("Brennan", {}),  # child0 is Zoë Brennan (corpus.py)
    32: ("Macdonald", {"father": "William Henry Macdonald"}),
    33: ("Smith", {"mother": "Katherine Louise Smith", "child0": ("John Smith", "m", [])}),
    34: ("Pettifer", {"father": "Darren Pettifer", "child0": ("Grace Pettifer", "f", [])}),
    35: ("Hollis", {"father": "Gary Hollis", "child0": ("Rose Hollis", "f", [])}),
    36: ("Kilbride", {"father": "Thomas Edward Kilbride", "child0": ("Noel Kilbride", "m", [])}),
    37: (
        "Ashcombe-Trent",
        {"mother": "Leanne Ashcombe-Trent", "child0": ("Poppy Ashcombe-Trent", "f", [])},
    ),
    38: (
        "Wells",
        {
            "mother": "Faith Wells",
            "father": "Mark Wells",
            "child0": ("Hope Wells", "f", []),
            "child1": ("May Wells", "f", []),
        },
    ),
    39: ("Street", {"father": "Bill Street", "child0": ("Will Street", "m", [])}),
    40: ("Reid", {"child0": ("Thomas Reid", "m", ["Tommy"])}),  # checked case: T. Reid, Tom, REID, Thomas
    41: ("Okoro", {"child0": ("Danny Okoro", "m", [])}),
    42: ("Hebditch", {"child0": ("Billy Hebditch", "m", [])}),
    43: ("Ransome", {"mother": "Renee Ransome", "child0": ("Chloë Ransome", "f", [])}),
    44: ("Tozer", {"child0": ("Sam Tozer", "m", [])}),
    45: ("Ferris-Doyle", {"child0": ("Alfie Ferris-Doyle", "m", [])}),
}
N_CASES = 48
PRO_SHARED_SURNAME = ("Graham Pettifer", "Designated Safeguarding Lead", "DSL", "Hillcrest Academy")
PRO_CASES = [1, 2, 9, 40, 46]  # cases whose DSL is Graham Pettifer

# Hand-written misspellings and spellings that sound alike, per register name.
# fmt: off
SPELLINGS: dict[str, dict[str, list[str]]] = {
    "Tyler James Brown": {"nick": ["Ty"], "typo_first": ["Tylar", "Tyelr"], "typo_last": ["Borwn", "Brwon"], "sound_first": ["Tylor"], "sound_last": ["Browne"]},
    "William Henry Macdonald": {"nick": ["Bill", "Billy", "Will"], "typo_first": ["Wiliam", "Willaim"], "typo_last": ["Macdonlad", "Macdonal"], "sound_first": ["Willam"], "sound_last": ["McDonald", "Mcdonald"]},
    "Elizabeth Anne O'Neill": {"nick": ["Liz", "Lizzie", "Beth"], "typo_first": ["Elizabth", "Elizebeth"], "typo_last": ["O'Niell", "O'Neilll"], "sound_first": ["Elisabeth"], "sound_last": ["O'Neil", "O'Neal"]},
    "Katherine Louise Smith": {"nick": ["Kate", "Katie", "Kathy"], "typo_first": ["Katherin", "Kahterine"], "typo_last": ["Smiht", "Smitth"], "sound_first": ["Catherine", "Kathryn"], "sound_last": ["Smyth", "Smythe"]},
    "John Smith": {"nick": ["Jack", "Johnny"], "typo_first": ["Jhon"], "typo_last": ["Smiht"], "sound_first": ["Jon"], "sound_last": ["Smyth"]},
    "Darren Pettifer": {"nick": ["Daz"], "typo_first": ["Darran", "Daren"], "typo_last": ["Petifer", "Pettifor"], "sound_first": ["Darrin"], "sound_last": ["Pettiford"]},
    "Gary Hollis": {"nick": ["Gaz"], "typo_first": ["Gray", "Gart"], "typo_last": ["Holis", "Hollsi"], "sound_first": ["Garry"], "sound_last": ["Hollies"]},
    "Thomas Edward Kilbride": {"nick": ["Tom", "Tommy"], "typo_first": ["Thomsa", "Tomas"], "typo_last": ["Kilbirde", "Kilbrid"], "sound_first": [], "sound_last": ["Kilbryde", "Kilbridge"]},
    "Zoë Brennan": {"nick": [], "typo_first": [], "typo_last": ["Brenan", "Brennna"], "sound_first": ["Zoey"], "sound_last": ["Brennen"]},
    "Poppy Ashcombe-Trent": {"nick": [], "typo_first": ["Popy"], "typo_last": ["Ashcomb-Trent"], "sound_first": [], "sound_last": []},
    "Leanne Ashcombe-Trent": {"nick": [], "typo_first": ["Leane"], "typo_last": ["Ashcombe-Tent"], "sound_first": ["Lianne"], "sound_last": []},
    "Alfie Ferris-Doyle": {"nick": [], "typo_first": ["Alife"], "typo_last": ["Feris-Doyle"], "sound_first": [], "sound_last": ["Ferris-Doyel"]},
    "Danny Okoro": {"formal": ["Daniel"], "typo_last": ["Okorro"]},
    "Billy Hebditch": {"formal": ["William"], "sound_last": ["Hebdich"]},
    "Sam Tozer": {"formal": ["Samuel"], "typo_last": ["Tozzer"]},
    "Renee Ransome": {"accented": ["Renée"], "sound_last": ["Ransom"]},
    "Noel Kilbride": {"accented": ["Noël"], "typo_first": ["Neol"]},
    "Chloë Ransome": {"typo_last": ["Ransone"]},
}
# fmt: on
WORD_NAMES = {"will", "may", "hope", "grace", "mark", "rose", "faith", "summer", "bill", "street", "wells"}
MIDDLE_M = ["James", "John", "Lee", "Michael", "David", "Paul", "Robert", "George"]
MIDDLE_F = ["Louise", "Marie", "Jane", "Anne", "Rose", "Elizabeth", "May", "Grace"]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def tool_name_words() -> frozenset[str]:
    """disclint's own list of names that are also words (rules/data/name-words.yaml): a lower-case
    "ruby brown" is not planted, since nothing in the text says it is a name."""
    path = Path(__file__).resolve().parent.parent / "rules" / "data" / "name-words.yaml"
    words = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    return frozenset(fold(str(w)) for w in words or ()) | WORD_NAMES


def distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def set_name(world: C.World, s: C.Subject, name: str, sex: str | None = None, aliases=None) -> None:
    if s.name.casefold() in world.names:
        world.names.discard(s.name.casefold())
    if name.casefold() in world.names:
        raise RuntimeError(f"duplicate name {name}")
    world.names.add(name.casefold())
    s.name = name
    if sex:
        s.sex = sex
    if aliases is not None:
        s.aliases = list(aliases)
    if s.email:
        world.emails.discard(s.email)
        s.email = world._email(name)


def rename_family(world: C.World, case: C.Case, new: str) -> None:
    old = case.surname
    for s in case.subjects:
        if s.last == old:
            set_name(world, s, s.name[: -len(old)] + new)
        s.aliases = [a.replace(old, new) for a in s.aliases]
    case.surname = new


def design(world: C.World, rng: Random) -> None:
    cases = world.cases
    for index, (surname, slots) in DESIGN.items():
        case = cases[index]
        if case.surname != surname:
            rename_family(world, case, surname)
        home = case.subjects[0]
        for slot, spec in slots.items():
            name, sex, aliases = (spec, None, []) if isinstance(spec, str) else spec
            if slot in ("mother", "father"):
                s = case.by_role(slot)
                if s is None:
                    s = C.Subject(name, slot, "f" if slot == "mother" else "m", world._dob(1978, 2000))
                    s.address, s.street, s.postcode = home.address, home.street, home.postcode
                    s.phone = world._phone()
                    s.email = world._email(name)
                    case.subjects.insert(1 if slot == "father" else 0, s)
                    world.names.add(name.casefold())
                    s.aliases = []
                    continue
                old_last = s.last
                set_name(world, s, name, aliases=[])
                if slot == "father" and old_last != s.last:  # children carrying the father's surname
                    for kid in case.children:
                        if kid.last == old_last and kid.name.casefold() not in {
                            n.casefold() for n in _designed_names()
                        }:
                            set_name(world, kid, f"{kid.first} {s.last}", aliases=[])
            else:
                k = int(slot[-1])
                kids = case.children
                if len(kids) <= k:
                    kid = C.Subject(
                        name,
                        "child",
                        sex or "f",
                        world._dob(2012, 2022),
                        address=home.address,
                        street=home.street,
                        postcode=home.postcode,
                    )
                    kid.nhs = C.nhs_number(rng, world.nhs_used)
                    world.names.add(name.casefold())
                    case.subjects.append(kid)
                else:
                    set_name(world, kids[k], name, sex, aliases)
                if aliases:
                    case.children[k].aliases = list(aliases)
    # The other Brown family must have nobody a "T. Brown" or "Ty Brown" could also mean.
    for s in cases[9].subjects:
        if s.last == "Brown" and s.first[0] == "T":
            set_name(world, s, f"Kiera {' '.join(s.name.split()[1:])}", "f", [])
    # Middle names for some of the other families' people (the register is not all "First Last").
    designed = set(DESIGN) | {0, 5, 7, 11, 13, 17, 21, 25, 27, 31}
    for i, case in enumerate(cases):
        if i in designed:
            continue
        for s in case.subjects:
            if len(s.name.split()) == 2 and rng.random() < 0.25:
                middle = rng.choice(MIDDLE_M if s.sex == "m" else MIDDLE_F)
                new = f"{s.first} {middle} {s.last}"
                if new.casefold() not in world.names:
                    set_name(world, s, new)
    # A Designated Safeguarding Lead called Pettifer, like the Pettifer family of case 34.
    name, role, short, org = PRO_SHARED_SURNAME
    pro = C.Pro(name, role, short, org, "graham.pettifer@example.com", "01632 960300")
    world.pros.append(pro)
    for i in PRO_CASES:
        case = cases[i]
        old = case.pro("DSL")
        case.pros = [p for p in case.pros if p.short != "DSL"] + [pro]
        case.allow = [a for a in case.allow if not old or a != old.org] + [org]
        case.school = org


def _designed_names() -> list[str]:
    out = []
    for _, slots in DESIGN.values():
        for spec in slots.values():
            out.append(spec if isinstance(spec, str) else spec[0])
    return out


# ------------------------------------------------------------------------------------------ targets


@dataclass
class Target:
    case: C.Case
    subject: C.Subject
    first: str
    middle: str | None
    last: str
    spell: dict = field(default_factory=dict)

    @property
    def adult(self) -> bool:
        return not self.subject.child

    @property
    def word(self) -> bool:
        return fold(self.first) in WORD_NAMES or fold(self.last) in WORD_NAMES

    def title(self, rng: Random) -> str:
        if self.subject.sex == "m":
            return rng.choice(["Mr", "Mr", "Mr."])
        return rng.choice(["Mrs", "Ms", "Miss", "Mrs."])


def targets(world: C.World) -> list[Target]:
    out = []
    for index in DESIGN:
        case = world.cases[index]
        for s in case.subjects:
            words = s.name.split()
            if s.last != case.surname and s.name not in SPELLINGS:
                continue  # the designed people and everyone carrying the designed family's surname
            middle = " ".join(words[1:-1]) or None
            out.append(Target(case, s, words[0], middle, words[-1], SPELLINGS.get(s.name, {})))
    return out


# Kinds of variant, and the expected severity when the tool catches them.
# fmt: off
KINDS = [
    "full-name", "full-with-middle", "without-middle", "surname-comma-forename", "surname-forename",
    "initial-dot-surname", "initial-surname", "initials-surname", "nickname", "formal-for-nickname",
    "typo-forename", "typo-surname", "typo-both", "soundalike-forename", "soundalike-surname",
    "possessive", "upper", "lower", "hyphen-first-half", "hyphen-second-half", "hyphen-as-space",
    "hyphen-line-break", "apostrophe-curly", "apostrophe-none", "diacritic-stripped",
    "diacritic-added", "line-break", "pdf-page-break", "cell-lines", "title-surname",
    "title-shared-surname", "word-name-full",
]
# fmt: on
# Everything is expected as an error: disclint downgrades a title and surname to a warning only when
# three or more cases share the surname (register.COMMON_SURNAME); Brown is in two.
EXPECT: dict[str, str] = {}


def variant(kind: str, t: Target, rng: Random) -> tuple[list, str] | None:
    """(runs, planted text) of one variant kind of a target, or None when it does not apply."""
    first, last, sp = t.first, t.last, t.spell
    strip = "".join(c for c in unicodedata.normalize("NFKD", first) if not unicodedata.combining(c))
    plain_name = not t.word and strip == first and "'" not in last

    def one(key: str) -> str | None:
        return rng.choice(sp[key]) if sp.get(key) else None

    if t.word and kind not in ("title-surname", "word-name-full"):
        return None  # names that are words (Hope Wells) only as written names: their own kinds
    text: str | None = None
    if kind == "full-name":
        text = f"{first} {last}" if not t.middle and plain_name else None
    elif kind == "full-with-middle":
        text = t.subject.name if t.middle else None
    elif kind == "without-middle":
        text = f"{first} {last}" if t.middle else None
    elif kind == "surname-comma-forename" and not t.word:
        text = f"{rng.choice([last, last.upper()])}, {first}"
    elif kind == "surname-forename" and not t.word:
        text = f"{last} {first}"
    elif kind == "initial-dot-surname" and not t.word:
        text = f"{first[0]}. {last}"
    elif kind == "initial-surname" and not t.word:
        text = f"{first[0]} {last}"
    elif kind == "initials-surname" and t.middle:
        text = f"{first[0]}.{t.middle[0]}. {last}"
    elif kind == "nickname" and (nick := one("nick")):
        text = f"{nick} {last}"
    elif kind == "formal-for-nickname" and (formal := one("formal")):
        text = f"{formal} {last}"
    elif kind == "typo-forename" and (typo := one("typo_first")):
        text = f"{typo} {last}"
    elif kind == "typo-surname" and (typo := one("typo_last")):
        text = f"{first} {typo}"
    elif kind == "typo-both":
        a = one("typo_first") or one("sound_first")
        b = one("typo_last") or one("sound_last")
        text = f"{a} {b}" if a and b else None
    elif kind == "soundalike-forename" and (other := one("sound_first")):
        text = f"{other} {last}"
    elif kind == "soundalike-surname" and (other := one("sound_last")):
        text = f"{first} {other}"
    elif kind == "possessive" and not t.word:
        text = f"{first} {last}" + rng.choice(["'s", "’s"])
    elif kind == "upper" and not t.word:
        text = f"{first} {last}".upper()
    elif kind == "lower" and not {fold(first), fold(last)} & tool_name_words():
        text = f"{first} {last}".lower()
    elif kind.startswith("hyphen") and "-" in last:
        head, tail = last.split("-", 1)
        if kind == "hyphen-first-half":
            text = f"{first} {head}"
        elif kind == "hyphen-second-half":
            text = f"{first} {tail}"
        elif kind == "hyphen-as-space":
            text = f"{first} {head} {tail}"
        else:
            return [("t", f"{first} {head}-"), ("br",), ("t", tail)], f"{first} {head}-\n{tail}"
    elif kind == "apostrophe-curly" and "'" in last:
        text = first + " " + last.replace("'", "’")
    elif kind == "apostrophe-none" and "'" in last:
        text = first + " " + last.replace("'", "")
    elif kind == "diacritic-stripped" and strip != first:
        text = f"{strip} {last}"
    elif kind == "diacritic-added" and (accented := one("accented")):
        text = f"{accented} {last}"
    elif kind in ("line-break", "pdf-page-break", "cell-lines") and not t.word:
        return [("t", first), ("br",), ("t", last)], f"{first}\n{last}"
    elif kind in ("title-surname", "title-shared-surname") and t.adult:
        shared = last == "Brown"  # two unrelated Brown families: a warning by design
        if (kind == "title-shared-surname") == shared and last != "Pettifer":
            text = f"{t.title(rng)} {last}"
    elif kind == "word-name-full" and t.word:
        text = f"{first} {last}"
    if text is None:
        return None
    return [("t", text)], text


def compatible(kind: str, fmt: str, place: str) -> bool:
    if kind == "pdf-page-break":
        return fmt == "pdf" and place == "page-body"
    if kind == "cell-lines":
        return place in ("table", "page-table")
    if kind in ("line-break", "hyphen-line-break"):
        return place not in ("page-header", "page-footer")
    return True


def conflicts(t: Target, case: C.Case) -> bool:
    """True when someone permitted in ``case`` shares or nearly shares the target's surname (then the
    variant could be this case's own person, and the tool is right to let it pass): not planted."""
    if t.case is case:
        return True
    mine = [s.name for s in case.subjects] + [a for s in case.subjects for a in s.aliases]
    mine += [p.name for p in case.pros]
    own = {fold(w) for n in mine for w in re.split(r"[\s-]+", n)[1:]}
    allowed = {fold(w) for a in case.allow for w in re.split(r"[\s,-]+", a) if w}
    parts = {fold(p) for p in re.split(r"[\s-]+", t.last)} | {fold(t.last)}
    if parts & allowed:
        return True
    return any(distance(p, o) <= (2 if min(len(p), len(o)) >= 5 else 1) for p in parts for o in own)


# ------------------------------------------------------------------------------------------ planting

BODY = [
    "{x} was also present in the home during the visit.",
    "Mum said that {x} has been staying at the property most weekends.",
    "The school reported that {x} had arrived without a coat on three occasions.",
    "It was agreed that {x} would be referred to the early help hub.",
    "The health visitor will see {x} before the next core group.",
    "A neighbour told the worker that {x} had been at the house.",
]
POSSESSIVE = [
    "{x} attendance has dropped to 81% this term.",
    "Mum said that {x} mother did not attend.",
    "The worker saw {x} bedroom, which was cold and damp.",
]
LABEL = ["Re: {x}", "Child: {x}", "Subject: {x}", "{x} — notes", "Name: {x}"]
POSSESSIVE_LABEL = ["{x} plan", "{x} chronology"]
PLACES = {
    "docx": ["body", "table", "header", "footer", "footnote"],
    "pdf": ["page-body", "page-table", "page-header", "page-footer"],
    "txt": ["txt-body"],
}


@dataclass
class Break:
    """A page break (PDF only): the text before it ends one page, the text after it starts the next."""


def insert(doc: C.Doc, place: str, kind: str, runs: list, rng: Random) -> str:
    """Put a variant into the document; returns the line it stands in (for the report)."""
    labels = place in ("header", "footer", "page-header", "page-footer")
    if kind == "possessive":
        template = rng.choice(POSSESSIVE_LABEL if labels else POSSESSIVE)
    else:
        template = rng.choice(LABEL if labels else BODY)
    pre, post = template.split("{x}")
    line = ([("t", pre)] if pre else []) + runs + ([("t", post)] if post else [])
    normal = [b for b in doc.blocks if isinstance(b, C.Para) and b.style == "normal"]
    tables = [b for b in doc.blocks if isinstance(b, C.Table) and len(b.rows[0]) >= 2]
    if kind == "pdf-page-break":
        first, last = runs[0][1], runs[2][1]
        i = doc.blocks.index(rng.choice(normal[2:-2] or normal))
        # style "small" keeps later insertions out of these two paragraphs
        before = C.P(f"On the last visit the worker also spoke with {first}", "small")
        after = C.P(f"{last}, who said that the children had been at the house all weekend.", "small")
        doc.blocks[i + 1 : i + 1] = [before, Break(), after]
        return f"{C.plain(before.runs)} <page break> {C.plain(after.runs)}"
    if kind == "cell-lines":
        tbl = rng.choice(tables)
        width = len(tbl.rows[0])
        row = [[[runs[0]], [runs[2]]], C.cell(rng.choice(["Family friend", "Attended", "Visitor"]))]
        row += [C.cell("") for _ in range(width - 2)]
        tbl.rows.insert(rng.randrange(1, len(tbl.rows) + 1), row)
        return f"[cell: {first_last(runs)}] | {C.plain(row[1][0])}"
    if place in ("body", "page-body", "txt-body"):
        if rng.random() < 0.5:
            rng.choice(normal).runs.extend([("t", " "), *line])
        else:
            doc.blocks.insert(doc.blocks.index(rng.choice(normal)) + 1, C.Para(line))
    elif place in ("table", "page-table"):
        tbl = rng.choice(tables)
        r = rng.randrange(1, len(tbl.rows)) if len(tbl.rows) > 1 else 0
        tbl.rows[r][rng.randrange(len(tbl.rows[r]))].append(line)
    elif place in ("header", "page-header"):
        (doc.first_header if doc.first_header and rng.random() < 0.5 else doc.header).append(line)
    elif place in ("footer", "page-footer"):
        doc.footer.append(line)
    elif place == "footnote":
        fid = len(doc.footnotes) + 1
        doc.footnotes[fid] = line
        rng.choice(normal).runs.append(("fn", fid))
    else:
        raise ValueError(place)
    return C.plain(line)


def first_last(runs: list) -> str:
    return C.plain(runs).replace("\n", " / ")


class Planter:
    """Plants variants of other families' subjects, spreading kinds evenly over places."""

    def __init__(self, world: C.World, rng: Random) -> None:
        self.rng = rng
        self.targets = targets(world)
        self.kind_used: Counter[str] = Counter()
        self.place_used: Counter[tuple[str, str]] = Counter()
        self.target_used: Counter[str] = Counter()
        self.pair_used: Counter[tuple[str, str]] = Counter()

    def plant(self, doc: C.Doc, fmt: str, own: C.Case, n: int) -> list[dict]:
        rng = self.rng
        leaks: list[dict] = []
        used_surnames: set[str] = set()
        for _ in range(n):
            places = PLACES[fmt]
            place = min(places, key=lambda p: (sum(self.place_used[(p, k)] for k in KINDS), rng.random()))
            kinds = sorted(
                (k for k in KINDS if compatible(k, fmt, place)),
                key=lambda k: (self.kind_used[k], self.place_used[(place, k)], rng.random()),
            )
            if any(isinstance(b, Break) for b in doc.blocks):
                kinds = [k for k in kinds if k != "pdf-page-break"]
            chosen = None
            for kind in kinds:
                pool = sorted(
                    self.targets,
                    key=lambda t: (
                        self.pair_used[(kind, t.subject.name)],
                        self.target_used[t.subject.name],
                        rng.random(),
                    ),
                )
                for t in pool:
                    if conflicts(t, own) or fold(t.last.split("-")[0]) in used_surnames:
                        continue
                    got = variant(kind, t, rng)
                    if got:
                        chosen = kind, t, got
                        break
                if chosen:
                    break
            if chosen is None:
                continue
            kind, t, (runs, text) = chosen
            line = insert(doc, place, kind, runs, rng)
            self.kind_used[kind] += 1
            self.place_used[(place, kind)] += 1
            self.target_used[t.subject.name] += 1
            self.pair_used[(kind, t.subject.name)] += 1
            used_surnames.add(fold(t.last.split("-")[0]))
            leaks.append(
                {
                    "rule": "foreign-name",
                    "kind": kind,
                    "text": text,
                    "part": C.EXPECTED_PART[place],
                    "place": place,
                    "case": t.case.id,
                    "subject": t.subject.name,
                    "expect": EXPECT.get(kind, "error"),
                    "line": line,
                }
            )
        return leaks


# --------------------------------------------------------------------------------------- near misses

# (kind, risky texts, sentence); {child}/{first} etc. filled per case.
# fmt: off
WORD_SENTENCES = [
    ("word-in-prose", ["will", "hope"], "We will look at this again at the next meeting, and we hope the family will take up the offer."),
    ("word-in-prose", ["May"], "The review conference will be held in May."),
    ("word-in-prose", ["summer"], "The family are looking forward to the summer holidays."),
    ("word-in-prose", ["grace", "faith"], "Mum accepted the feedback with grace and said she had acted in good faith."),
    ("word-in-prose", ["mark"], "School will mark the progress chart every Friday."),
    ("word-in-prose", ["bill"], "The gas bill has been paid and the damp has been treated."),
    ("word-in-prose", ["brown"], "There is a brown stain on the ceiling of the children's bedroom."),
    ("word-in-prose", ["rose"], "A rose bush has been planted in the garden as part of the family project."),
    ("word-in-prose", ["street"], "Mum does not feel safe walking home along the street at night."),
    ("word-sentence-start", ["May"], "May I thank everyone for coming today."),
    ("word-sentence-start", ["Will"], "Will the family be able to attend? The chair will check."),
    ("word-sentence-start", ["Summer"], "Summer holidays are a hard time for the family."),
    ("word-sentence-start", ["Hope"], "Hope is that the plan can step down to Child in Need."),
    ("word-sentence-start", ["Mark"], "Mark the date of the next conference in the diary."),
    ("word-sentence-start", ["Bill"], "Bill payments are now made by direct debit."),
    ("word-sentence-start", ["Street"], "Street lighting on the estate is poor."),
    ("word-sentence-start", ["Faith"], "Faith groups in the area have offered support with food."),
    ("word-sentence-start", ["Grace"], "Grace periods on the rent have been agreed with the landlord."),
    ("word-sentence-start", ["Brown"], "Brown envelopes from the council frighten mum, she said."),
]
PLACE_SENTENCES = [
    ("place-org", ["Hope House"], "The family attended a stay-and-play session at Hope House."),
    ("place-org", ["Grace Street"], "Mum has been offered a flat on Grace Street."),
    ("place-org", ["Rose Primary"], "A place has been offered at Rose Primary from September."),
    ("place-org", ["Rose Street"], "The market on Rose Street is where mum does most of her shopping."),
    ("place-org", ["Wells Road Surgery"], "Wells Road Surgery has registered the children."),
    ("place-org", ["Wells Cathedral"], "The children enjoyed the school trip to Wells Cathedral."),
    ("place-org", ["St Mark's"], "St Mark's Church runs the toddler group on Tuesdays."),
    ("place-org", ["Brown Street"], "Mum walks the children past the shops on Brown Street."),
    ("place-org", ["Faith Centre"], "The Faith Centre food bank has given the family vouchers."),
    ("place-org", ["Summer Lane"], "The family's new tenancy is on Summer Lane."),
]
UNKNOWN_PROS = [
    ("Dr Okafor", "Dr Okafor, the community paediatrician, has seen {child} twice."),
    ("Mrs Lambert", "Mrs Lambert, the class teacher, said that {child} is settled."),
    ("Ms Fairbairn", "Ms Fairbairn from the housing team has arranged the repair."),
    ("Mr Quinlan", "Mr Quinlan, the head teacher, attended for the first item."),
]
# fmt: on
OWN_NICKS = {
    "Thomas": "Tom",
    "William": "Bill",
    "Elizabeth": "Liz",
    "Samuel": "Sam",
    "Daniel": "Danny",
    "Jacob": "Jake",
    "Oliver": "Ollie",
    "Rebecca": "Becky",
    "Natasha": "Tash",
    "Darren": "Daz",
    "Joseph": "Joe",
    "Isabella": "Bella",
    "Jessica": "Jess",
    "Charlotte": "Lottie",
    "Frederick": "Fred",
    "Callum": "Cal",
}


def near_misses(world: C.World, case: C.Case, doc: C.Doc, rng: Random) -> list[dict]:
    out: list[dict] = []
    body = [b for b in doc.blocks if isinstance(b, C.Para) and b.style == "normal"]
    tables = [b for b in doc.blocks if isinstance(b, C.Table)]

    def add(kind: str, texts: list[str], sentence: str, in_table: bool = False) -> None:
        if in_table and tables:
            tbl = rng.choice(tables)
            r = rng.randrange(1, len(tbl.rows)) if len(tbl.rows) > 1 else 0
            tbl.rows[r][rng.randrange(len(tbl.rows[r]))].append([("t", sentence)])
        elif rng.random() < 0.5:
            rng.choice(body).runs.append(("t", " " + sentence))
        else:
            doc.blocks.insert(doc.blocks.index(rng.choice(body)) + 1, C.P(sentence))
        out.append({"kind": kind, "texts": texts, "sentence": sentence})

    k = case.children[0] if case.children else case.subjects[-1]
    mum = case.by_role("mother")
    for kind, texts, sentence in rng.sample(WORD_SENTENCES, 6):
        add(kind, texts, sentence)
    for kind, texts, sentence in rng.sample(PLACE_SENTENCES, 3):
        add(kind, texts, sentence, in_table=rng.random() < 0.3)
    # This case's own people, written as the variants that fire for other families.
    own = [
        (f"{k.first[0]}. {k.last}", f"{k.first[0]}. {k.last} attended the dental appointment."),
        (f"{k.last.upper()}, {k.first}", f"{k.last.upper()}, {k.first}"),
        (f"{k.first} {k.last}'s", f"{k.first} {k.last}'s school report was shared."),
    ]
    if len(k.name.split()) > 2:
        own.append((f"{k.first} {k.last}", f"{k.first} {k.last} was seen alone at school."))
    nick = OWN_NICKS.get(k.first)
    if nick:
        own.append((f"{nick} {k.last}", f"{nick} {k.last} said he likes his new teacher."))
        own.append((nick, f"{nick} told the worker that he wants to stay at his school."))
    if mum:
        title = rng.choice(["Mrs", "Ms"])
        own.append((f"{title} {mum.last}", f"{title} {mum.last} said that she wants the plan to end."))
    for text, sentence in rng.sample(own, min(3, len(own))):
        add("own-variant", [text], sentence, in_table=text.isupper() or "," in text)
    name, sentence = rng.choice(UNKNOWN_PROS)
    add("unknown-professional", [name], sentence.format(child=k.first))
    outsider = rng.choice([p for p in world.pros if p not in case.pros])
    add("unlisted-professional", [outsider.name], f"{outsider.name} covered the duty desk that week.")
    # Designed specials.
    if case.surname == "Brown":  # the other Brown family's own people
        mine = next(s for s in case.subjects if s.last == "Brown")
        title = "Mrs" if mine.sex == "f" else "Mr"
        for text, sentence in (
            ("Mrs Brown", "Mrs Brown said that the children were at her mother's at the weekend."),
            (f"{title} Brown's", f"{title} Brown's views are recorded below."),
            (mine.name, f"{mine.name} and the Brown family were seen at home."),
        ):
            add("shared-surname", [text], sentence)
    if any(p.name == PRO_SHARED_SURNAME[0] for p in case.pros):
        for text, sentence in (
            ("Mr Pettifer", "Mr Pettifer, the DSL, reported that attendance has improved."),
            ("Graham Pettifer", "Graham Pettifer (Designated Safeguarding Lead) sent apologies."),
            ("G. Pettifer", "Actions: G. Pettifer to share the attendance figures."),
        ):
            add("professional-surname", [text], sentence)
    if case.surname == "Reid":
        for text, sentence in (
            ("T. Reid", "Letter to T. Reid's school sent on Monday."),
            ("Tom", "Tom has settled well in Year 4."),
            ("Tommy", "Tommy said he wants more time with his dad."),
            ("REID, Thomas", "REID, Thomas — health assessment booked."),
        ):
            add("own-nickname-initial", [text], sentence)
    return out


# ---------------------------------------------------------------------------------------- PDF writer


def write_pdf(doc: C.Doc, path: Path) -> None:
    """corpus.write_pdf, with page breaks (Break blocks) inside the body."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    styles = getSampleStyleSheet()
    style = {
        "title": styles["Title"],
        "h1": styles["Heading2"],
        "h2": styles["Heading3"],
        "normal": styles["BodyText"],
        "small": styles["BodyText"],
    }

    def markup(runs: list) -> str:
        out = []
        for r in runs:
            if r[0] in ("t", "b"):
                t = r[1].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                out.append(f"<b>{t}</b>" if r[0] == "b" else t)
            elif r[0] == "br":
                out.append("<br/>")
            elif r[0] == "ins":
                out.append(markup(r[1]))
            elif r[0] == "fn":
                out.append(f"<super>{r[1]}</super>")
        return "".join(out)

    flow: list = []
    for b in doc.blocks:
        if isinstance(b, Break):
            flow.append(PageBreak())
        elif isinstance(b, C.Para):
            flow.append(Paragraph(markup(b.runs), style[b.style]))
        else:
            data = [
                [Paragraph("<br/>".join(markup(p) for p in c), styles["BodyText"]) for c in row]
                for row in b.rows
            ]
            t = RLTable(data, repeatRows=1)
            t.setStyle(
                TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                )
            )
            flow += [t, Spacer(1, 4 * mm)]
    if doc.footnotes:
        flow.append(Spacer(1, 6 * mm))
        for fid, runs in doc.footnotes.items():
            flow.append(Paragraph(f"<super>{fid}</super> {markup(runs)}", styles["BodyText"]))
    header = [C.plain(h) for h in doc.header]
    first = [C.plain(h) for h in doc.first_header] or header
    footer = [C.plain(f) for f in doc.footer]

    def decorate(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        y = A4[1] - 12 * mm
        for line in first if canvas.getPageNumber() == 1 else header:
            canvas.drawString(20 * mm, y, line)
            y -= 10
        y = 14 * mm
        for line in footer:
            canvas.drawString(20 * mm, y, line)
            y -= 10
        canvas.drawRightString(A4[0] - 20 * mm, 8 * mm, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    SimpleDocTemplate(
        str(path),
        pagesize=A4,
        topMargin=28 * mm,
        bottomMargin=30 * mm,
        title=doc.title,
        author=C.COUNCIL,
        invariant=1,
    ).build(flow, onFirstPage=decorate, onLaterPages=decorate)


# --------------------------------------------------------------------------------------------- main


def build(out: Path, seed: int, n_leaky: int, n_clean: int) -> dict:
    rng = Random(seed)
    world = C.World(rng, n_cases=N_CASES)
    design(world, rng)
    if out.exists():
        shutil.rmtree(out)
    (out / "cases").mkdir(parents=True)
    for case in world.cases:
        text = yaml.safe_dump(C.manifest(case), sort_keys=False, allow_unicode=True, width=200)
        (out / "cases" / f"{case.id}.yaml").write_text(
            "# Synthetic case manifest for the disclint variant benchmark: every detail invented.\n" + text,
            encoding="utf-8",
        )
    planter = Planter(world, rng)
    doc_kinds = list(C.Writer.KINDS)
    n_docx, n_pdf = round(n_leaky * 0.45), round(n_leaky * 0.35)
    fmts = ["docx"] * n_docx + ["pdf"] * n_pdf + ["txt"] * (n_leaky - n_docx - n_pdf)
    c_docx, c_pdf = round(n_clean * 0.45), round(n_clean * 0.35)
    fmts_clean = ["docx"] * c_docx + ["pdf"] * c_pdf + ["txt"] * (n_clean - c_docx - c_pdf)
    rng.shuffle(fmts)
    rng.shuffle(fmts_clean)
    leaky_cases = [world.cases[i % len(world.cases)] for i in range(n_leaky)]
    rng.shuffle(leaky_cases)
    # Clean documents: the designed checked cases first, then others.
    special = [9, 9, 9, 9, 40, 40, 40, 40, 1, 2, 46, 38, 38, 39, 39, 3, 3, 34, 35, 15]
    clean_cases = [world.cases[i] for i in special][:n_clean]
    rest = [c for i, c in enumerate(world.cases) if i not in special]
    clean_cases += [rest[i % len(rest)] for i in range(n_clean - len(clean_cases))]
    docs: list[dict] = []
    plan = [("leaky", i, leaky_cases[i], fmts[i]) for i in range(n_leaky)]
    plan += [("clean", i, clean_cases[i], fmts_clean[i]) for i in range(n_clean)]
    for n, (state, _i, case, fmt) in enumerate(plan):
        kind = doc_kinds[n % len(doc_kinds)]
        doc = C.Writer(world, case, rng).write(kind)
        record: dict = {"state": state, "case": case.id, "kind": kind, "format": fmt}
        if state == "leaky":
            record["leaks"] = planter.plant(doc, fmt, case, rng.randint(5, 7))
            record["near_misses"] = []
        else:
            record["leaks"] = []
            record["near_misses"] = near_misses(world, case, doc, rng)
        folder = out / "docs" / case.id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{state}-{kind}-{n + 1:03d}.{fmt}"
        if fmt == "docx":
            C.write_docx(doc, path, rng)
        elif fmt == "pdf":
            write_pdf(doc, path)
        else:
            encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252"])
            newline = rng.choice(["\n", "\n", "\r\n"])
            try:
                C.write_txt(doc, path, encoding, newline)
            except UnicodeEncodeError:
                encoding = "utf-8"
                C.write_txt(doc, path, encoding, newline)
            record["encoding"] = encoding
        record["path"] = str(path.relative_to(out))
        docs.append(record)
    truth = {
        "seed": seed,
        "cases_dir": "cases",
        "generated": dt.date.today().isoformat(),
        "targets": sorted({lk["subject"] for d in docs for lk in d["leaks"]}),
        "documents": docs,
    }
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default="/tmp/disclint-variants")
    ap.add_argument("--seed", type=int, default=20250612)
    ap.add_argument("--leaky", type=int, default=150, help="leaky documents (default 150)")
    ap.add_argument("--clean", type=int, default=60, help="clean documents (default 60)")
    args = ap.parse_args()
    truth = build(Path(args.out), args.seed, args.leaky, args.clean)
    docs = truth["documents"]
    kinds = Counter(lk["kind"] for d in docs for lk in d["leaks"])
    print(
        f"wrote {len(docs)} documents ({sum(d['state'] == 'leaky' for d in docs)} leaky with "
        f"{sum(kinds.values())} planted variants of {len(kinds)} kinds, "
        f"{sum(d['state'] == 'clean' for d in docs)} clean with "
        f"{sum(len(d['near_misses']) for d in docs)} near misses) to {args.out}"
    )
    print("  per kind: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))


if __name__ == "__main__":
    main()
