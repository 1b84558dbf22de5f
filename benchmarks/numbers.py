"""Score numeric-claim extraction on the dev suites and compare with quantulum3.

Runs ``python -m commentkit claims --jsonl`` (fast path, and ``--full`` for the full-pipeline
path) and, when a Python with quantulum3 is given, quantulum3 with its classifier OFF (its
bundled classifier does not load with current scikit-learn). Scores with the team's rule
(../shared/data/numbers/README.md) and prints a Markdown table: precision, recall, F1, value
accuracy, unit accuracy, value+unit F1 and texts/s, plus the throughput ratio.

Throughput is measured on each suite repeated ``--repeat`` times in one process per tool, so model
loading (spaCy ~1 s, quantulum3 ~1 s) is amortised as it is on a real corpus. Wall-clock texts/s
depends on what else the machine runs; texts per CPU-second (the child process's user + system
time) is the steadier figure on a shared machine, and the ratio is given for both.

    python benchmarks/numbers.py --quantulum-python /work/venv-numbers/bin/python
"""
from __future__ import annotations

import os
import sys

# Run as a script, this file's folder comes first on sys.path, and this file's name shadows the
# standard library's 'numbers' module that numpy (so spaCy) imports: take the folder off the path.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_DATA = next((p / "shared" / "data" / "numbers" for p in REPO.parents
                     if (p / "shared" / "data" / "numbers").is_dir()), REPO.parent / "shared" / "data" / "numbers")
SUITES = ("newsquant_dev", "quantulum3", "msrt_number")

_QUANTULUM_RUNNER = r"""
import json, sys, warnings
warnings.filterwarnings("ignore")
import quantulum3.classifier as clf
clf.USE_CLF = False  # the bundled classifier does not load with current scikit-learn
from quantulum3 import parser
for line in sys.stdin:
    rec = json.loads(line)
    out = []
    for q in parser.parse(rec["text"]):
        unit = q.unit
        code = getattr(unit, "currency_code", None)
        name = code or unit.name
        if unit.entity.name == "dimensionless":
            name = "count"
        elif unit.name in ("percentage", "percent"):
            name = "percent"
        lo = hi = None
        if q.uncertainty:
            lo, hi = q.value - q.uncertainty, q.value + q.uncertainty
        out.append({"surface": q.surface, "value": q.value, "low": lo, "high": hi, "unit": name,
                    "start": q.span[0], "end": q.span[1]})
    print(json.dumps({"id": rec["id"], "claims": out}))
"""

_SPELLING = {"metre": "meter", "litre": "liter", "kilometre": "kilometer", "centimetre": "centimeter",
             "millimetre": "millimeter", "dollar": "USD", "united states dollar": "USD", "euro": "EUR",
             "pound sterling": "GBP", "$": "USD", "percentage": "percent"}


def head_unit(unit: str | None) -> str:
    """The unit compared by the value+unit score: 'USD per month' -> 'USD', spelling unified."""
    head = (unit or "count").split(" per ")[0].strip().lower()
    for british, american in _SPELLING.items():
        head = head.replace(british, american.lower()) if len(british) > 2 else head
    return _SPELLING.get(head, head).lower()


def _close(a, b) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _values(item: dict, expected: bool) -> list:
    vals = [item.get("value"), item.get("low"), item.get("high")]
    if expected:
        vals += list(item.get("values") or [])
    return [v for v in vals if isinstance(v, (int, float))]


def score(gold: list[dict], predicted: dict) -> dict:
    """Counts for one suite: gold rows with 'expected', predicted id -> list of claim dicts."""
    tp = fp = fn = value_exact = unit_ok = 0
    for row in gold:
        preds = predicted.get(row["id"], [])
        expected = row["expected"]
        used: set = set()
        for pred in preds:
            pv = _values(pred, False)
            hit = None
            for strict in (True, False):  # prefer the expected item whose value is the predicted value
                for k, exp in enumerate(expected):
                    if k in used:
                        continue
                    ev = [exp["value"]] if strict else _values(exp, True)
                    cand = [pred["value"]] if strict else pv
                    if any(_close(a, b) for a in cand for b in ev):
                        hit = k
                        break
                if hit is not None:
                    break
            if hit is None:
                fp += 1
                continue
            used.add(hit)
            tp += 1
            value_exact += _close(pred["value"], expected[hit]["value"])
            unit_ok += head_unit(pred.get("unit")) == head_unit(expected[hit].get("unit"))
        fn += len(expected) - len(used)
    return {"tp": tp, "fp": fp, "fn": fn, "value_exact": value_exact, "unit_ok": unit_ok}


def metrics(c: dict) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    pu = c["unit_ok"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    ru = c["unit_ok"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    fu = 2 * pu * ru / (pu + ru) if pu + ru else 0.0
    return {"P": p, "R": r, "F1": f, "value_acc": c["value_exact"] / c["tp"] if c["tp"] else 0.0,
            "unit_acc": c["unit_ok"] / c["tp"] if c["tp"] else 0.0, "VU_F1": fu}


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], input_path: Path, cwd: Path) -> tuple[dict, tuple[float, float], int]:
    """Run one extractor on a JSONL file: (predictions by id, (wall s, CPU s), output lines)."""
    start, cpu = time.perf_counter(), _cpu_children()
    with open(input_path, encoding="utf-8") as handle:
        proc = subprocess.run(cmd, stdin=handle, capture_output=True, text=True, cwd=cwd,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    elapsed = (time.perf_counter() - start, _cpu_children() - cpu)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])} failed: {proc.stderr.strip()[-500:]}")
    out = {}
    lines = 0
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        out.setdefault(rec["id"], rec["claims"])
        lines += 1
    return out, elapsed, lines


def comment_speed(path: Path, limit: int) -> None:
    """Words/s of claim extraction on reader comments: fast path vs full path vs a naive full spaCy pass."""
    import spacy

    from commentkit.nlp.pipeline import DEFAULT_MODEL, NUMBER_LIKE, ClaimExtractor
    from commentkit.nlp.sentences import split_sentences

    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")][:limit]
    words = sum(len(t.split()) for t in texts)
    sentences = [t[a:b] for t in texts for a, b in split_sentences(t)]
    share = sum(1 for s in sentences if NUMBER_LIKE.search(s)) / max(1, len(sentences))
    runs = {}
    naive = spacy.load(DEFAULT_MODEL)
    runs["naive: full en_core_web_sm over every comment"] = lambda: list(naive.pipe(texts, batch_size=64))
    fast, full = ClaimExtractor(), ClaimExtractor(fast=False)
    runs["commentkit claims, full path (tagger+parser, whole texts)"] = lambda: full.extract_texts(texts)
    runs["commentkit claims, fast path"] = lambda: fast.extract_texts(texts)
    print(f"\nReader comments: {len(texts)} from {path.parent.name}/{path.name}, {words} words; "
          f"{share:.0%} of {len(sentences)} sentences hold something number-like\n")
    print("| run | words/s | words/CPU-s |")
    print("|---|---|---|")
    base = None
    for name, run in runs.items():
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        base = base or (words / wall, words / cpu)
        print(f"| {name} | {words / wall:,.0f} ({words / wall / base[0]:.1f}x) | {words / cpu:,.0f} "
              f"({words / cpu / base[1]:.1f}x) |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the suites")
    ap.add_argument("--suites", nargs="*", default=list(SUITES))
    ap.add_argument("--quantulum-python", default=None, help="a python with quantulum3 installed (a venv)")
    ap.add_argument("--repeat", type=int, default=10, help="copies of each suite in the timing run")
    ap.add_argument("--comments", type=Path, default=None,
                    help="JSONL of reader comments ({'text': ...}) for a words/s comparison with a naive spaCy pass, "
                         "e.g. ../shared/data/stance/arc/dev.jsonl")
    ap.add_argument("--comments-limit", type=int, default=1000)
    args = ap.parse_args(argv)
    ours = [sys.executable, "-m", "commentkit", "claims", "--jsonl", "-"]
    tools = {"commentkit (fast path)": ours, "commentkit (full pipeline)": ours + ["--full"]}
    if args.quantulum_python:
        tools["quantulum3 (classifier off)"] = [args.quantulum_python, "-c", _QUANTULUM_RUNNER]
    rows = []
    speed: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for suite in args.suites:
            gold = [json.loads(line) for line in open(args.data / f"{suite}.jsonl", encoding="utf-8")]
            one = Path(tmp) / f"{suite}.jsonl"
            many = Path(tmp) / f"{suite}.x{args.repeat}.jsonl"
            one.write_text("".join(json.dumps({"id": g["id"], "text": g["text"]}) + "\n" for g in gold))
            many.write_text(one.read_text() * args.repeat)
            for name, cmd in tools.items():
                predicted, _, _ = _run(cmd, one, REPO)
                _, (wall, cpu), lines = _run(cmd, many, REPO)
                m = metrics(score(gold, predicted))
                rows.append((suite, name, m, lines / wall, lines / cpu))
                speed.setdefault(name, [0, 0.0, 0.0])
                speed[name][0] += lines
                speed[name][1] += wall
                speed[name][2] += cpu
    print("| suite | extractor | P | R | F1 | value acc | unit acc | value+unit F1 | texts/s | texts/CPU-s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for suite, name, m, tps, tpc in rows:
        print(f"| {suite} | {name} | {m['P']:.3f} | {m['R']:.3f} | {m['F1']:.3f} | {m['value_acc']:.3f} | "
              f"{m['unit_acc']:.3f} | {m['VU_F1']:.3f} | {tps:.0f} | {tpc:.0f} |")
    print()
    by = {(s, n): m for s, n, m, _, _ in rows}
    for suite in args.suites:
        fast, full = by[(suite, "commentkit (fast path)")], by[(suite, "commentkit (full pipeline)")]
        print(f"- {suite}: fast-path F1 {fast['F1']:.3f} vs full-pipeline F1 {full['F1']:.3f} "
              f"(difference {abs(fast['F1'] - full['F1']):.3f})")
    ours = speed["commentkit (fast path)"]
    line = (f"- throughput, all suites x{args.repeat} (model loading included): commentkit fast path "
            f"{ours[0] / ours[1]:.0f} texts/s wall, {ours[0] / ours[2]:.0f} texts/CPU-s")
    if "quantulum3 (classifier off)" in speed:
        q = speed["quantulum3 (classifier off)"]
        line += (f"; quantulum3 {q[0] / q[1]:.0f} texts/s wall, {q[0] / q[2]:.0f} texts/CPU-s; ratio "
                 f"{(ours[0] / ours[1]) / (q[0] / q[1]):.2f}x wall, {(ours[0] / ours[2]) / (q[0] / q[2]):.2f}x CPU")
    print(line)
    if args.comments:
        comment_speed(args.comments, args.comments_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
