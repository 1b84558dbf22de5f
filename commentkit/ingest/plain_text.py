"""Plain-text copies of web pages (select all, copy, paste) -> one Thread.

A copy keeps the words and loses the markup, so the page is found again from its shape:
the comment section starts at its header ("13 Comments", "5 thoughts on “Title”") and ends at
the reply form; the title is the headline the page repeats (or the header quotes); the body is
the run of prose paragraphs after the title, up to the first byline box, share bar or related
list. Comments are cut at author lines ("Jane says:", "Jane · March 3, 2020", "1. Jane"),
with "Reply"/vote buttons, dates and pingbacks taken out. Cue words live in ``selectors``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from commentkit.errors import IngestError
from commentkit.ingest import selectors as cues
from commentkit.ingest.dates import DAY_FIRST, day_first_hint, looks_like_date
from commentkit.ingest.text_comments import (CommentSection, find_comment_section, header_count, is_action_line,
                                             split_comments)
from commentkit.ingest.html_meta import clean_author
from commentkit.ingest.tagline import is_tagline
from commentkit.ingest.textio import read_text, tidy
from commentkit.model import Post, Thread

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:](\W*)$")
_CODE = re.compile(r"<-|=|[{}#]|;(?=\S|$)|\w\(|\)\s*[+.]")  # a code line is not a headline ("a; b" may be)
_YEAR_OR_MONTH = re.compile(r"\b(19|20)\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_BREADCRUMB = re.compile(r"\s*(?:>|›|»|/|\|)\s*")
_BREADCRUMB_MAX = 400  # characters
_CHROME = re.compile(rf"^(?:{'|'.join(cues.PAGE_CHROME_LINES)})$", re.I)
_NAV_BAR = re.compile(rf"^{cues.NAV_BAR}$")
_STOPS = [re.compile(rf"^{p}$", re.I) for p in cues.BODY_STOP_MARKERS]
_AD = re.compile(rf"^(?:{'|'.join(cues.AD_LINES)})$", re.I)
_CONSENT = re.compile(rf"^(?:{'|'.join(cues.CONSENT_LINES)})$", re.I)
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*$")
_BYLINE = re.compile(rf"^(?:{'|'.join(cues.BYLINE_LINES)})$", re.I)
_ORNAMENT = re.compile(r"^[•·|›»‹«\-–—*_=~]+$")
_MAX_BODY_GAP = 25  # this many non-prose blocks in a row end the body (menus, widgets)
_TITLE_WORDS = (2, 30)
_HEADLINE_CHARS = 120  # a one-line "sentence" over the byline longer than this is a standfirst
_MAX_LEAD_BLOCKS = 12
_BYLINE_REACH = 6  # blocks before the body (or after it) where its byline is looked for  # blocks skipped between a headline and the first paragraph


@dataclass
class Line:
    text: str
    indent: int
    block: int  # lines with the same block number were not separated by a blank line


def sniff(head: bytes, path: Path) -> bool:
    """Any readable text that is not markup or JSON (the last resort of detection)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"<", b"{", b"["):
        return False
    sample = head[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) // 100


def parse(path: Path, **options) -> list[Thread]:
    text = read_text(path)
    lines = split_lines(text)
    if not lines:
        raise IngestError(path, "file is empty")
    day_first = DAY_FIRST.set(day_first_hint(text))
    try:
        return [parse_lines(lines, Path(path))]
    finally:
        DAY_FIRST.reset(day_first)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their indentation and paragraph block number."""
    lines, block, blank = [], 0, True
    for raw in text.split("\n"):
        expanded = raw.expandtabs(4)
        clean = tidy(expanded)
        if not clean or _ORNAMENT.match(clean):  # "•", "|", "›" between widget parts
            blank = True
            continue
        if blank and lines:
            block += 1
        blank = False
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        lines.append(Line(clean.replace("\n", " "), indent, block))
    if len(lines) >= 12 and block + 1 < len(lines) / 4:
        # A copy without blank lines (pasted through an editor that drops them): every line
        # is then a paragraph of its own, or the whole page would be one block.
        for n, line in enumerate(lines):
            line.block = n
    return lines


def parse_lines(lines: list[Line], path: Path) -> Thread:
    section = find_comment_section(lines)
    article_end = section.header_index if section else _form_start(lines)
    blocks = _blocks(lines[:article_end])
    title, body_blocks, author = _article(blocks, section.quoted_title if section else None)
    meta: dict = {"warnings": []}
    taglines = _pop_taglines(body_blocks, author)
    if taglines:
        meta["author_tagline"] = taglines
    comments: list[Post] = []
    if section is not None:
        comments, comment_meta = split_comments(lines, section)
        meta.update(comment_meta)
    if not body_blocks:
        meta["warnings"].append("no article body found in the text copy")
    _check_declared_count(meta, len(comments))
    if not meta["warnings"]:
        del meta["warnings"]
    return Thread(
        id=path.stem,
        title=title,
        article=Post(id="article", text=_join_blocks(body_blocks), author=author),
        comments=comments,
        source=str(path),
        meta=meta,
    )


# ---------------------------------------------------------------- the article


def _article(blocks: list[list[Line]], quoted_title: Optional[str]):
    """(title, body blocks) from the blocks before the comment section."""
    texts = [_block_text(b) for b in blocks]
    title, start = None, None
    main_run = _largest_run_start(texts)
    repeated = [t for t in _repeated_titles(texts)
                if main_run is None or any(_same_title(texts[i], t) for i in range(main_run + 1))]
    candidates = ([quoted_title] if quoted_title else []) + repeated
    for candidate in candidates:
        for i in (i for i, t in enumerate(texts) if _same_title(t, candidate)):
            after = _skip_repeats(texts, i + 1, candidate)
            body = _first_prose(texts, after)
            if body >= len(texts) or not _is_prose(texts[body]):
                continue  # no paragraph follows this occurrence closely: a menu item, a link
            if candidate != quoted_title and main_run is not None and body != main_run:
                continue  # a repeated line must lead into the page's main run of prose
            title, start = texts[i], after
            if candidate != quoted_title:  # a repeated line may be the site name: look closer
                found = _headline_in_lead(texts, start)
                if found is not None:
                    title, start = texts[found], found + 1
            break
        if title is not None:
            break
    if title is None:
        start = _largest_run_start(texts)
        if start is None:  # no prose (a link post): the headline closest to the comments
            return (quoted_title or _title_before(texts, len(texts)), [], None)
        if _headline_over_byline(texts, start):  # "Congestion pricing works. Ask Stockholm." / "By ..."
            title, start = quoted_title or texts[start], start + 1
        else:
            title = quoted_title or _title_before(texts, start)
    start = _first_prose(texts, start)
    end = _body_end(texts, start)
    body = [b for b in blocks[start:end] if not _furniture(_block_text(b))]
    lead = [t for t in texts[max(0, start - _BYLINE_REACH):start] if not _same_title(t, title or "")]
    author = _byline_author(lead + texts[end:end + _BYLINE_REACH])
    return title, body, author


def _headline_over_byline(texts: list[str], i: int) -> bool:
    """A one-line "sentence" right over a byline or date line is the headline, not a paragraph
    (headlines may end with a full stop); a paragraph is not followed by its article's byline."""
    text = texts[i]
    if "\n" in text or len(text) > _HEADLINE_CHARS or len(re.findall(r"[.!?](?:\s|$)", text)) > 2 or i + 2 >= len(texts):
        return False  # a standfirst over the date line is longer
    under = texts[i + 1].split("\n", 1)[0]
    return bool(_BYLINE.match(under) or looks_like_date(under)) and _is_prose(texts[_first_prose(texts, i + 1)])


def _byline_author(texts: list[str]) -> Optional[str]:
    """The names of the first byline ("By Jane Roe", "Posted 2 March by jroe", a name line over a
    date line) among ``texts``."""
    lines = [line for text in texts for line in text.split("\n")]
    for n, line in enumerate(lines):
        above_date = n + 1 < len(lines) and looks_like_date(lines[n + 1])  # "Jane Roe" over "Apr 2, 2025"
        if _BYLINE.match(line) or (above_date and _NAME_LINE.match(line) and len(_WORD.findall(line)) <= 4):
            names = clean_author(line)
            if names:
                return names
    return None


def _pop_taglines(body: list[list[Line]], author: Optional[str]) -> list[str]:
    """Take a tagline about the byline's author off the body's first or last paragraph
    (tagline.py) and return it: a copy has no italics, so the sentence must name the author."""
    taglines = []
    for edge in (0, -1):
        if len(body) > 1 and is_tagline(_block_text(body[edge]), author):
            taglines.append(_block_text(body.pop(edge)))
    return taglines


def _furniture(text: str) -> bool:
    """A block inside the body that is page furniture: an advertisement label, a date line, a
    share button or a counter ("214"), never article text."""
    return bool(_AD.match(text) or _CHROME.match(text) or looks_like_date(text) or is_action_line(text))


def _repeated_titles(texts: list[str]) -> list[str]:
    """Headline-like lines the page shows twice (h1 + breadcrumb or page title), longest first."""
    seen: dict[str, int] = {}
    for text in texts:
        if _title_like(text):
            seen[text] = seen.get(text, 0) + 1
        if len(text) > _BREADCRUMB_MAX:  # a breadcrumb trail is one short line
            continue
        for part in _BREADCRUMB.split(text)[1:]:  # "Home > Articles > Headline"
            if _title_like(part) and part != text:
                seen[part] = seen.get(part, 0) + 1
    repeated = [t for t, n in seen.items() if n >= 2 and len(_WORD.findall(t)) >= 3 and not _CHROME.match(t)]
    return sorted(repeated, key=lambda t: -len(t))


def _same_title(text: str, title: str) -> bool:
    return _normalise_title(text) == _normalise_title(title)


def _normalise_title(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _skip_repeats(texts: list[str], i: int, title: str) -> int:
    while i < len(texts) and _same_title(texts[i], title):
        i += 1
    return i


def _title_like(text: str) -> bool:
    words = len(_WORD.findall(text))
    return (_TITLE_WORDS[0] <= words <= _TITLE_WORDS[1] and not text.endswith((".", ",", ";")) and not _BYLINE.match(text)
            and not looks_like_date(text) and not _is_stop(text) and "\n" not in text and not _CODE.search(text)
            and not _NAV_BAR.match(text))


def _headline(text: str) -> bool:
    """Written like a headline: Title Case, one line, no date, not a byline or code."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) >= 4]
    if not any(c.islower() for c in text):  # "HOME  NEWS  SPORTS": a menu or a logo, not a headline
        return False
    if not words or "\n" in text or len(_WORD.findall(text)) > _TITLE_WORDS[1] or _CODE.search(text):
        return False
    if _BYLINE.match(text) or _YEAR_OR_MONTH.search(text) or _is_stop(text) or looks_like_date(text):
        return False
    if _CHROME.match(text):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(_WORD.findall(text)) >= 3 and capitalised / len(words) >= 0.7


def _headline_in_lead(texts: list[str], start: int) -> Optional[int]:
    """The headline between a repeated line and the body (the line repeated was the site name).
    A Title Case "sentence" where the body seems to start is the headline too ("So Do We.")."""
    body = _first_prose(texts, start)
    if body < len(texts) and _headline(texts[body]) and body + 1 < len(texts) and _is_prose(texts[body + 1]):
        return body
    for i in range(body - 1, start - 1, -1):
        if _headline(texts[i]):
            return i
    return None


def _title_before(texts: list[str], start: int) -> Optional[str]:
    """The headline above the body at ``start``. Share buttons, dates and bylines (a short name
    line right above a date too) are passed over; of the lines left, the nearest Title Case one up
    to the first long title-like line (what is above that is above the headline: the site name),
    else the nearest title-like one (of a headline and its standfirst in a row, the first)."""
    lead = []
    for i in range(start - 1, max(-1, start - 3 * _MAX_LEAD_BLOCKS), -1):
        text = texts[i]
        if (_CHROME.match(text) or looks_like_date(text) or _BYLINE.match(text) or _CONSENT.match(text)
                or is_action_line(text) or header_count(text) is not None):
            continue
        if i + 1 < len(texts) and looks_like_date(texts[i + 1]) and len(_WORD.findall(text)) <= 4 and _NAME_LINE.match(text):
            continue  # "Jane Doe" above "Apr 2, 2025": the byline
        lead.append(i)
        if len(lead) == 5:
            break
    for i in lead:
        if _headline(texts[i]):
            return texts[i]
        if _title_like(texts[i]) and _letter_words(texts[i]) >= 4:
            break
    for n, i in enumerate(lead):
        if _title_like(texts[i]):
            before = texts[lead[n + 1]] if n + 1 < len(lead) and lead[n + 1] == i - 1 else ""
            if _title_like(before) and _letter_words(before) >= 4 and len(before) < len(texts[i]):
                return before
            return texts[i]
    return None


def _letter_words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def _is_prose(text: str) -> bool:
    if _CONSENT.match(text) and len(text) < 600:  # a cookie banner reads like a sentence
        return False
    words = len(_WORD.findall(text))
    return words >= 20 or (words >= 4 and bool(_SENTENCE_END.search(text)) and not text.endswith(":"))


def _is_stop(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return any(p.match(first) for p in _STOPS)


def _body_end(texts: list[str], start: int) -> int:
    end, gap = start, 0
    for i in range(start, len(texts)):
        if _is_stop(texts[i]):
            break
        if _is_prose(texts[i]):
            end, gap = i + 1, 0
        else:
            gap += 1
            if gap >= _MAX_BODY_GAP:
                break
    return end


def _run_words(texts: list[str], start: int) -> int:
    """Words of prose in the body that would start at ``start``."""
    start = _first_prose(texts, start)
    end = _body_end(texts, start)
    return sum(len(_WORD.findall(t)) for t in texts[start:end] if _is_prose(t))


def _first_prose(texts: list[str], start: int) -> int:
    """Skip what sits between a headline and its body: dek, byline, date, a small widget."""
    i = start
    while i < len(texts) and i - start < _MAX_LEAD_BLOCKS and not _is_prose(texts[i]):
        i += 1
    return i if i < len(texts) and _is_prose(texts[i]) else start


def _largest_run_start(texts: list[str]) -> Optional[int]:
    best, best_words = None, 0
    i = 0
    while i < len(texts):
        if _is_prose(texts[i]) and not _is_stop(texts[i]):
            words = _run_words(texts, i)
            if words > best_words:
                best, best_words = i, words
            i = max(i + 1, _body_end(texts, i))
        else:
            i += 1
    return best


def _form_start(lines: list[Line]) -> int:
    from commentkit.ingest.text_comments import is_form_marker

    for i, line in enumerate(lines):
        if is_form_marker(line.text):
            return i
    return len(lines)


# ---------------------------------------------------------------- helpers


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and blocks[-1][-1].block == line.block:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _block_text(block: list[Line]) -> str:
    return "\n".join(line.text for line in block)


def _join_blocks(blocks: list[list[Line]]) -> str:
    return "\n\n".join(_block_text(b) for b in blocks)


def _check_declared_count(meta: dict, n_comments: int) -> None:
    declared = meta.get("declared_count")
    if declared is None:
        return
    pingbacks = meta.get("n_pingbacks", 0)
    if declared not in (n_comments, n_comments + pingbacks):
        meta["warnings"].append(
            f"the page says {declared} comments but {n_comments} were found"
            + (f" (plus {pingbacks} pingbacks)" if pingbacks else "")
        )


__all__ = ["sniff", "parse", "split_lines", "parse_lines", "Line", "CommentSection"]
