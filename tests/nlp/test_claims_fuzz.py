"""Hostile and random text: extraction never raises, offsets always point at the surface, values
are finite numbers. Small example counts by default; raise them with the 'slow' marker."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commentkit.nlp.numbers import scan_numbers
from commentkit.nlp.pipeline import ClaimExtractor
from commentkit.nlp.quantities import find_quantities

PIECES = ["1", "23", "1,168", "4.5", "$", "€", "£", "%", "k", "M", "bn", "m", " ", "-", "–", "/", "(", ")",
          "to", "and", "between", "million", "half", "a", "one", "twenty", "thousand", "of", "Jan.", "2012",
          "km", "per", "hour", "x", "+", ".", ",", "\n", "TX", "up from", "over", "⅔", "e", "^", "′", "\"", "'"]
number_soup = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(max_size=200)


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


def _check(text, claims):
    for c in claims:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.surface
        assert math.isfinite(c.value)
        for bound in (c.low, c.high, c.baseline):
            assert bound is None or math.isfinite(bound)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(number_soup, any_text))
def test_rules_never_raise(text):
    for number in scan_numbers(text):
        assert math.isfinite(number.value)
    for q in find_quantities(text):
        assert 0 <= q.start <= q.end <= len(text) and math.isfinite(q.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(number_soup, any_text), min_size=1, max_size=5))
def test_extractor_offsets_hold(extractor, texts):
    for text, claims in zip(texts, extractor.extract_texts(texts)):
        _check(text, claims)


@pytest.mark.slow
@settings(max_examples=20000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(number_soup, any_text))
def test_rules_never_raise_long(text):
    test_rules_never_raise.hypothesis.inner_test(text)
