"""Verdicts end to end on threads written for these tests (tests/data/compare/pipeline.json):
the claims come from the extractor, not from the fixture, so each case checks that a figure as a
reader writes it ("7.9 per 100,000", "$700 per resident") is found and judged as a fact-checker
would. Each expected entry names a comment, the claim's surface and its verdict; "checks", when
given, lists pieces of the article self-check (empty: no check expected)."""
from __future__ import annotations

import json

import pytest

from commentkit.compare import Comparer
from commentkit.model import Post, Thread
from tests.conftest import DATA

CASES = json.loads((DATA / "compare" / "pipeline.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def extractor():
    from commentkit.nlp.pipeline import ClaimExtractor

    return ClaimExtractor()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_pipeline_verdicts(extractor, case):
    comments = [Post(id=c["id"], text=c["text"]) for c in case["comments"]]
    thread = Thread(id=case["name"], article=Post(id="article", text=case["article"]), comments=comments)
    claims = extractor.extract(thread.posts())
    verdicts, checks = Comparer().compare(thread, claims)
    found = {(v.claim.post_id, v.claim.surface): v for v in verdicts}
    for exp in case["expected"]:
        key = (exp["post"], exp["surface"])
        assert key in found, f"{exp['surface']!r} not among {[s for p, s in found if p == exp['post']]}"
        verdict = found[key]
        assert verdict.status == exp["status"], f"{exp['surface']}: {verdict.status} ({verdict.explanation})"
        for piece in exp.get("explanation", []):
            assert piece in verdict.explanation + " " + (verdict.arithmetic or "")
    if "checks" in case:  # the article self-check: each piece must appear; none expected when empty
        text = " ".join(c.explanation for c in checks)
        assert bool(checks) == bool(case["checks"]), text
        for piece in case["checks"]:
            assert piece in text
