"""Dates written by widgets and exports; anything else is None, quickly."""
from datetime import datetime, timezone

import pytest

from commentkit.ingest.dates import parse_date


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
