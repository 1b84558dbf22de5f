"""The claims component on every number form of issue 4 and on the not-claims list.

Cases are JSON fixtures written for these tests (tests/data/claims/forms.json, not_claims.json).
"""
from __future__ import annotations

import json
import math

import pytest
from spacy.language import Language

from commentkit.nlp.claims import COMPONENT
from commentkit.nlp.pipeline import ClaimExtractor
from tests.conftest import DATA

FORMS = json.loads((DATA / "claims" / "forms.json").read_text(encoding="utf-8"))["cases"]
NOT_CLAIMS = json.loads((DATA / "claims" / "not_claims.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


def _claims(extractor, text):
    return extractor.extract_texts([text])[0]


@pytest.mark.parametrize("case", FORMS, ids=[c["text"][:40] for c in FORMS])
def test_number_forms(extractor, case):
    found = {c.surface: c for c in _claims(extractor, case["text"])}
    for exp in case["expected"]:
        assert exp["surface"] in found, f"{exp['surface']!r} not among {list(found)}"
        claim = found[exp["surface"]]
        assert case["text"][claim.start:claim.end] == claim.surface
        assert math.isclose(claim.value, exp["value"], rel_tol=1e-6)
        assert claim.unit == exp["unit"]
        for key in ("low", "high", "baseline"):
            if key in exp:
                assert math.isclose(getattr(claim, key), exp[key], rel_tol=1e-6), key
        for key in ("qualifier", "change", "what", "entity"):
            if key in exp:
                assert getattr(claim, key) == exp[key], key


@pytest.mark.parametrize("case", NOT_CLAIMS, ids=[c["text"][:40] for c in NOT_CLAIMS])
def test_not_claims(extractor, case):
    text = case["text"]
    claims = _claims(extractor, text)
    for surface in case["absent"]:
        start = text.index(surface)
        end = start + len(surface)
        overlapping = [c.surface for c in claims if c.start < end and start < c.end]
        assert not overlapping, f"{surface!r} taken as a claim: {overlapping}"
    surfaces = [c.surface for c in claims]
    for surface in case.get("present", []):
        assert surface in surfaces


def test_component_is_registered_with_its_contract(extractor):
    meta = Language.get_factory_meta(COMPONENT)
    assert meta.assigns == ["doc._.claims"]
    doc = extractor.nlp("It cost $5 million.")
    assert [c.value for c in doc._.claims] == [5_000_000]


def test_extract_sets_post_ids_in_post_order(extractor):
    from commentkit.model import Post

    posts = [Post(id="a", text="We saw 12 boats."), Post(id="b", text="No numbers."), Post(id="c", text="Only 3 left, 2 gone.")]
    claims = extractor.extract(posts)
    assert [(c.post_id, c.value) for c in claims] == [("a", 12), ("c", 3), ("c", 2)]


def test_fast_path_matches_full_pipeline_on_fixtures(extractor):
    full = ClaimExtractor(fast=False)
    texts = [c["text"] for c in FORMS] + [c["text"] for c in NOT_CLAIMS]
    fast_claims = extractor.extract_texts(texts)
    full_claims = full.extract_texts(texts)
    key = lambda cs: [(c.start, c.end, c.value, c.unit) for c in cs]  # noqa: E731
    assert [key(cs) for cs in fast_claims] == [key(cs) for cs in full_claims]


WEB_ONLY = ["See http://t.co/a1B2c3 for more", "@user1982 you are wrong", "So true #Top10 #2016",
            "write to reader42@example.com today", "www.site24.com has it"]


@pytest.mark.parametrize("text", WEB_ONLY)
def test_sentences_whose_only_numbers_are_in_addresses_and_handles_are_skipped(extractor, text):
    from commentkit.nlp.pipeline import worth_parsing

    assert not worth_parsing(text)
    assert extractor.extract_texts([text]) == [[]]
    assert ClaimExtractor(fast=False).extract_texts([text]) == [[]]  # the full path agrees


@pytest.mark.parametrize("text, value", [("@user1982 they took 12 boats", 12), ("http://x.co/9 says 40% rose", 40)])
def test_a_number_beside_an_address_is_still_found(extractor, text, value):
    assert [c.value for c in extractor.extract_texts([text])[0]] == [value]


def test_untrusted_text_does_not_crash(extractor):
    texts = ["", "   ", "$$$ %%% 1/0 ½½ 9" * 50, "\x00\x01 12", "e" * 5000 + " 5 km", "—–-" * 100]
    assert len(extractor.extract_texts(texts)) == len(texts)
