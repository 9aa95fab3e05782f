"""Safe access to the parts of an Office Open XML package (a zip of XML parts).

XML is parsed with entity resolution, DTD loading and network access off, so a hostile file cannot
pull in other files or expand entities, and a part that declares a DTD at all (Word never writes one)
is refused. A package whose part count, declared unpacked size or compression ratio is beyond the
:class:`~disclint.limits.Limits` is refused before any part is inflated (a zip bomb, in milliseconds);
zipfile itself stops inflating a part at the size it declares.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from disclint.errors import ReadError
from disclint.limits import DEFAULT_LIMITS, MB, Limits
from disclint.readers import over_limit, size_text
from disclint.readers.sniff import check_members, zip_errors

# The compression ratio is judged only for what inflates to more than this: small parts of repeated
# XML compress far beyond any ratio and are harmless.
RATIO_FLOOR = 10 * MB
_CHUNK = MB
# Word writes parts stored or deflated; other methods (bzip2, LZMA) inflate without zipfile's bounds.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


class Package:
    """An opened package: parts by name, relationships resolved to part names."""

    def __init__(self, path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(
                "this is a password-protected Office file or an old Word 97-2003 .doc: remove the "
                "password or save it as .docx, then check it again",
                path,
            )
        check_members(path, data, limits)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except zip_errors():
            raise ReadError("the file is damaged or is not a Word .docx document", path) from None
        _check_sizes(path, infos, limits)
        self.names = {i.filename for i in infos}

    def data(self, name: str) -> bytes:
        """The bytes of part ``name``; a missing or broken part is a :class:`ReadError`.

        Inflated a chunk at a time: zipfile stops at the part's declared size, and a part that holds
        more than it declares never fills memory on the way (its checksum then fails).
        """
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise ReadError(f"the document is incomplete: part '{name}' is missing", self.path) from None
        chunks = []
        try:
            with self.zip.open(info) as part:
                while chunk := part.read(_CHUNK):
                    chunks.append(chunk)
        except zip_errors() as exc:
            raise ReadError(f"part '{name}' is damaged ({exc})", self.path) from None
        except RuntimeError:  # zipfile's word for a part encrypted with a zip password
            raise ReadError(f"part '{name}' is encrypted: it cannot be read", self.path) from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """Parse part ``name``; a missing or broken part, or one with a DTD, is a :class:`ReadError`."""
        data = self.data(name)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
            raise self._dtd(name)
        try:
            root = etree.fromstring(data, _PARSER)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise ReadError(f"part '{name}' is damaged XML ({exc})", self.path) from None
        docinfo = root.getroottree().docinfo
        if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.system_url:
            raise self._dtd(name)  # one spelled in UTF-16, or further down
        return root

    def _dtd(self, name: str) -> ReadError:
        return ReadError(
            f"part '{name}' declares a DTD (a document type with entities), which Word never writes: "
            "refused as unsafe (it may try to expand entities or read other files)",
            self.path,
        )

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


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a package that would inflate beyond ``max_unpacked_mb`` or ``max_ratio``, from the sizes
    its part list declares (zipfile never inflates a part beyond its declared size)."""
    for info in infos:
        if info.compress_type not in _METHODS:
            raise ReadError(
                f"part '{info.filename}' is compressed in a way Word never uses (method "
                f"{info.compress_type}): refused as unsafe",
                path,
            )
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limits.max_unpacked_bytes:
        raise over_limit(
            path,
            f"the file would expand to {size_text(total)}",
            f"{limits.max_unpacked_mb} MB",
            "max_unpacked_mb",
            "refused as a possible zip bomb",
        )
    # The whole package, and each part on its own (one bomb among honest pictures).
    for size, packed_size in [(total, packed), *((i.file_size, i.compress_size) for i in infos)]:
        ratio = size / max(packed_size, 1)
        if size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise over_limit(
                path,
                f"the file would expand {ratio:,.0f} times over, to {size_text(size)}",
                f"{limits.max_ratio}-times",
                "max_ratio",
                "refused as a possible zip bomb",
            )
