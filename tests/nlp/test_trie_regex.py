"""Lexicon patterns built as tries match exactly what the longest-first alternations matched."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from commentkit.nlp.lexicon import trie_regex
from commentkit.nlp.stance_features import CUE_LEXICONS, _Cues, _lexicon_pattern, read_lexicon

ALPHABET = "abno t'-?!."
entries = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=6).map(str.strip).filter(bool),
                   min_size=1, max_size=12, unique=True)
texts = st.text(alphabet=ALPHABET + "xyz,\n", max_size=60)


def _alternation(items) -> str:
    return "|".join(re.escape(e) for e in sorted(items, key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(entries, texts)
def test_trie_matches_the_longest_first_alternation(items, text):
    bounded = r"(?<![\w'])(?:{})(?![\w'])"
    old = re.compile(bounded.format(_alternation(items)))
    new = re.compile(bounded.format(trie_regex(items)))
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
    loose_old, loose_new = re.compile(_alternation(items)), re.compile(trie_regex(items))
    assert [m.span() for m in loose_new.finditer(text)] == [m.span() for m in loose_old.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(entries, texts)
def test_cue_counts_skip_only_texts_that_cannot_match(items, text):
    cues = _Cues(items)
    runs = set(re.findall(r"[\w']+", text))
    assert cues.count(text, runs) == len(cues.pattern.findall(text))
    assert cues.found(text, runs) == (cues.pattern.search(text) is not None)


def test_the_shipped_cue_lexicons_prefer_the_longer_phrase():
    for name in CUE_LEXICONS:
        items = read_lexicon(name)
        pattern = _lexicon_pattern(items)
        for entry in items:
            assert pattern.fullmatch(entry), (name, entry)
    negation = _lexicon_pattern(["no", "no one", "not", "not true"])
    assert negation.findall("no one said it is not true, no") == ["no one", "not true", "no"]
    assert negation.findall("nobody, noone, not-true") == ["not"]
