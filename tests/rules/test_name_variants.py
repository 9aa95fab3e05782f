"""Variant matching (issue 4): every variant kind and every precision guard, both directions."""

from __future__ import annotations

import pytest

from disclint.manifest import Manifest, Professional, Subject
from disclint.model import Severity
from disclint.register import Register
from disclint.rules import RuleContext
from disclint.rules.foreign_name import rule as foreign_name
from disclint.rules.unknown_person import rule as unknown_person
from tests.conftest import document


def subject(name: str, role: str = "child", aliases: tuple[str, ...] = ()) -> Subject:
    return Subject(name=name, role=role, aliases=aliases)


REID = Manifest(
    case="2001",
    path=__import__("pathlib").Path("2001.yaml"),
    title="Reid family",
    subjects=(
        subject("Thomas Reid"),
        subject("Kayleigh Reid", "mother"),
        subject("Ruby Smith", "half-sibling"),
    ),
    professionals=(Professional("Grace Hill", "Social Worker"), Professional("Owen Price", "IRO")),
    allow=("Brown Street", "Hope House"),
)
BROWN = Manifest(
    case="2002",
    path=REID.path.with_name("2002.yaml"),
    title="Brown family",
    subjects=(
        subject("Tyler James Brown"),
        subject("Elizabeth O'Neill", "mother"),
        subject("Zoë Smith-Hart", "half-sibling"),
        subject("William Macdonald", "father"),
        subject("Darren Okafor", "partner", aliases=("Daz",)),
    ),
)
WELLS = Manifest(
    case="2003",
    path=REID.path.with_name("2003.yaml"),
    title="Wells family",
    subjects=(subject("Summer Field"), subject("Will Grace", "father"), subject("Amy Wells", "mother")),
)
JONES = [
    Manifest(case=c, path=REID.path.with_name(f"{c}.yaml"), title=f"Jones family {c}", subjects=(subject(n),))
    for c, n in (("2004", "Kai Jones"), ("2005", "Leah Jones"), ("2006", "Mia Jones"))
]
REGISTER = Register({m.case: m for m in [REID, BROWN, WELLS, *JONES]})
CONTEXT = RuleContext(REID, REGISTER, REGISTER.view(REID))


def found(text: str) -> list[tuple[str, str, Severity]]:
    return [
        (f.match, str(f.details["variant"]), f.severity) for f in foreign_name.check(document(text), CONTEXT)
    ]


E, W = Severity.ERROR, Severity.WARNING


@pytest.mark.parametrize(
    ("text", "match", "kind", "severity"),
    [
        ("We met Tyler James Brown at home.", "Tyler James Brown", "full name", E),
        ("We met Tyler Brown at home.", "Tyler Brown", "without middle name", E),
        ("Child: BROWN, Tyler", "BROWN, Tyler", "surname, forename", E),
        ("Child: Brown, Tyler James", "Brown, Tyler James", "surname, forenames", E),
        ("Present: Brown Tyler (child)", "Brown Tyler", "surname first", E),
        ("Present: T. Brown (child)", "T. Brown", "initial and surname", E),
        ("Present: T Brown (child)", "T Brown", "initial and surname", E),
        ("Present: T.J. Brown (child)", "T.J. Brown", "initials and surname", E),
        ("The school said Liz O'Neill called.", "Liz O'Neill", "nickname", E),
        ("The school said Beth ONeill called.", "Beth ONeill", "nickname", E),
        ("The school said Bill Macdonald called.", "Bill Macdonald", "nickname", E),
        ("The school said William McDonald called.", "William McDonald", "misspelling", E),
        ("The school said Tylar Brown called.", "Tylar Brown", "misspelling", E),
        ("The school said Tyler Browne called.", "Tyler Browne", "misspelling", E),
        ("The school said Elizabeth O’Neil called.", "Elizabeth O’Neil", "misspelling", E),
        ("Zoe Smith was at school.", "Zoe Smith", "one half of the surname", E),
        ("Zoe Hart was at school.", "Zoe Hart", "one half of the surname", E),
        ("ZOË SMITH-HART was at school.", "ZOË SMITH-HART", "full name", E),
        ("We spoke to Mrs O'Neill on the phone.", "Mrs O'Neill", "title and surname", E),
        ("We spoke to Mr Macdonald on the phone.", "Mr Macdonald", "title and surname", E),
        ("We spoke to Ms Jones on the phone.", "Ms Jones", "title and common surname", W),
        ("We spoke to Mrs. O'Neill on the phone.", "Mrs. O'Neill", "title and surname", E),
        ("Mum said Ty Brown stays at weekends.", "Ty Brown", "nickname", E),
        ("Child: BROWN,\nTyler", "BROWN,\nTyler", "surname, forename", E),
        ("The school said Wiliam Macdonal called.", "Wiliam Macdonal", "misspelling", E),
        ("The school said Elizabteh O'Neill called.", "Elizabteh O'Neill", "misspelling", E),
        ("The school said Zoey Hart called.", "Zoey Hart", "misspelling", E),
        ("The school said Tyler Brwon called.", "Tyler Brwon", "misspelling", E),
        ("the worker met tyler brown's mother.", "tyler brown's", "without middle name", E),
        ("We met Tyler\nBrown at home.", "Tyler\nBrown", "without middle name", E),
        ("We spoke to Daz Okafor.", "Daz Okafor", "nickname", E),
        ("Later Daz arrived.", "Daz", "alias only", W),
        ("Later Tyler arrived.", "Tyler", "forename only", W),
        ("We met Summer Field there.", "Summer Field", "full name", E),
        ("We met Will Grace there.", "Will Grace", "full name", E),
        ("Mum said Amy Wells is her friend.", "Amy Wells", "full name", E),
    ],
)
def test_variants_are_caught(text: str, match: str, kind: str, severity: Severity) -> None:
    assert found(text) == [(match, kind, severity)]


@pytest.mark.parametrize(
    "text",
    [
        "Thomas Reid is doing well.",  # this case's child
        "Tom Reid is doing well.",  # his nickname
        "T. Reid attended.",  # his initial
        "REID, Thomas",  # surname first
        "Mrs Reid attended.",  # a title and this case's surname
        "Ruby Smith attended.",  # this case's half-sibling, not Zoë Smith-Hart
        "Mrs Smith attended.",  # Smith is this case's surname
        "Grace Hill, social worker, visited.",  # this case's professional
        "They live on Brown Street.",  # allow
        "He stayed at Hope House.",  # allow
        "We will brown the onions.",  # words, not names
        "The review is in May.",
        "She said it with grace and summer field trips are planned.",
        "the summer field trip",
        "Tyler was happy.",  # a lone forename at the start of a sentence
        "We will meet on 16 May 2025.",
        "Thomas said he likes football.",  # this case's own forename
        "Owen Price chaired.",
        "He told Tom about it.",  # Tom: this case's Thomas
        "Kelly Brown-Field is nobody.",
        "We met Tyler Smith.",  # forename of one person, surname of another
    ],
)
def test_guards_hold(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyle Dunmore was at the house.", ["Kyle Dunmore"]),
        ("We spoke to Mrs Dunmore and Dr Akintola.", ["Mrs Dunmore", "Dr Akintola"]),
        ("Grace Hill visited Thomas Reid.", []),
        ("She goes to Grace Street nursery and Hope Primary.", []),
        ("Tyler Brown attended.", []),  # foreign-name reports it, not unknown-person
        ("On Monday Sarah said.", []),
        ("CHILD PROTECTION PLAN", []),
    ],
)
def test_unknown_person(text: str, expected: list[str]) -> None:
    assert [f.match for f in unknown_person.check(document(text), CONTEXT)] == expected
