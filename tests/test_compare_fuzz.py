"""Compare never fails on odd claims: any values, units, offsets and texts give one valid verdict
per comment claim outside quoted lines (hypothesis; a small profile in the default run)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commentkit.compare import Comparer
from commentkit.model import VERDICTS, Claim, Post, Thread
from commentkit.quotes import is_quoted, quoted_spans

UNITS = st.sampled_from(["count", "USD", "percent", "fraction", "year", "USD per year", "kilometer", "times", "", "%"])
WORDS = st.sampled_from([None, "", "agencies", "states", "per officer", "TX", "Texas", "up to", "about", "<b>"])
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12).map(float))


@st.composite
def claims(draw, post_id, text):
    start = draw(st.integers(0, max(0, len(text))))
    end = draw(st.integers(start, len(text) + 3))
    return Claim(post_id=post_id, start=start, end=end, surface=draw(st.text(max_size=12)), value=draw(NUMBERS),
                 low=draw(st.one_of(st.none(), NUMBERS)), high=draw(st.one_of(st.none(), NUMBERS)),
                 unit=draw(UNITS), what=draw(WORDS), entity=draw(WORDS), qualifier=draw(WORDS),
                 change=draw(st.sampled_from([None, "increase", "decrease"])),
                 baseline=draw(st.one_of(st.none(), NUMBERS)), sentence=draw(st.one_of(st.none(), st.text(max_size=30))))


@st.composite
def threads(draw):
    article = Post(id="a", text=draw(st.text(max_size=80)))
    comments = [Post(id=f"c{i}", text=draw(st.one_of(st.text(max_size=60), st.text(max_size=60).map("> ".__add__)))) for i in range(draw(st.integers(0, 3)))]
    found = [draw(claims("a", article.text)) for _ in range(draw(st.integers(0, 8)))]
    for post in comments:
        found += [draw(claims(post.id, post.text)) for _ in range(draw(st.integers(0, 4)))]
    return Thread(id="t", article=article, comments=comments), found


def check_any_claims(data, tolerance):
    thread, found = data
    verdicts, checks = Comparer(tolerance=tolerance).compare(thread, found)
    quoted = {post.id: quoted_spans(post.text) for post in thread.comments}
    own = [c for c in found if c.post_id != "a" and not is_quoted(quoted[c.post_id], c.start)]
    assert len(verdicts) == len(own)  # a figure in a quoted line ("> ...") is not the commenter's
    for verdict in verdicts:
        assert verdict.status in VERDICTS and verdict.explanation
        assert all(c.post_id == "a" for c in verdict.article_claims)
    for check in checks:
        assert check.claims and check.explanation


@settings(max_examples=150, deadline=None)
@given(threads(), st.one_of(st.none(), st.floats(0, 1)))
def test_any_claims_get_one_valid_verdict_each(data, tolerance):
    check_any_claims(data, tolerance)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(threads(), st.one_of(st.none(), st.floats(0, 1)))
def test_any_claims_get_one_valid_verdict_each_at_length(data, tolerance):
    check_any_claims(data, tolerance)
