"""A corpus full of bad files finishes: the good file is reported, each bad one is listed with its
reason, the exit code says something failed, and nothing under the input folder is written to.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from commentkit.analyze import Options, analyze
from commentkit.model import Analysis, FileError
from fake_stages import make_fake_analyzer

REPO = Path(__file__).resolve().parent.parent
BIG_LINE_BYTES = 50 * 1024 * 1024
GOOD_TITLE = "Council budget passes"


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "corpus"
    (root / "nested").mkdir(parents=True)
    (root / "good.json").write_text(json.dumps({
        "id": "good", "title": GOOD_TITLE,
        "article": "The council approved a budget of $4.2 million, up 12% on last year.",
        "comments": [{"id": "c1", "author": "ann", "text": "12%? My tax bill rose 30%."}],
    }), encoding="utf-8")
    (root / "empty.json").write_bytes(b"")
    (root / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (root / "truncated.json").write_text('{"id": "t", "title": "Cut off", "article": "Some text", "comments": [{"id": "c1", "te')
    words = b"lorem ipsum dolor sit amet consectetur "
    with open(root / "nested" / "one-line.txt", "wb") as fh:
        fh.write(words * (BIG_LINE_BYTES // len(words) + 1))
    (root / "nested" / "loop").symlink_to(root, target_is_directory=True)
    return root


def snapshot(root: Path) -> dict:
    """Every file and folder under root with its mtime, size and content hash (links not followed)."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            st = path.lstat()
            digest = None
            if path.is_file() and not path.is_symlink():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[str(path.relative_to(root))] = (st.st_mtime_ns, st.st_size, digest)
    return state


def test_bad_corpus_finishes_and_lists_every_failure_through_the_api(bad_corpus):
    before = snapshot(bad_corpus)
    # 20 s: the 50 MB line may take longer, and then shows the time limit at work.
    items = list(analyze([bad_corpus], Options(jobs=2, timeout=20), make_analyzer=make_fake_analyzer))
    assert snapshot(bad_corpus) == before
    analysed = [i for i in items if isinstance(i, Analysis)]
    errors = {Path(e.source).name: e.reason for e in items if isinstance(e, FileError)}
    assert [a.thread.title for a in analysed if a.thread.id == "good"] == [GOOD_TITLE]
    assert errors["empty.json"] == "file is empty"
    assert errors["binary.bin"]
    assert "invalid JSON" in errors["truncated.json"]
    assert "symlink loop" in errors["loop"]
    assert all(reason and "\n" not in reason and len(reason) < 400 for reason in errors.values())
    # The 50 MB line is either read as a (strange) page or rejected with a reason; never a crash.
    assert "one-line.txt" in errors or any(a.thread.source.endswith("one-line.txt") for a in analysed)


def commentkit(*args, cwd=REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "1"}
    return subprocess.run([sys.executable, "-m", "commentkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def needs_real_stages():
    for module in ("commentkit.compare", "commentkit.report", "commentkit.nlp.pipeline", "commentkit.nlp.stance",
                   "commentkit.ingest.plain_text"):
        pytest.importorskip(module, reason="end-to-end run needs every stage merged")


def test_bad_corpus_through_the_command_line(bad_corpus, tmp_path):
    needs_real_stages()
    before = snapshot(bad_corpus)
    out = tmp_path / "out"
    result = commentkit("analyze", str(bad_corpus), "--format", "json", "--out", str(out), "--jobs", "2",
                        "--timeout", "30")
    assert snapshot(bad_corpus) == before
    assert result.returncode == 1, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    for name in ("empty.json", "binary.bin", "truncated.json", "loop"):
        assert name in summary
    assert "Traceback" not in result.stderr
    reports = [json.loads(p.read_text()) for p in out.rglob("*.json")]
    assert any(r.get("thread", {}).get("title") == GOOD_TITLE for r in reports)


def test_a_good_corpus_exits_zero_and_a_usage_error_exits_two(tmp_path):
    assert commentkit("analyze", str(tmp_path), "--jobs", "-1").returncode == 2
    assert commentkit("analyze").returncode == 2
    assert commentkit("analyze", str(tmp_path), "--timeout", "soon").returncode == 2
    needs_real_stages()
    result = commentkit("analyze", "corpus/", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"done: \d+ file\(s\), .* in [\d.]+ s; no failures", result.stderr.strip().splitlines()[-1])
