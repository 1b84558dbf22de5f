"""Issue 6 acceptance on the sample page (corpus/ice-287g-agreements.txt), end to end through
ingestion, claim extraction and compare. Needs the NLP stage; skips only while it is absent."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS

SAMPLE = CORPUS / "ice-287g-agreements.txt"


@pytest.fixture(scope="module")
def analysis():
    pytest.importorskip("commentkit.nlp.pipeline", reason="claim extraction not available yet")
    if not SAMPLE.exists():
        pytest.skip(f"sample page missing: {SAMPLE}")
    from commentkit.compare import Comparer
    from commentkit.ingest import read_threads
    from commentkit.model import Analysis
    from commentkit.nlp.pipeline import ClaimExtractor

    (thread,) = read_threads(SAMPLE)
    claims = ClaimExtractor().extract(thread.posts())
    verdicts, checks = Comparer().compare(thread, claims)
    return Analysis(thread=thread, claims=claims, verdicts=verdicts, checks=checks)


def verdicts_for(analysis, value):
    return [v for v in analysis.verdicts if abs(v.claim.value - value) < 1e-6]


@pytest.mark.parametrize("value", [296, 342, 63, 58, 52, 7500, 100000, 25])
def test_article_figures_repeated_by_the_comment_agree(analysis, value):
    found = verdicts_for(analysis, value)
    assert found and all(v.status == "agree" for v in found), [(v.claim.surface, v.status) for v in found]


def test_the_other_35_states_contradicts_39_minus_5_named(analysis):
    (verdict,) = verdicts_for(analysis, 35)
    assert verdict.status == "contradict"
    assert "39 − 5 named = 34" in verdict.explanation


def test_850_is_derived_from_the_named_states_plus_35(analysis):
    (verdict,) = verdicts_for(analysis, 850)
    assert verdict.status == "derived"
    assert verdict.arithmetic == "342 + 296 + 63 + 58 + 52 + 35 = 846 ≈ 850"


@pytest.mark.parametrize("value", [77000, 195e6, 20e6, 1e6])
def test_the_commenters_own_figures_are_new(analysis, value):
    (verdict,) = verdicts_for(analysis, value)
    assert verdict.status == "new"


def test_the_per_nab_cost_is_new(analysis):
    texts = {p.id: p.text for p in analysis.thread.posts()}
    per_nab = [v for v in verdicts_for(analysis, 1000)
               if texts[v.claim.post_id][v.claim.end:v.claim.end + 12].strip().startswith("per nab")]
    assert per_nab and all(v.status == "new" for v in per_nab)


def test_self_check_flags_950_percent_against_135_to_1168(analysis):
    text = " ".join(f"{c.explanation} {c.arithmetic}" for c in analysis.checks)
    assert "950%" in text and "135 → 1,168" in text and "+765%" in text
    assert all(v.claim.post_id != analysis.thread.article.id for v in analysis.verdicts)
