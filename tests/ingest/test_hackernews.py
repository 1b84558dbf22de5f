"""Hacker News items (commentkit/ingest/hackernews.py)."""
from __future__ import annotations

import pytest

from commentkit.ingest import detect_format, read
from tests.conftest import DATA
from tests.ingest.helpers import assert_one_line_error, shape

HN = DATA / "ingest" / "hn"


@pytest.mark.parametrize("name", ["algolia.json", "firebase.json", "empty.json"])
def test_detected(name):
    assert detect_format(HN / name).name == "hn"


def test_algolia_tree_nesting_and_deleted():
    thread = read(HN / "algolia.json")
    assert thread.id == "hn-1" and thread.title == "Show HN: A tiny parser"
    assert thread.article.text == "It parses 2 GB/s."
    assert shape(thread) == [("2", None, 0, "ana"), ("4", "2", 1, "maker"), ("5", None, 0, "ben")]
    assert thread.comments[0].text == "How fast on ARM?\n\nSecond para"
    assert thread.comments[2].text == "Nice & small."
    assert thread.meta["skipped_deleted"] == 1


def test_firebase_items_nesting_deleted_and_dead():
    thread = read(HN / "firebase.json")
    assert thread.title == "Show HN: A tiny parser" and thread.url == "https://example.org/parser"
    assert shape(thread) == [("11", None, 0, "ana"), ("13", "11", 1, "maker")]
    assert thread.meta["skipped_deleted"] == 2
    assert thread.comments[0].published.year == 2023


def test_truncated_file_names_position():
    assert_one_line_error(HN / "truncated.json", r"invalid JSON at line \d+ column \d+")


def test_empty_thread():
    thread = read(HN / "empty.json")
    assert thread.title == "Quiet" and thread.comments == []
