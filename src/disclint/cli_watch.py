"""``disclint watch OUTBOX``: placeholder, filled in by the outbox-watch work."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def watch(
    outbox: Annotated[Path, typer.Argument(help="The outbox folder to watch.", show_default=False)],
) -> None:
    """Check documents as they land in a folder."""
    typer.echo("disclint: watch is not available yet", err=True)
    raise typer.Exit(2)
