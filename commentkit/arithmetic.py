"""Figures computed from the article's own figures, and the article's self-check.

``derivations`` enumerates small, dimensionally sound combinations of article figures: sums and
differences of like quantities, ratios and shares, percent changes (including "X, up from Y"),
rate × count, percent-of, totals minus named parts, named parts plus one for each of the others,
and years elapsed between dates the article mentions. ``compare`` looks a comment figure up in
that list; nothing here knows any particular page.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from commentkit.figures import (ANY_BASE, Figure, Lexicon, format_number, lemma, load_lexicon, make_figure,
                                relative)
from commentkit.model import Check, Claim, Post

_YEAR = re.compile(r"(?<![\d,.$])(1[89]\d\d|20\d\d)(?![\d,%])")
_MAX_TRIPLE_POOL = 8  # sums of three only among a few like figures


@dataclass(frozen=True)
class Derivation:
    value: float
    unit: str
    kind: str
    terms: tuple  # the Figures used
    expression: str  # "342 + 296 + 63"
    label: str  # what kind of arithmetic, for the explanation
    direction: Optional[str] = None  # 'increase' / 'decrease' for percent changes
    per: Optional[str] = None  # for per-unit divisions: the noun divided by
    max_error: Optional[float] = None  # relative: a comment figure this far off at most, whatever its rounding


@dataclass(frozen=True)
class Remainder:
    """What is left of a total after its named parts: 39 states, 5 named -> 34 others."""

    total: Figure
    named: tuple  # entity names
    value: float
    stated_by: Optional[Figure] = None  # a comment figure that states this remainder itself

    @property
    def expression(self) -> str:
        return f"{format_number(self.total.value)} − {len(self.named)} named = {format_number(self.value)}"


def same_quantity(a: Figure, b: Figure) -> bool:
    return a.unit == b.unit and a.head is not None and a.head == b.head


def article_years(post: Post) -> list[Claim]:
    """The years a post mentions, as claims (unit 'year'): the dates elapsed time is computed from.
    They are not figures of the article; they only appear as terms of a derivation."""
    seen, out = set(), []
    for match in _YEAR.finditer(post.text or ""):
        year = int(match.group(1))
        if year not in seen:
            seen.add(year)
            out.append(Claim(post_id=post.id, start=match.start(1), end=match.end(1), surface=match.group(1),
                             value=year, unit="year", what="date"))
    return sorted(out, key=lambda c: c.value)


def named_parts(total: Figure, figures: Iterable[Figure], lex: Lexicon, same_post: bool = True) -> tuple:
    """Entities of ``figures`` that are members of what ``total`` counts (states, for "39 states").

    Without a gazetteer for the counted noun, the members are entities whose name carries that
    noun ("Kern County" for "28 counties"), named near the total when in the same post.
    """
    members = lex.kinds.get(total.head or "")
    names = []
    for fig in figures:
        if fig is total or not fig.entity or fig.entity in names:
            continue
        if members is not None and fig.entity.lower() not in members:
            continue
        if members is None and not _names_a(fig.entity, total.head):
            continue
        if members is None and same_post and abs(fig.claim.start - total.claim.start) > 400:
            continue
        names.append(fig.entity)
    return tuple(names)


def _names_a(entity: str, head: Optional[str]) -> bool:
    return bool(head) and any(lemma(word) == head for word in entity.split())


def remainders(article: list[Figure], lex: Lexicon) -> list[Remainder]:
    out = []
    for total in article:
        if total.kind != "count" or total.entity or not total.head:
            continue
        named = named_parts(total, article, lex)
        if named and len(named) < total.value:
            out.append(Remainder(total, named, total.value - len(named)))
    return out


def derivations(article: list[Figure], years: list[Claim], lex: Lexicon,
                stated: Iterable[Remainder] = ()) -> list[Derivation]:
    """Every figure the article's figures give by one small step of arithmetic."""
    out: list[Derivation] = []
    for a, b in itertools.permutations(article, 2):
        out.extend(_pair(a, b, lex))
    for fig in article:
        out.extend(_from_baseline(fig))
        out.extend(_other_periods(fig))
    out.extend(_applied_changes(article))
    out.extend(_groups(article, [*remainders(article, lex), *stated]))
    out.extend(_triples(article))
    dates = [make_figure(year, "", lex) for year in years]
    for early, late in itertools.combinations(dates, 2):
        out.append(Derivation(late.value - early.value, "year", "time", (early, late),
                              f"{late.claim.surface} − {early.claim.surface}", "years between the article's dates"))
    return [d for d in out if d.value == d.value and abs(d.value) != float("inf")]


def _per_noun(fig: Figure, lex: Lexicon) -> Optional[str]:
    """What one of a count is: its noun, or a person when a bare count stands in a sentence about
    a population ("The city's population is 2.7 million")."""
    if fig.head:
        return fig.head
    return "person" if fig.claim.unit == "count" and fig.context & lex.population_words else None


def _siblings(a: Figure, b: Figure) -> bool:
    """Two figures of one unit side by side in one sentence, of different things ("£80bn on schools
    and £20bn on hospitals", "420 boys and 380 girls", "4% in Poland, 2.1% in Germany")."""
    return a.unit == b.unit and a.sentence == b.sentence and a.kind in ("currency", "count", "percent", "measure") \
        and not same_quantity(a, b) and a.per == b.per and a.baseline is None and b.baseline is None \
        and not a.claim.change and not b.claim.change and (a.head != b.head or a.entity != b.entity)


def _pair(a: Figure, b: Figure, lex: Lexicon) -> list[Derivation]:
    out = []
    fa, fb = format_number(a.value), format_number(b.value)
    if _siblings(a, b) and a.value and b.value:
        if a.claim.start < b.claim.start:
            out.append(Derivation(a.value + b.value, a.unit, a.kind, (a, b), f"{fa} + {fb}", "sum"))
        if a.value > b.value:
            out.append(Derivation(a.value - b.value, a.unit, a.kind, (a, b), f"{fa} − {fb}", "difference"))
            if a.kind != "percent":
                out.append(Derivation(a.value / b.value, "ratio", "ratio", (a, b), f"{fa} / {fb}", "ratio"))
    if same_quantity(a, b) and a.value and b.value:
        if a.claim.start < b.claim.start:  # each unordered pair once
            out.append(Derivation(a.value + b.value, a.unit, a.kind, (a, b), f"{fa} + {fb}", "sum"))
        if a.value > b.value:
            out.append(Derivation(a.value - b.value, a.unit, a.kind, (a, b), f"{fa} − {fb}", "difference"))
            out.append(Derivation(a.value / b.value, "ratio", "ratio", (a, b), f"{fa} / {fb}", "ratio"))
        if a.value > b.value and b.entity and not a.entity:  # a named part's share of its total
            out.append(Derivation(b.value / a.value * 100, "percent", "percent", (b, a), f"{fb} / {fa}", "share"))
        if a.kind != "percent":
            change = (b.value - a.value) / a.value * 100
            out.append(Derivation(abs(change), "percent", "percent", (a, b), f"({fb} − {fa}) / {fa}",
                                  "percent change", "increase" if change > 0 else "decrease"))
    per = _per_noun(b, lex) if b.kind == "count" else None
    if per and b.value and a.kind in ("currency", "count", "measure") and (a.kind != "count" or a.head != per) \
            and not a.per:
        out.append(Derivation(a.value / b.value, a.unit, a.kind, (a, b), f"{_q(a)} / {fb}", "per-unit division",
                              per=per))
    if b.kind == "time" and b.value and a.kind in ("currency", "count", "measure") and not a.per \
            and a.sentence == b.sentence and not b.claim.change:  # "£80m over four years": £20m a year
        out.append(Derivation(a.value / b.value, a.unit, a.kind, (a, b), f"{_q(a)} / {fb}", "per-unit division",
                              per=b.unit))
    if a.per and b.kind == "count" and b.head == a.per and b.value:
        out.append(Derivation(a.value * b.value, a.unit, a.kind, (a, b), f"{_q(a)} × {fb}", "rate × count"))
    if a.kind == "percent" and b.kind != "percent" and ((b.head and b.head in a.what) or (
            not a.what and not a.change and a.sentence == b.sentence)):  # "of 2,000 adults, 54% back it"
        out.append(Derivation(a.value / 100 * b.value, b.unit, b.kind, (a, b), f"{format_number(a.value)}% × {_q(b)}",
                              "percent of"))
    return out


def _from_baseline(fig: Figure) -> list[Derivation]:
    base = fig.claim.baseline
    if base is None or not base:
        return []
    if fig.kind == "percent":
        return _percent_levels(fig, base)
    fv, fb = format_number(fig.value), format_number(base)
    change = (fig.value - base) / base * 100
    difference = f"{fv} − {fb}" if fig.value >= base else f"{fb} − {fv}"
    return [
        Derivation(abs(fig.value - base), fig.unit, fig.kind, (fig,), difference, "change from the baseline"),
        Derivation(abs(change), "percent", "percent", (fig,), f"({fv} − {fb}) / {fb}", "percent change",
                   "increase" if change > 0 else "decrease"),
        Derivation(fig.value / base, "ratio", "ratio", (fig,), f"{fv} / {fb}", "ratio to the baseline"),
    ]


_DAYS = {"day": 1, "week": 7, "month": 365 / 12, "year": 365}  # "£350m a week" is £18.2bn a year


def _other_periods(fig: Figure) -> list[Derivation]:
    """A rate per day, week, month or year restated per each of the others (52 weeks a year)."""
    if fig.per not in _DAYS or fig.kind not in ("currency", "count", "measure"):
        return []
    out = []
    for period, days in _DAYS.items():
        if period == fig.per:
            continue
        factor = days / _DAYS[fig.per]
        step = f"× {format_number(factor)}" if factor >= 1 else f"/ {format_number(1 / factor)}"
        out.append(Derivation(fig.value * factor, fig.unit, fig.kind, (fig,), f"{format_number(fig.value)} {step}",
                              f"the same rate per {period}", per=period))
    return out


_CHANGE_REACH = 300  # characters: a percent change applies to a level stated this close to it
_APPLIED_ERROR = 0.02  # levels from an applied change are exact: "$90 million" is not $92.3 million rounded


def _applied_changes(article: list[Figure]) -> list[Derivation]:
    """A stated percent change applied to a level stated near it: "212 homicides, a 12% drop"
    gives 212 / (1 − 12%) = 241 the year before; "bills are £1,971 … another rise of 42%" gives
    1,971 × (1 + 42%) = 2,799 after it, and the amount 1,971 × 42% = 828."""
    out = []
    for pct in article:
        if pct.kind != "percent" or pct.claim.unit != "percent" or pct.change not in ("increase", "decrease") \
                or not 0 < pct.value < (100 if pct.change == "decrease" else 1000):
            continue
        factor = 1 + pct.value / 100 if pct.change == "increase" else 1 - pct.value / 100
        sign = "+" if pct.change == "increase" else "−"
        rate = f"{format_number(pct.value)}%"
        for level in article:
            if level.kind not in ("currency", "count", "measure") or level.baseline is not None \
                    or level.claim.change or abs(level.claim.start - pct.claim.start) > _CHANGE_REACH or not level.value:
                continue
            v = format_number(level.value)  # a rate's level ("£4.20 a trip") too: "fares were £3.96" need not say "a trip"
            out.append(Derivation(level.value / factor, level.unit, level.kind, (level, pct), f"{v} / (1 {sign} {rate})",
                                  f"the level before the {rate} {pct.change}", max_error=_APPLIED_ERROR))
            out.append(Derivation(level.value * factor, level.unit, level.kind, (level, pct), f"{v} × (1 {sign} {rate})",
                                  f"the level after a {rate} {pct.change}", max_error=_APPLIED_ERROR))
            out.append(Derivation(level.value * pct.value / 100, level.unit, level.kind, (level, pct),
                                  f"{v} × {rate}", f"the amount of a {rate} {pct.change}", max_error=_APPLIED_ERROR))
            out.append(Derivation(abs(level.value - level.value / factor), level.unit, level.kind, (level, pct),
                                  f"{v} − {v} / (1 {sign} {rate})", f"the amount of the {rate} {pct.change} to {v}",
                                  max_error=_APPLIED_ERROR))
    return out


def _percent_levels(fig: Figure, base: float) -> list[Derivation]:
    """"rose from 4% to 7%": a change of 3 percentage points, and of 75% of the earlier rate."""
    fv, fb = format_number(fig.value), format_number(base)
    direction = "increase" if fig.value > base else "decrease"
    difference = f"{fv} − {fb}" if fig.value >= base else f"{fb} − {fv}"
    return [Derivation(abs(fig.value - base), "percent", "percent", (fig,), difference,
                       "change in percentage points", direction),
            Derivation(abs(fig.value - base) / base * 100, "percent", "percent", (fig,), f"({fv} − {fb}) / {fb}",
                       "percent change of the rate", direction)]


def _groups(article: list[Figure], rems: list[Remainder]) -> list[Derivation]:
    """Named parts of one quantity (agreements by state): their sum, the rest of a total, and
    the parts plus one for each of the other members a remainder counts."""
    out = []
    for terms in _group_members(article):
        unit = terms[0].unit
        total = sum(f.value for f in terms)
        expression = " + ".join(format_number(f.value) for f in terms)
        out.append(Derivation(total, unit, terms[0].kind, terms, expression, "sum of the named parts"))
        for whole in article:
            if same_quantity(whole, terms[0]) and not whole.entity and whole.value > total:
                out.append(Derivation(whole.value - total, unit, whole.kind, (whole, *terms),
                                      f"{format_number(whole.value)} − ({expression})", "total minus the named parts"))
        out.extend(_plus_others(terms, rems))
    return out


def plus_others(article: list[Figure], rems: Iterable[Remainder]) -> list[Derivation]:
    """Named parts plus one for each of the other members a remainder counts (for stated remainders)."""
    out = []
    for members in _group_members(article):
        out.extend(_plus_others(members, rems))
    return out


def _group_members(article: list[Figure]) -> list[tuple]:
    keyed: dict = {}
    for fig in article:
        if fig.entity and fig.head:
            keyed.setdefault((fig.unit, fig.head), {}).setdefault(fig.entity, fig)
    return [tuple(parts.values()) for parts in keyed.values() if len(parts) >= 2]


def _plus_others(terms: tuple, rems: Iterable[Remainder]) -> list[Derivation]:
    out = []
    names = {f.entity for f in terms}
    total = sum(f.value for f in terms)
    expression = " + ".join(format_number(f.value) for f in terms)
    for rem in rems:
        if set(rem.named) == names:
            count = rem.stated_by.value if rem.stated_by else rem.value
            used = (*terms, rem.total) + ((rem.stated_by,) if rem.stated_by else ())
            out.append(Derivation(total + count, terms[0].unit, terms[0].kind, used,
                                  f"{expression} + {format_number(count)}", "named parts plus one for each of the others"))
    return out


def _triples(article: list[Figure]) -> list[Derivation]:
    """Sums of three figures of one quantity (bounded per quantity for very long articles)."""
    out = []
    like: dict = {}
    for fig in article:
        if fig.head:
            like.setdefault((fig.unit, fig.head), []).append(fig)
    for figures in like.values():
        if len(figures) > _MAX_TRIPLE_POOL:  # a long list of like figures: sums of three hit anything
            continue
        for trio in itertools.combinations(figures, 3):
            out.append(Derivation(sum(f.value for f in trio), trio[0].unit, trio[0].kind, trio,
                                  " + ".join(format_number(f.value) for f in trio), "sum"))
    return out


def _q(fig: Figure) -> str:
    return format_number(fig.value)


class DerivationIndex:
    """Derivations sorted by value within each unit family, for fast lookup of a comment figure."""

    def __init__(self, derived: Iterable[Derivation]):
        families: dict = {}
        for d in derived:
            families.setdefault(_family(d.unit, d.kind), []).append(d)
        self.families = {}
        for family, items in families.items():
            items.sort(key=lambda d: abs(d.value))
            self.families[family] = ([abs(d.value) for d in items], items)

    def near(self, fig: Figure, allowance: float) -> list[Derivation]:
        values, items = self.families.get(_family(fig.unit, fig.kind), ((), ()))
        lo = bisect.bisect_left(values, abs(fig.value) - allowance)
        hi = bisect.bisect_right(values, abs(fig.value) + allowance)
        return items[lo:hi]


def _family(unit: str, kind: str) -> str:
    return "count-like" if kind in ("count", "measure") else unit


def best_derivation(fig: Figure, derived: "DerivationIndex | list[Derivation]", allowance: float,
                    max_crowd: int = 0) -> Optional[Derivation]:
    """The derivation closest to ``fig`` within ``allowance``, simplest first on ties.

    With ``max_crowd``: when more than that many different values lie within 10% of the figure,
    a near miss is likely chance (long articles with many like figures), so only an exact hit counts.
    """
    neighbourhood = max(allowance, 0.1 * abs(fig.value)) if max_crowd else allowance
    candidates = derived.near(fig, neighbourhood) if isinstance(derived, DerivationIndex) else derived
    best, best_key = None, None
    crowd = set()
    for d in candidates:
        if not _units_fit(fig, d):
            continue
        if d.per is not None and d.per != fig.per and fig.per != ANY_BASE:  # "$8,000 per streetlight" only from a
            # division by streetlights ("7.9 per 100,000", with no noun, from any per-unit division)
            continue
        if d.direction and not fig.change:  # a percent change must be stated as a change
            continue
        if d.direction and fig.change in ("increase", "decrease") and d.direction != fig.change:
            continue
        if d.kind in ("percent", "ratio") and d.terms and d.label != "percent of" and not _mentions(fig, d):
            continue
        if d.max_error is not None and not _speaks_of(fig, d.terms[0]):
            continue  # "paid $3.9bn for the acquisition" is not the level before "revenue rose 8% to $4.2bn"
        error = abs(abs(d.value) - abs(fig.value))
        if error <= neighbourhood:
            crowd.add(round(abs(d.value), 6))
        if error > allowance or (d.max_error is not None and error > d.max_error * abs(d.value)):
            continue
        key = (error, len(d.terms))
        if best_key is None or key < best_key:
            best, best_key = d, key
    if best is not None and max_crowd and len(crowd) > max_crowd and best_key[0] > 1e-9 * max(1.0, abs(fig.value)):
        return None
    return best


def _speaks_of(fig: Figure, level: Figure) -> bool:
    """The comment's sentence shares a content word with the level's sentence (not only a word of
    change), or writes one of the level's digits ("Another 42% on £1,971 makes it £2,800")."""
    words = (fig.context | fig.what | ({fig.head} if fig.head else set())) - load_lexicon().change_cues
    if words & (level.context | level.what | ({level.head} if level.head else set())):
        return True
    digits = re.search(r"\d[\d,.]*", level.claim.surface or "")
    return bool(digits) and digits.group().rstrip(".,") in (fig.sentence or "")


def _mentions(fig: Figure, d: Derivation) -> bool:
    """A share or change of X only explains a comment figure that talks about X."""
    heads = {t.head for t in d.terms if t.head}
    words = fig.what | fig.context | ({fig.head} if fig.head else set())
    if any(t.entity and t.entity.lower() in words for t in d.terms):
        return True  # "the gap between Poland and Germany"
    if not heads:  # "Waiting lists have grown to 7.6 million": X is named in the sentence, not after the figure
        shared = set.intersection(*(set(t.context) for t in d.terms)) - load_lexicon().change_cues
        return bool(shared & words)
    return any(_related(h, w) for h in heads for w in words)


def _related(a: str, b: str) -> bool:
    """Same lemma, or one a prefix of the other ("rider" / "ridership")."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def _units_fit(fig: Figure, d: Derivation) -> bool:
    if fig.unit == d.unit:
        return True
    return {fig.kind, d.kind} <= {"count", "measure"} and fig.kind != d.kind


def baseline_stated(fig: Figure, article: list[Figure]) -> bool:
    """The article writes the figure's earlier level ("up from 135", "from $6.40 to $7.10") rather
    than implying it ("rose 8% to $4.2bn", "has doubled to 3,000")."""
    if fig.baseline is None:
        return False
    if len(re.findall(r"\d[\d,.]*", fig.claim.surface or "")) >= 2:
        return True  # one claim holding both levels
    return any(abs(a.value - fig.baseline) <= 1e-9 * max(1.0, abs(fig.baseline)) for a in article
               if a is not fig and a.sentence == fig.sentence)


def self_check(article: list[Figure], tolerance: float) -> list[Check]:
    """Article figures that disagree with each other: a stated percent change against the change
    its own "X, up from Y" figures give, and named parts that add up to more than their total."""
    checks = []
    with_baseline = [f for f in article if f.claim.baseline and f.kind != "percent" and baseline_stated(f, article)]
    for pct in article:
        if pct.kind != "percent" or pct.claim.change not in ("increase", "decrease") or not with_baseline:
            continue
        stated = pct.value if pct.claim.change == "increase" else -pct.value
        own = [f for f in article if f is not pct and f.sentence == pct.sentence and f.kind != "percent"]
        if own:  # "a $48 million budget, up 6%": the change belongs to its own sentence's figure
            nearby = [f for f in own if f in with_baseline]
        else:  # "increased by 950%." then "1,168 agencies, up from 135" nearby, unless that has its own change
            stated_changes = {f.sentence for f in article if f.kind == "percent" and f.change and f is not pct}
            nearby = sorted((f for f in with_baseline if f.sentence not in stated_changes and (
                abs(f.claim.start - pct.claim.start) <= 600 or f.head in pct.what)),
                            key=lambda f: (not same_quantity(f, pct), abs(f.claim.start - pct.claim.start)))
        if not nearby:
            continue
        implied = [((f.value - f.claim.baseline) / f.claim.baseline * 100, f) for f in nearby]
        allowance = max(tolerance * abs(stated), pct.precision, pct.approx * abs(stated))
        if any(abs(change - stated) <= allowance for change, _ in implied):
            continue
        change, fig = implied[0]
        base = fig.claim.baseline
        checks.append(Check(
            claims=[pct.claim, fig.claim],
            explanation=(f"The article states an {pct.claim.change} of {format_number(pct.value)}%, but its own figures "
                         f"{format_number(base)} → {format_number(fig.value)} are a change of {change:+,.0f}%."),
            arithmetic=f"({format_number(fig.value)} − {format_number(base)}) / {format_number(base)} = {change:+,.0f}%",
        ))
    checks.extend(_parts_over_total(article))
    return checks


def _parts_over_total(article: list[Figure]) -> list[Check]:
    checks = []
    for whole in article:
        if whole.entity or not whole.head:
            continue
        parts = {f.entity: f for f in article if f.entity and same_quantity(f, whole)}
        total = sum(f.value for f in parts.values())
        if len(parts) >= 2 and total > whole.value and relative(total, whole.value) > 0.01:
            expression = " + ".join(format_number(f.value) for f in parts.values())
            checks.append(Check(
                claims=[whole.claim, *(f.claim for f in parts.values())],
                explanation=(f"The named parts add up to {format_number(total)}, more than the article's total of "
                             f"{format_number(whole.value)} {whole.claim.what or ''}".rstrip() + "."),
                arithmetic=f"{expression} = {format_number(total)} > {format_number(whole.value)}",
            ))
    return checks
