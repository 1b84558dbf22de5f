"""The orchestrator: files -> Threads -> Analysis per thread.

Models are loaded once per process (``Analyzer``); files stream through one at a time, so a bad
file becomes a FileError record and the run goes on. With ``jobs > 1`` or a ``timeout`` the files
are spread over worker processes (``commentkit.workers``), each loading the models once; results
come back in input order, so the output is the same for any number of jobs. With a ``cache_dir``
a file whose content and options are unchanged is read back instead of analysed again.
"""
from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from commentkit.errors import CommentkitError, IngestError
from commentkit.model import Analysis, FileError, Thread

CACHE_TAG = "CACHEDIR.TAG"
# Written into every report folder (--out): a report written under the input folder is not read
# back as input, in this run or the next.
REPORT_TAG = ".commentkit-report"
# Files a corpus folder may hold that are not discussions.
_SKIP_NAMES = ("readme", "license", "licence", "copying", "notice")
# What a browser's "Save page as… (complete)" puts in the page's "_files" folder next to it:
# scripts, styles, images, fonts, media. Skipped when a folder is walked (read when named).
_SKIP_SUFFIXES = (
    ".js", ".mjs", ".css", ".map", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp",
    ".tif", ".tiff", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp4", ".webm", ".mp3", ".ogg", ".wav", ".wasm",
    ".swf", ".download",
)

Item = Union[Analysis, FileError]


@dataclass
class Options:
    """Everything a run can be told, resolved once and passed down."""

    stance_model: Optional[str] = None  # path; None = the shipped default
    tolerance: Optional[float] = None  # relative tolerance for 'agree'; None = the data-file default
    input_format: Optional[str] = None  # override format detection
    reader_options: dict = field(default_factory=dict)
    # How the run is carried out; these never change a result, so the cache ignores them.
    jobs: int = 1  # worker processes; 1 with no timeout = analyse in this process
    timeout: Optional[float] = None  # seconds a file (or one of its threads) may take; None = no limit
    cache_dir: Optional[str] = None  # reuse results of unchanged files from this folder


RUN_ONLY_OPTIONS = ("jobs", "timeout", "cache_dir")
"""Options fields that decide how a run is carried out, not what it finds."""


def result_options(options: Options) -> dict:
    """The options that can change a result (what the cache keys on)."""
    return {k: v for k, v in dataclasses.asdict(options).items() if k not in RUN_ONLY_OPTIONS}


def iter_files(paths: Iterable[Union[str, Path]]) -> Iterator[Union[Path, FileError]]:
    """Files under the given paths, recursively, in a stable order; problems as FileError."""
    seen_dirs: set = set()
    for root in paths:
        root = Path(root)
        if root.is_dir():
            yield from _walk(root, seen_dirs, top=True)
        elif root.exists():
            yield _regular_file(root)
        elif root.is_symlink():
            yield FileError(str(root), "broken symbolic link")
        else:
            yield FileError(str(root), "no such file or directory")


def _regular_file(path: Path) -> Union[Path, FileError]:
    """The path itself, or a FileError for things that only look like files (a FIFO would block)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return FileError(str(path), exc.strerror or str(exc))
    if not stat.S_ISREG(mode):
        return FileError(str(path), "not a regular file (device, socket or pipe); skipped")
    return path


def _walk(folder: Path, seen_dirs: set, top: bool = False) -> Iterator[Union[Path, FileError]]:
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        yield FileError(str(folder), f"cannot resolve folder: {exc}")
        return
    if real in seen_dirs:  # a symlink loop or a folder reached twice
        yield FileError(str(folder), "folder already visited (symlink loop?); skipped")
        return
    seen_dirs.add(real)
    if (folder / CACHE_TAG).exists():  # a commentkit cache (or any tagged cache) is not input
        return
    if not top and (folder / REPORT_TAG).exists():  # reports found on the way (named on purpose: read)
        return
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield FileError(str(folder), exc.strerror or str(exc))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().startswith(_SKIP_NAMES):
            continue
        if entry.name.lower().endswith(_SKIP_SUFFIXES) and not entry.is_dir():
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield FileError(str(path), exc.strerror or str(exc))
            continue
        if is_dir:
            yield from _walk(path, seen_dirs)
        elif entry.is_symlink() and not path.exists():
            yield FileError(str(path), "broken or looping symbolic link")
        else:
            yield _regular_file(path)


class Analyzer:
    """Holds the loaded models; call it on a Thread to get its Analysis.

    The stages can be passed in (tests, or a caller that already holds a loaded model);
    the ones not given are built from ``options``.
    """

    def __init__(self, options: Optional[Options] = None, *, claims=None, comparer=None, stance_model=None):
        self.options = options or Options()
        if claims is None:
            from commentkit.nlp.pipeline import ClaimExtractor

            claims = ClaimExtractor()
        if comparer is None:
            from commentkit.compare import Comparer

            comparer = Comparer(tolerance=self.options.tolerance)
        if stance_model is None:
            from commentkit.nlp.stance_predictor import load_stance_model

            stance_model = load_stance_model(self.options.stance_model)
        from commentkit.nlp.sentiment import load_sentiment

        load_sentiment()  # now, so a broken TextBlob install stops the run once, with its reason
        self.claims = claims
        self.comparer = comparer
        self.stance_model = stance_model

    def __call__(self, thread: Thread) -> Analysis:
        from commentkit.nlp.sentiment import sentiment

        from commentkit.quotes import own_claims
        from commentkit.thread_context import settle_units

        # A figure a commenter only quoted (a "> " line) is not their claim: not listed, not judged.
        claims = settle_units(own_claims(thread, self.claims.extract(thread.posts())), thread.article.id)
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

    def analyze_file(self, path: Path) -> Iterator[Item]:
        from commentkit.ingest import read_threads

        try:
            threads = read_threads(path, format=self.options.input_format, **self.options.reader_options)
        except IngestError as exc:
            yield FileError(exc.source, exc.reason)
            return
        except Exception as exc:  # read_threads wraps reader errors; this is the last line of defence
            yield FileError(str(path), f"internal error: {type(exc).__name__}: {_one_line(exc)}")
            return
        for thread in threads:
            try:
                yield self(thread)
            except CommentkitError as exc:
                yield FileError(str(path), f"thread {thread.id}: {_one_line(exc)}")
            except (RecursionError, MemoryError) as exc:
                yield FileError(str(path), f"thread {thread.id}: too large or too deeply nested ({type(exc).__name__})")
            except Exception as exc:  # a stage bug on one odd thread must not take the corpus down
                yield FileError(str(path), f"thread {thread.id}: internal error: {type(exc).__name__}: {_one_line(exc)}")


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


AnalyzerFactory = Callable[[Options], Analyzer]


def analyze(paths: Iterable[Union[str, Path]], options: Optional[Options] = None,
            analyzer: Optional[Analyzer] = None, *, make_analyzer: AnalyzerFactory = Analyzer,
            on_file_done: Optional[Callable[[str], None]] = None) -> Iterator[Item]:
    """Analyse every discussion under ``paths``; yields an Analysis per thread or a FileError.

    Items come in input order (files sorted within each folder) whatever ``options.jobs`` is.
    ``analyzer`` is used when the run stays in this process; worker processes build their own
    with ``make_analyzer(options)`` (it must be picklable: a module-level function or class).
    ``on_file_done(source)`` is called once per input file after its last item.
    Raises CommentkitError (e.g. ModelError) when the models cannot be loaded.
    """
    from commentkit.cache import ResultCache
    from commentkit.workers import Unit, run_in_order

    options = options or Options()
    cache = ResultCache.open(options.cache_dir, options) if options.cache_dir else None
    in_process = options.jobs <= 1 and not options.timeout

    def units() -> Iterator[Unit]:
        for item in iter_files(paths):
            if isinstance(item, FileError):
                yield Unit(source=item.source, ready=[item])
                continue
            key = cache.key(item) if cache else None
            cached = cache.get(key) if key else None
            yield Unit(source=str(item), path=item, cache_key=key, ready=cached)

    if in_process:
        analyzer = analyzer or make_analyzer(options)
        work = analyzer.analyze_file
    else:
        work = None
    yield from run_in_order(units(), options, make_analyzer, work=work, cache=cache, on_file_done=on_file_done)
