"""commentkit.nlp.numbers: surface text -> number (cases in tests/data/claims/numbers.json)."""
from __future__ import annotations

import json
import math

import pytest

from commentkit.nlp.numbers import parse_number, scan_numbers
from tests.conftest import DATA

CASES = json.loads((DATA / "claims" / "numbers.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("surface,value", CASES["cases"], ids=[c[0] for c in CASES["cases"]])
def test_parse_number(surface, value):
    assert math.isclose(parse_number(surface), value, rel_tol=1e-6)


@pytest.mark.parametrize("surface", CASES["not_numbers"])
def test_not_a_single_number(surface):
    assert parse_number(surface) is None


def test_scan_keeps_offsets_and_separates_lists():
    text = "Exercises 22,24,26 and 3 hundred and 2 hundred."
    found = [(text[n.start:n.end], n.value) for n in scan_numbers(text)]
    assert found == [("22", 22), ("24", 24), ("26", 26), ("3 hundred", 300), ("2 hundred", 200)]


def test_scan_does_not_join_across_lines():
    text = "twenty\nthousand"
    assert [n.value for n in scan_numbers(text)] == [20]
