"""The spaCy component that finds numeric assertions and sets ``Doc._.claims``.

The component (``commentkit_claims``, made with ``Language.factory``) reads the quantities of each
sentence (``commentkit.nlp.quantities``) and describes each as a ``Claim``: what is counted
(``agencies``), the entity it belongs to (``Florida`` in "Florida, with 342 agreements"; ``TX`` ->
Texas in "TX (296)"), the qualifier (``up to``, ``a minimum of``) and any change (``increased by
950%``; ``up from 135`` gives the figure before it a baseline of 135). It uses the tagger's
part-of-speech tags and, when the pipeline has one, the dependency parse.

``Doc._.claims`` is registered here, once, and nowhere else.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from commentkit.model import Claim
from commentkit.nlp import lexicon
from commentkit.nlp.quantities import DECREASE, INCREASE, MONTHS, Quantity, Tags, find_quantities
from commentkit.nlp.sentences import split_sentences
from commentkit.nlp.units import TIME_UNITS

COMPONENT = "commentkit_claims"
_CUES = lexicon.load("claims")
QUALIFIERS = sorted(_CUES["qualifiers"], key=len, reverse=True)
_QUALIFIER_RE = re.compile(r"(?:^|(?<=[^a-z0-9]))(" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s*$")
CANONICAL_QUALIFIER = _CUES["qualifiers"]
BOUND_HIGH = frozenset(_CUES["bound_qualifiers"]["high"])
BOUND_LOW = frozenset(_CUES["bound_qualifiers"]["low"])
ENTITY_LINKS = frozenset(_CUES["entity_links"])
ENTITY_LINK_VERBS = frozenset(_CUES["entity_link_verbs"])
ENTITY_AFTER = frozenset(_CUES["entity_after"])
COUNTED_SKIP = frozenset(_CUES["counted_noun_skip"])
NOT_COUNTED = frozenset(_CUES["not_counted_nouns"])
PERIOD_NOUNS = frozenset(_CUES["period_nouns"])
CHANGE_NOUNS = {noun: kind for kind, nouns in _CUES["change_nouns"].items() for noun in nouns}
CHANGE_NOUNS_PERCENT_ONLY = frozenset(_CUES["change_nouns_of_percent_only"])
BY_INCREASE = frozenset(_CUES["change_verbs_by"]["increase"])
OR_SUFFIXES = _CUES["or_suffixes"]
LEVEL_VERBS = frozenset(_CUES["level_verbs_before_up_to"]) | INCREASE | DECREASE | frozenset(_CUES["change_words"])
STATES = lexicon.states()
STATE_NAMES = {name.lower(): name for name in STATES.values()}
_NOUNS = ("NOUN", "PROPN")
TAG_TO_POS = _CUES["tag_to_pos"]
MULTIPLIER_VERBS = {k: float(v) for k, v in _CUES["multiplier_verbs"].items()}
_EARLIER_LINK_RE = re.compile(r"^(?:\s+[A-Za-z-]+){0,4}\s*,?\s*(?:" + "|".join(re.escape(w) for w in _CUES["earlier_links"]) + r")\s*$", re.I)
_EARLIER_TIME_RE = re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(_CUES["earlier_times"], key=len,
                                                                               reverse=True))
                              + r"|in (?:19|20)\d\d)\b", re.I)


def _pos(tok: Token) -> str:
    """Universal POS from the tagger's fine tag (the attribute ruler is not loaded on the fast path)."""
    return tok.pos_ or TAG_TO_POS.get(tok.tag_, "")

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory(COMPONENT, assigns=["doc._.claims"], default_config={})
def make_claims_component(nlp: Language, name: str) -> "ClaimsComponent":
    return ClaimsComponent()


class ClaimsComponent:
    """Sets ``doc._.claims`` (a list of Claim, offsets into ``doc.text``, post_id left empty)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = claims_in_doc(doc)
        return doc


def claims_in_doc(doc: Doc, post_id: str = "") -> list[Claim]:
    """The claims of a parsed (or only tokenized) Doc, sentence by sentence, in text order."""
    text = doc.text
    tagged = doc.has_annotation("TAG")
    out: list[Claim] = []
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        if not sentence.strip():
            continue
        span = doc.char_span(s_start, s_end, alignment_mode="expand") if tagged else None
        local = Tags({t.idx - s_start: t.tag_ for t in span} if span is not None else {}, {0})
        quantities = find_quantities(sentence, local)
        claims = [_describe(doc, q, s_start, sentence, post_id) for q in quantities]
        _link_baselines(sentence, quantities, claims)
        out.extend(claims)
    return out


def _tidy(value: Optional[float]) -> Optional[float]:
    """2.05 × 1e6 is 2049999.9999999998 in binary floating point; readers wrote 2,050,000."""
    return None if value is None else float(f"{value:.15g}")


def _describe(doc: Doc, q: Quantity, offset: int, sentence: str, post_id: str) -> Claim:
    claim = Claim(post_id=post_id, start=q.start + offset, end=q.end + offset, surface=sentence[q.start:q.end],
                  value=_tidy(q.value), low=_tidy(q.low), high=_tidy(q.high), unit=q.unit, change=q.change,
                  baseline=_tidy(q.baseline), sentence=sentence.strip())
    _apply_qualifier(claim, sentence, q)
    if claim.change is None:
        claim.change = _change_before(sentence, q.start, strict=q.unit == "count") or _change_after(sentence, q) \
            or _change_noun_of(sentence, q)
    if claim.change is None and claim.baseline is None:
        _multiplied_to(sentence, q.start, claim)
    span = doc.char_span(q.num_start + offset, q.num_end + offset, alignment_mode="expand")
    if span is not None and len(span):
        unit_end = doc.char_span(q.num_start + offset, q.end + offset, alignment_mode="expand")
        claim.what = _what(doc, span, unit_end, q)
        claim.entity = _entity(doc, span, unit_end, q)
        age_of = _age_apposition(doc, span, claim) or _age_copula(doc, span, claim)
        if age_of:
            claim.unit, claim.what, claim.entity = "year", "age", age_of
        elif _aged(doc, span, claim):
            claim.unit, claim.what = "year", "age"  # "aged 57", "a 57-year-old"
    return claim


def _apply_qualifier(claim: Claim, sentence: str, q: Quantity) -> None:
    """Qualifier as written ('up to', '20+', '20 or more'); bounds follow from its meaning."""
    qualifier = _qualifier(sentence, q.start)
    if qualifier == "up to" and _after_change_verb(sentence, q.start, qualifier):
        qualifier = None  # "went up to $2.90": the new level, not an upper bound
    if qualifier is None and re.match(r"[\d.,]+\+", sentence[q.num_start:q.end]):
        qualifier = "at least"  # "20+ years"
    if qualifier is None and re.match(r"-?ish\b|-odd\b", sentence[q.num_end:q.end]):
        qualifier = "about"  # "40-ish percent", "30-odd years"
    or_suffix = re.search(r" (or \w+)\b", sentence[q.num_end:q.end])
    if qualifier is None and or_suffix and or_suffix.group(1) in OR_SUFFIXES:
        qualifier = or_suffix.group(1)  # "20 or more years"
    if not qualifier:
        return
    claim.qualifier = qualifier
    canonical = CANONICAL_QUALIFIER.get(qualifier) or OR_SUFFIXES.get(qualifier, qualifier)
    if canonical in BOUND_HIGH and claim.high is None:
        claim.high = claim.value
    elif canonical in BOUND_LOW and claim.low is None:
        claim.low = claim.value


def _after_change_verb(sentence: str, start: int, qualifier: str) -> bool:
    """The qualifier follows a verb of change ("fares went up to", "rose up to")."""
    before = sentence[max(0, start - 40):start].lower().rstrip()
    before = before[:len(before) - len(qualifier)] if before.endswith(qualifier) else before
    words = re.findall(r"[a-z]+", before)
    return bool(words) and words[-1] in LEVEL_VERBS


def _qualifier(sentence: str, start: int) -> Optional[str]:
    """The qualifier phrase written just before a quantity ('up to', 'a minimum of', '~')."""
    m = _QUALIFIER_RE.search(sentence[max(0, start - 30):start].lower())
    return m.group(1) if m else None


def _change_before(sentence: str, start: int, strict: bool = False) -> Optional[str]:
    """'increased by 950%', 'up 9.4 per cent', 'fell 7%': the figure is a change.

    ``strict`` (plain counts): only with 'by' or up/down ("rose by 3", "up 40"), since "lost 3 games"
    or "grew 5 tomatoes" name no change."""
    before = sentence[max(0, start - 40):start].lower()
    qualifier = _qualifier(sentence, start)
    if qualifier:
        before = before.rstrip()[:-len(qualifier)]
    words = re.findall(r"[A-Za-z]+", before)[-3:]
    if words and words[-1] in ("from", "to", "at"):
        return None  # "up from 135": the baseline; "dropped to 3.4%": the new level, not the change
    had_by = bool(words) and words[-1] == "by"
    if had_by:
        words = words[:-1]
    if strict and not had_by and not (words and words[-1] in ("up", "down")):
        return None
    if len(words) >= 2 and words[-1].endswith("ly"):
        words = words[:-1]  # "rose sharply by 20%"
    if words and words[-1] in INCREASE:
        return "increase"
    if words and words[-1] in DECREASE:
        return "decrease"
    if had_by:  # "reduced hospital admissions by 30%": the verb's object stands between
        return _verb_before_object(before)
    return None


def _verb_before_object(before: str) -> Optional[str]:
    """The change verb opening the clause's last few words before 'by' ("cut the deficit by")."""
    clause = re.split(r"[,;:()]", before)[-1]
    words = re.findall(r"[a-z]+", clause)[:-1][-7:]  # without the 'by'
    for word in reversed(words[:-1]):  # the verb comes before its object
        if (word in INCREASE or word in BY_INCREASE) and word not in ("up", "higher"):
            return "increase"
        if word in DECREASE and word not in ("down", "lower"):
            return "decrease"
    return None


def _change_after(sentence: str, q: Quantity) -> Optional[str]:
    """'a 19% increase', 'a 3 percent drop': a percentage named as a change by the noun after it;
    'a 5p rise', 'a £200 increase': an amount after an article, named so (not 'a £2m loss': a result)."""
    words = re.match(r"\s+([a-z]+)(?:\s+([a-z]+))?", sentence[q.end:q.end + 30])
    if not words:
        return None
    if q.unit not in ("percent", "percentage point", "basis point"):
        article = re.search(r"\b(?:a|an|the)\s+$", sentence[max(0, q.start - 5):q.start], re.I)
        noun = words.group(1)
        if not article or noun in CHANGE_NOUNS_PERCENT_ONLY:
            return None
        return CHANGE_NOUNS.get(noun)
    return CHANGE_NOUNS.get(words.group(1)) or CHANGE_NOUNS.get(words.group(2) or "")  # "a 5% annual rise"


def _multiplied_to(sentence: str, start: int, claim: Claim) -> None:
    """'has doubled to 3,000': the new level, from 1,500 (value / 2)."""
    words = re.findall(r"[a-z]+", sentence[max(0, start - 30):start].lower())[-2:]
    if len(words) == 2 and words[1] == "to" and words[0] in MULTIPLIER_VERBS:
        factor = MULTIPLIER_VERBS[words[0]]
        claim.change = "increase" if factor > 1 else "decrease"
        claim.baseline = _tidy(claim.value / factor)


def _change_noun_of(sentence: str, q: Quantity) -> Optional[str]:
    """'a rise of 42%', 'an increase of 3,000 nurses': the figure is the amount of a named change."""
    qualifier = _qualifier(sentence, q.start)
    before = sentence[max(0, q.start - 40):q.start].lower().rstrip()
    if qualifier:
        before = before[:-len(qualifier)]
    words = re.findall(r"[a-z]+", before)[-2:]
    if len(words) < 2 or words[1] != "of":
        return None
    noun = words[0][:-1] if words[0].endswith("s") and words[0][:-1] in CHANGE_NOUNS else words[0]
    if noun in CHANGE_NOUNS_PERCENT_ONLY and q.unit not in ("percent", "percentage point", "basis point"):
        return None  # "a loss of $3.4m": a result, not a change
    return CHANGE_NOUNS.get(noun)


def _level_change(sentence: str, start: int) -> Optional[str]:
    """'fell to 6.5pc': the change verb before a new level ("to"), for linking its baseline."""
    words = re.findall(r"[A-Za-z]+", sentence[max(0, start - 30):start].lower())[-2:]
    if len(words) == 2 and words[1] == "to":
        return "increase" if words[0] in INCREASE else "decrease" if words[0] in DECREASE else None
    return None


_BASELINE_RE = re.compile(r"\b(?:(up|down|increase[sd]?|rose|risen|grew|jumped|climbed|fell|dropped|"
                          r"declined|decreased|compared)\s+)?(?:with\s+|to\s+)?from\s*$", re.I)


def _link_baselines(sentence: str, quantities: list[Quantity], claims: list[Claim]) -> None:
    """'1,168 agencies ..., up from 135', 'fell to 6.5pc in May from 6.6pc': the second figure is
    the baseline of the first."""
    for i in range(1, len(quantities)):
        prev, cur = claims[i - 1], claims[i]
        gap = sentence[quantities[i - 1].end:quantities[i].start]
        bare = cur.unit == "count" and not quantities[i].explicit_unit and prev.unit != "count" and prev.value \
            and 0.1 <= cur.value / prev.value <= 10  # "180 yen, up from 170": the same unit, not written again
        stated_before = prev.baseline is not None and not quantities[i - 1].baseline_implied
        if len(gap) > 80 or stated_before or (
                prev.unit.split(" per ")[0] != cur.unit.split(" per ")[0] and not bare):
            continue
        m = _BASELINE_RE.search(gap)
        if not m and _EARLIER_LINK_RE.match(gap) and _EARLIER_TIME_RE.match(sentence[quantities[i].end:]):
            prev.baseline = cur.value  # "15 sales, compared with 12 a year earlier"
            prev.change = "increase" if prev.value > cur.value else "decrease"
            if cur.what is None:
                cur.what = prev.what
            continue
        if not m:
            continue
        start = quantities[i - 1].start
        verb = m.group(1) or _change_before(sentence, start) or _level_change(sentence, start)
        if not verb and not re.search(r"\b(?:up|down|increase|decrease|rose|fell)\b", gap, re.I):
            continue
        prev.baseline = cur.value
        if bare:
            cur.unit = prev.unit
        word = verb.lower() if verb else ""
        if word in ("up", "increase") or word in INCREASE:
            prev.change = "increase"
        elif word in ("down", "decrease") or word in DECREASE:
            prev.change = "decrease"
        else:
            prev.change = "increase" if prev.value > cur.value else "decrease"
        if cur.what is None:
            cur.what = prev.what


def _is_noun(tok: Token) -> bool:
    """A common noun (proper nouns only when plural-looking: 'other 35 States')."""
    pos = _pos(tok)
    if pos:
        return pos == "NOUN" or (pos == "PROPN" and tok.text.endswith("s") and not tok.is_sent_start)
    return tok.is_alpha and tok.is_lower


def _what(doc: Doc, numeral: Span, with_unit: Optional[Span], q: Quantity) -> Optional[str]:
    """The counted noun: '1,168 agencies', 'other 35 States participating', '25% of ... salary'."""
    last = numeral[-1]
    span_end = with_unit[-1].i if with_unit is not None else last.i
    if (q.unit == "count" or (q.unit.startswith("count per ") and q.end == q.num_end)) and not q.multiplier:
        if last.dep_ == "nummod" and span_end < last.head.i <= last.i + 4 and _is_noun(last.head) \
                and last.head.lower_ not in PERIOD_NOUNS and last.head.lower_ not in NOT_COUNTED:
            return _noun_text(last.head)  # (not "685,000 last year": a time, as the fast path reads it)
        j = (with_unit[-1].i if with_unit is not None else last.i) + 1
        measured = _measured_noun(doc, j)
        if measured is not None:
            return _noun_text(measured)  # "two 50mg doses", "three 2-litre bottles" (as the parse reads them)
        if j + 1 < len(doc) and doc[j].text == "-" and _is_noun(doc[j + 1]):
            return _noun_text(doc[j + 1])  # "a 12-vehicle crash"
        while j < len(doc) and (_pos(doc[j]) in ("ADJ",) or doc[j].lower_ in COUNTED_SKIP) and j - last.i <= 3:
            j += 1
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
            while j < len(doc) and _pos(doc[j]) in ("DET", "ADJ", "PRON", "NUM") and j - last.i <= 5:
                j += 1
        if j < len(doc) and _is_noun(doc[j]) and doc[j].lower_ not in NOT_COUNTED \
                and doc[j].lower_ not in PERIOD_NOUNS:
            while j + 1 < len(doc) and _pos(doc[j + 1]) == "NOUN" and doc[j + 1].lower_ not in NOT_COUNTED:
                j += 1  # the head of a compound: "task force officers" -> officers
            return _noun_text(doc[j])
        return None
    end = with_unit[-1].i + 1 if with_unit is not None else last.i + 1
    if end < len(doc) and doc[end].lower_ in ("of", "for") and (q.unit == "percent" or doc[end].lower_ == "for"):
        j, best = end + 1, None
        while j < len(doc) and j - end <= 5 and (_pos(doc[j]) in ("DET", "ADJ", "PART", "PRON", "NUM")
                                                 or _is_noun(doc[j])):
            if _is_noun(doc[j]):
                best = doc[j]
            j += 1
        if best is not None and best.lower_ not in PERIOD_NOUNS:  # "$89.5 billion for the quarter": no
            return _noun_text(best)
    return None


def _measured_noun(doc: Doc, j: int) -> Optional[Token]:
    """The plural noun after a measure or hyphenated modifier that describes it: 'two [50mg] doses',
    'four [10,000-ton] ships', '4,250 [first-year] students' (as the parse attaches them)."""
    if j >= len(doc) or doc[j].tag_ not in ("CD", "JJ"):
        return None
    k = j + 1
    if k < len(doc) and doc[k].text == "-":
        k += 1
    elif doc[j].tag_ == "JJ":
        return None
    plural = ("NNS", "NN") if doc[j].tag_ == "JJ" else ("NNS",)  # "300 full-time staff"
    if k + 1 < len(doc) and _is_noun(doc[k]) and doc[k + 1].tag_ in plural \
            and doc[k + 1].lower_ not in NOT_COUNTED and doc[k + 1].lower_ not in PERIOD_NOUNS:
        return doc[k + 1]
    return None


def _noun_text(tok: Token) -> str:
    return tok.text.lower()


def _entity(doc: Doc, numeral: Span, with_unit: Optional[Span], q: Quantity) -> Optional[str]:
    """Who or where a figure belongs to: 'TX (296)', 'Florida, with 342 agreements'."""
    first = numeral[0]
    i = first.i - 1
    while i >= 0 and doc[i].text in ("$", "€", "£", "~") or (i >= 0 and doc[i].text.lower() in ("about", "around")):
        i -= 1
    skipped = 0
    while i >= 0 and doc[i].text in ("(", ",", ":") and skipped < 2:
        i, skipped = i - 1, skipped + 1
    if i >= 0:
        name = _state(doc[i].text)
        if name and (skipped or doc[i].text.isupper()):
            return name
        if skipped and "(" in [doc[k].text for k in range(i + 1, first.i)] and _is_proper(doc[i]):
            return _proper_run(doc, i)
    if i >= 1 and doc[i].text in ("'s", "’s") and _is_proper(doc[i - 1]) and not skipped:
        return _proper_run(doc, i - 1)  # "Germany's 2.1%"
    # "Florida, with 342 agreements", "Alabama with 52 agreements"
    j = first.i - 1
    while j >= 0 and (doc[j].lower_ in ("about", "around", "nearly", "over", "some", "just") or doc[j].text in "$€£"):
        j -= 1
    if j >= 1 and (doc[j].lower_ in ENTITY_LINKS or (doc[j].lower_ in ENTITY_LINK_VERBS and q.unit not in TIME_UNITS)):
        k = j - 1
        if doc[k].text == ",":
            k -= 1
        if k >= 1 and doc[k].tag_ in ("RB", "RBR") and doc[k].is_lower:
            k -= 1  # "Poland already spends 4%"
        if k >= 1 and doc[k].lower_ in ("is", "are", "was", "were", "will", "has", "had", "have"):
            k -= 1  # "France is spending €431bn"
        if k >= 0 and _is_proper(doc[k]):
            return _proper_run(doc, k)
    # "342 agreements in Florida"
    end = with_unit[-1].i + 1 if with_unit is not None else numeral[-1].i + 1
    if end < len(doc) and _is_noun(doc[end]):
        end += 1
    if end + 1 < len(doc) and doc[end].lower_ in ENTITY_AFTER and _is_proper(doc[end + 1]) \
            and not _PERIOD_CODE.fullmatch(doc[end + 1].text):  # "in Q3" is a time, not a place
        name = _proper_run(doc, end + 1, forward=True)
        following = doc[end + 1 + len(name.split())] if end + 1 + len(name.split()) < len(doc) else None
        if following is None or not following.like_num:  # "in Year One" is no place
            return name
    return None


def _age_apposition(doc: Doc, numeral: Span, claim: Claim) -> Optional[str]:
    """'Ronaldo, 38, has scored': a person's age between commas after the name."""
    first, last = numeral[0], numeral[-1]
    if claim.unit != "count" or claim.what or not (0 < claim.value < 120) or not float(claim.value).is_integer():
        return None
    if first.i < 2 or doc[first.i - 1].text != "," or last.i + 1 >= len(doc) or doc[last.i + 1].text != ",":
        return None
    name = doc[first.i - 2]
    if _pos(name) != "PROPN" or _state(name.text) or name.text.isupper():
        return None
    return _proper_run(doc, name.i)


def _age_copula(doc: Doc, numeral: Span, claim: Claim) -> Optional[str]:
    """'Weston is 57', 'Biden was 78 when': a person's name, is/was, and a bare whole number that
    ends its clause."""
    first, last = numeral[0], numeral[-1]
    if claim.unit != "count" or claim.what or not (0 < claim.value < 120) or not float(claim.value).is_integer():
        return None
    if first.i < 2 or doc[first.i - 1].lower_ not in ("is", "was", "turns", "turned", "'s"):
        return None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and not (after.is_punct or after.lower_ in ("and", "but", "when", "now", "today")):
        return None
    name = doc[first.i - 2]
    if _pos(name) != "PROPN" or _state(name.text) or name.text.isupper():
        return None
    return _proper_run(doc, name.i)


def _aged(doc: Doc, numeral: Span, claim: Claim) -> bool:
    """'aged 57', 'a 57-year-old': an age, whoever's it is."""
    first = numeral[0]
    if claim.unit == "count" and first.i >= 1 and doc[first.i - 1].lower_ == "aged" and 0 < claim.value < 120:
        return True
    return claim.unit == "year" and not claim.what and claim.surface.lower().replace(" ", "-").endswith("-year-old")


_PERIOD_CODE = re.compile(r"(?:Q[1-4]|H[12]|FY\d{0,4}|CY\d{0,4})", re.I)


def _state(text: str) -> Optional[str]:
    if text.isupper() and text in STATES:
        return STATES[text]
    return STATE_NAMES.get(text.lower()) if text[:1].isupper() else None


def _is_proper(tok: Token) -> bool:
    if tok.lower_ in MONTHS:
        return False
    if _state(tok.text):
        return True
    if not tok.text[:1].isupper():
        return False
    pos = _pos(tok)
    return pos == "PROPN" if pos else (tok.is_title and not tok.is_sent_start)


def _proper_run(doc: Doc, i: int, forward: bool = False) -> str:
    """The proper name around token i ('New Mexico', 'Montgomery County'), state codes spelled out."""
    start = end = i
    step_ok = lambda k: 0 <= k < len(doc) and _pos(doc[k]) == "PROPN" and doc[k].text[:1].isupper()  # noqa: E731
    if forward:
        while step_ok(end + 1):
            end += 1
    else:
        while step_ok(start - 1) and not doc[start].is_sent_start:
            start -= 1
    text = doc[start:end + 1].text
    return _state(text) or text
