"""Currency markers and units around a numeral, read from ``lang/en/{currencies,units}.json``.

``match_prefix_currency(text, pos)`` looks left of a numeral (``$``, ``US$``, ``EUR``, ``HK $``);
``match_unit(text, pos, ...)`` looks right of it for percent, a currency word or code, a physical
or time unit (names, symbols, ``square``/``cubic`` forms, ``km2``) and a rate (``per hour``,
``/kg``, ``a month``), and returns how far the quantity's surface extends.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from commentkit.nlp import lexicon

_CUR = lexicon.load("currencies")
_UNITS = lexicon.load("units")
PREFIXES = sorted(_CUR["prefix"].items(), key=lambda kv: -len(kv[0]))
CODES = frozenset(_CUR["codes"])
NAME_LIKE_CODES = frozenset(_CUR["name_like_codes"])
CODE_ALIASES = _CUR["code_aliases"]
SUFFIX_SYMBOLS = _CUR["suffix_symbols"]
CURRENCY_WORDS = _CUR["words"]
QUALIFIED_WORDS = _CUR["qualified_words"]
AFTER_CODES = {k: v for k, v in _CUR["after_number_codes"].items() if not k.startswith("_")}
SUBUNITS = _CUR["subunits"]
SYMBOLS = _UNITS["symbols"]
NAMES = _UNITS["names"]
PERCENT = _UNITS["percent"]
GUARDED = _UNITS["guarded"]
NOT_PENCE = frozenset(_UNITS["not_pence"]["values"])
DIMENSION_WORDS = frozenset(_UNITS["dimension_words"])
AREA_PREFIX = _UNITS["area_volume_prefix"]
AREA_SUFFIX = _UNITS["area_volume_suffix"]
AREA_BASES = frozenset(_UNITS["area_volume_bases"])
RATE_NOUNS = _UNITS["rate_nouns"]
NOT_A_RATE_AFTER = frozenset(_UNITS["not_a_rate_after"]["words"])
MULTIPLIERS = _UNITS["multipliers"]
TIME_UNITS = frozenset(["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"])
_GLUED_ONLY = frozenset(["'", '"', "p", "h", "um", "mo", "st", "″", "′"])
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


@dataclass
class UnitMatch:
    end: int  # where the quantity's surface ends
    name: Optional[str] = None  # percent, times, or a unit's singular name
    currency: Optional[str] = None  # ISO code written after the numeral
    rate: Optional[str] = None  # "hour" in "per hour"
    rate_only: bool = False  # only a rate was found ("$15.4/hour")
    scale: Optional[float] = None


def code_for(code: str) -> str:
    return CODE_ALIASES.get(code, code)


def match_prefix_currency(text: str, pos: int) -> Optional[tuple[str, int]]:
    """(ISO code, start) of a currency marker ending at ``pos`` (one space allowed), else None."""
    for gap in (0, 1):
        end = pos - gap
        if gap and (end <= 0 or text[end] not in " \u00a0"):
            continue
        for marker, code in PREFIXES:
            start = end - len(marker)
            if start >= 0 and text[start:end] == marker and _clean_left(text, start, marker):
                return code, start
        m = re.search(r"(?<![A-Za-z])([A-Z]{3})$", text[max(0, end - 3):end] if end >= 3 else "")
        if m and m.group(1) in CODES:
            return code_for(m.group(1)), end - 3
    return None


def _clean_left(text: str, start: int, marker: str) -> bool:
    """A letter marker (RM, Rs, CHF) must start a word; a symbol may follow anything but a letter."""
    if start == 0:
        return True
    before = text[start - 1]
    if marker[0].isalpha():
        return not before.isalnum()
    return not before.isalpha() or marker.startswith(("$", "€", "£", "¥"))


def _phrase_ends(text: str, pos: int, max_words: int = 4) -> tuple[int, list[int]]:
    """Where the words after ``pos`` start (after one space or a hyphen) and where each of the
    1..max_words word phrases from there ends."""
    lead = re.match(r"(?: ?- ?| ?)", text[pos:pos + 3])
    start = i = pos + lead.end()
    ends: list[int] = []
    while len(ends) < max_words:
        w = _WORD.match(text, i)
        if not w:
            break
        i = w.end()
        ends.append(i)
        if text[i:i + 1] not in (" ", "-"):
            break
        i += 1
    return start, ends


def _match_names(text: str, pos: int) -> Optional[tuple[str, int, str]]:
    """Longest unit, percent or currency word phrase after pos: (kind, end, value).

    Phrases are looked up as written and with hyphens as spaces ('year-old', 'barrel-a-day')."""
    start, ends = _phrase_ends(text, pos)
    best = None
    for end in ends:
        norm = re.sub(r"\s+", " ", text[start:end].lower())
        for candidate in (norm, norm.replace("-", " ")):
            if candidate in QUALIFIED_WORDS:
                best = ("currency", end, QUALIFIED_WORDS[candidate])
            elif candidate in PERCENT:
                best = ("percent", end, "percent")
            elif candidate in NAMES:
                best = ("unit", end, NAMES[candidate])
            elif candidate in CURRENCY_WORDS:
                best = ("currency", end, CURRENCY_WORDS[candidate])
            elif candidate in SUBUNITS:
                best = ("unit", end, SUBUNITS[candidate])
            elif candidate in MULTIPLIERS:
                best = ("unit", end, "times")
            else:
                continue
            break
    return best


def _match_symbol(text: str, pos: int, numeral_is_digits: bool) -> Optional[tuple[str, int]]:
    """A unit symbol glued to the numeral or after one space: (unit name, end)."""
    glued = pos < len(text) and not text[pos].isspace()
    i = pos if glued else pos + 1
    if not glued and (pos >= len(text) or text[pos] != " "):
        return None
    if glued and text[pos] == "-" and re.compile(r"-[A-Za-z]{2,}").match(text, pos):
        i = pos + 1  # 5-mpg, 6.1-inch
    token = re.compile(r"[^\s,;:!?()\[\]{}]+").match(text, i)
    if not token:
        return None
    tok = token.group(0)
    if tok == "°" and text[i + 1:i + 3] in (" C", " F") and not text[i + 3:i + 4].isalpha():
        return SYMBOLS["° " + text[i + 2]], i + 3  # "300 ° C"
    for length in range(min(len(tok), 6), 0, -1):
        sym = tok[:length]
        rest = tok[length:]
        if sym not in SYMBOLS:
            continue
        if rest and (rest[0].isalnum() and rest[0] not in "23" or rest[:1] == "." and rest[1:2].isalnum()):
            continue
        if rest[:1] and rest[:1] in "23" and not (SYMBOLS[sym] in AREA_BASES and not rest[1:2].isdigit()):
            continue
        if not _guard_ok(sym, text, i + length, glued, numeral_is_digits):
            continue
        name = SYMBOLS[sym]
        end = i + length
        power = re.compile(r"(\^?[23²³])(?![\d])").match(text, end)
        if power and name in AREA_BASES:
            name = f"{AREA_SUFFIX[power.group(1)]} {name}"
            end = power.end()
        return name, end
    return None


def _guard_ok(sym: str, text: str, end: int, glued: bool, numeral_is_digits: bool) -> bool:
    if sym not in GUARDED:
        return True
    if sym in _GLUED_ONLY and not glued:
        return False
    if not numeral_is_digits:
        return False
    if sym == "in":
        rest = text[end:end + 40]
        if re.match(r"\.?\s*$|[.;,)]", rest):
            return True
        nxt = re.match(r"\s+([a-z]+(?: [a-z]+)?)", rest)
        return bool(nxt) and (nxt.group(1) in DIMENSION_WORDS or nxt.group(1).split()[0] in DIMENSION_WORDS)
    return True


def _area_prefix(text: str, pos: int) -> Optional[tuple[str, int]]:
    """'square kilometers', 'sq mi', 'cubic feet' after the numeral."""
    m = re.match(r" ?(square|sq\.?|cubic|cu\.?) ", text[pos:pos + 9], re.I)
    if not m:
        return None
    kind = AREA_PREFIX[m.group(1).lower()]
    after = pos + m.end() - 1
    named = _match_names(text, after)
    if named and named[0] == "unit" and named[2] in AREA_BASES:
        return f"{kind} {named[2]}", named[1]
    sym = _match_symbol(text, after, True)
    if sym and sym[0] in AREA_BASES:
        return f"{kind} {sym[0]}", sym[1]
    return None


def _rate(text: str, pos: int) -> Optional[tuple[str, int]]:
    """'per hour', '/kg', 'a month', 'an ounce', 'per share' after a unit: (rate unit, end)."""
    m = re.match(r"(?: ?/ ?| per | an? | each | every )", text[pos:pos + 8])
    if not m:
        return None
    word_start, joiner = pos + m.end(), m.group(0).strip()
    named = _match_names(text, word_start)
    if named and joiner in ("a", "an") and _dated(text, named[1]):
        return None  # "$1.1m a year earlier": when, not how often
    if named and named[0] == "unit" and named[2] != "times":
        unit, end = named[2], named[1]
        power = re.compile(r"(\^?[23²³])(?!\d)").match(text, end) if unit in AREA_BASES else None
        return (f"{AREA_SUFFIX[power.group(1)]} {unit}", power.end()) if power else (unit, end)
    area = _area_prefix(text, word_start)
    if area:
        return area
    word = _WORD.match(text, word_start)
    if word and word.group(0).lower() in RATE_NOUNS and joiner in ("per", "/", "a", "an"):
        return RATE_NOUNS[word.group(0).lower()], word.end()
    symbol = _match_symbol(text, word_start, True) if joiner in ("/", "per") else None
    return symbol


def _dated(text: str, pos: int) -> bool:
    word = _WORD.match(text, pos + 1) if text[pos:pos + 1] == " " else None
    return word is not None and word.group(0).lower() in NOT_A_RATE_AFTER


def match_unit(text: str, pos: int, currency: Optional[str] = None, numeral_is_digits: bool = True,
               scaled: bool = False) -> Optional[UnitMatch]:
    """What follows a numeral at ``pos``: percent, currency, unit, rate; None when nothing does."""
    if text[pos:pos + 1] == "p" and not text[pos + 1:pos + 2].isalpha():
        digits = re.search(r"(\d+)$", text[max(0, pos - 12):pos])
        if digits and int(digits.group(1)) in NOT_PENCE:
            return None  # 1080p
    got: Optional[UnitMatch] = None
    pct = re.match(r" ?(%)| ?(percentage points?|per ?cent|per-cent|percent|pct)\b|(pc)\b", text[pos:pos + 20], re.I)
    if pct:
        if pct.group(2) and pct.group(2).lower().startswith("percentage point"):
            return UnitMatch(pos + pct.end(), name="percentage point")
        if pct.group(2) and pct.group(2).lower() == "percentage":
            pct = None
    if pct:
        return UnitMatch(pos + pct.end(), name="percent")
    suffix = re.match(r" ?([€£$¥₹₽₪₺]|zł|Kč)", text[pos:pos + 4])
    if suffix and suffix.group(1) in SUFFIX_SYMBOLS and (currency is None):
        got = UnitMatch(pos + suffix.end(), currency=SUFFIX_SYMBOLS[suffix.group(1)])
    code = re.match(r" ?([A-Z]{3})\b(?!\$)", text[pos:pos + 5])
    if got is None and code and code.group(1) in CODES:
        got = UnitMatch(pos + code.end(), currency=code_for(code.group(1)))
    if got is None and currency:
        after = re.match(r" (US|U\.S\.)(?![A-Za-z])", text[pos:pos + 6])
        if after:
            got = UnitMatch(pos + after.end(), currency=AFTER_CODES[after.group(1)])
    if got is None:
        area = _area_prefix(text, pos)
        if area:
            got = UnitMatch(area[1], name=area[0])
    if got is None:
        named = _match_names(text, pos)
        symbol = _match_symbol(text, pos, numeral_is_digits)
        if named and (symbol is None or named[1] >= symbol[1]):
            kind, end, value = named
            if kind == "currency":
                if value == "GBP" and re.match(r" ?pounds?\b", text[pos:pos + 8], re.I) \
                        and not (scaled or currency):
                    got = UnitMatch(end, name="pound-mass")
                else:
                    got = UnitMatch(end, currency=value)
            else:
                got = UnitMatch(end, name=value)
            powered = re.match(r" (squared|cubed)\b", text[end:end + 9])
            if got.name in AREA_BASES and powered:
                got = UnitMatch(end + powered.end(), name=f"{AREA_SUFFIX[powered.group(1)]} {got.name}")
        elif symbol:
            got = UnitMatch(symbol[1], name=symbol[0])
            powered = re.match(r" (squared|cubed)\b", text[got.end:got.end + 9])
            if got.name in AREA_BASES and powered:
                got = UnitMatch(got.end + powered.end(), name=f"{AREA_SUFFIX[powered.group(1)]} {got.name}")
    rate = _rate(text, got.end if got else pos)
    if rate and (got is not None or currency):
        if got is None:
            return UnitMatch(rate[1], rate=rate[0], rate_only=True)
        got.rate, got.end = rate[0], rate[1]
        if got.name and got.name != "times":
            got.name = f"{got.name} per {rate[0]}"
            got.rate = None
    return got


def _dollar_declaration_regex() -> re.Pattern:
    """'in Canadian dollars', 'in CAD': a text that says which dollars its bare '$' means."""
    words = {w: c for w, c in QUALIFIED_WORDS.items() if "dollar" in w and c != "USD"}
    codes = sorted(set(words.values()))
    return re.compile(r"\b(?i:in)\s+(?:(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")|" + "|".join(codes) + r")\b")


DOLLAR_DECLARATION = _dollar_declaration_regex()
_BARE_DOLLAR = re.compile(r"[-−]?\$\s?[\d.]")


def declared_dollar(text: str) -> Optional[str]:
    """The ISO code a text declares for '$' ("all figures in Canadian dollars"), if exactly one."""
    found = set()
    for m in DOLLAR_DECLARATION.finditer(text):
        phrase = " ".join(m.group(0).split()[1:])
        found.add(QUALIFIED_WORDS.get(phrase.lower()) or phrase.upper())
    return found.pop() if len(found) == 1 else None


def apply_declared_dollar(text: str, claims: list) -> None:
    """Bare '$' claims of a text take the dollar the text declares (USD otherwise)."""
    code = declared_dollar(text) if "$" in text else None
    if code:
        for claim in claims:
            if claim.unit.startswith("USD") and _BARE_DOLLAR.match(claim.surface):
                claim.unit = code + claim.unit[3:]
