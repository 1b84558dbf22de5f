"""Join neighbouring quantities into ranges (``80% – 89%``, ``between 5 and 6 thousand``) and
changes (``rose from 240 to 273``), and apply plus-minus tolerances (``9.83 ± 0.01``)."""
from __future__ import annotations

import re

from commentkit.nlp import lexicon
from commentkit.nlp.quantities import DECREASE, INCREASE, Quantity

_CUES = lexicon.load("claims")
JOINERS = frozenset(_CUES["range_joiners"])
CHANGE_WORDS = INCREASE | DECREASE | frozenset(_CUES["change_words"])


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text[max(0, pos - 60):pos])][-n:]


def _head(unit: str) -> str:
    return unit.split(" per ")[0]


def _compatible(a: Quantity, b: Quantity) -> bool:
    if a.vague or b.vague or a.multiplier != b.multiplier:
        return False
    return _head(a.unit) == _head(b.unit) or not a.explicit_unit or not b.explicit_unit


def join_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(quantities):
        q = quantities[i]
        if i + 1 < len(quantities):
            merged = _join(text, q, quantities[i + 1])
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(q)
        i += 1
    return out


def _join(text: str, a: Quantity, b: Quantity):
    between = text[a.end:b.start]
    joiner = " ".join(between.split()).lower()
    if a.unit == "foot" and between == "-" and not b.explicit_unit and text[b.num_start:b.num_end].isdigit() \
            and b.value < 12:
        return _feet_inches(a, b)  # "6-foot-2"
    if joiner.strip("-") == "in" or joiner == "out of":
        joiner = "in"
    if joiner == "in" and not a.explicit_unit and not b.explicit_unit and 0 < a.value < b.value \
            and float(a.value).is_integer() and float(b.value).is_integer() and not a.vague and not b.vague:
        return _ratio(a, b)  # "1 in 5 adults", "one out of three"
    if joiner in ("±", "+/-", "+-", "+/−") and not a.explicit_unit or joiner in ("±", "+/-") and b.explicit_unit:
        return _tolerance(a, b)
    before = _words_before(text, a.start, 5)
    if joiner == "to" and a.unit == "percent" and b.explicit_unit and b.unit not in ("percent", "percentage point") \
            and before and (before[-1] == "by" or before[-1] in INCREASE or before[-1] in DECREASE):
        _new_level(a, b, before)  # "fell 12% to $180": $180 after the fall, from $204.55
        return None
    if joiner not in JOINERS or len(between) > 6 or not _compatible(a, b):
        return None
    if before and (before[-1] == "by" or before[-1] in CHANGE_WORDS) and joiner in ("to", "-", "–") \
            and (a.explicit_unit or _amount_then_level(text, a, b, before, joiner) or _share_then_level(a, b, joiner)):
        _new_level(a, b, before)
        return None  # "increased by $43.6 billion to $419.2 billion", "grew by 2.3 million to 67.6 million"
    if joiner in ("-", "–", "—", "to") and a.value > b.value >= 0 and a.unit == b.unit and a.explicit_unit \
            and b.explicit_unit and not (before and before[-1] in ("from", "between")):
        return None  # "passed 52% to 48%": two shares, not a range (ranges go low to high)
    if joiner in ("and", "or") and (not before or before[-1] != "between"):
        if _shares_unit(text, a, b, between):
            a.unit, a.explicit_unit = b.unit, True  # "45 and 50 mg"
        if joiner == "and" or a.explicit_unit or not b.explicit_unit or b.unit == "percent":
            return None
    if joiner in ("-", "–", "—") and (between != joiner and between.strip() != joiner):
        return None
    if joiner in ("-", "–", "—") and not (text[a.num_end - 1].isdigit() and text[b.num_start].isdigit()):
        return None  # "three-nought-four" is a list of digits, not a range
    if joiner in ("-", "–", "—", "to") and a.value > b.value and not a.explicit_unit and not b.explicit_unit \
            and not (before and before[-1] in ("from", "between")):
        return None  # "passed 51-49", "voted 7 to 2": a tally or score, not a range (ranges go low to high)
    low_q, high_q = a, b
    if not a.explicit_unit:
        a.unit = b.unit
    if b.scale and not a.scale and (a.unit == b.unit or not b.explicit_unit) \
            and not (_has_own_prefix(text, a) and _has_own_prefix(text, b)) \
            and a.value * b.scale <= abs(b.value) * 100:
        a.value *= b.scale  # "between 5 and 6 thousand", "5-6k", "$5-6bn" (one sign, one scale for both)
    unit = b.unit if b.explicit_unit and len(b.unit) >= len(a.unit) else a.unit
    merged = Quantity(a.start, b.end, a.value, unit=unit,
                      num_start=a.num_start, num_end=b.num_end, scale=b.scale,
                      explicit_unit=a.explicit_unit or b.explicit_unit, multiplier=a.multiplier)
    if before and before[-1] == "from" and any(w in CHANGE_WORDS for w in before[:-1]):
        merged.value, merged.baseline = high_q.value, low_q.value
        merged.change = "increase" if high_q.value > low_q.value else "decrease"
        return merged
    merged.low, merged.high = min(a.value, b.value), max(a.value, b.value)
    merged.value = merged.low
    return merged


def _amount_then_level(text: str, a: Quantity, b: Quantity, before: list, joiner: str) -> bool:
    """'grew by 2.3 million to 67.6 million': after 'by', a change written with its own scale (or
    far smaller than the second figure), then the level it reached ("rose by 5 to 10 percent"
    stays a range)."""
    if before[-1] != "by" or joiner != "to" or a.unit != b.unit or not 0 < a.value < b.value:
        return False
    if a.scale is not None and b.scale is not None:
        return True
    return a.scale is None and b.scale is None and b.value > 4 * a.value  # "fell by 120,000 to 685,000"


def _share_then_level(a: Quantity, b: Quantity, joiner: str) -> bool:
    """'cut by a third to £40bn': a fraction in words, then the level it led to."""
    return joiner == "to" and not a.explicit_unit and 0 < a.value < 1 and b.value >= 1


def _new_level(a: Quantity, b: Quantity, before: list) -> None:
    """'by 2.3 million to 67.6 million', 'fell 3p to 142p': the second figure is the new level,
    reached from b − a (or b + a after a fall); after 'fell 12% to $180' or 'cut by a third to
    £40bn', from b / (1 − 12%) or b / (1 − ⅓)."""
    share = a.value / 100 if a.unit == "percent" else a.value if _share_then_level(a, b, "to") else None
    if share is None and (_head(a.unit) != _head(b.unit) or a.unit == "percentage point"):
        return
    if b.unit in ("percent", "percentage point"):
        return
    verbs = before[:-1] if before[-1] == "by" else before[-1:]  # "grew by 2.3 million to", "fell 3p a litre to"
    direction = next((w for w in reversed(verbs) if w in INCREASE or w in DECREASE), None)
    if direction is None:
        return
    b.change = "increase" if direction in INCREASE else "decrease"
    b.baseline_implied = True
    if share is not None:
        factor = 1 + share if b.change == "increase" else 1 - share
        if factor > 0:
            b.baseline = b.value / factor
        return
    b.baseline = b.value - a.value if b.change == "increase" else b.value + a.value


def _shares_unit(text: str, a: Quantity, b: Quantity, between: str) -> bool:
    """'45 and 50 mg': a bare number in a pair takes the unit written after the second."""
    return (not a.explicit_unit and b.explicit_unit and a.end == a.num_end and between.strip() in ("and", "or")
            and text[a.num_start:a.num_end][:1].isdigit() and b.unit not in ("count",))


def _has_own_prefix(text: str, q: Quantity) -> bool:
    return q.start < q.num_start


def _feet_inches(a: Quantity, b: Quantity) -> Quantity:
    return Quantity(a.start, b.end, a.value + b.value / 12, unit="foot", num_start=a.num_start, num_end=b.num_end,
                    explicit_unit=True)


def _ratio(a: Quantity, b: Quantity) -> Quantity:
    return Quantity(a.start, b.end, a.value / b.value, unit="count", num_start=a.num_start, num_end=b.num_end)


def _tolerance(a: Quantity, b: Quantity) -> Quantity:
    merged = Quantity(a.start, b.end, a.value, unit=b.unit if b.explicit_unit else a.unit,
                      num_start=a.num_start, num_end=a.num_end, explicit_unit=a.explicit_unit or b.explicit_unit)
    merged.low, merged.high = a.value - abs(b.value), a.value + abs(b.value)
    return merged
