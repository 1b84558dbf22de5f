"""The orchestrator: files -> Threads -> Analysis per thread.

Models are loaded once per process (``Analyzer``); files stream through one at a time, so a bad
file becomes a FileError record and the run goes on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from commentkit.errors import CommentkitError, IngestError
from commentkit.model import Analysis, FileError, Thread

# Files a corpus folder may hold that are not discussions.
_SKIP_NAMES = ("readme", "license", "licence", "copying", "notice")


@dataclass
class Options:
    """Everything a run can be told, resolved once and passed down."""

    stance_model: Optional[str] = None  # path; None = the shipped default
    tolerance: Optional[float] = None  # relative tolerance for 'agree'; None = the data-file default
    input_format: Optional[str] = None  # override format detection
    reader_options: dict = field(default_factory=dict)


def iter_files(paths: Iterable[Union[str, Path]]) -> Iterator[Union[Path, FileError]]:
    """Files under the given paths, recursively, in a stable order; problems as FileError."""
    seen_dirs: set = set()
    for root in paths:
        root = Path(root)
        if root.is_dir():
            yield from _walk(root, seen_dirs)
        elif root.exists():
            yield root
        else:
            yield FileError(str(root), "no such file or directory")


def _walk(folder: Path, seen_dirs: set) -> Iterator[Union[Path, FileError]]:
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        yield FileError(str(folder), f"cannot resolve folder: {exc}")
        return
    if real in seen_dirs:  # a symlink loop or a folder reached twice
        yield FileError(str(folder), "folder already visited (symlink loop?); skipped")
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield FileError(str(folder), exc.strerror or str(exc))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().startswith(_SKIP_NAMES):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield FileError(str(path), exc.strerror or str(exc))
            continue
        if is_dir:
            yield from _walk(path, seen_dirs)
        else:
            yield path


class Analyzer:
    """Holds the loaded models; call it on a Thread to get its Analysis."""

    def __init__(self, options: Optional[Options] = None):
        from commentkit.compare import Comparer
        from commentkit.nlp.pipeline import ClaimExtractor
        from commentkit.nlp.stance import load_stance_model

        self.options = options or Options()
        self.claims = ClaimExtractor()
        self.comparer = Comparer(tolerance=self.options.tolerance)
        self.stance_model = load_stance_model(self.options.stance_model)

    def __call__(self, thread: Thread) -> Analysis:
        from commentkit.nlp.sentiment import sentiment

        claims = self.claims.extract(thread.posts())
        verdicts, checks = self.comparer.compare(thread, claims)
        stances = self.stance_model.predict_stances(thread, verdicts)
        return Analysis(
            thread=thread,
            claims=claims,
            stances=stances,
            verdicts=verdicts,
            checks=checks,
            sentiment={p.id: sentiment(p.text) for p in thread.posts()},
            errors=list(thread.meta.get("warnings", [])),
        )

    def analyze_file(self, path: Path) -> Iterator[Union[Analysis, FileError]]:
        from commentkit.ingest import read_threads

        try:
            threads = read_threads(path, format=self.options.input_format, **self.options.reader_options)
        except IngestError as exc:
            yield FileError(exc.source, exc.reason)
            return
        for thread in threads:
            try:
                yield self(thread)
            except CommentkitError as exc:
                yield FileError(str(path), f"thread {thread.id}: {exc}")


def analyze(paths: Iterable[Union[str, Path]], options: Optional[Options] = None,
            analyzer: Optional[Analyzer] = None) -> Iterator[Union[Analysis, FileError]]:
    """Analyse every discussion under ``paths``; yields an Analysis per thread or a FileError."""
    analyzer = analyzer or Analyzer(options)
    for item in iter_files(paths):
        if isinstance(item, FileError):
            yield item
        else:
            yield from analyzer.analyze_file(item)
