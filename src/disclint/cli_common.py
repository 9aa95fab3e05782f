"""What every command shares: the config option's help, the --fail-on choices, one-line failures."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from disclint.errors import DisclintError

CONFIG_HELP = "Config file (default: disclint.yaml)."

# The options that name what a check is made of, spelt the same in every command.
ManifestOption = Annotated[
    Path | None, typer.Option("--manifest", help="The case manifest file to check against.")
]
CasesOption = Annotated[Path | None, typer.Option("--cases", help="Folder of all case manifests.")]
IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Passage index of earlier documents (copied-passage).")
]
ConfigOption = Annotated[Path | None, typer.Option("--config", help=CONFIG_HELP)]


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


def fail(error: DisclintError | str, code: int = 2) -> NoReturn:
    """Stop with one line on the error stream (exit 2: a usage or configuration problem)."""
    typer.echo(f"disclint: {error}", err=True)
    raise typer.Exit(code)
