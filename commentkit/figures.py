"""The normalised view of a Claim that ``compare`` reasons over.

A ``Figure`` holds what comparison needs and a Claim does not spell out: the unit family, the
lemma of the counted noun (with light synonyms folded), the canonical entity, the rounding the
writer's digits imply, the slack an approximation word grants, and the words of its sentence.
All word lists come from ``commentkit/lang/en/compare.json`` and ``states.json``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from commentkit.compare_lexicon import Lexicon, content_lemmas, lemma, load_lexicon, read_lang  # noqa: F401 (re-exported)
from commentkit.model import Claim

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class Figure:
    claim: Claim
    value: float
    low: Optional[float]
    high: Optional[float]
    unit: str  # canonical: ISO code, 'percent', 'count', 'ratio', a time unit, or another unit name
    kind: str  # currency | percent | count | ratio | time | measure
    head: Optional[str]  # canonical lemma of what is counted
    what: frozenset  # canonical lemmas of the whole `what` phrase
    per: Optional[str]  # canonical lemma of the "per <noun>" a rate is expressed in
    entity: Optional[str]  # canonical entity, e.g. "Texas" for "TX"
    names: frozenset  # capitalised names in the sentence (who/where the sentence is about)
    context: frozenset  # content lemmas of the sentence
    bound: Optional[str]  # 'lower' | 'upper' | None
    approx: float  # relative slack granted by an approximation word
    precision: float  # absolute half-unit of the rounding the digits imply (capped)
    remainder: bool  # "the other 35 states": a count of what is left after named parts
    change: Optional[str]  # 'increase' / 'decrease' / 'change' when stated as a change
    sentence: str  # the sentence it stands in
    personal: bool  # the sentence is about the writer's own things ("my tree", "I have")
    tail: str  # the words right after it ("…, not 54")
    baseline: Optional[float] = None  # the level before a stated change ("from $3.20 to $3.80" -> 3.20)
    tally: Optional[tuple] = None  # "voted 7 to 2": (7, 2), on both of its figures
    lead: str = ""  # the words right before it, in its post
    predicate: Optional[str] = None  # "54% back the plan": what a share does ("back"), when no noun says

    @property
    def ends(self) -> tuple:
        """The two levels a figure states, low first: a range's ends or a change's baseline and value."""
        if self.baseline is not None:
            return tuple(sorted((self.baseline, self.value)))
        if self.low is not None and self.high is not None and self.low != self.high:
            return (self.low, self.high)
        return ()

    @property
    def post_id(self) -> str:
        return self.claim.post_id


def make_figure(claim: Claim, post_text: str, lex: Lexicon) -> Figure:
    unit, kind, scale = _unit(claim, lex)
    before = post_text[max(0, claim.start - 80):claim.start] if post_text else ""
    after = post_text[claim.end:claim.end + 60] if post_text else ""
    sentence = claim.sentence or _sentence_around(post_text, claim.start, claim.end)
    what_text = claim.what or ""
    base, rate_of = per_base(split_rate(claim.unit)[1])  # "5.4 per 100,000 residents": 100000, 'residents'
    if not what_text and kind in ("count", "time", "measure"):  # "60 votes", "35 States": the noun written
        what_text = _surface_noun(claim.surface, lex)
        if kind == "measure" and _unit_names().get(what_text.lower()) in (unit, claim.unit):
            what_text = ""  # "4.5 metres", "60 mph": the unit's own spelling, not something counted
    if not what_text and kind in ("count", "currency", "percent") and base == 1:  # "$105 billion in spending cuts"
        what_text = _following_noun(after, lex)
    if kind == "measure" and not what_text:
        what_text = unit
    what = content_lemmas(what_text, lex)
    scale /= base  # "5.4 per 100,000 people" is 0.000054 per person, to compare with any other base
    if base != 1 and not rate_of:
        per = ANY_BASE  # "5.4 per 100,000": per whatever the thread counts per 100,000
    else:
        per = _canonical(rate_of.split()[-1], lex) if rate_of else (_per(claim, after, lex) or _per_before(before, lex))
    head = _head(what_text, lex)
    if head is not None and head == per:  # "per eligible officer": the rate's unit, not what is counted
        head = None
    value = claim.value * scale
    qualifier = (claim.qualifier or "").lower().strip()
    lead = before.lower()
    return Figure(
        claim=claim,
        value=value,
        low=claim.low * scale if claim.low is not None else None,
        high=claim.high * scale if claim.high is not None else None,
        unit=unit,
        kind=kind,
        head=head,
        what=what,
        per=per,
        entity=canonical_entity(claim.entity, lex),
        names=_names(sentence, claim.surface, lex),
        context=content_lemmas(sentence, lex),
        bound=_bound(qualifier, lead, lex),
        approx=_approx(qualifier, lead, lex),
        precision=lex.fraction_word_slack * abs(value) if _is_fraction(claim) else  # 'a quarter of a terabyte'
        min(_half_unit(claim.surface, claim.value) * scale, lex.max_rounding_slack * abs(value)),
        remainder=_ends_with_cue(lead, lex.remainder_cues),
        change=claim.change or (_change_cue(sentence, lex) if kind in ("percent", "ratio") else None),
        sentence=sentence,
        personal=_personal(before, lex),
        tail=after,
        baseline=claim.baseline * scale if claim.baseline is not None else None,
        tally=_tally(before, after, claim) if kind == "count" else None,
        lead=before,
        predicate=_predicate(after, lex) if kind == "percent" and not what_text else None,
    )


_TALLY_AFTER = re.compile(r"\s*(?:to|-|–)\s*(\d{1,3})\b(?![.,]\d)")
_TALLY_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3})\s*(?:to|-|–)\s*$")


def _tally(before: str, after: str, claim: Claim) -> Optional[tuple]:
    """"voted 7 to 2", "won 51-49": two whole counts, the larger first (a range goes low to high).
    Returns (first, second, index of this figure in the pair)."""
    if not float(claim.value).is_integer() or claim.surface.strip() != str(int(claim.value)):
        return None
    after_match, before_match = _TALLY_AFTER.match(after), _TALLY_BEFORE.search(before)
    opening = before[:before_match.start()] if before_match else before
    if re.search(r"\b(?:from|between)\s*$", opening, re.IGNORECASE):
        return None  # "fell from 10 to 5": a change, not a tally
    if after_match and not before_match:
        pair = (claim.value, float(after_match.group(1)), 0)
    elif before_match and not after_match:
        pair = (float(before_match.group(1)), claim.value, 1)
    else:
        return None
    return pair if pair[0] >= pair[1] else None


def inherit_heads(figures: list[Figure]) -> list[Figure]:
    """Fill in from the sentence what a figure leaves implicit: with no noun of its own it counts
    what the figure before it in the same unit counts ("1,240 students, down from 1,310 last year");
    "at 4 megawatts each" is per the noun the sentence counted last ("12 turbines")."""
    out: list = []
    last: dict = {}
    last_count: dict = {}
    previous = None
    for fig in sorted(figures, key=lambda f: (f.post_id, f.claim.start)):
        if previous is not None and _corrected_in_kind(previous, fig):  # "48 megawatts, not 54": 54 megawatts
            fig = replace(fig, unit=previous.unit, kind=previous.kind, head=previous.head, what=previous.what,
                          per=previous.per)
        elif previous is not None and _corrected_scale(previous, fig) != 1:  # "15 million customers, not 16"
            k = _corrected_scale(previous, fig)
            fig = replace(fig, value=fig.value * k, precision=fig.precision * k, head=previous.head,
                          what=previous.what)
        previous = fig
        key = (fig.post_id, fig.sentence, fig.unit)
        if fig.head is None and fig.kind in ("count", "currency", "measure") and key in last:
            source = last[key]
            fig = replace(fig, head=source.head, what=source.what)
        if fig.per == _EACH:
            counted = last_count.get((fig.post_id, fig.sentence))
            fig = replace(fig, per=counted.head if counted else None)
        if fig.head is not None:
            last[key] = fig
            if fig.kind == "count":
                last_count[(fig.post_id, fig.sentence)] = fig
        out.append(fig)
    return out


_NOUN_NOT_BEFORE = re.compile(r"^(?:\s+[A-Za-z'’-]+){0,2}\s*,?\s*(?:not|rather than|instead of)\s+(?:the\s+)?$",
                              re.IGNORECASE)
_NOT_BEFORE = re.compile(r"^\s*,?\s*(?:not|rather than|instead of)\s+(?:the\s+)?$", re.IGNORECASE)


def _predicate(after: str, lex: Lexicon) -> Optional[str]:
    """The verb right after a share ("54% back it", "28% oppose them"), as a light lemma."""
    m = re.match(r"\s*(?:of\s+(?:them|those|respondents|people|voters)\s+)?([A-Za-z]+)", after)
    if not m or m.group(1).lower() not in lex.verbs_after_figures:
        return None
    word = lemma(m.group(1).lower())
    return lex.synonyms.get(word, word)  # "back" and "support" are one predicate


def _corrected_scale(previous: Figure, fig: Figure) -> float:
    """"15 million customers, not 16": the scale word the corrected bare count leaves out (1: none)."""
    if fig.post_id != previous.post_id or fig.sentence != previous.sentence or fig.claim.unit != "count" \
            or previous.kind != "count" or fig.claim.what or not fig.sentence:
        return 1.0
    distance = fig.claim.start - previous.claim.end
    if not 0 < distance <= min(len(fig.lead), 30) or not _NOUN_NOT_BEFORE.match(fig.lead[len(fig.lead) - distance:]):
        return 1.0
    written = _DIGITS.search(previous.claim.surface or "")
    if not written or not re.fullmatch(r"\d+(?:\.\d+)?", fig.claim.surface.strip()):
        return 1.0
    number = float(written.group().replace(",", ""))
    scale = previous.value / number if number else 1.0
    return scale if scale >= 1000 and math.isclose(math.log10(scale), round(math.log10(scale))) else 1.0


def _corrected_in_kind(previous: Figure, fig: Figure) -> bool:
    """A bare number right after "<figure>, not": the figure it corrects is of the same kind."""
    if fig.post_id != previous.post_id or fig.sentence != previous.sentence or fig.claim.unit not in (None, "count"):
        return False
    if fig.claim.what or previous.kind == "count" or not fig.sentence:
        return False
    distance = fig.claim.start - previous.claim.end
    if not 0 < distance <= min(len(fig.lead), 20):
        return False
    return bool(_NOT_BEFORE.match(fig.lead[len(fig.lead) - distance:]))


def _head(what_text: str, lex: Lexicon) -> Optional[str]:
    """The counted noun: the last content word before any "per ..." ("equipment per officer" -> equipment)."""
    words = []
    for word in _WORD.findall(what_text):
        if word.lower() in lex.per_cues and word.lower() not in ("a", "an"):
            break
        if word.lower() not in lex.stopwords:
            words.append(word)
    if not words:
        return None
    lem = lemma(words[-1])
    return lex.synonyms.get(lem, lem)


def _personal(before: str, lex: Lexicon) -> bool:
    """The words just before a figure, in its clause, speak of the writer's own things ("my tree,
    grown from seed, with 6 leaves", "I paid $4.60"); a figure right after "not" quotes someone else."""
    clause = re.split(r"[.;:!?\n]", before)[-1].lower().replace("’", "'")
    words = re.findall(r"[a-z']+", clause)[-10:]
    if words and (words[-1] in ("not", "than") or words[-2:] == ["instead", "of"]):
        return False
    text = " " + " ".join(words) + " "
    return any(f" {cue} " in text for cue in lex.personal_cues)


def _change_cue(sentence: str, lex: Lexicon) -> Optional[str]:
    words = {w.lower() for w in _WORD.findall(sentence or "")}
    return "change" if words & lex.change_cues else None


def canonical_entity(entity: Optional[str], lex: Lexicon) -> Optional[str]:
    if not entity:
        return None
    name = " ".join(entity.replace(".", "").split())
    return lex.states.get(name.upper(), name) if len(name) == 2 else name


def split_rate(unit: Optional[str]) -> tuple[str, Optional[str]]:
    """'USD per year' -> ('USD', 'year'); a unit without 'per' -> (unit, None)."""
    raw = (unit or "count").strip()
    match = re.fullmatch(r"(.+?)\s*(?:\bper\b|/)\s*(.+)", raw)
    return (match.group(1).strip(), match.group(2).strip()) if match else (raw, None)


def per_base(rate_of: Optional[str]) -> tuple[float, Optional[str]]:
    """'100000 residents' -> (100000, 'residents'): the round number a rate is per, and its noun."""
    match = re.fullmatch(r"(\d+)(?:\s+(.+))?", rate_of or "")
    return (float(match.group(1)), match.group(2)) if match else (1.0, rate_of)


def _unit(claim: Claim, lex: Lexicon) -> tuple[str, str, float]:
    """(canonical unit, kind, factor applied to the value); a rate's 'per ...' part is dropped."""
    raw = split_rate(claim.unit)[0]
    low = raw.lower()
    if re.fullmatch(r"[A-Z]{3}", raw):
        return raw, "currency", 1.0
    if low in lex.currency_synonyms:
        return lex.currency_synonyms[low], "currency", 1.0
    if low in lex.percent_units:
        return "percent", "percent", 1.0
    if low in lex.fraction_units:
        return "percent", "percent", 100.0
    if low in lex.ratio_units:
        return "ratio", "ratio", 1.0
    if low in lex.time_units:
        return lex.time_units[low], "time", 1.0
    if low == "count" and claim.unit == "count" and _MULTIPLIER.search(claim.surface or ""):
        return "ratio", "ratio", 1.0  # "four times as much", "3x", "tenfold": a ratio, not a count
    if low == "count" and claim.unit == "count" and _is_fraction(claim):
        return "percent", "percent", 100.0  # "a quarter of voters", "one in five": a share, as 25%, 20%
    if low == "count":
        return "count", "count", 1.0
    return lemma(low), "measure", 1.0


_DECIMAL = re.compile(r"\d[.,]\d")
_MULTIPLIER = re.compile(r"\btimes\b|fold\b|^[x×]\s?\d|\d\s?[x×]$", re.IGNORECASE)


def _is_fraction(claim: Claim) -> bool:
    """A share written as a fraction ('a third', 'two-thirds', '1 in 5', '2/3', '⅔', 'half'), not
    a decimal ('0.5') or a count."""
    return 0 < claim.value < 1 and not _DECIMAL.search(claim.surface or "") and claim.baseline is None


def _sentence_around(text: str, start: int, end: int) -> str:
    if not text:
        return ""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    return text[left + 1 if left >= 0 else 0:(min(rights) + 1) if rights else len(text)].strip()


def _surface_noun(surface: str, lex: Lexicon) -> str:
    words = [w for w in _WORD.findall(surface or "") if w.lower() not in lex.stopwords and len(w) >= 3]
    return words[-1] if words and not surface.strip().startswith(words[-1]) else ""


def _following_noun(after: str, lex: Lexicon) -> str:
    """The noun a figure is about when it follows it: "35 States", "$105 billion in spending cuts",
    "3% tax you pay" -> States, cuts, tax (at most one linking preposition, then a run of words)."""
    clause = re.split(r"[;:.,!?()\n\"“”]", after, maxsplit=1)[0]
    words = clause.split()
    if words and words[0].lower() in ("in", "of", "for", "on", "worth"):
        words = words[1:]
        if words and words[0][:1].isupper():
            return ""  # "2.1% in Germany": where, not what
    run = []
    for word in words[:4]:
        if not _WORD.fullmatch(word) or word.lower() in lex.stopwords or word.lower() in lex.verbs_after_figures:
            break
        run.append(word)
    while len(run) > 1 and run[-1].lower().endswith(("ing", "ed")):
        run.pop()
    return " ".join(run)


@lru_cache(maxsize=1)
def _unit_names() -> dict:
    """Spellings of units ("metres" -> "meter"), from lang/en/units.json."""
    units = read_lang("units.json")
    return {k.lower(): v for k, v in [*units["symbols"].items(), *units["names"].items()]}


def _canonical(word: str, lex: Lexicon) -> str:
    lem = lemma(word)
    return lex.synonyms.get(lem, lem)


ANY_BASE = "\0base"  # "5.4 per 100,000" with no noun written: per the same thing as the article's rate
_EACH = "\0each"  # "4 megawatts each": per whatever the sentence counted before (see inherit_heads)


def _per(claim: Claim, after: str, lex: Lexicon) -> Optional[str]:
    """The noun a rate is expressed per: "$7,500 for equipment per trained officer" -> officer."""
    if re.match(r"\s*(?:each|apiece)\b", after, re.IGNORECASE):  # "4 megawatts each": per what was counted
        return _EACH
    for text in (claim.what or "", after):
        clause = re.split(r"[;:.,!?()\n]", text, maxsplit=1)[0]
        words = clause.split()
        for i, word in enumerate(words[:6]):
            cue = word.lower()
            article = cue in ("a", "an")  # "$300 a month", "45,000 vehicles a day": right after the figure or its noun
            noun_first = i == 1 and bool(claim.what) and words[0].lower() == claim.what.lower().split()[-1]
            if cue in lex.per_cues and (not article or ((i == 0 or noun_first) and text is after)):
                period = words[i + 1].lower().strip(".,;:!?") if i + 1 < len(words) else ""
                if period in lex.time_units:
                    return lex.time_units[period]  # "45,000 vehicles a day"
                noun = _noun_run(words[i + 1:i + 8], lex)
                if noun:
                    lem = lemma(noun)
                    return lex.synonyms.get(lem, lem)
    return None


def _per_before(before: str, lex: Lexicon) -> Optional[str]:
    """"Each turbine is rated at 4.5 megawatts", "Spending per pupil is $5,000": the rate's noun stated
    before the figure, same clause."""
    clause = re.split(r"[;:.!?()\n]", before)[-1]
    words = clause.split()
    for i, word in enumerate(words):
        opens = i == 0 or words[i - 1].lower() in lex.stopwords  # "Each boiler is", "of each boiler"
        if word.lower() in lex.per_cues and word.lower() not in ("a", "an") and (opens or word.lower() == "per"):
            noun = _noun_run(words[i + 1:i + 2], lex) if not opens else _noun_run(words[i + 1:i + 6], lex)
            if noun:
                return _canonical(noun, lex)
    return None


def _noun_run(words: list, lex: Lexicon) -> Optional[str]:
    """The last word of the first run of content words ("the other 35 States participating" -> States)."""
    run = []
    for word in words:
        low = word.lower()
        if not _WORD.fullmatch(word) or low in lex.stopwords or low in lex.remainder_cues:
            if run:
                break
            continue
        run.append(word)
    while len(run) > 1 and run[-1].lower().endswith(("ing", "ed")):
        run.pop()
    return run[-1] if run else None


def _names(sentence: str, surface: str, lex: Lexicon) -> frozenset:
    """Capitalised words of the sentence: a cheap hint of who or where it is about. A sentence's
    first word counts only inside a run of capitalised words ("Wilfrid Laurier led", not "Fewer")."""
    names = set()
    text = sentence or ""
    for match in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        word = match.group()
        if word.lower() in lex.stopwords or word in surface:
            continue
        opening = not text[:match.start()].strip() or text[:match.start()].rstrip()[-1:] in ".!?\n\"“"
        if opening and not re.match(r"\s+[A-Z][a-z]", text[match.end():]):
            continue
        names.add(word)
    return frozenset(names)


def _ends_with_cue(lead: str, cues) -> bool:
    words = re.sub(r"[^a-z\s]", " ", lead).split()
    tail = " ".join(words[-3:])
    return any(tail == cue or tail.endswith(" " + cue) for cue in cues)


def _bound(qualifier: str, lead: str, lex: Lexicon) -> Optional[str]:
    for phrase in (qualifier, " ".join(lead.split()[-3:])):
        if not phrase:
            continue
        if any(phrase == q or phrase.endswith(" " + q) for q in lex.lower_bound):
            return "lower"
        if any(phrase == q or phrase.endswith(" " + q) for q in lex.upper_bound):
            return "upper"
    return None


def _approx(qualifier: str, lead: str, lex: Lexicon) -> float:
    slack = 0.0
    tail = " ".join(lead.split()[-3:])
    for phrase, rel in lex.approximation.items():
        if qualifier == phrase or qualifier.endswith(" " + phrase) or tail.endswith(" " + phrase) or tail == phrase:
            slack = max(slack, rel)
    return slack


def _half_unit(surface: str, value: float) -> float:
    """Half the last stated digit's place, in the claim's value units ("850" -> 5, "$7.5k" -> 50)."""
    match = _DIGITS.search(surface or "")
    if not match or not value:
        return 0.0
    digits = match.group()
    groups = re.split(r"[,.]", digits)
    last_sep = max(digits.rfind(","), digits.rfind("."))
    if last_sep >= 0 and len(groups[-1]) != 3:  # a decimal part: "7.5", "2.3"
        decimals = len(groups[-1])
        mantissa = float(digits.replace(",", "")) if digits.count(".") <= 1 else float(digits.replace(".", ""))
        place = 10.0 ** -decimals
    else:  # thousands separators or none: "1,168", "$2.500", "850"
        number = "".join(groups)
        mantissa = float(number)
        zeros = len(number) - len(number.rstrip("0")) if mantissa else 0
        place = 10.0 ** zeros
    if mantissa == 0:
        return 0.0
    scale = abs(value) / mantissa
    return place / 2 * scale


def format_number(value: float) -> str:
    """1168 -> '1,168'; 109e9 -> '109 billion'; 7.5 -> '7.5'; 765.18 -> '765'."""
    magnitude = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= size:
            return f"{_trim(value / size)} {word}"
    if magnitude >= 100 or float(value).is_integer():
        return f"{round(value):,}"
    return _trim(value)


def _trim(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    text = f"{x:,.2f}" if abs(x) >= 1 else f"{x:.3g}"
    return text.rstrip("0").rstrip(".")


def noun_as_written(claim: Claim) -> Optional[str]:
    """The counted noun as its sentence writes it: "States" for what='states'; for a compound
    modifier ("a 12-turbine wind farm") the hyphenated word and the noun it modifies, "-turbine wind
    farm", so the figure reads "12-turbine wind farm" rather than a bare "12 turbine"."""
    what = claim.what
    if not what:
        return None
    sentence = claim.sentence or ""
    at = sentence.find(claim.surface) if claim.surface else -1
    after = sentence[at + len(claim.surface):] if at >= 0 else ""
    hyphen = re.match(r"-(" + re.escape(what) + r")\b", after, re.IGNORECASE)
    if hyphen:
        modified = " ".join(w for w in _following_noun(after[hyphen.end():], load_lexicon()).split()
                            if w.islower())  # "wind farm", not "wind farm Gull"
        return f"-{hyphen.group(1)}" + (f" {modified}" if modified else "")
    written = re.search(r"\b" + re.escape(what) + r"\b", after, re.IGNORECASE)
    return written.group() if written else what


def with_noun(number: str, noun: Optional[str]) -> str:
    """'12' + 'turbines' -> '12 turbines'; '12' + '-turbine wind farm' -> '12-turbine wind farm'."""
    if not noun:
        return number
    return f"{number}{noun}" if noun.startswith("-") else f"{number} {noun}"


def format_quantity(fig: Figure, value: Optional[float] = None, lex: Optional[Lexicon] = None) -> str:
    """A figure's value with its unit for a sentence: '$7,500', '25%', '342 agreements (Florida)';
    a rate per a round number as written ('5.4 per 100,000 residents', not per person)."""
    lex = lex or load_lexicon()
    value = fig.value if value is None else value
    base, of = per_base(split_rate(fig.claim.unit)[1])
    value *= base
    number = format_number(value)
    per = f" per {format_number(base)} {of or ''}".rstrip() if base != 1 else ""
    if fig.kind == "currency":
        if abs(value) < 1000 and not float(value).is_integer():
            number = f"{value:,.2f}"  # cents: $4.20
        symbol = lex.currency_symbols.get(fig.unit)
        if not per and fig.per in lex.time_units.values():
            per = f" a {fig.per}"  # "£350 million a week"
        text = (f"{symbol}{number}" if symbol else f"{number} {fig.unit}") + per
    elif fig.kind == "percent":
        text = f"{number}%"
    elif fig.kind == "ratio":
        text = f"{number}×"
    elif fig.kind == "time":
        text = f"{number} {fig.unit}{'' if value == 1 else 's'}"
    else:
        noun = noun_as_written(fig.claim) or (_unit_text(fig, value, lex) if fig.kind == "measure" else "")
        text = with_noun(number, noun).strip() + per
    if fig.entity:
        text += f" ({fig.entity})"
    return text


def _unit_text(fig: Figure, value: float, lex: Lexicon) -> str:
    """'60 miles per hour', '40.3 degrees Celsius', '1 foot': a measure's unit for a sentence."""
    unit = fig.unit
    if value != 1:
        first, _, rest = unit.partition(" ")
        unit = lex.unit_plurals.get(unit) or (first if first.endswith("s") else first + "s") + (f" {rest}" if rest else "")
    per = f" per {fig.per}" if fig.per and fig.per in lex.time_units.values() else ""
    return unit + per


def relative(a: float, b: float) -> float:
    """Relative difference of a from b (0 when both are 0)."""
    if b == 0:
        return 0.0 if a == 0 else math.inf
    return abs(a - b) / abs(b)
