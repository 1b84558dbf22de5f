"""Featurizers for stance records (comment text, its article/source, its parent comment).

A record is a dict: ``text``, ``source`` (the article), ``parent`` (parent comment text or None),
``depth`` (0 = reply to the article) and optional ``numeric_agree`` / ``numeric_contradict``
(shares of the comment's figures that agree with / contradict the article's).

Nothing here imports scikit-learn: this module computes features from fitted state held as plain
data (``TfidfWeights``, lexicon entries, column scales), so the analysis processes start without
it. The scikit-learn estimators that learn that state are in ``commentkit.nlp.stance``.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from commentkit.nlp.lexicon import trie_regex
from commentkit.nlp.sentiment import polarity_subjectivity
from commentkit.nlp.vectorize import TfidfWeights
from commentkit.quotes import own_words

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lang" / "en"
# Bump when a change makes the features of a text come out different: model files record the
# version they were trained with and are refused by a commentkit that computes another.
FEATURES_VERSION = 1
CUE_LEXICONS = ("denial", "hedging", "question", "negation", "support", "mockery", "swearing", "address")

_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[a-z0-9']+")
_LEADING_MENTIONS = re.compile(r"^(?:\s*(?:@user|rt)\b:?)+")
_QUOTE = re.compile(r"[\"“”«»]|^\s*(?:>|&gt;)", re.M)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# Longer comments are cut for featurising: the stance is stated early, and a pasted novel must
# not stall a run.
MAX_CHARS = 1000
_MENTION_LED = re.compile(r"\s*[.“\"]?@\w")


def mention_led(record: dict) -> bool:
    """True for a Twitter-style reply that opens by @-addressing people. Such replies follow
    different habits from forum and newspaper comments, so the model learns the context features
    separately for the two styles (and newspaper comments fall on the forum side)."""
    return bool(_MENTION_LED.match(record.get("text") or ""))


def normalize(text: str) -> str:
    """Lower-cased text with URLs and @-mentions replaced by placeholders (they carry no stance
    in their exact form, only in their presence)."""
    text = _URL.sub(" httpurl ", (text or "")[:MAX_CHARS])
    text = _MENTION.sub(" @user ", text)
    return text.lower()


def read_lexicon(name: str) -> list[str]:
    """The entries of ``lang/en/stance_<name>.txt``: one per line, '#' comments, lower-cased."""
    path = LEXICON_DIR / f"stance_{name}.txt"
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entries.append(line)
    return sorted(set(entries))


def _lexicon_pattern(entries) -> re.Pattern:
    """Any entry as a whole word or phrase (word boundaries that allow apostrophes inside); at a
    position the longest entry that fits wins, so "not true" beats "not"."""
    return _compiled_lexicon(tuple(sorted(set(entries))))


@lru_cache(maxsize=64)
def _compiled_lexicon(entries: tuple) -> re.Pattern:
    # As a trie (see lexicon.trie_regex): the same matches as the longest-first alternation.
    return re.compile(r"(?<![\w'])(?:" + trie_regex(entries) + r")(?![\w'])")


_RUN = re.compile(r"[\w']+")


class _Cues:
    """A cue lexicon ready for matching: its pattern, and the first word of every entry.

    An entry can only match where its first run of word characters and apostrophes is a whole
    such run of the text (the pattern's boundaries see to that), so a text none of whose runs is a
    first word is skipped without running the pattern: most comments for most lexicons.
    """

    def __init__(self, entries):
        self.pattern = _lexicon_pattern(entries)
        firsts = [_RUN.match(entry) for entry in entries]
        self.always = any(m is None for m in firsts)  # an entry that opens with punctuation
        self.firsts = frozenset(m.group(0) for m in firsts if m is not None)

    def may_match(self, runs: set) -> bool:
        return self.always or not self.firsts.isdisjoint(runs)

    def count(self, text: str, runs: set) -> int:
        return len(self.pattern.findall(text)) if self.may_match(runs) else 0

    def found(self, text: str, runs: set) -> bool:
        return self.may_match(runs) and self.pattern.search(text) is not None


@lru_cache(maxsize=64)
def _cues(entries: tuple) -> _Cues:
    return _Cues(entries)


_SURFACE_FEATURES = (
    "sim_source", "sim_parent", "overlap_source", "overlap_parent", "source_contained", "has_parent",
    "is_source", "depth", "log_length", "question_marks", "ends_with_question", "exclamations", "urls",
    "mentions", "hashtags", "quotes", "upper_ratio", "digits", "emoji", "parent_question",
    "answers_question", "numeric_agree", "numeric_contradict")


def _surface(record: dict, t: str, source: str, p: str) -> dict:
    """Form features of one normalised comment ``t`` with its article and parent (all bounded)."""
    raw = (record.get("text") or "")[:MAX_CHARS]
    letters = sum(map(str.isalpha, raw))
    return {
        "has_parent": float(bool(p.strip())),
        "is_source": float(bool(t.strip()) and t.strip() == source.strip()),  # the post that states the claim
        "depth": math.log1p(max(int(record.get("depth") or 0), 0)),
        "log_length": math.log1p(len(_WORD.findall(t))) / 5.0,
        "question_marks": min(t.count("?"), 3) / 3.0,
        "ends_with_question": float(t.rstrip().endswith("?")),
        "exclamations": min(t.count("!"), 3) / 3.0,
        "urls": min(t.count("httpurl"), 3) / 3.0,
        "mentions": min(t.count("@user"), 5) / 5.0,
        "hashtags": min(t.count("#"), 5) / 5.0,
        "quotes": float(bool(_QUOTE.search(raw))),
        "upper_ratio": sum(map(str.isupper, raw)) / letters if letters else 0.0,
        "digits": float(any(map(str.isdigit, _URL.sub("", raw)))),
        "emoji": min(len(_EMOJI.findall(raw)), 3) / 3.0,
        "parent_question": float("?" in p),
        "answers_question": float("?" in (p or source) and "?" not in t),
        "numeric_agree": float(record.get("numeric_agree") or 0.0),
        "numeric_contradict": float(record.get("numeric_contradict") or 0.0),
    }


def normalized_texts(records, key: str) -> list[str]:
    """The normalised ``key`` field of every record."""
    # normalize() reads only the first MAX_CHARS characters: a cut key gives the same result and
    # keeps a pasted novel out of the cache.
    if key == "source":
        return [_normalized((r.get(key) or "")[:MAX_CHARS]) for r in records]
    # A comment's (or parent's) quoted lines are someone else's words: its stance is in the rest.
    return [_normalized(own_words((r.get(key) or "")[:MAX_CHARS])) for r in records]


@lru_cache(maxsize=8192)
def _normalized(text: str) -> str:
    # Each comment is normalised for two featurizers, and a thread's article and a parent for
    # every reply to them: the same strings come back many times in a row.
    return normalize(text)


def context_feature_names(lexicons, sentiment: bool) -> list[str]:
    names = list(_SURFACE_FEATURES)
    for name in lexicons:
        names += [f"{name}_count", f"{name}_first", f"parent_{name}"]
    if sentiment:
        names += ["polarity", "subjectivity", "negative", "positive"]
    return names


class ContextBlock:
    """Dense features: similarity/overlap with the article and the parent, cue lexicons,
    TextBlob sentiment, punctuation, URLs, quotes, depth and numeric agreement.

    Fitted state as plain data: the cue lexicons' entries (kept in the model, so a saved model does
    not change when the data files are edited later), the word TF-IDF used for similarity, and a
    scale per column (unit variance on the training data).
    """

    def __init__(self, lexicon_entries: dict, words: TfidfWeights, sentiment: bool = True,
                 scale: np.ndarray | None = None):
        self.lexicon_entries = {name: list(entries) for name, entries in lexicon_entries.items()}
        self.words = words
        self.sentiment = bool(sentiment)
        self.names = context_feature_names(self.lexicon_entries, self.sentiment)
        self.scale = np.asarray(np.ones(len(self.names)) if scale is None else scale, dtype=np.float32)
        if self.scale.shape != (len(self.names),):
            raise ValueError(f"{len(self.names)} context features but {self.scale.shape} scales")

    def feature_names(self) -> list[str]:
        return list(self.names)

    def dense(self, records) -> np.ndarray:
        """The scaled features as a dense array (records x features)."""
        return self.rows(records) * self.scale

    def rows(self, records) -> np.ndarray:
        """The features before scaling."""
        cues = {name: _cues(tuple(entries)) for name, entries in self.lexicon_entries.items()}
        names = self.names
        text, source, parent = (normalized_texts(records, key) for key in ("text", "source", "parent"))
        text_matrix = self.words.transform(text)
        text_words = [set(_WORD.findall(t)) for t in text]
        sim_source, overlap_source, contained = self._similarity(text_matrix, text_words, source)
        sim_parent, overlap_parent, _ = self._similarity(text_matrix, text_words, parent)
        rows = np.zeros((len(records), len(names)), dtype=np.float32)
        parent_cues = {}
        for p in dict.fromkeys(parent):  # a parent is often replied to many times
            runs = set(_RUN.findall(p))
            parent_cues[p] = {name: float(cue.found(p, runs)) for name, cue in cues.items()}
        for i, record in enumerate(records):
            f = _surface(record, text[i], source[i], parent[i])
            f.update(sim_source=sim_source[i], sim_parent=sim_parent[i], overlap_source=overlap_source[i],
                     overlap_parent=overlap_parent[i], source_contained=contained[i])
            # The opening words, after the @-mentions a reply starts with.
            opening_words = _WORD.findall(_LEADING_MENTIONS.sub("", text[i]))[:4]
            opening, opening_runs = " ".join(opening_words), set(opening_words)
            runs = set(_RUN.findall(text[i]))
            for name, cue in cues.items():
                f[f"{name}_count"] = min(cue.count(text[i], runs), 3) / 3.0
                f[f"{name}_first"] = float(cue.found(opening, opening_runs))
                f[f"parent_{name}"] = parent_cues[parent[i]][name]
            if self.sentiment:
                raw = own_words((record.get("text") or "")[:MAX_CHARS])
                polarity, subjectivity = polarity_subjectivity(raw)
                f.update(polarity=polarity, subjectivity=subjectivity, negative=float(polarity < -0.1),
                         positive=float(polarity > 0.1))
            rows[i] = [f[name] for name in names]
        return rows

    def _similarity(self, text_matrix, text_words: list[set], other: list[str]):
        """Cosine of word TF-IDF vectors, the share of the comment's words found in the other
        text and the share of the other text's words found in the comment. Each distinct other
        text (an article shared by a whole thread) is vectorised once."""
        unique = {t: i for i, t in enumerate(dict.fromkeys(other))}
        other_matrix = self.words.transform(list(unique))
        rows = other_matrix[[unique[t] for t in other]]
        cosine = np.asarray(text_matrix.multiply(rows).sum(axis=1)).ravel()
        other_words = {t: set(_WORD.findall(t)) for t in unique}
        overlap = np.zeros(len(other), dtype=np.float32)
        contained = np.zeros(len(other), dtype=np.float32)  # share of the other text quoted here
        for i, (words, o) in enumerate(zip(text_words, other)):
            if words and other_words[o]:
                shared = len(words & other_words[o])
                overlap[i] = shared / len(words)
                contained[i] = shared / len(other_words[o])
        return cosine, overlap, contained
