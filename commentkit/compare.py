"""Article figures vs comment figures -> Verdicts (agree / contradict / derived / new), and the
article self-check.

For each comment figure, in this order:
1. a remainder ("the other 35 states") is checked against the article's total minus its named
   parts: derived when it matches, contradict when it does not;
2. **agree** when an article figure of a compatible quantity has the same value, allowing the
   writer's rounding, approximation words and bounds, and the match is not a coincidence of a
   small bare number;
3. **derived** when one small step of arithmetic on article figures gives it (``arithmetic``);
4. **contradict** when an article figure is clearly the same quantity (same counted noun, same or
   no entity, shared context) with a different value;
5. **new** otherwise. Where article figures compete, the closer context wins.
Tolerances and word lists are data: ``commentkit/lang/en/compare.json``.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Optional

from commentkit.arithmetic import (Derivation, DerivationIndex, Remainder, article_years, baseline_stated,
                                   best_derivation, derivations, named_parts, plus_others, self_check)
from commentkit.expressions import written_arithmetic
from commentkit.figures import (ANY_BASE, Figure, Lexicon, format_number, format_quantity, inherit_heads, load_lexicon,
                                make_figure, per_base, split_rate)
from commentkit.model import Check, Claim, Thread, Verdict
from commentkit.quotes import own_claims
from commentkit.thread_context import in_article_units, settle_units

_MIN_AGREE_EVIDENCE = 2  # see _Judge._evidence: e.g. a currency figure with 2+ significant digits
_BOUND_AGREE_EVIDENCE = 2  # a figure only within a stated bound or range must also share noun or entity


class Comparer:
    """Sets every comment claim of a thread against the article's claims."""

    def __init__(self, tolerance: Optional[float] = None):
        self.tolerance = tolerance

    def compare(self, thread: Thread, claims: list[Claim]) -> tuple[list[Verdict], list[Check]]:
        lex = load_lexicon()
        tolerance = lex.tolerance if self.tolerance is None else float(self.tolerance)
        texts = {post.id: post.text for post in thread.posts()}
        article_id = thread.article.id
        claims = settle_units(own_claims(thread, claims), article_id)  # "from 4.4m to 7.6m" in a thread about millions
        article = inherit_heads([make_figure(c, texts.get(c.post_id, ""), lex) for c in claims
                                 if c.post_id == article_id and _finite(c)])
        base = DerivationIndex(derivations(article, article_years(thread.article), lex))
        judge = _Judge(article, base, lex, tolerance)
        by_post: dict = {}
        for claim in claims:
            if claim.post_id != article_id:
                by_post.setdefault(claim.post_id, []).append(make_figure(claim, texts.get(claim.post_id, ""), lex))
        by_post = {post_id: in_article_units(inherit_heads(figures), article) for post_id, figures in by_post.items()}
        verdicts = []
        for post in thread.comments:
            figures = sorted(by_post.pop(post.id, []), key=lambda f: f.claim.start)
            verdicts.extend(judge.post(figures))
        for figures in by_post.values():  # claims of posts not in the thread: judged all the same
            verdicts.extend(judge.post(sorted(figures, key=lambda f: f.claim.start)))
        return verdicts, self_check(article, tolerance)


class _Judge:
    def __init__(self, article: list[Figure], derived: DerivationIndex, lex: Lexicon, tolerance: float):
        self.article = article
        self.derived = derived
        self.lex = lex
        self.tolerance = tolerance

    def post(self, figures: list[Figure]) -> list[Verdict]:
        """Verdicts for one comment's figures; remainders it states join its arithmetic."""
        stated = [r for r in (self._remainder(f, figures) for f in figures if f.remainder) if r]
        own = plus_others(self.article, stated) if stated else []
        written = written_arithmetic(figures, self.article, self.lex)  # "2.3 / 2.05 = 1.122"
        return [written.get(id(f)) or self.judge(f, stated, own) for f in figures]

    def judge(self, fig: Figure, stated: list[Remainder], own: list[Derivation]) -> Verdict:
        if not _finite(fig.claim):
            return Verdict(claim=fig.claim, status="new", explanation="Not a finite number; nothing to check.")
        rem = next((r for r in stated if r.stated_by is fig), None)
        if rem is not None:
            return self._remainder_verdict(fig, rem)
        if fig.tally and any(a.tally for a in self.article):
            return self._tally_verdict(fig)
        verdict = self._agree(fig)
        if verdict is None and own:  # the comment's own stated remainders first: its arithmetic, shown as done
            verdict = self._derived(fig, own)
        if verdict is None:
            verdict = self._derived(fig, self.derived)
        if verdict is None:
            verdict = self._contradict(fig)
        return verdict or Verdict(claim=fig.claim, status="new", explanation=self._new_explanation(fig))

    # -- tallies ("voted 7 to 2") ------------------------------------------------------------
    def _tally_verdict(self, fig: Figure) -> Verdict:
        first, second, index = fig.tally
        tallies = [a for a in self.article if a.tally and a.tally[2] == index]
        same = [a for a in tallies if a.tally[:2] == (first, second)]
        if same:
            art = max(same, key=lambda a: _similarity(fig, a))
            return Verdict(claim=fig.claim, status="agree", article_claims=[art.claim],
                           explanation=f"Matches the article's tally of {_tally_text(art)}.")
        quoted = _quoted_tally(fig)
        candidates = [a for a in tallies if (quoted and a.tally[:2] == quoted) or _context_overlap(fig, a) >= 1
                      or (len(tallies) == 1 and sum(a.tally[:2]) == first + second)]
        if not candidates:
            return Verdict(claim=fig.claim, status="new", explanation=(
                f"A tally of {format_number(first)} to {format_number(second)}; nothing ties it to the article's "
                f"{' or '.join(_tally_text(a) for a in tallies)}."))
        art = max(candidates, key=lambda a: (bool(quoted) and a.tally[:2] == quoted, _similarity(fig, a)))
        diff = fig.value - art.value
        return Verdict(claim=fig.claim, status="contradict", article_claims=[art.claim],
                       arithmetic=f"{format_number(fig.value)} − {format_number(art.value)} = "
                                  f"{format_number(diff).replace('-', '−')}",
                       explanation=(f"The article gives the tally {_tally_text(art)}; the comment says "
                                    f"{format_number(first)} to {format_number(second)}."))

    # -- remainders -------------------------------------------------------------------------
    def _remainder(self, fig: Figure, siblings: list[Figure]) -> Optional[Remainder]:
        totals = [a for a in self.article if a.kind == "count" and not a.entity and a.head and a.head == fig.head]
        if fig.kind != "count" or not totals:
            return None
        total = max(totals, key=lambda a: len(a.context & fig.context))
        named = named_parts(total, [s for s in siblings if s is not fig], self.lex, same_post=False) or named_parts(
            total, self.article, self.lex)
        if not named or len(named) >= total.value:
            return None
        return Remainder(total, named, total.value - len(named), stated_by=fig)

    def _remainder_verdict(self, fig: Figure, rem: Remainder) -> Verdict:
        noun = rem.total.claim.what or rem.total.head
        names = ", ".join(rem.named)
        if abs(fig.value - rem.value) <= self._allowance(fig):
            return Verdict(claim=fig.claim, status="derived", article_claims=[rem.total.claim],
                           arithmetic=rem.expression,
                           explanation=(f"Article: {format_number(rem.total.value)} {noun}, {len(rem.named)} named "
                                        f"({names}) → {format_number(rem.value)} others, as the comment says."))
        return Verdict(claim=fig.claim, status="contradict", article_claims=[rem.total.claim],
                       arithmetic=rem.expression,
                       explanation=(f"Article: {format_number(rem.total.value)} {noun}, {len(rem.named)} named "
                                    f"({names}) → {rem.expression.split(' = ')[0]} = {format_number(rem.value)} "
                                    f"others; the comment says {format_number(fig.value)}."))

    # -- agree ------------------------------------------------------------------------------
    def _agree(self, fig: Figure) -> Optional[Verdict]:
        best, best_key = None, None
        for art in self.article:
            if _entity_relation(fig, art) == "conflict":
                continue
            if not _units_compatible(fig, art) and not _bare_amount(fig, art):
                continue
            how = self._consistent(fig, art)
            if not how:
                continue
            if not math.isclose(fig.value, art.value, rel_tol=1e-9) and _corrects(fig, art, self.tolerance):
                continue  # "411 seats, not 412": the comment sets its figure against this one, however close
            evidence = self._evidence(fig, art)
            if evidence < self._needed(fig, art, how):
                continue
            if fig.personal and _distinctiveness(fig) < 2:  # "my tree has 4 leaves": the writer's own count
                continue
            key = (how == "equal", evidence, _similarity(fig, art))
            if best_key is None or key > best_key:
                best, best_key, best_how = art, key, how
        if best is None:
            return None
        art_text = format_quantity(best, lex=self.lex)
        ends = [p for p in (best.low, best.high) if p is not None and math.isclose(fig.value, p, rel_tol=1e-9)]
        if best_how == "equal" and best.baseline is not None and self._same_ends(fig, best):
            explanation = (f"Matches the article's change from {format_quantity(best, best.baseline, self.lex)} to "
                           f"{art_text}.")
        elif best_how == "equal" and best.baseline is not None and not fig.ends \
                and abs(fig.value - best.baseline) < abs(fig.value - best.value):
            explanation = (f"Matches the article's earlier level, {format_quantity(best, best.baseline, self.lex)} "
                           f"(before the change to {art_text}).")
        elif best_how == "equal" and fig.ends and (other := self._other_end(fig, best)) is not None:
            low, high = sorted((other, best), key=lambda a: a.value)
            explanation = (f"Matches the article's {format_quantity(low, lex=self.lex)} and "
                           f"{format_quantity(high, lex=self.lex)}.")
            return Verdict(claim=fig.claim, status="agree", article_claims=sorted(
                [other.claim, best.claim], key=lambda c: c.start), explanation=explanation)
        elif best_how == "equal" and math.isclose(fig.value, best.value, rel_tol=1e-9):
            explanation = f"Matches the article's {art_text}."
        elif best_how == "equal" and ends and best.low is not None and best.high is not None:
            end = "lower" if ends[0] == best.low else "upper"
            explanation = (f"Matches the {end} end of the article's range {format_number(best.low)}–"
                           f"{format_quantity(best, best.high, self.lex)}.")
        elif best_how == "equal":
            explanation = (f"{format_quantity(fig, lex=self.lex)} matches the article's {art_text} within "
                           f"rounding and stated approximation.")
        else:
            if best_how == "inside the article's range":  # "10–15%", not the range's lower end alone
                art_text = f"{format_number(best.low)}–{format_quantity(best, best.high, self.lex)}"
            explanation = f"Consistent with the article's {_qualified(best, art_text)} ({best_how})."
        return Verdict(claim=fig.claim, status="agree", article_claims=[best.claim], explanation=explanation)

    def _consistent(self, fig: Figure, art: Figure) -> Optional[str]:
        """'equal', a description of the bound or range satisfied, or None."""
        own = max(self.tolerance * abs(fig.value), fig.precision)  # the comment's rounding, not the article's
        if not fig.bound and not fig.approx and fig.low is None and (
                (art.bound == "lower" and fig.value < art.value - own)
                or (art.bound == "upper" and fig.value > art.value + own)):
            return None  # "58%" against "more than 60%": outside the article's bound
        allowance = max(self._allowance(fig), art.precision, art.approx * abs(art.value))
        baseline = art.baseline if art.baseline is not None and (baseline_stated(art, self.article)
                                                                 or _context_overlap(fig, art) >= 1
                                                                 or _what_relation(fig, art) in ("match", "partial")) \
            else None
        points = [p for p in (art.value, art.low, art.high, baseline) if p is not None]
        mine = [p for p in (fig.value, fig.low, fig.high) if p is not None]
        if any(abs(m - p) <= allowance for m in mine for p in points):
            return "equal"
        if fig.bound == "lower" and art.value >= fig.value - allowance:
            return f"the article's figure is above {format_number(fig.value)}"
        if fig.bound == "upper" and art.value <= fig.value + allowance:
            return f"the article's figure is below {format_number(fig.value)}"
        if art.low is not None and art.high is not None and art.low - allowance <= fig.value <= art.high + allowance:
            return "inside the article's range"
        if art.bound == "upper" and 0 <= fig.value <= art.value + allowance and fig.value >= art.value / 2:
            return "within the article's upper limit"
        if art.bound == "lower" and fig.value >= art.value - allowance and fig.value <= art.value * 2:
            return "within the article's lower limit"
        return None

    def _needed(self, fig: Figure, art: Figure, how: str) -> float:
        """Evidence a match needs: the same number, a rounded or approximate one, or only a bound
        satisfied (which also needs the same counted noun or entity)."""
        what, entity = _what_relation(fig, art), _entity_relation(fig, art)
        if how != "equal":
            return _BOUND_AGREE_EVIDENCE if what == "match" or entity == "same" else math.inf
        exact = abs(fig.value - art.value) <= self.tolerance * abs(fig.value) or any(
            p is not None and abs(fig.value - p) <= self.tolerance * abs(fig.value)
            for p in (art.low, art.high, art.baseline))
        overlap = _context_overlap(fig, art)
        linked = what == "match" or entity == "same" or overlap >= 2 or (what == "partial" and overlap >= 1) \
            or self._same_ends(fig, art)
        return _MIN_AGREE_EVIDENCE if exact or linked else math.inf

    def _evidence(self, fig: Figure, art: Figure) -> int:
        """How sure we are that a value match is the same quantity rather than a coincidence."""
        score = 2 if _entity_relation(fig, art) == "same" else 0
        score += {"match": 2, "partial": 1, "unknown": 0, "differ": -1}[_what_relation(fig, art)]
        if _context_overlap(fig, art) >= 2:
            score += 1
        if fig.kind in ("currency", "percent", "time", "measure", "ratio") or _per_round_number(fig):
            score += 1
        if self._same_ends(fig, art):  # "$3.20 to $3.80" against "rose from $3.20 to $3.80": two numbers at once
            score += 2
        if fig.claim.change in ("increase", "decrease") and fig.claim.change == art.claim.change:
            score += 1  # "a 6% rise" against "up 6%": the same change, not just the same number
        return score + _distinctiveness(fig)

    def _other_end(self, fig: Figure, best: Figure) -> Optional[Figure]:
        """For "2.05 million to 2.3 million": the article figure, in best's sentence, at the other end."""
        allowance = self._allowance(fig)
        missing = [e for e in fig.ends if abs(e - best.value) > allowance]
        if len(missing) != 1:
            return None
        return next((a for a in self.article if a is not best and a.sentence == best.sentence
                     and _units_compatible(a, best) and abs(a.value - missing[0]) <= allowance), None)

    def _same_ends(self, fig: Figure, art: Figure) -> bool:
        """Both figures state the same two levels (a from–to change or a range), within the allowance."""
        mine, theirs = fig.ends, art.ends
        if not mine or not theirs:
            return False
        allowance = max(self._allowance(fig), art.precision)
        return all(abs(m - t) <= allowance for m, t in zip(mine, theirs))

    # -- derived ----------------------------------------------------------------------------
    def _derived(self, fig: Figure, derived) -> Optional[Verdict]:
        if not fig.value:
            return None
        slack = min(fig.approx, self.lex.derived_max_slack) * abs(fig.value)
        allowance = max(self.tolerance * abs(fig.value), fig.precision, slack)
        if fig.kind != "time" and _distinctiveness(fig) < 1 and abs(fig.value) < self.lex.derived_min_round_value:
            # some combination of small figures always hits a small one-digit number; a stated
            # change ("up over 70%") can still be the change between the article's two levels, and
            # "40 more loaves" the difference between its two levels of loaves
            near = derived.near(fig, allowance) if isinstance(derived, DerivationIndex) else derived
            derived = [d for d in near if (fig.kind == "percent" and fig.change in ("increase", "decrease")
                                           and d.direction == fig.change)
                       or (d.label in ("change from the baseline", "difference", "ratio") and _names_terms(fig, d))]
            if not derived:
                return None
        found = best_derivation(fig, derived, allowance, max_crowd=self.lex.derived_max_crowd)
        if found is None:
            return None
        computed, expression, stated = found.value, found.expression, fig.value
        base = per_base(split_rate(fig.claim.unit)[1])[0]
        if base != 1:  # "7.9 per 100,000": the per-person result scaled to the comment's base
            computed, stated = computed * base, stated * base
            expression = f"{expression} × {format_number(base)}"
        points = found.kind == "percent" and found.label in ("change in percentage points", "difference")
        result = format_number(computed) + (" percentage points" if points else "%" if found.kind == "percent" else "")
        same = math.isclose(abs(computed), abs(stated), rel_tol=1e-9) or \
            format_number(abs(computed)) == format_number(abs(stated))  # not "= 1,280 ≈ 1,280"
        percent = " percentage points" if points else "%" if found.kind == "percent" else ""
        arithmetic = f"{expression} = {result}" + ("" if same else f" ≈ {format_number(abs(stated))}{percent}")
        article_claims = [t.claim for t in found.terms if t.post_id == (self.article[0].post_id if self.article else None)]
        return Verdict(claim=fig.claim, status="derived", article_claims=article_claims, arithmetic=arithmetic,
                       explanation=f"Computed from the article's figures ({found.label}): {arithmetic}.")

    # -- contradict -------------------------------------------------------------------------
    def _contradict(self, fig: Figure) -> Optional[Verdict]:
        best, best_key = None, None
        for art in self.article:
            corrects = _corrects(fig, art, self.tolerance)  # "60 families, not 45"
            if not _units_compatible(fig, art) or (_rates_differ(fig, art) and not corrects):
                continue
            if self._consistent(fig, art) and not corrects:  # "more than 100 agencies" vs 1,168
                continue
            entity = _entity_relation(fig, art)
            if entity in ("conflict", "one-sided") or _names_conflict(fig, art):
                continue
            if fig.personal and not corrects:  # "my tree has 6 leaves" is not the article's quantity
                continue
            if _COMPARATIVE.match(fig.tail or "") and not corrects:  # "40 more boys than girls": a difference
                continue
            if _other_year(fig, art) and not corrects:  # "In 2019 there were 300": another period
                continue
            if _change_amount(fig) != _change_amount(art) and not corrects:
                continue  # "a 5p rise" is an amount of change, not a level to hold against "37p"
            what = _what_relation(fig, art)
            if what != "match" and _per_round_number(fig) and _per_round_number(art):
                what = "match"  # "5 per 1,000" against the article's "4.1 deaths per 1,000 live births"
            if what == "unknown" and not fig.head and not art.head and fig.kind == "currency" and art.value \
                    and 0.1 <= fig.value / art.value <= 10 and self._only_in_context(fig, art):
                what = "match"  # "The deal is worth $2.1bn" against the article's "The deal is worth $1.2bn"
            if what == "differ" or (what != "match" and not corrects and not (
                    entity == "same" and what == "unknown" and self._only_figure_of(art))):
                continue
            if entity != "same" and not corrects and _context_overlap(fig, art) < 1:
                continue
            key = (entity == "same", _similarity(fig, art))
            if best_key is None or key > best_key:
                best, best_key = art, key
        if best is None:
            return None
        if any(a is not best and a.sentence == best.sentence and _units_compatible(fig, a) and self._consistent(fig, a)
               and _entity_relation(fig, a) != "conflict" and _what_relation(fig, a) != "differ" for a in self.article):
            return None  # "a quarter oppose" beside the article's "62% support, 28% oppose": maybe the other figure
        ranged = best.low is not None and best.high is not None and best.low != best.high
        level = (best.high if fig.value > best.high else best.low) if ranged else best.value  # the nearer end
        diff = fig.value - level
        direction = "higher" if diff > 0 else "lower"
        pct = f" ({abs(diff) / abs(level):.0%})" if level else ""
        base = per_base(split_rate(best.claim.unit)[1])[0]  # a rate per 100,000 is shown per 100,000
        unit = format_number(abs(diff) * base) if best.kind == "count" else \
            f"{format_number(abs(diff))} percentage points" if best.kind == "percent" else \
            format_quantity(best, abs(diff), self.lex).split(" (")[0]
        elsewhere = self._misattributed(fig, best)
        note = f"; {format_number(fig.value)} is the article's figure for {elsewhere.entity}" if elsewhere else ""
        mine = format_number(fig.value * base) if base != 1 else self._bare(fig)
        article_text = format_quantity(best, lex=self.lex) if not ranged else \
            f"{format_number(best.low)}–{format_quantity(best, best.high, self.lex)}"  # "30–40 staff"
        return Verdict(claim=fig.claim, status="contradict",
                       article_claims=[best.claim] + ([elsewhere.claim] if elsewhere else []),
                       arithmetic=f"{format_number(fig.value * base)} − {format_number(level * base)} = "
                                  f"{format_number(diff * base).replace('-', '−')}",
                       explanation=(f"The article gives {_qualified(best, article_text)}; the comment's {mine} is "
                                    f"{unit}{pct} {direction}{' than its upper end' if ranged and diff > 0 else ''}"
                                    f"{' than its lower end' if ranged and diff < 0 else ''}{note}."))

    def _bare(self, fig: Figure) -> str:
        """The figure as a number with its money or percent sign, without noun or entity."""
        if fig.kind in ("currency", "percent"):
            return format_quantity(replace(fig, entity=None), lex=self.lex)
        return format_number(fig.value)

    def _only_in_context(self, fig: Figure, art: Figure) -> bool:
        """The comment shares two words of context with this article amount and with no other one."""
        if _context_overlap(fig, art) < 2:
            return False
        return not any(a is not art and _units_compatible(a, fig) and _context_overlap(fig, a) >= 2
                       for a in self.article)

    def _only_figure_of(self, art: Figure) -> bool:
        """The article's one figure of this unit for this entity (so "TX (300)" can only mean it)."""
        return sum(1 for a in self.article if a.entity == art.entity and _units_compatible(a, art)) == 1

    def _misattributed(self, fig: Figure, best: Figure) -> Optional[Figure]:
        """An article figure of the same quantity, for another entity, that has the comment's value."""
        if not best.entity:
            return None
        for art in self.article:
            if art.entity and art.entity != best.entity and _units_compatible(art, best) and art.head == best.head \
                    and abs(art.value - fig.value) <= self._allowance(fig):
                return art
        return None

    def _new_explanation(self, fig: Figure) -> str:
        same_unit = [a for a in self.article if _units_compatible(fig, a)]
        if not self.article:
            return "The article states no figures to check against."
        twin = self._same_value(fig)
        if twin is not None:
            return self._why_not_same(fig, twin)
        if not same_unit:
            return "The article has no figure of this kind; the comment's own number."
        nearest = min(same_unit, key=lambda a: (abs(math.log(abs(a.value) or 1e-12) - math.log(abs(fig.value) or 1e-12)),
                                                a.claim.start))
        if not 0.1 <= abs(fig.value) / (abs(nearest.value) or 1e-12) <= 10:  # "a million" vs "7": no help to anyone
            return "No article figure of this kind comes near it, and no arithmetic on the article's figures gives it."
        return (f"No article figure for this quantity (nearest of its kind: {format_quantity(nearest, lex=self.lex)}), "
                f"and no arithmetic on the article's figures gives it.")

    def _same_value(self, fig: Figure) -> Optional[Figure]:
        """An article figure with the comment figure's number (the one a reader would confuse it with)."""
        allowance = self._allowance(fig)
        twins = [a for a in self.article if any(abs(fig.value - p) <= allowance
                                                for p in (a.value, a.baseline) if p is not None)]
        twins = [a for a in twins if _units_compatible(fig, a) or fig.kind == "count" and not fig.head]
        return max(twins, key=lambda a: (_units_compatible(fig, a), _similarity(fig, a)), default=None)

    def _why_not_same(self, fig: Figure, art: Figure) -> str:
        """One sentence on why an article figure of the same value is not the comment's quantity."""
        value = art.baseline if art.baseline is not None and abs(fig.value - art.baseline) < abs(
            fig.value - art.value) else art.value
        text = f"Same value as the article's {format_quantity(art, value, self.lex)}, but "
        if fig.personal:
            words = re.split(r"[.;:!?\n]", fig.lead)[-1].split()[-4:]
            return text + f"the comment is about the writer's own (“{' '.join(words)} {fig.claim.surface}”)."
        if not _units_compatible(fig, art):
            return text + "the comment gives its number no unit, so nothing ties the two together."
        if _entity_relation(fig, art) == "conflict":
            return text + f"the comment's figure is for {fig.entity}, the article's for {art.entity}."
        if _what_relation(fig, art) == "differ" and fig.predicate and art.predicate and not (fig.head or art.head):
            return text + f"the comment's share {fig.predicate}s, the article's {art.predicate}s."
        if _what_relation(fig, art) == "differ":
            return text + f"the comment counts {_noun(fig)}, not {_noun(art)}."
        if _rates_differ(fig, art):
            rate = fig.per or art.per
            return text + f"one is per {rate} and the other is not."
        return text + "the comment shares no noun, name or context with it, so the match may be chance."

    def _allowance(self, fig: Figure) -> float:
        return max(self.tolerance * abs(fig.value), fig.precision, fig.approx * abs(fig.value))


def _units_compatible(a: Figure, b: Figure) -> bool:
    if a.unit == b.unit:
        return True
    kinds = {a.kind, b.kind}
    if kinds == {"count", "measure"}:  # "35 states" as count vs a unit named 'state'
        return (a.head or a.unit) == (b.head or b.unit)
    return False


_COMPARATIVE = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?(?:more|fewer|less|extra|additional|higher|lower|bigger|smaller)\b"
                         r"(?!\s+than\s+(?:that|this|it)\b)", re.IGNORECASE)
_CORRECTION = re.compile(r"^[^.;!?\d]{0,30}?\b(?:not|rather than|instead of)\s+(?:the\s+)?\$?(\d[\d,]*(?:\.\d+)?)",
                         re.IGNORECASE)


_QUOTED_TALLY = re.compile(r"^(?:\s*(?:to|-|–)\s*\d{1,3})?[^.;!?\d]{0,12}?\b(?:not|rather than|instead of)\s+"
                           r"(?:the\s+)?(\d{1,3})\s*(?:to|-|–)\s*(\d{1,3})\b", re.IGNORECASE)


def _quoted_tally(fig: Figure) -> Optional[tuple]:
    """"6 to 3, not 7 to 2": the tally a comment corrects, read after its own."""
    match = _QUOTED_TALLY.match(fig.tail or "")
    return (float(match.group(1)), float(match.group(2))) if match else None


def _noun(fig: Figure) -> str:
    return fig.claim.what or fig.head or "something else"


def _tally_text(art: Figure) -> str:
    return f"{format_number(art.tally[0])} to {format_number(art.tally[1])}"


def _change_amount(fig: Figure) -> bool:
    """The figure is the amount a thing changed by ('rose 5p', 'a £200 increase', 'fell 14%'), not a
    level; a change with its baseline ('fell to 6.5% from 6.6%') is the new level."""
    return fig.claim.change in ("increase", "decrease") and fig.claim.baseline is None


def _corrects(fig: Figure, art: Figure, tolerance: float) -> bool:
    """The comment sets its figure against the article's in so many words: "60 families, not 45"."""
    match = _CORRECTION.match(fig.tail or "")
    if not match:
        return False
    try:
        said = float(match.group(1).replace(",", ""))
    except ValueError:
        return False
    scales = [1.0] + [k for k in (1e3, 1e6, 1e9, 1e12)  # "15 million customers, not 16": 16 million
                      if said * k and 0.1 <= abs(fig.claim.value) / (said * k) <= 10]
    return any(abs(said * k - art.claim.value) <= tolerance * abs(art.claim.value) + 1e-9 for k in scales)


def _rates_differ(a: Figure, b: Figure) -> bool:
    """A rate ("4 megawatts each", "per officer") and a total, or rates per different things."""
    if ANY_BASE in (a.per, b.per):  # "4.1 per 1,000" against "4.1 deaths per 1,000 live births"
        return not (a.per and b.per)
    return a.per != b.per


def _names_terms(fig: Figure, d: Derivation) -> bool:
    """The comment names what the terms count ("40 more boys", "schools get four times as much as
    hospitals") or every entity they belong to ("the gap between Norway and Spain")."""
    heads = {t.head for t in d.terms}
    if fig.head and fig.head in heads:
        return True
    if None not in heads and len(heads) == len(d.terms) and heads <= fig.context:
        return True  # "Schools get four times as much as hospitals"
    entities = {t.entity.lower() for t in d.terms if t.entity}
    return len(entities) == len(d.terms) and entities <= (fig.context | {n.lower() for n in fig.names})


_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")


def _other_year(fig: Figure, art: Figure) -> bool:
    """The comment dates its figure to a year its article counterpart's sentence does not name."""
    mine = set(_YEAR_IN.findall(fig.sentence or ""))
    return bool(mine) and not mine & set(_YEAR_IN.findall(art.sentence or ""))


def _per_round_number(fig: Figure) -> bool:
    """A rate per 100,000 (or another round number) of something: a specific quantity."""
    return per_base(split_rate(fig.claim.unit)[1])[0] != 1


def _finite(claim: Claim) -> bool:
    return all(v is None or math.isfinite(v) for v in (claim.value, claim.low, claim.high, claim.baseline))


def _bare_amount(fig: Figure, art: Figure) -> bool:
    """"less than 500k" where the article says $500,000: a bare scaled number standing for money."""
    return fig.kind == "count" and fig.head is None and art.kind == "currency" and abs(fig.value) >= 1000 \
        and fig.value in (art.value, art.low, art.high)


def _entity_relation(a: Figure, b: Figure) -> str:
    if a.entity and b.entity:
        x, y = sorted((a.entity.lower().split(), b.entity.lower().split()), key=len)
        return "same" if x == y or (len(x) == 1 and x[0] == y[-1]) else "conflict"  # "Weston" = "Chris Weston"
    if a.entity or b.entity:
        return "one-sided"
    return "none"


def _what_relation(a: Figure, b: Figure) -> str:
    if not a.head and not b.head and a.predicate and b.predicate:  # "46% back it" vs "54% back the plan"
        return "match" if a.predicate == b.predicate else "differ"
    if not a.head or not b.head:
        if a.head and a.head in b.context or b.head and b.head in a.context:
            return "partial"
        return "unknown"
    if a.head == b.head:
        return "match"
    if a.what & b.what:
        return "partial"
    people = load_lexicon().person_nouns
    if (a.head == "person" and b.head in people) or (b.head == "person" and a.head in people):
        return "partial"  # "1,500 people" against "1,500 parents"
    return "differ"


def _context_overlap(a: Figure, b: Figure) -> int:
    """Shared content words of the two sentences, beyond the counted noun itself."""
    return len((a.context & b.context) - {a.head, b.head})


def _similarity(a: Figure, b: Figure) -> float:
    if not a.context or not b.context:
        return 0.0
    return len(a.context & b.context) / math.sqrt(len(a.context) * len(b.context))


def _names_conflict(a: Figure, b: Figure) -> bool:
    """Both sentences name someone or somewhere, and not the same: likely different subjects."""
    return bool(a.names and b.names and not (a.names & b.names) and not (a.entity and a.entity == b.entity))


def _distinctiveness(fig: Figure) -> int:
    """Numbers with more significant digits, or large ones, are less likely to match by chance."""
    value = abs(fig.value)
    if value == 0:
        return 0
    digits = len(f"{value:.6e}".split("e")[0].replace(".", "").rstrip("0"))
    if digits >= 3 or value >= 100_000:
        return 2
    return 1 if digits >= 2 or value >= 1000 else 0


def _qualified(fig: Figure, text: str) -> str:
    qualifier = fig.claim.qualifier
    return f"{qualifier} {text}" if qualifier and not text.lower().startswith(qualifier.lower()) else text
