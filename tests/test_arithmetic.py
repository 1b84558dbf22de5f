"""Derivations from article figures, their index, and the article self-check."""
from __future__ import annotations

import random

from commentkit.arithmetic import DerivationIndex, best_derivation, derivations, remainders, self_check
from commentkit.figures import load_lexicon, make_figure
from commentkit.model import Claim

LEX = load_lexicon()
TEXT = ("Of 612 farms in 28 counties, Kern County has 140 farms and Riverside County 95 farms. "
        "Sales rose 40% to 1,500 units, up from 1,200. The $2.4 million went to 300 streetlights.")


def article():
    specs = [("612", 612, dict(what="farms")), ("28", 28, dict(what="counties")),
             ("140", 140, dict(what="farms", entity="Kern County")), ("95", 95, dict(what="farms", entity="Riverside County")),
             ("40%", 40, dict(unit="percent", what="sales", change="increase")),
             ("1,500", 1500, dict(what="units", baseline=1200)), ("1,200", 1200, dict(what="units")),
             ("$2.4 million", 2.4e6, dict(unit="USD", what="streetlights")), ("300", 300, dict(what="streetlights"))]
    out = []
    for surface, value, kw in specs:
        start = TEXT.index(surface)
        out.append(make_figure(Claim(post_id="article", start=start, end=start + len(surface), surface=surface,
                                     value=value, **kw), TEXT, LEX))
    return out


def labels(derived, value):
    return {d.label for d in derived if abs(d.value - value) < 1e-9}


def test_derivations_cover_the_documented_kinds_of_arithmetic():
    derived = derivations(article(), [], LEX)
    assert "sum of the named parts" in labels(derived, 235)
    assert "total minus the named parts" in labels(derived, 612 - 235)
    assert "percent change" in labels(derived, 25)
    assert "per-unit division" in labels(derived, 8000)
    assert "difference" in labels(derived, 300)  # 1,500 − 1,200


def test_remainder_without_a_gazetteer_uses_entities_named_near_the_total():
    (rem,) = remainders(article(), LEX)
    assert rem.total.value == 28 and set(rem.named) == {"Kern County", "Riverside County"} and rem.value == 26


def test_index_finds_what_a_full_scan_finds():
    figures = article()
    derived = derivations(figures, [], LEX)
    index = DerivationIndex(derived)
    rng = random.Random(6)
    probe = figures[0]
    for _ in range(300):
        value = rng.choice([d.value for d in derived]) * rng.uniform(0.97, 1.03)
        target = make_figure(Claim(post_id="c", start=0, end=3, surface="123", value=value, what="farms"), "", LEX)
        allowance = 0.01 * value
        assert best_derivation(target, index, allowance) == best_derivation(target, derived, allowance)
    assert probe.value == 612


def test_self_check_flags_a_stated_change_its_figures_contradict():
    (check,) = self_check(article(), 0.01)
    assert "increase of 40%" in check.explanation and "1,200 → 1,500" in check.explanation
    assert check.arithmetic == "(1,500 − 1,200) / 1,200 = +25%"
