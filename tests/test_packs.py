from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from disclint.errors import PackError
from disclint.packs import PackRule, builtin_packs, load_pack
from disclint.rules import RuleContext
from tests.conftest import document

Context = Callable[[str], RuleContext]
PACKS = builtin_packs()


def run(pack: PackRule, text: str, context: RuleContext, name: str = "plan.txt") -> list[str]:
    blocks = [b for b in text.split("\n\n")]
    return [f.match for f in pack.check(document(*blocks, name=name), context)]


def test_the_shipped_packs_are_found() -> None:
    assert {p.id for p in PACKS} >= {"allegation", "minutes-boilerplate"}


@pytest.mark.parametrize(
    ("pack", "example"),
    [(p, e) for p in PACKS for e in p.fail_examples],
    ids=lambda v: getattr(v, "id", v)[:50],
)
def test_every_fail_example_is_found(pack: PackRule, example: str, context: Context) -> None:
    assert run(pack, example, context("1001")), f"{pack.id} missed: {example!r}"


@pytest.mark.parametrize(
    ("pack", "example"),
    [(p, e) for p in PACKS for e in p.pass_examples],
    ids=lambda v: getattr(v, "id", v)[:50],
)
def test_no_pass_example_is_found(pack: PackRule, example: str, context: Context) -> None:
    assert run(pack, example, context("1001")) == [], f"{pack.id} flagged: {example!r}"


def test_one_finding_per_sentence_naming_every_term(context: Context) -> None:
    allegation = next(p for p in PACKS if p.id == "allegation")
    (found,) = allegation.check(
        document("He was arrested on suspicion of assault and released on police bail."), context("1001")
    )
    assert found.match == "arrested"
    assert "“arrested”, “on suspicion of”, “assault”, “bail”" in found.message
    assert found.details["terms"] == ["arrested", "on suspicion of", "assault", "bail"]


def test_minutes_are_exempt_from_the_minutes_pack(context: Context) -> None:
    minutes = next(p for p in PACKS if p.id == "minutes-boilerplate")
    text = "Apologies:\nSarah Jones\n\nActions agreed"
    assert run(minutes, text, context("1001"), name="letter.txt")
    assert run(minutes, text, context("1001"), name="core_group_minutes.txt") == []
    assert run(minutes, "Minutes of the Core Group Meeting\n\n" + text, context("1001"), name="x.txt") == []


PACK = """\
rule: my-rule
severity: warning
message: "found {match}"
terms: [badword]
examples:
  fail: ["a badword here"]
  pass: ["all good"]
"""


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (PACK + "colour: red\n", 8, "unknown key 'colour'"),
        (PACK.replace("severity: warning", "severity: loud"), 2, "unknown severity"),
        (PACK.replace("terms: [badword]", "patterns: ['(unclosed']"), 4, "not a valid regex"),
        (PACK.replace('  pass: ["all good"]\n', ""), 5, "at least one 'fail' and one 'pass'"),
        (PACK.replace("rule: my-rule", "rule: My Rule"), 1, "must be an id"),
        (PACK.replace("terms: [badword]\n", ""), 1, "needs 'terms' or 'patterns'"),
        (PACK.replace('message: "found {match}"\n', ""), 1, "'message' is missing"),
        ("rule: [unclosed\n", 2, "not valid YAML"),
    ],
)
def test_pack_errors_name_file_line_and_key(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert words in str(caught.value)
    assert f"pack.yaml:{line}:" in str(caught.value)


def test_terms_match_across_line_breaks_on_word_boundaries(tmp_path: Path, context: Context) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("[badword]", "['released under investigation']"), encoding="utf-8")
    pack = load_pack(path)
    assert run(pack, "He was released\nunder   investigation.", context("1001")) == [
        "released\nunder   investigation"
    ]
    assert run(pack, "unreleased under investigations", context("1001")) == []
