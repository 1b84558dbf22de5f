"""Ingestion: files -> Threads. One module per format; this module holds the one registry.

Every reader module exposes ``parse(path, **options) -> list[Thread]`` and a cheap
``sniff(head: bytes, path: Path) -> bool``. ``read_threads`` picks the format (or takes the
one the user named), calls the reader and stamps ``Thread.format`` with the format it used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import Optional

from commentkit.errors import IngestError
from commentkit.model import Post, Thread, writable_text

SNIFF_BYTES = 64 * 1024
MAX_REASON = 300  # characters of an error reason; readers may quote input back


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # commentkit.ingest.<module>
    description: str

    def _reader(self):
        return import_module(f"commentkit.ingest.{self.module}")

    def sniff(self, head: bytes, path: Path) -> bool:
        return self._reader().sniff(head, path)

    def parse(self, path: Path, **options) -> list[Thread]:
        return self._reader().parse(path, **options)


# Order matters: detection asks each format in turn; specific formats come before generic ones.
FORMATS: list[Format] = [
    Format("json", "own_json", "commentkit's own JSON (a Thread, a list of Threads, or the simple thread form)"),
    Format("disqus", "disqus", "a Disqus XML export (one thread per Disqus thread with posts)"),
    Format("wxr", "wxr", "a WordPress WXR export (one thread per post with comments)"),
    Format("reddit", "reddit", "a Reddit comment page as JSON ([submission listing, comment listing])"),
    Format("hn", "hackernews", "Hacker News items (an Algolia items/ID tree, or Firebase API items)"),
    Format("html", "html_page", "a saved HTML page (article through trafilatura, comments from the widget markup)"),
    Format("jsonl", "jsonl_rows", "JSON Lines (or a JSON array), one comment per object (column names: see --columns)"),
    Format("csv", "csv_rows", "a CSV/TSV table, one comment per row (column names: see --columns)"),
    Format("text", "plain_text", "a plain-text copy of a web page (select all, copy, paste)"),
]


def formats() -> dict[str, Format]:
    return {f.name: f for f in FORMATS}


# Files that are plainly something else, by their first bytes: a reason instead of a junk thread
# (a PDF passes for text) or "not a discussion" (an archive the user can unpack).
_SIGNATURES = (
    (b"\x1f\x8b", "a gzip-compressed file: decompress it first (gunzip)"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file: decompress it first (unzstd)"),
    (b"BZh", "a bzip2-compressed file: decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz-compressed file: decompress it first (unxz)"),
    (b"PK\x03\x04", "a zip archive (or an Office document): unpack it and point commentkit at what is inside"),
    (b"%PDF-", "a PDF document, not a discussion (save the page as HTML or copy its text)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document, not a discussion (export it as CSV)"),
)


def detect_format(path: Path, head: Optional[bytes] = None) -> Format:
    path = Path(path)
    if head is None:
        head = _head(path)
    if not head.strip():
        raise IngestError(path, "file is empty")
    for magic, reason in _SIGNATURES:
        if head.startswith(magic):
            raise IngestError(path, reason)
    for fmt in FORMATS:
        if _sniff_safely(fmt, head, path):
            return fmt
    raise IngestError(path, "not a discussion in any format commentkit reads")


def read_threads(path, format: Optional[str] = None, **options) -> list[Thread]:
    """Read a file into Threads. ``format`` overrides detection; errors are IngestError."""
    path = Path(path)
    if format is not None:
        try:
            fmt = formats()[format]
        except KeyError:
            raise IngestError(path, f"unknown format {format!r} (known: {', '.join(formats())})") from None
        _head(path)  # checks the file exists and is readable
    else:
        fmt = detect_format(path)
    try:
        threads = fmt.parse(path, **options)
    except IngestError as exc:
        if len(exc.reason) > MAX_REASON:  # a reader quoting a 50 MB line back at the user
            raise IngestError(exc.source, _shorten(exc.reason)) from None
        raise
    except (RecursionError, MemoryError) as exc:
        raise IngestError(path, f"{fmt.name}: input too deeply nested or too large ({type(exc).__name__})") from None
    except Exception as exc:  # a reader bug must not take the corpus down; report it on one line
        raise IngestError(path, _shorten(f"{fmt.name} reader failed: {type(exc).__name__}: {exc}")) from exc
    _check_shape(threads, path, fmt.name)
    if not threads:  # a file that adds nothing to a corpus must say so, not pass silently
        raise IngestError(path, f"{fmt.name}: no discussion in the file (no threads, no comments)")
    for thread in threads:
        thread.format = fmt.name
        if thread.source is None:
            thread.source = str(path)
        _replace_lone_surrogates(thread)
        _make_ids_unique(thread)
    return threads


def read(path, format: Optional[str] = None, **options) -> Thread:
    """Read a file holding one discussion. For exports of many threads use ``read_threads``."""
    threads = read_threads(path, format=format, **options)
    if len(threads) != 1:
        raise IngestError(path, f"holds {len(threads)} threads; use read_threads()")
    return threads[0]


def _check_shape(threads, path: Path, reader: str) -> None:
    """Later stages rely on these types; a file that slipped odd values past a reader (an id that is
    a number, comments that are null) is rejected here with a reason instead of crashing them."""
    if not isinstance(threads, list):
        raise IngestError(path, f"{reader} reader returned {type(threads).__name__}, not a list of threads")
    for n, thread in enumerate(threads, 1):
        problem = _thread_problem(thread)
        if problem:
            raise IngestError(path, f"thread {n}: {problem}")


def _thread_problem(thread) -> Optional[str]:
    if not isinstance(thread, Thread):
        return f"not a thread but {type(thread).__name__}"
    if not isinstance(thread.id, str):
        return f"id is {_kind(thread.id)}, not text"
    for name in ("title", "url"):
        if getattr(thread, name) is not None and not isinstance(getattr(thread, name), str):
            return f"{name} is {_kind(getattr(thread, name))}, not text"
    if not isinstance(thread.meta, dict):
        return f"meta is {_kind(thread.meta)}, not an object"
    if not isinstance(thread.comments, list):
        return f"comments are {_kind(thread.comments)}, not a list"
    for post in [thread.article, *thread.comments]:
        if not isinstance(post, Post):
            return f"a post is {_kind(post)}"
        for name, optional in (("id", False), ("text", False), ("author", True), ("parent_id", True)):
            value = getattr(post, name)
            if not (isinstance(value, str) or (optional and value is None)):
                return f"post {str(post.id)[:40]}: {name} is {_kind(value)}, not text"
        if not isinstance(post.depth, int) or isinstance(post.depth, bool):
            return f"post {post.id[:40]}: depth is {_kind(post.depth)}, not a number"
        if post.published is not None and not isinstance(post.published, datetime):
            return f"post {post.id[:40]}: published is {_kind(post.published)}, not a date"
    return None


def _replace_lone_surrogates(thread: Thread) -> None:
    """Characters no UTF-8 file can hold (see ``model.writable_text``) become U+FFFD in every text
    of the thread, counted in ``meta["replaced_characters"]``."""
    replaced = 0

    def fix(value, depth=0):
        nonlocal replaced
        if isinstance(value, str):
            value, n = writable_text(value)
            replaced += n
        elif isinstance(value, dict) and depth < 20:
            value = {fix(k, depth + 1): fix(v, depth + 1) for k, v in value.items()}
        elif isinstance(value, list) and depth < 20:
            value = [fix(v, depth + 1) for v in value]
        return value

    for post in thread.posts():
        for name in ("id", "text", "author", "parent_id"):
            setattr(post, name, fix(getattr(post, name)))
    for name in ("id", "title", "url", "source", "meta"):
        setattr(thread, name, fix(getattr(thread, name)))
    if replaced:
        thread.meta["replaced_characters"] = replaced


def _make_ids_unique(thread: Thread) -> None:
    """Later stages tell posts apart by id: a file that gives two posts the same id (an export
    joined from two pages, a scraper's counter restarting) would have their figures and stances
    merged in the report. A repeated id gets a suffix (``c1#2``); replies to it keep pointing at
    the first post of that id. Counted in ``meta["renamed_ids"]``."""
    seen = {thread.article.id}
    renamed = 0
    for comment in thread.comments:
        if comment.id in seen:
            n = 2
            while f"{comment.id}#{n}" in seen:
                n += 1
            comment.id = f"{comment.id}#{n}"
            renamed += 1
        seen.add(comment.id)
    if renamed:
        thread.meta["renamed_ids"] = renamed


def _kind(value) -> str:
    return "missing" if value is None else f"a {type(value).__name__}"


def _sniff_safely(fmt: Format, head: bytes, path: Path) -> bool:
    """A sniffer that trips over odd bytes only means 'not this format'; detection goes on."""
    try:
        return bool(fmt.sniff(head, path))
    except ImportError:  # a reader module missing from the install is a packaging bug: say so
        raise
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError, UnicodeError):
        return False


def _shorten(reason: str) -> str:
    reason = " ".join(reason.split())
    return reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


__all__ = ["Format", "FORMATS", "formats", "detect_format", "read", "read_threads", "IngestError"]
