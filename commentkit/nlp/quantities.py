"""Numerals -> quantities: what a number means where it stands.

Given a text and the numerals ``numbers.scan_numbers`` found in it, this stage
- drops numerals that are not claims: dates and years, clock times, phone numbers, ordinals,
  digits inside names and codes (``COVID-19``, ``287(g)``, ``Game 7``), list markers;
- attaches what is written around a numeral: a sign, a currency (``$``, ``US$``, ``EUR``,
  ``dollars``, ``Danish crowns``), a scale suffix (``77k``, ``$195M``, ``5 bn``), percent, a unit
  (``km``, ``miles per hour``, ``square feet``, ``$15.4/hour``) or a multiplier (``3x``);
- joins ranges (``80% – 89%``, ``between 5 and 6 thousand``, ``5-6k``) and changes
  (``rose from 135 to 1,168``).
Word lists come from ``commentkit/lang/en/{currencies,units,claims}.json``. Part-of-speech tags,
when the caller has them (``Tags``), settle the few cases words alone cannot (a year vs "2000
people"; "one" the number vs "one" the pronoun).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from commentkit.nlp import lexicon
from commentkit.nlp.numbers import SCALES, SUFFIX_ALWAYS, SUFFIX_WITH_CURRENCY, Number, scan_numbers
from commentkit.nlp.units import NAME_LIKE_CODES, UnitMatch, match_prefix_currency, match_unit

_CUES = lexicon.load("claims")
_NUMBERS = lexicon.load("numbers")
_CURRENCIES = lexicon.load("currencies")
MONTHS = frozenset(_CUES["months"])
_MONTHS_NEED_CAPITAL = frozenset(_CUES["months_need_capital"])
YEAR_CUES = frozenset(_CUES["year_cues"])
YEAR_LOW, YEAR_HIGH = _CUES["year_range"]
ONE_BLOCK_BEFORE = frozenset(_CUES["one_blockers_before"])
ONE_BLOCK_AFTER = frozenset(_CUES["one_blockers_after"])
ONE_IDIOM_BEFORE = frozenset(_CUES["one_idiom_before"])
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:" + "|".join(_CUES["partitive_determiners"]) + r")\b((?:\s+[A-Za-z'’-]+){0,3})",
                           re.IGNORECASE)
SUPERLATIVES = frozenset(_CUES["superlative_words"])
LABEL_WORDS = frozenset(_CUES["label_words"])
DEICTIC = frozenset(_CUES["deictic_modifiers"])
HALF_CUES = frozenset(_CUES["half_cues_before"])
HALF_BLOCK = frozenset(_CUES["half_blockers_before"])
CODE_PREFIXES = frozenset(_CUES["code_prefixes"])
INCREASE = frozenset(_CUES["increase_words"])
DECREASE = frozenset(_CUES["decrease_words"])
SPACED_SCALES = {k: float(v) for k, v in _NUMBERS["scale_abbreviations_spaced"].items() if not k.startswith("_")}
_SPACED_SCALE_RE = re.compile(r" (" + "|".join(sorted(SPACED_SCALES, key=len, reverse=True)) + r")\b(?!-)")
STATES = lexicon.states()
OR_SUFFIXES = _CUES["or_suffixes"]
_OR_SUFFIX_RE = re.compile(r" (" + "|".join(sorted(OR_SUFFIXES, key=len, reverse=True)) + r")\b")

_LABELS_ALT = "|".join(sorted({re.escape(w) for w in _CUES["label_words"]} - {"measure", "rank", "ranked"},
                              key=len, reverse=True))  # "the fish measures 5 to 10 cm" is no label
# "junctions 14 and 15", "pages 12-15", "chapters 3, 4 and 7": labels in a list, the plural label before them
# (not "the herd numbers 1,150 cows": a comma before three digits groups thousands)
_LABEL_LIST_RE = re.compile(rf"\b(?:{_LABELS_ALT})s?\.?\s+#?\d+(?:\s*(?:,(?!\d{{3}}\b)|and|or|to|&|-|–)\s*#?\d+)+(?![\d%]|[.,]\d)", re.I)
_DIAL_RE = re.compile(r"\b(?:" + "|".join(_CUES["dial_words"]) + r")\s+(?:on\s+)?\+?\d[\d-]*(?<=\d)(?![\d%]|[.,]\d)"
                      r"(?!\s+[A-Za-z]+s\b)", re.I)
_POSSESSIVES = r"(?:my|our|your|his|her|their)"
_IDIOM_RE = re.compile(r"(?<![\w])(?:" + "|".join(
    re.escape(p).replace(re.escape("{poss}"), _POSSESSIVES).replace(r"\ ", r"\s+")
    for p in sorted(_CUES["idioms"], key=len, reverse=True)) + r")(?![\w%])", re.I)
SCORE_WORDS = frozenset(_CUES["score_words"])
TALLY_WORDS = frozenset(_CUES["tally_words"])
_SCORE_RE = re.compile(r"(?<![\w.,$€£-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w.,%]|\s?(?:%|per ?cent))")
_NAMED = sorted(_CUES["named_numbers"]["names"], key=len, reverse=True)
_NAMED_RE = re.compile(r"(?<![\w/])(?:" + "|".join(re.escape(n) for n in _NAMED) + r")(?![\w/])", re.I)
FRACTION_DENOMINATORS = frozenset(_CUES["fraction_denominators"])
_ROUND_PLURAL_RE = re.compile(r"(?<![\w.,])(10|100|1,?000)['’]?s\b")
_MONTH_ALT = "|".join(sorted(_CUES["months"], key=len, reverse=True))
# Web addresses, e-mail addresses, @handles and #hashtags: no number in them is a claim.
WEB_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.[A-Za-z]{2,}|(?<!\w)[@#][A-Za-z0-9_]+", re.I)
_BLOCK_RES = [
    WEB_RE,
    # clock times: 10:45, 5:00 AM, 2pm, 10.45pm, 5 a.m.
    re.compile(r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?", re.I),
    re.compile(r"(?<![\d.])\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b|o['’]clock)", re.I),
    # numeric dates: 5/17/2018, 2019-05-17, 17.05.2019
    re.compile(r"(?<![\d.,/])\d{1,4}([/.-])\d{1,2}\1\d{1,4}(?![\d/])"),  # one separator throughout (not "1.5-2°C")
    # phone numbers: +1-222-2222/2222, (555) 123-4567, 555-123-4567
    re.compile(r"(?<![\d,.])(?:\+?\d{1,3}[\s.-])?(?:\(\d{2,4}\)\s?|\d{2,4}[.-])\d{3,4}[./-]\d{3,4}(?:/\d+)?(?![\d,])"),
    # phone numbers written with spaces: 0800 123 4567, (020) 7946 0958, 07700 900123, +44 20 7946 0958,
    # 555 123 4567 (a leading 0 or + marks a dialling code; no quantity is written that way)
    re.compile(r"(?<![\w,.+])(?:(?:\+\d{1,3}\s?)?\(?0\d{2,4}\)?[\s-]\d{3,4}[\s-]\d{3,4}|0\d{3,4}\s\d{6}"
               r"|\+\d{1,3}(?:[\s.-]\(?\d{1,4}\)?){2,4}|\d{3}[ .]\d{3}[ .]\d{4})(?![\d,])"),
    # year ranges and decades: 2012–13, 2013-14, 1960s, '90s
    re.compile(r"(?<![\d,.$€£])(?:1[0-9]|20)\d{2}\s?[–—-]\s?(?:\d{2}|(?:1[0-9]|20)\d{2})(?![\d%])(?!\s?(?:%|percent|per cent))"),
    re.compile(r"(?<![\w.,])(?:['’]?[1-9]0|1[0-9]{2}0|20[0-9]0)['’]?s\b"),
    # ordinals: 2nd, 21st, 96th-minute
    re.compile(r"(?<![\d.,])\d+(?:st|nd|rd|th)\b", re.I),
    # codes: 287(g), list markers at the start of a line
    re.compile(r"\d+\([a-zA-Z0-9]{1,3}\)"),
    re.compile(r"(?m)^[ \t]*\d{1,3}[.)](?=\s|$)"),
    # month + day / day + month / month + year: Jan. 26, 26 January, September 2025, June of 2018
    re.compile(rf"\b(?:{_MONTH_ALT})\.?,?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s?[-–]\s?\d{{1,2}}\b)?"
               rf"(?:,?\s+\d{{4}}\b)?(?![\d,.]\d)", re.I),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_ALT})\b\.?(?:,?\s+\d{{4}}\b)?", re.I),
    re.compile(rf"\b(?:{_MONTH_ALT})\.?,?\s+(?:of\s+)?\d{{4}}\b", re.I),
    # rank and issue markers: No. 5, #5
    re.compile(r"(?:\bNo\.|#)\s?\d+"),
    # a year cut to two digits after a year cue: "class of '09", "back in ’98", "since '15"
    re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(YEAR_CUES, key=len, reverse=True)
                                          if w.isalpha()) + r")\s+['’]\d{2}(?=$|[\s.,;:!?)])", re.I),
]


@dataclass
class Quantity:
    """A numeric expression with its meaning; offsets are character positions in the text."""

    start: int
    end: int
    value: float
    unit: str = "count"
    low: Optional[float] = None
    high: Optional[float] = None
    num_start: int = 0  # the numeral itself (for linking to tokens)
    num_end: int = 0
    scale: Optional[float] = None  # a scale written after the digits (million, k, bn)
    explicit_unit: bool = False  # unit/currency/percent written, not defaulted to count
    multiplier: bool = False  # 3x, 10 times
    baseline: Optional[float] = None  # "from 135 to 1,168": 135
    baseline_implied: bool = False  # computed ("fell 12% to $180": 204.5), so a stated "up from" wins
    change: Optional[str] = None
    vague: bool = False  # "hundreds", "dozens"


class Tags:
    """Part-of-speech facts (Penn Treebank tags) about the words of a text, keyed by character
    offset, as the claims component reads them off the tagger; empty (``Tags()``) when there is no
    tagger, in which case the rules fall back to word shapes."""

    def __init__(self, tags: Optional[dict] = None, sent_starts: Optional[set] = None):
        self.tags = tags or {}
        self.sent_starts = sent_starts or set()

    def tag(self, start: int) -> str:
        return self.tags.get(start, "")


_MONTH_WORD_RE = re.compile(rf"\b(?:{_MONTH_ALT})\b", re.I)
# Which block patterns can match at all (cheap tests on the text), so most texts run few regexes.
_BLOCK_GATES = [
    lambda t, low: "://" in t or "www." in low or "@" in t or "#" in t,  # web, e-mail, handles
    lambda t, low: ":" in t,  # clock times with a colon
    lambda t, low: "am" in low or "pm" in low or "a.m" in low or "p.m" in low or "clock" in low,
    lambda t, low: "/" in t or "-" in t or "." in t,  # numeric dates
    lambda t, low: "-" in t or "." in t,  # phone numbers
    lambda t, low: " " in t or "+" in t,  # phone numbers written with spaces
    lambda t, low: "-" in t or "–" in t or "—" in t,  # year ranges
    lambda t, low: "s" in low,  # decades
    lambda t, low: "st" in low or "nd" in low or "rd" in low or "th" in low,  # ordinals
    lambda t, low: "(" in t,  # 287(g)
    lambda t, low: True,  # list markers
    None, None, None,  # month dates: gated together below
    lambda t, low: "no." in low or "#" in t,  # No. 5, #5
    lambda t, low: "'" in t or "’" in t,  # '09
]


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans holding dates, times, phone numbers, ordinals, codes and list markers."""
    spans = [(m.start(), m.end()) for m in _NAMED_RE.finditer(text)]
    low = text.lower()
    has_month = _MONTH_WORD_RE.search(text) is not None
    for regex, gate in zip(_BLOCK_RES, _BLOCK_GATES):
        if (gate is None and not has_month) or (gate is not None and not gate(text, low)):
            continue
        for m in regex.finditer(text):
            if gate is None and not _month_written_as_month(m.group(0)):
                continue  # "you may 5 times": 'may' the verb
            spans.append((m.start(), m.end()))
    if "-" in text or "–" in text:
        spans.extend(_score_spans(text))
    for regex in (_LABEL_LIST_RE, _DIAL_RE, _IDIOM_RE):
        spans.extend((m.start(), m.end()) for m in regex.finditer(text))
    return spans


def _score_spans(text: str) -> list[tuple[int, int]]:
    """'Arsenal won 3-1', 'a 2-2 draw': a game's score in a clause that speaks of winning or
    losing (and not of a vote) is no claim."""
    out = []
    for m in _SCORE_RE.finditer(text):
        left = re.split(r"[.;!?\n]", text[max(0, m.start() - 60):m.start()])[-1]
        right = re.split(r"[.;!?\n]", text[m.end():m.end() + 60])[0]
        before = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", left)[-6:]]
        after = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", right)[:4]]
        if (before and before[-1] in ("between", "from")) or (
                after and right[:1] == " " and after[0].endswith("s") and after[0] not in SCORE_WORDS):
            continue  # "between 10-15", "10-15 players": a range
        words = set(before + after)
        if words & SCORE_WORDS and not words & TALLY_WORDS:
            out.append((m.start(), m.end()))
    return out


def _month_written_as_month(date_text: str) -> bool:
    word = _MONTH_WORD_RE.search(date_text)
    return word is None or word.group(0).lower() not in _MONTHS_NEED_CAPITAL or word.group(0)[0].isupper()


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word (letters, apostrophes, dots) ending before ``pos`` (skipping spaces) and its start."""
    m = re.search(r"([A-Za-z][A-Za-z.'’&-]*)\s*$", text[max(0, pos - 40):pos])
    if not m:
        return "", pos
    return m.group(1), max(0, pos - 40) + m.start(1)


def _word_after(text: str, pos: int) -> tuple[str, int]:
    m = re.match(r"\s*([A-Za-z][A-Za-z'’-]*)", text[pos:pos + 40])
    if not m:
        return "", pos
    return m.group(1), pos + m.start(1)


class _Spans:
    """Answers 'does [a, b) overlap any span?' in O(log n) (texts may hold thousands of spans)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_end, best = [], -1
        for _, end in self.spans:
            best = max(best, end)
            self.max_end.append(best)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b) - 1  # last span starting before b
        return i >= 0 and self.max_end[i] > a


def find_quantities(text: str, tags: Optional[Tags] = None) -> list[Quantity]:
    """Every quantity claim in ``text`` (see the module docstring), in text order."""
    tags = tags or Tags()
    blocked = _Spans(blocked_spans(text))
    out: list[Quantity] = []
    for number in scan_numbers(text):
        if blocked.overlaps(number.start, number.end):
            continue
        if out and number.start < out[-1].end:  # the "3" of "km^3", the "2" of "$2 CAD"
            continue
        if not _plausible_fraction(text, number):
            continue
        q = _quantity(text, number, tags)
        if q is not None:
            out.append(q)
    found = _Spans((q.start, q.end) for q in out)
    out = _merge_sorted(out, _article_units(text, found) + _round_plurals(text, found))
    from commentkit.nlp.ranges import join_ranges  # local: ranges and rates import Quantity from here
    from commentkit.nlp.rates import per_round_number

    return [_accounting_negative(text, q) for q in per_round_number(text, join_ranges(text, out), tags)]


_ARTICLE_RE = re.compile(r"\b(?:a|an|A|An)(?= [A-Za-z])")
_ARTICLE_EXCLUDE = frozenset(lexicon.load("units")["article_one"]["exclude"])


def _article_units(text: str, found: _Spans) -> list[Quantity]:
    """'a gallon of beer', 'a penny': an article before a unit of measure is one of that unit."""
    out = []
    for m in _ARTICLE_RE.finditer(text):
        unit = match_unit(text, m.end(), numeral_is_digits=False)
        if unit is None or not unit.name or unit.rate or unit.rate_only or unit.name in _ARTICLE_EXCLUDE \
                or unit.name == "percent" or " per " in unit.name:
            continue
        if found.overlaps(m.start(), unit.end):
            continue
        prev, _ = _word_before(text, m.start())
        if prev.lower() in ("per", "each", "every") or re.search(r"[\d%$€£¥]\s*$", text[max(0, m.start() - 20):m.start()]):
            continue  # "$76 a barrel": a rate, not one barrel
        out.append(Quantity(m.start(), unit.end, 1.0, unit=unit.name, num_start=m.start(), num_end=m.end(),
                            explicit_unit=True))
    return out


def _plausible_fraction(text: str, number: Number) -> bool:
    """'2/3', '1/40' are fractions; '9/11', '24/7', '12/25' are names or dates."""
    m = re.fullmatch(r"(\d+)/(\d+)", text[number.start:number.end])
    if not m:
        return True
    num, den = int(m.group(1)), int(m.group(2))
    return num < den and (den in FRACTION_DENOMINATORS or den > 31)


def _round_plurals(text: str, found: _Spans) -> list[Quantity]:
    """'100s of people', "1000's": vague plurals written with digits (100s = 100..1000)."""
    out = []
    for m in _ROUND_PLURAL_RE.finditer(text):
        if found.overlaps(m.start(), m.end()):
            continue
        low = float(m.group(1).replace(",", ""))
        out.append(Quantity(m.start(), m.end(), low, low=low, high=low * 10, num_start=m.start(),
                            num_end=m.end(), vague=True))
    return out


def _merge_sorted(a: list[Quantity], b: list[Quantity]) -> list[Quantity]:
    return sorted(a + b, key=lambda q: q.start) if b else a


def _accounting_negative(text: str, q: Quantity) -> Quantity:
    """'revenue is ($99.99)': an amount alone in brackets after a verb or colon is negative."""
    if q.start > 0 and text[q.start - 1] == "(" and text[q.end:q.end + 1] == ")" and q.explicit_unit \
            and q.unit not in ("count", "percent") and q.value > 0 and q.start < q.num_start:
        before = text[max(0, q.start - 40):q.start - 1].rstrip()
        if re.search(r"(?:\b(?:is|was|were|are|of)|[:=])$", before):
            q.value, q.start, q.end = -q.value, q.start - 1, q.end + 1
    return q


def _is_sentence_start(text: str, pos: int, tags: Tags) -> bool:
    if pos in tags.sent_starts:
        return True
    before = text[max(0, pos - 40):pos].rstrip(" \t\"“'‘(")
    return (not before and pos <= 40) or (bool(before) and before[-1] in ".!?:\n")


def _quantity(text: str, number: Number, tags: Tags) -> Optional[Quantity]:
    start, end = number.start, number.end
    q = Quantity(start, end, number.value, num_start=start, num_end=end,
                 low=number.low, high=number.high, vague=number.kind == "vague")
    surface = text[start:end]
    words = number.kind in ("words", "fraction", "vague") or (number.kind == "mixed")
    if words and not _word_numeral_ok(text, number, tags):
        return None
    # --- before the numeral: sign, currency, multiplier prefix, glued letters -------------
    pos = start
    if pos > 0 and text[pos - 1] in "-−" and number.kind != "words":
        prev = text[pos - 2] if pos >= 2 else " "
        if not prev.isalnum() and prev not in ".,)%":
            q.value, pos = -q.value, pos - 1
    currency = match_prefix_currency(text, pos)
    if currency and text[currency[1]:currency[1] + 3] in NAME_LIKE_CODES and not _money_shaped(text, number):
        return None  # "COP28", "PHP 8.2": a name and a number, not an amount
    if currency:
        code, cur_start = currency
        q.unit, q.explicit_unit, pos = code, True, cur_start
        if cur_start > 0 and text[cur_start - 1] in "-−" and (cur_start < 2 or not text[cur_start - 2].isalnum()):
            q.value, pos = -q.value, cur_start - 1
    elif pos > 0 and text[pos - 1] in "x×" and (pos < 2 or not text[pos - 2].isalnum()):
        q.multiplier, q.explicit_unit, pos = True, True, pos - 1
    elif pos > 0 and (text[pos - 1].isalpha() or text[pos - 1] in "_/\\"):
        return None  # XC40, A2, v3: a code
    elif pos > 1 and text[pos - 1] == "+" and text[pos - 2].isalnum():
        return None  # J1149.5+6663
    elif _code_prefix(text, pos):
        return None
    q.start = pos
    # --- after the numeral ---------------------------------------------------------------
    pos = end
    tail = re.compile(r"[A-Za-z]+").match(text, pos)
    if tail and number.kind in ("digits", "mixed") and not words:
        letters = tail.group(0)
        if _scale_suffix(letters, q, text, pos, tags):
            pos += len(letters)
    elif not words and _SPACED_SCALE_RE.match(text, pos):
        word = _SPACED_SCALE_RE.match(text, pos).group(1)
        scale = SPACED_SCALES[word.lower()]
        q.value, q.scale, pos = q.value * scale, scale, pos + 1 + len(word)
    if text[pos:pos + 1] == "+" and not text[pos + 1:pos + 2].isdigit():
        pos += 1  # "20+ years": at least 20 (the claims stage reads the '+')
    ish = re.compile(r"-?ish\b|-odd\b").match(text, pos)
    if ish:
        pos = ish.end()  # "40-ish percent", "30-odd years": about (the claims stage reads the 'ish', 'odd')
    or_suffix = _OR_SUFFIX_RE.match(text, pos)
    if or_suffix and not re.compile(r"\s*[\d$€£]").match(text, or_suffix.end()):
        pos = or_suffix.end()  # "20 or more years" (the claims stage reads the qualifier)
    if number.kind != "digits":
        q.scale = _written_scale(surface) or q.scale
    skipped_of = number.kind == "vague" and text[pos:pos + 4] == " of "
    if skipped_of:
        pos += 3  # "hundreds of miles", "tens of millions of dollars"
    unit = match_unit(text, pos, currency=q.unit if q.explicit_unit and not q.multiplier else None,
                      numeral_is_digits=not words, scaled=q.scale is not None)
    if unit is None and not q.explicit_unit:
        unit = _fraction_of_unit(text, number, pos)
    if unit is None and re.match(r"[A-Za-z]", text[pos:pos + 1] or " ") and not words:
        return None  # 5G, 3D: digits glued to letters that are no unit
    if unit is None and not q.explicit_unit:
        unit = _unit_after_modifier(text, pos, tags)
    if unit is not None and unit.name == "pound-mass" and (q.scale or q.explicit_unit or (q.vague and q.value >= 1000)):
        unit.name, unit.currency = None, "GBP"  # "20 million pounds", "millions of pounds" are money
    if unit is not None and unit.name in ("foot", "inch") and text[unit.end - 1] in "'\"" \
            and text[max(0, start - 300):start].count(text[unit.end - 1]) % 2 == 1:
        unit = None  # a closing quotation mark, not feet or inches
    if unit is None and skipped_of:
        pos -= 3  # "dozens of people": the unit was not there, the 'of' is not part of the figure
    if unit is not None:
        _apply_unit(q, unit)
        pos = unit.end
    q.end = pos
    if q.unit == "count" and not q.multiplier and _not_a_count(text, number, q, tags):
        return None
    return q


_FRACTION_OF_RE = re.compile(r"\s+(?:of\s+)?an?\s+")


def _fraction_of_unit(text: str, number: Number, pos: int) -> Optional[UnitMatch]:
    """'a third of a mile', 'half a litre', 'three quarters of an hour': a fraction of one unit is
    that fraction in the unit (not a share and a separate 'a mile')."""
    if number.kind not in ("fraction", "words") or not 0 < number.value < 1:
        return None
    m = _FRACTION_OF_RE.match(text, pos)
    if not m:
        return None
    unit = match_unit(text, m.end(), numeral_is_digits=False)
    if unit is None or not unit.name or unit.rate or unit.rate_only or unit.name == "percent" or " per " in unit.name:
        return None
    return unit


_MONEY_SCALE_RE = re.compile(r"\s?(?:[kKmM]|bn|tn|thousand|million|billion|trillion)\b")


def _money_shaped(text: str, number: Number) -> bool:
    """An amount written as money is: with a scale, a thousands separator or two decimals."""
    digits = text[number.start:number.end]
    return bool(_MONEY_SCALE_RE.match(text, number.end) or re.search(r"\d,\d{3}|\.\d\d$", digits))


def _unit_after_modifier(text: str, pos: int, tags: Tags) -> Optional[UnitMatch]:
    """'517 rushing yards', 'the 50 previous years': one adjective or participle before a unit word."""
    word, start = _word_after(text, pos)
    if not word or text[pos:start] != " " or tags.tag(start) not in ("JJ", "JJR", "VBG", "VBN") \
            or word.lower() in DEICTIC:
        return None  # "2.1 last year" is a figure and a time, not 2.1 years
    unit = match_unit(text, start + len(word), numeral_is_digits=False)
    if unit is None or not unit.name or unit.name in ("percent", "times") or unit.rate_only:
        return None
    return unit if text[start + len(word) + 1:unit.end][:3].isalpha() else None


def _code_prefix(text: str, pos: int) -> bool:
    """COVID-19, F-35, TA-35: a hyphen joins the numeral to a capitalised or known code word."""
    if pos < 2 or text[pos - 1] not in "-‑":
        return False
    word, _ = _word_before(text, pos - 1)
    if not word or text[pos - 2].isspace():
        return False
    word = word.split("-")[-1] or word
    return any(c.isupper() for c in word) or word.lower() in CODE_PREFIXES


def _scale_suffix(letters: str, q: Quantity, text: str, pos: int, tags: Tags) -> bool:
    """Letters glued to digits that are a scale (77k, 195M, 3bn); updates q. False: maybe a unit."""
    has_currency = q.explicit_unit and not q.multiplier
    after = text[pos + len(letters):pos + len(letters) + 1]
    if after.isdigit():
        return False
    scale = None
    if letters == "K" and not has_currency and q.value != int(q.value):
        return False  # 573.15K is kelvin
    if letters in SUFFIX_ALWAYS:
        scale = SUFFIX_ALWAYS[letters]
    elif has_currency and letters in SUFFIX_WITH_CURRENCY:
        scale = SUFFIX_WITH_CURRENCY[letters]
    elif letters == "m" and (_counted_plural_after(text, pos + 1, tags) or _currency_word_after(text, pos + 1)):
        scale = 1e6  # "1.2m users", "5m quid" (but "37m long", "1m away": meters)
    elif letters.lower() == "x" and not has_currency:
        q.multiplier, q.explicit_unit = True, True
        return True
    if scale is None:
        return False
    q.value, q.scale = q.value * scale, scale
    return True


MILLION_M_NOUNS = frozenset(lexicon.load("units")["million_m_nouns"]["words"])


def _currency_word_after(text: str, pos: int) -> bool:
    word, start = _word_after(text, pos)
    return bool(word) and text[pos:start] == " " and match_unit(text, pos) is not None \
        and match_unit(text, pos).currency is not None


def _counted_plural_after(text: str, pos: int, tags: Tags) -> bool:
    word, start = _word_after(text, pos)
    if not word or text[pos:start] != " ":
        return False
    if word.lower() in MILLION_M_NOUNS:
        return True  # "1.3m staff"
    if tags.tags:
        return tags.tag(start) in ("NNS", "NNPS")
    return word.islower() and word.endswith("s") and not word.endswith("ss")


def _written_scale(surface: str) -> Optional[float]:
    for word in reversed(re.findall(r"[A-Za-z]+", surface.lower())):
        if word in SCALES and word not in ("dozen", "gross", "score"):
            return SCALES[word]
    return None


def _apply_unit(q: Quantity, unit: UnitMatch) -> None:
    has_currency = q.explicit_unit and not q.multiplier
    if unit.scale:
        q.value *= unit.scale
        q.scale = unit.scale
    if unit.currency:
        if not has_currency or q.unit == "USD":  # "$5 CAD": the code after the amount wins over a bare $
            q.unit = unit.currency
        q.explicit_unit = True
        if unit.rate:
            q.unit = f"{q.unit} per {unit.rate}"
        return
    if unit.rate_only:
        q.unit = f"{q.unit} per {unit.rate}"  # "$15.4/hour"
        return
    if not unit.name:
        return
    if q.multiplier or unit.name == "times":
        q.multiplier, q.explicit_unit = True, True
        q.unit = f"count per {unit.rate}" if unit.rate else "count"
    elif not has_currency:
        q.unit, q.explicit_unit = unit.name, True


def _word_numeral_ok(text: str, number: Number, tags: Tags) -> bool:
    """Spelled-out numerals that are words of another kind: 'the one', 'first half', 'Year One'."""
    first = re.match(r"[A-Za-z]+", text[number.start:number.end])
    if not first:
        return True
    word = first.group(0)
    low = word.lower()
    prev, prev_start = _word_before(text, number.start)
    nxt, _ = _word_after(text, number.end)
    single = number.end - number.start == len(word)
    if word[0].isupper() and not _is_sentence_start(text, number.start, tags) and not word.isupper():
        if (prev[:1].isupper() and prev_start >= 0) or nxt[:1].isupper():
            return False  # Year One, BBC One, Big Ten: part of a name
    if low == "one" and single:
        if prev.lower() in ONE_BLOCK_BEFORE or nxt.lower() in ONE_BLOCK_AFTER:
            return False
        if re.compile(r"\s*(?:-|of a kind|another|'s|’s|[$€£]?\d)").match(text, number.end):
            return False  # "one another", "one-off", "one 52,000-barrel refinery"
        if _partitive(text, number.end, tags):
            return False  # "one of the reasons", "one of their main reasons": a pronoun
        if prev.lower() in ONE_IDIOM_BEFORE and re.compile(r"\s*(?:[.,;:!?)]|$)").match(text, number.end):
            return False  # "for one.", "the one,"
        tag = tags.tag(number.start)
        if tag and tag not in ("CD", "NN", "LS") and not nxt:
            return False
        if tag in ("NN", "PRP") and nxt.lower() not in ("of",):
            return False
    if low == "half" and single:
        if prev.lower() in HALF_BLOCK:
            return False
        if prev.lower() not in HALF_CUES and nxt.lower() not in ("of",) \
                and _fraction_of_unit(text, number, number.end) is None:
            return False  # "half a mile" is a length; "half the time" is no figure
    return True


def _partitive(text: str, end: int, tags: Tags) -> bool:
    """'one of the/their … Xs' picks a member; with a superlative ('one of the largest') it ranks,
    which news benchmarks count as a figure, so that stays."""
    match = _PARTITIVE_RE.match(text, end)
    if not match:
        return False
    for word in re.finditer(r"[A-Za-z'’-]+", match.group(1)):
        low = word.group().lower()
        tag = tags.tag(match.start(1) + word.start())
        if low in SUPERLATIVES or tag in ("JJS", "RBS") or (not tags.tags and low.endswith("est") and len(low) > 5):
            return False
    return True


def _alone(text: str, number: Number) -> bool:
    """Nothing but punctuation around the number in this sentence: a list marker, an ID, a page."""
    before = text[max(0, number.start - 20):number.start]
    after = text[number.end:number.end + 20]
    return (number.start <= 20 and not re.search(r"\w", before) and number.end + 20 >= len(text)
            and not re.search(r"\w", after))


def _not_a_count(text: str, number: Number, q: Quantity, tags: Tags) -> bool:
    """A bare number that is a year, a label or part of a name (Game 7, iPhone 11, page 5, DC 20500)."""
    if number.grouped or q.scale or number.kind not in ("digits",):
        return False
    nxt, nxt_start = _word_after(text, number.end)
    next_plural = tags.tag(nxt_start) in ("NNS",) if tags.tags else (
        nxt.islower() and len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith("ss"))
    prev, prev_start = _word_before(text, q.start)  # q.start: before a sign ("COVID -19")
    gap = text[prev_start + len(prev):number.start] if prev else ""
    surface = text[number.start:number.end]
    if _alone(text, number) or re.search(r"[\"']\s*:\s*$", text[max(0, number.start - 5):number.start]):
        return True  # a number alone on its line ("8903,") or a value in machine data ('"id": 126809')
    if prev.lower().rstrip(".") in LABEL_WORDS and gap in (" ", " #", "-") and not next_plural:
        return True  # "page 5", "route 66", "no. 3", "section 4.3"
    if not number.is_int:
        # "Python 3.11": a version after a name; other decimals are figures
        named = not _is_sentence_start(text, prev_start, tags) or tags.tag(prev_start) in ("NNP", "NN")
        capital = prev[:1].isupper() or any(c.isupper() for c in prev[1:])  # "Python 3.11", "iOS 17.2"
        return bool(prev) and gap == " " and capital and named and not prev.endswith(("'s", "’s")) \
            and re.fullmatch(r"\d+\.\d+", surface) is not None and not next_plural
    if YEAR_LOW <= q.value <= YEAR_HIGH and len(surface) == 4:
        if prev.lower().rstrip(".") in YEAR_CUES or prev.lower() in MONTHS or not next_plural:
            return True
        if re.compile(r"\s*(?:['’]s|[′'’])").match(text, number.end):
            return True
        if prev[:1].isupper() and not _is_sentence_start(text, prev_start, tags):
            return True  # "Keytruda's 2018 sales"
    if len(surface) == 5 and prev in STATES and gap == " ":
        return True  # a ZIP code: "DC 20500"
    if nxt[:1].isupper() and text[number.end:nxt_start] == " " and not _is_sentence_start(text, nxt_start, tags):
        tag = tags.tag(nxt_start)
        plural = nxt.endswith("s") and not nxt.endswith("ss")
        if (tag == "NNP" or not tags.tags) and not plural and nxt.lower() not in MONTHS:
            return True  # "787 Dreamliner", "11 Pro", "49 Zorro Ranch Road"
    if prev and gap == " -" and any(c.isupper() for c in prev):
        return True  # "COVID -19"
    address = re.compile(r"[-–](\d+) [A-Z]").match(text, number.end)
    if address and match_unit(text, address.end(1)) is None:
        return True  # "16-18 Industrial Avenue": an address range (but "5-10 Euros" is a range)
    if re.match(r"[-–]\d", text[number.end:number.end + 2]) or prev.endswith(("'s", "’s")):
        return False  # "Senate 51-49": a tally after a name; "Trump's 232": a figure of his
    initial_noun = _is_sentence_start(text, prev_start, tags) and tags.tag(prev_start) in ("NNP", "NNPS", "NN")
    if prev and gap in (" ", "-", " -") and (initial_noun or not _is_sentence_start(text, prev_start, tags)) \
            and not next_plural:
        bare = prev.rstrip(".")
        if any(c.isupper() for c in bare) and bare not in ("I",) and bare.upper() not in STATES \
                and bare.lower() not in MONTHS and not (bare.isupper() and len(bare) > 4):
            return True  # Game 7, Voyager 2, iPhone 11, S&P 500
    return False
