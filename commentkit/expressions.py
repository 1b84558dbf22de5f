"""Arithmetic a commenter writes out over the article's figures, with the scale word dropped.

"It's 2.3 / 2.05 = 1.122" under an article that says "2.3 million, up 12% from 2.05 million": the
bare 2.3 and 2.05 are the article's figures written short, and 1.122 is computed from them. This is
judged only when the context leaves no doubt: at least two operands joined by an operator, every
operand written with exactly the digits of an article figure that carries a scale word ("2.3
million"), and all of those article figures in one sentence of the same unit (one statement the
commenter is checking). Anything less is left to the ordinary verdicts.
"""
from __future__ import annotations

import math
import re
from typing import Optional

from commentkit.figures import Figure, Lexicon, format_number, format_quantity
from commentkit.model import Verdict

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_OPERATOR = re.compile(r"^\s*([/÷+\-−–*×])\s*$")
_EQUALS = re.compile(r"^\s*(?:=|≈|is|equals|gives)\s*$")
_MAX_GAP = 8  # characters between an operand, its operator and the next operand


def written_arithmetic(figures: list[Figure], article: list[Figure], lex: Lexicon) -> dict:
    """Verdicts (keyed by id of the comment Figure) for written-out arithmetic on article figures."""
    out: dict = {}
    ordered = sorted(figures, key=lambda f: f.claim.start)
    i = 0
    while i < len(ordered):
        operands, operators, j = [ordered[i]], [], i + 1
        while j < len(ordered) and (op := _gap_operator(ordered[j - 1], ordered[j])):
            operators.append(op)
            operands.append(ordered[j])
            j += 1
        gap = _gap(ordered[j - 1], ordered[j]) if j < len(ordered) and operators else None
        result = ordered[j] if gap is not None and _EQUALS.match(gap) else None
        if len(operands) >= 2:
            out.update(_judge(operands, operators, result, article, lex))
        i = max(j, i + 1)
    return out


def _gap(before: Figure, after: Figure) -> Optional[str]:
    """The text between two figures of one post, when they are close."""
    distance = after.claim.start - before.claim.end
    if after.post_id != before.post_id or not 0 < distance <= min(_MAX_GAP, len(after.lead)):
        return None
    return after.lead[len(after.lead) - distance:]


def _gap_operator(before: Figure, after: Figure) -> Optional[str]:
    if before.tally or after.tally:  # "won 7-2": a tally, not a subtraction
        return None
    gap = _gap(before, after)
    match = _OPERATOR.match(gap) if gap is not None else None
    return {"÷": "/", "−": "-", "–": "-", "×": "*"}.get(match.group(1), match.group(1)) if match else None


def _short_form_of(fig: Figure, article: list[Figure]) -> Optional[Figure]:
    """The article figure the bare operand writes without its scale word ("2.3" for "2.3 million")."""
    written = fig.claim.surface.strip()
    if fig.kind != "count" or fig.head or not re.fullmatch(r"\d[\d,]*(?:\.\d+)?", written):
        return None
    for art in article:
        digits = _DIGITS.search(art.claim.surface or "")
        if art.kind != "percent" and digits and digits.group() == written \
                and not math.isclose(art.value, float(written.replace(",", ""))):
            return art
    return None


def _judge(operands: list[Figure], operators: list[str], result: Optional[Figure], article: list[Figure],
           lex: Lexicon) -> dict:
    sources = [_short_form_of(f, article) for f in operands]
    if any(s is None for s in sources):
        return {}
    if len({s.sentence for s in sources}) != 1 or len({s.unit for s in sources}) != 1:
        return {}
    out = {}
    for fig, art in zip(operands, sources):
        scale = (art.claim.surface or "")[_DIGITS.search(art.claim.surface).end():].strip()
        out[id(fig)] = Verdict(claim=fig.claim, status="agree", article_claims=[art.claim],
                               explanation=(f"Matches the article's {format_quantity(art, lex=lex)}, written without "
                                            f"“{scale}” in the comment's arithmetic."))
    if result is not None:
        verdict = _result_verdict(result, operands, operators, sources, lex)
        if verdict is not None:
            out[id(result)] = verdict
    return out


def _result_verdict(result: Figure, operands: list[Figure], operators: list[str], sources: list[Figure],
                    lex: Lexicon) -> Optional[Verdict]:
    """Derived when the written result is what the article's own figures give (in the comment's scale)."""
    if set(operators) - {"/"} and set(operators) - {"+", "-"}:
        return None  # mixed division with sums: order of operations is not worth guessing
    value = sources[0].value
    for op, art in zip(operators, sources[1:]):
        if op == "/":
            value = value / art.value if art.value else math.nan
        elif op == "*":
            return None
        else:
            value = value + art.value if op == "+" else value - art.value
    if "/" not in operators:  # a sum or difference is written in the dropped scale, like its operands
        value = value * operands[0].value / sources[0].value
    decimals = len(result.claim.surface.split(".")[1]) if "." in result.claim.surface else 0
    allowance = max(0.5 * 10 ** -decimals, result.precision, 1e-9 * abs(result.value))
    if not math.isfinite(value) or abs(value - result.value) > allowance:
        return None
    written = " ".join(f"{format_quantity(s, lex=lex)}" + (f" {op.replace('-', '−')}" if op else "")
                       for s, op in zip(sources, [*operators, ""]))
    computed = f"{value:,.{max(decimals, 0)}f}" if decimals else format_number(value)
    arithmetic = f"{written} = {computed}"
    return Verdict(claim=result.claim, status="derived", article_claims=[s.claim for s in sources],
                   arithmetic=arithmetic, explanation=f"Computed from the article's figures: {arithmetic}.")
