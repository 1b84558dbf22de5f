"""A bare 'Nm' is millions in a thread about millions, meters in a thread that speaks of lengths."""
from __future__ import annotations

from commentkit.model import Claim
from commentkit.thread_context import bare_m_as_millions


def claim(post, surface, value, unit, **kw):
    return Claim(post_id=post, start=0, end=len(surface), surface=surface, value=value, unit=unit, **kw)


def test_bare_m_becomes_millions_when_the_article_counts_millions():
    claims = [claim("article", "7.6 million", 7.6e6, "count"),
              claim("c1", "4.4m to 7.6m", 7.6, "meter", baseline=4.4)]
    out = bare_m_as_millions(claims, "article")
    assert out[0] is claims[0]
    assert (out[1].value, out[1].baseline, out[1].unit) == (7.6e6, 4.4e6, "count")
    assert claims[1].unit == "meter", "the caller's claims are not modified"


def test_bare_m_stays_meters_when_a_length_is_written_another_way():
    claims = [claim("article", "£12 million", 12e6, "GBP"), claim("article", "4.5 metres", 4.5, "meter"),
              claim("c1", "4.5m", 4.5, "meter")]
    assert bare_m_as_millions(claims, "article") == claims


def test_bare_m_stays_meters_without_a_million_in_the_article():
    claims = [claim("article", "40", 40, "count"), claim("c1", "3m", 3, "meter")]
    assert bare_m_as_millions(claims, "article") == claims


def _figure(post, surface, value, unit):
    from commentkit.figures import load_lexicon, make_figure

    return make_figure(claim(post, surface, value, unit), surface, load_lexicon())


def test_a_comment_figure_is_restated_in_the_article_unit():
    from commentkit.thread_context import in_article_units

    article = [_figure("article", "40C", 40.0, "degree celsius"), _figure("article", "50 miles", 50.0, "mile")]
    fahrenheit, km, degrees = in_article_units(
        [_figure("c1", "104F", 104.0, "degree fahrenheit"), _figure("c1", "80 km", 80.0, "kilometer"),
         _figure("c1", "40 degrees", 40.0, "degree")], article)
    assert fahrenheit.unit == "degree celsius" and abs(fahrenheit.value - 40.0) < 1e-9
    assert km.unit == "mile" and abs(km.value - 49.71) < 0.01
    assert degrees.unit == "degree celsius" and degrees.value == 40.0
    assert fahrenheit.claim.unit == "degree fahrenheit", "the claim keeps the unit as written"


def test_figures_stay_as_written_without_an_article_unit_of_their_dimension():
    from commentkit.thread_context import in_article_units

    comment = [_figure("c1", "80 km", 80.0, "kilometer")]
    assert in_article_units(comment, [_figure("article", "3 kg", 3.0, "kilogram")]) == comment


def test_pounds_are_sterling_in_a_thread_about_sterling_and_weights_elsewhere():
    from commentkit.thread_context import settle_units

    money = [claim("article", "£350m", 3.5e8, "GBP"), claim("c1", "350,000,000 pounds", 3.5e8, "pound-mass")]
    assert settle_units(money, "article")[1].unit == "GBP"
    weights = [claim("article", "£12", 12.0, "GBP"), claim("article", "3 kg", 3.0, "kilogram"),
               claim("c1", "7 pounds", 7.0, "pound-mass")]
    assert settle_units(weights, "article") == weights
