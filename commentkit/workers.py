"""Running files through the analyzer, in this process or in worker processes, in input order.

Each worker process builds its analyzer once (models load once per process) and then takes files
over a pipe, one after the other, sending back each thread's Analysis as soon as it is done. Each
worker has its next file waiting in the pipe while it works, so it never idles while the parent is
busy writing a report. The parent
hands out files, enforces the per-file time limit (a worker that stays silent longer than the limit
is killed and replaced, the file is reported as timed out), notices workers that die, and yields
results strictly in input order, so the output does not depend on the number of jobs. At most a
few files per worker are in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from commentkit import errors
from commentkit.errors import CommentkitError
from commentkit.model import FileError

FILES_IN_FLIGHT_PER_JOB = 4
TASKS_PER_WORKER = 2  # the file being analysed and the next one, waiting in the pipe
# Imported once in the fork server, so each worker starts with them in memory.
# (Not scikit-learn, skops or NLTK: the analysis never imports them; see nlp/stance_predictor.py.)
_PRELOAD = ["commentkit.analyze", "spacy", "commentkit.nlp.pipeline", "commentkit.nlp.sentiment",
            "commentkit.nlp.stance_predictor", "commentkit.nlp.model_io", "commentkit.compare"]


@dataclass
class Unit:
    """One input file on its way through a run."""

    source: str
    path: Optional[Path] = None  # None when there is nothing to analyse
    cache_key: Optional[str] = None
    ready: Optional[Iterable] = None  # items known without analysis: a FileError, a cache hit


@dataclass
class _Slot:
    unit: Unit
    items: deque = field(default_factory=deque)  # produced, not yet yielded
    received: int = 0  # items produced so far
    done: bool = False
    writer: object = None  # a cache entry being written, or None


def run_in_order(units: Iterable[Unit], options, make_analyzer: Callable, *, work: Optional[Callable] = None,
                 cache=None, on_file_done: Optional[Callable[[str], None]] = None) -> Iterator:
    """Yield every unit's items in unit order. ``work(path)`` analyses in this process;
    without it, ``options.jobs`` worker processes built with ``make_analyzer(options)`` do."""
    if work is not None:
        for unit in units:
            if unit.ready is not None:
                yield from unit.ready
            else:
                yield from _analyse_here(unit, work, cache)
            if on_file_done:
                on_file_done(unit.source)
        return
    pool = _Pool(options, make_analyzer)
    try:
        yield from pool.run(units, cache, on_file_done)
    finally:
        pool.stop()


def _analyse_here(unit: Unit, work: Callable, cache) -> Iterator:
    writer = cache.writer(unit.cache_key) if cache and unit.cache_key else None
    try:
        for item in work(unit.path):
            if writer:
                writer.add(item)
            yield item
    except BaseException:  # Ctrl-C or the consumer stopped: no half-written cache entry
        if writer:
            writer.discard()
        raise
    if writer:
        writer.commit()


class _Worker:
    def __init__(self, ctx, options, make_analyzer):
        self.conn, child_conn = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child_conn, make_analyzer, options),
                                name="commentkit-worker", daemon=True)
        self.proc.start()
        child_conn.close()
        self.ready = False
        self.gone = False  # a send found its pipe closed: it died, and _receive will hear of it
        self.tasks: deque[int] = deque()  # indexes of the units sent to it; the first is in work
        self.deadline: Optional[float] = None  # for the first task

    def assign(self, index: int, path: Path, timeout: Optional[float]) -> bool:
        """Send it a file; False if it has died since the parent last heard from it."""
        try:
            self.conn.send((index, str(path)))
        except OSError:  # BrokenPipeError: its death is read from its pipe and sentinel next
            self.gone = True
            return False
        self.tasks.append(index)
        if len(self.tasks) == 1:
            self.deadline = time.monotonic() + timeout if timeout else None
        return True

    def finished(self, timeout: Optional[float]):
        """The first task is done; the clock starts for the next one, already in the pipe."""
        self.tasks.popleft()
        self.deadline = time.monotonic() + timeout if timeout and self.tasks else None

    def kill(self):
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


class _Pool:
    def __init__(self, options, make_analyzer):
        self.options = options
        self.make_analyzer = make_analyzer
        self.jobs = max(1, options.jobs)
        self.timeout = options.timeout or None
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.todo: deque[int] = deque()  # indexes of units waiting for a worker

    def run(self, units: Iterable[Unit], cache, on_file_done) -> Iterator:
        slots: dict[int, _Slot] = {}
        try:
            yield from self._run(slots, units, cache, on_file_done)
        finally:  # Ctrl-C, an error, or a consumer that stopped: no half-written cache entries
            for slot in slots.values():
                if slot.writer and not slot.done:
                    slot.writer.discard()

    def _run(self, slots: dict, units: Iterable[Unit], cache, on_file_done) -> Iterator:
        todo = self.todo
        unit_iter = enumerate(units)
        next_index = head = 0
        exhausted = False
        window = self.jobs * FILES_IN_FLIGHT_PER_JOB
        while True:
            while not exhausted and next_index - head < window:
                try:
                    index, unit = next(unit_iter)
                except StopIteration:
                    exhausted = True
                    break
                slot = slots[index] = _Slot(unit)
                next_index = index + 1
                if unit.ready is not None:
                    slot.items.extend(unit.ready)
                    slot.done = True
                else:
                    slot.writer = cache.writer(unit.cache_key) if cache and unit.cache_key else None
                    todo.append(index)
            self._hand_out(slots)
            while head in slots:  # emit everything the head file has produced so far
                slot = slots[head]
                while slot.items:
                    yield slot.items.popleft()
                if not slot.done:
                    break
                del slots[head]
                head += 1
                if on_file_done:
                    on_file_done(slot.unit.source)
            if exhausted and not slots:
                return
            if head in slots or todo or self._busy():
                self._receive(slots)

    def _hand_out(self, slots: dict):
        todo = self.todo
        while todo and len(self.workers) < self.jobs and len(self.workers) < len(todo) + self._busy():
            self.workers.append(_Worker(self.ctx, self.options, self.make_analyzer))
        for depth in range(1, TASKS_PER_WORKER + 1):  # every idle worker gets work before any gets a second file
            for worker in self.workers:
                if todo and worker.ready and not worker.gone and len(worker.tasks) < depth:
                    index = todo.popleft()
                    if not worker.assign(index, slots[index].unit.path, self.timeout):
                        todo.appendleft(index)  # for the worker that replaces it

    def _busy(self) -> int:
        return sum(1 for w in self.workers if w.tasks)

    def _receive(self, slots: dict):
        """Wait for a message, a dead worker, or the nearest deadline, and act on it."""
        deadlines = [w.deadline for w in self.workers if w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        ready = set(wait(handles, timeout=wait_for))
        for worker in list(self.workers):
            if worker.conn in ready:
                self._read(worker, slots)
            elif worker.proc.sentinel in ready:
                self._lost(worker, slots, f"worker process died (exit code {worker.proc.exitcode})")
            elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                self._lost(worker, slots, f"timed out after {self.timeout:g} s")

    def _read(self, worker: _Worker, slots: dict):
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.proc.join(timeout=5)
            self._lost(worker, slots, f"worker process died (exit code {worker.proc.exitcode})")
            return
        kind = message[0]
        if kind == "ready":
            worker.ready = True
        elif kind == "init-error":
            raise _init_error(message[1], message[2])
        elif kind == "item":
            slot = slots[message[1]]
            slot.items.append(message[2])
            slot.received += 1
            if slot.writer:
                slot.writer.add(message[2])
            if self.timeout:
                worker.deadline = time.monotonic() + self.timeout
        elif kind == "done":
            slot = slots[message[1]]
            slot.done = True
            if slot.writer:
                slot.writer.commit()
            worker.finished(self.timeout)

    def _lost(self, worker: _Worker, slots: dict, reason: str):
        """A worker timed out or died: report its file, start a fresh worker in its place."""
        worker.kill()
        self.workers.remove(worker)
        if not worker.tasks:
            if not worker.ready:
                raise CommentkitError(f"a worker process could not start ({reason})")
            return
        self.todo.extendleft(reversed(list(worker.tasks)[1:]))  # files it had not started go to another worker
        slot = slots[worker.tasks[0]]
        # Threads already analysed stay in the output; the rest of the file is reported as failed.
        suffix = f" after {slot.received} thread(s)" if slot.received else ""
        slot.items.append(FileError(slot.unit.source, reason + suffix))
        slot.done = True
        if slot.writer:  # a timeout depends on the machine: never cache it
            slot.writer.discard()

    def stop(self):
        """Ask idle workers to leave; kill the rest (Ctrl-C, an error, or a consumer that stopped)."""
        for worker in self.workers:
            if not worker.tasks and worker.proc.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            if not worker.tasks:
                worker.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            worker.kill()
        self.workers.clear()


def _init_error(kind: str, message: str) -> CommentkitError:
    cls = getattr(errors, kind, None)
    if isinstance(cls, type) and issubclass(cls, CommentkitError) and cls is not errors.IngestError:
        return cls(message)
    return CommentkitError(f"could not load the models: {message}")


def _context():
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")  # a clean single-threaded parent for workers
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn, make_analyzer, options):
    """A worker process: build the analyzer once, then analyse files until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        analyzer = make_analyzer(options)
    except CommentkitError as exc:
        conn.send(("init-error", type(exc).__name__, str(exc)))
        return
    except Exception as exc:  # e.g. a missing package: tell the parent in one line
        conn.send(("init-error", "Exception", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent has gone
            return
        if task is None:
            return
        index, path = task
        try:
            for item in analyzer.analyze_file(Path(path)):
                conn.send(("item", index, item))
        except Exception as exc:  # analyze_file catches stage errors; this is the last line of defence
            conn.send(("item", index, FileError(path, f"internal error: {type(exc).__name__}: {exc}")))
        conn.send(("done", index))
