#!/usr/bin/env python3
"""Generate a deterministic synthetic corpus for measuring disclint's detection.

    python benchmarks/corpus.py [OUT_DIR] [--seed N]        (default OUT_DIR: /tmp/disclint-corpus)

Writes, under OUT_DIR (which is emptied first):
    cases/<id>.yaml          ~40 invented families (contract manifest schema)
    docs/<id>/<name>.<ext>   documents of some cases: core group minutes, child protection plans, RCPC
                             outcome letters, child and family assessments and PLO letters, as .docx
                             (python-docx, with tables, headers, footers, a real footnotes part and
                             tracked insertions built with lxml), .pdf (reportlab) and .txt
    truth.json               ground truth: per document its case, whether it is leaky or clean, every
                             planted leak (rule, exact text, part, place, leak case, form) and every
                             deliberate near miss (which must not be reported)

Everything is invented: phone numbers are in Ofcom's drama ranges, e-mails at example.org/.com/.net,
NHS numbers are random but carry a valid Modulus 11 check digit. Same seed, same corpus (apart from
the files' own timestamps inside .docx/.pdf containers).
"""

# ruff: noqa: E501  (prose templates and data tables are long string literals)

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import ClassVar

import yaml

# --------------------------------------------------------------------------------------------- pools

# fmt: off
BOYS = [
    "Tyler", "Kayden", "Jayden", "Riley", "Harley", "Mason", "Alfie", "Archie", "Freddie", "Charlie",
    "Oliver", "Jacob", "Thomas", "Samuel", "Joseph", "Daniel", "Theodore", "Noah", "Leo", "Logan", "Bailey",
    "Ryan", "Kai", "Reuben", "Ibrahim", "Tomasz", "Kacper", "Deacon", "Harvey", "Frankie", "William",
    "Ashton", "Brandon", "Callum", "Billy",
]
# fmt: on
# fmt: off
GIRLS = [
    "Maisie", "Lacey", "Ellie-Mae", "Amelia", "Isla", "Poppy", "Ruby", "Evie", "Sophia", "Lily", "Grace",
    "Hope", "Charlotte", "Isabella", "Jessica", "Elizabeth", "Harper", "Skye", "Willow", "Aaliyah", "Zofia",
    "Amber", "Kiera", "Paige", "Millie", "Darcie", "Ava", "Freya",
]
# fmt: on
# fmt: off
WOMEN = [
    "Leanne", "Kerry", "Stacey", "Gemma", "Danielle", "Jodie", "Natasha", "Kayleigh", "Rebecca", "Samantha",
    "Chelsea", "Amy", "Shannon", "Tanya", "Nicola", "Faith", "Agnieszka", "Sadia", "Emma", "Louise",
    "Hayley", "Charlene", "Marie", "Sharon", "Tracey", "Donna",
]
# fmt: on
# fmt: off
MEN = [
    "Darren", "Wayne", "Dean", "Jamie", "Craig", "Lee", "Ricky", "Scott", "Shane", "Liam", "Kyle", "Mark",
    "Jason", "Carl", "Stuart", "Gavin", "Paul", "Dariusz", "Mohammed", "Aaron", "Nathan", "Ross", "Jordan",
]
# fmt: on
GRANS = ["Pauline", "Brenda", "Janet", "Susan", "Linda", "Carol", "Maureen", "Jean"]
# fmt: off
SURNAMES = [
    "Haskins", "Colbeck", "Pengelly", "Tremlett", "Hobbs", "Ashworth", "Dyer", "Pike", "Gulliver",
    "Whitlock", "Bartlett", "Coombes", "Chedzoy", "Norris", "Kowalski", "Nowak", "Hussain", "Begum", "Osei",
    "Carter", "Sellick", "Yeandle", "Parsons", "Rowe", "Bright", "Cridland", "Lock", "Vowles", "Gage",
    "Fry", "Snook", "Burge", "Hooper", "Tucker", "Marsh", "Small", "Lovell", "Greenslade", "Venn",
    "Bidgood", "Tapscott", "Hillier", "Withers", "Moxey", "Leaman", "Pugsley", "Webber", "Bowden", "Chubb",
    "Clatworthy", "Durston", "Escott", "Rendell", "Stoodley", "Thorne-Baker",
]
# fmt: on
# fmt: off
NICK = {
    "Thomas": "Tommy", "Samuel": "Sammy", "Joseph": "Joey", "Daniel": "Danny", "Theodore": "Teddy",
    "William": "Billy", "Charlotte": "Charlie", "Isabella": "Bella", "Jessica": "Jess",
    "Elizabeth": "Lizzie", "Maisie": "May", "Natasha": "Tash", "Rebecca": "Becky", "Samantha": "Sam",
    "Darren": "Daz", "Kayleigh": "Kay", "Jacob": "Jake", "Oliver": "Ollie", "Kayden": "Kayde",
    "Tyler": "Ty", "Callum": "Cal", "Amelia": "Millie", "Sophia": "Sophie", "Ellie-Mae": "Ellie",
    "Kerry": "Kez", "Gemma": "Gem", "Jamie": "Jay", "Frankie": "Frank", "Harley": "Haz", "Stacey": "Stace",
    "Wayne": "Wayno",
}
# fmt: on
# fmt: off
TOWNS = [
    ("Yeovil", ["BA20", "BA21", "BA22"]), ("Taunton", ["TA1", "TA2", "TA3"]),
    ("Bridgwater", ["TA6", "TA7"]), ("Chard", ["TA20"]), ("Wellington", ["TA21"]), ("Minehead", ["TA24"]),
    ("Frome", ["BA11"]), ("Wells", ["BA5"]), ("Glastonbury", ["BA6"]), ("Shepton Mallet", ["BA4"]),
    ("Crewkerne", ["TA18"]), ("Burnham-on-Sea", ["TA8"]),
]
# fmt: on
# fmt: off
STREETS = [
    "Rosewood Close", "Coldharbour Road", "Mill Lane", "Victoria Street", "Orchard Rise", "Station Road",
    "Priory Gardens", "Brunel Way", "Kingfisher Drive", "Hendford Hill", "Lyngford Park", "Mendip Crescent",
    "Quantock Road", "Alfred Street", "Eastover", "Hamp Avenue", "Silver Street", "Wessex Close",
    "Lufton Way", "Barrington Place", "Cheddon Road", "Westfield Grove", "Larkspur Walk", "Sedgemoor Way",
    "Tor View Avenue",
]
# fmt: on
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
COUNCIL = "South Wessex Council"
TRUST = "Wessex Community Health NHS Trust"

# Professionals shared by all cases: (name, role, short, organisation).
POOL = [
    ("Sarah Okonjo", "Social Worker", "SW", COUNCIL),
    ("Michael Thorne", "Social Worker", "SW", COUNCIL),
    ("Priya Raman", "Social Worker", "SW", COUNCIL),
    ("Gareth Llewellyn", "Social Worker", "SW", COUNCIL),
    ("Helen Carrow", "Team Manager", "TM", COUNCIL),
    ("Imran Siddiqui", "Team Manager", "TM", COUNCIL),
    ("Ruth Abernethy", "Independent Reviewing Officer", "IRO", COUNCIL),
    ("Colin Ashdown", "Independent Reviewing Officer", "IRO", COUNCIL),
    ("Deborah Kwarteng", "Independent Reviewing Officer", "IRO", COUNCIL),
    ("Lucy Penhaligon", "Health Visitor", "HV", TRUST),
    ("Joanne Treloar", "Health Visitor", "HV", TRUST),
    ("Amira Haddad", "Health Visitor", "HV", TRUST),
    ("Karen Dunmore", "School Nurse", "School Nurse", TRUST),
    ("Neil Fairweather", "GP", "GP", "Mendip Vale Surgery"),
    ("Aisha Bello", "GP", "GP", "Parkside Medical Centre"),
    ("Simon Hext", "Designated Safeguarding Lead", "DSL", "Castle Hill Academy"),
    ("Claire Boddington", "Designated Safeguarding Lead", "DSL", "St Peter's CofE Primary School"),
    ("Tom Vickery", "Designated Safeguarding Lead", "DSL", "Blackdown Primary School"),
    ("Nadine Lusk", "Family Support Worker", "FSW", COUNCIL),
    ("Owen Pascoe", "Family Support Worker", "FSW", COUNCIL),
    ("Rachel Hambly", "Detective Constable", "Police", "Avon and Wessex Police PPU"),
    ("Martin Gilbey", "Detective Constable", "Police", "Avon and Wessex Police PPU"),
    ("Jade Sorrell", "IDVA", "IDVA", "Wessex Domestic Abuse Service"),
    ("Kwame Mensah", "Drug and Alcohol Worker", "D&A", "Wessex Recovery Service"),
    ("Eleanor Shute", "Solicitor", "LA Solicitor", "South Wessex Council Legal Services"),
    ("Patricia Odell", "Minute Taker", "Minutes", COUNCIL),
]
NURSERIES = ["Little Acorns Nursery", "Treetops Day Nursery", "Sunflower Pre-School"]

# ------------------------------------------------------------------------------------------ records


@dataclass
class Subject:
    name: str
    role: str
    sex: str
    dob: dt.date
    aliases: list[str] = field(default_factory=list)
    nhs: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    street: str | None = None  # "14 Rosewood Close"
    postcode: str | None = None

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def last(self) -> str:
        return self.name.split()[-1]

    @property
    def child(self) -> bool:
        return self.role in ("child", "unborn baby")


@dataclass
class Pro:
    name: str
    role: str
    short: str
    org: str
    email: str
    phone: str


@dataclass
class Case:
    id: str
    surname: str
    refs: list[str]
    court: str | None
    subjects: list[Subject]
    pros: list[Pro]
    town: str
    street: str
    school: str
    nursery: str
    category: str
    allow: list[str]

    @property
    def ref(self) -> str:
        return self.refs[0]

    @property
    def title(self) -> str:
        return f"{self.surname} family"

    @property
    def children(self) -> list[Subject]:
        return [s for s in self.subjects if s.child]

    def by_role(self, *roles: str) -> Subject | None:
        return next((s for s in self.subjects if s.role in roles), None)

    def pro(self, short: str) -> Pro | None:
        return next((p for p in self.pros if p.short == short), None)


# ------------------------------------------------------------------------------------------ helpers


def nhs_number(rng: Random, used: set[str]) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check == 10:
            continue
        s = "".join(map(str, digits)) + str(check)
        if s not in used:
            used.add(s)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def long_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def numeric_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def short_date(d: dt.date) -> str:
    return f"{d.day}.{d.month}.{d.strftime('%y')}"


def he(s: Subject) -> str:
    return "he" if s.sex == "m" else "she"


def his(s: Subject) -> str:
    return "his" if s.sex == "m" else "her"


def him(s: Subject) -> str:
    return "him" if s.sex == "m" else "her"


# ------------------------------------------------------------------------------------- the families


class World:
    """All cases, built deterministically from one Random."""

    def __init__(self, rng: Random, n_cases: int = 40) -> None:
        self.rng = rng
        self.names: set[str] = {p[0].casefold() for p in POOL}
        self.nhs_used: set[str] = set()
        self.phones: list[int] = list(range(100, 1000))
        rng.shuffle(self.phones)
        self.postcodes: set[str] = set()
        self.emails: set[str] = set()
        self.pros = [
            Pro(
                n,
                r,
                s,
                o,
                f"{n.split()[0].lower()}.{n.split()[-1].lower()}@example.com",
                f"01632 960{100 + i:03d}",
            )
            for i, (n, r, s, o) in enumerate(POOL)
        ]
        self.dobs: list[dt.date] = []
        ids = rng.sample(range(1100, 1900), n_cases)
        surnames = rng.sample(SURNAMES, n_cases)
        # Designed near misses (see truth.json "specials").
        surnames[3] = surnames[9] = "Brown"  # unrelated families sharing a surname
        surnames[5] = "Field"  # a child called Summer Field
        surnames[15] = "O'Neill"  # apostrophe in a surname (O'Neill / O’Neill / ONeill)
        surnames[19] = "Brennan"  # a child called Zoë (diacritic: Zoë / Zoe)
        self.cases: list[Case] = []
        for i, (cid, surname) in enumerate(zip(ids, surnames, strict=True)):
            self.cases.append(self._family(str(cid), surname, i))
        self._specials()

    # -- building blocks
    def _unique_name(self, first: str, last: str) -> str | None:
        name = f"{first} {last}"
        if name.casefold() in self.names:
            return None
        self.names.add(name.casefold())
        return name

    def _person(self, pool: list[str], last: str) -> str:
        for _ in range(100):
            name = self._unique_name(self.rng.choice(pool), last)
            if name:
                return name
        raise RuntimeError("name pool exhausted")

    def _phone(self) -> str:
        return f"07700 900{self.phones.pop():03d}"

    def _email(self, name: str) -> str:
        def slug(word: str) -> str:
            word = unicodedata.normalize("NFKD", word)
            return "".join(c for c in word.lower() if c.isascii() and (c.isalnum() or c == "-"))

        first, last = slug(name.split()[0]), slug(name.split()[-1])
        pattern = self.rng.choice(["{f}.{l}", "{f}{l}", "{f}.{l}{n}", "{f0}{l}{n}", "{f}_{l}"])
        for _ in range(50):
            local = pattern.format(f=first, l=last, f0=first[0], n=self.rng.randint(1, 99))
            address = f"{local}@{self.rng.choice(['example.org', 'example.com', 'example.net'])}"
            if address not in self.emails:
                self.emails.add(address)
                return address
        raise RuntimeError("e-mail collision")

    def _address(self, town: str | None = None, street: str | None = None) -> tuple[str, str, str, str]:
        rng = self.rng
        town_name, outs = next(t for t in TOWNS if t[0] == town) if town else rng.choice(TOWNS)
        while True:
            pc = f"{rng.choice(outs)} {rng.randint(1, 9)}{rng.choice(INWARD)}{rng.choice(INWARD)}"
            if pc not in self.postcodes:
                self.postcodes.add(pc)
                break
        street = street or rng.choice(STREETS)
        line = f"{rng.randint(1, 98)} {street}"
        if rng.random() < 0.2:
            line = f"Flat {rng.randint(1, 9)}, {line}"
        return f"{line}, {town_name} {pc}", line.split(", ")[-1], pc, town_name

    def _dob(self, lo: int, hi: int) -> dt.date:
        start = dt.date(lo, 1, 1)
        return start + dt.timedelta(days=self.rng.randint(0, (dt.date(hi, 12, 31) - start).days))

    def _family(self, cid: str, surname: str, index: int) -> Case:
        rng = self.rng
        subjects: list[Subject] = []
        address, street_line, pc, town = self._address()
        street = street_line.split(" ", 1)[1] if street_line[0].isdigit() else street_line
        home = dict(address=address, street=street_line, postcode=pc)
        mother = Subject(self._person(WOMEN, surname), "mother", "f", self._dob(1980, 2003), **home)
        subjects.append(mother)
        father = None
        if rng.random() < 0.75:
            dad_last = surname if rng.random() < 0.4 else rng.choice(SURNAMES)
            father = Subject(self._person(MEN, dad_last), "father", "m", self._dob(1976, 2001))
            if rng.random() < 0.6:
                a, s, p, _ = self._address()
                father.address, father.street, father.postcode = a, s, p
            else:
                father.address, father.street, father.postcode = address, street_line, pc
            subjects.append(father)
        n_children = rng.choice([1, 1, 2, 2, 2, 3, 3])
        if index == 5:
            n_children = max(n_children, 1)
        for k in range(n_children):
            boy = rng.random() < 0.5
            if index == 5 and k == 0:
                boy, first = False, "Summer"
            elif index == 19 and k == 0:
                boy, first = False, "Zoë"
            else:
                first = rng.choice(BOYS if boy else GIRLS)
            last = father.last if father and rng.random() < 0.3 else surname
            name = self._unique_name(first, last) or self._person(BOYS if boy else GIRLS, last)
            child = Subject(name, "child", "m" if boy else "f", self._dob(2010, 2024), **home)
            subjects.append(child)
        extras = rng.choice([0, 0, 0, 1, 1])
        if extras and len(subjects) < 6:
            if rng.random() < 0.5:
                gran = Subject(
                    self._person(GRANS, rng.choice([surname, *SURNAMES[:10]])),
                    "maternal grandmother",
                    "f",
                    self._dob(1955, 1972),
                )
                a, s, p, _ = self._address(town)
                gran.address, gran.street, gran.postcode = a, s, p
                subjects.append(gran)
            else:
                partner = Subject(
                    self._person(MEN, rng.choice(SURNAMES)),
                    "mother's partner",
                    "m",
                    self._dob(1978, 2002),
                    **home,
                )
                subjects.append(partner)
        subjects = subjects[:6]
        for s in subjects:
            if s.child or rng.random() < 0.55:
                s.nhs = nhs_number(rng, self.nhs_used)
            if not s.child:
                if rng.random() < 0.85:
                    s.phone = self._phone()
                if rng.random() < 0.75:
                    s.email = self._email(s.name)
            elif s.dob.year < 2011 and rng.random() < 0.4:
                s.phone = self._phone()
            self._aliases(s, father)
        refs = [f"LA-2025-{cid}"]
        court = f"BV25C0{cid}" if rng.random() < 0.45 else None
        if court:
            refs.append(court)
        pros = [p for p in self.pros if p.short == "SW"]
        chosen = [rng.choice(pros)]
        iro = rng.choice([p for p in self.pros if p.short == "IRO"])
        chosen.append(iro)
        others = [p for p in self.pros if p.short not in ("SW", "IRO")]
        chosen += rng.sample(others, rng.randint(1, 4))
        if not any(p.short == "DSL" for p in chosen) and any(c.dob.year <= 2020 for c in subjects if c.child):
            chosen.append(rng.choice([p for p in self.pros if p.short == "DSL"]))
            chosen = chosen[:6]
        dsl = next((p for p in chosen if p.short == "DSL"), None)
        school = dsl.org if dsl else rng.choice([p[3] for p in POOL if p[2] == "DSL"])
        nursery = rng.choice(NURSERIES)
        category = rng.choice(
            ["neglect", "neglect", "emotional abuse", "physical abuse", "neglect and emotional abuse"]
        )
        allow = [town, street, school, nursery, COUNCIL, TRUST, "Microsoft Teams", "Civic Centre"]
        return Case(
            cid, surname, refs, court, subjects, chosen, town, street, school, nursery, category, allow
        )

    def _aliases(self, s: Subject, father: Subject | None) -> None:
        rng = self.rng
        nick = NICK.get(s.first)
        if s.child and rng.random() < 0.45:
            if nick and rng.random() < 0.7:
                s.aliases.append(nick)
            if rng.random() < 0.5:
                other = father.last if father and father.last != s.last else rng.choice(SURNAMES)
                alias = self._unique_name(nick or s.first, other if rng.random() < 0.5 else s.last)
                if alias and alias.casefold() != s.name.casefold():
                    s.aliases.append(alias)
        elif not s.child and rng.random() < 0.25:
            if nick:
                s.aliases.append(nick)
                alias = self._unique_name(nick, s.last)
                if alias:
                    s.aliases.append(alias)
            elif s.role == "mother":
                alias = self._unique_name(s.first, rng.choice(SURNAMES))
                if alias:
                    s.aliases.append(alias)

    def _specials(self) -> None:
        """Designed near misses, written into truth.json so they are not mistaken for planted leaks."""
        rng = self.rng
        c = self.cases
        # A child nicknamed Bear and one nicknamed May ("Bear in mind", "14 May 2025").
        bear = c[7].children[0]
        if "Bear" not in bear.aliases:
            bear.aliases.insert(0, "Bear")
        may = c[11].children[0]
        if "May" not in may.aliases:
            may.aliases.insert(0, "May")
        # A newborn whose date of birth is an ordinary 2025 meeting date in another case's letter.
        host = c[13]
        baby_name = self._person(GIRLS, host.surname)
        home = host.subjects[0]
        self.newborn_dob = dt.date(2025, 2, 11)
        baby = Subject(
            baby_name,
            "child",
            "f",
            self.newborn_dob,
            [],
            nhs_number(rng, self.nhs_used),
            address=home.address,
            street=home.street,
            postcode=home.postcode,
        )
        host.subjects = [*host.subjects[:5], baby]
        # Two unrelated children born the same day (each case's own DOB must not be flagged).
        c[17].children[0].dob = c[21].children[0].dob
        # Two families in one postcode (neighbours): own postcode never flagged.
        src = c[25].subjects[0]
        dst = c[27].subjects[0]
        old_pc = dst.postcode
        for s in c[27].subjects:
            if s.postcode == old_pc:
                s.postcode = src.postcode
                s.address = s.address.replace(old_pc, src.postcode)
        # A child's first name that is another case's registered nickname (Charlie / Charlotte).
        for case, first, sex, nick in ((c[0], "Charlie", "m", None), (c[31], "Charlotte", "f", "Charlie")):
            kid = case.children[0]
            name = self._unique_name(first, kid.last) or self._unique_name(first, case.surname + "-Lee")
            kid.name, kid.sex = name, sex
            kid.aliases = [nick] if nick else []
        self.specials = {
            "shared_surname": [c[3].id, c[9].id],
            "summer_field": c[5].id,
            "bear": c[7].id,
            "may": c[11].id,
            "newborn": host.id,
            "shared_dob": [c[17].id, c[21].id],
            "shared_postcode": [c[25].id, c[27].id],
            "first_name_is_foreign_nickname": [c[0].id, c[31].id],
        }


def manifest(case: Case) -> dict:
    subjects = []
    for s in case.subjects:
        d: dict = {"name": s.name, "role": s.role}
        if s.aliases:
            d["aliases"] = list(s.aliases)
        d["dob"] = s.dob
        for key, value in (
            ("nhs_number", s.nhs),
            ("email", s.email),
            ("phone", s.phone),
            ("address", s.address),
        ):
            if value:
                d[key] = value
        subjects.append(d)
    return {
        "case": case.id,
        "title": case.title,
        "references": case.refs,
        "subjects": subjects,
        "professionals": [
            {"name": p.name, "role": p.role, "organisation": p.org, "email": p.email} for p in case.pros
        ],
        "recipients": [s.email for s in case.subjects if s.email and not s.child],
        "allow": case.allow,
    }


# ------------------------------------------------------------------------------------ document model
# A paragraph is a list of runs: ("t", text) | ("b", text) | ("br",) | ("ins", [runs]) | ("fn", id).


@dataclass
class Para:
    runs: list
    style: str = "normal"  # title | h1 | h2 | normal | small


@dataclass
class Table:
    rows: list  # rows -> cells -> paragraphs (lists of runs)
    widths: list[float] | None = None


@dataclass
class Doc:
    title: str
    blocks: list
    header: list = field(default_factory=list)  # paragraphs
    footer: list = field(default_factory=list)
    footnotes: dict = field(default_factory=dict)  # id -> runs
    first_page_header: bool = False
    first_header: list = field(default_factory=list)  # paragraphs of the first-page header, if any


def P(text: str, style: str = "normal") -> Para:
    return Para([("t", text)], style)


def cell(text: str) -> list:
    return [[("t", line)] for line in text.split("\n")]


def T(rows: list[list[str]]) -> Table:
    return Table([[cell(c) for c in row] for row in rows])


def plain(runs: list) -> str:
    out = []
    for r in runs:
        if r[0] in ("t", "b"):
            out.append(r[1])
        elif r[0] == "br":
            out.append("\n")
        elif r[0] == "ins":
            out.append(plain(r[1]))
    return "".join(out)


# ------------------------------------------------------------------------------------------- prose


class Writer:
    """Writes one case's documents: realistic prose from the glossary, this case's people only."""

    def __init__(self, world: World, case: Case, rng: Random) -> None:
        self.w, self.c, self.rng = world, case, rng
        c = case
        self.kids = c.children or [c.subjects[-1]]
        self.k = self.kids[0]
        self.mum = c.by_role("mother")
        self.dad = c.by_role("father")
        self.others = [s for s in c.subjects if s.role in ("maternal grandmother", "mother's partner")]
        self.sw = c.pro("SW")
        self.iro = c.pro("IRO")
        pool = {p.short: p for p in world.pros}
        self.hv = c.pro("HV") or pool["HV"]
        self.dsl = c.pro("DSL")
        self.fsw = c.pro("FSW")
        self.tm = c.pro("TM") or next(p for p in world.pros if p.short == "TM")
        self.minutes = c.pro("Minutes") or next(p for p in world.pros if p.short == "Minutes")
        self.sol = c.pro("LA Solicitor") or next(p for p in world.pros if p.short == "LA Solicitor")
        self.d0 = self.date()

    # -- dates that are nobody's date of birth
    def date(self, after: dt.date | None = None, weeks: tuple[int, int] = (0, 0)) -> dt.date:
        forbidden = {s.dob for c in self.w.cases for s in c.subjects}
        while True:
            if after:
                d = after + dt.timedelta(days=7 * self.rng.randint(*weeks) + self.rng.randint(0, 4))
            else:
                d = dt.date(2025, 1, 6) + dt.timedelta(days=self.rng.randint(0, 320))
            if d.weekday() < 5 and d not in forbidden:
                return d

    def when(self, d: dt.date) -> str:
        return self.rng.choice([long_date(d), d.strftime("%A ") + long_date(d), numeric_date(d)])

    def kid_names(self) -> str:
        names = [k.first for k in self.kids]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def parent_ref(self, s: Subject | None) -> str:
        if s is None:
            return "the parent"
        return self.rng.choice([s.first, f"{'Ms' if s.sex == 'f' else 'Mr'} {s.last}", s.first])

    def pick(self, options: list[str], **extra: str) -> str:
        return self.rng.choice(options).format(**self.slots(), **extra)

    def slots(self) -> dict[str, str]:
        k, c = self.k, self.c
        mum = self.mum
        return dict(
            child=k.first,
            child_full=k.name,
            he=he(k),
            his=his(k),
            him=him(k),
            He=he(k).capitalize(),
            His=his(k).capitalize(),
            kids=self.kid_names(),
            mum=self.parent_ref(mum),
            mum_full=mum.name if mum else "the mother",
            dad=self.parent_ref(self.dad) if self.dad else "the father",
            dad_full=self.dad.name if self.dad else "the father",
            sw=self.sw.name if self.sw else "the allocated social worker",
            sw_first=self.sw.name.split()[0] if self.sw else "the social worker",
            iro=self.iro.name if self.iro else "the Independent Reviewing Officer",
            hv=self.hv.name,
            hv_first=self.hv.name.split()[0],
            dsl=self.dsl.name if self.dsl else "the Designated Safeguarding Lead",
            fsw=self.fsw.name if self.fsw else "the family support worker",
            school=c.school,
            nursery=c.nursery,
            town=c.town,
            street=c.street,
            ref=c.ref,
            category=c.category,
            tm=self.tm.name,
            d0=long_date(self.d0),
            pct=str(self.rng.randint(78, 97)),
            n=str(self.rng.randint(2, 6)),
        )

    # -- shared sections
    def header_footer(self, doc: Doc, label: str) -> None:
        doc.header = [[("t", "OFFICIAL-SENSITIVE")], [("t", f"{COUNCIL} — Children's Services — {label}")]]
        doc.footer = [[("t", f"Our ref: {self.c.ref}    Printed {numeric_date(self.d0)}")]]
        if self.rng.random() < 0.4:
            doc.footer.append(
                [
                    (
                        "t",
                        "This document is confidential and must not be shared without the "
                        "agreement of the chair.",
                    )
                ]
            )
        doc.first_page_header = self.rng.random() < 0.3
        if doc.first_page_header:
            doc.first_header = [
                [("t", f"{COUNCIL} — Children's Services")],
                [("t", "Civic Centre, " + self.c.town)],
            ]

    def family_table(self, with_ids: bool = True) -> Table:
        rows = [["Name", "Relationship", "Date of birth", "NHS number" if with_ids else "Address"]]
        for s in self.c.subjects:
            last = (s.nhs or "Not known") if with_ids else (s.address or "")
            rows.append([s.name, s.role.capitalize(), numeric_date(s.dob), last])
        return T(rows)

    def agency_update(self, who: str) -> list[str]:
        o = []
        if who == "HV":
            o.append(
                self.pick(
                    [
                        "{hv} (Health Visitor) reported that she last saw the family at home on {d0}. The home "
                        "was warm and there was food in the cupboards. {mum} had attended the baby clinic and "
                        "immunisations are up to date.",
                        "{hv_first} said that {mum} has engaged well with health visiting. Weight checks are on "
                        "the centile and there were no concerns about the children's presentation at the last visit.",
                        "The health visitor shared that a missed development review has now been rebooked and "
                        "{mum} has agreed to attend. The bedroom the children share was cold and damp and {hv_first} "
                        "has written to the landlord in support of a repair.",
                    ]
                )
            )
        elif who == "DSL":
            o.append(
                self.pick(
                    [
                        "{dsl} reported that {child}'s attendance this term is {pct}%. {He} has been late on "
                        "{n} occasions, usually on Mondays. {He} is settled in class and has a good friendship group.",
                        "School said that {child} has arrived hungry on {n} mornings and has been given breakfast "
                        "club. {His} reading has improved and {his} teacher describes {him} as keen to help.",
                        "{dsl} explained that {child} had become upset in class after a weekend and told a teaching "
                        "assistant that there was shouting at home. This was recorded on the school's system and "
                        "shared with the social worker on the same day.",
                    ]
                )
            )
        elif who == "FSW":
            o.append(
                self.pick(
                    [
                        "{fsw} has completed {n} sessions of the routines work with {mum}. A bedtime chart is now "
                        "on the fridge and {mum} says the evenings are calmer.",
                        "Family support sessions have focused on budgeting and meal planning. {mum} has been "
                        "referred to the food bank and to the council's welfare rights team.",
                    ]
                )
            )
        elif who == "SW":
            o.append(
                self.pick(
                    [
                        "{sw} (Social Worker) has visited the home {n} times since the last meeting, twice "
                        "unannounced. On each visit the home conditions were adequate and the children were seen "
                        "and spoken to alone.",
                        "The social worker said that {child} was seen alone at school and completed the "
                        "three houses tool. {His} house of worries was about mum and dad arguing; {his} house of "
                        "good things included {his} bike and the dog.",
                        "{sw} reported that the written agreement has been reviewed with both parents. {dad} has "
                        "kept to the agreed contact arrangements and has not attended the family home without "
                        "notice.",
                    ]
                )
            )
        return o

    # -- document types
    def core_group(self) -> Doc:
        c, rng = self.c, self.rng
        doc = Doc(f"Core Group Meeting Minutes — {c.title}", [])
        self.header_footer(doc, "Core Group")
        b = doc.blocks
        b.append(P("Core Group Meeting Minutes", "title"))
        b.append(
            T(
                [
                    ["Children", ", ".join(k.name for k in self.kids)],
                    ["Date", self.when(self.d0)],
                    [
                        "Venue",
                        rng.choice(
                            ["Microsoft Teams", f"Civic Centre, {c.town}", f"Family home, {c.street}"]
                        ),
                    ],
                    ["Chair", self.sw.name if self.sw else "Social Worker"],
                    ["Minute taker", self.minutes.name],
                    ["Reference", c.ref],
                ]
            )
        )
        b.append(P("Present", "h2"))
        rows = [["Name", "Role", "Agency"]]
        for p in c.pros:
            if p.short not in ("IRO", "LA Solicitor") and rng.random() < 0.85:
                rows.append([p.name, p.role, p.org])
        for s in [self.mum, self.dad]:
            if s and rng.random() < 0.8:
                rows.append([s.name, s.role.capitalize(), "Family"])
        b.append(T(rows))
        b.append(P(f"Apologies: {self.tm.name} (Team Manager)."))
        b.append(P("1. Welcome, introductions and confidentiality", "h2"))
        b.append(
            P(
                self.pick(
                    [
                        "The chair welcomed everyone and reminded the group that the information shared today is "
                        "confidential to this meeting and to the agencies involved with the family. Everyone agreed.",
                        "{sw_first} opened the meeting, went through introductions and read the confidentiality "
                        "statement. It was explained that the minutes will be shared with {mum} and {dad}.",
                    ]
                )
            )
        )
        b.append(P("2. Purpose of the meeting", "h2"))
        b.append(
            P(
                self.pick(
                    [
                        "The purpose of the core group is to develop and review the child protection plan for {kids}, "
                        "who became subject to a plan under the category of {category} at the conference on {d0}.",
                        "This is the {n}th core group meeting. The group will review progress against the outcomes "
                        "in the plan and agree what needs to happen before the review conference.",
                    ]
                )
            )
        )
        b.append(P("3. Updates from agencies", "h2"))
        for who in ["SW", "HV", "DSL", "FSW"]:
            for t in self.agency_update(who):
                b.append(P(t))
        b.append(P("4. Parents' views", "h2"))
        b.append(
            P(
                self.pick(
                    [
                        "{mum} said that things are better at home and that she feels listened to. She is worried "
                        "about money and about the car, which failed its MOT. She would like more help with the "
                        "school run.",
                        "{mum} said she did not agree with everything in the plan but understood why people were "
                        "worried. She wants the plan to end at the next review and knows what needs to change.",
                    ]
                )
            )
        )
        if self.dad:
            b.append(
                P(
                    self.pick(
                        [
                            "{dad} said he wants to spend more time with the children and asked whether contact could "
                            "move to the weekend. The group will consider this once the parenting work is finished.",
                            "{dad} did not attend. {sw_first} will visit him to share the minutes and gather his views.",
                        ]
                    )
                )
            )
        b.append(P("5. The child's views", "h2"))
        b.append(
            P(
                self.pick(
                    [
                        "{child} told {sw_first} that {he} likes it when mum reads to {him} and that {he} would like a "
                        "new bike. {He} said {he} feels safe at home but does not like the shouting.",
                        "{child} drew a picture of {his} family and put {his} nan and the dog in the middle. {He} "
                        "said school is 'all right' and that {his} best friend is in {his} class.",
                    ]
                )
            )
        )
        b.append(
            P(
                self.pick(
                    [
                        "We hope the summer holidays will give the family a chance to settle into the new routines; "
                        "the group will mark the progress at the next meeting.",
                        "There was some discussion of the rose garden project at school, which {child} has enjoyed.",
                        "Grace period on the rent arrears has been agreed with the housing officer until the end of the month.",
                    ]
                )
            )
        )
        b.append(P("6. Actions", "h2"))
        d1 = self.date(self.d0, (2, 3))
        acts = [
            ["Action", "Who", "By when"],
            [
                f"Visit the home and see {self.k.first} alone",
                self.sw.name if self.sw else "SW",
                long_date(d1),
            ],
            ["Chase the landlord about the damp", self.hv.name, long_date(self.date(self.d0, (1, 2)))],
            [
                f"Share attendance figures for {self.k.first}",
                self.dsl.name if self.dsl else "School",
                numeric_date(self.date(self.d0, (1, 3))),
            ],
        ]
        if self.fsw:
            acts.append(["Continue routines work with the family", self.fsw.name, "Ongoing"])
        b.append(T(acts))
        b.append(P("Date of next core group meeting", "h2"))
        b.append(
            P(
                f"{self.when(self.date(self.d0, (4, 6)))} at 10:00, {rng.choice(['Microsoft Teams', 'the family home', 'Civic Centre'])}."
            )
        )
        return doc

    def cp_plan(self) -> Doc:
        c, rng, k = self.c, self.rng, self.k
        doc = Doc(f"Child Protection Plan — {k.name}", [])
        self.header_footer(doc, "Child Protection Plan")
        b = doc.blocks
        b.append(P("Child Protection Plan", "title"))
        b.append(
            T(
                [
                    ["Child", k.name],
                    ["Date of birth", long_date(k.dob)],
                    ["NHS number", k.nhs or "Not known"],
                    ["Address", k.address or ""],
                    ["Category", c.category.capitalize()],
                    ["Date of ICPC", long_date(self.d0)],
                    ["Chair", self.iro.name if self.iro else "IRO"],
                    ["Lead social worker", self.sw.name if self.sw else ""],
                    ["File reference", ", ".join(c.refs)],
                ]
            )
        )
        b.append(P("Why this plan is needed", "h1"))
        for t in rng.sample(
            [
                "At the Initial Child Protection Conference on {d0} the conference agreed that {kids} are at "
                "risk of significant harm under the category of {category}.",
                "The conference heard that the home conditions have been poor over a long period, with little "
                "food in the house, dirty bedding and dog mess on the floor on two visits.",
                "{child} has missed {n} health appointments and has untreated tooth decay. School report that "
                "{he} is often tired and hungry.",
                "There have been arguments between {mum} and {dad} which the children have heard. {mum} "
                "has said she wants to keep the children safe and is willing to work with the plan.",
                "The parents' own childhood experiences and {mum}'s low mood were discussed; she is on the "
                "waiting list for talking therapies.",
            ],
            3,
        ):
            b.append(P(t.format(**self.slots())))
        b.append(P("What needs to change (outcomes)", "h1"))
        outcomes = [
            (
                "{kids} will live in a home that is clean, warm and safe.",
                "Family support worker to complete home conditions work weekly",
                "{fsw}",
            ),
            (
                "{child} will attend all health and dental appointments.",
                "{mum} to book the dentist; health visitor to monitor",
                "{hv}",
            ),
            (
                "{child} will attend school every day and on time.",
                "School to share attendance fortnightly",
                "{dsl}",
            ),
            (
                "The children will not witness arguments or violence between the adults.",
                "Referral to the domestic abuse service for both parents",
                "{sw}",
            ),
        ]
        rows = [["Outcome", "Action", "Who", "By when"]]
        for o, a, who in outcomes:
            rows.append(
                [
                    o.format(**self.slots()),
                    a.format(**self.slots()),
                    who.format(**self.slots()),
                    long_date(self.date(self.d0, (2, 8))),
                ]
            )
        b.append(T(rows))
        b.append(P("Contingency plan", "h1"))
        b.append(
            P(
                self.pick(
                    [
                        "If the plan is not followed or the concerns increase, the local authority will hold a legal "
                        "planning meeting to consider the Public Law Outline.",
                        "If {mum} does not engage with the plan, or the children are found in a home that is unsafe, "
                        "{sw} will discuss with {tm} whether a legal planning meeting is needed.",
                    ]
                )
            )
        )
        b.append(P("Core group members", "h1"))
        rows = [["Name", "Role", "Contact"]]
        for p in c.pros:
            rows.append([p.name, p.role, p.phone])
        for s in self.c.subjects:
            if not s.child and s.role in ("mother", "father"):
                rows.append([s.name, s.role.capitalize(), s.phone or "by letter"])
        b.append(T(rows))
        b.append(
            P(
                self.pick(
                    [
                        "Bear in mind that this plan will be reviewed at the first core group and again at the review conference.",
                        "The first core group meeting will be held within ten working days of the conference.",
                        "The plan will be reviewed at every core group meeting and at the review conference.",
                        "A copy of this plan will be given to both parents and to every member of the core group.",
                    ]
                )
            )
        )
        b.append(P(f"The review conference will be held on {long_date(self.date(self.d0, (12, 13)))}."))
        return doc

    def rcpc_letter(self) -> Doc:
        c, rng, _k = self.c, self.rng, self.k
        mum = self.mum or c.subjects[0]
        doc = Doc(f"Review Child Protection Conference outcome — {c.title}", [])
        self.header_footer(doc, "Conference outcome")
        b = doc.blocks
        addr = (mum.address or "").split(", ")
        for line in [mum.name, *addr]:
            b.append(P(line))
        b.append(P(long_date(self.d0)))
        b.append(P(f"Our ref: {c.ref}"))
        b.append(P(f"Dear {mum.first}," if rng.random() < 0.5 else f"Dear Ms {mum.last},"))
        b.append(
            P(
                f"Re: Review Child Protection Conference for {self.kid_names()} {mum.last if self.k.last == mum.last else self.k.last}",
                "h2",
            )
        )
        d_conf = self.date(self.d0, (0, 0))
        b.append(
            P(
                self.pick(
                    [
                        "Thank you for coming to the Review Child Protection Conference held on {when} at the Civic "
                        "Centre. I am writing to let you know the outcome of the conference.",
                        "I am writing to confirm the outcome of the Review Child Protection Conference which took "
                        "place on {when} on Microsoft Teams.",
                    ],
                    when=self.when(d_conf),
                )
            )
        )
        if rng.random() < 0.6:
            b.append(
                P(
                    self.pick(
                        [
                            "The conference agreed that {kids} should remain subject to a child protection plan under "
                            "the category of {category}. Everyone agreed that there has been progress, but that more "
                            "time is needed to be sure the changes will last.",
                        ]
                    )
                )
            )
            b.append(
                P(
                    self.pick(
                        [
                            "The next core group meeting will be on {d1}. The next review conference will be on {d2}.",
                        ],
                        d1=long_date(self.date(self.d0, (1, 2))),
                        d2=long_date(self.date(self.d0, (24, 26))),
                    )
                )
            )
        else:
            b.append(
                P(
                    self.pick(
                        [
                            "The conference agreed that {kids} no longer need a child protection plan. The children "
                            "will now be supported under a Child in Need plan, and {sw} will arrange the first Child "
                            "in Need meeting.",
                        ]
                    )
                )
            )
        b.append(P("The following actions were agreed:"))
        rows = [["Action", "Who", "When"]]
        for a, who in [
            ("Visit at least every ten working days and see the children alone", "{sw}"),
            ("Complete the development review for the youngest child", "{hv}"),
            ("Attend the Freedom Programme and keep the children's appointments", "{mum_full}"),
        ]:
            rows.append([a, who.format(**self.slots()), long_date(self.date(self.d0, (1, 6)))])
        b.append(T(rows))
        b.append(
            P(
                self.pick(
                    [
                        "The minutes of the conference will be sent to you within 20 working days. If you think "
                        "anything in them is wrong, please write to me and I will look at it again.",
                        "If you are unhappy with the way the conference was run, you can make a complaint. A leaflet "
                        "explaining how to do this is enclosed.",
                    ]
                )
            )
        )
        b.append(
            P(
                self.pick(
                    [
                        "Bear in mind that you can bring a friend or an advocate to the next conference.",
                        "You can bring a friend, a family member or an advocate to the next conference.",
                        "Please let me know if you need an interpreter or any help to take part in the next conference.",
                        "If you would like to talk about this letter, please ring me or your social worker.",
                    ]
                )
            )
        )
        b.append(P("Yours sincerely,"))
        iro = self.iro.name if self.iro else "Independent Reviewing Officer"
        b.append(P(iro))
        b.append(P(f"Independent Reviewing Officer, {COUNCIL}"))
        b.append(
            P(
                f"cc: {self.sw.name if self.sw else 'Social Worker'}; "
                f"{self.dad.name if self.dad and rng.random() < 0.7 else 'file'}"
            )
        )
        return doc

    def cfa(self) -> Doc:
        c, rng, _k = self.c, self.rng, self.k
        doc = Doc(f"Child and Family Assessment — {c.title}", [])
        self.header_footer(doc, "Child and Family Assessment")
        b = doc.blocks
        b.append(P("Child and Family Assessment", "title"))
        b.append(
            T(
                [
                    ["Case reference", c.ref],
                    ["Assessment started", long_date(self.d0)],
                    ["Assessment completed", long_date(self.date(self.d0, (6, 8)))],
                    ["Social worker", self.sw.name if self.sw else ""],
                    ["Team manager", self.tm.name],
                ]
            )
        )
        b.append(P("Family composition", "h1"))
        b.append(self.family_table(with_ids=rng.random() < 0.6))
        b.append(P("Reason for the assessment", "h1"))
        b.append(
            P(
                self.pick(
                    [
                        "A referral was received from {school} on {d0} after {child} said that {he} had been left at "
                        "home alone overnight. The referral was accepted for a Child and Family Assessment.",
                        "{hv} referred the family after a home visit at which the home was found to be very cold and "
                        "the youngest child had a nappy rash that had not been treated.",
                        "The police shared a report of a verbal argument at the family home at which the children "
                        "were present. No one was hurt and no further action was taken by the police.",
                    ]
                )
            )
        )
        b.append(P("Child's developmental needs", "h1"))
        for kid in self.kids:
            s = dict(
                self.slots(),
                child=kid.first,
                he=he(kid),
                his=his(kid),
                him=him(kid),
                He=he(kid).capitalize(),
                His=his(kid).capitalize(),
                dob=long_date(kid.dob),
            )
            b.append(
                P(
                    rng.choice(
                        [
                            "Health: {child} (born {dob}) is registered with the GP and is up to date with "
                            "immunisations. {His} last dental check was over two years ago and {mum} has been asked "
                            "to book an appointment.",
                            "Education: {child} attends {school}. {His} attendance is {pct}%, which is below the "
                            "school's target. {He} enjoys maths and PE and is described as kind to younger children.",
                            "Emotional and behavioural development: {child} can become withdrawn when {he} is "
                            "worried. {He} told the worker that {he} worries about mum when she is sad.",
                            "Identity and family relationships: {child} has a close bond with {his} mother and with "
                            "{his} grandparents, whom {he} sees most weekends.",
                        ]
                    ).format(**s)
                )
            )
        b.append(P("Parenting capacity", "h1"))
        for t in rng.sample(
            [
                "Basic care: {mum} provides basic care most of the time, but the home conditions decline "
                "when she is unwell. The fridge had food in it on each announced visit.",
                "Ensuring safety: {mum} has put a stair gate up and moved medicines out of reach. She "
                "recognises that the arguments with {dad} frighten the children.",
                "Emotional warmth: the worker observed {mum} cuddling {child} and praising {him} for a "
                "drawing. {child} went to her for comfort when {he} fell over.",
                "Guidance and boundaries: bedtimes are not consistent and the children often go to bed after "
                "ten. {mum} has agreed to try the routines work with {fsw}.",
            ],
            3,
        ):
            b.append(P(t.format(**self.slots())))
        b.append(P("Family and environmental factors", "h1"))
        b.append(
            P(
                self.pick(
                    [
                        "The family live in a privately rented two-bedroom house on {street}, {town}. There is damp in "
                        "the children's room. {mum} is in receipt of Universal Credit and has rent arrears.",
                        "{mum}'s mother lives nearby and provides regular childcare. The family are known to the "
                        "local church, which has helped with food parcels.",
                    ]
                )
            )
        )
        b.append(P("Analysis", "h1"))
        b.append(
            P(
                self.pick(
                    [
                        "The children are loved and there are strengths in the family, in particular {mum}'s "
                        "willingness to accept help. However the worries about neglect have been present for a long "
                        "time and have not changed with support at the early help level.",
                        "Taking everything into account, the risks to {kids} are assessed as medium. The protective "
                        "factors are the support of the wider family and the children's good attendance at school.",
                    ]
                )
            )
        )
        b.append(
            P(
                self.pick(
                    [
                        "{He} is looking forward to the summer field trip with {his} class and has asked whether mum can come.",
                        "We hope that the children's views, recorded above, will be read by both parents.",
                        "Bear in mind that {child} is only young and may not have understood all of the questions.",
                        "{child} was seen alone at school and at home, and {his} views are recorded above.",
                        "The worker used pictures and a feelings scale to help {child} share {his} views.",
                    ]
                )
            )
        )
        b.append(P("Recommendation", "h1"))
        b.append(
            P(
                self.pick(
                    [
                        "It is recommended that an Initial Child Protection Conference is convened.",
                        "It is recommended that the children are supported under a Child in Need plan, reviewed in "
                        "three months.",
                    ]
                )
            )
        )
        b.append(
            P(
                f"Completed by {self.sw.name if self.sw else 'the social worker'}, Social Worker. "
                f"Authorised by {self.tm.name}, Team Manager, on {long_date(self.date(self.d0, (8, 9)))}."
            )
        )
        return doc

    def plo_letter(self) -> Doc:
        c, rng = self.c, self.rng
        doc = Doc(f"Letter before proceedings — {c.title}", [])
        self.header_footer(doc, "Legal")
        b = doc.blocks
        b.append(P("IMPORTANT: PLEASE TAKE THIS LETTER TO A SOLICITOR", "h1"))
        parents = [s for s in (self.mum, self.dad) if s]
        for s in parents[:1]:
            for line in [s.name, *(s.address or "").split(", ")]:
                b.append(P(line))
        b.append(P(long_date(self.d0)))
        b.append(P(f"Our ref: {c.ref}"))
        b.append(P(f"Dear {' and '.join(s.name for s in parents)},"))
        b.append(P(f"Letter before proceedings: {self.kid_names()}", "h2"))
        b.append(
            P(
                self.pick(
                    [
                        "I am writing to tell you that {COUNCIL} is very worried about the care of your children. We "
                        "are thinking about asking the family court to make decisions about them. Before we do this, we "
                        "want to meet with you and your solicitor to see if we can agree what needs to change.",
                    ],
                    COUNCIL=COUNCIL,
                )
            )
        )
        b.append(P("Why we are worried", "h2"))
        for t in rng.sample(
            [
                "The children have been subject to a child protection plan since {d0} under the category of "
                "{category}, and things have not improved enough.",
                "{child}'s school attendance has fallen to {pct}% and {he} has missed two hospital appointments.",
                "On {n} visits the home was found to be dirty and unsafe, with no food for the children.",
                "You have not attended {n} core group meetings and have not kept the appointments that were "
                "made for you with the drug and alcohol service.",
            ],
            3,
        ):
            b.append(P("•  " + t.format(**self.slots())))
        b.append(P("What we need you to do", "h2"))
        rows = [["What needs to happen", "By when"]]
        for t in [
            "Keep the home clean and safe, with food for the children",
            "Make sure {child} goes to school every day and on time",
            "Attend every core group meeting and appointment with the drug and alcohol service",
            "Work with {fsw} on routines and boundaries",
        ]:
            rows.append([t.format(**self.slots()), long_date(self.date(self.d0, (4, 8)))])
        b.append(T(rows))
        b.append(P("The pre-proceedings meeting", "h2"))
        d1 = self.date(self.d0, (1, 2))
        b.append(
            P(
                self.pick(
                    [
                        "We would like you to come to a meeting at the Civic Centre, {town}, on {when} at 10:30. "
                        "{sw}, {tm} and {sol} from our legal team will be there. Please bring your solicitor.",
                    ],
                    when=self.when(d1),
                    sol=self.sol.name,
                )
            )
        )
        b.append(
            P(
                self.pick(
                    [
                        "Because of this letter you can get free legal advice from a solicitor (legal aid), whatever "
                        "your income. A list of solicitors who do this work is enclosed. Please show them this letter.",
                    ]
                )
            )
        )
        b.append(
            P(
                self.pick(
                    [
                        "If you do not come to the meeting, or if things do not improve, we may apply to court "
                        "without further warning. If there is an emergency, we may have to act sooner.",
                    ]
                )
            )
        )
        if c.court:
            b.append(
                P(
                    f"This letter will be filed with the court papers if proceedings are issued (LA ref "
                    f"{c.court})."
                )
            )
        b.append(P("Yours sincerely,"))
        b.append(P(self.tm.name))
        b.append(P(f"Team Manager, Children's Services, {COUNCIL}"))
        b.append(P(f"cc: {self.sol.name}, Legal Services; {self.sw.name if self.sw else 'file'}"))
        return doc

    KINDS: ClassVar[dict[str, str]] = {
        "core-group-minutes": "core_group",
        "cp-plan": "cp_plan",
        "rcpc-letter": "rcpc_letter",
        "cfa": "cfa",
        "plo-letter": "plo_letter",
    }

    def write(self, kind: str) -> Doc:
        return getattr(self, self.KINDS[kind])()


# ----------------------------------------------------------------------------------------- leak plan

# The forms of the brief, then further forms the tool's documentation claims (NBSP and double spaces,
# O'Neill/O’Neill, Zoë/Zoe, a hyphenated name broken at its hyphen, +44 (0), ordinals, ...).
# fmt: off
NAME_FORMS = [
    "name-exact", "name-upper", "name-lower", "name-possessive", "name-possessive-curly", "name-linebreak",
    "name-runsplit", "alias-multiword", "alias-nickname", "name-nbsp", "name-doublespace",
    "name-apostrophe-variant", "name-diacritic-variant", "name-hyphen-break",
]
# fmt: on
# fmt: off
ID_FORMS = [
    "ref-exact", "ref-spaced", "ref-lower", "court-number", "case-id-cue", "nhs-spaced", "nhs-unspaced",
    "dob-numeric", "dob-long", "dob-short", "postcode-exact", "postcode-lower", "postcode-nospace",
    "address-street", "email", "email-mixedcase", "phone-exact", "phone-intl", "phone-dashed", "ref-slash",
    "ref-nospace", "nhs-dashed", "dob-ordinal", "dob-abbrev", "dob-label-cell", "address-full",
    "phone-unspaced", "phone-intl-zero",
]
# fmt: on
FORMS = NAME_FORMS + ID_FORMS

SENTENCE = {  # templates for places that hold sentences
    "name": [
        "{x} was also present in the home during the visit.",
        "Mum said that {x} has been staying at the property most weekends.",
        "The school reported that {x} had arrived without a coat on three occasions.",
        "It was agreed that {x} would be referred to the early help hub.",
        "The health visitor will see {x} before the next core group.",
    ],
    "possessive": [
        "{x} attendance has dropped to 81% this term.",
        "{x} mother did not attend.",
        "{x} father has been asked to complete a hair strand test.",
        "The worker saw {x} bedroom, which was cold and damp.",
    ],
    "nickname": [
        "{x} told the worker that he did not want to go home.",
        "Staff said that {x} had been sleeping on the sofa.",
        "{x} has started at the breakfast club.",
    ],
    "ref": [
        "Please quote our reference {x} in any reply.",
        "Information taken from file {x}.",
        "See the chronology on {x} for the earlier referrals.",
    ],
    "court": ["The matter is listed under case number {x}.", "Court ref: {x}."],
    "case-id": ["Please see case no. {x} for the chronology.", "Ref {x} — strategy discussion."],
    "nhs": ["NHS number: {x}.", "The GP confirmed the NHS no. {x} for the referral."],
    "dob": [
        "DOB {x}.",
        "The child (born {x}) is registered with the practice.",
        "Date of birth: {x}.",
        "d.o.b. {x} as given by the hospital.",
    ],
    "postcode": ["The family have moved to a property in {x}.", "Home visit completed at an address in {x}."],
    "street": ["A home visit was completed at {x} last week.", "Mum is now living at {x}."],
    "dob-label": ["{x}"],
    "email": ["The invitation was also sent to {x}.", "Minutes to be e-mailed to {x}."],
    "phone": ["Mum can be contacted on {x}.", "Contact number given as {x}."],
}
LABEL = {  # short templates for headers and footers
    "name": ["Re: {x}", "Child: {x}"],
    "possessive": ["{x} plan"],
    "nickname": ["{x} — notes"],
    "ref": ["Ref: {x}", "File {x}"],
    "court": ["Court no. {x}"],
    "case-id": ["Case no. {x}"],
    "nhs": ["NHS no. {x}"],
    "dob": ["DOB {x}"],
    "dob-label": ["DOB {x}"],
    "postcode": ["Postcode {x}"],
    "street": ["Address: {x}"],
    "email": ["E-mail: {x}"],
    "phone": ["Tel: {x}"],
}
# fmt: off
FORM_KIND = {
    "name-exact": "name", "name-upper": "name", "name-lower": "name", "name-possessive": "possessive",
    "name-possessive-curly": "possessive", "name-linebreak": "name", "name-runsplit": "name",
    "alias-multiword": "name", "alias-nickname": "nickname", "ref-exact": "ref", "ref-spaced": "ref",
    "ref-lower": "ref", "court-number": "court", "case-id-cue": "case-id", "nhs-spaced": "nhs",
    "nhs-unspaced": "nhs", "dob-numeric": "dob", "dob-long": "dob", "dob-short": "dob",
    "postcode-exact": "postcode", "postcode-lower": "postcode", "postcode-nospace": "postcode",
    "address-street": "street", "email": "email", "email-mixedcase": "email", "phone-exact": "phone",
    "phone-intl": "phone", "phone-dashed": "phone", "name-nbsp": "name", "name-doublespace": "name",
    "name-apostrophe-variant": "name", "name-diacritic-variant": "name", "name-hyphen-break": "name",
    "ref-slash": "ref", "ref-nospace": "ref", "nhs-dashed": "nhs", "dob-ordinal": "dob",
    "dob-abbrev": "dob", "dob-label-cell": "dob-label", "address-full": "street", "phone-unspaced": "phone",
    "phone-intl-zero": "phone",
}
# fmt: on
PLACES = {
    "docx": ["body", "table", "header", "footer", "footnote", "insertion"],
    "pdf": ["page-body", "page-table", "page-header", "page-footer"],
    "txt": ["txt-body"],
}
# fmt: off
EXPECTED_PART = {
    "body": "body", "table": "table", "header": "header", "footer": "footer", "footnote": "footnote",
    "insertion": "body", "page-body": "page", "page-table": "page", "page-header": "page",
    "page-footer": "page", "txt-body": "body",
}
# fmt: on


def leak_value(form: str, case: Case, s: Subject, rng: Random) -> tuple[list, str, str] | None:
    """(runs, planted text, subject) for one form of one leak, or None if the subject lacks it."""
    first, last = s.first, s.last
    if form == "name-exact":
        t = s.name
    elif form == "name-upper":
        t = s.name.upper()
    elif form == "name-lower":
        t = s.name.lower()
    elif form == "name-possessive":
        t = s.name + "'s"
    elif form == "name-possessive-curly":
        t = s.name + "’s"
    elif form == "name-linebreak":
        return [("t", first), ("br",), ("t", last)], f"{first}\n{last}", s.name
    elif form == "name-runsplit":
        cut = rng.randint(1, len(first) - 1)
        return [("t", first[:cut]), ("t", first[cut:] + " " + last)], s.name, s.name
    elif form == "name-nbsp":
        t = s.name.replace(" ", "\u00a0")
    elif form == "name-doublespace":
        t = s.name.replace(" ", "  ")
    elif form == "name-apostrophe-variant":
        if "'" not in s.name:
            return None
        t = s.name.replace("'", "’") if rng.random() < 0.6 else s.name.replace("'", "")
    elif form == "name-diacritic-variant":
        t = "".join(c for c in unicodedata.normalize("NFKD", s.name) if not unicodedata.combining(c))
        if t == s.name:
            return None
    elif form == "name-hyphen-break":
        if "-" not in s.name:
            return None
        head, tail = s.name.split("-", 1)
        return [("t", head + "-"), ("br",), ("t", tail)], f"{head}-\n{tail}", s.name
    elif form == "alias-multiword":
        multi = [a for a in s.aliases if " " in a]
        if not multi:
            return None
        t = multi[0]
    elif form == "alias-nickname":
        single = [a for a in s.aliases if " " not in a and a not in ("Bear", "May")]
        if not single:
            return None
        t = single[0]
    elif form == "ref-exact":
        t = case.ref
    elif form == "ref-spaced":
        t = case.ref.replace("-", " ")
    elif form == "ref-lower":
        t = case.ref.lower()
    elif form == "ref-slash":
        t = case.ref.replace("-", "/")
    elif form == "ref-nospace":
        t = case.ref.replace("-", "")
    elif form == "court-number":
        if not case.court:
            return None
        t = case.court
    elif form == "case-id-cue":
        t = case.id
    elif form in ("nhs-spaced", "nhs-unspaced"):
        if not s.nhs:
            return None
        t = s.nhs if form == "nhs-spaced" else s.nhs.replace(" ", "")
    elif form == "nhs-dashed":
        if not s.nhs:
            return None
        t = s.nhs.replace(" ", "-")
    elif form == "dob-numeric":
        t = numeric_date(s.dob)
    elif form == "dob-long":
        t = long_date(s.dob)
    elif form == "dob-short":
        t = short_date(s.dob)
    elif form == "dob-ordinal":
        day = s.dob.day
        suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        t = f"{day}{suffix} {s.dob.strftime('%B')} {s.dob.year}"
    elif form == "dob-abbrev":
        t = f"{s.dob.day} {s.dob.strftime('%b')} {s.dob.year}"
    elif form == "dob-label-cell":
        t = numeric_date(s.dob)
    elif form == "address-full":
        if not s.address:
            return None
        t = s.address
    elif form.startswith("postcode"):
        if not s.postcode:
            return None
        t = {
            "postcode-exact": s.postcode,
            "postcode-lower": s.postcode.lower(),
            "postcode-nospace": s.postcode.replace(" ", ""),
        }[form]
    elif form == "address-street":
        if not s.street:
            return None
        t = s.street
    elif form in ("email", "email-mixedcase"):
        if not s.email:
            return None
        local, domain = s.email.split("@")
        t = (
            s.email
            if form == "email"
            else ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize()
        )
    elif form.startswith("phone"):
        if not s.phone:
            return None
        digits = s.phone.replace(" ", "")
        t = {
            "phone-exact": s.phone,
            "phone-intl": "+44 " + digits[1:5] + " " + digits[5:],
            "phone-dashed": f"{digits[:5]}-{digits[5:8]}-{digits[8:]}",
            "phone-unspaced": digits,
            "phone-intl-zero": "+44 (0)" + digits[1:5] + " " + digits[5:],
        }[form]
    else:
        raise ValueError(form)
    return [("t", t)], t, s.name


def compatible(form: str, fmt: str, place: str) -> bool:
    if form == "name-runsplit":
        return fmt == "docx"
    if form in ("name-linebreak", "name-hyphen-break"):
        return place not in ("page-header", "page-footer")
    if form == "dob-label-cell":  # "Date of birth" in one cell, the date in the next
        return place in ("table", "page-table", "txt-body")
    return True


class Planter:
    """Plants leaks from other cases into a document, spreading forms evenly over places."""

    def __init__(self, world: World, rng: Random) -> None:
        self.w, self.rng = world, rng
        self.used: dict[tuple[str, str], int] = {}
        self.form_used: dict[str, int] = {f: 0 for f in FORMS}

    @staticmethod
    def permitted(own: Case, form: str, subj: Subject, text: str) -> bool:
        """True when the planted text is also this case's own (a shared nickname, a shared postcode,
        a shared birthday): the tool is right not to flag it, so it is not planted as a leak."""

        def key(t: str) -> str:
            t = unicodedata.normalize("NFKD", t.replace("’", "'"))
            return " ".join("".join(c for c in t if not unicodedata.combining(c)).split()).casefold()

        if form in NAME_FORMS:
            names = {key(x) for s in own.subjects for x in (s.name, *s.aliases)}
            names |= {key(p.name) for p in own.pros} | {key(a) for a in own.allow}
            return key(text.replace("'s", "").replace("’s", "")) in names
        mine = own.subjects
        if form.startswith("dob"):
            return subj.dob in {s.dob for s in mine}
        if form.startswith(("postcode", "address")):
            return subj.postcode in {s.postcode for s in mine} or subj.street in {s.street for s in mine}
        if form.startswith("nhs"):
            return subj.nhs in {s.nhs for s in mine}
        if form.startswith("email"):
            return subj.email in {s.email for s in mine}
        if form.startswith("phone"):
            return subj.phone in {s.phone for s in mine}
        return False

    def plant(self, doc: Doc, fmt: str, own: Case, n: int) -> list[dict]:
        rng = self.rng
        others = [c for c in self.w.cases if c.id != own.id]
        sources = rng.sample(others, rng.choice([1, 1, 2]))
        leaks = []
        places = PLACES[fmt]
        for _ in range(n):
            place = min(
                places, key=lambda p: (sum(v for (pl, _), v in self.used.items() if pl == p), rng.random())
            )
            cands = sorted(
                (f for f in FORMS if compatible(f, fmt, place)),
                key=lambda f: (self.used.get((place, f), 0), self.form_used[f], rng.random()),
            )
            for form in cands:
                # Prefer this document's source families; else any other family that has the detail.
                pools = [rng.sample(sources, len(sources)), others]
                found = None
                for pool in pools:
                    for src in pool:
                        subjects = rng.sample(src.subjects, len(src.subjects))
                        for subj in subjects:
                            got = leak_value(form, src, subj, rng)
                            if got is not None and not self.permitted(own, form, subj, got[1]):
                                found = (src, got)
                                break
                        if found:
                            break
                    if found:
                        break
                if found:
                    break
            src, (runs, text, person) = found
            self.used[(place, form)] = self.used.get((place, form), 0) + 1
            self.form_used[form] += 1
            kind = FORM_KIND[form]
            self._insert(doc, fmt, place, kind, runs)
            leaks.append(
                {
                    "rule": "foreign-name" if form in NAME_FORMS else "foreign-identifier",
                    "text": text,
                    "part": EXPECTED_PART[place],
                    "place": place,
                    "case": src.id,
                    "subject": person,
                    "form": form,
                }
            )
        return leaks

    def _insert(self, doc: Doc, fmt: str, place: str, kind: str, value: list) -> None:
        rng = self.rng
        if kind == "dob-label" and place in ("table", "page-table", "txt-body"):
            tables = [b for b in doc.blocks if isinstance(b, Table) and len(b.rows[0]) >= 2]
            tbl = rng.choice(tables)
            width = len(tbl.rows[0])
            row = [cell("Date of birth"), [value]] + [cell("") for _ in range(width - 2)]
            tbl.rows.insert(rng.randrange(1, len(tbl.rows) + 1), row)
            return
        if place in ("header", "footer", "page-header", "page-footer"):
            template = rng.choice(LABEL[kind])
        else:
            template = rng.choice(SENTENCE[kind])
        pre, post = template.split("{x}")
        runs = ([("t", pre)] if pre else []) + value + ([("t", post)] if post else [])
        normal = [b for b in doc.blocks if isinstance(b, Para) and b.style == "normal"]
        tables = [b for b in doc.blocks if isinstance(b, Table)]
        if place in ("body", "page-body", "txt-body"):
            if rng.random() < 0.5:
                target = rng.choice(normal)
                target.runs += [("t", " "), *runs]
            else:
                i = doc.blocks.index(rng.choice(normal))
                doc.blocks.insert(i + 1, Para(runs))
        elif place in ("table", "page-table"):
            tbl = rng.choice(tables)
            row = rng.randrange(1, len(tbl.rows)) if len(tbl.rows) > 1 else 0
            col = rng.randrange(len(tbl.rows[row]))
            tbl.rows[row][col].append(runs)
        elif place in ("header", "page-header"):
            if doc.first_header and rng.random() < 0.5:
                doc.first_header.append(runs)
            else:
                doc.header.append(runs)
        elif place in ("footer", "page-footer"):
            doc.footer.append(runs)
        elif place == "footnote":
            fid = len(doc.footnotes) + 1
            doc.footnotes[fid] = runs
            target = rng.choice(normal)
            target.runs.append(("fn", fid))
        elif place == "insertion":
            target = rng.choice(normal)
            target.runs.append(("ins", [("t", " "), *runs]))
        else:
            raise ValueError(place)


# ------------------------------------------------------------------------------------------ writers


def write_txt(doc: Doc, path: Path, encoding: str = "utf-8", newline: str = "\n") -> None:
    """Plain text as a worker would save it: wrapped lines, pipe tables; UTF-8 (with or without a
    BOM) or Windows-1252 as Notepad and older case systems write it, LF or CRLF."""
    lines: list[str] = []

    def para_lines(runs: list) -> list[str]:
        out = []
        for piece in plain(runs).split("\n"):
            out += textwrap.wrap(piece, 88, break_on_hyphens=False, break_long_words=False) or [""]
        return out

    for h in doc.header[:2]:
        lines.append(plain(h))
    lines.append("")
    for b in doc.blocks:
        if isinstance(b, Para):
            text = para_lines(b.runs)
            if b.style in ("title", "h1"):
                text = [t.upper() for t in text] if b.style == "title" else text
                lines += [*text, "-" * min(60, len(text[0]) if text else 0)]
            else:
                lines += text
            lines.append("")
        else:
            for row in b.rows:
                cells = [" / ".join(plain(p) for p in c) for c in row]
                lines.append(" | ".join(cells))
            lines.append("")
    notes = [f"[{i}] {plain(r)}" for i, r in doc.footnotes.items()]
    if notes:
        lines += ["Notes", *notes, ""]
    for f in doc.footer[:1]:
        lines.append(plain(f))
    path.write_bytes((newline.join(lines) + newline).encode(encoding))


def write_docx(doc: Doc, path: Path, rng: Random) -> None:
    from docx import Document as New
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from lxml import etree

    W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    W = f"{{{W_NS}}}"
    XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
    d = New()
    d.core_properties.author = "South Wessex Council"
    d.core_properties.title = ""
    rev = [100]

    def add_runs(p, runs: list) -> None:
        for r in runs:
            if r[0] in ("t", "b"):
                run = p.add_run(r[1])
                run.bold = r[0] == "b" or None
            elif r[0] == "br":
                p.add_run().add_break()
            elif r[0] == "fn":
                el = OxmlElement("w:r")
                rpr = OxmlElement("w:rPr")
                va = OxmlElement("w:vertAlign")
                va.set(qn("w:val"), "superscript")
                rpr.append(va)
                el.append(rpr)
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), str(r[1]))
                el.append(ref)
                p._p.append(el)
            elif r[0] == "ins":
                rev[0] += 1
                ins = etree.SubElement(p._p, W + "ins")
                ins.set(W + "id", str(rev[0]))
                ins.set(W + "author", rng.choice(["A. Writer", "Duty Worker", "pa.team"]))
                ins.set(W + "date", "2025-06-12T10:15:00Z")
                for sub in r[1]:
                    wr = etree.SubElement(ins, W + "r")
                    if sub[0] == "br":
                        etree.SubElement(wr, W + "br")
                    else:
                        wt = etree.SubElement(wr, W + "t")
                        wt.set(XML_SPACE, "preserve")
                        wt.text = sub[1]

    for b in doc.blocks:
        if isinstance(b, Para):
            if b.style == "title":
                p = d.add_heading(level=0)
            elif b.style in ("h1", "h2"):
                p = d.add_heading(level=1 if b.style == "h1" else 2)
            else:
                p = d.add_paragraph()
            add_runs(p, b.runs)
        else:
            cols = max(len(r) for r in b.rows)
            t = d.add_table(rows=len(b.rows), cols=cols)
            t.style = "Table Grid"
            for i, row in enumerate(b.rows):
                for j, paras in enumerate(row):
                    c = t.cell(i, j)
                    for k, runs in enumerate(paras):
                        p = c.paragraphs[0] if k == 0 else c.add_paragraph()
                        add_runs(p, runs)
                        if i == 0:
                            for run in p.runs:
                                run.bold = True
    sec = d.sections[0]
    header = sec.header
    if doc.first_page_header:
        sec.different_first_page_header_footer = True
        fp = sec.first_page_header
        for k, runs in enumerate(doc.first_header):
            add_runs(fp.paragraphs[0] if k == 0 else fp.add_paragraph(), runs)
    for k, runs in enumerate(doc.header):
        p = header.paragraphs[0] if k == 0 else header.add_paragraph()
        add_runs(p, runs)
        for run in p.runs:
            run.font.size = Pt(8)
    for k, runs in enumerate(doc.footer):
        p = sec.footer.paragraphs[0] if k == 0 else sec.footer.add_paragraph()
        add_runs(p, runs)
    if doc.footnotes:
        root = etree.Element(W + "footnotes", nsmap={"w": W_NS})
        for fid, kind, tag in (
            (-1, "separator", "separator"),
            (0, "continuationSeparator", "continuationSeparator"),
        ):
            fn = etree.SubElement(root, W + "footnote")
            fn.set(W + "type", kind)
            fn.set(W + "id", str(fid))
            etree.SubElement(etree.SubElement(etree.SubElement(fn, W + "p"), W + "r"), W + tag)
        for fid, runs in doc.footnotes.items():
            fn = etree.SubElement(root, W + "footnote")
            fn.set(W + "id", str(fid))
            p = etree.SubElement(fn, W + "p")
            r = etree.SubElement(p, W + "r")
            rpr = etree.SubElement(r, W + "rPr")
            etree.SubElement(rpr, W + "vertAlign").set(W + "val", "superscript")
            etree.SubElement(r, W + "footnoteRef")
            for sub in [("t", " "), *runs]:
                wr = etree.SubElement(p, W + "r")
                if sub[0] == "br":
                    etree.SubElement(wr, W + "br")
                else:
                    wt = etree.SubElement(wr, W + "t")
                    wt.set(XML_SPACE, "preserve")
                    wt.text = sub[1]
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
    d.save(str(path))


def write_pdf(doc: Doc, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
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

    flow = []
    for b in doc.blocks:
        if isinstance(b, Para):
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
    header = [plain(h) for h in doc.header]
    first = [plain(h) for h in doc.first_header] or header
    footer = [plain(f) for f in doc.footer]

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
        author=COUNCIL,
        invariant=1,
    ).build(flow, onFirstPage=decorate, onLaterPages=decorate)


# ---------------------------------------------------------------------------------------- near misses


def near_misses(world: World, case: Case, doc: Doc, rng: Random) -> list[dict]:
    """Designed near misses for a clean document: things that must NOT be reported."""
    sp = world.specials
    out: list[dict] = []
    body = [b for b in doc.blocks if isinstance(b, Para) and b.style == "normal"]

    def add(kind: str, text: str, sentence: str) -> None:
        rng.choice(body).runs.append(("t", " " + sentence))
        out.append({"kind": kind, "text": text})

    # Always: this case's own identifiers and aliases, with the cues that make foreign ones fire.
    k = case.children[0] if case.children else case.subjects[0]
    shared_dob = case.id in sp["shared_dob"] and k.dob in {
        c.children[0].dob for c in world.cases if c is not case
    }
    add(
        "own-dob-shared-with-other-case" if shared_dob else "own-dob",
        numeric_date(k.dob),
        f"{k.first}'s date of birth is {numeric_date(k.dob)} (DOB {short_date(k.dob)}).",
    )
    if k.nhs:
        add("own-nhs", k.nhs.replace(" ", ""), f"NHS no. {k.nhs.replace(' ', '')} is on the GP letter.")
    add(
        "own-ref",
        case.ref.replace("-", " "),
        f"Please quote {case.ref.replace('-', ' ')} or case no. {case.id}.",
    )
    adult = next((s for s in case.subjects if s.phone), None)
    if adult:
        digits = adult.phone.replace(" ", "")
        add(
            "own-phone",
            "+44 " + digits[1:],
            f"{adult.first} can be reached on +44 {digits[1:5]} {digits[5:]}.",
        )
    if adult and adult.email:
        add("own-email", adult.email, f"Copies to {adult.email}.")
    if k.postcode:
        shared_pc = any(s.postcode == k.postcode for c in world.cases if c is not case for s in c.subjects)
        add(
            "own-postcode-shared-with-other-case" if shared_pc else "own-postcode",
            k.postcode.lower(),
            f"Home postcode {k.postcode.lower()}.",
        )
    for s in case.subjects:
        for a in s.aliases:
            add("own-alias", a, f"{a} said that things were better at home.")
            break
    # Professionals, some of whom also work on other cases.
    shared = [p for p in case.pros if sum(p in c.pros for c in world.cases) > 1]
    for p in shared[:2]:
        add("shared-professional", p.name, f"{p.name} ({p.role}) also attended.")
    outsider = rng.choice([p for p in world.pros if p not in case.pros])
    add("unlisted-professional", outsider.name, f"{outsider.name} covered the duty desk that week.")
    # Designed specials.
    if case.id in sp["shared_surname"]:
        mine = next(s for s in case.subjects if s.last == "Brown")
        add(
            "shared-surname",
            mine.name,
            f"{mine.name} and the Brown family were seen at home; Ms Brown was present.",
        )
    if case.id != sp["summer_field"] and rng.random() < 0.3:
        add(
            "word-is-name",
            "summer field",
            f"{he(k).capitalize()} is looking forward to the summer field trip with {his(k)} class.",
        )
    if case.id != sp["bear"] and rng.random() < 0.3:
        add("word-is-nickname", "Bear", "Bear in mind that the plan will be reviewed at the next conference.")
    return out


# --------------------------------------------------------------------------------------------- main


def build(out: Path, seed: int) -> dict:
    rng = Random(seed)
    world = World(rng)
    if out.exists():
        shutil.rmtree(out)
    (out / "cases").mkdir(parents=True)
    for case in world.cases:
        text = yaml.safe_dump(manifest(case), sort_keys=False, allow_unicode=True, width=200)
        (out / "cases" / f"{case.id}.yaml").write_text(
            "# Synthetic case manifest for the disclint benchmark: every detail invented.\n" + text,
            encoding="utf-8",
        )
    planter = Planter(world, rng)
    kinds = list(Writer.KINDS)
    docs: list[dict] = []
    plan = [("leaky", i) for i in range(60)] + [("clean", i) for i in range(40)]
    fmts = ["docx"] * 27 + ["pdf"] * 18 + ["txt"] * 15  # leaky
    fmts_clean = ["docx"] * 18 + ["pdf"] * 12 + ["txt"] * 10
    rng.shuffle(fmts)
    rng.shuffle(fmts_clean)
    doc_cases = [world.cases[i % 30] for i in range(100)]
    rng.shuffle(doc_cases)
    sp = world.specials
    # The designed clean documents: each special case gets one.
    special_clean = [
        sp["shared_surname"][0],
        sp["shared_surname"][1],
        sp["shared_dob"][0],
        sp["shared_dob"][1],
        sp["shared_postcode"][0],
        sp["shared_postcode"][1],
        sp["may"],
    ]
    newborn_done = False
    for kind_i, (state, i) in enumerate(plan):
        fmt = fmts[i] if state == "leaky" else fmts_clean[i]
        case = doc_cases[kind_i]
        if state == "clean" and i < len(special_clean):
            case = next(c for c in world.cases if c.id == special_clean[i])
        kind = kinds[kind_i % len(kinds)]
        writer = Writer(world, case, rng)
        doc = writer.write(kind)
        record: dict = {"state": state, "case": case.id, "kind": kind, "format": fmt}
        if state == "leaky":
            leaks = planter.plant(doc, fmt, case, rng.randint(4, 7))
            record["leaks"] = leaks
            record["near_misses"] = []
        else:
            record["leaks"] = []
            record["near_misses"] = near_misses(world, case, doc, rng)
            if (
                not newborn_done and i >= 7 and case.id != sp["newborn"]
            ):  # an ordinary meeting date that happens to be another case's newborn's DOB
                d = world.newborn_dob
                doc.blocks.append(P(f"The previous core group met on {long_date(d)} at the Civic Centre."))
                record["near_misses"].append({"kind": "date-is-foreign-dob", "text": long_date(d)})
                newborn_done = True
        name = f"{kind}-{kind_i + 1:03d}.{fmt}"
        folder = out / "docs" / case.id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if fmt == "docx":
            write_docx(doc, path, rng)
        elif fmt == "pdf":
            write_pdf(doc, path)
        else:
            encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252"])
            newline = rng.choice(["\n", "\n", "\r\n"])
            write_txt(doc, path, encoding, newline)
            record["encoding"] = f"{encoding}, {'CRLF' if newline == chr(13) + chr(10) else 'LF'}"
        record["path"] = str(path.relative_to(out))
        docs.append(record)
    truth = {"seed": seed, "cases_dir": "cases", "specials": sp, "documents": docs}
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default="/tmp/disclint-corpus")
    ap.add_argument("--seed", type=int, default=20250611)
    args = ap.parse_args()
    truth = build(Path(args.out), args.seed)
    docs = truth["documents"]
    leaks = sum(len(d["leaks"]) for d in docs)
    print(
        f"wrote {len(docs)} documents ({sum(d['state'] == 'leaky' for d in docs)} leaky with {leaks} "
        f"planted leaks, {sum(d['state'] == 'clean' for d in docs)} clean) and "
        f"{len(list(Path(args.out, 'cases').glob('*.yaml')))} manifests to {args.out}"
    )


if __name__ == "__main__":
    main()
