"""Every format is registered and writes something for an empty run."""

from __future__ import annotations

import io

import pytest

from disclint.model import Report
from disclint.report import FORMATTERS, OutputOptions, rule_texts
from disclint.rules import discover


@pytest.mark.parametrize("name", ["text", "json", "sarif", "html"])
def test_every_format_is_registered(name: str) -> None:
    out = io.StringIO()
    FORMATTERS[name](Report(()), out, OutputOptions())
    assert out.getvalue().strip()


def test_rule_texts_give_summary_and_help_of_every_rule() -> None:
    rules = discover(())
    texts = rule_texts(rules)
    assert set(texts) == set(rules)
    summary, help_text = texts["foreign-name"]
    assert summary == rules["foreign-name"].summary and help_text.startswith("foreign-name:")
