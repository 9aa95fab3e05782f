"""Fuzzing the name matcher (issue 7): any text, however odd its characters, capitals, spacing and
punctuation, is checked without a crash, and every finding's offsets slice its block to exactly the
match it reports (a wrong offset would highlight the wrong words in a report).

The text is built from pieces of the register's names and their variants (initials, surname first,
apostrophes, hyphens, accents), characters whose case-folding changes their length (ß, İ, ﬁ), and
arbitrary Unicode. Derandomized: the same examples every run, in a few seconds.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from disclint.manifest import Manifest, Professional, Subject, Withheld
from disclint.model import Document, Part, TextBlock
from disclint.register import Register
from disclint.rules import RuleContext
from disclint.rules.foreign_identifier import rule as foreign_identifier
from disclint.rules.foreign_name import rule as foreign_name
from disclint.rules.unknown_person import rule as unknown_person
from disclint.rules.withheld import rule as withheld

FUZZ = settings(
    max_examples=500,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HERE = Manifest(
    case="3001",
    path=Path("3001.yaml"),
    title="Reid family",
    subjects=(Subject("Thomas Reid", "child"), Subject("Kayleigh Reid", "mother", aliases=("Kay",))),
    professionals=(Professional("Grace Hill", "Social Worker"),),
    allow=("Hope House",),
    withhold=(
        Withheld("Carol Hughes", "foster carer"),
        Withheld("4 Mill Lane, Taunton TA1 4XY", "placement"),
    ),
)
OTHER = Manifest(
    case="3002",
    path=Path("3002.yaml"),
    title="Brown family",
    references=("LA-2025-3002",),
    subjects=(
        Subject("Tyler James Brown", "child", aliases=("Ty",), dob=None, nhs_number="9434765919"),
        Subject("Zoë Smith-Hart", "half-sibling"),
        Subject("Kelly O'Neill", "mother", email="kelly.oneill@example.org", phone="07700 900456"),
        Subject("Straße Groß", "lodger"),
    ),
)
REGISTER = Register({m.case: m for m in (HERE, OTHER)})
CONTEXT = RuleContext(HERE, REGISTER, REGISTER.view(HERE))
RULES = (foreign_name, unknown_person, withheld, foreign_identifier)

NAMES = [
    "Tyler Brown",
    "BROWN, Tyler",
    "Kelly O'Neill",
    "Zoë Smith-Hart",
    "Carol Hughes",
    "T.J. Brown",
    "Mrs O’Neill",
]
PIECES = [
    "Tyler",
    "James",
    "Brown",
    "BROWN,",
    "T.",
    "T.J.",
    "Ty",
    "Zoë",
    "Zoe",
    "Smith-Hart",
    "Smith‐Hart",
    "Kelly",
    "O'Neill",
    "O’Neill",
    "ONeill",
    "Mrs",
    "Mr.",
    "'s",
    "’s",
    "Carol",
    "Hughes",
    "Thomas",
    "Reid",
    "Straße",
    "STRASSE",
    "Groß",
    "İ",
    "ﬁ",
    "ǅ",
    "LA-2025-3002",
    "943 476 5919",
    "07700 900456",
    "kelly.oneill@example.org",
    "TA1 4XY",
    "arrested",
    "Present:",
    "\u200b",
    "\u00ad",
]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\t", "-", ", ", ". ", "", "\u00a0", "…", "("]
texts = st.lists(
    st.one_of(
        st.sampled_from(NAMES),
        st.sampled_from(PIECES),
        st.sampled_from(PIECES),
        st.sampled_from(SEPARATORS),
        st.text(max_size=6),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=3),
    ),
    max_size=40,
).map("".join)


def check_offsets(document: Document) -> None:
    for rule in RULES:
        for found in rule.check(document, CONTEXT):
            event(f"finding: {rule.id}")
            block = next(b for b in document.blocks if b.part is found.location.part)
            start, end = found.location.start, found.location.end
            assert start is not None and end is not None
            assert 0 <= start < end <= len(block.text), (rule.id, start, end, block.text)
            assert block.text[start:end] == found.match, (rule.id, found.match, block.text)
            assert found.match.strip(), (rule.id, block.text)


@FUZZ
@given(text=texts)
def test_any_text_is_matched_with_offsets_that_slice_to_the_match(text: str) -> None:
    check_offsets(Document(Path("letter.txt"), "0" * 64, (TextBlock(text, Part.BODY, None, 1),)))


@FUZZ
@given(text=texts, part=st.sampled_from([Part.BODY, Part.HEADER, Part.COMMENT, Part.HIDDEN, Part.PAGE]))
def test_the_matcher_gives_offsets_within_the_text(text: str, part: Part) -> None:
    view = CONTEXT.view
    for match in view.names(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end].strip()
    for hit in view.identifiers(text):
        assert 0 <= hit.start < hit.end <= len(text)
    page = 1 if part is Part.PAGE else None
    check_offsets(Document(Path("x.pdf"), "0" * 64, (TextBlock(text, part, page, None),)))


def test_the_register_is_matched_at_all() -> None:
    """The fuzzing above means something only if the register's names are found in plain text."""
    document = Document(Path("x.txt"), "0" * 64, (TextBlock("Tyler Brown met Carol Hughes.", Part.BODY),))
    assert {f.match for f in foreign_name.check(document, CONTEXT)} == {"Tyler Brown"}
    assert {f.match for f in withheld.check(document, CONTEXT)} == {"Carol Hughes"}
