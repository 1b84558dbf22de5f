"""Verdicts on hand-made threads and claims (tests/data/compare/cases.json): each case is an
article, comments, the claims the numbers stage would give, and the verdicts a reader expects."""
from __future__ import annotations

import json

import pytest

from commentkit.compare import Comparer
from commentkit.model import VERDICTS
from tests.cases import build
from tests.conftest import DATA

CASES = json.loads((DATA / "compare" / "cases.json").read_text(encoding="utf-8"))


def run(case: dict, tolerance=None):
    thread, claims = build(case)
    verdicts, checks = Comparer(tolerance=tolerance).compare(thread, claims)
    by_key = {}
    for v in verdicts:
        text = next(p.text for p in thread.posts() if p.id == v.claim.post_id)
        n = text[: v.claim.end].count(v.claim.surface)
        by_key[(v.claim.post_id, v.claim.surface, n)] = v
    return thread, claims, verdicts, checks, by_key


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_verdicts_match_expectations(case):
    thread, claims, verdicts, checks, by_key = run(case)
    comment_claims = [c for c in claims if c.post_id != "article"]
    assert len(verdicts) == len(comment_claims), "one verdict per comment claim"
    for exp in case["expected"]:
        v = by_key[(exp["post"], exp["surface"], exp.get("n", 1))]
        assert v.status == exp["status"], f"{exp['surface']}: {v.status} ({v.explanation})"
        assert v.status in VERDICTS
        assert v.explanation and v.explanation.count(". ") == 0, "one sentence"
        if "explanation" in exp:
            assert exp["explanation"] in v.explanation
        if "arithmetic" in exp:
            assert v.arithmetic == exp["arithmetic"]
        if "article" in exp:
            assert [c.surface for c in v.article_claims] == [exp["article"]]
        if v.status in ("agree", "contradict", "derived"):
            assert v.article_claims and all(c.post_id == "article" for c in v.article_claims)
    text = " ".join(c.explanation + " " + (c.arithmetic or "") for c in checks)
    assert bool(checks) == bool(case["checks"])
    for piece in case["checks"]:
        assert piece in text


def test_article_claims_never_get_verdicts():
    case = CASES[0]
    thread, claims, verdicts, *_ = run(case)
    assert all(v.claim.post_id != "article" for v in verdicts)


def test_tolerance_option_widens_agreement():
    case = {
        "name": "tolerance", "article": "The museum counted 1,168 visitors.",
        "comments": [{"id": "c1", "text": "1,180 visitors, the museum says."}],
        "claims": [
            {"post": "article", "surface": "1,168", "value": 1168, "what": "visitors"},
            {"post": "c1", "surface": "1,180", "value": 1180, "what": "visitors"},
        ],
    }
    assert run(case)[2][0].status == "contradict"
    assert run(case, tolerance=0.02)[2][0].status == "agree"


def test_no_article_figures_means_everything_is_new():
    case = {
        "name": "empty", "article": "An opinion without numbers.",
        "comments": [{"id": "c1", "text": "I counted 12 errors."}],
        "claims": [{"post": "c1", "surface": "12", "value": 12, "what": "errors"}],
    }
    verdict = run(case)[2][0]
    assert verdict.status == "new" and "no figures" in verdict.explanation


def test_verdicts_round_trip_through_json():
    from commentkit.model import Verdict
    _, _, verdicts, _, _ = run(CASES[0])
    for v in verdicts:
        assert Verdict.from_dict(json.loads(json.dumps(v.to_dict()))) == v
