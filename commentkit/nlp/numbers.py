"""Surface text -> number.

``scan_numbers(text)`` finds every numeral in a text — digits with thousands separators
(``1,168``, ``40 000``, ``12,34,567``), decimals (``.001``, European ``5,00``), scientific
notation (``2.48×10−5``, ``1e-3``), fractions (``2/3``, ``2 1/2``, ``⅔``), spelled-out numbers
(``twenty-six``, ``a hundred and two``, ``three million, two hundred & forty``, ``five point
five``), mixed forms (``4 thousand 3 hundred and 21``, ``3.5 billion``), fractions in words (``two
thirds``, ``half a million``, ``one million and a half``) and vague plurals (``hundreds``, ``tens of
thousands``) — and returns its value. It knows nothing about currencies, units, dates or names:
the quantity stage (``commentkit.nlp.quantities``) decides what a numeral means in context.
``parse_number(surface)`` is the same machinery for one surface string.

Every word list lives in ``commentkit/lang/en/numbers.json``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from commentkit.nlp import lexicon

_LEX = lexicon.load("numbers")
UNITS: dict = _LEX["units"]
TENS: dict = _LEX["tens"]
SCALES: dict = {k: float(v) for k, v in _LEX["scales"].items()}
VAGUE: dict = {k: (float(a), float(b)) for k, (a, b) in _LEX["scales_plural_vague"].items()}
DENOMINATORS: dict = {k: float(v) for k, v in _LEX["denominators"].items()}
NEGATIVE_WORDS = frozenset(_LEX["negative_words"])
CONNECTORS = frozenset(_LEX["word_connectors"])
FRACTION_CUES = frozenset(_LEX["fraction_cues_before"]["words"])
SUFFIX_ALWAYS: dict = {k: float(v) for k, v in _LEX["suffix_scales"]["always"].items()}
SUFFIX_WITH_CURRENCY: dict = {k: float(v) for k, v in _LEX["suffix_scales"]["with_currency"].items()
                              if not k.startswith("_")}

VAGUE_QUANTIFIERS = {tuple(k.split()): (float(v[0]), float(v[1])) for k, v in _LEX["vague_quantifiers"].items()
                     if not k.startswith("_")}
_STARTERS = frozenset(UNITS) | frozenset(TENS) | frozenset(VAGUE) | NEGATIVE_WORDS | {"a", "an", "half"} \
    | {words[0] for words in VAGUE_QUANTIFIERS}
_SPACES = "\u00a0\u202f\u2009 "
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_MINUS = "-−–"

# Alternatives are tried in order at each position; the first that matches wins.
_DIGITS = rf"""
  (?P<mixed>\d+[{_SPACES}]\d+[/⁄]\d+(?![\d/⁄]))                               # 2 1/2
 |(?P<frac>(?<![/⁄])\d+[/⁄]\d+(?![\d/⁄]))                                    # 1/40, 1⁄32
 |(?P<vulgar>\d*[{_VULGAR}])                                                   # 2½, ⅔
 |(?P<indian>\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)?(?!\d))                   # 12,34,567.89
 |(?P<comma>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d]|,\d))                      # 1,168  1,271.2
 |(?P<spaced>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:\.\d+)?(?![\d]|[.,]\d))         # 40 000
 |(?P<dotted>\d{{1,3}}(?:\.\d{{3}}){{2,}}(?![\d]|\.\d))                      # 1.234.567
 |(?P<eudec>(?<!,)\d{{1,3}},\d{{1,2}}(?![\d]|,\d))                                   # 5,00  1,3
 |(?P<plain>\d+(?:\.\d+)?|\.\d+)
"""
_EXPONENT = (r"(?:[ ]?[x×][ ]?10\^?(?P<exp>[-−–]?\d+)|[x×](?P<base>\d+)\^(?P<exp3>[-−]?\d+)"
             r"|[eE](?P<exp2>[-+−]?\d+)(?![A-Za-z]))")
_ATOM_RE = re.compile(
    rf"(?<![\d.])(?:{_DIGITS}){_EXPONENT}?|(?P<word>[A-Za-z]+)|(?P<punct>\S)", re.VERBOSE)


@dataclass
class Atom:
    kind: str  # 'digit' | 'word' | 'punct'
    text: str
    start: int
    end: int
    value: Optional[float] = None  # digits only
    is_int: bool = False
    glued: bool = False  # digits only: letters follow without a space (77k, 4km, 2nd)
    low: str = ""  # lowercase text

    def __post_init__(self):
        self.low = self.text.lower()


@dataclass
class Number:
    """A numeral found in text; offsets are character positions."""

    start: int
    end: int
    value: float
    kind: str  # 'digits' | 'words' | 'mixed' | 'fraction' | 'vague'
    low: Optional[float] = None  # vague plurals: "hundreds" = 100..1000
    high: Optional[float] = None
    is_int: bool = False  # a plain integer written with digits only (candidate year/name)
    grouped: bool = False  # written with thousands separators (never a year or a code)


def _power(value: float, base: int, exponent: str) -> float:
    """value × base^exponent; an absurd exponent ('1e2012') gives inf, which callers drop."""
    exp = int(exponent.replace("−", "-").replace("–", "-"))
    if abs(exp) > 400 or base > 1000:
        return float("inf") if exp > 0 else 0.0
    try:
        return value * float(base) ** exp if exp >= 0 else value / float(base) ** -exp
    except OverflowError:
        return float("inf")


def _digit_value(match: re.Match) -> tuple[float, bool]:
    """(value, written as a plain integer) of a digit alternative of _ATOM_RE."""
    text = match.group(0)
    if match.group("mixed"):
        whole, frac = re.split(f"[{_SPACES}]", match.group("mixed"), maxsplit=1)
        num, den = re.split("[/⁄]", frac)
        return (int(whole) + int(num) / int(den) if int(den) else float("nan")), False
    if match.group("frac"):
        num, den = re.split("[/⁄]", match.group("frac"))
        return (int(num) / int(den) if int(den) else float("nan")), False
    if match.group("vulgar"):
        body = match.group("vulgar")
        return (float(body[:-1] or 0) + unicodedata.numeric(body[-1])), False
    if match.group("eudec"):
        return float(match.group("eudec").replace(",", ".")), False
    if match.group("dotted"):
        return float(match.group("dotted").replace(".", "")), False
    body = next(match.group(g) for g in ("indian", "comma", "spaced", "plain") if match.group(g))
    digits = re.sub(f"[,{_SPACES}]", "", body)
    value = float(digits)
    exp = match.group("exp") or match.group("exp2")
    if exp:
        value = _power(value, 10, exp)
    if match.group("exp3"):  # 8x2^10
        value = _power(value, int(match.group("base")), match.group("exp3"))
        exp = True
    plain = match.group("plain") is not None and "." not in body and not exp
    return value, plain and text == body


def atoms(text: str) -> list[Atom]:
    """Digits, words and single punctuation marks of ``text`` with their offsets."""
    out = []
    for m in _ATOM_RE.finditer(text):
        if m.group("word"):
            out.append(Atom("word", m.group(0), m.start(), m.end()))
        elif m.group("punct"):
            out.append(Atom("punct", m.group(0), m.start(), m.end()))
        else:
            value, is_int = _digit_value(m)
            glued = m.end() < len(text) and (text[m.end()].isalpha())
            out.append(Atom("digit", m.group(0), m.start(), m.end(), value, is_int, glued))
    return out


class _Parser:
    """Greedy longest-match parser for one numeral starting at an atom index."""

    def __init__(self, items: list[Atom], text: str):
        self.a = items
        self.n = len(items)
        self.text = text

    def low(self, k: int) -> str:
        return self.a[k].low if k < self.n else ""

    def can_start(self, k: int) -> bool:
        """Cheap test before parsing: only digits and number words start a numeral."""
        atom = self.a[k]
        return atom.kind == "digit" or (atom.kind == "word" and atom.low in _STARTERS)

    def adjacent(self, k: int) -> bool:
        """Atom k follows atom k-1 with at most one space (numerals do not span line breaks)."""
        if k >= self.n or k == 0:
            return False
        gap = self.text[self.a[k - 1].end:self.a[k].start]
        return len(gap) <= 1 and gap != "\n"

    def is_free_digit(self, k: int) -> bool:
        return k < self.n and self.a[k].kind == "digit" and not self.a[k].glued

    # -- pieces -------------------------------------------------------------------------
    def sub100(self, k: int) -> Optional[tuple[float, int, bool]]:
        """D | U | T | T-U: (value, next index, written in words)."""
        if k >= self.n:
            return None
        atom = self.a[k]
        if self.is_free_digit(k):
            return atom.value, k + 1, False
        w = atom.low
        if w in UNITS:
            return float(UNITS[w]), k + 1, True
        if w in TENS:
            value, j = float(TENS[w]), k + 1
            jj = j + 1 if self.low(j) == "-" and self.adjacent(j) else j
            if self.low(jj) in UNITS and 0 < UNITS[self.low(jj)] < 10 and self.adjacent(jj):
                return value + UNITS[self.low(jj)], jj + 1, True
            return value, j, True
        return None

    def decimals(self, k: int) -> Optional[tuple[str, int]]:
        """Digit words after 'point': 'five point five', 'nought point nought three'."""
        digits, j = "", k
        while j < self.n and self.adjacent(j):
            w = self.low(j)
            if w in UNITS and UNITS[w] < 10:
                digits += str(UNITS[w])
                j += 1
            elif w in UNITS or w in TENS:
                got = self.sub100(j)
                digits += str(int(got[0]))
                j = got[1]
                break
            else:
                break
        return (digits, j) if digits else None

    def group(self, k: int) -> Optional[tuple[float, int, bool]]:
        """A number below one thousand: base [hundred [and sub100]], or 'a hundred ...'."""
        base = self.sub100(k)
        if base is None:
            if self.low(k) in ("a", "an", "one") and self.low(k + 1) == "hundred" and self.adjacent(k + 1):
                base = (1.0, k + 1, True)
            else:
                return None
        value, j, words = base
        if words and self.low(j) == "point" and self.adjacent(j):
            dec = self.decimals(j + 1)
            if dec:
                return float(f"{int(value)}.{dec[0]}"), dec[1], True
        if self.low(j) == "hundred" and self.adjacent(j) and value < 100:
            value, j = value * 100, j + 1
            jj = j + 1 if self.low(j) in CONNECTORS and self.adjacent(j) else j
            sub = self.sub100(jj) if self.adjacent(jj) else None
            if sub and 0 < sub[0] < 100 and float(sub[0]).is_integer() and self.low(sub[1]) not in ("hundred",) \
                    and self.low(sub[1]) not in SCALES:
                value, j = value + sub[0], sub[1]
            return value, j, True
        return value, j, words

    def fraction(self, k: int) -> Optional[tuple[float, int]]:
        """'a half', 'one fourth', 'three quarters', 'two-thirds', 'a thirtieth'."""
        if self.low(k) in ("a", "an"):
            num, j = 1.0, k + 1
        else:
            got = self.group(k)
            if got is None or not got[2]:
                return None
            num, j = got[0], got[1]
        jj = j + 1 if self.low(j) == "-" and self.adjacent(j) else j
        den_word = self.low(jj)
        if den_word in DENOMINATORS and self.adjacent(jj):
            return num / DENOMINATORS[den_word], jj + 1
        return None

    # -- whole numerals -----------------------------------------------------------------
    def compound(self, k: int) -> Optional[tuple[float, int, str]]:
        """The longest numeral starting at k: (value, next index, kind)."""
        total, cur, last_scale, j = 0.0, None, None, k
        words = False
        w = self.low(k)
        if w in ("a", "an") and self.low(k + 1) in SCALES and self.adjacent(k + 1):
            cur, j, words = 1.0, k + 1, True
        elif w == "half" and self._half_scale(k):
            j = k + 1
            if self.low(j) in ("a", "an"):
                j += 1
            total, last_scale, j, words = 0.5 * SCALES[self.low(j)], SCALES[self.low(j)], j + 1, True
        else:
            g = self.group(k)
            if g is None:
                return None
            cur, j, words = g
            frac = self._denominator(j, cur, words)
            if frac:
                return frac[0], frac[1], "fraction"
            if words and self.low(j) == "over" and self.adjacent(j + 1):  # "one over 20"
                den = self.group(j + 1)
                if den and den[0]:
                    return cur / den[0], den[1], "fraction"
        while j < self.n:
            w = self.low(j)
            if w in SCALES and self.adjacent(j) and (cur is not None or last_scale is not None):
                scale = SCALES[w]
                if cur is None and last_scale is not None and scale > last_scale:
                    total *= scale  # "three lakh crore"
                elif cur is None:
                    break
                else:
                    total += cur * scale
                cur, last_scale, j, words = None, scale, j + 1, True
                continue
            if w in CONNECTORS or w == ",":
                nxt = j + 1
                if not self.adjacent(nxt):
                    break
                if w != "," and self.fraction(nxt) and (cur is not None or last_scale is not None):
                    fval, fj = self.fraction(nxt)
                    if cur is not None:  # "five and a half (million)", "three and one fourth"
                        cur, j = cur + fval, fj
                        continue
                    if self.low(fj) in SCALES and self.adjacent(fj):  # "one billion and a half million"
                        total += fval * SCALES[self.low(fj)]
                        j = fj + 1
                    else:  # "one million and a half"
                        total += fval * last_scale
                        j = fj
                    break
                if last_scale is not None and cur is None:
                    g = self.group(nxt)
                    if g and 0 < g[0] < last_scale and float(g[0]).is_integer() and (g[2] or w != ","):
                        if self.low(g[1]) in SCALES and SCALES[self.low(g[1])] >= last_scale:
                            break
                        cur, j = g[0], g[1]
                        continue
                break
            if last_scale is not None and cur is None and self.adjacent(j):
                g = self.group(j)  # "4 thousand 3 hundred", "one million two hundred"
                if g and 0 < g[0] < last_scale and float(g[0]).is_integer():
                    cur, j = g[0], g[1]
                    continue
            break
        value = total + (cur or 0.0)
        kind = "words" if words else "digits"
        if words and any(self.a[i].kind == "digit" for i in range(k, j)):
            kind = "mixed"
        return value, j, kind

    def _half_scale(self, k: int) -> bool:
        j = k + 1
        if self.low(j) in ("a", "an"):
            j += 1
        return self.low(j) in SCALES and self.adjacent(j)

    def _denominator(self, j: int, cur: float, words: bool) -> Optional[tuple[float, int]]:
        """'two thirds', 'ninety-five hundred fifths' (numerator in words, then a denominator)."""
        if not words:
            return None
        jj = j + 1 if self.low(j) == "-" and self.adjacent(j) else j
        w = self.low(jj)
        if w in DENOMINATORS and self.adjacent(jj) and (cur != 1 or not w.endswith("s")) and w != "second":
            return cur / DENOMINATORS[w], jj + 1
        return None

    def vague(self, k: int) -> Optional[tuple[float, float, int]]:
        """'hundreds', 'dozens of', 'tens of thousands': (low, high, next index)."""
        w = self.low(k)
        if w not in VAGUE:
            return None
        low, high = VAGUE[w]
        j = k + 1
        if self.low(j) == "of" and self.low(j + 1) in VAGUE and self.low(j + 1) not in ("dozens", "tens", "scores"):
            inner = VAGUE[self.low(j + 1)][0]
            return low * inner, high * inner, j + 2
        if w in ("tens", "scores"):
            return None
        return low, high, j

    def few(self, k: int) -> Optional[tuple[float, float, int]]:
        """'a few hundred', 'several thousand', 'a couple of million': (low, high, next index)."""
        for words, (low, high) in sorted(VAGUE_QUANTIFIERS.items(), key=lambda kv: -len(kv[0])):
            j = k + len(words)
            if all(self.low(k + i) == word for i, word in enumerate(words)):
                scale = 100.0 if self.low(j) == "hundred" else SCALES.get(self.low(j))
                if scale and self.low(j) != "dozen" and self.adjacent(j):
                    return low * scale, high * scale, j + 1
        return None


def scan_numbers(text: str) -> list[Number]:
    """Every numeral in ``text``, left to right, not overlapping."""
    items = atoms(text)
    parser = _Parser(items, text)
    out: list[Number] = []
    k = 0
    while k < len(items):
        got = _numeral_at(parser, k) if parser.can_start(k) else None
        if got is None:
            k += 1
            continue
        number, k = _of_a_scale(parser, *got)
        out.append(number)
    return out


def _of_a_scale(parser: "_Parser", number: Number, k: int) -> tuple[Number, int]:
    """'a quarter of a million', 'three-quarters of a billion': a fraction of a scale word."""
    items = parser.a
    written = parser.text[number.start:number.end]
    if not 0 < number.value < 1 or number.kind not in ("fraction", "words") or re.search(r"\d", written):
        return number, k
    if parser.low(k) == "of" and parser.low(k + 1) in ("a", "an", "one") and parser.low(k + 2) in SCALES \
            and parser.low(k + 2) not in ("dozen", "gross", "score", "hundred"):
        scale = SCALES[parser.low(k + 2)]
        return Number(number.start, items[k + 2].end, number.value * scale, "words"), k + 3
    return number, k


def _numeral_at(parser: _Parser, k: int) -> Optional[tuple[Number, int]]:
    items = parser.a
    w = parser.low(k)
    if w in NEGATIVE_WORDS:
        if k >= 2 and items[k - 1].low == "or" and items[k - 2].low == "plus":
            return None  # "plus or minus 3.1 points": a margin (the qualifier), not a negative number
        j = k + 1
        if parser.low(j) == "-" and parser.adjacent(j):
            j += 1
        if parser.adjacent(j):
            inner = _numeral_at(parser, j)
            if inner and inner[0].kind != "vague":
                num = inner[0]
                num.start, num.value = items[k].start, -num.value
                num.is_int = False
                return num, inner[1]
        return None
    vague = parser.vague(k) or parser.few(k)
    if vague:
        low, high, j = vague
        return Number(items[k].start, items[j - 1].end, low, "vague", low, high), j
    if w in ("a", "an"):
        # 'a third', 'a quarter' are numerals only before 'of', a scale or the end of a phrase
        # ('a third term' is an ordinal), or after a cue ("fell by a quarter in 2020", "roughly a
        # third oppose it"); 'a half' is left to 'and a half', 'half a million'
        frac = parser.fraction(k)
        if frac and items[frac[1] - 1].low != "half":
            nxt = parser.low(frac[1])
            if nxt in SCALES and parser.adjacent(frac[1]):
                return Number(items[k].start, items[frac[1]].end, frac[0] * SCALES[nxt], "words"), frac[1] + 1
            if nxt in ("of", "", ".", ",", ";", ")", "!", "?") or (k > 0 and items[k - 1].low in FRACTION_CUES):
                return Number(items[k].start, items[frac[1] - 1].end, frac[0], "fraction"), frac[1]
    if items[k].kind == "digit" and items[k].glued:
        atom = items[k]
        if not math.isfinite(atom.value):
            return None
        return Number(atom.start, atom.end, atom.value, "digits", is_int=atom.is_int,
                      grouped=bool(re.search(r"\d[, \u00a0\u202f\u2009]\d", atom.text))), k + 1
    got = parser.compound(k)
    if got is None:
        if w == "half":
            return Number(items[k].start, items[k].end, 0.5, "fraction"), k + 1
        return None
    value, j, kind = got
    first = items[k]
    number = Number(first.start, items[j - 1].end, value, kind)
    if kind == "digits" and j == k + 1:
        number.is_int = first.is_int
        number.grouped = bool(re.search(r"\d[, \u00a0\u202f\u2009]\d", first.text))
    if not math.isfinite(value):  # 1/0, or hundreds of digits: not a number anyone asserts
        return None
    return number, j


def parse_number(surface: str) -> Optional[float]:
    """The value of one numeral written as ``surface`` (digits, words or a mix), else None.

    Scale suffixes glued to digits are understood (``1.2m`` is 1.2 million, ``77k`` 77 thousand,
    ``3bn``); currency signs and units are not part of a numeral (see quantities).
    """
    text = surface.strip()
    match = re.fullmatch(r"(.*?\d)([A-Za-z]+)", text)
    if match and (match.group(2) in SUFFIX_ALWAYS or match.group(2) in SUFFIX_WITH_CURRENCY):
        base = parse_number(match.group(1))
        scale = SUFFIX_ALWAYS.get(match.group(2)) or SUFFIX_WITH_CURRENCY[match.group(2)]
        return None if base is None else base * scale
    found = scan_numbers(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return float(f"{found[0].value:.15g}")
    sign = -1 if text[:1] and text[0] in _MINUS else 1
    if sign < 0:
        inner = parse_number(text[1:])
        return None if inner is None else -inner
    return None
