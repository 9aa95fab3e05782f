"""Formatters: each turns a :class:`~disclint.model.Report` into output; none decides anything."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from disclint.model import Report

if TYPE_CHECKING:
    from disclint.rules import Rule


@dataclass(frozen=True)
class OutputOptions:
    """How to write: in colour (a terminal that allows it), and only failing documents (quiet).

    ``rules`` maps each rule id to its one-line summary and its plain-English help, for the formats
    that describe the rules they report (SARIF, HTML); :func:`rule_texts` builds it from the rules.
    """

    color: bool = False
    quiet: bool = False
    rules: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def rule_texts(rules: Mapping[str, Rule]) -> dict[str, tuple[str, str]]:
    """``{id: (summary, help)}`` of every rule, for :attr:`OutputOptions.rules`."""
    from disclint.rules import explain

    return {rule_id: (rule.summary, explain(rule)) for rule_id, rule in sorted(rules.items())}


Formatter = Callable[[Report, TextIO, OutputOptions], None]


def _text(report: Report, stream: TextIO, options: OutputOptions) -> None:
    from disclint.report.text import write

    write(report, stream, options.color, options.quiet, options.rules)


def _json(report: Report, stream: TextIO, options: OutputOptions) -> None:
    from disclint.report.json import write

    write(report, stream)


def _sarif(report: Report, stream: TextIO, options: OutputOptions) -> None:
    from disclint.report.sarif import write

    write(report, stream, options.rules)


def _html(report: Report, stream: TextIO, options: OutputOptions) -> None:
    from disclint.report.html import write

    write(report, stream, options.rules)


FORMATTERS: dict[str, Formatter] = {"text": _text, "json": _json, "sarif": _sarif, "html": _html}
