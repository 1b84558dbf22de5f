"""The comment section of a plain-text page copy: where it is, and where each comment starts.

Every line of the section is one token: an author line, a date, a button ("Reply", vote
counts: separators), a pingback, or text. Comments are then cut at author lines; when the
section opens with text and its last author line closes it, authors follow their text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from commentkit.ingest import selectors as cues
from commentkit.ingest.dates import looks_like_date, parse_date
from commentkit.ingest.text_nesting import nest_by_reply_counts, nest_hacker_news, reply_count
from commentkit.ingest.tree import assign_depths
from commentkit.model import Post

_NOUNS = "|".join(cues.COMMENT_NOUNS)
_COUNT_WORDS = "|".join(sorted(cues.NUMBER_WORDS, key=len, reverse=True))
_HEADERS = (
    re.compile(rf"^(?:there (?:are|is) )?(?P<n>\d[\d,.]*|{_COUNT_WORDS})\s+(?:{_NOUNS})\b(?P<rest>.*)$", re.I),
    re.compile(rf"^(?:{_NOUNS})\s*[(\[:]?\s*(?P<n>\d[\d,.]*)\s*[)\]]?$", re.I),
)
_QUOTED = re.compile(r"(?:on|to|zu|for|about|auf)\s*[“\"'‘„«»](?P<title>.+?)[”\"'’“«»]\s*$", re.I)
_SECTION_TITLES = re.compile(rf"^(?:{'|'.join(cues.COMMENT_SECTION_TITLES)})(?::|\s*[(\[]\s*(?P<n>\d[\d,.]*)\s*[)\]])?$", re.I)
_ALL_N = re.compile(rf"^(?:all|view|show|see|read)(?: all)? (?P<n>\d[\d,.]*) (?:{_NOUNS})$", re.I)  # "all 6 comments"
_ACTION_BAR = re.compile(cues.ACTION_BAR_SEPARATORS)
_STORY_SUBLINE = re.compile(cues.STORY_SUBLINE, re.I)
_STORY_DOMAIN = re.compile(cues.STORY_TITLE_DOMAIN, re.I)
_REPLY_ARROW = re.compile(rf"^{cues.REPLY_ARROW}$", re.I)
_NAME_SUFFIX = re.compile(cues.AUTHOR_NAME_SUFFIX, re.I)
_BADGE = re.compile(rf"^(?:{'|'.join(cues.BADGE_LINES)})$", re.I)
_FORM = [re.compile(rf"^{p}$", re.I) for p in cues.COMMENT_FORM_MARKERS]
_SECTION_END = _FORM + [re.compile(rf"^{p}$", re.I) for p in cues.COMMENT_LIST_END]
_FORM_FIELD = re.compile(rf"^{cues.COMMENT_FORM_FIELDS}$", re.I)
_ACTIONS = [re.compile(rf"^{p}$", re.I) for p in cues.COMMENT_ACTION_LINES]
_AUTHORS = [(kind, re.compile(rf"^{p}$", re.I)) for kind, p in cues.AUTHOR_LINE_PATTERNS]
# Without a verb or separator, only a name-shaped author: Capitalised words (with particles) or one handle.
_NAME_SHAPE = re.compile(r"^(?:(?:[A-Z][\w'’.()-]*|van|von|de|der|da|di|le|la|du|&)\s+){0,4}[A-Z][\w'’.()-]*$|^\S+$")
_REPLY_TO = [re.compile(rf"^{p}$", re.I) for p in cues.REPLY_TO_PATTERNS[:3]]
_REPLY_BUTTON_TO = re.compile(rf"^{cues.REPLY_TO_PATTERNS[cues.REPLY_TO_BUTTON_LIKE]}$", re.I)
_DATE_INSIDE = re.compile(r"\b(19|20)\d{2}\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d{2}")
_AT_MENTION = re.compile(r"^@(?P<author>[\w.\-]{1,40})")
_NUMBERED = re.compile(r"^(?P<n>\d{1,4})[.)]\s+(?P<author>.{1,60})$")
_GLUED = re.compile(cues.GLUED_ACTION_SUFFIX)
_WORD = re.compile(r"\w+")
_LOOKAHEAD = 8  # a header must be followed by an author line within this many lines (buttons not counted)


@dataclass
class CommentSection:
    header_index: int  # the header line (or the first author line when there is no header)
    start: int  # first line of the comment list
    end: int  # one past the last line
    declared_count: Optional[int] = None
    quoted_title: Optional[str] = None


@dataclass
class Token:
    kind: str  # author / date / text / sep / place (a commenter's location line)
    line: object
    author: Optional[str] = None
    date: Optional[str] = None
    numbered: bool = False


def is_form_marker(text: str) -> bool:
    return any(p.match(text) for p in _FORM)


def find_comment_section(lines, require_header: bool = False) -> Optional[CommentSection]:
    """Where the comment list is: after a header ("13 Comments") followed by an author line;
    without a header, from the first line that is plainly an author line (unless required)."""
    for i, line in enumerate(lines):
        header = _header(line.text)
        if header is None:
            continue
        ahead = _lines_ahead(lines, i + 1)
        first = next((j for j in ahead if not _is_action(lines[j].text)), None)
        # an author line soon after the header, or (no dates) the header followed at once by
        # a name line, its text and a "Reply" button
        if not any(_author_at(lines, j) for j in ahead) and not (first is not None and _reply_chunk_at(lines, first)):
            continue
        count, title = header
        if title is None and _STORY_SUBLINE.match(line.text) and i > 0:  # a link aggregator's story line
            title = _STORY_DOMAIN.sub("", lines[i - 1].text).strip() or None
        return CommentSection(i, i + 1, _section_end(lines, i + 1), count, title)
    if require_header:
        return None
    for i in range(len(lines)):  # no header: the first line that is plainly a comment's author
        if _strong_author(lines[i].text) and not is_form_marker(lines[i].text):
            return CommentSection(i, i, _section_end(lines, i))
    return None


def _lines_ahead(lines, start: int) -> list[int]:
    """The lines a header's first comment must be among: the next ``_LOOKAHEAD`` lines that are not
    buttons or counters ("Sort by", "Oldest", "50" are passed over), up to the next header line."""
    found, counted = [], 0
    for j in range(start, min(len(lines), start + 3 * _LOOKAHEAD)):
        if _header(lines[j].text) is not None:
            break
        found.append(j)
        if not _is_action(lines[j].text):
            counted += 1
            if counted >= _LOOKAHEAD:
                break
    return found


def split_comments(lines, section: CommentSection) -> tuple[list[Post], dict]:
    meta: dict = {"warnings": []}
    if section.declared_count is not None:
        meta["declared_count"] = section.declared_count
    tokens, pingbacks = _tokens(lines[section.start:section.end])
    if pingbacks:
        meta["pingbacks"] = pingbacks
        meta["n_pingbacks"] = len(pingbacks)
    comments, heads, trailers = [], {}, {}
    position = {id(token): i for i, token in enumerate(tokens)}
    groups = _group(tokens)
    for n, (head, body) in enumerate(groups):
        comment = _comment(len(comments) + 1, head, body, comments)
        if comment is not None:
            comments.append(comment)
            heads[comment.id] = head[0]
            start = position.get(id(head[0]))  # None for a head made up from a name line (_group_by_separators)
            stop = position.get(id(groups[n + 1][0][0]), len(tokens)) if n + 1 < len(groups) else len(tokens)
            if start is not None:  # the buttons under it: "2 replies"
                trailers[comment.id] = [t.line.text for t in tokens[start + 1:stop] if t.kind == "sep"]
    _nest_numbered(comments, heads)
    nest_by_reply_counts(comments, {cid: reply_count(lines) for cid, lines in trailers.items()})
    flat = nest_hacker_news(comments, {cid: head.line.text for cid, head in heads.items()})
    if flat:
        meta["warnings"].append(flat)
    assign_depths(comments)
    return comments, meta


# ---------------------------------------------------------------- section bounds


def _header(text: str):
    story = _STORY_SUBLINE.match(text)
    if story:
        return (int(story.group("n").replace(",", "")), None)
    titled = _SECTION_TITLES.match(text) or _ALL_N.match(text)
    if titled:
        n = titled.group("n")
        return (int(n.replace(",", "").replace(".", "")) if n else None, None)
    for pattern in _HEADERS:
        match = pattern.match(text)
        if not match:
            continue
        rest = match.groupdict().get("rest") or ""
        if rest and not re.match(r"^\s*(on|to|zu|für|for|about|so far|\.|:|$)", rest, re.I) and len(rest) < 40:
            continue  # "3 comments from readers today ..." is prose, not a header
        n = match.group("n").lower().replace(",", "").replace(".", "")
        count = cues.NUMBER_WORDS.get(n, None) if not n.isdigit() else int(n)
        quoted = _QUOTED.search(rest)
        return (count, quoted.group("title").strip() if quoted else None)
    return None


def _section_end(lines, start: int) -> int:
    seen_author = False
    for i in range(start, len(lines)):
        text = lines[i].text
        if (any(p.match(text) for p in _SECTION_END) and (seen_author or not is_form_marker(text))
                and not _strong_author(text)):  # "tmiller 5 hours ago | root | parent | next" is no footer bar
            return i
        if seen_author and _FORM_FIELD.match(text) and i + 1 < len(lines) and _FORM_FIELD.match(lines[i + 1].text):
            return i
        seen_author = seen_author or _author_at(lines, i)
    return len(lines)


# ---------------------------------------------------------------- tokens


def _strong_author(text: str):
    """(author, date) when the line is an author line by its own form."""
    if looks_like_date(text):
        return None
    for kind, pattern in _AUTHORS:
        match = pattern.match(text)
        if not match:
            continue
        author = match.group("author").strip(" -–—:")
        date = (match.groupdict().get("date") or "").strip()
        if not _name_like(author) or looks_like_date(author) or _DATE_INSIDE.search(author):
            continue
        if kind == "verb":  # "Jane says:", "Posted by Jane": a date may follow or not
            if date and not looks_like_date(date):
                continue
            return author, date or None
        if looks_like_date(date) and (kind == "separator" or _NAME_SHAPE.match(author)):
            return author, date
    return None


def _name_like(text: str) -> bool:
    words = _WORD.findall(text)
    # "Priya N." and "H.H." are names; "Thanks." is a sentence
    return 0 < len(words) <= 8 and len(text) <= 80 and not re.search(r"[a-z]{2,}[.!?]$|[!?]$|https?://", text)


def _author_at(lines, i: int) -> bool:
    text = lines[i].text
    if _strong_author(text) or _NUMBERED.match(text) and _name_like(_NUMBERED.match(text).group("author")):
        return True
    return _name_like(text) and i + 1 < len(lines) and looks_like_date(lines[i + 1].text) and not looks_like_date(text)


def _reply_chunk_at(lines, i: int) -> bool:
    """A name line, then text, then a "Reply" button: a comment even without a date."""
    if not _name_like(lines[i].text) or i + 2 >= len(lines) or _is_action(lines[i + 1].text):
        return False
    return any(_is_action(lines[j].text) and re.search(r"\breply\b", lines[j].text, re.I)
               for j in range(i + 2, min(len(lines), i + 8)))


def _is_action(text: str) -> bool:
    """A button, counter or label line, or a bar of them copied as one line ("Like · Reply · 2d")."""
    if any(p.match(text) for p in _ACTIONS):
        return True
    if len(text) > 200:  # a bar of buttons is short; long lines are text
        return False
    parts = [p.strip() for p in _ACTION_BAR.split(text) if p.strip()]
    return len(parts) >= 2 and any(not looks_like_date(p) for p in parts) and all(
        looks_like_date(p) or any(a.match(p) for a in _ACTIONS) for p in parts)


def _tokens(lines) -> tuple[list[Token], list[str]]:
    tokens: list[Token] = []
    pingbacks: list[str] = []
    for i, line in enumerate(lines):
        text = line.text
        if text.lower().startswith(cues.PINGBACK_PREFIXES):
            pingbacks.append(text)
            tokens.append(Token("sep", line))
            continue
        if _is_action(text) or (not tokens or all(t.kind == "sep" for t in tokens)) and is_form_marker(text):
            tokens.append(Token("sep", line))  # a button, or the "Add a comment..." box above the list
            continue
        strong = _strong_author(text)
        numbered = _NUMBERED.match(text)
        if strong:
            tokens.append(Token("author", line, strong[0], strong[1]))
        elif numbered and _name_like(numbered.group("author")) and not looks_like_date(numbered.group("author")):
            tokens.append(Token("author", line, numbered.group("author").strip(), numbered=True))
        elif looks_like_date(text):
            tokens.append(Token("date", line, date=text))
        else:
            tokens.append(Token("text", line))
    _promote_weak_authors(tokens)
    return tokens, pingbacks


def _promote_weak_authors(tokens: list[Token]) -> None:
    """A short name-like line right before or after a date line is an author line."""
    for i, token in enumerate(tokens):
        if token.kind != "text" or not _name_like(token.line.text):
            continue
        before = tokens[i - 1] if i > 0 else None
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "sep" and _BADGE.match(tokens[j].line.text):
            j += 1  # "busnerd_77" / "OP" / "3h ago"
        after = tokens[j] if j < len(tokens) else None
        if after is None or after.kind != "date" or (before is not None and before.kind not in ("sep", "date", "text")):
            continue
        if _name_above_place(tokens, i):
            continue
        if before is None or before.kind == "sep" or before.line.block != token.line.block:
            token.kind, token.author = "author", token.line.text.strip(" ·•|:-–—")


def _name_above_place(tokens: list[Token], i: int) -> bool:
    """Name, place, date ("Anna P." / "Boston" / "Feb. 9") at the start of a comment (after the
    previous one's buttons, or a paragraph of its own): the name is the author, the place line is
    not comment text. True when it applied."""
    name = tokens[i - 1] if i >= 1 else None
    if name is None or name.kind != "text" or not _name_like(name.line.text) or len(_WORD.findall(tokens[i].line.text)) > 4:
        return False
    above = tokens[i - 2] if i >= 2 else None
    if above is not None and above.kind != "sep" and above.line.block == name.line.block:
        return False  # the name line is not where a comment starts
    if above is not None and above.kind == "text" and name.line.block != tokens[i].line.block:
        return False  # "text" / "Name" / "Date": an ordinary author line under the last comment's text
    name.kind, name.author = "author", name.line.text.strip(" ·•|:-–—")
    tokens[i].kind, tokens[i].author = "place", None
    return True


def _group(tokens: list[Token]) -> list[tuple[list[Token], list[Token]]]:
    """[(head tokens, body tokens)] in page order, heads being an author line and its dates."""
    authors = [i for i, t in enumerate(tokens) if t.kind == "author"]
    if not authors:
        return _group_by_separators(tokens)
    text_before = any(t.kind == "text" for t in tokens[: authors[0]])
    text_after = any(t.kind == "text" for t in tokens[authors[-1] + 1:])
    groups = []
    if text_before and not text_after:  # the author line closes each comment
        body: list[Token] = []
        for i, token in enumerate(tokens):
            if token.kind == "author":
                head = [token] + _adjacent_dates(tokens, i)
                groups.append((head, [t for t in body if t.kind == "text"]))
                body = []
            else:
                body.append(token)
        return groups
    for n, i in enumerate(authors):
        stop = authors[n + 1] if n + 1 < len(authors) else len(tokens)
        dates = _adjacent_dates(tokens, i, forward_only=True)
        under = i + 1 + len(dates)  # "Reply to Jane" right under the author line says whom this answers
        if under < stop and tokens[under].kind == "sep" and _REPLY_BUTTON_TO.match(tokens[under].line.text):
            tokens[under].kind = "text"
        body = [t for t in tokens[i + 1:stop] if t.kind == "text" or (t.kind == "date" and t not in dates)]
        while body and body[-1].kind == "date":  # "Jane said... text ... March 3, 2020": the date closes
            dates.append(body.pop())
        groups.append(([tokens[i]] + dates, body))
    return groups


def _adjacent_dates(tokens: list[Token], i: int, forward_only: bool = False) -> list[Token]:
    found = []
    j = i + 1
    while j < len(tokens) and (tokens[j].kind == "place" or tokens[j].kind == "sep" and _BADGE.match(tokens[j].line.text)):
        if tokens[j].kind == "place":
            found.append(tokens[j])  # kept in the head: "→ Kelly Vance" says whom this answers
        j += 1  # "Boston" or "OP" between the name and the date
    for j in range(j, min(len(tokens), j + 2)):
        if tokens[j].kind != "date":
            break
        found.append(tokens[j])
    if not forward_only and not found and i > 0 and tokens[i - 1].kind == "date":
        found.append(tokens[i - 1])
    return found


def _group_by_separators(tokens: list[Token]):
    """No author lines: chunks between "Reply" buttons, each led by a short name line."""
    groups, chunk = [], []
    for token in tokens + [Token("sep", None)]:
        if token.kind != "sep":
            chunk.append(token)
            continue
        texts = [t for t in chunk if t.kind in ("text", "date")]
        if len(texts) >= 2 and _name_like(texts[0].line.text) and texts[0].line.block != texts[1].line.block:
            head = Token("author", texts[0].line, texts[0].line.text)
            dates = [t for t in texts[1:2] if t.kind == "date"]
            groups.append(([head] + dates, [t for t in texts[1:] if t not in dates]))
        chunk = []
    return groups


# ---------------------------------------------------------------- comments


def _comment(n: int, head: list[Token], body: list[Token], earlier: list[Post]) -> Optional[Post]:
    author = head[0].author
    date_text = head[0].date or next((t.date for t in head[1:] if t.kind == "date"), None)
    lines = [t.line for t in body]
    parent_id = None
    for token in head[1:]:
        arrow = _REPLY_ARROW.match(token.line.text) if token.kind == "place" else None
        if arrow:
            parent_id = _last_by(earlier, arrow.group("author"))
    if lines and parent_id is None:
        for pattern in _REPLY_TO:
            match = pattern.match(lines[0].text)
            if match:
                parent_id = _last_by(earlier, match.group("author"))
                lines = lines[1:]
                break
        else:
            mention = _AT_MENTION.match(lines[0].text)
            if mention:
                parent_id = _last_by(earlier, mention.group("author"))
        if parent_id is None and lines:
            parent_id = _named_at_start(earlier, lines[0].text)
    text = _join_lines(lines)
    if not text or text.lower() in cues.GONE_TEXTS:
        return None
    author = clean_author(author)
    return Post(id=f"c{n}", author=author, text=text, published=parse_date(date_text), parent_id=parent_id)


def clean_author(name: Optional[str]) -> Optional[str]:
    """The commenter's name without a site's "(not verified)"; None for a deleted account."""
    if name is None:
        return None
    name = _NAME_SUFFIX.sub("", name).strip()
    return None if not name or name.lower() in cues.GONE_AUTHORS else name


def _named_at_start(comments: list[Post], text: str) -> Optional[str]:
    """A reply that starts with an earlier commenter's full name (a mention tag copied without its
    "@": "Melissa Ortega the roof is...") answers that commenter's latest comment."""
    for comment in reversed(comments):
        name = comment.author
        if name and len(name) >= 3 and " " in name and text.startswith(name) and text[len(name):][:1] in (" ", ",", ":"):
            return comment.id
    return None


def _last_by(comments: list[Post], author: str) -> Optional[str]:
    wanted = author.strip().lower().lstrip("@")
    for comment in reversed(comments):
        name = (comment.author or "").lower().lstrip("@")
        if name and (name == wanted or name.split()[0] == wanted):
            return comment.id
    return None


def _join_lines(lines) -> str:
    parts: list[str] = []
    previous = None
    for line in lines:
        if previous is not None:
            parts.append("\n" if line.block == previous.block else "\n\n")
        parts.append(line.text)
        previous = line
    return _GLUED.sub("", "".join(parts)).strip()


def _nest_numbered(comments: list[Post], heads: dict) -> None:
    """Numbered lists copied with indentation: a deeper number is a reply to the one above it."""
    indents = {c.id: heads[c.id].line.indent for c in comments if heads[c.id].numbered}
    if len(set(indents.values())) < 2:
        return
    levels = {indent: level for level, indent in enumerate(sorted(set(indents.values())))}
    stack: list[tuple[int, str]] = []
    for comment in comments:
        if comment.id not in indents:
            continue
        level = levels[indents[comment.id]]
        while stack and stack[-1][0] >= level:
            stack.pop()
        if stack and comment.parent_id is None:
            comment.parent_id = stack[-1][1]
        stack.append((level, comment.id))


is_action_line = _is_action


def header_count(text: str) -> Optional[int]:
    """The count a comment-section header declares ("20 thoughts on ...", "Comments (4)")."""
    header = _header(text)
    return header[0] if header else None
