"""Where analyze's time goes: seconds per stage, in one process, on a sample of the speed corpus.

The stages are the real ones, wrapped in timers and injected through ``Analyzer(claims=...,
comparer=..., stance_model=...)``; reading is timed around ``read_threads``; sentiment and the
rest of ``Analyzer.__call__`` is what remains.

    python benchmarks/stage_times.py --every 5     # every 5th thread of the speed corpus
"""
from __future__ import annotations

import sys

if sys.path and sys.path[0] == __import__("os").path.dirname(__import__("os").path.abspath(__file__)):
    sys.path.pop(0)  # keep sibling benchmark modules (numbers.py) from shadowing the standard library

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import speed  # noqa: E402  (the corpus builder)


class Timed:
    """Forwards one method to a stage and adds its wall time to ``totals[name]``."""

    def __init__(self, stage, method: str, name: str, totals: dict):
        self._stage, self._method, self._name, self._totals = stage, method, name, totals

    def __getattr__(self, attr):
        target = getattr(self._stage, attr)
        if attr != self._method:
            return target

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return target(*args, **kwargs)
            finally:
                self._totals[self._name] += time.perf_counter() - start
        return timed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=5, help="take every Nth thread (default 5)")
    args = parser.parse_args(argv)

    from commentkit.analyze import Analyzer, Options
    from commentkit.ingest import read_threads
    from commentkit.errors import CommentkitError

    threads = speed.build_corpus(speed.SHARED, 1.0)[:: args.every]
    totals: dict = defaultdict(float)
    start = time.perf_counter()
    real = Analyzer(Options())
    totals["load models"] = time.perf_counter() - start
    analyzer = Analyzer(Options(), claims=Timed(real.claims, "extract", "claims", totals),
                        comparer=Timed(real.comparer, "compare", "compare", totals),
                        stance_model=Timed(real.stance_model, "predict_stances", "stance", totals))
    with tempfile.TemporaryDirectory() as tmp:
        speed.write_corpus(threads, Path(tmp), 1)
        files = sorted(Path(tmp).rglob("*.json"))
        words = speed.count_words(speed.corpus_texts(Path(tmp)))
        run_start = time.perf_counter()
        for path in files:
            t = time.perf_counter()
            try:
                parsed = read_threads(path)
            except CommentkitError:
                continue
            totals["read"] += time.perf_counter() - t
            t = time.perf_counter()
            for thread in parsed:
                try:
                    analyzer(thread)
                except Exception:  # a stage bug on one thread: the orchestrator reports it; skip here
                    pass
            totals["analyse (all stages)"] += time.perf_counter() - t
        run = time.perf_counter() - run_start
    staged = totals["claims"] + totals["compare"] + totals["stance"]
    totals["sentiment and the rest"] = totals["analyse (all stages)"] - staged
    print(f"{len(files)} threads, {words:,} words, {run:.1f} s after loading: {words / run:,.0f} words/s on one process\n")
    print("| stage | seconds | share of analysis | words/s if it were the only stage |")
    print("|---|---:|---:|---:|")
    for name in ("read", "claims", "compare", "stance", "sentiment and the rest"):
        share = totals[name] / run
        print(f"| {name} | {totals[name]:.1f} | {share:.0%} | {words / max(totals[name], 1e-9):,.0f} |")
    print(f"| (load models, once per process) | {totals['load models']:.1f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
