"""Dates as comment widgets and exports write them -> datetime (or None when unsure).

A date without a year ("Jun 20th at 2:41 am") or a relative one ("3 years ago") gives None:
we do not know when the page was saved, and a wrong year is worse than none.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import datetime, timezone
from typing import Optional

from dateutil import parser as dateparser

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember"
)
_MONTH = re.compile(rf"\b({_MONTHS})\.?\b", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\s*([ap]\.?m\.?)?", re.I)
_RELATIVE = re.compile(
    r"^(about |vor )?(a|an|one|\d+)\s*(seconds?|secs?|minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|wk|w|"
    r"months?|mo|years?|yrs?|yr|y|sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?)\.?(\s+ago)?\.?"
    r"\s*(\*|\(edited\)|edited)?$|^(yesterday|today|just now|gestern|heute)$",
    re.I,
)
_WEEKDAYS = ("mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
             "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so")
_FILLER = re.compile(rf"\b(at|um|on|am|posted|edited|updated|yesterday|today|gestern|heute|{_WEEKDAYS})\b\.?|[,|·•@*]",
                     re.I)
_WEEKDAY_NAME = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?", re.I)
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# "07.00 GMT", "2025 14.30": a time written with a dot, as British and German sites do
_DOTTED_TIME = re.compile(r"(?:(?<=\d{4} )|(?<=\d{4}, ))(\d{1,2})\.(\d{2})\b|\b(\d{1,2})\.(\d{2})(?=\s*(?:[ap]\.?m\b|gmt|bst|utc|cet|cest|uhr))",
                          re.I)
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.I)
_GERMAN_MONTHS = {"januar": "january", "februar": "february", "märz": "march", "mai": "may", "juni": "june",
                  "juli": "july", "oktober": "october", "dezember": "december"}


def looks_like_date(text: str) -> bool:
    """True when the whole line is a date, a time, or a relative time ("2 days ago")."""
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if _RELATIVE.match(text):
        return True
    if not (_MONTH.search(text) or _NUMERIC_DATE.search(text) or _TIME.search(text)):
        return False
    text = re.sub(r"(\d)([ap]\.?m\.?)(?!\w)", r"\1 \2", text, flags=re.I)  # "9.15am"
    rest = _MONTH.sub(" ", _NUMERIC_DATE.sub(" ", _TIME.sub(" ", _ORDINAL.sub(r"\1", text))))
    rest = _FILLER.sub(" ", rest)
    rest = re.sub(r"\b\d{1,4}\b|[.:/\-–—()]|\b(am|pm|a\.m\.|p\.m\.|utc|gmt|uhr|(?-i:[A-Z]{2,4}))\b", " ", rest, flags=re.I)
    return not rest.strip()


MAX_DATE_CHARS = 200  # the longest written date ("Tuesday, 14 September 2021 at 10:42 pm CEST" …) with room


def parse_date(text) -> Optional[datetime]:
    """Parse a date written by a widget or an export; None when there is no year or no date."""
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return _from_epoch(text)
    text = str(text).strip()
    if not text or len(text) > MAX_DATE_CHARS:  # not a date; dateutil's fuzzy tokenizer is slow on long text
        return None
    if re.fullmatch(r"\d{9,13}", text):
        return _from_epoch(int(text))
    try:  # ISO 8601 first: exports use it
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    if not _YEAR.search(text) or _RELATIVE.match(text):
        return None
    cleaned = _ORDINAL.sub(r"\1", text)
    cleaned = _DOTTED_TIME.sub(lambda m: f"{m.group(1) or m.group(3)}:{m.group(2) or m.group(4)}", cleaned)
    cleaned = re.sub(r"\b(at|um|on|posted|edited)\b|[|·•]", " ", cleaned, flags=re.I)
    for german, english in _GERMAN_MONTHS.items():
        cleaned = re.sub(rf"\b{german}\b", english, cleaned, flags=re.I)
    dayfirst = bool(re.search(r"\b(1[3-9]|2\d|3[01])[/.]\d{1,2}[/.]\d{2,4}", cleaned)) or bool(
        re.search(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}", cleaned)) or (
        DAY_FIRST.get() is True and bool(_NUMERIC_DATE.search(cleaned)))
    parsed = _parse(cleaned, dayfirst)
    weekday = _WEEKDAY_NAME.search(cleaned)
    if parsed is not None and weekday and _NUMERIC_DATE.search(cleaned):
        # "Mon, 10/03/2025": of the two readings of an ambiguous date, the one on that weekday
        wanted = _WEEKDAY_INDEX[weekday.group(1).lower()[:3]]
        other = _parse(cleaned, not dayfirst)
        if parsed.weekday() != wanted and other is not None and other.weekday() == wanted:
            return other
    return parsed


def _parse(cleaned: str, dayfirst: bool) -> Optional[datetime]:
    try:
        return dateparser.parse(cleaned, dayfirst=dayfirst, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None


# Whether "03/05/2024" is 3 May on the page being read: set by a reader for the length of one file
# from ``day_first_hint``; None leaves dateutil's month-first default.
DAY_FIRST: ContextVar[Optional[bool]] = ContextVar("DAY_FIRST", default=None)
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})\b")


def day_first_hint(text: str, lang: Optional[str] = None) -> Optional[bool]:
    """Whether the page writes day before month: from its own unambiguous dates ("14/06/2024" yes,
    "06/14/2024" no), else from its language (en-US no; other English locales and other languages
    yes); None when nothing tells."""
    day_first = month_first = False
    for match in _DMY.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
    if day_first != month_first:
        return day_first
    lang = (lang or "").strip().lower().replace("_", "-")
    if not lang or lang == "en":
        return None
    return not lang.startswith("en-us")


def _from_epoch(seconds) -> Optional[datetime]:
    try:
        seconds = float(seconds)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None
