"""Text normalisation and the indexes that find register names and identifiers in text."""

from __future__ import annotations
