"""Dates written by widgets and exports; anything else is None, quickly."""
from datetime import datetime, timezone

import pytest

from commentkit.ingest.dates import DAY_FIRST, day_first_hint, looks_like_date, parse_date


@pytest.mark.parametrize("text,expected", [
    ("2019-08-03T04:11:57+00:00", datetime(2019, 8, 3, 4, 11, 57, tzinfo=timezone.utc)),
    ("March 3, 2021 at 10:42 pm", datetime(2021, 3, 3, 22, 42)),
    ("14. März 2021 um 10:42", datetime(2021, 3, 14, 10, 42)),
    ("3 hours ago", None),
    ("", None),
])
def test_written_dates(text, expected):
    assert parse_date(text) == expected


def test_a_huge_date_field_is_not_a_date():
    # Found by the slow fuzz profile: dateutil's fuzzy tokenizer took minutes on a 1 MB field.
    assert parse_date("2021 " + "a1 " * 300_000) is None


@pytest.mark.parametrize("text, lang, expected", [
    ("posted 14/06/2024 19:20 and 03/05/2024 08:00", None, True),   # a day above 12 comes first
    ("posted 06/14/2024 and 05/03/2024", None, False),              # a day above 12 comes second
    ("posted 03/05/2024", "en-GB", True),
    ("posted 03/05/2024", "de", True),
    ("posted 03/05/2024", "en-US", False),
    ("posted 03/05/2024", "en", None),
    ("posted 03/05/2024", None, None),
])
def test_day_first_hint(text, lang, expected):
    assert day_first_hint(text, lang) is expected


def test_ambiguous_date_read_day_first_when_the_page_says_so():
    token = DAY_FIRST.set(True)
    try:
        assert parse_date("03/05/2024 20:05").isoformat() == "2024-05-03T20:05:00"
    finally:
        DAY_FIRST.reset(token)
    assert parse_date("03/05/2024 20:05").isoformat() == "2024-03-05T20:05:00"


@pytest.mark.parametrize("text", ["Tue 18 Feb 2025 07.00 GMT", "Monday, October 9, 2023 7:41 PM", "1 year ago*",
                                  "yesterday at 4:12 PM", "Fri 12 May 2023 9.15am", "2 hours ago (edited)"])
def test_written_dates_with_weekdays_and_marks_are_dates(text):
    assert looks_like_date(text)


def test_dotted_time_is_read():
    assert parse_date("Tue 18 Feb 2025 07.00 GMT").strftime("%H:%M") == "07:00"


@pytest.mark.parametrize("text, expected", [
    ("Mon, 10/03/2025 - 11:42", "2025-03-10T11:42:00"),  # 10 March 2025 was a Monday
    ("Fri, 10/03/2025 - 11:42", "2025-10-03T11:42:00"),  # 3 October 2025 was a Friday
])
def test_a_weekday_settles_an_ambiguous_numeric_date(text, expected):
    assert parse_date(text).isoformat() == expected
