"""The errors disclint reports to its users rather than as tracebacks."""

from __future__ import annotations

from pathlib import Path


class DisclintError(Exception):
    """Base class: a problem that is the input's fault, explained in plain English."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return where + self.message


class ReadError(DisclintError):
    """A document could not be read completely; it is reported with status ``error``."""


class ManifestError(DisclintError):
    """A case manifest is malformed (exit 2)."""


class PackError(DisclintError):
    """A YAML rule pack is malformed (exit 2)."""


class ConfigError(DisclintError):
    """``disclint.yaml`` or a command-line choice is malformed (exit 2)."""
