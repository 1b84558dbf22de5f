"""Saved HTML pages -> one Thread: the article through trafilatura, the comments by our own
segmentation of the comment widgets (``html_comments``).

trafilatura finds the title and main text well but returns all comments as one string; the
comment section is therefore read from the page's markup here, one Post per comment.
"""
from __future__ import annotations

import copy

import re
from pathlib import Path

from lxml import html as lxml_html
from lxml.etree import ParserError

from commentkit.errors import IngestError
from commentkit.ingest.dates import DAY_FIRST, day_first_hint
from commentkit.ingest import selectors as sel
from commentkit.ingest.tagline import has_tagline_class, is_small_print, is_tagline
from commentkit.ingest.html_meta import clean_author, page_authors, page_date
from commentkit.ingest.html_comments import (find_comments, find_comments_by_markup_structure,
                                             find_comments_in_structured_data)
from commentkit.ingest.text_comments import is_action_line
from commentkit.ingest.textio import decode, page_text, read_bytes, tidy
from commentkit.model import Post, Thread

_MARKUP = re.compile(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_AD = re.compile(rf"^(?:{'|'.join(sel.AD_LINES)})$", re.I)  # "Advertisement" between paragraphs
_BYLINE = re.compile(rf"^(?:{'|'.join(sel.BYLINE_LINES)})$", re.I)
_TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " :: ", " » ")


def sniff(head: bytes, path: Path) -> bool:
    if _MARKUP.search(head[:8192]):
        return True
    return Path(path).suffix.lower() in _SUFFIXES and b"<" in head[:1024]


def parse(path: Path, **options) -> list[Thread]:
    text = decode(read_bytes(path))
    if not text.strip():
        raise IngestError(path, "file is empty")
    try:
        doc = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError) as exc:
        raise IngestError(path, f"HTML page could not be parsed: {exc}") from None
    day_first = DAY_FIRST.set(day_first_hint(text, doc.get("lang")))
    try:
        return [_thread(doc, path)]
    finally:
        DAY_FIRST.reset(day_first)


def _thread(doc, path: Path) -> Thread:
    elements: list = []
    comments, comment_meta = find_comments(doc, elements)
    if not comments:  # no known widget: the page's structured data, its repeated elements, its text
        comments, comment_meta = find_comments_in_structured_data(doc)
    if not comments:
        comments, comment_meta = find_comments_by_markup_structure(doc, elements)
    if not comments:
        comments, comment_meta = _comments_from_text(doc) or (comments, comment_meta)
    # trafilatura gets a copy of the parsed tree, not the text: given a str it re-parses and lxml's
    # XML-declaration check backtracks quadratically over spaces in '<?xml ...' (fuzzing found it).
    title, body, meta = _article(_article_tree(doc, elements))
    meta.update(comment_meta)
    warnings = []
    if not body:
        warnings.append("no article text found in the page")
    embed = _comment_embed(doc) if not comments else None
    if embed:
        warnings.append(f"the comments are drawn by {embed}, which a saved page does not hold: "
                        f"export them from {embed}, or save the page's text once they are shown")
    declared = meta.get("declared_count")
    found = len(comments) + meta.get("skipped_deleted", 0)
    if declared is not None and declared not in (len(comments), found, found + meta.get("n_pingbacks", 0)):
        warnings.append(f"the page says {declared} comments but {len(comments)} were found"
                        + (f" (plus {meta['n_pingbacks']} pingbacks)" if meta.get("n_pingbacks") else ""))
    if warnings:
        meta["warnings"] = warnings
    return Thread(
        id=Path(path).stem,
        title=title,
        url=meta.pop("url", None),
        article=Post(id="article", text=body, author=meta.pop("author", None), published=meta.pop("date", None)),
        comments=comments,
        source=str(path),
        meta=meta,
    )


def _comment_embed(doc):
    """The name of the script-drawn comment system the page embeds, or None."""
    for name, xpath in sel.HTML_COMMENT_EMBEDS:
        if doc.xpath(xpath):
            return name
    return None


def _article_tree(doc, comment_elements: list):
    """A copy of the page for trafilatura without the comments found (their text must not leak
    into the article, nor their authors into its byline) and with layout tables made blocks."""
    root = doc.getroottree()
    paths = [root.getpath(el) for el in comment_elements if el.getroottree().getroot() is doc]
    tree = copy.deepcopy(doc)
    nodes = [node for path in paths for node in tree.xpath(path)]  # all found before any is dropped
    tables = {_nearest_table(node) for node in nodes if node.tag == "tr"} - {None}
    for node in nodes:
        if node.getparent() is not None:
            node.drop_tree()
    for table in tables:  # a comment table left with its header row only
        if table.getparent() is not None and not any(tidy(td.text_content()) for td in table.iter("td")):
            table.drop_tree()
    _unlayout_tables(tree)
    return tree


_LAYOUT_CONTENT = ".//table | .//h1 | .//h2 | .//form | .//*[self::td or self::th][string-length(normalize-space(.)) > 600]"


def _unlayout_tables(tree) -> None:
    """Old sites lay the whole page out in tables; trafilatura would keep such a table, menus and
    all, as a data table. A table holding a headline, a form, another table or long prose is layout:
    its rows and cells become plain blocks."""
    for table in list(tree.iter("table")):
        if not table.xpath(_LAYOUT_CONTENT):
            continue
        for node in table.iter("tbody", "thead", "tfoot", "tr", "td", "th"):
            if _nearest_table(node) is table:
                node.tag = "div"
        table.tag = "div"


def _nearest_table(node):
    node = node.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _comments_from_text(doc):
    """(comments, meta) found in the page's text by the plain-text reader's rules, or None.
    Only behind a comment header ("3 Responses"): without markup, that is the evidence needed."""
    from commentkit.ingest.plain_text import split_lines
    from commentkit.ingest.text_comments import find_comment_section, split_comments

    lines = split_lines(page_text(doc))
    section = find_comment_section(lines, require_header=True)
    if section is None:
        return None
    comments, meta = split_comments(lines, section)
    if not comments:
        return None
    meta.pop("warnings", None)
    meta["comments_from"] = "page text (no known comment markup)"
    return comments, meta


def _article(tree) -> tuple:
    """(title, body, meta) from trafilatura; paragraphs separated by blank lines."""
    import trafilatura

    site_names = _site_names(tree)
    document = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=True,
                                           include_tables=True, deduplicate=False)
    if document is None:
        return None, "", {}
    get = (lambda k: getattr(document, k, None)) if not isinstance(document, dict) else document.get
    lines = [line.strip() for line in (get("text") or "").split("\n")
             if line.strip() and not _AD.match(line.strip())
             and (line.lstrip().startswith("|") or not is_action_line(line.strip()))]  # "|---|" rows stay
    title = _clean_title(get("title"), get("sitename"))
    if lines and title and _words(lines[0]) == _words(title):  # the headline, repeated as text
        lines = lines[1:]
    while lines and _BYLINE.match(lines[0]) and len(lines) > 1:  # "Posted 2 March 2024 by the editor"
        lines = lines[1:]
    if len(" ".join(lines)) < _SHORT_ARTICLE:
        blocks = _short_article_blocks(tree, title)
        if blocks and _run_together(lines, blocks, title):
            lines = blocks
    site_names.add(" ".join(_words(get("sitename") or "")))
    lines = [line for line in lines if " ".join(_words(line)) not in site_names]  # the masthead, kept as text
    author = page_authors(tree) or _in_article_area(tree, clean_author(get("author")))
    lines, taglines = _without_taglines(lines, tree, author)
    body = "\n\n".join(lines)
    meta = {"url": get("url"), "author": author, "author_tagline": taglines,
            # not trafilatura's date: htmldate takes years out of the body ("since 2016-01-01") and
            # the copyright line, a date the page never gave
            "date": page_date(tree), "sitename": get("sitename")}
    return title, tidy(body, unescape=False), {k: v for k, v in meta.items() if v}


_SHORT_ARTICLE = 600  # characters: below this trafilatura falls back to the page's whole text
_BLOCKS = ("p", "li", "blockquote", "h2", "h3", "h4", "pre")


def _short_article_blocks(tree, title) -> list[str]:
    """The paragraphs of the article's container, one line each, without headline or byline.
    trafilatura keeps too little of a very short article and falls back to the container's text in
    one run ("Headline By A and B, Staff Writers The bridge will close..."); here blocks stay blocks."""
    for xpath in sel.HTML_ARTICLE_CONTAINERS:
        for container in tree.xpath(xpath):
            blocks = [tidy(el.text_content()) for el in container.iter(*_BLOCKS)
                      if not el.xpath(sel.HTML_NOT_BODY) and not any(a.tag in _BLOCKS for a in el.iterancestors())]
            blocks = [b for b in blocks if b and not _BYLINE.match(b) and not _AD.match(b)
                      and not (title and _words(b) == _words(title))]
            if blocks:
                return blocks
    return []


def _without_taglines(lines: list[str], tree, authors) -> tuple[list[str], list[str]]:
    """The body lines without an author tagline as first or last line (tagline.py), and the taglines."""
    marks: dict[str, tuple[bool, bool]] = {}
    for el in tree.iter("p", "div", "em", "i", "small", "aside", "section", "span"):
        classed, marked = has_tagline_class(el), el.tag in ("p", "em", "i", "small") and is_small_print(el)
        if classed or marked:
            text = tidy(el.text_content())
            old = marks.get(text, (False, False))
            marks[text] = (old[0] or marked, old[1] or classed)
    taglines: list[str] = []
    for edge in (0, -1):
        if len(lines) < 2:
            break
        marked, classed = marks.get(lines[edge], (False, False))
        if is_tagline(lines[edge], authors, marked=marked, classed=classed):
            taglines.append(lines.pop(edge))
    return lines, taglines


def _in_article_area(tree, names):
    """trafilatura's author guess, when each name is written in the page outside its sidebars,
    menus and footer (it takes names from a "Recent Comments" widget too)."""
    if not names:
        return None
    text = " ".join(node.text_content() for node in tree.xpath(
        "//body//*[not(ancestor-or-self::aside or ancestor-or-self::nav or ancestor-or-self::footer"
        " or ancestor-or-self::*[contains(@class, 'widget') or contains(@class, 'sidebar')])]"
        "[not(*)]"))
    return names if all(name in text for name in names.split("; ")) else None


def _run_together(lines: list[str], blocks: list[str], title) -> bool:
    """True when trafilatura's lines hold the headline run into the text, or two blocks in one line."""
    head = " ".join(_words(title or ""))
    for line in lines:
        words = " ".join(_words(line))
        if head and words.startswith(head + " "):
            return True
        if sum(block in line for block in blocks) >= 2:
            return True
    return False


def _site_names(tree) -> set:
    """What the page calls its site (as lower-case words): og:site_name, the masthead's site title,
    the last part of a "Headline – Site" <title>."""
    names = set()
    for value in tree.xpath(sel.HTML_SITE_NAMES):
        text = value if isinstance(value, str) else value.text_content()
        if text and len(text) < 80:
            names.add(" ".join(_words(text)))
    for title in tree.xpath("//head/title/text()")[:1]:
        for sep in _TITLE_SEPARATORS:
            if sep in title:
                names.add(" ".join(_words(title.rsplit(sep, 1)[1])))
    names.discard("")
    return names


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _clean_title(title, sitename):
    """Drop a " - Site Name" suffix the <title> carries when it names the site."""
    if not title:
        return None
    title = tidy(title, unescape=False)
    if sitename:
        for sep in _TITLE_SEPARATORS:
            suffix = sep + sitename.strip()
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix) + 3:
                return title[: -len(suffix)].strip()
    return title
