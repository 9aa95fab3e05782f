from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from disclint.index import TEMPLATE_CASE, PassageIndex
from disclint.model import Document, Finding, Part, Severity
from disclint.readers import read
from disclint.register import Register
from disclint.rules import RuleContext
from disclint.rules.copied_passage import rule
from tests.builders import docx, p, pdf
from tests.conftest import Runner, document

# Minutes of case 1002 (the Brown family): the paragraph that gets copied, and others around it.
SOURCE = (
    "Tyler Brown told his teacher on Monday 3 March that he does not feel safe when his mother's "
    "partner stays over, and that he hides in the shed at the bottom of the garden until the shouting "
    "stops. Kelly O'Neill said the bruise on his upper arm came from a fall at the skate park, but the "
    "school nurse saw fingertip marks and made a referral to the front door that afternoon."
)
OTHER = (
    "The family have a lurcher called Diesel who barks at visitors, and Kelly keeps him in the kitchen "
    "when professionals call round because he once knocked over the health visitor's bag."
)
CONFIDENTIALITY = (
    "The chair reminded everyone that what is said in this meeting is confidential and may only be "
    "shared outside it where that is needed to keep a child safe, and that the minutes go to the parents."
)
STOCK = (
    "I have explained to the family that the plan is there to help them make the changes needed, and that "
    "I will visit at least every ten working days, announced and unannounced, to see how things are going."
)
OWN_TEXT = (
    "Jackson enjoys his swimming lessons on Saturday mornings and has made friends with two boys from "
    "his class who live on the same road."
)

Context = Callable[..., RuleContext]
SALT = b"disclint-tests01"  # which k-grams winnowing keeps depends on the salt: tests fix it


def swapped(text: str) -> str:
    return text.replace("Tyler Brown", "Jackson Smith").replace("Kelly O'Neill", "Jackie Smith")


def edited(text: str) -> str:
    """Three words changed, one added, one left out: a copy tidied up a little."""
    return (
        text.replace("does not feel safe", "does not feel very safe")
        .replace("bottom of the garden", "end of the garden")
        .replace("that afternoon", "the same afternoon")
        .replace(" upper", "")
    )


def reflowed(text: str) -> str:
    """Other capitals, spacing, punctuation and line breaks."""
    return textwrap.fill(text.upper().replace(",", "").replace(".", " ;"), 40)


@pytest.fixture()
def make_index(tmp_path: Path, register: Register) -> Callable[..., PassageIndex]:
    def build(
        *docs: tuple[str, Document],
        template_cases: int = 3,
        templates: tuple[Document, ...] = (),
        salt: bytes = SALT,
    ) -> PassageIndex:
        path = tmp_path / f"passages-{salt.hex()}.sqlite"
        writer = PassageIndex.create(path, salt=salt)
        masker = writer.masker(register.cases.values())
        for n, (case, doc) in enumerate(docs):
            writer.add(case, f"/archive/{case}/minutes-{n}.docx", doc, masker)
        for n, doc in enumerate(templates):
            writer.add(TEMPLATE_CASE, f"/templates/t{n}.docx", doc, masker, template=True)
        writer.commit()
        writer.close()
        return PassageIndex.open(path, template_cases)

    return build


@pytest.fixture()
def with_index(register: Register) -> Callable[[PassageIndex, str], RuleContext]:
    def make(index: PassageIndex, case: str = "1001") -> RuleContext:
        manifest = register.cases[case]
        return RuleContext(manifest, register, register.view(manifest), index)

    return make


def minutes(*paragraphs: str) -> Document:
    return document(*paragraphs, name="minutes.docx")


def found(doc: Document, context: RuleContext) -> list[Finding]:
    return list(rule.check(doc, context))


@pytest.mark.parametrize(
    ("label", "copy"),
    [
        ("verbatim", SOURCE),
        ("names swapped to this case's child and mother", swapped(SOURCE)),
        ("a few words edited", edited(SOURCE)),
        ("names swapped and words edited", edited(swapped(SOURCE))),
        ("capitals, spacing, punctuation and line breaks", reflowed(SOURCE)),
        ("pasted into the middle of this family's paragraph", f"{OWN_TEXT} {swapped(SOURCE)} {OWN_TEXT}"),
    ],
)
def test_copies_of_another_case_passage_are_found(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext], label: str, copy: str
) -> None:
    index = make_index(("1002", minutes(CONFIDENTIALITY, OTHER, SOURCE)))
    plan = document("Child protection plan for Jackson Smith", copy, OWN_TEXT)
    (hit,) = found(plan, with_index(index))
    assert hit.rule == "copied-passage" and hit.severity is Severity.ERROR
    assert hit.details["case"] == "1002"
    assert hit.details["document"] == "/archive/1002/minutes-0.docx"
    assert hit.details["source_paragraph"] == 3 and hit.details["source_part"] == "body"
    assert float(str(hit.details["share"])) >= 0.75
    block = plan.blocks[1]
    assert hit.location.paragraph == 2 and hit.match == block.text[hit.location.start : hit.location.end]
    # The finding covers the copied passage, not the family's own sentences around it.
    assert len(hit.match.split()) >= 0.8 * len(SOURCE.split())
    assert "swimming" not in hit.match
    assert "case 1002 (Brown family)" in hit.message and "minutes-0.docx" in hit.message


@pytest.mark.parametrize("form", [swapped, edited, reflowed])
@pytest.mark.parametrize("salt", [bytes([n]) * 16 for n in range(12)])
def test_copies_are_found_whatever_the_salt(
    make_index: Callable[..., PassageIndex],
    with_index: Callable[..., RuleContext],
    form: Callable[[str], str],
    salt: bytes,
) -> None:
    index = make_index(("1002", minutes(CONFIDENTIALITY, OTHER, SOURCE)), salt=salt)
    (hit,) = found(document(OWN_TEXT, form(SOURCE), OWN_TEXT), with_index(index))
    assert hit.details["case"] == "1002"
    assert len(hit.match.split()) >= 0.6 * len(SOURCE.split())


@pytest.mark.parametrize(
    ("label", "text", "case"),
    [
        ("this case's own earlier minutes", SOURCE, "1002"),
        (
            "another family's passage reworded through and through",
            (
                "At school Tyler said he is scared when mum's boyfriend sleeps at the house; he goes to the "
                "shed until the arguing is over. His mum thinks the mark on his arm was from skating."
            ),
            "1001",
        ),
        (
            "a short phrase in common",
            "He hides in the shed at the bottom of the garden until it stops.",
            "1001",
        ),
        ("this family's own words", OWN_TEXT, "1001"),
    ],
)
def test_own_reuse_rewording_and_short_phrases_are_not_reported(
    make_index: Callable[..., PassageIndex],
    with_index: Callable[..., RuleContext],
    label: str,
    text: str,
    case: str,
) -> None:
    index = make_index(("1002", minutes(OTHER, SOURCE)), ("1001", minutes(OWN_TEXT)))
    assert found(document(text), with_index(index, case)) == []


def test_a_sentence_other_cases_hold_too_is_stock_phrasing_not_a_family_story(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext]
) -> None:
    # A social worker writes the same sentence in each of their cases: held by two other cases, it is
    # nobody's story (and not template text either: not in more than template_cases cases).
    docs = [(case, minutes(STOCK, f"Case {case} had its own business.")) for case in ("1002", "1003")]
    letter = document(STOCK, OWN_TEXT)
    assert found(letter, with_index(make_index(*docs))) == []
    # Held by one other case only, it may be that family's text.
    (hit,) = found(letter, with_index(make_index(docs[0], salt=b"one case only 01")))
    assert hit.details["case"] == "1002"


def test_a_family_story_is_found_with_a_stock_sentence_inside_it(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext]
) -> None:
    index = make_index(
        ("1002", minutes(OTHER, f"{SOURCE} {STOCK}")),
        ("1003", minutes(STOCK, "Case 1003 had its own business.")),
        ("1004", minutes(STOCK, "Case 1004 had its own business.")),
    )
    (hit,) = found(document(OWN_TEXT, f"{swapped(SOURCE)} {STOCK}"), with_index(index))
    assert hit.details["case"] == "1002" and "cases" not in hit.details
    assert hit.match.startswith("Jackson Smith told")


def test_words_that_happen_to_go_on_as_the_source_does_are_not_a_finding_of_their_own(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext]
) -> None:
    # The family's next paragraph starts with a few words that follow the copied passage in the source.
    index = make_index(("1002", minutes(f"{SOURCE} The school will write to the family this week.")))
    plan = document(swapped(SOURCE), "The school will write to the family about the trip to the zoo.")
    (hit,) = found(plan, with_index(index))
    assert hit.location.paragraph == 1


def test_template_documents_are_never_a_source(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext]
) -> None:
    index = make_index(("1002", minutes(CONFIDENTIALITY, OTHER)), templates=(minutes(CONFIDENTIALITY),))
    assert found(document(CONFIDENTIALITY, OWN_TEXT), with_index(index)) == []
    # The rest of case 1002's minutes is still theirs.
    assert [f.details["case"] for f in found(document(OTHER), with_index(index))] == ["1002"]


def test_a_passage_over_two_blocks_is_reported_in_each(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext]
) -> None:
    index = make_index(("1002", minutes(SOURCE + " " + OTHER)))
    plan = document(OWN_TEXT, SOURCE, OTHER)
    hits = found(plan, with_index(index))
    assert [h.location.paragraph for h in hits] == [2, 3]
    for hit in hits:
        block = plan.blocks[hit.location.paragraph - 1].text
        assert hit.match == block[hit.location.start : hit.location.end]
        assert len(hit.match.split()) >= 0.9 * len(block.split())
    assert hits[0].details == hits[1].details  # one passage: the same source, share and length


def test_every_part_is_checked(
    make_index: Callable[..., PassageIndex], with_index: Callable[..., RuleContext]
) -> None:
    index = make_index(("1002", minutes(SOURCE)))
    for part in (Part.COMMENT, Part.FOOTNOTE, Part.DELETED):
        (hit,) = found(document(swapped(SOURCE), part=part), with_index(index))
        assert hit.location.part is part


def test_without_an_index_the_rule_does_nothing(context: Callable[[str], RuleContext]) -> None:
    assert found(document(SOURCE), context("1001")) == []


def test_a_copy_from_word_minutes_into_a_pdf_letter_is_found(
    tmp_path: Path, register: Register, with_index: Callable[..., RuleContext]
) -> None:
    source = docx(tmp_path / "minutes.docx", [p("Core group minutes"), p(OTHER), p(SOURCE)])
    lines = textwrap.wrap("Dear Ms Smith, " + swapped(SOURCE) + " " + OWN_TEXT, 70)
    letter = pdf(
        tmp_path / "letter.pdf",
        [["OFFICIAL", *lines[:4], "Page 1 of 2"], ["OFFICIAL", *lines[4:], "Page 2 of 2"]],
    )
    writer = PassageIndex.create(tmp_path / "index.sqlite")
    writer.add("1002", str(source), read(source), writer.masker(register.cases.values()))
    writer.commit()
    writer.close()
    index = PassageIndex.open(tmp_path / "index.sqlite")
    hits = found(read(letter), with_index(index))
    assert {h.details["case"] for h in hits} == {"1002"}
    assert [h.location.page for h in hits] == [1, 2]  # over the page break, header and footer aside
    assert hits[0].details["source_paragraph"] == 3
    assert "OFFICIAL" not in hits[0].match and "Page 1" not in hits[0].match


def test_names_come_from_the_register_store_as_from_the_manifests(register: Register) -> None:
    from disclint.fingerprint import person_names
    from disclint.rules.copied_passage import _people

    assert sorted(_people(register)) == sorted(set(person_names(register.cases.values())))


def test_the_rule_explains_itself(cli: Runner) -> None:
    code, out, _ = cli("rules", "copied-passage")
    assert code == 0 and out.startswith("copied-passage (default severity: error)")
    assert "Fails" in out and "Passes" in out and "--index" in out
