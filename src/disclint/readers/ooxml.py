"""Safe access to the parts of an Office Open XML package (a zip of XML parts).

XML is parsed with entity resolution, DTD loading and network access off, so a hostile file cannot
pull in other files or expand entities; a package whose declared size is absurd is refused before any
part is inflated.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from disclint.errors import ReadError

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


class Package:
    """An opened package: parts by name, relationships resolved to part names."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(
                "this is a password-protected Office file or an old Word 97-2003 .doc: remove the "
                "password or save it as .docx, then check it again",
                path,
            )
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise ReadError("the file is damaged or is not a Word .docx document", path) from None
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"the file holds more than {MAX_MEMBERS} parts: refused as unsafe", path)
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > MAX_TOTAL_BYTES or (total / packed > MAX_RATIO and total > 10 * 1024 * 1024):
            raise ReadError(
                "the file would expand to an unsafe size (a 'zip bomb'): refused without reading", path
            )
        self.names = {i.filename for i in infos}

    def data(self, name: str) -> bytes:
        """The bytes of part ``name``; a missing or broken part is a :class:`ReadError`."""
        try:
            return self.zip.read(name)
        except KeyError:
            raise ReadError(f"the document is incomplete: part '{name}' is missing", self.path) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise ReadError(f"part '{name}' is damaged ({exc})", self.path) from None

    def xml(self, name: str) -> etree._Element:
        """Parse part ``name``; a missing or broken part is a :class:`ReadError`."""
        data = self.data(name)
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise ReadError(f"part '{name}' is damaged XML ({exc})", self.path) from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part``: id -> (type, target part name). Missing rels: none."""
        folder = posixpath.dirname(part)
        out = {}
        for rel in self._relationships(part):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out[rel.get("Id", "")] = (rel.get("Type", ""), name)
        return out

    def external_targets(self, part: str) -> dict[str, str]:
        """External relationships of ``part`` (links, linked files): id -> target as written."""
        return {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in self._relationships(part)
            if rel.get("TargetMode") == "External"
        }

    def _relationships(self, part: str) -> list[etree._Element]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.names:
            return []
        return list(self.xml(rels_name).iter(f"{{{REL_NS}}}Relationship"))

    def main_part(self) -> str:
        for rel_type, target in self.rels("").values():
            if rel_type == OFFICE_DOCUMENT:
                return target
        raise ReadError("the file is a zip archive but not a Word document (no main part)", self.path)
