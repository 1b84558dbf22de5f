"""Ingestion: files -> Threads. One module per format; this module holds the one registry.

Every reader module exposes ``parse(path, **options) -> list[Thread]`` and a cheap
``sniff(head: bytes, path: Path) -> bool``. ``read_threads`` picks the format (or takes the
one the user named), calls the reader and stamps ``Thread.format`` with the format it used.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable, Optional

from commentkit.errors import IngestError
from commentkit.model import Thread

SNIFF_BYTES = 64 * 1024


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


def detect_format(path: Path, head: Optional[bytes] = None) -> Format:
    path = Path(path)
    if head is None:
        head = _head(path)
    if not head.strip():
        raise IngestError(path, "file is empty")
    for fmt in FORMATS:
        if fmt.sniff(head, path):
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
    except IngestError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise IngestError(path, f"{fmt.name}: input too deeply nested or too large ({type(exc).__name__})") from None
    except Exception as exc:  # a reader bug must not take the corpus down; report it on one line
        raise IngestError(path, f"{fmt.name} reader failed: {type(exc).__name__}: {exc}") from exc
    for thread in threads:
        thread.format = fmt.name
        if thread.source is None:
            thread.source = str(path)
    return threads


def read(path, format: Optional[str] = None, **options) -> Thread:
    """Read a file holding one discussion. For exports of many threads use ``read_threads``."""
    threads = read_threads(path, format=format, **options)
    if len(threads) != 1:
        raise IngestError(path, f"holds {len(threads)} threads; use read_threads()")
    return threads[0]


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


__all__ = ["Format", "FORMATS", "formats", "detect_format", "read", "read_threads", "IngestError"]
