"""Readings a single text leaves open and its thread settles.

"350,000,000 pounds" is a weight to the claims stage (no scale word, no £); in a thread whose
article gives sterling amounts and no weights, it is money.

``7.6m`` with no noun after it is 7.6 meters to the claims stage (which sees one text at a time:
"the wall is 3m high"). In a thread whose article states a count or an amount of a million or
more, and where nobody writes a length any other way (``km``, ``feet``, ``12 metres``), a reader's
"went from 4.4m to 7.6m" means millions. The length units are data (``lang/en/compare.json``).

A comment figure in another unit of a dimension the article uses ("104.5F" against "40.3C") is
restated in the article's unit before it is judged (``in_article_units``; the table is
``unit_conversions`` in ``compare.json``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from commentkit.compare_lexicon import read_lang
from commentkit.model import Claim

_BARE_M = re.compile(r"\d[\d,]*(?:\.\d+)?m(?:\s*(?:to|-|–)\s*\d[\d,]*(?:\.\d+)?m)?")
_MILLION = 1e6


@lru_cache(maxsize=1)
def _length_units() -> frozenset:
    return frozenset(read_lang("compare.json")["length_units"])


def _bare_m(claim: Claim) -> bool:
    return claim.unit == "meter" and _BARE_M.fullmatch(claim.surface or "") is not None


def settle_units(claims: list[Claim], article_id: str) -> list[Claim]:
    """The claims with the readings the thread settles: bare 'Nm' as millions, 'pounds' as money."""
    return pounds_as_sterling(bare_m_as_millions(claims, article_id), article_id)


def pounds_as_sterling(claims: list[Claim], article_id: str) -> list[Claim]:
    """'350,000,000 pounds' is a weight to the claims stage unless a scale word or £ says money; in
    a thread whose article gives sterling amounts and no weights, pounds are sterling."""
    if not any(c.unit == "pound-mass" for c in claims):
        return claims
    article = [c for c in claims if c.post_id == article_id]
    if any(c.unit in _mass_units() for c in article) or not any(c.unit.split(" per ")[0] == "GBP" for c in article):
        return claims
    return [replace(c, unit="GBP") if c.unit == "pound-mass" else c for c in claims]


@lru_cache(maxsize=1)
def _mass_units() -> frozenset:
    return frozenset(read_lang("compare.json")["unit_conversions"]["mass"])


def bare_m_as_millions(claims: list[Claim], article_id: str) -> list[Claim]:
    """The claims with each bare 'Nm' read as N million when the thread speaks of millions and of
    no lengths; otherwise the claims unchanged."""
    if not any(_bare_m(c) for c in claims):
        return claims
    if any(c.unit in _length_units() and not _bare_m(c) for c in claims):
        return claims  # "12 metres" elsewhere: the thread does talk about lengths
    if not any(c.post_id == article_id and not _bare_m(c) and c.unit != "percent" and abs(c.value) >= _MILLION
               for c in claims):
        return claims
    return [_as_millions(c) if _bare_m(c) else c for c in claims]


def _as_millions(claim: Claim) -> Claim:
    scaled = {key: getattr(claim, key) * _MILLION for key in ("value", "low", "high", "baseline")
              if getattr(claim, key) is not None}
    return replace(claim, unit="count", **scaled)


@lru_cache(maxsize=1)
def _conversions() -> dict:
    """unit -> (dimension, factor, offset) from lang/en/compare.json."""
    table = read_lang("compare.json")["unit_conversions"]
    out = {}
    for dimension, units in table.items():
        for unit, how in units.items():
            factor, offset = (how, 0.0) if isinstance(how, (int, float)) else how
            out[unit] = (dimension, float(factor), float(offset))
    return out


def in_article_units(figures: list, article: list) -> list:
    """Comment figures restated in the article's unit of the same dimension ("104.5F" against the
    article's "40.3C" becomes 40.28 degrees Celsius; "100 km/h" against "60mph" 62.1 miles per hour),
    so they are judged like any figure; the claim itself (surface, unit as written) is kept."""
    table = _conversions()
    targets: dict = {}  # (dimension, per) -> the article's unit
    for art in article:
        if art.kind == "measure" and art.unit in table:
            targets.setdefault((table[art.unit][0], art.per), art.unit)
    if not targets:
        return figures
    out = []
    for fig in figures:
        target = None
        if fig.kind == "measure" and fig.unit == "degree":  # "38.7 degrees": the article's temperature unit
            target = targets.get(("temperature", fig.per))
            named = {"head": target, "what": frozenset([target])} if target and fig.head == fig.unit else {}
            out.append(replace(fig, unit=target, **named) if target else fig)
            continue
        if fig.kind == "measure" and fig.unit in table:
            target = targets.get((table[fig.unit][0], fig.per))
        out.append(_converted(fig, target, table) if target and target != fig.unit else fig)
    return out


def _converted(fig, target: str, table: dict):
    _, factor, offset = table[fig.unit]
    _, to_factor, to_offset = table[target]

    def level(v):
        return None if v is None else ((v * factor + offset) - to_offset) / to_factor

    named = {"head": target, "what": frozenset([target])} if fig.head == fig.unit else {}  # what = the unit
    return replace(fig, unit=target, value=level(fig.value), low=level(fig.low), high=level(fig.high),
                   baseline=level(fig.baseline), precision=fig.precision * factor / to_factor, **named)
