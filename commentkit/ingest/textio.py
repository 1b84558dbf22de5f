"""Bytes -> text for every reader: encoding detection, entity unescaping, whitespace tidying.

Decoding never fails: a byte-order mark wins, then a charset the file declares (HTML ``<meta
charset>``, the XML declaration), then strict UTF-8, then Windows-1252, then charset-normalizer's guess, and last
Windows-1252 with replacement characters, so bad bytes cost a character, never the file.
"""
from __future__ import annotations

import codecs
import copy
import html
import re
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.quotes import quote_lines

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = (
    re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I),
    re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I),
)
# Characters a copy from a browser carries that mean "space" or nothing at all.
_SPACE_LIKE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_SPACES = re.compile(r" {2,}")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


def detect_encoding(data: bytes) -> str:
    """The codec name to decode ``data`` with (see the module docstring for the order)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    utf8 = _decodes(data, "utf-8")
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            name = _codec(match.group(1).decode("ascii", "replace"))
            # A saved page is often re-encoded to UTF-8 with its old declaration left in place;
            # multi-byte UTF-8 that decodes cleanly is no accident, so it wins over a 1-byte label.
            if name and _decodes(data, name) and not (utf8 and _single_byte(name) and not data.isascii()):
                return name
    if utf8:
        return "utf-8"
    if _decodes(data, "cp1252"):  # the commonest legacy encoding of Western pages
        return "cp1252"
    if sum(b < 128 for b in data[:65536]) >= 0.9 * len(data[:65536]):
        return "utf-8"  # mostly ASCII with a few broken bytes: replace them, do not guess
    return _guess(data) or "cp1252"


def decode(data: bytes) -> str:
    """Decode bytes to text without ever raising; strips a byte-order mark."""
    encoding = detect_encoding(data)
    for bom, name in _BOMS:
        if name == encoding and data.startswith(bom):
            data = data[len(bom):]
            break
    text = data.decode(encoding, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    return decode(read_bytes(path))


def tidy(text: str, unescape: bool = True) -> str:
    """Normalise whitespace inside lines and between paragraphs; keep paragraph breaks.

    Lines are stripped and runs of spaces collapsed; up to one blank line is kept between
    paragraphs, single line breaks inside a paragraph stay as they are.
    """
    if text is None:
        return ""
    if unescape:
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _SPACE_LIKE.sub(" ", text))
    lines = [_MANY_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _codec(label: str):
    label = label.strip().lower()
    if label in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"  # what browsers do: the WHATWG encoding standard maps these to windows-1252
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _single_byte(name: str) -> bool:
    return not name.startswith(("utf", "gb", "big5", "shift", "euc", "iso2022", "cp9", "hz"))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _guess(data: bytes):
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it we fall back to Windows-1252
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


_BLOCK_TAGS = {"p", "div", "blockquote", "pre", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "tr", "section", "article", "figure", "hr"}


def html_fragment_text(fragment, quotes: bool = True) -> str:
    """Text of an HTML fragment (a comment body): paragraphs kept, ``<br>`` as a line break.

    With ``quotes`` a ``<blockquote>`` becomes "> " lines (``commentkit.quotes``); an article body
    is read with ``quotes=False``: what it quotes is still the article's figure.
    """
    if fragment is None:
        return ""
    fragment = str(fragment)
    if "<" not in fragment:
        return tidy(fragment)
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return tidy(re.sub(r"<[^>]+>", " ", fragment))
    return element_text(root, quotes=quotes)


def page_text(doc) -> str:
    """A parsed page as plain text, roughly what a browser's select-all/copy gives."""
    doc = copy.deepcopy(doc)
    for node in doc.xpath("//script | //style | //noscript | //head | //textarea | //template"):
        node.drop_tree()
    for node in doc.xpath("//footer | //header | //cite | //time | //dt | //dd | //td | //th"):
        node.tag = "div"  # laid out on lines of their own by browsers
    body = doc.find("body") if doc.tag == "html" else None
    return element_text(body if body is not None else doc)


def element_text(element, quotes: bool = True) -> str:
    """Text of an lxml element with block elements as paragraphs and ``<br>`` as line breaks.

    With ``quotes``, a quote block (``<blockquote>``, a forum's quote box) is a paragraph of
    "> " lines, as Reddit and Hacker News write quotes: see ``commentkit.quotes``.
    """
    parts: list[str] = []

    def walk(node):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if node.tail:
                parts.append(node.tail)
            return
        if quotes and tag and is_quote_block(node):
            quoted = quote_lines(element_text(node, quotes=True))
            if quoted:  # lines joined by the <br> marker: folding must not merge them
                parts.append("\n\n" + quoted.replace("\n", "\x01") + "\n\n")
            if node.tail:
                parts.append(node.tail)
            return
        if tag == "br":
            parts.append("\x01")
        elif tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if node.text and tag:
            parts.append(node.text)
        for kid in node:
            walk(kid)
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if node.tail:
            parts.append(node.tail)

    if element.text:
        parts.append(element.text)
    for kid in element:
        walk(kid)
    raw = "".join(parts)
    # Source newlines inside a paragraph are layout, not breaks: fold them, keep <br> and blocks.
    raw = _fold_single_newlines(raw.replace("\n\n", "\x00")).replace("\x00", "\n\n")
    text = tidy(raw.replace("\x01", "\n"), unescape=False)
    return _body_not_quote(text) if quotes and text.startswith(">") else text


def _body_not_quote(text: str) -> str:
    """A body that is nothing but one quote block is the body (forums that wrap every post in a
    ``<blockquote class="postcontent">``, pages that set each comment in a blockquote): one
    level of marking comes off, so its own quotes stay quotes."""
    lines = text.split("\n")
    if not all(line.startswith(">") for line in lines if line):
        return text
    return "\n".join(line[2:] if line.startswith("> ") else line[1:] for line in lines)


def is_quote_block(node) -> bool:
    """A ``<blockquote>``, or a block a forum marks as a quote box by class (``bbcode_quote``,
    ``quote``, ``quotecontent``): not a "Quote" button (a link) nor an article's pull-quote."""
    tag = node.tag.lower()
    if tag == "blockquote":
        return True
    if tag not in ("div", "section", "aside"):
        return False
    classes = (node.get("class") or "").lower().split()
    return any(_QUOTE_CLASS.fullmatch(c) for c in classes)


_QUOTE_CLASS = re.compile(r"(?:bb_?code[-_]?)?quote(?:[-_]?(?:box|content|container|block))?|bbcodeblock--quote")


def _fold_single_newlines(text: str) -> str:
    """Each newline with the blanks around it becomes one space.

    Done by splitting rather than with a regex: ``[ \t]*\n[ \t]*`` backtracks quadratically over
    a long run of spaces that holds no newline (1 MB of them never finished).
    """
    pieces = text.split("\n")
    if len(pieces) == 1:
        return text
    last = len(pieces) - 1
    return " ".join(
        p.lstrip(" \t\r") if i == last else p.rstrip(" \t\r") if i == 0 else p.strip(" \t\r")
        for i, p in enumerate(pieces)
    )
