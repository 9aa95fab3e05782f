"""Run rules over a document: the one place that stamps severities, escalates, de-duplicates and
orders findings, and decides a document's status. Fails closed: a document that could not be read,
or a rule that broke on it, gives status ``error``, never ``pass``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, Limits
from disclint.matching.normalise import sentence_span
from disclint.model import Document, DocumentResult, Finding, Part, Severity, Status, TextBlock
from disclint.rules import Rule, RuleContext


@dataclass(frozen=True)
class Settings:
    """How findings are judged: severity overrides per rule and the level that fails a document."""

    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = Severity.ERROR


def select_rules(
    rules: Mapping[str, Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    """The rules to run, in id order. Unknown ids raise ``KeyError`` so a typo is never silent."""
    select, ignore = list(select), list(ignore)
    for rule_id in [*select, *ignore]:
        if rule_id not in rules:
            raise KeyError(rule_id)
    chosen = select or sorted(rules)
    return [rules[r] for r in sorted(set(chosen)) if r not in ignore]


def _block_index(document: Document) -> dict[tuple[object, ...], list[tuple[int, TextBlock]]]:
    index: dict[tuple[object, ...], list[tuple[int, TextBlock]]] = {}
    for number, block in enumerate(document.blocks):
        index.setdefault((block.part, block.page, block.note), []).append((number, block))
    return index


def _find_block(
    index: Mapping[tuple[object, ...], list[tuple[int, TextBlock]]], found: Finding
) -> tuple[int, TextBlock | None]:
    loc = found.location
    for number, block in index.get((loc.part, loc.page, loc.note), []):
        if block.text[loc.start : loc.end] != found.match:
            continue
        if block.locate(loc.start, loc.end).paragraph == loc.paragraph:
            return number, block
    return len(index), None


def _trigger(
    item: Finding,
    number: int,
    block: TextBlock | None,
    placed: list[tuple[int, TextBlock | None, Finding]],
    triggers: tuple[str, ...],
    scope: str,
) -> Finding | None:
    """The finding that escalates ``item``, if any.

    ``scope`` "sentence": a finding of a trigger rule in the same sentence (allegation wording next to
    another family's name). ``scope`` "part": a finding of a trigger rule anywhere in the same part of
    the document (another family's name in a comment makes the leftover comments an error). A
    trigger ``*`` is any other rule.
    """
    if scope == "part":
        for _, _, other in placed:
            if (
                other.rule != item.rule
                and ("*" in triggers or other.rule in triggers)
                and other.location.part is item.location.part
            ):
                return other
        return None
    if block is None:
        return None
    left, right = sentence_span(block.text, item.location.start, item.location.end)
    for other_number, _, other in placed:
        if (
            other.rule != item.rule
            and ("*" in triggers or other.rule in triggers)
            and other_number == number
            and left <= other.location.start < right
        ):
            return other
    return None


def judge(
    document: Document, findings: Iterable[Finding], rules: Sequence[Rule], settings: Settings
) -> list[Finding]:
    """Apply overrides and escalations, drop duplicates and sort in reading order."""
    escalations = {
        r.id: (tuple(getattr(r, "escalate_with", ())), str(getattr(r, "escalate_scope", "sentence")))
        for r in rules
    }
    index = _block_index(document)
    placed = []
    for item in findings:
        level = settings.severity.get(item.rule)
        if level is not None and level != item.severity:
            item = dataclasses.replace(item, severity=level)
        number, block = _find_block(index, item)
        placed.append((number, block, item))
    out: dict[tuple[object, ...], tuple[int, Finding]] = {}
    for number, block, item in placed:
        triggers, scope = escalations.get(item.rule, ((), "sentence"))
        if triggers and item.severity < Severity.ERROR:
            other = _trigger(item, number, block, placed, triggers, scope)
            if other is not None:
                details = {**item.details, "escalated_by": other.rule}
                item = dataclasses.replace(item, severity=Severity.ERROR, details=details)
        loc = item.location
        key = (item.rule, number, loc.start, loc.end)
        if key not in out or out[key][1].severity < item.severity:
            out[key] = (number, item)
    ordered = sorted(out.values(), key=lambda p: (p[0], p[1].location.start, p[1].location.end, p[1].rule))
    return [item for _, item in ordered]


def status_of(findings: Sequence[Finding], fail_on: Severity | None) -> Status:
    if fail_on is not None and any(f.severity >= fail_on for f in findings):
        return Status.FAIL
    return Status.PASS


def check_document(
    document: Document, rules: Sequence[Rule], context: RuleContext, settings: Settings
) -> DocumentResult:
    """Run every rule over a document that was read."""
    found: list[Finding] = []
    for rule in rules:
        try:
            found.extend(rule.check(document, context))
        except MemoryError:
            raise  # the worker reports it against the memory limit and is replaced
        except Exception as exc:  # noqa: BLE001 - a broken rule must not let a document pass
            return DocumentResult(
                document.path,
                document.sha256,
                context.manifest.case,
                Status.ERROR,
                f"the rule '{rule.id}' failed on this document ({type(exc).__name__}: {exc}); "
                "it was not fully checked",
            )
    findings = judge(document, found, rules, settings)
    return DocumentResult(
        document.path,
        document.sha256,
        context.manifest.case,
        status_of(findings, settings.fail_on),
        None,
        tuple(findings),
    )


def error_result(path: Path, case: str | None, message: str, sha256: str | None = None) -> DocumentResult:
    return DocumentResult(path, sha256, case, Status.ERROR, message)


def author_of(document: Document) -> str | None:
    """The author named in the file's own properties (Word ``dc:creator``, PDF ``/Author``)."""
    for block in document.blocks:
        if (
            block.part is Part.METADATA
            and block.source is None
            and (block.note or "").casefold() == ("file property: author")
        ):
            return block.text.strip() or None
    return None


def read_and_check(
    path: Path,
    rules: Sequence[Rule],
    context: RuleContext,
    settings: Settings,
    limits: Limits = DEFAULT_LIMITS,
    keep_text: bool = False,
) -> DocumentResult:
    """Read ``path`` and check it; a document that cannot be read is status ``error``.

    ``keep_text``: the result carries the blocks read, for reports that show the document.
    """
    from disclint.readers import read

    try:
        document = read(path, limits)
    except ReadError as exc:
        return error_result(path, context.manifest.case, exc.message)
    except MemoryError:
        raise  # the worker reports it against the memory limit and is replaced
    except Exception as exc:  # noqa: BLE001 - a reader bug must fail closed, not pass or crash a batch
        return error_result(
            path,
            context.manifest.case,
            f"disclint could not read this document ({type(exc).__name__}: {exc}); please report it",
        )
    result = check_document(document, rules, context, settings)
    return dataclasses.replace(
        result, author=author_of(document), blocks=document.blocks if keep_text else ()
    )
