"""Where the shipped data lives: the project's top-level ``rules/`` folder, carried in the wheel as
``disclint/packs`` (rule packs at the top, matching data under ``data/``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from disclint.errors import PackError


@lru_cache(maxsize=1)
def shipped_dir() -> Path:
    """The shipped packs: inside the installed wheel, or the checkout's ``rules/``."""
    packaged = resources.files("disclint") / "packs"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise PackError("the shipped rule packs are missing from this installation: reinstall disclint")


@lru_cache(maxsize=8)
def data(name: str) -> Any:
    """A shipped data file (``rules/data/NAME``), parsed."""
    path = shipped_dir() / "data" / name
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise PackError(f"shipped data cannot be read: {exc}", path) from None
