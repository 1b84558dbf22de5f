"""What a saved page says about its article: publication date and authors.

trafilatura guesses both, and its guesses go wrong in ways a reader notices: a year in the body
("since 2016-01-01") or the copyright footer becomes the date, and a byline's role stays in the
author ("Carla Mendes; Education reporter"). The page's own statements come first here: meta tags,
JSON-LD, ``<time>`` and date/byline markup, a date in the page's canonical address. When the page
states no date, there is none: the body text is never searched for one.
"""
from __future__ import annotations

import re

from commentkit.ingest import selectors as sel
from commentkit.ingest.dates import parse_date
from commentkit.ingest.html_jsonld import jsonld_scripts
from commentkit.ingest.textio import tidy

_MAX_SCRIPT = 2_000_000
_CHANGED = re.compile(r"\b(updated|modified|edited|last changed)\b", re.I)
_FIRST_PUBLISHED = re.compile(r"\b(published|posted|first)\b", re.I)
_PREFIX = re.compile(sel.BYLINE_PREFIX, re.I)
_SEPARATORS = re.compile(sel.BYLINE_NAME_SEPARATORS, re.I)
_ROLE = re.compile(rf"\b(?:{'|'.join(sel.BYLINE_ROLE_WORDS)})\b", re.I)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w.'’-]*|(?:de|da|van|von|der|den|del|la|le|di|du|bin|al|the)|[A-Z]\.)$")


def page_date(doc):
    """The publication date the page states, or None."""
    for value in _jsonld_values(doc, "datePublished"):
        date = parse_date(value)
        if date:
            return date
    for xpath in sel.HTML_DATE_META:
        for node in doc.xpath(xpath):
            for value in _date_strings(node):
                date = parse_date(value)
                if date:
                    return date
    for url in doc.xpath(sel.HTML_URL_META):
        found = re.search(sel.URL_DATE, url)
        if found:
            return parse_date("-".join(f"{int(g):02d}" for g in found.groups()))
    return None


def _date_strings(node) -> list:
    if isinstance(node, str):
        return [node]
    text = tidy(node.text_content())
    if _CHANGED.search(text) and not _FIRST_PUBLISHED.search(text):
        text = ""  # "Updated 12 March 2024" is not when it was published
    return [v for v in (node.get("datetime"), node.get("content"), node.get("title"), text) if v]


def page_authors(doc):
    """The author names the page states ("A; B"), or None."""
    candidates = [value for value in _jsonld_values(doc, "author")]
    candidates += [value for value in doc.xpath(sel.HTML_AUTHOR_META) if not _is_url(value)]
    for xpath in sel.HTML_AUTHOR_MARKUP:
        candidates += [tidy(node.text_content()) for node in doc.xpath(xpath)[:4]]
    for candidate in candidates:
        names = clean_author(candidate)
        if names:
            return names
    return None


def clean_author(text):
    """Names only: "By Sam Ortiz and Lee Wong, Staff Writers" -> "Sam Ortiz; Lee Wong"; None when
    no part is a name."""
    if not text or _is_url(str(text)):
        return None
    text = tidy(str(text))
    posted = re.match(r"^(?:posted|published|written|updated|submitted)\b.*?\bby\s+(.+)$", text, re.I)  # "Posted on <date> by X"
    if posted:  # "... by Owen Price in Local": the category after the name goes too
        text = re.sub(r"\s+(?:in|under|on|at|·|\|)\s.*$", "", posted.group(1))
    text = _PREFIX.sub("", text)
    names: list[str] = []
    for part in _SEPARATORS.split(text):
        part = _PREFIX.sub("", part.strip(" .:"))
        if part and _is_name(part) and part.lower() not in (n.lower() for n in names):
            names.append(part)
    return "; ".join(names) or None


def _is_name(part: str) -> bool:
    words = part.split()
    if len(words) == 1 and re.fullmatch(r"[a-z][\w.-]{1,30}", part) and not _ROLE.search(part):
        return True  # a blog's handle ("john", "admin_k")
    if not 1 <= len(words) <= 5 or _ROLE.search(part) or re.search(r"\d|@|https?:|www\.", part):
        return False
    return all(_NAME_WORD.match(word) or _caseless(word) for word in words) and any(
        word[0].isupper() or _caseless(word) for word in words)


def _caseless(word: str) -> bool:
    """A word in a script without capitals (山田太郎, محمد): a name may be written in it."""
    return word[0].isalpha() and not word[0].isupper() and not word[0].islower()


def _is_url(value: str) -> bool:
    return bool(re.match(r"\s*(?:https?:)?//|\s*www\.", value or ""))


def _jsonld_values(doc, key: str) -> list[str]:
    """``key`` of the page's article objects in JSON-LD (author objects give their names)."""
    values: list[str] = []
    for data in jsonld_scripts(doc, _MAX_SCRIPT):
        by_id = _objects_by_id(data, {}, 0)
        for obj in _article_objects(data, 0):
            values += _names_or_text(obj.get(key), by_id)
    return values


def _objects_by_id(node, found: dict, depth: int) -> dict:
    """Objects of a JSON-LD graph by "@id": an article's author is often {"@id": ...} of a Person."""
    if depth > 20:
        return found
    if isinstance(node, list):
        for item in node:
            _objects_by_id(item, found, depth + 1)
    elif isinstance(node, dict):
        if isinstance(node.get("@id"), str) and "name" in node:
            found.setdefault(node["@id"], node)
        for value in node.values():
            if isinstance(value, (dict, list)):
                _objects_by_id(value, found, depth + 1)
    return found


def _article_objects(node, depth: int):
    if depth > 20:
        return
    if isinstance(node, list):
        for item in node:
            yield from _article_objects(item, depth + 1)
    elif isinstance(node, dict):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(t in sel.JSONLD_ARTICLE_TYPES for t in types if isinstance(t, str)):
            yield node
        if "@graph" in node:
            yield from _article_objects(node["@graph"], depth + 1)
        if isinstance(node.get("mainEntity"), (dict, list)):
            yield from _article_objects(node["mainEntity"], depth + 1)


def _names_or_text(value, by_id: dict) -> list[str]:
    if isinstance(value, str):
        return [] if _is_url(value) else [value]
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in by_id:
            value = by_id[value["@id"]]
        return _names_or_text(value.get("name"), by_id)
    if isinstance(value, list):
        names = [name for item in value for name in _names_or_text(item, by_id)]
        return ["; ".join(names)] if names else []
    return []
