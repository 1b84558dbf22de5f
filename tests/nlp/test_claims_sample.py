"""Spine acceptance (issues 2 and 4) on the sample page corpus/ice-287g-agreements.txt.

The article body and the comment are sliced out of the page text here, so this test does not
depend on the plain-text reader.
"""
from __future__ import annotations

import pytest

from commentkit.nlp.pipeline import ClaimExtractor
from tests.conftest import CORPUS

PAGE = (CORPUS / "ice-287g-agreements.txt").read_text(encoding="utf-8")
ARTICLE = PAGE[PAGE.index("Despite Democrat naysayers"):PAGE.index("About The Author")].strip()
COMMENT = PAGE[PAGE.index("“Despite Democrat naysayers"):PAGE.index("getting to 1M in Year One.")
               + len("getting to 1M in Year One.")]


@pytest.fixture(scope="module")
def claims():
    article, comment = ClaimExtractor().extract_texts([ARTICLE, COMMENT])
    return {"article": article, "comment": comment}


def _find(found, surface, value=None):
    hits = [c for c in found if c.surface == surface and (value is None or c.value == value)]
    assert hits, f"{surface!r} not found among {[c.surface for c in found]}"
    return hits[0]


@pytest.mark.parametrize("surface,value,unit,what,entity", [
    ("950%", 950, "percent", None, None),
    ("1,168", 1168, "count", "agencies", None),
    ("150", 150, "count", None, None),
    ("39", 39, "count", "states", None),
    ("342", 342, "count", "agreements", "Florida"),
    ("296", 296, "count", "agreements", "Texas"),
    ("63", 63, "count", "agreements", "Tennessee"),
    ("58", 58, "count", "agreements", "Pennsylvania"),
    ("52", 52, "count", "agreements", "Alabama"),
    ("$7,500", 7500, "USD", None, None),
    ("$100,000", 100000, "USD", None, None),
])
def test_article_figures(claims, surface, value, unit, what, entity):
    claim = _find(claims["article"], surface)
    assert (claim.value, claim.unit) == (value, unit)
    if what:
        assert claim.what == what
    assert claim.entity == entity


def test_article_change_and_baseline(claims):
    agencies = _find(claims["article"], "1,168")
    assert (agencies.change, agencies.baseline) == ("increase", 135)
    assert _find(claims["article"], "135").value == 135
    assert _find(claims["article"], "950%").change == "increase"


def test_article_up_to_qualifier(claims):
    share = _find(claims["article"], "25%")
    assert (share.value, share.unit, share.qualifier, share.high) == (25, "percent", "up to", 25)


@pytest.mark.parametrize("phrase", ["Jan. 26", "in 2012", "early 2025"])
def test_article_dates_are_not_claims(claims, phrase):
    start = ARTICLE.index(phrase)
    end = start + len(phrase)
    assert not [c.surface for c in claims["article"] if c.start < end and start < c.end]


def test_article_offsets_point_at_surfaces(claims):
    for claim in claims["article"]:
        assert ARTICLE[claim.start:claim.end] == claim.surface


def test_comment_state_figures_resolve_abbreviations(claims):
    segment_start = COMMENT.index("TX (296)")
    segment_end = COMMENT.index("AL (52)") + len("AL (52)")
    states = [(c.value, c.entity) for c in claims["comment"] if segment_start <= c.start < segment_end]
    assert states == [(296, "Texas"), (342, "Florida"), (63, "Tennessee"), (58, "Pennsylvania"), (52, "Alabama")]


@pytest.mark.parametrize("surface,value,unit", [
    ("$77k", 77000, "USD"), ("$195M", 195_000_000, "USD"), ("20M", 20_000_000, "count"),
    ("1M", 1_000_000, "count"), ("$1,000", 1000, "USD"), ("$7,500", 7500, "USD"), ("$100,000", 100000, "USD"),
    ("25%", 25, "percent"),
])
def test_comment_figures(claims, surface, value, unit):
    claim = _find(claims["comment"], surface)
    assert (claim.value, claim.unit) == (value, unit)


def test_comment_counts_with_what(claims):
    assert _find(claims["comment"], "35").what == "states"
    assert _find(claims["comment"], "850").what == "deportations"
    assert _find(claims["comment"], "$195M").qualifier == "a minimum of"


@pytest.mark.parametrize("surface,low,high", [("90% – 100%", 90, 100), ("80% – 89%", 80, 89)])
def test_comment_ranges(claims, surface, low, high):
    claim = _find(claims["comment"], surface)
    assert (claim.low, claim.high, claim.unit) == (low, high, "percent")


def test_comment_codes_and_dates_are_not_claims(claims):
    for phrase in ("287(g) program", "287(g) officer", "September 2025", "early in 2025"):
        start = COMMENT.index(phrase)
        end = start + len(phrase)
        assert not [c.surface for c in claims["comment"] if c.start < end and start < c.end], phrase


def test_fast_path_finds_the_same_claims_as_the_full_pipeline(claims):
    full_article, full_comment = ClaimExtractor(fast=False).extract_texts([ARTICLE, COMMENT])
    key = lambda found: [(c.start, c.end, c.value, c.unit, c.entity) for c in found]  # noqa: E731
    assert key(full_article) == key(claims["article"])
    assert key(full_comment) == key(claims["comment"])
