"""Readings a single text leaves open and its thread settles.

``7.6m`` with no noun after it is 7.6 meters to the claims stage (which sees one text at a time:
"the wall is 3m high"). In a thread whose article states a count or an amount of a million or
more, and where nobody writes a length any other way (``km``, ``feet``, ``12 metres``), a reader's
"went from 4.4m to 7.6m" means millions. The length units are data (``lang/en/compare.json``).
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from commentkit.model import Claim

_BARE_M = re.compile(r"\d[\d,]*(?:\.\d+)?m(?:\s*(?:to|-|–)\s*\d[\d,]*(?:\.\d+)?m)?")
_MILLION = 1e6


@lru_cache(maxsize=1)
def _length_units() -> frozenset:
    path = Path(__file__).resolve().parent / "lang" / "en" / "compare.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["length_units"])


def _bare_m(claim: Claim) -> bool:
    return claim.unit == "meter" and _BARE_M.fullmatch(claim.surface or "") is not None


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
