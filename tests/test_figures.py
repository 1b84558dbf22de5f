"""The normalised view of claims: rounding implied by digits, lemmas, entities, rates, cues."""
from __future__ import annotations

import pytest

from commentkit.figures import format_number, lemma, load_lexicon, make_figure
from commentkit.model import Claim

LEX = load_lexicon()


def fig(text: str, surface: str, value: float, **kw):
    start = text.index(surface)
    return make_figure(Claim(post_id="p", start=start, end=start + len(surface), surface=surface, value=value, **kw),
                       text, LEX)


@pytest.mark.parametrize("surface,value,half_unit", [
    ("850", 850, 5), ("1,168", 1168, 0.5), ("2.3 percent", 2.3, 0.05), ("$105 billion", 105e9, 0.5e9),
    ("$7.5k", 7500, 50), ("eight", 8, 0), ("3%", 3, 0.15),  # 0.5 capped at 5% of the value
])
def test_precision_follows_the_digits_written(surface, value, half_unit):
    assert fig(f"x {surface} y", surface, value).precision == pytest.approx(half_unit)


@pytest.mark.parametrize("word,expected", [("agencies", "agency"), ("taxes", "tax"), ("States", "state"),
                                           ("votes", "vote"), ("bus", "bus"), ("analysis", "analysis")])
def test_lemma(word, expected):
    assert lemma(word) == expected


def test_postal_codes_become_state_names_and_kinds_are_loaded():
    assert fig("TX (296)", "296", 296, entity="TX").entity == "Texas"
    assert "texas" in LEX.kinds["state"] and len(LEX.kinds["state"]) >= 50


def test_units_fold_synonyms_and_fractions_become_percent():
    assert fig("a quarter of it", "a quarter", 0.25, unit="fraction").value == 25
    assert fig("$5 tip", "$5", 5, unit="dollars").unit == "USD"
    assert fig("for 3 yrs", "3", 3, unit="yrs").kind == "time"


def test_rates_qualifiers_and_remainders_are_read_from_the_text():
    text = "it pays $7,500 for gear per trained officer; about 1,200 agencies and the other 35 States"
    rate = fig(text, "$7,500", 7500, unit="USD", what="gear per trained officer")
    assert rate.per == "officer" and rate.head == "gear"
    about = fig(text, "1,200", 1200, what="agencies")
    assert about.approx == pytest.approx(0.1) and about.head == "agency"
    other = fig(text, "35", 35)
    assert other.remainder and other.head == "state"
    assert fig("up to 25% of pay", "25%", 25, unit="percent").bound == "upper"


@pytest.mark.parametrize("value,text", [(1168, "1,168"), (109e9, "109 billion"), (2.4e6, "2.4 million"),
                                        (7.5, "7.5"), (765.18, "765"), (-8e9, "-8 billion")])
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("sentence,surface,what,shown", [
    ("The board approved a 12-turbine wind farm off Gull Point.", "12", "turbine", "12-turbine wind farm"),
    ("The other 35 States joined later.", "35", "states", "35 States"),
    ("It has 40 boats.", "40", "boats", "40 boats"),
])
def test_counted_noun_is_shown_as_written(sentence, surface, what, shown):
    from commentkit.figures import format_quantity
    figure = fig(sentence, surface, float(surface), what=what, sentence=sentence)
    assert format_quantity(figure, lex=LEX) == shown


@pytest.mark.parametrize("text,surface,value,tally", [
    ("The council voted 7 to 2.", "7", 7, (7, 2, 0)),
    ("The council voted 7 to 2.", "2", 2, (7, 2, 1)),
    ("Hours went from 40 to 60.", "40", 40, None),  # low to high: a range or change, not a tally
    ("Staff fell from 9 to 5 this year.", "9", 9, None),  # a change downwards, not a tally
    ("Staff fell from 9 to 5 this year.", "5", 5, None),
])
def test_tallies_are_read_from_the_text(text, surface, value, tally):
    start = text.index(surface, text.index("voted") if "voted" in text else 0)
    figure = make_figure(Claim(post_id="p", start=start, end=start + len(surface), surface=surface, value=value),
                         text, LEX)
    assert figure.tally == tally
