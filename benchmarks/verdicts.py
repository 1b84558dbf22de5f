"""Verdict quality on the hand-judged dev threads (../shared/data/threads, gold.jsonl).

    python benchmarks/verdicts.py                      # end to end: commentkit's own claims
    python benchmarks/verdicts.py --claims gold        # compare stage alone, on the gold figures
    python benchmarks/verdicts.py --threads DIR --show-errors

End to end (the reader, claim extractor and comparer that ``commentkit analyze`` runs), every gold
comment claim is looked up among the claims commentkit found in that comment (overlapping span, else same value); a gold claim commentkit missed counts as wrong.
Precision counts every verdict commentkit gave, including those on figures gold does not list. A
range commentkit found as one claim ("90% – 100%") answers for both ends gold lists.
With ``--claims gold`` the gold figures (surface, value, unit only: no what, entity or
qualifier) are located in the text and fed to the comparer, to measure compare in isolation.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, and benchmarks/numbers.py would shadow the
# standard library's `numbers` (which numpy imports): put the repository there instead.
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
sys.path.insert(0, str(REPO))

from commentkit.model import VERDICTS, Claim  # noqa: E402

TARGETS = {"accuracy": 0.85, "agree recall": 0.85, "contradict precision": 0.70}


def load_gold(folder: Path) -> list[dict]:
    with open(folder / "gold.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def thread_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json"))


def locate(text: str, surface: str, after: int = 0) -> tuple[int, int] | None:
    at = text.find(surface, after)
    if at < 0:
        at = text.lower().find(surface.lower(), after)
    if at < 0 and after:
        return locate(text, surface, 0)
    return (at, at + len(surface)) if at >= 0 else None


def gold_spans(gold: list[dict], texts: dict) -> list[tuple[dict, tuple | None]]:
    """Each gold item with its character span, occurrences taken in order within a post."""
    cursor: dict = defaultdict(int)
    out = []
    for item in gold:
        key = (item["thread"], item["comment_id"] or "article")
        text = texts.get(key, "")
        span = locate(text, item["surface"], cursor[key])
        if span:
            cursor[key] = span[1]
        out.append((item, span))
    return out


def analyses_end_to_end(files: list[Path]):
    """The stages that make verdicts in ``commentkit analyze``: reader, claim extractor, comparer
    (the stance model does not touch verdicts, so it is not loaded)."""
    from commentkit.compare import Comparer
    from commentkit.errors import CommentkitError
    from commentkit.ingest import read_threads
    from commentkit.nlp.pipeline import ClaimExtractor

    extractor, comparer = ClaimExtractor(), Comparer()
    for path in files:
        try:
            threads = read_threads(path)
        except CommentkitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            continue
        for thread in threads:
            claims = extractor.extract(thread.posts())
            verdicts, _ = comparer.compare(thread, claims)
            yield thread, claims, verdicts


def analyses_on_gold_claims(files: list[Path], gold: list[dict]):
    from commentkit.compare import Comparer
    from commentkit.ingest import read_threads

    comparer = Comparer()
    for path in files:
        for thread in read_threads(path):
            texts = {(thread.id, p.id): p.text for p in thread.posts()}
            claims = []
            for item, span in gold_spans([g for g in gold if g["thread"] == thread.id], texts):
                if span is None:
                    continue
                post = item["comment_id"] or thread.article.id
                claims.append(Claim(post_id=post, start=span[0], end=span[1], surface=item["surface"],
                                    value=float(item["value"]), unit=item["unit"]))
            verdicts, _ = comparer.compare(thread, claims)
            yield thread, claims, verdicts


def score(gold: list[dict], runs) -> dict:
    confusion: Counter = Counter()  # (gold, predicted or 'missed')
    spurious: Counter = Counter()  # predicted verdicts on figures gold does not list
    errors = []
    for thread, claims, verdicts in runs:
        texts = {(thread.id, p.id): p.text for p in thread.posts()}
        by_post = defaultdict(list)
        for v in verdicts:
            by_post[v.claim.post_id].append(v)
        used = set()
        items = [(g, s) for g, s in gold_spans([g for g in gold if g["thread"] == thread.id], texts)
                 if g["comment_id"]]
        for item, span in items:
            found = _match(item, span, by_post[item["comment_id"]], used)
            predicted = found.status if found else "missed"
            confusion[(item["verdict"], predicted)] += 1
            if predicted != item["verdict"]:
                errors.append((thread.id, item, found))
        for post_verdicts in by_post.values():
            for v in post_verdicts:
                if id(v) not in used:  # a verdict on a figure gold does not list
                    spurious[v.status] += 1
    return {"confusion": confusion, "spurious": spurious, "errors": errors}


def _match(item: dict, span, candidates: list, used: set):
    """The commentkit verdict for a gold claim: overlapping span first, then same value. A range
    claim ("90% – 100%") stands for both of its ends, which gold lists separately."""
    value = float(item["value"])

    def same(a, b):
        return a is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))

    def free(v):
        if id(v) not in used:
            return True
        c = v.claim  # a range's other end may be matched once more
        return (id(v), "second end") not in used and c.low is not None and c.high is not None \
            and c.low != c.high and (same(c.low, value) or same(c.high, value))

    overlapping = [v for v in candidates if free(v) and span and v.claim.start < span[1] and span[0] < v.claim.end]
    same_value = [v for v in candidates if free(v) and any(same(x, value) for x in (v.claim.value, v.claim.low,
                                                                                     v.claim.high))]
    for pool in (overlapping, same_value):
        if pool:
            found = pool[0]
            used.add((id(found), "second end") if id(found) in used else id(found))
            return found
    return None


def metrics(result: dict) -> dict:
    """accuracy (missed = wrong) and per-verdict precision/recall from ``score``'s counts."""
    confusion, spurious = result["confusion"], result["spurious"]
    total = sum(confusion.values())
    correct = sum(n for (g, p), n in confusion.items() if g == p)
    out = {"accuracy": correct / total if total else 0.0, "gold": total,
           "missed": sum(n for (g, p), n in confusion.items() if p == "missed"),
           "extra": sum(spurious.values())}
    for status in VERDICTS:
        gold_n = sum(n for (g, _), n in confusion.items() if g == status)
        pred_n = sum(n for (_, p), n in confusion.items() if p == status) + spurious.get(status, 0)
        tp = confusion.get((status, status), 0)
        out[f"{status} gold"], out[f"{status} predicted"], out[f"{status} correct"] = gold_n, pred_n, tp
        out[f"{status} precision"] = tp / pred_n if pred_n else float("nan")
        out[f"{status} recall"] = tp / gold_n if gold_n else float("nan")
    return out


def report(result: dict) -> dict:
    m = metrics(result)
    print(f"gold comment claims: {m['gold']}   found: {m['gold'] - m['missed']}   missed: {m['missed']}   "
          f"extra verdicts on non-gold figures: {m['extra']}")
    print(f"verdict accuracy (missed = wrong): {m['accuracy']:.3f}")
    print()
    print(f"| {'verdict':<10} | {'gold':>4} | {'predicted':>9} | {'correct':>7} | {'precision':>9} | {'recall':>6} |")
    print(f"|{'-' * 12}|{'-' * 6}:|{'-' * 10}:|{'-' * 8}:|{'-' * 10}:|{'-' * 7}:|")
    for s in VERDICTS:
        print(f"| {s:<10} | {m[s + ' gold']:>4} | {m[s + ' predicted']:>9} | {m[s + ' correct']:>7} | "
              f"{m[s + ' precision']:>9.3f} | {m[s + ' recall']:>6.3f} |")
    print()
    wrong = sorted((g, p, n) for (g, p), n in result["confusion"].items() if g != p)
    print("confusion (gold → predicted): " + (", ".join(f"{g}→{p}: {n}" for g, p, n in wrong) or "none"))
    for name, floor in TARGETS.items():
        print(f"target {name} ≥ {floor}: {m[name]:.3f} {'ok' if m[name] >= floor else 'MISSED'}")
    return m


def measure(folder: Path, claims: str = "pipeline") -> tuple[dict, dict]:
    """(score result, metrics) for the threads in ``folder``; used by the quality-gate test too."""
    gold = load_gold(folder)
    files = thread_files(folder)
    runs = analyses_on_gold_claims(files, gold) if claims == "gold" else analyses_end_to_end(files)
    result = score(gold, runs)
    return result, metrics(result)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=Path, default=REPO.parent / "shared" / "data" / "threads")
    parser.add_argument("--claims", choices=("pipeline", "gold"), default="pipeline")
    parser.add_argument("--show-errors", action="store_true", help="list every wrong or missed verdict")
    args = parser.parse_args(argv)
    if not (args.threads / "gold.jsonl").exists():
        print(f"no gold.jsonl under {args.threads}", file=sys.stderr)
        return 2
    print(f"verdicts on {len(thread_files(args.threads))} threads in {args.threads} (claims: {args.claims})\n")
    result, _ = measure(args.threads, args.claims)
    report(result)
    if args.show_errors:
        print()
        for thread_id, item, found in result["errors"]:
            got = f"{found.status}: {found.explanation}" if found else "missed"
            print(f"- {thread_id}/{item['comment_id']} {item['surface']!r} gold {item['verdict']} → {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
