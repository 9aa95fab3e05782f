"""Resource limits: what disclint refuses to read before it parses, and how long a document may take.

Every refusal is a :class:`~disclint.errors.ReadError` naming the limit, so the document is an
``error``, never a pass. The defaults suit council documents with plenty of room; ``limits:`` in
``disclint.yaml`` changes any of them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from disclint.errors import ConfigError

if TYPE_CHECKING:
    from disclint.yamlsource import YValue

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Sizes, counts and times; each has a ``limits:`` key of the same name in the config file."""

    max_file_mb: int = 256  # the file on disk
    max_members: int = 10_000  # parts in a .docx (zip) package
    max_unpacked_mb: int = 512  # declared size of all parts once inflated
    max_ratio: int = 200  # inflated size / packed size (zip bombs), above 10 MB inflated
    max_depth: int = 3  # documents embedded or attached inside each other
    max_pages: int = 5_000  # pages of a PDF
    max_chars: int = 20_000_000  # characters of text read from one document
    timeout_seconds: float = 120.0  # wall-clock time to read and check one document
    memory_mb: int = 2_048  # address space of the worker that reads a document (0: no cap)

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MB

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * MB


DEFAULT_LIMITS = Limits()
_FIELDS = {f.name: f for f in dataclasses.fields(Limits)}


def parse_limits(node: YValue, path: Path) -> Limits:
    """``limits:`` from the config file: a mapping of the names above to positive numbers."""
    from disclint.yamlsource import suggest

    if not node.is_mapping:
        example = "e.g. 'timeout_seconds: 60'"
        raise ConfigError(f"'limits' must map limit names to numbers, {example}", path, node.line)
    values: dict[str, int | float] = {}
    for key, value in node.value.items():
        if key not in _FIELDS:
            raise ConfigError(f"unknown limit '{key}'{suggest(key, frozenset(_FIELDS))}", path, value.line)
        number = value.value
        floats = key == "timeout_seconds"
        if isinstance(number, bool) or not isinstance(number, (int, float) if floats else int):
            kind = "a number of seconds" if floats else "a whole number"
            raise ConfigError(f"limit '{key}' must be {kind}", path, value.line)
        if number < 0 or (number == 0 and key != "memory_mb"):
            raise ConfigError(f"limit '{key}' must be more than 0", path, value.line)
        values[key] = number
    return dataclasses.replace(DEFAULT_LIMITS, **values)  # type: ignore[arg-type]
