"""``disclint accept`` and ``disclint verify``: placeholder, filled in by the sign-off work."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def accept(
    document: Annotated[Path, typer.Argument(help="The document checked.", show_default=False)],
) -> None:
    """Record a reviewed finding as harmless."""
    typer.echo("disclint: accept is not available yet", err=True)
    raise typer.Exit(2)


def verify(
    document: Annotated[Path, typer.Argument(help="The document to verify.", show_default=False)],
) -> None:
    """Exit 0 if this exact file passed an independent check."""
    typer.echo("disclint: verify is not available yet", err=True)
    raise typer.Exit(2)
