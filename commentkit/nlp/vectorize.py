"""Fitted TF-IDF vectorisers made fast to apply and small to store.

``TfidfVectorizer.transform`` checks its input on every call and builds every character n-gram
of every document in Python. The stance stage calls it a few times per thread, on a thread of
a dozen comments, so that overhead and the n-gram loop were most of the stance stage's time.

- ``FastTfidf(vectorizer).transform(texts)`` gives the same matrix as
  ``vectorizer.transform(texts)`` (the tests compare them): it reuses the vectorizer's own
  analyser, but remembers the character n-gram columns of each word it has seen (words repeat
  across comments far more than they are new), and builds the sparse matrix and its TF-IDF
  weights with a few array operations. Settings it does not cover fall back to ``transform``.
- ``pack_vocabulary`` / ``unpack_vocabulary`` store a vocabulary as one string instead of a
  mapping with one saved entry per term, which made a model file take seconds to load.
"""
from __future__ import annotations

import copy
from array import array

import numpy as np
import scipy.sparse as sp

# Distinct words whose n-gram columns are remembered; past that the memory starts again.
WORD_CACHE_SIZE = 100_000
_SEPARATOR = "\n"


class FastTfidf:
    """``transform`` of one fitted ``TfidfVectorizer``, without its per-call overhead."""

    def __init__(self, vectorizer):
        self.vectorizer = vectorizer
        self.vocabulary = vectorizer.vocabulary_
        self.n_features = len(self.vocabulary)
        self.dtype = vectorizer.dtype
        self.idf = vectorizer.idf_.astype(self.dtype) if vectorizer.use_idf else None
        self.supported = (vectorizer.input == "content" and vectorizer.analyzer in ("word", "char_wb")
                          and vectorizer.norm in ("l2", "l1", None) and not vectorizer.binary)
        self.char_wb = vectorizer.analyzer == "char_wb"
        if self.char_wb:
            self.preprocess = vectorizer.build_preprocessor()
            self.white_spaces = vectorizer._white_spaces
            self.min_n, self.max_n = vectorizer.ngram_range
            self.word_columns: dict[str, array] = {}
        else:
            self.analyze = vectorizer.build_analyzer()

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        if not self.supported:
            return sp.csr_matrix(self.vectorizer.transform(texts))
        columns = self._char_columns if self.char_wb else self._word_columns
        indices = array("i")
        indptr = [0]
        for text in texts:
            columns(text, indices)
            indptr.append(len(indices))
        columns_array = np.frombuffer(indices, dtype=np.int32).copy() if indices else np.zeros(0, np.int32)
        matrix = sp.csr_matrix((np.ones(len(indices), dtype=self.dtype), columns_array,
                                np.asarray(indptr, dtype=np.int64)), shape=(len(texts), self.n_features))
        matrix.sum_duplicates()  # repeated columns become counts, indices sorted
        data = matrix.data
        if self.vectorizer.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        if self.idf is not None:
            data *= self.idf[matrix.indices]
        if self.vectorizer.norm is not None:
            row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
            size = np.abs(data) if self.vectorizer.norm == "l1" else data * data
            norms = np.bincount(row_of, weights=size, minlength=matrix.shape[0])
            if self.vectorizer.norm == "l2":
                norms = np.sqrt(norms)
            norms[norms == 0.0] = 1.0
            data /= norms[row_of].astype(self.dtype)
        return matrix

    def _word_columns(self, text: str, out: array) -> None:
        vocabulary = self.vocabulary
        out.extend([vocabulary[term] for term in self.analyze(text) if term in vocabulary])

    def _char_columns(self, text: str, out: array) -> None:
        # The analyser of analyzer="char_wb": preprocess, fold whitespace runs, then the n-grams of
        # each word padded with one space on either side (a word shorter than n counts once).
        cache = self.word_columns
        for word in self.white_spaces.sub(" ", self.preprocess(text)).split():
            found = cache.get(word)
            if found is None:
                if len(cache) >= WORD_CACHE_SIZE:
                    cache.clear()
                found = cache[word] = self._ngram_columns(" " + word + " ")
            out.extend(found)

    def _ngram_columns(self, padded: str) -> array:
        vocabulary = self.vocabulary
        grams: list[str] = []
        length = len(padded)
        for n in range(self.min_n, self.max_n + 1):
            if n >= length:
                grams.append(padded)
                break
            grams.extend(padded[i:i + n] for i in range(length - n + 1))
        return array("i", [vocabulary[g] for g in grams if g in vocabulary])


def pack_vocabulary(vectorizer):
    """A copy of a fitted vectorizer whose ``vocabulary_`` is one string of terms in column order
    (or the vectorizer itself when a term holds the separator)."""
    vocabulary = getattr(vectorizer, "vocabulary_", None)
    if not isinstance(vocabulary, dict):
        return vectorizer
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    if any(_SEPARATOR in term for term in terms) or [vocabulary[t] for t in terms] != list(range(len(terms))):
        return vectorizer
    packed = copy.copy(vectorizer)
    packed.vocabulary_ = _SEPARATOR.join(terms)
    return packed


def unpack_vocabulary(vectorizer) -> None:
    """Turn a packed ``vocabulary_`` back into the term -> column mapping, in place."""
    vocabulary = getattr(vectorizer, "vocabulary_", None)
    if isinstance(vocabulary, str):
        terms = vocabulary.split(_SEPARATOR) if vocabulary else []
        vectorizer.vocabulary_ = {term: column for column, term in enumerate(terms)}
