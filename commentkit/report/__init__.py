"""Reports: Markdown (default, to a stream), JSON (JSONL, or one file per thread), HTML (one
self-contained page per thread plus an index). Every reporter streams: ``add`` writes the thread
at once, ``close`` writes the corpus summary or index, so memory does not grow with the corpus.

    reporter = open_reporter("md", out_dir=None, stream=sys.stdout)
    for item in analyze(paths): reporter.fail(item) if isinstance(item, FileError) else reporter.add(item)
    reporter.close()
"""
from __future__ import annotations

from typing import Optional, TextIO

from commentkit.errors import CommentkitError
from commentkit.model import Analysis, FileError
from commentkit.report.common import Summary

FORMATS = ("md", "json", "html")


class Reporter:
    """Base class: keeps the corpus summary; formats override ``_add``, ``_fail``, ``_close``."""

    def __init__(self, stream: Optional[TextIO] = None, out_dir: Optional[str] = None):
        self.stream = stream
        self.out_dir = out_dir
        self.summary = Summary()
        self.closed = False

    def add(self, analysis: Analysis) -> None:
        self.summary.add(analysis)
        self._add(analysis)

    def fail(self, error: FileError) -> None:
        self.summary.fail(error)
        self._fail(error)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _add(self, analysis: Analysis) -> None:
        raise NotImplementedError

    def _fail(self, error: FileError) -> None:
        """Failures show in the summary written at close."""

    def _close(self) -> None:
        """Nothing more to write."""


def open_reporter(fmt: str, out_dir: Optional[str] = None, stream: Optional[TextIO] = None) -> Reporter:
    """The reporter for ``fmt`` ('md', 'json' or 'html'); html needs ``out_dir``."""
    if fmt == "md":
        from commentkit.report.markdown import MarkdownReporter
        return MarkdownReporter(stream=stream, out_dir=out_dir)
    if fmt == "json":
        from commentkit.report.json import JsonReporter
        return JsonReporter(stream=stream, out_dir=out_dir)
    if fmt == "html":
        from commentkit.report.html import HtmlReporter
        if not out_dir:
            raise CommentkitError("the html report needs an output folder (--out DIR)")
        return HtmlReporter(stream=stream, out_dir=out_dir)
    raise CommentkitError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
