"""TfidfWeights gives the same matrices as TfidfVectorizer.transform, before and after a trip
through its saved form, and refuses settings it does not reproduce."""
from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from commentkit.nlp import vectorize
from commentkit.nlp.vectorize import TfidfWeights

TRAIN = [
    "The council voted 7-2 to add bus lanes; commutes will be 10 minutes shorter.",
    "Is this true?? Who voted against it... @user",
    "Fake news. The vote was 5-4, not 7-2!",
    "Ünïcödé wörds and  double   spaces\tand\ttabs\nand lines",
    "bus lanes bus lanes bus lanes",
    "a",
    "",
]
NEW = [
    "Who voted for the bus lanes? I doubt it was 7-2.",
    "completely unseen vocabulary zzz qqq",
    "",
    "   ",
    "a a a a a",
    "Ünïcödé  lanes\u00a0and\u2003odd spaces",
    "x" * 3000,
]


@pytest.mark.parametrize("params", [
    dict(analyzer="char_wb", ngram_range=(2, 5), min_df=1, sublinear_tf=True, dtype=np.float32),
    dict(analyzer="char_wb", ngram_range=(1, 3), min_df=1),
    dict(analyzer="char_wb", ngram_range=(3, 3), min_df=1, norm="l1", use_idf=False),
    dict(analyzer="char", ngram_range=(1, 4), min_df=1),
    dict(analyzer="char", ngram_range=(2, 3), min_df=1, lowercase=False, sublinear_tf=True),
    dict(ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"(?u)[@\w']+|[?!]", dtype=np.float32),
    dict(min_df=1, sublinear_tf=True, dtype=np.float32),
    dict(ngram_range=(1, 3), min_df=1, norm=None),
    dict(ngram_range=(2, 3), min_df=1),
    dict(min_df=1, lowercase=False, smooth_idf=False),
    dict(min_df=1, binary=True),
    dict(min_df=1, stop_words=["the", "and", "a"], ngram_range=(1, 2)),
])
def test_transform_equals_the_vectorizers_own_also_after_saving(params):
    vectorizer = TfidfVectorizer(**params).fit(TRAIN)
    weights = TfidfWeights.from_vectorizer(vectorizer)
    settings, idf = weights.to_data()
    restored = TfidfWeights.from_data(json.loads(json.dumps(settings)), idf)
    for fast in (weights, restored):
        for texts in (NEW, TRAIN, NEW[:1]):
            expected = vectorizer.transform(texts).toarray()
            got = fast.transform(texts)
            assert got.shape == expected.shape
            assert got.dtype == expected.dtype
            np.testing.assert_allclose(got.toarray(), expected, rtol=1e-6, atol=1e-6)
        # (scikit-learn refuses an empty list; an empty thread is simply no rows)
        assert fast.transform([]).shape == (0, len(vectorizer.vocabulary_))


def test_the_word_memory_starting_again_changes_nothing(monkeypatch):
    monkeypatch.setattr(vectorize, "WORD_CACHE_SIZE", 3)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=1).fit(TRAIN)
    fast = TfidfWeights.from_vectorizer(vectorizer)
    first = fast.transform(NEW).toarray()
    assert len(fast.word_columns) <= 3
    np.testing.assert_allclose(fast.transform(NEW).toarray(), first)
    np.testing.assert_allclose(first, vectorizer.transform(NEW).toarray(), atol=1e-6)


@pytest.mark.parametrize("params", [
    dict(strip_accents="unicode"),
    dict(preprocessor=str.upper),
    dict(tokenizer=str.split, token_pattern=None),
    dict(analyzer=str.split),
])
def test_settings_it_cannot_reproduce_are_refused(params):
    vectorizer = TfidfVectorizer(min_df=1, **params).fit(TRAIN)
    with pytest.raises(ValueError):
        TfidfWeights.from_vectorizer(vectorizer)


@pytest.mark.parametrize("change", [
    dict(analyzer="exec"), dict(norm="l3"), dict(dtype="object"), dict(terms=["a", "a"]),
])
def test_saved_settings_out_of_range_are_refused(change):
    settings, idf = TfidfWeights.from_vectorizer(TfidfVectorizer(min_df=1).fit(TRAIN)).to_data()
    with pytest.raises(ValueError):
        TfidfWeights.from_data({**settings, **change}, idf)
