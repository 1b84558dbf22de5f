"""Comments as rows: CSV/TSV files and JSON Lines, one comment per row.

Columns are found by their usual names (``id``, ``parent_id``, ``author``, ``text``...) or named
with the ``columns`` option: ``{"text": "body", "parent": "reply_to"}`` or the command-line form
``"text=body,parent=reply_to"``. Rows with a ``thread`` column become one Thread per value; a
row whose ``type`` is article/story/submission is that thread's article. Deleted rows
("[deleted]", "[removed]", empty text) are skipped with a count.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Optional, Union

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.textio import decode, html_fragment_text, read_text, tidy
from commentkit.ingest.tree import assign_depths, drop_posts, parents_first
from commentkit.model import Post, Thread

FIELDS = ("id", "parent", "author", "text", "time", "thread", "title", "type", "url")
_ALIASES = {
    "id": ("id", "comment_id", "commentid", "post_id", "message_id", "name"),
    "parent": ("parent", "parent_id", "parentid", "in_reply_to", "reply_to", "replyto", "parent_comment_id",
               "in_reply_to_id", "reply_to_id"),
    "author": ("author", "user", "username", "user_name", "by", "screen_name", "commenter", "author_name",
               "display_name", "user_display_name", "author_display_name", "commenter_name", "nickname", "from",
               "from_name"),
    "text": ("text", "body", "comment", "comment_text", "message", "content", "comment_body", "comment_content",
             "message_text", "body_text", "text_content"),
    "time": ("time", "date", "created", "created_at", "created_utc", "timestamp", "published", "posted", "posted_at",
             "create_time", "created_time", "creation_time", "creation_date", "date_created", "comment_date",
             "published_at", "posted_on", "date_posted", "submitted_at"),
    "thread": ("thread", "thread_id", "article_id", "story_id", "link_id", "submission_id", "article", "url",
               "page_id", "article_url", "page_url"),
    "title": ("title", "thread_title", "article_title", "story_title", "page_title"),
    "type": ("type", "kind", "item_type"),
    "url": ("url", "link", "permalink"),
}
_ARTICLE_TYPES = ("article", "story", "submission", "post", "t3")
# Keys under which a JSON export nests its comment list, and each comment's replies.
_LIST_KEYS = ("comments", "data", "items", "results", "records", "rows", "messages", "posts")
_REPLY_KEYS = ("replies", "children", "responses", "comments")
# What names a nested object standing where one value is expected ({"author": {"name": ...}}).
_NAME_KEYS = ("name", "display_name", "username", "login", "screen_name", "id")
_LIST_OF_OBJECTS = re.compile(rb'"(?:' + "|".join(_LIST_KEYS).encode() + rb')"\s*:\s*\[\s*\{')
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normal_name(name) -> str:
    """A column name as the aliases spell it: "Comment ID", "commentId", "comment-id" -> "comment_id"."""
    return _NON_WORD.sub("_", _CAMEL.sub("_", str(name).strip()).lower()).strip("_")
_GONE = ("[deleted]", "[removed]")


def sniff_csv(head: bytes, path: Path) -> bool:
    if Path(path).suffix.lower() in (".csv", ".tsv"):
        return True
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"<", b"{", b"["):
        return False
    lines = decode(head).split("\n", 2)  # decode: Excel's "Unicode Text" is UTF-16 with a BOM
    first = (lines[1] if _SEP_LINE.match(lines[0]) and len(lines) > 1 else lines[0]).lower()
    names = {normal_name(n.strip().strip('"')) for n in first.replace("\t", ",").replace(";", ",").split(",")}
    return len(names) >= 2 and bool(names & set(_ALIASES["text"]))


def sniff_jsonl(head: bytes, path: Path) -> bool:
    if Path(path).suffix.lower() in (".jsonl", ".ndjson"):
        return True
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"[") and b'"article"' not in head[:2048]:  # a JSON array of comment objects
        keys = set(re.findall(rb'"(\w+)"\s*:', head[:4096]))
        return bool({normal_name(k.decode()) for k in keys} & set(_ALIASES["text"])) and b'"kind"' not in head[:4096]
    if stripped.startswith(b"{") and _LIST_OF_OBJECTS.search(head):  # {"title": ..., "comments": [{...}]}
        keys = set(re.findall(rb'"(\w+)"\s*:', head[:8192]))
        return bool({normal_name(k.decode()) for k in keys} & set(_ALIASES["text"]))
    lines = [line for line in head.split(b"\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        first = json.loads(lines[0])
    except ValueError:
        return False
    return isinstance(first, dict) and "article" not in first and bool({normal_name(k) for k in first} & set(_ALIASES["text"]))


_SEP_LINE = re.compile(r'^\ufeff?"?sep=(.)"?\s*$', re.I)
_DELIMITERS = ",\t;|"  # in order of preference on a tie
_QUOTED = re.compile(r'"[^"]*"')


def _dialect(text: str, path: Path) -> type[csv.Dialect]:
    """Excel-style CSV with the delimiter the header row uses most, outside quotes.

    Not ``csv.Sniffer``: its regular expressions backtrack cubically over a run of quotes (a
    1 KB line took minutes). A header without any candidate delimiter is one column; a ``.tsv``
    file then defaults to tabs.
    """
    header = _QUOTED.sub("", text.split("\n", 1)[0])
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=counts.__getitem__)  # the first of the most frequent
    if not counts[best]:
        best = "\t" if Path(path).suffix.lower() == ".tsv" else ","
    return type("Detected", (csv.excel,), {"delimiter": best})


def parse_csv(path: Path, columns: Union[str, dict, None] = None, include_deleted: bool = False,
              **options) -> list[Thread]:
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, "CSV: file is empty")
    skipped = 0
    sep = _SEP_LINE.match(text.split("\n", 1)[0])
    if sep:  # Excel's "sep=;" line names the delimiter and is not the header
        text, skipped = text.split("\n", 1)[1] if "\n" in text else "", 1
        dialect = type("Declared", (csv.excel,), {"delimiter": sep.group(1)})
    else:
        dialect = _dialect(text, path)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        rows = [(reader.line_num + skipped, row) for row in reader]
    except csv.Error as exc:
        raise IngestError(path, f"CSV: line {reader.line_num + skipped}: {exc}") from None
    quote = getattr(dialect, "quotechar", '"') or '"'
    if rows and text.count(quote) % 2:  # doubled quotes keep the count even: a field never closed
        start = rows[-2][0] + 1 if len(rows) > 1 else 2
        raise IngestError(path, f"CSV: the quoted field of the row at line {start} is never closed (file cut short?)")
    if not rows:
        raise IngestError(path, "CSV: the table has a header but no rows")
    return _threads(path, reader.fieldnames or [], rows, columns, include_deleted, "CSV")


def parse_jsonl(path: Path, columns: Union[str, dict, None] = None, include_deleted: bool = False,
                **options) -> list[Thread]:
    rows, names = [], []
    text = read_text(path)
    if text.lstrip().startswith("["):  # a JSON array of comment objects rather than JSON Lines
        return _threads(path, *_json_array_rows(path, text), columns, include_deleted, "JSON")
    if text.lstrip().startswith("{"):  # one object holding the comment list ({"title": ..., "comments": [...]})
        found = _json_object_rows(text)
        if found is not None:
            names, rows, article = found
            return _threads(path, names, rows, columns, include_deleted, "JSON", article)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(path, f"JSON Lines: invalid JSON at line {lineno} column {exc.colno}: {exc.msg}") from None
        if not isinstance(row, dict):
            raise IngestError(path, f"JSON Lines: line {lineno} is not an object")
        for flat in _flatten_replies([row], None):
            names.extend(k for k in flat if k not in names)
            rows.append((lineno, flat))
    if not rows:
        raise IngestError(path, "JSON Lines: file is empty")
    return _threads(path, names, rows, columns, include_deleted, "JSON Lines")


def _json_array_rows(path: Path, text: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"JSON: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise IngestError(path, "JSON: expected an array of comment objects")
    return _named_rows(_flatten_replies(data, None))


def _json_object_rows(text: str):
    """(names, rows, article) of a JSON object whose comments sit in a list under ``comments``,
    ``data``, ``items``...; None when the text is not such an object (then it is JSON Lines)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    for key in _LIST_KEYS:
        items = data.get(key)
        if isinstance(items, list) and all(isinstance(i, dict) for i in items):
            break
    else:
        return None
    names, rows = _named_rows(_flatten_replies(items, None))
    flat = {normal_name(k): v for k, v in data.items() if not isinstance(v, (list, dict))}
    body = next((data[k] for k in ("article", "body", "content", "text", "article_text") if isinstance(data.get(k), str)), "")
    article = {"title": flat.get("title") or flat.get("headline"), "url": flat.get("url") or flat.get("link"),
               "text": body, "thread": flat.get("id") or flat.get("thread_id")}
    return names, rows, article


def _named_rows(rows: list[dict]):
    names: list[str] = []
    for row in rows:
        names.extend(k for k in row if k not in names)
    return names, [(n, row) for n, row in enumerate(rows, 1)]


def _flatten_replies(items: list, parent) -> list[dict]:
    """Comment objects in page order, replies nested under ``replies``/``children`` lifted out with
    their parent's id; nested objects flattened (``{"author": {"name": "Ada"}}`` -> author "Ada")."""
    out: list[dict] = []
    stack = [(item, parent) for item in reversed(items)]
    while stack:
        item, parent = stack.pop()
        if not isinstance(item, dict):
            continue
        replies = []
        row: dict = {}
        for key, value in item.items():
            if normal_name(key) in _REPLY_KEYS and isinstance(value, dict):  # {"comments": {"data": [...]}}
                value = next((value[k] for k in _LIST_KEYS if isinstance(value.get(k), list)), value)
            if normal_name(key) in _REPLY_KEYS and isinstance(value, list) and all(isinstance(v, dict) for v in value):
                replies = value
            elif isinstance(value, dict):
                row.update(_flatten_object(key, value))
            else:
                row[key] = value
        if parent is not None and not any(row.get(k) not in (None, "") for k in row
                                          if normal_name(k) in _ALIASES["parent"]):
            row["parent_id"] = parent
        ident = next((row[k] for k in row if normal_name(k) in _ALIASES["id"][:-1] and row[k] not in (None, "")), None)
        if replies and ident is None:
            ident = row["id"] = f"item{len(out) + 1}"
        out.append(row)
        stack.extend((reply, ident) for reply in reversed(replies))
    return out


def _flatten_object(key: str, value: dict) -> dict:
    """``author: {"name": "Ada", "id": 7}`` -> ``{"author": "Ada", "author_name": "Ada", "author_id": 7}``."""
    flat = {f"{key}_{sub}": v for sub, v in value.items() if not isinstance(v, (dict, list))}
    named = {normal_name(sub): v for sub, v in value.items() if not isinstance(v, (dict, list))}
    name = next((named[k] for k in _NAME_KEYS if named.get(k) not in (None, "")), None)
    if name is not None:
        flat[key] = name
    return flat


def parse_columns(spec: Union[str, dict, None]) -> dict:
    """``"text=body,parent=reply_to"`` -> ``{"text": "body", "parent": "reply_to"}`` (checked)."""
    if spec is None or spec == "":
        return {}
    if isinstance(spec, dict):
        mapping = dict(spec)
    else:
        mapping = {}
        for part in str(spec).split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise ValueError(f"column mapping {part!r} is not FIELD=COLUMN")
            field, column = (s.strip() for s in part.split("=", 1))
            mapping[field] = column
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)} in the column mapping (known: {', '.join(FIELDS)})")
    return mapping


def _resolve(path: Path, names: list[str], columns, what: str) -> dict:
    try:
        mapping = parse_columns(columns)
    except ValueError as exc:
        raise IngestError(path, f"{what}: {exc}") from None
    missing = [column for column in mapping.values() if column not in names]
    if missing:
        raise IngestError(path, f"{what}: no column named {', '.join(missing)} (columns: {', '.join(names)})")
    lowered: dict = {}
    for n in names:
        lowered.setdefault(normal_name(n), n)
    for field in FIELDS:
        if field not in mapping:
            found = next((lowered[a] for a in _ALIASES[field] if a in lowered and lowered[a] not in mapping.values()), None)
            if found is not None:
                mapping[field] = found
    if "text" not in mapping:
        raise IngestError(path, f"{what}: no text column (columns: {', '.join(names)}); name it with --columns text=COLUMN")
    return mapping


def _threads(path: Path, names, rows, columns, include_deleted: bool, what: str,
             article: Optional[dict] = None) -> list[Thread]:
    """``article``: title, url, text and thread id an enclosing JSON object gives every row."""
    if not rows:
        raise IngestError(path, f"{what}: no comments in the file")
    mapping = _resolve(path, names, columns, what)
    article = article or {}
    groups: dict[str, dict] = {}
    for n, (lineno, row) in enumerate(rows, 1):
        get = lambda field: _cell(row, mapping.get(field))  # noqa: E731 - a small local accessor
        key = get("thread") or (str(article["thread"]) if article.get("thread") is not None else Path(path).stem)
        group = groups.setdefault(key, {"article": None, "comments": [], "gone": set(),
                                        "title": _text_or_none(article.get("title")),
                                        "url": _text_or_none(article.get("url"))})
        group["title"] = group["title"] or get("title")
        text = _comment_text(get("text") or "")
        if (get("type") or "").lower() in _ARTICLE_TYPES:
            group["article"] = Post(id="article", text=text, author=get("author"), published=parse_date(get("time")))
            group["url"] = get("url")
            continue
        author = get("author")
        post = Post(id=get("id") or f"row{lineno}", author=None if author in _GONE else author, text=text,
                    published=parse_date(get("time")), parent_id=_parent(get("parent")))
        if not include_deleted and (text in _GONE or not text):
            group["gone"].add(post.id)
        group["comments"].append(post)
    threads = []
    for key, group in groups.items():
        _resolve_prefixed_parents(group["comments"])
        comments = parents_first(drop_posts(group["comments"], group["gone"]))
        assign_depths(comments)
        meta: dict = {"skipped_deleted": len(group["gone"])}
        if group["gone"]:
            meta["warnings"] = [f"skipped {len(group['gone'])} deleted or empty comment(s)"]
        body = html_fragment_text(article.get("text"), quotes=False) if article.get("text") else ""
        threads.append(Thread(id=str(key), title=group["title"], url=group["url"],
                              article=group["article"] or Post(id="article", text=body),
                              comments=comments, source=str(path), meta=meta))
    return threads


_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def _comment_text(value: str) -> str:
    """Exports often store the comment as the HTML the site showed: read it as such."""
    return html_fragment_text(value) if _TAG.search(value) else tidy(value)


_TYPE_PREFIX = re.compile(r"^t\d_")  # Reddit "fullnames": t1_ a comment, t3_ a submission


def _resolve_prefixed_parents(comments: list[Post]) -> None:
    """Reddit dumps (Pushshift and the like) give each comment its bare id but its parent as a
    fullname ("t1_k1a"): a parent not found as written is looked up without the prefix."""
    ids = {c.id for c in comments}
    for comment in comments:
        parent = comment.parent_id
        if parent is not None and parent not in ids and _TYPE_PREFIX.match(parent) and parent[3:] in ids:
            comment.parent_id = parent[3:]


def _text_or_none(value) -> Optional[str]:
    return None if value in (None, "") else str(value)


def _parent(value: Optional[str]) -> Optional[str]:
    return None if value in (None, "0", "-1") else value


def _cell(row: dict, column: Optional[str]) -> Optional[str]:
    if column is None:
        return None
    value = row.get(column)
    if value is None:
        return None
    value = str(value).strip()
    return value if value not in ("", "None", "null") else None
