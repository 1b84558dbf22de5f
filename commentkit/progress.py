"""Run statistics, the progress bar and the summary line of ``commentkit analyze`` (CLI only).

The bar (files, comments and claims per second) is drawn on stderr through rich, and only when
stderr is a terminal and no CI system is detected: pipes and logs get the summary line alone.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Optional, TextIO

from commentkit.model import Analysis, FileError

SUMMARY_LISTS_AT_MOST = 20  # failed files named in the summary line; the rest are counted
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD")


@dataclass
class RunStats:
    files: int = 0
    threads: int = 0
    comments: int = 0
    claims: int = 0
    failed: list = field(default_factory=list)  # FileError records, in input order
    started: float = field(default_factory=time.monotonic)

    def add(self, item) -> None:
        if isinstance(item, FileError):
            self.failed.append(item)
        elif isinstance(item, Analysis):
            self.threads += 1
            self.comments += len(item.thread.comments)
            self.claims += len(item.claims)

    def file_done(self, source: str) -> None:
        self.files += 1

    @property
    def failed_files(self) -> int:
        return len({e.source for e in self.failed})

    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-9)

    def summary_line(self) -> str:
        """One line: what was done, how fast, and every failed file with its reason."""
        seconds = self.elapsed()
        line = (f"{self.files} file(s), {self.threads} thread(s), {self.comments} comment(s), "
                f"{self.claims} claim(s) in {seconds:.1f} s")
        if not self.failed:
            return f"done: {line}; no failures"
        shown = "; ".join(str(e) for e in self.failed[:SUMMARY_LISTS_AT_MOST])
        more = len(self.failed) - SUMMARY_LISTS_AT_MOST
        if more > 0:
            shown += f"; … and {more} more (listed above)"
        return f"done with failures: {line}; {self.failed_files} file(s) failed: {shown}"


def wants_progress_bar(stream: TextIO, environ: Optional[dict] = None) -> bool:
    """A live bar only for a person watching a terminal."""
    environ = os.environ if environ is None else environ
    if any(environ.get(name) for name in _CI_VARIABLES) or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressBar:
    """A rich progress bar fed from RunStats; ``note`` prints a line above it."""

    def __init__(self, stream: TextIO, total_files: Optional[int]):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(file=stream)
        self.progress = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[rates]}"), TimeElapsedColumn(),
            console=self.console, transient=True,
        )
        self.task = self.progress.add_task("analyse", total=total_files, rates="")

    def __enter__(self) -> "ProgressBar":
        self.progress.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.progress.stop()

    def update(self, stats: RunStats) -> None:
        seconds = stats.elapsed()
        rates = (f"{stats.files / seconds:.1f} files/s · {stats.comments / seconds:.0f} comments/s · "
                 f"{stats.claims / seconds:.0f} claims/s")
        self.progress.update(self.task, completed=stats.files, rates=rates)

    def note(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)
