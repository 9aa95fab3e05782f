"""Run disclint as ``python -m disclint``."""

from __future__ import annotations

from disclint.cli import main

if __name__ == "__main__":
    main()
