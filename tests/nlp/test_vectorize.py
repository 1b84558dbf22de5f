"""FastTfidf gives the same matrices as TfidfVectorizer.transform; packed vocabularies round-trip."""
from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from commentkit.nlp import vectorize
from commentkit.nlp.vectorize import FastTfidf, pack_vocabulary, unpack_vocabulary

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
    dict(ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"(?u)[@\w']+|[?!]", dtype=np.float32),
    dict(min_df=1, sublinear_tf=True, dtype=np.float32),
    dict(ngram_range=(1, 3), min_df=1, norm=None),
    dict(min_df=1, lowercase=False, smooth_idf=False),
    dict(min_df=1, binary=True),  # not covered: falls back to the vectorizer's own transform
])
def test_fast_transform_equals_the_vectorizers_own(params):
    vectorizer = TfidfVectorizer(**params).fit(TRAIN)
    fast = FastTfidf(vectorizer)
    for texts in (NEW, TRAIN, NEW[:1]):
        expected = vectorizer.transform(texts).toarray()
        got = fast.transform(texts)
        assert got.shape == expected.shape
        assert got.dtype == expected.dtype
        np.testing.assert_allclose(got.toarray(), expected, rtol=1e-6, atol=1e-6)
    if fast.supported:  # (sklearn refuses an empty list; an empty thread is simply no rows)
        assert fast.transform([]).shape == (0, len(vectorizer.vocabulary_))


def test_the_word_memory_starting_again_changes_nothing(monkeypatch):
    monkeypatch.setattr(vectorize, "WORD_CACHE_SIZE", 3)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=1).fit(TRAIN)
    fast = FastTfidf(vectorizer)
    first = fast.transform(NEW).toarray()
    assert len(fast.word_columns) <= 3
    np.testing.assert_allclose(fast.transform(NEW).toarray(), first)
    np.testing.assert_allclose(first, vectorizer.transform(NEW).toarray(), atol=1e-6)


def test_packed_vocabulary_round_trips_and_leaves_the_original_alone():
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=1).fit(TRAIN)
    original = dict(vectorizer.vocabulary_)
    packed = pack_vocabulary(vectorizer)
    assert isinstance(packed.vocabulary_, str)
    assert vectorizer.vocabulary_ == original  # the fitted model in use is not touched
    restored = pickle.loads(pickle.dumps(packed))
    unpack_vocabulary(restored)
    assert restored.vocabulary_ == original
    np.testing.assert_allclose(restored.transform(NEW).toarray(), vectorizer.transform(NEW).toarray())


def test_a_vocabulary_holding_the_separator_is_kept_as_a_mapping():
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=1).fit(["a\nb", "ab"])
    assert any("\n" in term for term in vectorizer.vocabulary_)
    assert pack_vocabulary(vectorizer) is vectorizer


def test_an_unfitted_or_already_unpacked_vectorizer_passes_through():
    unfitted = TfidfVectorizer()
    assert pack_vocabulary(unfitted) is unfitted
    fitted = TfidfVectorizer(min_df=1).fit(TRAIN)
    before = copy.deepcopy(fitted.vocabulary_)
    unpack_vocabulary(fitted)
    assert fitted.vocabulary_ == before
