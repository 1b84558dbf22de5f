"""Rates per a round number of something: '5.4 per 100,000 residents', '7.9 homicides per
100,000 people', '12 cases per million'. The figure becomes one rate (unit 'count per 100000
residents'; 'count per 100000' when no noun is written) and the round number is not a claim of its
own. Bases, and the words that end the noun, are data: ``lang/en/units.json`` ``per_base``."""
from __future__ import annotations

import re

from commentkit.nlp import lexicon
from commentkit.nlp.numbers import SCALES
from commentkit.nlp.quantities import Quantity, Tags

_PER_BASE = lexicon.load("units")["per_base"]
PER_BASES = frozenset(float(b) for b in _PER_BASE["bases"])
_PER_STOP = frozenset(_PER_BASE["stop"])
_PER_GAP_RE = re.compile(r"(?:\s+[A-Za-z][A-Za-z'-]*){0,3}?\s+per\s+$")
_PER_WORD_RE = re.compile(r"(?:\s+[A-Za-z][A-Za-z'-]*){0,3}?\s+per\s+(?:a\s+)?(million|thousand)\b", re.I)
_PER_NOUN_RE = re.compile(r"\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?")


def per_round_number(text: str, quantities: list[Quantity], tags: Tags) -> list[Quantity]:
    """'5.4 per 100,000 residents', '7.9 homicides per 100,000 people': one rate per a round
    number of something (unit 'count per 100000 residents'); the round number is not a claim."""
    out: list[Quantity] = []
    i = 0
    while i < len(quantities):
        q = quantities[i]
        base = quantities[i + 1] if i + 1 < len(quantities) else None
        if q.multiplier or " per " in q.unit or q.unit in ("percent", "percentage point"):
            out.append(q)
            i += 1
            continue
        word_base = _PER_WORD_RE.match(text, q.end)  # "12 cases per million": the scale word alone
        if word_base and (base is None or base.start >= word_base.end()):
            value, base_end, step = SCALES[word_base.group(1).lower()], word_base.end(), 1
        elif base is not None and not base.explicit_unit and base.low is None and base.value in PER_BASES \
                and _PER_GAP_RE.fullmatch(text[q.end:base.start]):
            value, base_end, step = base.value, base.end, 2
        else:
            out.append(q)
            i += 1
            continue
        noun_words, end = _per_noun(text, base_end, tags)
        q.unit = f"{q.unit} per {value:.0f} {' '.join(noun_words)}".rstrip()
        q.explicit_unit = True
        if re.match(r"\s+per\s", text[q.end:q.end + 6]):
            q.end = end  # "5.4 per 100,000 residents": the rate is the figure's whole surface
        out.append(q)
        i += step
    return out


def _per_noun(text: str, pos: int, tags: Tags) -> tuple[list[str], int]:
    """The noun after a rate's base ("residents", "live births") and where it ends; none: ([], pos)."""
    m = _PER_NOUN_RE.match(text, pos)
    if not m:
        return [], pos
    words = [(m.group(k), m.start(k), m.end(k)) for k in (1, 2) if m.group(k)]
    if tags.tags:
        kinds = [tags.tag(start) for _, start, _ in words]
        if kinds and kinds[0].startswith("NN"):
            return [words[0][0]], words[0][2]
        if len(kinds) == 2 and kinds[0] in ("JJ", "VBG", "VBN") and kinds[1].startswith("NN"):
            return [words[0][0], words[1][0]], words[1][2]  # "live births"
        return [], pos
    out, end = [], pos
    for word, _, word_end in words:
        if word in _PER_STOP:
            break
        out.append(word)
        end = word_end
    return out, end
