"""Score ingestion against the hand-made gold file of the shared dev material.

    python benchmarks/ingest.py [--data ../shared/data/ingest] [--verbose]

For each page in gold.jsonl (HTML pages and plain-text copies), a field scores when: the title
equals the gold title or one of its alternatives; the body contains the gold first (last)
sentence; the number of comments equals the gold count; the author list equals the gold list
in order; the reply depths equal the gold depths. Prints one accuracy table per kind of input,
then the structured exports (counted, not scored: they have no gold) and the time taken.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as a script, this folder leads sys.path, and benchmarks/numbers.py would shadow the standard
# library's numbers module (dateutil, numpy need it): keep the folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks"]
sys.path.insert(0, str(REPO))

from commentkit.errors import IngestError  # noqa: E402
from commentkit.ingest import read_threads  # noqa: E402

FIELDS = ("title", "first sentence", "last sentence", "comment count", "authors", "depths")


def _norm(text: str) -> str:
    return " ".join((text or "").split())


def score_page(thread, gold: dict, kind: str) -> dict:
    titles = [gold["title"], *gold.get("title_alternatives", [])]
    body = _norm(thread.article.text)
    authors = [c.author for c in thread.comments]
    result = {
        "title": _norm(thread.title) in {_norm(t) for t in titles},
        "first sentence": _norm(gold["body_first_sentence"]) in body,
        "last sentence": _norm(gold["body_last_sentence"]) in body,
        "comment count": len(thread.comments) == gold["n_comments"],
        "authors": authors == gold["comment_authors"],
    }
    # Plain-text copies lose the nesting (the gold keeps the HTML's depths): not scored there.
    result["depths"] = [c.depth for c in thread.comments] == gold["comment_depths"] if kind == "html" else None
    return result


def accuracy(tables: dict) -> dict:
    """{kind: {field: accuracy in [0, 1]}} from the per-page score rows."""
    result = {}
    for kind, rows in tables.items():
        result[kind] = {}
        for field in FIELDS:
            scored = [r[field] for r in rows if r[field] is not None]
            if scored:
                result[kind][field] = sum(scored) / len(scored)
    return result


def score_all(data: Path, verbose: bool = False) -> tuple[dict, dict]:
    """(per-page rows by kind, seconds by kind) for every page in gold.jsonl."""
    gold_rows = [json.loads(line) for line in (data / "gold.jsonl").read_text().splitlines() if line.strip()]
    tables: dict[str, list[dict]] = {"html": [], "text": []}
    timings: dict[str, float] = {"html": 0.0, "text": 0.0}
    for gold in gold_rows:
        kind = "html" if gold["file"].startswith("html/") else "text"
        started = time.perf_counter()
        try:
            thread = read_threads(data / gold["file"])[0]
        except IngestError as exc:
            print(f"error: {exc}", file=sys.stderr)
            tables[kind].append({f: False for f in FIELDS} | {"file": gold["file"]})
            continue
        timings[kind] += time.perf_counter() - started
        row = score_page(thread, gold, kind) | {"file": gold["file"]}
        tables[kind].append(row)
        if verbose:
            misses = [f for f in FIELDS if row[f] is False]
            if misses:
                print(f"{gold['file']}: missed {', '.join(misses)}")
                print(f"   title {thread.title!r}; {len(thread.comments)} comments (gold {gold['n_comments']})")
                if "authors" in misses:
                    print(f"   authors {[c.author for c in thread.comments]}")
                    print(f"   gold    {gold['comment_authors']}")
                if "depths" in misses:
                    print(f"   depths {[c.depth for c in thread.comments]}\n   gold   {gold['comment_depths']}")
    return tables, timings


def render_copy(html_path: Path) -> str:
    """A plain-text rendering of a saved page, roughly what select-all/copy gives (no browser:
    block elements become paragraphs, inline ones run together)."""
    from lxml import html as lxml_html

    from commentkit.ingest.textio import decode, page_text

    text = decode(html_path.read_bytes())
    doc = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    return page_text(doc)


def score_rendered(data: Path, verbose: bool) -> list[dict]:
    """The plain-text reader on renderings of every HTML page (more copies than text/ holds)."""
    import tempfile

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold in (json.loads(line) for line in (data / "gold.jsonl").read_text().splitlines() if line.strip()):
            if not gold["file"].startswith("html/"):
                continue
            path = Path(tmp) / (Path(gold["file"]).stem + ".txt")
            path.write_text(render_copy(data / gold["file"]), encoding="utf-8")
            thread = read_threads(path, format="text")[0]
            row = score_page(thread, gold, "text") | {"file": gold["file"]}
            rows.append(row)
            if verbose and any(row[f] is False for f in FIELDS):
                print(f"rendered {gold['file']}: missed {', '.join(f for f in FIELDS if row[f] is False)}")
    return rows


def run(data: Path, verbose: bool) -> int:
    tables, timings = score_all(data, verbose)
    tables["rendered"] = score_rendered(data, verbose)
    timings["rendered"] = 0.0
    labels = (("html", "HTML pages"), ("text", "plain-text copies"),
              ("rendered", "plain-text renderings of the HTML pages (lxml, no browser; not in the gate)"))
    for kind, label in labels:
        rows = tables[kind]
        if not rows:
            continue
        timing = f", {timings[kind]:.2f} s" if timings[kind] else ""
        print(f"\n{label} ({len(rows)} pages{timing})\n")
        print("| field | right | accuracy |")
        print("|---|---|---|")
        for field in FIELDS:
            scored = [r[field] for r in rows if r[field] is not None]
            if scored:
                print(f"| {field} | {sum(scored)}/{len(scored)} | {100 * sum(scored) / len(scored):.0f}% |")
    print("\nstructured exports (no gold: threads and comments read)\n")
    print("| file | format | threads | comments | warnings |")
    print("|---|---|---|---|---|")
    for folder in ("disqus", "wxr", "reddit", "hn"):
        for path in sorted((data / folder).glob("*")):
            try:
                threads = read_threads(path)
            except IngestError as exc:
                print(f"| {folder}/{path.name} | error | - | - | {exc.reason} |")
                continue
            warnings = sum(len(t.meta.get("warnings", [])) for t in threads)
            print(f"| {folder}/{path.name} | {threads[0].format} | {len(threads)} | "
                  f"{sum(len(t.comments) for t in threads)} | {warnings} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    candidates = [base / "shared" / "data" / "ingest" for base in (REPO.parent, REPO.parent.parent)]
    default = next((c for c in candidates if c.exists()), candidates[0])
    parser.add_argument("--data", type=Path, default=default, help="the shared ingest folder (with gold.jsonl)")
    parser.add_argument("--verbose", "-v", action="store_true", help="show what each missed page got")
    args = parser.parse_args()
    if not (args.data / "gold.jsonl").exists():
        print(f"no gold.jsonl under {args.data}", file=sys.stderr)
        return 2
    return run(args.data, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
