"""What every command shares: the config option's help, the --fail-on choices, one-line failures."""

from __future__ import annotations

from enum import StrEnum
from typing import NoReturn

import typer

from disclint.errors import DisclintError

CONFIG_HELP = "Config file (default: disclint.yaml)."


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


def fail(error: DisclintError | str, code: int = 2) -> NoReturn:
    """Stop with one line on the error stream (exit 2: a usage or configuration problem)."""
    typer.echo(f"disclint: {error}", err=True)
    raise typer.Exit(code)
