"""copied-passage: a passage that also stands in another case's earlier document.

Minutes about one family get copied into another family's plan or letter, sometimes with the names
changed and the story left as it was. With a passage index (``--index FILE`` or ``index:`` in
disclint.yaml, built with ``disclint index add``), disclint finds every passage of about 20 words or
more of which most also stands in an indexed document of another case, and names that case, the
document and the paragraph it came from. Case, spacing, punctuation and line breaks do not matter;
names of people in any manifest, titles, dates and numbers are masked, so a passage whose names were
swapped is still found, and so is one with a few words edited or one copied from a Word file into a
PDF. Text that stands in this case's own earlier documents is never reported, nor is template text
(phrasing found in more than a few cases, ``template_cases``, default 3, or in documents indexed with
``--template``), nor text that other cases hold as well: a passage needs at least ten words that stand
in the one source case and in no other, as a family's story does, and a social worker's stock
sentence, written in each of their cases, does not. Without an index the rule does nothing.

Fails (checking case 1001, when case 1002's minutes hold the same paragraph):
    "At the core group Tyler said that he does not feel safe when his mother's partner stays over
    and that he hides in the shed until the shouting stops; the school saw bruising on his arm."
Passes (the same paragraph in case 1002's own new plan, or one that no other case's documents hold,
or a social worker's sentence that stands in two or more other cases):
    "Jackson told his teacher that he enjoys football practice on Tuesdays with his cousins."
    "I have explained to the family that the plan is there to help them make the changes needed."

What to do: open the source document named in the finding, check whether the passage is about this
family at all, and rewrite or remove it.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from disclint.fingerprint import Masker, person_names
from disclint.model import Document, Finding, Severity
from disclint.rules import RuleContext, finding

if TYPE_CHECKING:
    from disclint.fingerprint import Word
    from disclint.index import Copy, PassageIndex
    from disclint.register import Register

MIN_PIECE_WORDS = 10
"""A passage that runs over several blocks is reported in its largest block and in each other block
holding at least this many of its words found in the source (not a heading between two copied
paragraphs, nor a few words that happen to go on as the source does)."""

_maskers: weakref.WeakKeyDictionary[Register, dict[bool, Masker]] = weakref.WeakKeyDictionary()


def masker_for(register: Register, index: PassageIndex) -> Masker:
    """The masker for every person of the register, built once per register."""
    by_scheme = _maskers.setdefault(register, {})
    capitalised = index.scheme.capitalised
    if capitalised not in by_scheme:
        by_scheme[capitalised] = Masker.from_names(_people(register), capitalised)
    return by_scheme[capitalised]


def _people(register: Register) -> list[str]:
    """Every written name of the register's people: from the register's store in one query where it
    has one (no manifest is loaded), else from the manifests."""
    try:
        rows = register.store.conn.execute("SELECT DISTINCT written FROM people").fetchall()
        return [str(written) for (written,) in rows]
    except (AttributeError, sqlite3.Error):
        return list(person_names(register.cases.values()))


class CopiedPassage:
    """copied-passage: a passage that also stands in another case's indexed document."""

    id = "copied-passage"
    severity = Severity.ERROR
    summary = "a passage that also stands in another case's indexed document (needs --index)"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        index = context.index
        if index is None or not document.blocks:
            return
        stream, copies = index.search(
            document.blocks, masker_for(context.register, index), context.manifest.case
        )
        for copy in copies:
            yield from self._findings(document, stream, copy, context)

    def _findings(
        self, document: Document, stream: Sequence[Word], copy: Copy, context: RuleContext
    ) -> Iterator[Finding]:
        pieces: dict[int, list[Word]] = {}
        shared: Counter[int] = Counter()  # words found in the source, by block
        for position in range(copy.start, copy.end):
            word = stream[position]
            pieces.setdefault(word.block, []).append(word)
            if position in copy.shared:
                shared[word.block] += 1
        largest = max(pieces, key=lambda b: len(pieces[b]))
        source = copy.source
        where = ", ".join(
            bit
            for bit in (
                f"page {source.page}" if source.page is not None else "",
                f"paragraph {source.paragraph}" if source.paragraph is not None else "",
            )
            if bit
        )
        name = PurePath(source.path).name
        place = f"“{name}”" + (f" ({where})" if where else "")
        share = round(copy.share * 100)
        total = copy.end - copy.start
        also = ""
        if copy.also:
            also = (
                " The same passage also stands in "
                + ", ".join(context.register.title(c) for c in copy.also)
                + "."
            )
        for number, piece in pieces.items():
            if not shared[number] or (shared[number] < MIN_PIECE_WORDS and number != largest):
                continue  # a heading between two copied paragraphs, or a few words
            block = document.blocks[number]
            message = (
                f"This passage of about {total} words also stands in {context.register.title(source.case)}, "
                f"in {place}: {share}% of it matches. It may have been copied from another family's "
                f"document; check it and rewrite or remove it.{also}"
            )
            details: dict[str, object] = {
                "case": source.case,
                "document": source.path,
                "source_part": source.part,
                "source_page": source.page,
                "source_paragraph": source.paragraph,
                "share": round(copy.share, 2),
                "score": float(share),
                "words": total,
            }
            if copy.also:
                details["cases"] = [source.case, *copy.also]
            yield finding(self, block, piece[0].start, piece[-1].end, message, details)


rule = CopiedPassage()
