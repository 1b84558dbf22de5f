"""A fitted TF-IDF vectoriser as plain data, applied without scikit-learn.

``TfidfVectorizer.transform`` checks its input on every call and builds every character n-gram
of every document in Python; the stance stage calls it a few times per thread, on a thread of a
dozen comments, so that overhead was most of the stage's time. And importing scikit-learn at
all takes half a second in every worker process.

``TfidfWeights.from_vectorizer(vectorizer)`` keeps what a fitted vectorizer needs to transform
(vocabulary, idf weights, analyser settings); ``transform(texts)`` gives the same matrix as
``vectorizer.transform(texts)`` (the tests compare them for many settings). It remembers the
character n-gram columns of each word it has seen (words repeat across comments far more than
they are new) and builds the sparse matrix and its weights with a few array operations.
``to_data``/``from_data`` turn it into JSON-ready settings plus one array, for model files.
"""
from __future__ import annotations

import re
from array import array
from typing import Optional

import numpy as np
import scipy.sparse as sp

# Distinct words whose n-gram columns are remembered; past that the memory starts again.
WORD_CACHE_SIZE = 100_000
ANALYZERS = ("word", "char", "char_wb")
NORMS = ("l2", "l1", None)
DTYPES = ("float32", "float64")
_WHITE_SPACES = re.compile(r"\s\s+")  # as in scikit-learn's character analysers


class TfidfWeights:
    """The transform of a fitted ``TfidfVectorizer`` with ``input="content"``, no custom
    preprocessor, tokenizer or accent stripping (the settings commentkit's models use)."""

    def __init__(self, terms: list[str], idf: Optional[np.ndarray], *, analyzer: str = "word",
                 ngram_range=(1, 1), lowercase: bool = True, token_pattern: str = r"(?u)\b\w\w+\b",
                 stop_words=None, binary: bool = False, sublinear_tf: bool = False,
                 norm: Optional[str] = "l2", dtype: str = "float64"):
        if analyzer not in ANALYZERS or norm not in NORMS or str(dtype) not in DTYPES:
            raise ValueError(f"unsupported TF-IDF settings: analyzer={analyzer!r}, norm={norm!r}, dtype={dtype!r}")
        self.terms = list(terms)
        self.vocabulary = {term: column for column, term in enumerate(self.terms)}
        if len(self.vocabulary) != len(self.terms):
            raise ValueError("the vocabulary holds a term twice")
        self.dtype = np.dtype(str(dtype))
        self.idf = None if idf is None else np.asarray(idf).astype(self.dtype)
        if self.idf is not None and self.idf.shape != (len(self.terms),):
            raise ValueError(f"{len(self.terms)} terms but {self.idf.shape} idf weights")
        self.analyzer = analyzer
        self.min_n, self.max_n = (int(n) for n in ngram_range)
        self.lowercase = bool(lowercase)
        self.token_pattern = token_pattern
        self.tokens = re.compile(token_pattern).findall
        self.stop_words = frozenset(stop_words) if stop_words else None
        self.binary = bool(binary)
        self.sublinear_tf = bool(sublinear_tf)
        self.norm = norm
        self.n_features = len(self.terms)
        self.word_columns: dict[str, array] = {}

    @classmethod
    def from_vectorizer(cls, vectorizer) -> "TfidfWeights":
        """The weights of a fitted scikit-learn ``TfidfVectorizer`` (ValueError for settings
        this class does not reproduce)."""
        v = vectorizer
        if v.input != "content" or v.preprocessor is not None or v.tokenizer is not None or v.strip_accents:
            raise ValueError("only TfidfVectorizer(input='content') without a custom preprocessor, "
                             "tokenizer or accent stripping can be turned into TfidfWeights")
        if not isinstance(v.analyzer, str):
            raise ValueError("a callable analyzer cannot be turned into TfidfWeights")
        vocabulary = v.vocabulary_
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        if [vocabulary[t] for t in terms] != list(range(len(terms))):
            raise ValueError("the vocabulary's columns are not 0..n-1")
        stop_words = v.get_stop_words() if v.analyzer == "word" else None
        return cls(terms, v.idf_ if v.use_idf else None, analyzer=v.analyzer, ngram_range=v.ngram_range,
                   lowercase=v.lowercase, token_pattern=v.token_pattern, stop_words=stop_words,
                   binary=v.binary, sublinear_tf=v.sublinear_tf, norm=v.norm, dtype=np.dtype(v.dtype).name)

    # -- model files --------------------------------------------------------------------------
    def to_data(self) -> tuple[dict, Optional[np.ndarray]]:
        """JSON-ready settings and vocabulary, and the idf array (None without idf)."""
        settings = {"analyzer": self.analyzer, "ngram_range": [self.min_n, self.max_n], "lowercase": self.lowercase,
                    "token_pattern": self.token_pattern,
                    "stop_words": sorted(self.stop_words) if self.stop_words else None, "binary": self.binary,
                    "sublinear_tf": self.sublinear_tf, "norm": self.norm, "dtype": self.dtype.name,
                    "terms": self.terms}
        return settings, self.idf

    @classmethod
    def from_data(cls, settings: dict, idf: Optional[np.ndarray]) -> "TfidfWeights":
        settings = dict(settings)
        return cls(settings.pop("terms"), idf, **settings)

    # -- transform ----------------------------------------------------------------------------
    def transform(self, texts: list[str]) -> sp.csr_matrix:
        columns = self._word_columns if self.analyzer == "word" else self._char_columns
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
        if self.binary:
            data.fill(1.0)
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        if self.idf is not None:
            data *= self.idf[matrix.indices]
        if self.norm is not None:
            row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
            size = np.abs(data) if self.norm == "l1" else data * data
            norms = np.bincount(row_of, weights=size, minlength=matrix.shape[0])
            if self.norm == "l2":
                norms = np.sqrt(norms)
            norms[norms == 0.0] = 1.0
            data /= norms[row_of].astype(self.dtype)
        return matrix

    def _preprocess(self, text: str) -> str:
        return text.lower() if self.lowercase else text

    def _word_columns(self, text: str, out: array) -> None:
        # scikit-learn's word analyser: preprocess, tokenise, drop stop words, then n-grams of
        # min_n..max_n tokens joined by spaces.
        tokens = self.tokens(self._preprocess(text))
        if self.stop_words:
            tokens = [t for t in tokens if t not in self.stop_words]
        vocabulary = self.vocabulary
        out.extend([vocabulary[t] for t in tokens if t in vocabulary] if self.min_n == 1 else [])
        for n in range(max(self.min_n, 2), min(self.max_n, len(tokens)) + 1):
            grams = (" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
            out.extend([vocabulary[g] for g in grams if g in vocabulary])

    def _char_columns(self, text: str, out: array) -> None:
        text = _WHITE_SPACES.sub(" ", self._preprocess(text))
        if self.analyzer == "char":
            out.extend(self._ngram_columns(text, whole_short=False))
            return
        # analyzer="char_wb": the n-grams of each word padded with one space on either side (a
        # word shorter than n counts once).
        cache = self.word_columns
        for word in text.split():
            found = cache.get(word)
            if found is None:
                if len(cache) >= WORD_CACHE_SIZE:
                    cache.clear()
                found = cache[word] = self._ngram_columns(" " + word + " ", whole_short=True)
            out.extend(found)

    def _ngram_columns(self, text: str, whole_short: bool) -> array:
        vocabulary = self.vocabulary
        grams: list[str] = []
        length = len(text)
        for n in range(self.min_n, self.max_n + 1):
            if whole_short and n >= length:  # char_wb: a word shorter than n counts once, whole
                grams.append(text)
                break
            if n > length:
                break
            grams.extend(text[i:i + n] for i in range(length - n + 1))
        return array("i", [vocabulary[g] for g in grams if g in vocabulary])
