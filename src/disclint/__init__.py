"""disclint: a pre-disclosure linter for children's social care documents."""

from __future__ import annotations

__version__ = "0.1.0"
