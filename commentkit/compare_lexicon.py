"""The compare stage's lexicon (``lang/en/compare.json`` and ``states.json``) and the light
English lemmas it is keyed by: tolerances, qualifiers, synonyms, stopwords, unit tables."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@dataclass(frozen=True)
class Lexicon:
    tolerance: float
    max_rounding_slack: float
    fraction_word_slack: float  # "a quarter" stands for 22–28%: the rounding a fraction word implies
    derived_max_slack: float
    derived_min_round_value: float
    derived_max_crowd: int
    approximation: dict
    lower_bound: tuple
    upper_bound: tuple
    remainder_cues: tuple
    change_cues: frozenset
    personal_cues: tuple
    per_cues: frozenset  # single words: per, each, every, a, an, /
    population_words: frozenset  # canonical lemmas: a bare count in a sentence with one is a population
    person_nouns: frozenset  # canonical lemmas of kinds of people ("parent"): partly what "people" counts
    unit_plurals: dict  # "foot" -> "feet"
    verbs_after_figures: frozenset  # "62% support ...": a verb, not what the figure counts
    ratio_units: frozenset
    time_units: dict  # spelling -> canonical time unit
    percent_units: frozenset
    fraction_units: frozenset
    currency_synonyms: dict
    currency_symbols: dict
    synonyms: dict  # lemma -> canonical lemma
    stopwords: frozenset
    states: dict  # postal code -> state name
    kinds: dict  # kind lemma ("state") -> frozenset of lower-cased member names


_LANG = Path(__file__).resolve().parent / "lang" / "en"


def read_lang(name: str):
    """A JSON file of lang/en/ (compare.json, states.json, units.json, ...)."""
    return json.loads((_LANG / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = read_lang("compare.json")
    states = read_lang("states.json")
    synonyms = {}
    for group in data["synonyms"]:
        canonical = lemma(group[0])
        for word in group:
            synonyms[lemma(word)] = canonical
    time_units = {spelling: unit for unit, spellings in data["time_units"].items() for spelling in spellings}
    kinds = {}
    for kind, filename in data["entity_kinds"].items():
        members = read_lang(filename)
        names = members.values() if isinstance(members, dict) else members
        kinds[lemma(kind)] = frozenset(n.lower() for n in names)
    return Lexicon(
        tolerance=float(data["tolerance"]),
        max_rounding_slack=float(data["max_rounding_slack"]),
        fraction_word_slack=float(data["fraction_word_slack"]),
        derived_max_slack=float(data["derived_max_slack"]),
        derived_min_round_value=float(data["derived_min_round_value"]),
        derived_max_crowd=int(data["derived_max_crowd"]),
        approximation={k.lower(): float(v) for k, v in data["approximation"].items()},
        lower_bound=tuple(q.lower() for q in data["lower_bound"]),
        upper_bound=tuple(q.lower() for q in data["upper_bound"]),
        remainder_cues=tuple(data["remainder_cues"]),
        change_cues=frozenset(data["change_cues"]),
        personal_cues=tuple(data["personal_cues"]),
        per_cues=frozenset(c for cue in data["per_cues"] for c in cue.lower().split()) - {"for"},
        unit_plurals=dict(data["unit_plurals"]),
        verbs_after_figures=frozenset(w.lower() for w in data["verbs_after_figures"]),
        person_nouns=frozenset(_canonical_word(w, synonyms) for w in data["person_nouns"]),
        population_words=frozenset(_canonical_word(w, synonyms) for w in data["population_words"]),
        ratio_units=frozenset(data["ratio_units"]),
        time_units=time_units,
        percent_units=frozenset(data["percent_units"]),
        fraction_units=frozenset(data["fraction_units"]),
        currency_synonyms={k.lower(): v for k, v in data["currency_synonyms"].items()},
        currency_symbols=dict(data["currency_symbols"]),
        synonyms=synonyms,
        stopwords=frozenset(data["stopwords"]),
        states={k.upper(): v for k, v in states.items()},
        kinds=kinds,
    )


def _canonical_word(word: str, synonyms: dict) -> str:
    lem = lemma(word)
    return synonyms.get(lem, lem)


def lemma(word: str) -> str:
    """A light English lemma: lower-case, plural endings removed (agencies -> agency)."""
    w = word.lower().strip("'’.-")
    if len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("xes", "ches", "shes", "sses")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def content_lemmas(text: str, lex: Lexicon) -> frozenset:
    """Canonical lemmas of the content words in ``text`` (stopwords dropped, synonyms folded)."""
    out = set()
    for match in _WORD.finditer(text or ""):
        word = match.group().lower()
        if word in lex.stopwords or len(word) < 2:
            continue
        lem = lemma(word)
        out.add(lex.synonyms.get(lem, lem))
    return frozenset(out)
