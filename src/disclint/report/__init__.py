"""Formatters: each turns a :class:`~disclint.model.Report` into output; none decides anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from disclint.model import Report


@dataclass(frozen=True)
class OutputOptions:
    """How to write: in colour (a terminal that allows it), and only failing documents (quiet)."""

    color: bool = False
    quiet: bool = False


Formatter = Callable[[Report, TextIO, OutputOptions], None]


def _text(report: Report, stream: TextIO, options: OutputOptions) -> None:
    from disclint.report.text import write

    write(report, stream, options.color, options.quiet)


def _json(report: Report, stream: TextIO, options: OutputOptions) -> None:
    from disclint.report.json import write

    write(report, stream)


FORMATTERS: dict[str, Formatter] = {"text": _text, "json": _json}
