"""XML for exports (Disqus, WordPress WXR): parsed without entity expansion or network access.

A document type that declares entities is refused outright: exports never need them, and they
are how "billion laughs" and external-entity attacks work.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from commentkit.errors import IngestError
from commentkit.ingest.textio import read_bytes

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def parse_xml(path: Path, what: str) -> tuple[etree._Element, list[str]]:
    """(root element, warnings) of an XML file; IngestError naming the position when malformed.

    A few stray characters before the first tag (left by an editor or a copy) are skipped with a
    warning rather than failing the whole export.
    """
    data = read_bytes(path)
    warnings = []
    body = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    first_tag = body.find(b"<")
    if 0 < first_tag <= 64:
        warnings.append(f"skipped {first_tag} stray character(s) before the first XML tag")
        data = body[first_tag:]
    doctype_end = data.find(b"]>") if b"<!DOCTYPE" in data[:4096].upper() else -1
    if _ENTITY_DECL.search(data[: max(doctype_end, 4096)]):
        raise IngestError(path, f"{what}: the XML declares entities (an entity-expansion attack?); refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        message = str(exc.msg if hasattr(exc, "msg") else exc).split(", line")[0]
        where = f"invalid XML at line {line} column {column}: {message}"
        root = _recover(data, line) if not _truncated(data, line, message) else None
        if root is None:
            raise IngestError(path, f"{what}: {where}") from None
        warnings.append(f"{where}; the rest of the file was read in recovery mode")
    if root is None:
        raise IngestError(path, f"{what}: the file holds no XML element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise IngestError(path, f"{what}: the XML declares entities (an entity-expansion attack?); refused")
    return root, warnings


def _truncated(data: bytes, line: int, message: str) -> bool:
    """A file cut short loses everything after the cut: that is an error, not a slip to step over."""
    total_lines = data.count(b"\n") + 1
    return line >= total_lines - 1 or "end of data" in message.lower() or "not found" in message.lower()


def _recover(data: bytes, line: int):
    """Parse a file with a local syntax slip (an unquoted attribute) in lxml's recovery mode."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True, recover=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def local(tag) -> str:
    """An element's tag without its namespace."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def child(element, name: str):
    """The first child with this local name (any namespace), or None."""
    for node in element:
        if local(node.tag) == name:
            return node
    return None


def child_text(element, name: str, default: str = "") -> str:
    node = child(element, name)
    return (node.text or default).strip() if node is not None and node.text is not None else default


def attr(element, name: str):
    """An attribute by local name (``dsq:id`` -> ``id``)."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None
