"""The rule protocol, the context rules see, and discovery of rules through entry points.

Built-in rules are registered in ``pyproject.toml`` under the entry-point group ``disclint.rules``,
exactly as a third-party package registers its own. An entry point names either a rule object or a
callable that returns rules (that is how YAML packs arrive).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from disclint.errors import PackError
from disclint.matching.normalise import sentence
from disclint.model import Document, Finding, Location, Severity, TextBlock

if TYPE_CHECKING:
    from pathlib import Path

    from disclint.index import PassageIndex
    from disclint.manifest import Manifest
    from disclint.register import CaseView, Register

ENTRY_POINT_GROUP = "disclint.rules"


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides the document: the case, the register seen from it, and the
    passage index of other cases' earlier documents (``None`` without ``--index``)."""

    manifest: Manifest
    register: Register
    view: CaseView
    index: PassageIndex | None = None


@runtime_checkable
class Rule(Protocol):
    """A check. ``check`` is pure: it reads the document and context and yields findings."""

    @property
    def id(self) -> str: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def summary(self) -> str: ...

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]: ...


def finding(
    rule: Rule,
    block: TextBlock,
    start: int,
    end: int,
    message: str,
    details: dict[str, object] | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding for ``block.text[start:end]``, located and with its sentence as context."""
    location: Location = block.locate(start, end)
    info = dict(details or {})
    if block.source:
        info.setdefault("attachment", block.source)
    return Finding(
        rule=rule.id,
        severity=severity if severity is not None else rule.severity,
        message=message,
        match=block.text[start:end],
        location=location,
        context=sentence(block.text, start, end),
        details=info,
    )


def explain(rule: Rule) -> str:
    """The plain-English help of a rule: its docstring, or a pack's description."""
    import sys

    module = sys.modules.get(type(rule).__module__)
    module_doc = module.__doc__ if module is not None else None
    if module_doc and not module_doc.lstrip().startswith(rule.id):
        module_doc = None  # a module of several things: its docstring is not this rule's help
    text = getattr(rule, "description", None) or module_doc or type(rule).__doc__ or rule.summary
    return str(text).strip()


def _expand(obj: object, name: str) -> Iterable[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, type):
        return [obj()]
    if callable(obj):
        made = obj()
        return [made] if isinstance(made, Rule) else list(made)
    raise PackError(f"the entry point '{name}' does not name a rule or a function returning rules")


def discover(pack_dirs: Iterable[Path] = ()) -> dict[str, Rule]:
    """Every rule: built-ins and plugins through entry points, then packs from extra folders."""
    from disclint.packs import load_pack_dir

    rules: dict[str, Rule] = {}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loaded = ep.load()
        except Exception as exc:  # noqa: BLE001 - a broken plugin is reported, not a traceback
            raise PackError(f"the rule plugin '{ep.name}' ({ep.value}) cannot be loaded: {exc}") from None
        for rule in _expand(loaded, ep.name):
            rules[rule.id] = rule
    for folder in pack_dirs:
        for rule in load_pack_dir(folder):
            rules[rule.id] = rule
    return rules
