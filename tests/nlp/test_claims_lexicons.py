"""The lexicons under commentkit/lang/en/ are well-formed data (other stages reuse states.json)."""
from __future__ import annotations

import re

from commentkit.nlp import lexicon


def test_states_is_a_plain_abbreviation_to_name_mapping():
    states = lexicon.states()
    assert states["TX"] == "Texas" and states["FL"] == "Florida" and states["PA"] == "Pennsylvania"
    assert all(re.fullmatch(r"[A-Z]{2}", k) and isinstance(v, str) for k, v in states.items())
    assert len({v for k, v in states.items()}) >= 51  # 50 states and DC at least


def test_currency_markers_map_to_iso_codes():
    cur = lexicon.load("currencies")
    codes = list(cur["prefix"].values()) + list(cur["words"].values()) + list(cur["qualified_words"].values()) \
        + list(cur["suffix_symbols"].values())
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert cur["prefix"]["$"] == "USD" and cur["prefix"]["£"] == "GBP" and cur["words"]["yen"] == "JPY"


def test_unit_names_are_singular_lowercase_english():
    units = lexicon.load("units")
    canon = set(units["symbols"].values()) | set(units["names"].values())
    assert {"kilometer", "mile per hour", "degree celsius", "year", "day"} <= canon
    plural_exceptions = ("celsius", "hertz", "parts per million", "parts per billion")
    for name in canon:
        assert name == name.lower(), name
        assert not re.search(r"(?<!s)s$", name.split(" per ")[0]) or name.startswith(plural_exceptions) \
            or name.endswith(plural_exceptions), name


def test_number_words_are_consistent():
    numbers = lexicon.load("numbers")
    assert numbers["units"]["seven"] == 7 and numbers["tens"]["ninety"] == 90
    assert numbers["scales"]["million"] == 1e6 and numbers["scales"]["lakh"] == 1e5
    assert all(low < high for low, high in numbers["scales_plural_vague"].values())
