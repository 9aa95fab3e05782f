"""hidden-content: what a recipient could find that the author may not see.

Word files keep comments, tracked deletions and moves, hidden text, field codes, picture alt text,
file properties (author, title, company…) and embedded objects; PDFs keep comments, earlier revisions
saved incrementally, attachments and, worst of all, text that was only covered ("redacted") with a
black box or coloured white, which anyone can copy out. disclint reads all of them, so the other rules
check them too; this rule tells the reviewer what is there and how to remove it.

- error: comments or tracked changes remain; text is under a black box or otherwise invisible; an
  embedded object cannot be read; or a hidden place holds another rule's finding (another family's
  name in a comment).
- warning: hidden text in Word.
- info: ordinary file properties, field codes, alt text, link targets and form fields.

Fails:
    a Word file with two comments and a tracked deletion left in it
Passes:
    the same file after Review > Accept All Changes and Delete All Comments

What to do: the message says how to remove it, in Word or for a PDF.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from disclint.model import Document, Finding, Part, Severity, TextBlock, fingerprint
from disclint.rules import RuleContext, finding

WORD_ADVICE = {
    "comment": "In Word: Review > Delete > Delete All Comments in Document.",
    "deleted": "In Word: Review > Accept > Accept All Changes (or Reject), then save.",
    "hidden": "In Word: File > Info > Check for Issues > Inspect Document, and remove Hidden Text.",
    "metadata": "In Word: File > Info > Check for Issues > Inspect Document > Document Properties"
    " > Remove All.",
    "object": "Remove the embedded object, or check its content by hand before sending.",
    "info": "Check it by hand; remove it if it is not meant for this family.",
}
PDF_ADVICE = {
    "comment": "Delete the comments (Acrobat: Comments > Delete), or print to a new PDF.",
    "deleted": "Save a fresh copy (Acrobat: File > Save As, or Reduce File Size) so earlier versions go.",
    "hidden": "Redact with a real redaction tool, which removes the text (Acrobat: Tools > Redact > Apply), "
    "not by drawing boxes or colouring text white; then Sanitize Document.",
    "metadata": "Remove the file properties (Acrobat: Tools > Redact > Sanitize Document).",
    "object": "Remove the attachment, or check its content by hand before sending.",
    "info": "Check it by hand; remove it if it is not meant for this family.",
}


@dataclass(frozen=True)
class Kind:
    """A kind of leftover: how to name it and how serious it is on its own."""

    key: str
    one: str
    many: str
    severity: Severity
    advice: str
    per_page: bool = False


def kind_of(block: TextBlock) -> Kind | None:
    """What kind of leftover a block is; ``None`` for ordinary visible text."""
    note = (block.note or "").lower()
    part = block.part
    if part is Part.COMMENT:
        return Kind("comment", "comment", "comments", Severity.ERROR, "comment")
    if part is Part.DELETED:
        if "revision" in note:
            return Kind("revision", "earlier revision", "earlier revisions", Severity.ERROR, "deleted")
        if "move" in note:
            return Kind("move", "tracked move", "tracked moves", Severity.ERROR, "deleted")
        return Kind("deletion", "tracked deletion", "tracked deletions", Severity.ERROR, "deleted")
    if part is Part.HIDDEN:
        if "box" in note or "under" in note:
            return Kind(
                "boxed", "text under a black box", "texts under black boxes", Severity.ERROR, "hidden", True
            )
        if any(w in note for w in ("white", "colour", "color", "invisible", "render", "outside", "clipped")):
            return Kind("invisible", "invisible text", "invisible texts", Severity.ERROR, "hidden", True)
        if "embedded object" in note:
            return Kind("object", "embedded object", "embedded objects", Severity.ERROR, "object")
        if "hidden text" in note:
            return Kind(
                "hidden", "passage of hidden text", "passages of hidden text", Severity.WARNING, "hidden"
            )
        for word, one, many in (
            ("field", "field code", "field codes"),
            ("alt text", "picture description (alt text)", "picture descriptions (alt text)"),
            ("link", "link target", "link targets"),
            ("form", "form field", "form fields"),
        ):
            if word in note:
                return Kind(word, one, many, Severity.INFO, "info")
        return Kind("other-hidden", "hidden passage", "hidden passages", Severity.WARNING, "hidden")
    if part is Part.METADATA:
        return Kind("metadata", "file property", "file properties", Severity.INFO, "metadata")
    return None


def _first_words(text: str, limit: int = 60) -> int:
    """End offset of the first ``limit`` characters of ``text``, at a word end."""
    if len(text) <= limit:
        return len(text.rstrip())
    cut = text.rfind(" ", 0, limit)
    return cut if cut > 0 else limit


def describe(kind: Kind, blocks: list[TextBlock], page: int | None) -> str:
    """``"2 comments (by A. Reviewer) remain in the file: a recipient can find them."``"""
    count = len(blocks)
    them = "it" if count == 1 else "them"
    what = f"{count} {kind.one if count == 1 else kind.many}"
    if kind.key == "metadata":
        shown = "; ".join(
            f"{(b.note or 'property').removeprefix('file property: ')}: “{b.text[:40]}”" for b in blocks[:4]
        )
        more = " …" if count > 4 else ""
        return f"The file's properties hold {shown}{more}. A recipient can read them: check them."
    if page is not None:
        verb = "is" if count == 1 else "are"
        return (
            f"{what.capitalize()} on page {page} {verb} still in the file: a recipient can copy {them} out."
        )
    authors = sorted({b.note.split(" by ", 1)[1] for b in blocks if b.note and " by " in b.note})
    by = f" (by {', '.join(authors)})" if authors else ""
    verb = "remains" if count == 1 else "remain"
    return f"{what.capitalize()}{by} {verb} in the file: a recipient can find {them}."


class HiddenContent:
    """hidden-content: comments, tracked changes, hidden text, properties, text under boxes."""

    id = "hidden-content"
    severity = Severity.ERROR
    summary = "comments, tracked changes, hidden text, metadata, text under redaction boxes"
    # A hidden place that holds another rule's finding is an error whatever its kind.
    escalate_with = ("*",)
    escalate_scope = "part"

    def check(self, document: Document, context: RuleContext) -> Iterator[Finding]:
        advice = PDF_ADVICE if document.path.suffix.lower() == ".pdf" else WORD_ADVICE
        groups: dict[tuple[str, int | None], tuple[Kind, list[TextBlock]]] = {}
        for block in document.blocks:
            kind = kind_of(block)
            if kind is None or not block.text.strip():
                continue
            key = (kind.key, block.page if kind.per_page else None)
            groups.setdefault(key, (kind, []))[1].append(block)
        for (_, page), (kind, blocks) in groups.items():
            first = blocks[0]
            message = describe(kind, blocks, page) + " " + advice[kind.advice]
            found = finding(
                self,
                first,
                0,
                _first_words(first.text),
                message,
                {"kind": kind.key, "count": len(blocks), "remove": advice[kind.advice]},
                kind.severity,
            )
            # One finding stands for the whole group (every comment, every property): its fingerprint
            # covers all of their text, so a reviewer's acceptance lapses when anything is added.
            whole = "\x1e".join(block.text for block in blocks)
            yield dataclasses.replace(found, key=fingerprint(self.id, whole, context.manifest.case))


rule = HiddenContent()
