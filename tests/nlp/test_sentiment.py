"""Sentiment scores are TextBlob's own, computed once per text."""
from __future__ import annotations

import pytest
from textblob import TextBlob

from commentkit.nlp.sentiment import polarity_subjectivity, sentiment

TEXTS = [
    "This is a great and wonderful plan.",
    "Not good. Not good at all!!!",
    "I really don't think the figures are accurate, they are terribly wrong.",
    "The council met on Tuesday.",
    "Very very bad (!) but funny :-)",
    "well... NOT BAD, honestly",
    "Ünïcödé text, with quotes “like this” and ‘this’.",
    "It isn't true; it's a lie, and we've seen it before.\n\nNew paragraph: excellent work.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_scores_are_textblobs(text):
    expected = TextBlob(text).sentiment
    assert polarity_subjectivity(text) == (pytest.approx(expected.polarity, abs=1e-12),
                                           pytest.approx(expected.subjectivity, abs=1e-12))
    assert sentiment(text) == {"polarity": round(expected.polarity, 4),
                               "subjectivity": round(expected.subjectivity, 4)}


def test_blank_text_is_neutral():
    assert polarity_subjectivity("   ") == (0.0, 0.0)
    assert sentiment(None) == {"polarity": 0.0, "subjectivity": 0.0}


def test_textblobs_own_analyser_is_left_as_it_was():
    from textblob.en import sentiment as textblob_sentiment

    polarity_subjectivity("a good day")
    assert type(textblob_sentiment).__name__ == "Sentiment"
    assert TextBlob("a good day").sentiment.polarity == pytest.approx(0.7)


def test_a_textblob_without_its_analyser_stops_the_analyzer_with_a_reason(monkeypatch, tmp_path):
    import importlib.util

    from commentkit.analyze import Analyzer
    from commentkit.errors import ModelError
    from commentkit.nlp import sentiment as module

    (tmp_path / "textblob").mkdir()
    fake = importlib.util.spec_from_loader("textblob", loader=None, is_package=True)
    fake.submodule_search_locations = [str(tmp_path / "textblob")]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: fake if name == "textblob" else None)
    module._analyser.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"has no _text\.py; commentkit reads textblob 0\.18 to 0\.20"):
            Analyzer(claims=object(), comparer=object(), stance_model=object())
    finally:
        monkeypatch.undo()
        module._analyser.cache_clear()
    assert polarity_subjectivity("a good day")[0] > 0
