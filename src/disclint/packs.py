"""YAML rule packs: word lists and patterns as data, run by one generic matcher (as in Vale).

A pack is one rule::

    rule: allegation
    severity: warning
    summary: criminal-allegation language
    description: |
      plain-English help shown by `disclint rules allegation`
    message: "“{match}” is criminal-allegation language: …"
    ignorecase: true
    terms: [arrested, charged with]        # words or phrases, matched on word boundaries
    patterns: ['\\bremanded\\s+in\\s+custody\\b']   # regexes
    escalate_with: [foreign-name]          # error when the same sentence has such a finding
    exempt_if: {path: '(?i)minutes', heading: '(?i)^minutes of'}   # documents the rule skips
    examples: {fail: [...], pass: [...]}   # run by the tests; a pack without them is refused

Shipped packs live in the project's top-level ``rules/`` folder, which the wheel carries as
``disclint/packs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from disclint.errors import PackError
from disclint.matching.normalise import sentence_span
from disclint.model import Document, Finding, Part, Severity
from disclint.resources import shipped_dir
from disclint.rules import RuleContext, finding
from disclint.yamlsource import YValue, load_yaml, suggest

KEYS = frozenset(
    {
        "rule",
        "severity",
        "summary",
        "description",
        "message",
        "ignorecase",
        "terms",
        "patterns",
        "escalate_with",
        "exempt_if",
        "examples",
        "version",
    }
)
_RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_HEADING_PARTS = (Part.BODY, Part.PAGE, Part.TABLE)


@dataclass(frozen=True)
class PackRule:
    """A rule made from a YAML pack."""

    id: str
    severity: Severity
    summary: str
    description: str
    message: str
    terms: TermMatcher
    patterns: re.Pattern[str] | None
    path: Path
    escalate_with: tuple[str, ...] = ()
    exempt_path: re.Pattern[str] | None = None
    exempt_heading: re.Pattern[str] | None = None
    fail_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()
    version: str = "1"

    def exempt(self, document: Document) -> bool:
        if self.exempt_path is not None and self.exempt_path.search(document.path.name):
            return True
        if self.exempt_heading is None:
            return False
        lines = [
            line
            for block in document.blocks
            if block.part in _HEADING_PARTS
            for line in block.text.splitlines()
            if line.strip()
        ][:5]
        return any(self.exempt_heading.search(line) for line in lines)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Where the pack's terms and patterns match ``text``."""
        yield from self.terms.finditer(text)
        if self.patterns is not None:
            for match in self.patterns.finditer(text):
                if match.start() != match.end():
                    yield match.span()

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        """One finding per sentence, at its first match, naming every term found in that sentence:
        four allegation words in one sentence are one thing for a reviewer to look at, not four."""
        if self.exempt(document):
            return
        for block in document.blocks:
            by_sentence: dict[tuple[int, int], list[tuple[int, int]]] = {}
            for start, end in self.spans(block.text):
                by_sentence.setdefault(sentence_span(block.text, start, end), []).append((start, end))
            for spans in by_sentence.values():
                spans.sort()
                terms = list(dict.fromkeys(" ".join(block.text[s:e].split()) for s, e in spans))
                shown = "”, “".join(terms)
                yield finding(
                    self,
                    block,
                    *spans[0],
                    self.message.replace("{match}", shown),
                    {"pack": self.path.name, "terms": [t.lower() for t in terms]},
                )


def _text_list(node: YValue | None, key: str, path: Path) -> tuple[str, ...]:
    if node is None:
        return ()
    if not node.is_sequence or not all(isinstance(v.value, str) and v.value.strip() for v in node.value):
        raise PackError(f"'{key}' must be a list of non-empty strings", path, node.line)
    return tuple(v.value for v in node.value)


_WORD = re.compile(r"\w+")


class TermMatcher:
    """Literal words and phrases, found by their first word.

    One alternation of hundreds of phrases is tried at every character by Python's ``re`` (a 10-page
    document took 215 ms); here each word of the text is one dictionary lookup, and only the few
    phrases that start with that word are tried there. Words of a phrase match across any run of
    whitespace, line breaks included, and a phrase must end on a word boundary.
    """

    def __init__(self, terms: Iterable[str], ignorecase: bool) -> None:
        self.ignorecase = ignorecase
        groups: dict[str, list[str]] = {}
        for term in terms:
            first = _WORD.match(term)
            if first is None:
                continue
            groups.setdefault(self._key(first.group()), []).append(term)
        self._flags = re.IGNORECASE if ignorecase else 0
        # Compiled on first use: a pre-commit hook pays start-up on every run, and most of a pack's
        # first words never occur in a given document.
        self._groups = groups
        self._by_first: dict[str, re.Pattern[str]] = {}

    def _pattern(self, key: str) -> re.Pattern[str] | None:
        pattern = self._by_first.get(key)
        if pattern is None:
            group = self._groups.get(key)
            if group is None:
                return None
            alternatives = (
                r"\s+".join(map(re.escape, t.split())) for t in sorted(group, key=len, reverse=True)
            )
            pattern = self._by_first[key] = re.compile(
                "(?:" + "|".join(alternatives) + r")(?!\w)", self._flags
            )
        return pattern

    def _key(self, word: str) -> str:
        return word.casefold() if self.ignorecase else word

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        if not self._groups:
            return
        after = 0
        for word in _WORD.finditer(text):
            if word.start() < after:
                continue
            pattern = self._pattern(self._key(word.group()))
            if pattern is None:
                continue
            match = pattern.match(text, word.start())
            if match:
                after = match.end()
                yield match.span()


def load_pack(path: Path) -> PackRule:
    """Read and validate one pack; any problem is a :class:`PackError` naming file, line and key."""
    root = load_yaml(path, PackError)
    if root is None or not root.is_mapping:
        raise PackError("is not a rule pack: it must be a mapping starting with 'rule:'", path, 1)
    fields = root.value
    for key, value in fields.items():
        if key not in KEYS:
            raise PackError(f"unknown key '{key}'{suggest(key, KEYS)}", path, value.line)
    for key in ("rule", "severity", "message", "examples"):
        if key not in fields:
            raise PackError(f"the key '{key}' is missing", path, 1)
    rule_id = str(fields["rule"].value)
    if not _RULE_ID.match(rule_id):
        raise PackError(f"'rule' must be an id like 'my-rule', not '{rule_id}'", path, fields["rule"].line)
    try:
        severity = Severity.parse(str(fields["severity"].value))
    except ValueError as exc:
        raise PackError(str(exc), path, fields["severity"].line) from None
    ignorecase = fields.get("ignorecase", YValue(True, 0)).value
    if not isinstance(ignorecase, bool):
        raise PackError("'ignorecase' must be true or false", path, fields["ignorecase"].line)
    flags = re.MULTILINE | (re.IGNORECASE if ignorecase else 0)
    terms = _text_list(fields.get("terms"), "terms", path)
    patterns_node = fields.get("patterns")
    texts = _text_list(patterns_node, "patterns", path)
    listed = list(zip(texts, patterns_node.value if patterns_node else [], strict=True))
    alternatives = [f"(?:{pattern})" for pattern, _ in listed]
    combined = None
    try:
        combined = re.compile("|".join(alternatives), flags) if alternatives else None
    except re.error:
        for pattern, node in listed:  # only now, one by one, to name the broken one and its line
            try:
                re.compile(pattern, flags)
            except re.error as exc:
                raise PackError(
                    f"the pattern '{pattern}' is not a valid regex: {exc}", path, node.line
                ) from None
        raise PackError("the patterns do not combine into one regex", path, patterns_node.line) from None
    if not alternatives and not terms:
        raise PackError("a pack needs 'terms' or 'patterns'", path, 1)
    examples = fields["examples"]
    if not examples.is_mapping or set(examples.value) - {"fail", "pass"}:
        raise PackError("'examples' must have only 'fail:' and 'pass:' lists", path, examples.line)
    fail = _text_list(examples.value.get("fail"), "examples.fail", path)
    passing = _text_list(examples.value.get("pass"), "examples.pass", path)
    if not fail or not passing:
        raise PackError("'examples' needs at least one 'fail' and one 'pass' example", path, examples.line)
    exempt_path = exempt_heading = None
    if "exempt_if" in fields:
        node = fields["exempt_if"]
        if not node.is_mapping or set(node.value) - {"path", "heading"}:
            raise PackError("'exempt_if' takes only 'path:' and 'heading:' regexes", path, node.line)
        try:
            if "path" in node.value:
                exempt_path = re.compile(str(node.value["path"].value))
            if "heading" in node.value:
                exempt_heading = re.compile(str(node.value["heading"].value), re.IGNORECASE)
        except re.error as exc:
            raise PackError(f"'exempt_if' holds an invalid regex: {exc}", path, node.line) from None
    summary = str(fields["summary"].value) if "summary" in fields else rule_id
    return PackRule(
        id=rule_id,
        severity=severity,
        summary=summary,
        description=str(fields["description"].value) if "description" in fields else summary,
        message=str(fields["message"].value),
        terms=TermMatcher(terms, ignorecase),
        patterns=combined,
        path=path,
        escalate_with=_text_list(fields.get("escalate_with"), "escalate_with", path),
        exempt_path=exempt_path,
        exempt_heading=exempt_heading,
        fail_examples=fail,
        pass_examples=passing,
        version=str(fields["version"].value) if "version" in fields else "1",
    )


def load_pack_dir(folder: Path) -> list[PackRule]:
    """Every ``*.yaml`` pack in ``folder``, in name order."""
    if not folder.is_dir():
        raise PackError("the rule-pack folder does not exist", folder)
    return [load_pack(path) for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))]


def builtin_packs() -> list[PackRule]:
    """Entry point of the shipped packs."""
    return load_pack_dir(shipped_dir())
